"""Reads and writes for document history: earlier texts, and the review flags re-anchoring sets."""

from __future__ import annotations

from datetime import datetime

from peewee import fn

from annotator.core import model as core
from annotator.core.history import DocumentVersion as VersionInfo
from annotator.store import sources
from annotator.store.models import Annotation, Document, DocumentVersion
from annotator.store.rows import annotation_from_row, stamp


def history(document_id: int) -> list[VersionInfo]:
    rows = (
        DocumentVersion.select()
        .where(DocumentVersion.document == document_id)
        .order_by(DocumentVersion.version)
    )
    return [
        VersionInfo(
            document_id, r.version, r.sha256, r.length, r.source_name, datetime.fromisoformat(r.replaced_at)
        )
        for r in rows
    ]


def old_text(document_id: int, version: int) -> str | None:
    return (
        DocumentVersion.select(DocumentVersion.text)
        .where((DocumentVersion.document == document_id) & (DocumentVersion.version == version))
        .scalar()
    )


def replace_text(
    document_id: int, text: str, *, source_name: str | None = None, source_format: str | None = None
) -> int:
    """Keep the current text as the next history version and put `text` in its place; returns the
    history version number given to the old text."""
    doc = Document.get_by_id(document_id)
    version = (
        DocumentVersion.select(fn.COALESCE(fn.MAX(DocumentVersion.version), 0))
        .where(DocumentVersion.document == document_id)
        .scalar()
    ) + 1
    DocumentVersion.create(
        document=document_id,
        version=version,
        text=doc.text,
        sha256=doc.sha256,
        length=doc.length,
        source_name=doc.source_name,
        source_format=doc.source_format,
        replaced_at=stamp(),
    )
    fields = {"text": text, "sha256": core.text_sha256(text), "length": len(text)}
    if source_name is not None:
        fields["source_name"] = source_name
    if source_format is not None:
        fields["source_format"] = source_format
    Document.update(**fields).where(Document.id == document_id).execute()
    sources.record_identity(document_id, text)  # the corrected file is what was delivered now
    return version


def annotations_of(document_id: int) -> list[tuple[core.Annotation, bool]]:
    """Every tag of a document, removed ones too (undo may bring them back): (annotation, removed)."""
    rows = Annotation.select().where(Annotation.document == document_id).order_by(Annotation.id)
    return [(annotation_from_row(r), r.deleted_at is not None) for r in rows]


def move(
    annotation_id: int,
    *,
    start: int,
    end: int,
    text: str,
    before: str,
    after: str,
    review: str | None,
    score: float,
    remove: bool = False,
) -> None:
    fields = dict(
        start=start,
        end=end,
        text=text,
        before=before,
        after=after,
        review=review,
        anchor_score=score,
        updated=stamp(),
    )
    if remove:
        fields["deleted_at"] = stamp()
    Annotation.update(**fields).where(Annotation.id == annotation_id).execute()


def flag(annotation_id: int, review: str | None, score: float | None = None, *, remove: bool = False) -> None:
    fields: dict = {"review": review, "anchor_score": score, "updated": stamp()}
    if remove:
        fields["deleted_at"] = stamp()
    Annotation.update(**fields).where(Annotation.id == annotation_id).execute()


def flagged(document_id: int | None = None) -> list[tuple[core.Annotation, str, float | None, bool]]:
    """Tags waiting for review: (annotation, reason, score, removed)."""
    query = (
        Annotation.select()
        .where(Annotation.review.is_null(False))
        .order_by(Annotation.document, Annotation.start)
    )
    if document_id is not None:
        query = query.where(Annotation.document == document_id)
    return [(annotation_from_row(r), r.review, r.anchor_score, r.deleted_at is not None) for r in query]


def get_review(annotation_id: int) -> tuple[str | None, float | None]:
    row = Annotation.get_or_none(Annotation.id == annotation_id)
    return (row.review, row.anchor_score) if row else (None, None)
