"""Store access for adjudication: the provenance of the agreed layer's tags (table `adjudication`)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from peewee import JOIN

from annotator.core.model import Decision
from annotator.store.models import Adjudication, Annotation
from annotator.store.rows import stamp


def record(
    document_id: int, annotation_id: int | None, decision: str, decided_by: int, sources: Sequence[str]
) -> Decision:
    row = Adjudication.create(
        document=document_id,
        annotation=annotation_id,
        decision=decision,
        decided_by=decided_by,
        decided_at=stamp(),
        sources=json.dumps(list(sources)),
    )
    return Decision(row.id, document_id, annotation_id, decision, decided_by, row.decided_at, tuple(sources))


def remove(decisions: Iterable[Decision]) -> None:
    """Take decisions back (undo): their rows go, as if they had not been made."""
    ids = [d.id for d in decisions]
    for i in range(0, len(ids), 500):
        Adjudication.delete().where(Adjudication.id.in_(ids[i : i + 500])).execute()


def restore(decisions: Iterable[Decision]) -> None:
    """Make taken-back decisions again (redo), with their ids, times and sources."""
    for d in decisions:
        Adjudication.insert(
            id=d.id,
            document=d.document_id,
            annotation=d.annotation_id,
            decision=d.decision,
            decided_by=d.decided_by,
            decided_at=d.decided_at,
            sources=json.dumps(list(d.sources)),
        ).execute()


def decided_sources(document_ids: Iterable[int] | None = None) -> set[str]:
    """Uuids of the tags some decision was made from, where that decision still stands (its agreed tag
    is live, or it was a rejection)."""
    query = Adjudication.select(Adjudication.sources, Adjudication.annotation, Annotation.deleted_at).join(
        Annotation, JOIN.LEFT_OUTER, on=(Adjudication.annotation == Annotation.id)
    )
    if document_ids is not None:
        query = query.where(Adjudication.document.in_(list(document_ids)))
    out: set[str] = set()
    for sources, annotation, deleted in query.tuples():
        if annotation is None or deleted is None:
            out.update(json.loads(sources or "[]"))
    return out


def provenance(annotation_id: int) -> dict | None:
    """What the agreed tag came from: decision, who, when, source uuids."""
    row = Adjudication.get_or_none(Adjudication.annotation == annotation_id)
    if row is None:
        return None
    return {
        "decision": row.decision,
        "decided_by": row.decided_by_id,
        "decided_at": row.decided_at,
        "sources": json.loads(row.sources or "[]"),
    }
