"""What an annotation file holds once read, before anything touches the project.

Importers turn a file into an `ImportedBundle`; the import service (services/imports.py) matches it
against the project and writes it in one transaction. Keys (`key`) are the file's own identifiers
(a GUID, a name, a line number): they only link the parts of one bundle together.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass
class ImportedCategory:
    key: str
    name: str
    uuid: str | None = None
    parent_key: str | None = None
    color: str = ""
    description: str = ""


@dataclass
class ImportedUser:
    key: str
    name: str
    uuid: str | None = None


@dataclass
class ImportedDocument:
    key: str
    title: str
    text: str | None  # None: the file names the document but does not carry its text
    uuid: str | None = None
    source_name: str = ""
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass
class ImportedAnnotation:
    document_key: str
    start: int
    end: int
    category_key: str  # a key of `ImportedBundle.categories`, or a category name the file uses
    where: str  # for messages: "line 3", "T7", "selection <guid>"
    user_key: str | None = None
    uuid: str | None = None
    memo: str = ""
    quote: str | None = None  # the passage as the file quotes it, checked against the text
    created: datetime | None = None


@dataclass
class ImportedBundle:
    path: str
    format: str
    categories: list[ImportedCategory] = field(default_factory=list)
    users: list[ImportedUser] = field(default_factory=list)
    documents: list[ImportedDocument] = field(default_factory=list)
    annotations: list[ImportedAnnotation] = field(default_factory=list)
    # Problems that leave the rest usable (a source outside the archive, a skipped line kind).
    notes: list[str] = field(default_factory=list)
    # Problems with single codings found while reading (bad offsets, unknown codes): the import stops
    # on them unless the user chose to import the rest.
    problems: list[str] = field(default_factory=list)
