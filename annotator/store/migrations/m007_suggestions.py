"""Schema version 7 (suggestions): what the user decided on each tag suggestion (a rejection is training
data: "this passage is not of this category") and, per category, the threshold and whether suggestions
are on. The model itself is not stored: it is rebuilt from the tags and these decisions in about a
second, so a colleague's copy of the project carries everything it learnt from, and nothing in the file
is executable."""

from __future__ import annotations

from peewee import (
    AutoField,
    BooleanField,
    CharField,
    DoubleField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

VERSION = 7


def _models():
    # Frozen copies: only what this migration creates or references.
    class Base(Model):
        class Meta:
            legacy_table_names = False

    class Document(Base):
        id = AutoField()

    class Category(Base):
        id = AutoField()

    class Annotator(Base):
        id = AutoField()

    class SuggestionDecision(Base):
        id = AutoField()
        uuid = CharField(unique=True)
        document = ForeignKeyField(Document, on_delete="CASCADE", column_name="document_id")
        category = ForeignKeyField(Category, on_delete="CASCADE", column_name="category_id")
        annotator = ForeignKeyField(Annotator, on_delete="RESTRICT", column_name="annotator_id")
        start = IntegerField()
        end = IntegerField()
        text = TextField()
        decision = CharField()  # accepted | rejected
        score = DoubleField()
        source = CharField()  # same_text | classifier
        decided_at = CharField()

        class Meta:
            table_name = "suggestion_decision"
            indexes = ((("document", "start"), False),)

    class SuggestionSetting(Base):
        category = ForeignKeyField(Category, primary_key=True, on_delete="CASCADE", column_name="category_id")
        threshold = DoubleField(null=True)  # NULL: the default
        enabled = BooleanField(null=True)  # NULL: on once the category has enough tags
        updated = CharField()

        class Meta:
            table_name = "suggestion_setting"

    return [Document, Category, Annotator, SuggestionDecision, SuggestionSetting]


def apply(db) -> None:
    models = _models()
    with db.bind_ctx(models):
        db.create_tables(models[3:])
