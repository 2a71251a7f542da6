"""Sections and statute citations found in judgments (tables `document_section`, `statute_citation`).
Plain peewee, engine-neutral."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from annotator.store.models import Document, DocumentSection, StatuteCitation


def replace_structure(document_id: int, sections: Sequence[tuple[str, int, int]],
                      citations: Sequence[tuple[str, int, int | None, int | None, int | None, int, int]]) -> None:
    """Store what was found in one document, replacing what an earlier run found.

    `citations` rows are (statute, article, article_suffix, paragraph, item, start, end)."""
    DocumentSection.delete().where(DocumentSection.document == document_id).execute()
    StatuteCitation.delete().where(StatuteCitation.document == document_id).execute()
    if sections:
        DocumentSection.insert_many(
            [(document_id, k, s, e) for k, s, e in sections],
            fields=[DocumentSection.document, DocumentSection.kind, DocumentSection.start, DocumentSection.end],
        ).execute()
    if citations:
        StatuteCitation.insert_many(
            [(document_id, *c) for c in citations],
            fields=[StatuteCitation.document, StatuteCitation.statute, StatuteCitation.article,
                    StatuteCitation.article_suffix, StatuteCitation.paragraph, StatuteCitation.item,
                    StatuteCitation.start, StatuteCitation.end],
        ).execute()


def sections(document_ids: Iterable[int] | None = None) -> dict[int, list[tuple[str, int, int]]]:
    """(kind, start, end) per document, in text order."""
    query = (DocumentSection.select(DocumentSection.document, DocumentSection.kind, DocumentSection.start,
                                    DocumentSection.end)
             .order_by(DocumentSection.document, DocumentSection.start))
    if document_ids is not None:
        query = query.where(DocumentSection.document.in_(list(document_ids)))
    out: dict[int, list[tuple[str, int, int]]] = {}
    for doc, kind, start, end in query.tuples():
        out.setdefault(doc, []).append((kind, start, end))
    return out


def citations(document_ids: Iterable[int] | None = None) -> list[tuple[int, str, int, int | None, int | None,
                                                                       int | None, int, int]]:
    """(document id, statute, article, article_suffix, paragraph, item, start, end) of live documents."""
    query = (StatuteCitation.select(StatuteCitation.document, StatuteCitation.statute, StatuteCitation.article,
                                    StatuteCitation.article_suffix, StatuteCitation.paragraph,
                                    StatuteCitation.item, StatuteCitation.start, StatuteCitation.end)
             .join(Document).where(Document.removed_at.is_null())
             .order_by(StatuteCitation.document, StatuteCitation.start))
    if document_ids is not None:
        query = query.where(StatuteCitation.document.in_(list(document_ids)))
    return list(query.tuples())
