"""Documents: their texts and summaries, reading a part of a long text, their status as each annotator
sees it, and their removal (kept, marked, restorable)."""

from __future__ import annotations

import json
from collections.abc import Iterable

from peewee import JOIN, fn

from annotator.core import model as core
from annotator.store.models import Annotation, Document, DocumentSource, DocumentStatus
from annotator.store.rows import INFO_FIELDS, document_from_row, info_from_row, stamp


def set_document_removed(document_id: int, removed: bool) -> core.DocumentInfo | None:
    Document.update(removed_at=stamp() if removed else None).where(Document.id == document_id).execute()
    if removed:
        row = Document.get_or_none(Document.id == document_id)
        return info_from_row(row) if row else None
    return get_document_info(document_id)


def document_exists(document_id: int) -> bool:
    return Document.select().where(Document.id == document_id).exists()


def document_statuses(annotator_id: int) -> dict[int, str]:
    query = DocumentStatus.select(DocumentStatus.document, DocumentStatus.status).where(
        DocumentStatus.annotator == annotator_id
    )
    return {doc: status for doc, status in query.tuples()}


def set_document_status(document_id: int, annotator_id: int, status: str) -> None:
    """Store a status; "" removes it (the list then derives one from the annotator's tags)."""
    if not status:
        DocumentStatus.delete().where(
            (DocumentStatus.document == document_id) & (DocumentStatus.annotator == annotator_id)
        ).execute()
        return
    (
        DocumentStatus.insert(document=document_id, annotator=annotator_id, status=status, updated=stamp())
        .on_conflict(
            conflict_target=[DocumentStatus.document, DocumentStatus.annotator],
            update={DocumentStatus.status: status, DocumentStatus.updated: stamp()},
        )
        .execute()
    )


# Texts and summaries -----------------------------------------------------------------------------


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
        Document.select(*INFO_FIELDS, fn.COUNT(Annotation.id).alias("n"))
        .join(Annotation, JOIN.LEFT_OUTER, on=join_on)
        .where(Document.removed_at.is_null())
        .group_by(*INFO_FIELDS)
        .order_by(Document.id)
    )
    return [info_from_row(row, row.n) for row in query]


def get_document(document_id: int) -> core.Document | None:
    row = Document.get_or_none((Document.id == document_id) & Document.removed_at.is_null())
    return document_from_row(row) if row else None


def get_document_info(document_id: int) -> core.DocumentInfo | None:
    row = (
        Document.select(*INFO_FIELDS)
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
    query = Document.select(*INFO_FIELDS).where(Document.removed_at.is_null())
    if uuid:
        query = query.where(Document.uuid == uuid)
    if sha256:
        query = query.where(Document.sha256 == sha256)
    return [info_from_row(r) for r in query]


def get_documents(ids: Iterable[int] | None = None) -> list[core.Document]:
    query = Document.select().where(Document.removed_at.is_null()).order_by(Document.id)
    if ids is not None:
        query = query.where(Document.id.in_(list(ids)))
    return [document_from_row(r) for r in query]


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


def restore_document(document_id: int) -> core.DocumentInfo:
    Document.update(removed_at=None).where(Document.id == document_id).execute()
    return info_from_row(Document.get_by_id(document_id))
