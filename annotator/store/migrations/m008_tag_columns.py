"""Schema version 8 (tag columns): an index that holds everything opening a document reads of its tags.

Opening a document reads each live tag's start, end, id, category and annotator in (start, end, id)
order. Through the (document, start) index that is one lookup of the whole row per tag, rows full of
passage and context text and scattered over the file: about 0.1 s at 10,000 tags. This partial index on
live tags carries those five integers itself, already in that order, so the read touches the index alone
(several times faster, no sort). The same SQL works on SQLite and PostgreSQL.
"""

from __future__ import annotations

VERSION = 8


def apply(db) -> None:
    db.execute_sql(
        "CREATE INDEX IF NOT EXISTS annotation_document_span ON annotation "
        '(document_id, start, "end", id, category_id, annotator_id) WHERE deleted_at IS NULL'
    )
