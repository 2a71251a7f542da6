"""Store access for the workbench: editing the codebook, per-annotator document status, removing
documents. Kept apart from `repo.py` so the core reads and writes stay small."""

from __future__ import annotations

from peewee import fn

from annotator.core import model as core
from annotator.store.models import Annotation, Category, Document, DocumentStatus
from annotator.store.repo import _annotation, _category, get_category, get_document_info, stamp

_CATEGORY_FIELDS = {
    "name": "name", "name_en": "name_en", "description": "description", "color": "color",
    "shortcut": "shortcut", "parent_id": "parent", "order": "sort_order", "archived": "archived",
}


def insert_category(*, name: str, name_en: str = "", description: str = "", color: str = "#888888",
                    shortcut: str = "", parent_id: int | None = None, order: int = 0) -> core.Category:
    row = Category.create(uuid=core.new_uuid(), parent=parent_id, name=name, name_en=name_en,
                          description=description, color=color, shortcut=shortcut, sort_order=order,
                          created=stamp())
    return _category(row)


def update_category(category_id: int, **fields) -> core.Category:
    """Write category fields named as in `core.Category` (name, parent_id, order, ...)."""
    values = {_CATEGORY_FIELDS[k]: v for k, v in fields.items()}
    if values:
        Category.update(**values).where(Category.id == category_id).execute()
    return get_category(category_id)


def write_category(c: core.Category) -> core.Category:
    """Put a category back exactly as `c` (undo)."""
    return update_category(c.id, name=c.name, name_en=c.name_en, description=c.description, color=c.color,
                           shortcut=c.shortcut, parent_id=c.parent_id, order=c.order, archived=c.archived)


def set_category_removed(category_id: int, removed: bool) -> core.Category:
    Category.update(removed_at=stamp() if removed else None).where(Category.id == category_id).execute()
    return get_category(category_id)


def category_is_removed(category_id: int) -> bool:
    return Category.select(Category.removed_at).where(Category.id == category_id).scalar() is not None


def max_category_order() -> int:
    return Category.select(fn.COALESCE(fn.MAX(Category.sort_order), -1)).scalar()


def live_annotations_of(category_id: int) -> list[int]:
    """Ids of the live tags of a category (in documents not removed)."""
    query = (Annotation.select(Annotation.id).join(Document)
             .where((Annotation.category == category_id) & Annotation.deleted_at.is_null()
                    & Document.removed_at.is_null()))
    return [r.id for r in query]


def annotations_by_ids(ids: list[int]) -> list[core.Annotation]:
    """The tags with these ids, removed ones included, in the order given."""
    found: dict[int, core.Annotation] = {}
    for i in range(0, len(ids), 500):
        for row in Annotation.select().where(Annotation.id.in_(ids[i:i + 500])):
            found[row.id] = _annotation(row)
    return [found[i] for i in ids if i in found]


def set_annotation_categories(category_of: dict[int, int]) -> None:
    """Give many tags new categories at once ({tag id: category id}): merging or un-merging categories."""
    now = stamp()
    by_category: dict[int, list[int]] = {}
    for tag, category in category_of.items():
        by_category.setdefault(category, []).append(tag)
    for category, tags in by_category.items():
        for i in range(0, len(tags), 500):
            (Annotation.update(category=category, updated=now)
             .where(Annotation.id.in_(tags[i:i + 500])).execute())


def category_counts(document_id: int | None = None, annotator_id: int | None = None) -> dict[int, int]:
    """Live tags per category id, in one document or the whole project, of one annotator or all."""
    query = (Annotation.select(Annotation.category, fn.COUNT(Annotation.id)).join(Document)
             .where(Annotation.deleted_at.is_null() & Document.removed_at.is_null())
             .group_by(Annotation.category))
    if document_id is not None:
        query = query.where(Annotation.document == document_id)
    if annotator_id is not None:
        query = query.where(Annotation.annotator == annotator_id)
    return {cat: n for cat, n in query.tuples()}


# Documents ----------------------------------------------------------------------------------------

def set_document_removed(document_id: int, removed: bool) -> core.DocumentInfo | None:
    Document.update(removed_at=stamp() if removed else None).where(Document.id == document_id).execute()
    if removed:
        row = Document.get_or_none(Document.id == document_id)
        from annotator.store.repo import _info

        return _info(row) if row else None
    return get_document_info(document_id)


def document_exists(document_id: int) -> bool:
    return Document.select().where(Document.id == document_id).exists()


def document_statuses(annotator_id: int) -> dict[int, str]:
    query = DocumentStatus.select(DocumentStatus.document, DocumentStatus.status).where(
        DocumentStatus.annotator == annotator_id)
    return {doc: status for doc, status in query.tuples()}


def set_document_status(document_id: int, annotator_id: int, status: str) -> None:
    """Store a status; "" removes it (the list then derives one from the annotator's tags)."""
    if not status:
        DocumentStatus.delete().where((DocumentStatus.document == document_id)
                                      & (DocumentStatus.annotator == annotator_id)).execute()
        return
    (DocumentStatus.insert(document=document_id, annotator=annotator_id, status=status, updated=stamp())
     .on_conflict(conflict_target=[DocumentStatus.document, DocumentStatus.annotator],
                  update={DocumentStatus.status: status, DocumentStatus.updated: stamp()})
     .execute())
