"""Annotations on their way into a project, whatever they come from: an exchange file (qdpx, jsonl,
brat, …), a json bundle or another project file.

Readers turn their input into one `Incoming`; the intake matcher (services/intake.py) matches it against
the project into a plan (add / identical / conflict / unplaced) that the preview shows and the bulk
writer (store/tags.py) writes. Keys (`key`, `document_key`, …) are the input's own identifiers (a GUID, a
name, a line number, or our own uuid when the input is a bundle or a project): they only link the parts
of one input together. Nothing here knows the project the records will go into.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

# The json bundle this program writes (formats/json_bundle.py) and reads back for merging.
BUNDLE_FORMAT = "judgment-annotator-bundle"
BUNDLE_VERSION = 1
BUNDLE_VERSIONS = (1,)  # versions a bundle may have to be read


@dataclass(slots=True)
class IncomingCategory:
    key: str
    name: str
    uuid: str | None = None
    parent_key: str | None = None
    color: str = ""  # "" : the input gives none (a colour is chosen when it is created)
    description: str = ""
    name_en: str = ""
    shortcut: str = ""


@dataclass(slots=True)
class IncomingAnnotator:
    key: str
    name: str
    uuid: str | None = None


@dataclass(slots=True)
class IncomingDocument:
    key: str
    title: str
    text: str | None  # None: the input names the document but does not carry its text
    uuid: str | None = None
    source_name: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    source_format: str = ""
    sha256: str = ""  # of `text`, or as the input states it when it does not carry the text
    length: int | None = None


@dataclass(slots=True)  # slots and not frozen: an input holds 100,000s and a frozen __init__ costs twice
class IncomingTag:
    document_key: str
    start: int
    end: int
    category_key: str  # a key of `Incoming.categories`, or a category name the input uses
    where: str = ""  # for messages: "line 3", "T7", "selection <guid>"
    user_key: str | None = None
    uuid: str | None = None
    memo: str = ""
    # The passage as the input quotes it, checked against the text (None: the input does not quote it).
    quote: str | None = None
    created: datetime | str | None = None
    # Context as the input recorded it (bundles and projects keep it), and when the tag last changed
    # there; from a project file the stamps stay ISO text until used (`when()`): parsing 200,000 stamps
    # of which a merge uses a few costs a lot.
    before: str = ""
    after: str = ""
    updated: datetime | str | None = None


@dataclass
class Incoming:
    path: str
    format: str = ""
    categories: list[IncomingCategory] = field(default_factory=list)
    users: list[IncomingAnnotator] = field(default_factory=list)
    documents: list[IncomingDocument] = field(default_factory=list)
    annotations: list[IncomingTag] = field(default_factory=list)
    # Problems that leave the rest usable (a source outside the archive, a skipped line kind).
    notes: list[str] = field(default_factory=list)
    # Problems with single codings found while reading (bad offsets, unknown codes): an import stops
    # on them unless the user chose to import the rest.
    problems: list[str] = field(default_factory=list)
    # From a bundle or another project: which project it was (a copy of this one is merged by content),
    # tags it holds as removed (uuid → when), and its own facts (where a shared copy came from, for whom).
    project_uuid: str = ""
    deleted: dict[str, str] = field(default_factory=dict)
    info: dict[str, str] = field(default_factory=dict)


def when(value: datetime | str | None) -> datetime | None:
    """An IncomingTag's `created` or `updated` as a time (None if absent or unreadable)."""
    if isinstance(value, datetime):
        return value
    if not value or not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None
