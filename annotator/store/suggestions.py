"""Decisions on tag suggestions and per-category suggestion settings (tables `suggestion_decision`,
`suggestion_setting`, schema 7). Plain peewee, engine-neutral."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from annotator.core.model import new_uuid
from annotator.store.models import Document, DocumentStatus, SuggestionDecision, SuggestionSetting
from annotator.store.rows import stamp


def add_decisions(rows: Sequence[dict]) -> list[str]:
    """Rows with document_id, category_id, annotator_id, start, end, text, decision, score, source;
    returns the new decisions' uuids."""
    now = stamp()
    data = [
        {
            "uuid": new_uuid(),
            "decided_at": now,
            "document": r["document_id"],
            "category": r["category_id"],
            "annotator": r["annotator_id"],
            "start": r["start"],
            "end": r["end"],
            "text": r["text"],
            "decision": r["decision"],
            "score": r["score"],
            "source": r["source"],
        }
        for r in rows
    ]
    for i in range(0, len(data), 200):
        SuggestionDecision.insert_many(data[i : i + 200]).execute()
    return [d["uuid"] for d in data]


def remove_decisions(uuids: Sequence[str]) -> int:
    """Forget decisions (undo of a rejection)."""
    n = 0
    for i in range(0, len(uuids), 200):
        n += (
            SuggestionDecision.delete().where(SuggestionDecision.uuid.in_(list(uuids[i : i + 200]))).execute()
        )
    return n


def decisions(
    decision: str, annotator_ids: Iterable[int] | None = None, document_ids: Iterable[int] | None = None
) -> list[tuple[int, int, int, int, int]]:
    """(document id, start, end, category id, annotator id) of the decisions of one kind, live documents only."""
    query = (
        SuggestionDecision.select(
            SuggestionDecision.document,
            SuggestionDecision.start,
            SuggestionDecision.end,
            SuggestionDecision.category,
            SuggestionDecision.annotator,
        )
        .join(Document)
        .where((SuggestionDecision.decision == decision) & Document.removed_at.is_null())
    )
    if annotator_ids is not None:
        query = query.where(SuggestionDecision.annotator.in_(list(annotator_ids)))
    if document_ids is not None:
        query = query.where(SuggestionDecision.document.in_(list(document_ids)))
    return list(query.tuples())


def decision_counts() -> dict[tuple[int, str], int]:
    """(category id, decision) -> how many."""
    from peewee import fn

    query = SuggestionDecision.select(
        SuggestionDecision.category, SuggestionDecision.decision, fn.COUNT(SuggestionDecision.id)
    ).group_by(SuggestionDecision.category, SuggestionDecision.decision)
    return {(c, d): n for c, d, n in query.tuples()}


def settings() -> dict[int, tuple[float | None, bool | None]]:
    """category id -> (threshold, enabled); categories never set are absent."""
    return {
        c: (t, e)
        for c, t, e in SuggestionSetting.select(
            SuggestionSetting.category, SuggestionSetting.threshold, SuggestionSetting.enabled
        ).tuples()
    }


def set_setting(category_id: int, threshold: float | None, enabled: bool | None) -> None:
    (
        SuggestionSetting.insert(category=category_id, threshold=threshold, enabled=enabled, updated=stamp())
        .on_conflict(
            conflict_target=[SuggestionSetting.category],
            update={
                SuggestionSetting.threshold: threshold,
                SuggestionSetting.enabled: enabled,
                SuggestionSetting.updated: stamp(),
            },
        )
        .execute()
    )


def done_documents(annotator_ids: Iterable[int] | None = None) -> set[int]:
    """Documents an annotator in scope marked done: every untagged passage in them is "not tagged"."""
    query = DocumentStatus.select(DocumentStatus.document).where(DocumentStatus.status == "done")
    if annotator_ids is not None:
        query = query.where(DocumentStatus.annotator.in_(list(annotator_ids)))
    return {d for (d,) in query.tuples()}
