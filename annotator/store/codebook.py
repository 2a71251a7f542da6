"""The codebook's categories: reading, creating, editing, removing and ordering them, and counting
their tags."""

from __future__ import annotations

from collections.abc import Sequence

from peewee import fn

from annotator.core import model as core
from annotator.core.codebook import CodebookEntry
from annotator.store.models import Annotation, Category, Document
from annotator.store.rows import category_from_row, stamp

_CATEGORY_FIELDS = {
    "name": "name",
    "name_en": "name_en",
    "description": "description",
    "color": "color",
    "shortcut": "shortcut",
    "parent_id": "parent",
    "order": "sort_order",
    "archived": "archived",
}


def insert_category(
    *,
    name: str,
    name_en: str = "",
    description: str = "",
    color: str = "#888888",
    shortcut: str = "",
    parent_id: int | None = None,
    order: int = 0,
) -> core.Category:
    row = Category.create(
        uuid=core.new_uuid(),
        parent=parent_id,
        name=name,
        name_en=name_en,
        description=description,
        color=color,
        shortcut=shortcut,
        sort_order=order,
        created=stamp(),
    )
    return category_from_row(row)


def update_category(category_id: int, **fields) -> core.Category:
    """Write category fields named as in `core.Category` (name, parent_id, order, ...)."""
    values = {_CATEGORY_FIELDS[k]: v for k, v in fields.items()}
    if values:
        Category.update(**values).where(Category.id == category_id).execute()
    return get_category(category_id)


def write_category(c: core.Category) -> core.Category:
    """Put a category back exactly as `c` (undo)."""
    return update_category(
        c.id,
        name=c.name,
        name_en=c.name_en,
        description=c.description,
        color=c.color,
        shortcut=c.shortcut,
        parent_id=c.parent_id,
        order=c.order,
        archived=c.archived,
    )


def set_category_removed(category_id: int, removed: bool) -> core.Category:
    Category.update(removed_at=stamp() if removed else None).where(Category.id == category_id).execute()
    return get_category(category_id)


def category_is_removed(category_id: int) -> bool:
    return Category.select(Category.removed_at).where(Category.id == category_id).scalar() is not None


def max_category_order() -> int:
    return Category.select(fn.COALESCE(fn.MAX(Category.sort_order), -1)).scalar()


def live_annotations_of(category_id: int) -> list[int]:
    """Ids of the live tags of a category (in documents not removed)."""
    query = (
        Annotation.select(Annotation.id)
        .join(Document)
        .where(
            (Annotation.category == category_id)
            & Annotation.deleted_at.is_null()
            & Document.removed_at.is_null()
        )
    )
    return [r.id for r in query]


def category_counts(document_id: int | None = None, annotator_id: int | None = None) -> dict[int, int]:
    """Live tags per category id, in one document or the whole project, of one annotator or all."""
    query = (
        Annotation.select(Annotation.category, fn.COUNT(Annotation.id))
        .join(Document)
        .where(Annotation.deleted_at.is_null() & Document.removed_at.is_null())
        .group_by(Annotation.category)
    )
    if document_id is not None:
        query = query.where(Annotation.document == document_id)
    if annotator_id is not None:
        query = query.where(Annotation.annotator == annotator_id)
    return {cat: n for cat, n in query.tuples()}


# Reading the codebook, and a codebook tree written at once ---------------------------------------


def list_categories(include_archived: bool = True) -> list[core.Category]:
    query = Category.select().where(Category.removed_at.is_null()).order_by(Category.sort_order, Category.id)
    if not include_archived:
        query = query.where(Category.archived == False)  # noqa: E712 (peewee expression)
    return [category_from_row(r) for r in query]


def get_category(category_id: int) -> core.Category | None:
    row = Category.get_or_none(Category.id == category_id)
    return category_from_row(row) if row else None


def insert_codebook(entries: Sequence[CodebookEntry], parent_id: int | None = None) -> list[core.Category]:
    """Insert a codebook tree; entries whose uuid already exists are skipped (with their subtree kept)."""
    added: list[core.Category] = []
    order = Category.select(fn.COALESCE(fn.MAX(Category.sort_order), -1)).scalar() + 1
    now = stamp()

    def put(entry: CodebookEntry, parent: int | None) -> None:
        nonlocal order
        existing = Category.get_or_none(Category.uuid == entry.uuid)
        if existing is None:
            row = Category.create(
                uuid=entry.uuid,
                parent=parent,
                name=entry.name,
                name_en=entry.name_en,
                description=entry.description,
                color=entry.color,
                shortcut=entry.shortcut,
                sort_order=order,
                created=now,
            )
            order += 1
            added.append(category_from_row(row))
            cid = row.id
        else:
            cid = existing.id
        for child in entry.children:
            put(child, cid)

    for entry in entries:
        put(entry, parent_id)
    return added


def all_categories() -> list[tuple[core.Category, bool]]:
    """Every category with whether it was removed."""
    return [(category_from_row(r), r.removed_at is not None) for r in Category.select().order_by(Category.id)]


def restore_category(category_id: int) -> core.Category:
    Category.update(removed_at=None).where(Category.id == category_id).execute()
    return category_from_row(Category.get_by_id(category_id))
