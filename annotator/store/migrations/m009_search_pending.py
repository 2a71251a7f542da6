"""Schema version 9 (search pending): documents a bulk import has added but not yet indexed for search.

Indexing the text of new documents (FTS5 trigram) is most of what a large import costs: 4,000,000
characters take about 4 s, longer than reading and writing 100,000 tags. A bulk import therefore adds
its documents to `search_pending` in its own transaction instead of indexing them, and the index takes
them up after the import has committed (`store/search.py: index_pending`, a batch per transaction).
Until then search reads those documents' text directly, so it finds them all the same; a crash at any
point leaves each document either indexed or listed here, never half of both.

`document_id = 0` (no document has it) is the switch an import sets inside its transaction: while that
row exists, the insert trigger lists new documents here instead of indexing them. The other triggers
leave a listed document out of the index (it is not in it yet), and deleting a document forgets it.
SQLite only (the team server's trigram index is updated with each row).
"""

from __future__ import annotations

VERSION = 9

_PENDING = "EXISTS (SELECT 1 FROM search_pending WHERE document_id = {row}.id)"
_DEFERRING = "EXISTS (SELECT 1 FROM search_pending WHERE document_id = 0)"

DDL = (
    "CREATE TABLE IF NOT EXISTS search_pending (document_id INTEGER NOT NULL PRIMARY KEY)",
    "DROP TRIGGER IF EXISTS document_fts_insert",
    f"""CREATE TRIGGER document_fts_insert AFTER INSERT ON document
           WHEN new.removed_at IS NULL
           BEGIN
               INSERT INTO document_fts(rowid, text) SELECT new.id, new.text WHERE NOT {_DEFERRING};
               INSERT INTO search_pending(document_id) SELECT new.id WHERE {_DEFERRING};
           END""",
    "DROP TRIGGER IF EXISTS document_fts_delete",
    f"""CREATE TRIGGER document_fts_delete AFTER DELETE ON document
           BEGIN
               INSERT INTO document_fts(document_fts, rowid, text) SELECT 'delete', old.id, old.text
                   WHERE old.removed_at IS NULL AND NOT {_PENDING.format(row="old")};
               DELETE FROM search_pending WHERE document_id = old.id;
           END""",
    "DROP TRIGGER IF EXISTS document_fts_remove",
    f"""CREATE TRIGGER document_fts_remove AFTER UPDATE OF removed_at ON document
           WHEN old.removed_at IS NULL AND new.removed_at IS NOT NULL AND NOT {_PENDING.format(row="old")}
           BEGIN INSERT INTO document_fts(document_fts, rowid, text) VALUES ('delete', old.id, old.text); END""",
    "DROP TRIGGER IF EXISTS document_fts_restore",
    f"""CREATE TRIGGER document_fts_restore AFTER UPDATE OF removed_at ON document
           WHEN old.removed_at IS NOT NULL AND new.removed_at IS NULL AND NOT {_PENDING.format(row="new")}
           BEGIN INSERT INTO document_fts(rowid, text) VALUES (new.id, new.text); END""",
    "DROP TRIGGER IF EXISTS document_fts_text",
    f"""CREATE TRIGGER document_fts_text AFTER UPDATE OF text ON document
           WHEN old.removed_at IS NULL AND new.removed_at IS NULL AND NOT {_PENDING.format(row="old")}
           BEGIN
               INSERT INTO document_fts(document_fts, rowid, text) VALUES ('delete', old.id, old.text);
               INSERT INTO document_fts(rowid, text) VALUES (new.id, new.text);
           END""",
)


def apply(db) -> None:
    if "document_fts" in db.get_tables():
        for sql in DDL:
            db.execute_sql(sql)
