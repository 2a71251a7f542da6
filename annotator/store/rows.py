"""Rows into core records, for every store: the times as the store writes them (UTC, milliseconds),
the columns a document's summary reads, and plain driver rows where peewee's objects cost too much."""

from __future__ import annotations

import json
from datetime import datetime

from annotator.core import model as core
from annotator.store.models import Annotation, Annotator, Category, Document, database


def stamp(dt: datetime | None = None) -> str:
    return (dt or core.now_utc()).isoformat(timespec="milliseconds")


def parse_stamp(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def annotator_from_row(row: Annotator) -> core.Annotator:
    return core.Annotator(id=row.id, uuid=row.uuid, name=row.name)


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


INFO_FIELDS = (
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
        imported_at=parse_stamp(row.imported_at),
        annotation_count=count,
    )


def document_from_row(row: Document) -> core.Document:
    return core.Document(
        id=row.id,
        uuid=row.uuid,
        title=row.title,
        text=row.text,
        sha256=row.sha256,
        source_name=row.source_name,
        source_format=row.source_format,
        meta=json.loads(row.meta or "{}"),
        imported_at=parse_stamp(row.imported_at),
    )


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
        created=parse_stamp(row.created),
        updated=parse_stamp(row.updated),
    )


def raw_rows(query) -> list[tuple]:
    """Rows straight from the driver: these columns need no conversion, and peewee's per-value
    conversion is most of the cost at 100,000 rows."""
    return database.execute(query).fetchall()


def annotation_from_tuple(t: tuple) -> core.Annotation:
    return core.Annotation(*t[:11], created=parse_stamp(t[11]), updated=parse_stamp(t[12]))
