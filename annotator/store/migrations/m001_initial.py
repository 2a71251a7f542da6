"""Schema version 1: annotators, documents, categories, annotations, project info."""

from __future__ import annotations

from peewee import (
    AutoField,
    BooleanField,
    CharField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

VERSION = 1


def _models():
    # Frozen copy of the version-1 schema.
    class Base(Model):
        class Meta:
            legacy_table_names = False

    class ProjectInfo(Base):
        key = CharField(primary_key=True)
        value = TextField()

        class Meta:
            table_name = "project_info"

    class Annotator(Base):
        id = AutoField()
        uuid = CharField(unique=True)
        name = CharField()
        created = CharField()

    class Document(Base):
        id = AutoField()
        uuid = CharField(unique=True)
        title = TextField()
        text = TextField()
        sha256 = CharField(index=True)
        length = IntegerField()
        source_name = TextField(default="")
        source_format = CharField(default="")
        meta = TextField(default="{}")
        imported_at = CharField()
        removed_at = CharField(null=True)

    class Category(Base):
        id = AutoField()
        uuid = CharField(unique=True)
        parent = ForeignKeyField("self", null=True, on_delete="RESTRICT", column_name="parent_id")
        name = CharField()
        name_en = CharField(default="")
        description = TextField(default="")
        color = CharField(default="#888888")
        shortcut = CharField(default="")
        sort_order = IntegerField(default=0)
        archived = BooleanField(default=False)
        created = CharField()

    class Annotation(Base):
        id = AutoField()
        uuid = CharField(unique=True)
        document = ForeignKeyField(Document, on_delete="CASCADE", column_name="document_id")
        annotator = ForeignKeyField(Annotator, on_delete="RESTRICT", column_name="annotator_id")
        category = ForeignKeyField(Category, on_delete="RESTRICT", column_name="category_id")
        start = IntegerField()
        end = IntegerField()
        text = TextField()
        before = TextField(default="")
        after = TextField(default="")
        memo = TextField(default="")
        created = CharField()
        updated = CharField()
        deleted_at = CharField(null=True)

        class Meta:
            indexes = ((("document", "start"), False),)

    return [ProjectInfo, Annotator, Document, Category, Annotation]


def apply(db) -> None:
    models = _models()
    with db.bind_ctx(models):
        db.create_tables(models)
