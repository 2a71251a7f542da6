"""Schema version 2 (corpus work): the sections and statute citations found in each judgment, and the
full-text index for searching the project.

The two tables are plain SQL. The full-text index is engine-specific (see `store/search.py`): on SQLite
FTS5 with the trigram tokenizer (on a build without FTS5 the index is absent and search scans the text
instead); on PostgreSQL a GIN index of pg_trgm trigrams over `document.text`, which the server keeps
in step by itself.
"""

from __future__ import annotations

from peewee import AutoField, CharField, ForeignKeyField, IntegerField, Model, PostgresqlDatabase, TextField

VERSION = 2


def _models():
    # Frozen copies: only what this migration creates or references.
    class Base(Model):
        class Meta:
            legacy_table_names = False

    class Document(Base):
        id = AutoField()

    class DocumentSection(Base):
        id = AutoField()
        document = ForeignKeyField(Document, on_delete="CASCADE", column_name="document_id")
        kind = CharField()  # header, parties, procedure, claims, facts, reasoning, decision, closing
        start = IntegerField()  # code points
        end = IntegerField()

        class Meta:
            table_name = "document_section"
            indexes = ((("document", "start"), False),)

    class StatuteCitation(Base):
        id = AutoField()
        document = ForeignKeyField(Document, on_delete="CASCADE", column_name="document_id")
        statute = TextField()  # normalised name: 反不正当竞争法, 民法典, …
        article = IntegerField()
        article_suffix = IntegerField(null=True)  # 1 for 第二百五十三条之一
        paragraph = IntegerField(null=True)
        item = IntegerField(null=True)
        start = IntegerField()
        end = IntegerField()

        class Meta:
            table_name = "statute_citation"
            indexes = ((("document", "start"), False), (("statute", "article"), False))

    return [Document, DocumentSection, StatuteCitation]


# --- SQLite only -----------------------------------------------------------------------------------
# An external-content FTS5 table over document.text (the text is not stored twice), kept in step by
# triggers so every import, removal and restore updates it in the same transaction.
FTS_DDL = (
    """CREATE VIRTUAL TABLE IF NOT EXISTS document_fts USING fts5(
           text, content='document', content_rowid='id', tokenize='trigram', detail=full)""",
    """CREATE TRIGGER IF NOT EXISTS document_fts_insert AFTER INSERT ON document
           WHEN new.removed_at IS NULL
           BEGIN INSERT INTO document_fts(rowid, text) VALUES (new.id, new.text); END""",
    """CREATE TRIGGER IF NOT EXISTS document_fts_delete AFTER DELETE ON document
           WHEN old.removed_at IS NULL
           BEGIN INSERT INTO document_fts(document_fts, rowid, text) VALUES ('delete', old.id, old.text); END""",
    """CREATE TRIGGER IF NOT EXISTS document_fts_remove AFTER UPDATE OF removed_at ON document
           WHEN old.removed_at IS NULL AND new.removed_at IS NOT NULL
           BEGIN INSERT INTO document_fts(document_fts, rowid, text) VALUES ('delete', old.id, old.text); END""",
    """CREATE TRIGGER IF NOT EXISTS document_fts_restore AFTER UPDATE OF removed_at ON document
           WHEN old.removed_at IS NOT NULL AND new.removed_at IS NULL
           BEGIN INSERT INTO document_fts(rowid, text) VALUES (new.id, new.text); END""",
    "INSERT INTO document_fts(rowid, text) SELECT id, text FROM document WHERE removed_at IS NULL",
)


def _has_fts5(db) -> bool:
    try:
        db.execute_sql("CREATE VIRTUAL TABLE temp._fts5_probe USING fts5(x, tokenize='trigram')")
        db.execute_sql("DROP TABLE temp._fts5_probe")
        return True
    except Exception:  # noqa: BLE001 (any failure means: no usable FTS5 here)
        return False


# --- PostgreSQL only -------------------------------------------------------------------------------
# pg_trgm is a trusted extension (PostgreSQL 13+): the database's owner may create it without a superuser.
PG_DDL = (
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS document_text_trgm ON document USING gin (text gin_trgm_ops)",
)


def apply(db) -> None:
    models = _models()
    with db.bind_ctx(models):
        db.create_tables(models[1:])
    if isinstance(db, PostgresqlDatabase):
        for sql in PG_DDL:
            db.execute_sql(sql)
    elif type(db).__name__.startswith("Sqlite") and _has_fts5(db):
        for sql in FTS_DDL:
            db.execute_sql(sql)
