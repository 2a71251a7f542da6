"""Schema version 3 (the workbench): each annotator's progress on each document, and categories that
were deleted but stay in the file for the tags that named them (audit trail, undo)."""

from __future__ import annotations

from peewee import AutoField, CharField, ForeignKeyField, Model
from playhouse.migrate import SchemaMigrator, migrate

VERSION = 3


def _models():
    # Frozen copies: only what this migration creates or references.
    class Base(Model):
        class Meta:
            legacy_table_names = False

    class Annotator(Base):
        id = AutoField()

    class Document(Base):
        id = AutoField()

    class DocumentStatus(Base):
        id = AutoField()
        document = ForeignKeyField(Document, on_delete="CASCADE", column_name="document_id")
        annotator = ForeignKeyField(Annotator, on_delete="CASCADE", column_name="annotator_id")
        status = CharField()  # "not_started" | "in_progress" | "done"
        updated = CharField()

        class Meta:
            table_name = "document_status"
            indexes = ((("document", "annotator"), True),)

    return [Annotator, Document, DocumentStatus]


def apply(db) -> None:
    models = _models()
    with db.bind_ctx(models):
        db.create_tables([models[-1]])
    migrator = SchemaMigrator.from_database(db)
    migrate(migrator.add_column("category", "removed_at", CharField(null=True)))
