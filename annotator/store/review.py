"""Store reads for reviewing: tags as plain tuples, fast enough for agreement over 100,000s of tags."""

from __future__ import annotations

from collections.abc import Iterable

from annotator.store.models import Annotation, Document, database


def document_lengths(document_ids: Iterable[int] | None = None) -> dict[int, int]:
    """Live documents: id → length in code points."""
    query = Document.select(Document.id, Document.length).where(Document.removed_at.is_null())
    if document_ids is not None:
        query = query.where(Document.id.in_(list(document_ids)))
    return dict(query.tuples())


def tag_tuples(
    annotator_ids: Iterable[int],
    document_ids: Iterable[int] | None = None,
    category_ids: Iterable[int] | None = None,
) -> list[tuple[int, int, int, int, int]]:
    """(document id, annotator id, category id, start, end) of the live tags of these annotators."""
    query = (
        Annotation.select(
            Annotation.document, Annotation.annotator, Annotation.category, Annotation.start, Annotation.end
        )
        .join(Document, on=(Annotation.document == Document.id))
        .where(
            Annotation.deleted_at.is_null()
            & Document.removed_at.is_null()
            & Annotation.annotator.in_(list(annotator_ids))
        )
    )
    if document_ids is not None:
        query = query.where(Annotation.document.in_(list(document_ids)))
    if category_ids is not None:
        query = query.where(Annotation.category.in_(list(category_ids)))
    # The driver's own tuples: these are plain integers, and peewee's conversion of each value was
    # two thirds of reading 300,000 tags.
    return database.execute(query).fetchall()


def coded_documents(annotator_ids: Iterable[int] | None = None) -> dict[int, set[int]]:
    """annotator id → the live documents in which they have live tags."""
    query = (
        Annotation.select(Annotation.annotator, Annotation.document)
        .distinct()
        .join(Document, on=(Annotation.document == Document.id))
        .where(Annotation.deleted_at.is_null() & Document.removed_at.is_null())
    )
    if annotator_ids is not None:
        query = query.where(Annotation.annotator.in_(list(annotator_ids)))
    out: dict[int, set[int]] = {}
    for who, doc in query.tuples():
        out.setdefault(who, set()).add(doc)
    return out
