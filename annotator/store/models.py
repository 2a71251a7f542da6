"""The current schema, as peewee models bound to `database` (a proxy set when a project opens).

Table and column names are chosen to read well in DB Browser for SQLite, R or pandas; the views in
`views.py` join them into one row per annotation. Timestamps are ISO-8601 text in UTC.
"""

from __future__ import annotations

from peewee import (
    AutoField,
    BlobField,
    BooleanField,
    CharField,
    DatabaseProxy,
    DoubleField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

from annotator.core.model import TAG_ROW_FIELDS

database = DatabaseProxy()


class BaseModel(Model):
    class Meta:
        database = database
        legacy_table_names = False


class ProjectInfo(BaseModel):
    """Key/value facts about the project file: schema version, project uuid, creation time."""

    key = CharField(primary_key=True)
    value = TextField()

    class Meta:
        table_name = "project_info"


class Annotator(BaseModel):
    id = AutoField()
    uuid = CharField(unique=True)
    name = CharField()
    created = CharField()


class Document(BaseModel):
    id = AutoField()
    uuid = CharField(unique=True)
    title = TextField()
    text = TextField()
    sha256 = CharField(index=True)
    length = IntegerField()  # code points
    source_name = TextField(default="")
    source_format = CharField(default="")
    meta = TextField(default="{}")  # JSON object
    imported_at = CharField()
    removed_at = CharField(null=True)


class Category(BaseModel):
    id = AutoField()
    uuid = CharField(unique=True)
    parent = ForeignKeyField(
        "self", null=True, backref="children", on_delete="RESTRICT", column_name="parent_id"
    )
    name = CharField()
    name_en = CharField(default="")
    description = TextField(default="")  # the coding rule
    color = CharField(default="#888888")
    shortcut = CharField(default="")
    sort_order = IntegerField(default=0)
    archived = BooleanField(default=False)
    created = CharField()
    removed_at = CharField(null=True)  # deleted by the user; kept for the tags that named it


class Annotation(BaseModel):
    id = AutoField()
    uuid = CharField(unique=True)
    document = ForeignKeyField(
        Document, backref="annotations", on_delete="CASCADE", column_name="document_id"
    )
    annotator = ForeignKeyField(Annotator, on_delete="RESTRICT", column_name="annotator_id")
    category = ForeignKeyField(Category, on_delete="RESTRICT", column_name="category_id")
    start = IntegerField()  # code points, inclusive
    end = IntegerField()  # code points, exclusive
    text = TextField()  # the quoted passage, text[start:end] when it was tagged
    before = TextField(default="")  # context kept for re-anchoring
    after = TextField(default="")
    memo = TextField(default="")
    created = CharField()
    updated = CharField()
    deleted_at = CharField(null=True)  # removed annotations stay for the audit trail and for undo
    # Set when a corrected text replaced the document's: why a person should check this tag
    # ("fuzzy" placement, or "unplaced" and removed), and how well its quote matched (0..1).
    review = CharField(null=True)
    anchor_score = DoubleField(null=True)  # REAL in SQLite, double precision on a server

    class Meta:
        indexes = ((("document", "start"), False),)


# The peewee columns of TAG_ROW_FIELDS, for the bulk readers' SELECTs.
TAG_ROW_COLUMNS = tuple(Annotation._meta.columns[name] for name in TAG_ROW_FIELDS)


class DocumentStatus(BaseModel):
    """How far one annotator is with one document: not_started, in_progress or done."""

    id = AutoField()
    document = ForeignKeyField(Document, on_delete="CASCADE", column_name="document_id")
    annotator = ForeignKeyField(Annotator, on_delete="CASCADE", column_name="annotator_id")
    status = CharField()
    updated = CharField()

    class Meta:
        table_name = "document_status"
        indexes = ((("document", "annotator"), True),)


class DocumentSection(BaseModel):
    """A part of a judgment found on import (header, parties, …, reasoning, decision, closing)."""

    id = AutoField()
    document = ForeignKeyField(Document, on_delete="CASCADE", column_name="document_id")
    kind = CharField()
    start = IntegerField()  # code points
    end = IntegerField()

    class Meta:
        table_name = "document_section"
        indexes = ((("document", "start"), False),)


class StatuteCitation(BaseModel):
    """A statute article a judgment cites, normalised (反不正当竞争法, 2, paragraph, item)."""

    id = AutoField()
    document = ForeignKeyField(Document, on_delete="CASCADE", column_name="document_id")
    statute = TextField()
    article = IntegerField()
    article_suffix = IntegerField(null=True)
    paragraph = IntegerField(null=True)
    item = IntegerField(null=True)
    start = IntegerField()
    end = IntegerField()

    class Meta:
        table_name = "statute_citation"
        indexes = ((("document", "start"), False), (("statute", "article"), False))


class DocumentVersion(BaseModel):
    """An earlier text of a document, kept when a corrected version replaced it (1 = first imported)."""

    id = AutoField()
    document = ForeignKeyField(Document, backref="versions", on_delete="CASCADE", column_name="document_id")
    version = IntegerField()
    text = TextField()
    sha256 = CharField()
    length = IntegerField()
    source_name = TextField(default="")
    source_format = CharField(default="")
    replaced_at = CharField()

    class Meta:
        table_name = "document_version"
        indexes = ((("document", "version"), True),)


class Adjudication(BaseModel):
    """How a tag of the agreed layer came about: who decided what, when, from which tags (schema 4)."""

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


class SuggestionDecision(BaseModel):
    """A tag suggestion the user accepted or rejected (schema 7); rejections are training data."""

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


class SuggestionSetting(BaseModel):
    """Per category: the suggestion threshold (NULL: default) and whether suggestions are on (NULL: on
    once the category has enough tags)."""

    category = ForeignKeyField(Category, primary_key=True, on_delete="CASCADE", column_name="category_id")
    threshold = DoubleField(null=True)
    enabled = BooleanField(null=True)
    updated = CharField()

    class Meta:
        table_name = "suggestion_setting"


MODELS = [
    ProjectInfo,
    Annotator,
    Document,
    Category,
    Annotation,
    DocumentStatus,
    DocumentSection,
    StatuteCitation,
]


class DocumentSource(BaseModel):
    """A document's text as delivered: its hash and length, and the recorded steps (a TextMap as
    JSON) from it to the stored text (schema 6)."""

    id = AutoField()
    document = ForeignKeyField(
        Document, backref="source", on_delete="CASCADE", column_name="document_id", unique=True
    )
    sha256 = CharField(index=True)
    length = IntegerField()
    newlines = CharField(default="")
    steps = TextField(default="[]")
    edits = TextField(default="[]")
    recorded_at = CharField()

    class Meta:
        table_name = "document_source"


class ProjectWord(BaseModel):
    """A word of the project's own legal dictionary (schema 6)."""

    id = AutoField()
    word = TextField(unique=True)
    freq = IntegerField(null=True)
    origin = CharField(default="user")
    added_at = CharField()

    class Meta:
        table_name = "project_word"


class TokenUnit(BaseModel):
    """A document's jieba words as agreement's units (schema 10): their boundaries, the hash of the text
    they were found in and the segmenter's fingerprint; a row that matches neither is out of date."""

    document = ForeignKeyField(Document, primary_key=True, on_delete="CASCADE", column_name="document_id")
    sha256 = CharField()
    segmenter = CharField()
    spans = BlobField()  # zlib of little-endian int32 (start, end) pairs

    class Meta:
        table_name = "token_unit"
