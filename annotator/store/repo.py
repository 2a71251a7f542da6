"""Reads and writes of the project's tables, returning core records.

Services call these inside `transaction()`; nothing outside `store/` sees peewee.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime

from peewee import JOIN, DatabaseError, InterfaceError, fn

from annotator.core import model as core
from annotator.core.codebook import CodebookEntry
from annotator.core.errors import ConnectionLostError
from annotator.core.messages import QT_TRANSLATE_NOOP, Message
from annotator.core.span_table import TagColumns
from annotator.store import server
from annotator.store.models import (
    TAG_ROW_COLUMNS,
    Annotation,
    Annotator,
    Category,
    Document,
    DocumentSource,
    ProjectInfo,
    database,
)


@contextmanager
def transaction() -> Iterator[None]:
    """One transaction (a savepoint when nested). On a team server, a change the member has no right
    to make, or a lost connection, comes out as the user's message; either way nothing was written.
    A connection found broken when the transaction begins (the server restarted, the network dropped
    an idle connection) is opened again once and the transaction begun anew: nothing had been sent."""
    ctx = _begin()
    try:
        yield
    except BaseException as exc:
        try:
            ctx.__exit__(type(exc), exc, exc.__traceback__)  # rolls back
        except (DatabaseError, InterfaceError):
            pass  # a broken connection cannot roll back; the server discards the transaction itself
        translated = server.translate(exc) if isinstance(exc, (DatabaseError, InterfaceError)) else None
        if isinstance(exc, ConnectionLostError) and not database.in_transaction():
            server.translate(InterfaceError("connection lost"))  # closes it, for the next action
        if translated is None and isinstance(exc, DatabaseError) and not server.on_server():
            # A project file: disk full, read-only, a write lock held past the busy timeout.
            from annotator.store.db import current_path, explain

            raise explain(exc, current_path()) from None
        if translated is None:
            raise
        raise translated from None
    try:
        ctx.__exit__(None, None, None)  # commits
    except (DatabaseError, InterfaceError) as exc:
        translated = server.translate(exc)
        if isinstance(translated, ConnectionLostError):
            # Lost while the commit was on its way: the server applied all of it or none of it, and
            # only the server knows which. Say so rather than claim nothing was changed.
            raise ConnectionLostError(
                Message(
                    QT_TRANSLATE_NOOP(
                        "Messages",
                        "the connection to the team server was lost while saving; the change was saved "
                        "whole or not at all — reload to see which",
                    )
                )
            ) from None
        if translated is None:
            if server.on_server():
                raise
            # A project file: disk full, read-only, a write lock held past the busy timeout.
            from annotator.store.db import current_path, explain

            raise explain(exc, current_path()) from None
        raise translated from None


def _begin():
    for attempt in (1, 2):
        ctx = database.atomic()
        outermost = not database.in_transaction()
        try:
            ctx.__enter__()
            return ctx
        except (DatabaseError, InterfaceError) as exc:
            translated = server.translate(exc)
            if attempt == 1 and outermost and isinstance(translated, ConnectionLostError):
                continue
            if translated is None:
                if server.on_server():
                    raise
                # A project file: BEGIN IMMEDIATE waits for the write lock, up to the busy timeout.
                from annotator.store.db import current_path, explain

                raise explain(exc, current_path()) from None
            raise translated from None
    raise AssertionError("unreachable")


def stamp(dt: datetime | None = None) -> str:
    return (dt or core.now_utc()).isoformat(timespec="milliseconds")


def _dt(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


# Project info -------------------------------------------------------------------------------------


def get_info(key: str) -> str | None:
    row = ProjectInfo.get_or_none(ProjectInfo.key == key)
    return row.value if row else None


def set_info(key: str, value: str) -> None:
    (
        ProjectInfo.insert(key=key, value=value)
        .on_conflict(conflict_target=[ProjectInfo.key], update={ProjectInfo.value: value})
        .execute()
    )


# Annotators ----------------------------------------------------------------------------------------


def _annotator(row: Annotator) -> core.Annotator:
    return core.Annotator(id=row.id, uuid=row.uuid, name=row.name)


def list_annotators() -> list[core.Annotator]:
    return [_annotator(r) for r in Annotator.select().order_by(Annotator.id)]


def get_annotator(annotator_id: int) -> core.Annotator | None:
    row = Annotator.get_or_none(Annotator.id == annotator_id)
    return _annotator(row) if row else None


def find_annotator(name: str | None = None, uuid: str | None = None) -> core.Annotator | None:
    query = Annotator.select()
    query = query.where(Annotator.uuid == uuid) if uuid else query.where(Annotator.name == name)
    row = query.order_by(Annotator.id).first()
    return _annotator(row) if row else None


def insert_annotator(name: str, uuid: str | None = None) -> core.Annotator:
    row = Annotator.create(uuid=uuid or core.new_uuid(), name=name, created=stamp())
    return _annotator(row)


# Categories ---------------------------------------------------------------------------------------


def category_from_row(row: Category) -> core.Category:
    return core.Category(
        id=row.id,
        uuid=row.uuid,
        name=row.name,
        name_en=row.name_en,
        description=row.description,
        color=row.color,
        shortcut=row.shortcut,
        parent_id=row.parent_id,
        order=row.sort_order,
        archived=row.archived,
    )


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


# Documents ----------------------------------------------------------------------------------------

_INFO_FIELDS = (
    Document.id,
    Document.uuid,
    Document.title,
    Document.length,
    Document.sha256,
    Document.source_name,
    Document.source_format,
    Document.meta,
    Document.imported_at,
)


def info_from_row(row: Document, count: int = 0) -> core.DocumentInfo:
    return core.DocumentInfo(
        id=row.id,
        uuid=row.uuid,
        title=row.title,
        length=row.length,
        sha256=row.sha256,
        source_name=row.source_name,
        source_format=row.source_format,
        meta=json.loads(row.meta or "{}"),
        imported_at=_dt(row.imported_at),
        annotation_count=count,
    )


def _document(row: Document) -> core.Document:
    return core.Document(
        id=row.id,
        uuid=row.uuid,
        title=row.title,
        text=row.text,
        sha256=row.sha256,
        source_name=row.source_name,
        source_format=row.source_format,
        meta=json.loads(row.meta or "{}"),
        imported_at=_dt(row.imported_at),
    )


def insert_document(
    *,
    title: str,
    text: str,
    source_name: str = "",
    source_format: str = "",
    meta: dict | None = None,
    uuid: str | None = None,
) -> core.DocumentInfo:
    row = Document.create(
        uuid=uuid or core.new_uuid(),
        title=title,
        text=text,
        sha256=core.text_sha256(text),
        length=len(text),
        source_name=source_name,
        source_format=source_format,
        meta=json.dumps(meta or {}, ensure_ascii=False),
        imported_at=stamp(),
    )
    # Every document says what its text was as delivered; an importer that applied recorded steps
    # replaces this with `sources.record`.
    DocumentSource.create(
        document=row.id,
        sha256=row.sha256,
        length=row.length,
        newlines="",
        steps="[]",
        edits="[]",
        recorded_at=row.imported_at,
    )
    return info_from_row(row)


def list_documents(annotator_id: int | None = None) -> list[core.DocumentInfo]:
    """Documents with their live annotation count (all annotators, or one)."""
    join_on = (Annotation.document == Document.id) & Annotation.deleted_at.is_null()
    if annotator_id is not None:
        join_on &= Annotation.annotator == annotator_id
    query = (
        Document.select(*_INFO_FIELDS, fn.COUNT(Annotation.id).alias("n"))
        .join(Annotation, JOIN.LEFT_OUTER, on=join_on)
        .where(Document.removed_at.is_null())
        .group_by(*_INFO_FIELDS)
        .order_by(Document.id)
    )
    return [info_from_row(row, row.n) for row in query]


def get_document(document_id: int) -> core.Document | None:
    row = Document.get_or_none((Document.id == document_id) & Document.removed_at.is_null())
    return _document(row) if row else None


def get_document_info(document_id: int) -> core.DocumentInfo | None:
    row = (
        Document.select(*_INFO_FIELDS)
        .where((Document.id == document_id) & Document.removed_at.is_null())
        .first()
    )
    return info_from_row(row) if row else None


def update_document(document_id: int, *, title: str | None = None, meta: dict | None = None) -> None:
    fields: dict = {}
    if title is not None:
        fields["title"] = title
    if meta is not None:
        fields["meta"] = json.dumps(meta, ensure_ascii=False)
    if fields:
        Document.update(**fields).where(Document.id == document_id).execute()


def document_length(document_id: int) -> int | None:
    return (
        Document.select(Document.length)
        .where((Document.id == document_id) & Document.removed_at.is_null())
        .scalar()
    )


def text_slice(document_id: int, start: int, end: int) -> str:
    """Characters [start, end) of a document without reading its whole text (SQL substr counts
    characters, like our code-point offsets, in SQLite and PostgreSQL alike)."""
    start = max(0, start)
    if end <= start:
        return ""
    return (
        Document.select(fn.substr(Document.text, start + 1, end - start))
        .where(Document.id == document_id)
        .scalar()
        or ""
    )


def text_window(document_id: int, start: int, end: int) -> tuple[int, str] | None:
    """A live document's length and its characters [start, end), in one read of its row: the row of a
    long text spans hundreds of pages, and reading `length` and the slice apart walks them twice."""
    start = max(0, start)
    row = (
        Document.select(Document.length, fn.substr(Document.text, start + 1, max(end - start, 0)))
        .where((Document.id == document_id) & Document.removed_at.is_null())
        .tuples()
        .first()
    )
    return (row[0], row[1] or "") if row else None


def find_documents(uuid: str | None = None, sha256: str | None = None) -> list[core.DocumentInfo]:
    query = Document.select(*_INFO_FIELDS).where(Document.removed_at.is_null())
    if uuid:
        query = query.where(Document.uuid == uuid)
    if sha256:
        query = query.where(Document.sha256 == sha256)
    return [info_from_row(r) for r in query]


def get_documents(ids: Iterable[int] | None = None) -> list[core.Document]:
    query = Document.select().where(Document.removed_at.is_null()).order_by(Document.id)
    if ids is not None:
        query = query.where(Document.id.in_(list(ids)))
    return [_document(r) for r in query]


# Annotations --------------------------------------------------------------------------------------


def annotation_from_row(row: Annotation) -> core.Annotation:
    return core.Annotation(
        id=row.id,
        uuid=row.uuid,
        document_id=row.document_id,
        annotator_id=row.annotator_id,
        category_id=row.category_id,
        start=row.start,
        end=row.end,
        text=row.text,
        before=row.before,
        after=row.after,
        memo=row.memo,
        created=_dt(row.created),
        updated=_dt(row.updated),
    )


def insert_annotation(
    *,
    document_id: int,
    annotator_id: int,
    category_id: int,
    start: int,
    end: int,
    text: str,
    before: str,
    after: str,
    memo: str = "",
    uuid: str | None = None,
    created: datetime | None = None,
) -> core.Annotation:
    now = stamp()
    row = Annotation.create(
        uuid=uuid or core.new_uuid(),
        document=document_id,
        annotator=annotator_id,
        category=category_id,
        start=start,
        end=end,
        text=text,
        before=before,
        after=after,
        memo=memo,
        created=stamp(created) if created else now,
        updated=now,
    )
    return annotation_from_row(row)


def get_annotation(annotation_id: int, *, include_deleted: bool = False) -> core.Annotation | None:
    cond = Annotation.id == annotation_id
    if not include_deleted:
        cond &= Annotation.deleted_at.is_null()
    row = Annotation.get_or_none(cond)
    return annotation_from_row(row) if row else None


def find_annotation(uuid: str) -> core.Annotation | None:
    row = Annotation.get_or_none(Annotation.uuid == uuid)
    return annotation_from_row(row) if row else None


def update_annotation(annotation_id: int, **fields) -> core.Annotation:
    Annotation.update(updated=stamp(), **fields).where(Annotation.id == annotation_id).execute()
    return get_annotation(annotation_id, include_deleted=True)


def set_deleted(annotation_id: int, deleted: bool) -> core.Annotation:
    return update_annotation(annotation_id, deleted_at=stamp() if deleted else None)


def set_deleted_many(annotation_ids: Sequence[int], deleted: bool) -> None:
    """Mark many tags removed (or live again) at once: undo of a merge of 100,000 tags."""
    now = stamp()
    for i in range(0, len(annotation_ids), 500):
        (
            Annotation.update(deleted_at=now if deleted else None, updated=now)
            .where(Annotation.id.in_(list(annotation_ids[i : i + 500])))
            .execute()
        )


def list_annotations(
    document_ids: Iterable[int] | None = None,
    annotator_ids: Iterable[int] | None = None,
    category_ids: Iterable[int] | None = None,
) -> list[core.Annotation]:
    # Plain tuples, not model instances: building 100,000 peewee objects costs seconds.
    query = (
        Annotation.select(*TAG_ROW_COLUMNS)
        .join(Document)
        .where(Annotation.deleted_at.is_null() & Document.removed_at.is_null())
        .order_by(Annotation.document, Annotation.start, Annotation.end, Annotation.id)
    )
    if document_ids is not None:
        query = query.where(Annotation.document.in_(list(document_ids)))
    if annotator_ids is not None:
        query = query.where(Annotation.annotator.in_(list(annotator_ids)))
    if category_ids is not None:
        query = query.where(Annotation.category.in_(list(category_ids)))
    return [_annotation_from_tuple(t) for t in _raw_rows(query)]


TAG_ROW_COLUMNS = TAG_ROW_COLUMNS


def _raw_rows(query) -> list[tuple]:
    """Rows straight from the driver: these columns need no conversion, and peewee's per-value
    conversion is most of the cost at 100,000 rows."""
    return database.execute(query).fetchall()


def _annotation_from_tuple(t: tuple) -> core.Annotation:
    return core.Annotation(*t[:11], created=_dt(t[11]), updated=_dt(t[12]))


def spans(document_id: int, annotator_ids: Iterable[int] | None = None) -> list[tuple[int, int, int, int]]:
    """(start, end, annotation id, category id) of a document's live annotations: the view's fast path."""
    query = (
        Annotation.select(Annotation.start, Annotation.end, Annotation.id, Annotation.category)
        .where((Annotation.document == document_id) & Annotation.deleted_at.is_null())
        .order_by(Annotation.start)
    )
    if annotator_ids is not None:
        query = query.where(Annotation.annotator.in_(list(annotator_ids)))
    return _raw_rows(query)


def annotation_columns(document_id: int) -> TagColumns:
    """A document's live tags as columns in (start, end, id) order: opening a document reads this, one
    row of five integers per tag (from the covering index of schema 8) and no object per tag.

    Measured on 100,000 tags: this is cheaper than making SQLite pack the columns into one string
    (group_concat of printf hex, or of decimals) and parsing it; SQLite's own reading of the index is about
    a quarter of the cost, the rows Python receives the rest."""
    query = (
        Annotation.select(
            Annotation.start, Annotation.end, Annotation.id, Annotation.category, Annotation.annotator
        )
        .where((Annotation.document == document_id) & Annotation.deleted_at.is_null())
        .order_by(Annotation.start, Annotation.end, Annotation.id)
    )
    return TagColumns.from_rows(_raw_rows(query))


_IDS_PER_QUERY = 500  # bound parameters per IN (...): well under every engine's limit


def get_annotations(annotation_ids: Iterable[int], *, include_deleted: bool = False) -> list[core.Annotation]:
    """The annotations with these ids (in id order; unknown ids left out): the rows of a tag list in view."""
    ids, found = list(annotation_ids), []
    for i in range(0, len(ids), _IDS_PER_QUERY):
        query = Annotation.select(*TAG_ROW_COLUMNS).where(Annotation.id.in_(ids[i : i + _IDS_PER_QUERY]))
        if not include_deleted:
            query = query.where(Annotation.deleted_at.is_null())
        found.extend(_annotation_from_tuple(t) for t in _raw_rows(query.order_by(Annotation.id)))
    return sorted(found, key=lambda a: a.id)


def count_annotations() -> int:
    return Annotation.select().where(Annotation.deleted_at.is_null()).count()


# What the intake matcher looks up once per intake (services/intake.py) -----------------------------


def documents_by_uuid() -> dict[str, tuple[int, str, bool]]:
    """uuid → (id, sha256, removed) of every document, removed ones included."""
    query = Document.select(Document.uuid, Document.id, Document.sha256, Document.removed_at)
    return {u: (i, sha, removed is not None) for u, i, sha, removed in query.tuples()}


def live_documents_by_sha() -> dict[str, int]:
    query = (
        Document.select(Document.sha256, Document.id)
        .where(Document.removed_at.is_null())
        .order_by(Document.id.desc())
    )
    return {sha: i for sha, i in query.tuples()}


def document_titles() -> dict[int, str]:
    return dict(Document.select(Document.id, Document.title).tuples())


def document_text(document_id: int) -> str:
    return Document.select(Document.text).where(Document.id == document_id).scalar() or ""


def all_categories() -> list[tuple[core.Category, bool]]:
    """Every category with whether it was removed."""
    return [(category_from_row(r), r.removed_at is not None) for r in Category.select().order_by(Category.id)]


def annotators_by_uuid() -> dict[str, core.Annotator]:
    return {r.uuid: core.Annotator(id=r.id, uuid=r.uuid, name=r.name) for r in Annotator.select()}


def restore_document(document_id: int) -> core.DocumentInfo:
    Document.update(removed_at=None).where(Document.id == document_id).execute()
    return info_from_row(Document.get_by_id(document_id))


def restore_category(category_id: int) -> core.Category:
    Category.update(removed_at=None).where(Category.id == category_id).execute()
    return category_from_row(Category.get_by_id(category_id))
