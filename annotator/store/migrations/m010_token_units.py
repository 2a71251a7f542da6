"""Schema version 10 (token units): each document's jieba words, stored once, for agreement over words.

Agreement with words as units segments every coded document: about 13 s for 2 million characters,
the report's whole cost. `token_unit` keeps each document's word boundaries with what they were made
from: the SHA-256 of the text and the segmenter's fingerprint (jieba's version, the dictionaries, the
project's own words). A row whose hash or fingerprint no longer matches is not used and is written
again, so a corrected text or a new project word never gives stale units. Derived data only: deleting
the table's rows loses nothing but time. The same SQL works on SQLite and PostgreSQL.
"""

from __future__ import annotations

from peewee import AutoField, BlobField, CharField, ForeignKeyField, Model

VERSION = 10


def _models():
    # Frozen copies: only what this migration creates or references.
    class Base(Model):
        class Meta:
            legacy_table_names = False

    class Document(Base):
        id = AutoField()

    class TokenUnit(Base):
        document = ForeignKeyField(Document, primary_key=True, on_delete="CASCADE", column_name="document_id")
        sha256 = CharField()  # of the text the words were found in
        segmenter = CharField()  # text.segment.fingerprint() when they were found
        spans = BlobField()  # zlib of little-endian int32 (start, end) pairs, code points

        class Meta:
            table_name = "token_unit"

    return [Document, TokenUnit]


def apply(db) -> None:
    models = _models()
    with db.bind_ctx(models):
        db.create_tables(models[1:])
