"""Schema version 6 (the text as delivered, and the project's own words).

`document_source`: for each document, the SHA-256 and length of its text as the file delivered it,
and the recorded normalisation steps that turned it into the stored text (an offset map), so that
annotation files made on the original file attach to the document.

`project_word`: the project's legal dictionary, words the researchers added (or accepted from the
suggestions) that segmentation, word selection and search keep whole."""

from __future__ import annotations

from peewee import AutoField, CharField, ForeignKeyField, IntegerField, Model, TextField

VERSION = 6


def _models():
    # Frozen copies: only what this migration creates or references.
    class Base(Model):
        class Meta:
            legacy_table_names = False

    class Document(Base):
        id = AutoField()

    class DocumentSource(Base):
        id = AutoField()
        document = ForeignKeyField(Document, on_delete="CASCADE", column_name="document_id", unique=True)
        sha256 = CharField(index=True)  # of the UTF-8 of the text as delivered (line breaks as LF)
        length = IntegerField()  # code points of the text as delivered
        newlines = CharField(default="")  # what the file used: lf, crlf, cr, mixed, or '' (none)
        steps = TextField(default="[]")  # JSON: the step names applied, in order
        edits = TextField(default="[]")  # JSON: the TextMap (annotator.core.textmap) from delivered to stored
        recorded_at = CharField()

        class Meta:
            table_name = "document_source"

    class ProjectWord(Base):
        id = AutoField()
        word = TextField(unique=True)
        freq = IntegerField(null=True)  # NULL: the lowest jieba frequency that keeps it whole
        origin = CharField(default="user")  # user, imported (from a list file), suggested (accepted)
        added_at = CharField()

        class Meta:
            table_name = "project_word"

    return [Document, ProjectWord, DocumentSource]


def apply(db) -> None:
    models = _models()
    with db.bind_ctx(models):
        db.create_tables(models[1:])
    # Documents imported before this version were stored as delivered, or nearly: their stored text
    # stands for the delivered one (no steps recorded).
    db.execute_sql(
        "INSERT INTO document_source (document_id, sha256, length, newlines, steps, edits, recorded_at) "
        "SELECT id, sha256, length, '', '[]', '[]', imported_at FROM document"
    )
