"""Reads and writes for a document's text as delivered (`document_source`) and the project's own
dictionary words (`project_word`)."""

from __future__ import annotations

import json

from annotator.core import model as core
from annotator.core.textmap import DeliveredText, TextMap
from annotator.store.models import Document, DocumentSource, ProjectWord
from annotator.store.rows import stamp


def record(document_id: int, *, sha256: str, length: int, newlines: str, tmap: TextMap) -> None:
    """Say how the document's stored text came from the text delivered (replacing what was said)."""
    fields = dict(
        sha256=sha256,
        length=length,
        newlines=newlines,
        steps=json.dumps(tmap.names),
        edits=tmap.to_json() if tmap else "[]",
        recorded_at=stamp(),
    )
    if DocumentSource.update(**fields).where(DocumentSource.document == document_id).execute() == 0:
        DocumentSource.create(document=document_id, **fields)


def record_identity(document_id: int, text: str) -> None:
    """The stored text is the delivered text (documents made from text, merged, or replaced)."""
    record(document_id, sha256=core.text_sha256(text), length=len(text), newlines="", tmap=TextMap())


def get(document_id: int) -> DeliveredText | None:
    row = DocumentSource.get_or_none(DocumentSource.document == document_id)
    return _delivered(row) if row else None


def step_names(document_id: int) -> list[str]:
    """The names of the recorded steps alone (the `steps` column), without parsing the edits."""
    row = (
        DocumentSource.select(DocumentSource.steps)
        .where(DocumentSource.document == document_id)
        .tuples()
        .first()
    )
    return list(json.loads(row[0])) if row and row[0] else []


def find(sha256: str) -> list[DeliveredText]:
    """Live documents whose text as delivered has this SHA-256, oldest first."""
    rows = (
        DocumentSource.select()
        .join(Document, on=(DocumentSource.document == Document.id))
        .where((DocumentSource.sha256 == sha256) & Document.removed_at.is_null())
        .order_by(DocumentSource.document)
    )
    return [_delivered(r) for r in rows]


def _delivered(row) -> DeliveredText:
    return DeliveredText(row.document_id, row.sha256, row.length, row.newlines, TextMap.from_json(row.edits))


# --- project words -------------------------------------------------------------------------------


def words() -> list[tuple[str, int | None, str]]:
    """(word, frequency or None, origin) of every project word, in the order they were added."""
    return [(r.word, r.freq, r.origin) for r in ProjectWord.select().order_by(ProjectWord.id)]


def add_words(items: list[tuple[str, int | None, str]]) -> list[str]:
    """Add words not yet in the project; returns those added."""
    have = {r.word for r in ProjectWord.select(ProjectWord.word)}
    added = []
    now = stamp()
    for word, freq, origin in items:
        if word not in have:
            ProjectWord.create(word=word, freq=freq, origin=origin, added_at=now)
            have.add(word)
            added.append(word)
    return added


def remove_words(items: list[str]) -> list[tuple[str, int | None, str]]:
    """Remove words; returns what was removed (for undo)."""
    rows = list(ProjectWord.select().where(ProjectWord.word.in_(items)))
    ProjectWord.delete().where(ProjectWord.word.in_(items)).execute()
    return [(r.word, r.freq, r.origin) for r in rows]
