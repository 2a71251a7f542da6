"""Store access for adjudication: the provenance of the agreed layer's tags (table `adjudication`)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from peewee import JOIN

from annotator.store.models import Adjudication, Annotation
from annotator.store.repo import stamp


def record(document_id: int, annotation_id: int | None, decision: str, decided_by: int,
           sources: Sequence[str]) -> int:
    row = Adjudication.create(document=document_id, annotation=annotation_id, decision=decision,
                              decided_by=decided_by, decided_at=stamp(), sources=json.dumps(list(sources)))
    return row.id


def decided_sources(document_ids: Iterable[int] | None = None) -> set[str]:
    """Uuids of the tags some decision was made from, where that decision still stands (its agreed tag
    is live, or it was a rejection)."""
    query = (Adjudication.select(Adjudication.sources, Adjudication.annotation, Annotation.deleted_at)
             .join(Annotation, JOIN.LEFT_OUTER, on=(Adjudication.annotation == Annotation.id)))
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
    return {"decision": row.decision, "decided_by": row.decided_by_id, "decided_at": row.decided_at,
            "sources": json.loads(row.sources or "[]")}
