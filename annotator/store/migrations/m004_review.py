"""Schema version 4 (review): how each tag of the agreed layer came about — who decided, when, what,
and from which annotators' tags — and the disagreements that were settled by rejecting them."""

from __future__ import annotations

from peewee import AutoField, CharField, ForeignKeyField, Model, TextField

VERSION = 4


def _models():
    # Frozen copies: only what this migration creates or references.
    class Base(Model):
        class Meta:
            legacy_table_names = False

    class Annotator(Base):
        id = AutoField()

    class Document(Base):
        id = AutoField()

    class Annotation(Base):
        id = AutoField()

    class Adjudication(Base):
        id = AutoField()
        document = ForeignKeyField(Document, on_delete="CASCADE", column_name="document_id")
        annotation = ForeignKeyField(Annotation, null=True, on_delete="SET NULL", column_name="annotation_id")
        decision = CharField()  # accept_a | accept_b | accept_both | edit | reject | agree
        decided_by = ForeignKeyField(Annotator, on_delete="RESTRICT", column_name="decided_by")
        decided_at = CharField()
        sources = TextField(default="[]")  # JSON list of the uuids of the tags it was decided from

        class Meta:
            table_name = "adjudication"
            indexes = ((("document",), False),)

    return [Annotator, Document, Annotation, Adjudication]


def apply(db) -> None:
    models = _models()
    with db.bind_ctx(models):
        db.create_tables([models[-1]], safe=True)
