"""Schema version 5 (document history): earlier texts of a document that was replaced by a corrected
version, and on each annotation whether re-anchoring it needs a person's review."""

from __future__ import annotations

from peewee import AutoField, CharField, DoubleField, ForeignKeyField, IntegerField, Model, TextField
from playhouse.migrate import SchemaMigrator, migrate

VERSION = 5


def _models():
    # Frozen copies: only what this migration creates or references.
    class Base(Model):
        class Meta:
            legacy_table_names = False

    class Document(Base):
        id = AutoField()

    class DocumentVersion(Base):
        id = AutoField()
        document = ForeignKeyField(Document, on_delete="CASCADE", column_name="document_id")
        version = IntegerField()  # 1 = the text first imported
        text = TextField()
        sha256 = CharField()
        length = IntegerField()
        source_name = TextField(default="")
        source_format = CharField(default="")
        replaced_at = CharField()  # when a newer text took its place

        class Meta:
            table_name = "document_version"
            indexes = ((("document", "version"), True),)

    return [Document, DocumentVersion]


# --- SQLite only -----------------------------------------------------------------------------------
# The search index (m002) follows document.text through triggers; a corrected text is a new case.
FTS_TEXT_TRIGGER = """CREATE TRIGGER IF NOT EXISTS document_fts_text AFTER UPDATE OF text ON document
    WHEN old.removed_at IS NULL AND new.removed_at IS NULL
    BEGIN
        INSERT INTO document_fts(document_fts, rowid, text) VALUES ('delete', old.id, old.text);
        INSERT INTO document_fts(rowid, text) VALUES (new.id, new.text);
    END"""


def apply(db) -> None:
    models = _models()
    with db.bind_ctx(models):
        db.create_tables([models[-1]])
    migrator = SchemaMigrator.from_database(db)
    migrate(
        # NULL: placed exactly or never moved; otherwise why a person should look (see README).
        migrator.add_column("annotation", "review", CharField(null=True)),
        migrator.add_column("annotation", "anchor_score", DoubleField(null=True)),  # SQLite: REAL
    )
    if "document_fts" in db.get_tables():
        db.execute_sql(FTS_TEXT_TRIGGER)
