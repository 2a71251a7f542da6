"""Documents as each annotator sees them (their status) and their removal (kept, marked, restorable)."""

from __future__ import annotations

from annotator.core import model as core
from annotator.store.models import Document, DocumentStatus
from annotator.store.repo import get_document_info, info_from_row, stamp


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
