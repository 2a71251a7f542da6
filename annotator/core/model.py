"""Domain records shared by every layer.

They are plain frozen dataclasses: the store turns rows into them, the formats read and write them, the
GUI shows them. Offsets (`start`, `end`) are Unicode code points over the document's stored text.
"""

from __future__ import annotations

import hashlib
import os
import uuid as _uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from annotator.core.errors import OffsetError


def new_uuid() -> str:
    return str(_uuid.uuid4())


def new_uuids(n: int) -> list[str]:
    """`n` random (version 4) uuids as `new_uuid` writes them, made from one read of the system's
    random source: 100,000 `uuid4()` objects cost about a second, these a tenth of it."""
    raw = bytearray(os.urandom(16 * n))
    raw[6::16] = bytes((b & 0x0F) | 0x40 for b in raw[6::16])  # version 4
    raw[8::16] = bytes((b & 0x3F) | 0x80 for b in raw[8::16])  # the RFC 4122 variant
    h = raw.hex()
    return [
        f"{h[i : i + 8]}-{h[i + 8 : i + 12]}-{h[i + 12 : i + 16]}-{h[i + 16 : i + 20]}-{h[i + 20 : i + 32]}"
        for i in range(0, 32 * n, 32)
    ]


def now_utc() -> datetime:
    return datetime.now(UTC)


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Annotator:
    id: int
    uuid: str
    name: str


@dataclass(frozen=True, slots=True)
class Category:
    id: int
    uuid: str
    name: str
    name_en: str = ""
    description: str = ""
    color: str = "#888888"
    shortcut: str = ""
    parent_id: int | None = None
    order: int = 0
    archived: bool = False


# One annotator's progress on a document, in the order the workbench offers them.
DOCUMENT_STATUSES = ("not_started", "in_progress", "done")

# The columns of a stored tag row, in the order every bulk reader and writer uses (the exporters' rows,
# the bulk writer, another project file's tags): one list, so that a new column is added once.
TAG_ROW_FIELDS = (
    "id",
    "uuid",
    "document_id",
    "annotator_id",
    "category_id",
    "start",
    "end",
    "text",
    "before",
    "after",
    "memo",
    "created",
    "updated",
)


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """A document without its text: what lists and tables need."""

    id: int
    uuid: str
    title: str
    length: int
    sha256: str
    source_name: str = ""
    source_format: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    imported_at: datetime | None = None
    annotation_count: int = 0
    status: str = ""  # one annotator's progress (see DocumentService.list), else ""


@dataclass(frozen=True, slots=True)
class Document:
    id: int
    uuid: str
    title: str
    text: str
    sha256: str
    source_name: str = ""
    source_format: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    imported_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Annotation:
    id: int
    uuid: str
    document_id: int
    annotator_id: int
    category_id: int
    start: int
    end: int
    text: str
    before: str = ""
    after: str = ""
    memo: str = ""
    created: datetime | None = None
    updated: datetime | None = None


def check_span(start: int, end: int, length: int) -> None:
    """Raise OffsetError unless `[start, end)` is a non-empty span inside a text of `length` code points."""
    if not (isinstance(start, int) and isinstance(end, int)):
        raise OffsetError(f"offsets must be whole numbers, got {start!r}, {end!r}")
    if start < 0 or end > length:
        raise OffsetError(f"span [{start}, {end}) is outside the text (0–{length} characters)")
    if end <= start:
        raise OffsetError(f"span [{start}, {end}) is empty or reversed")


@dataclass(frozen=True, slots=True)
class Decision:
    """One adjudication: how a disagreement (or agreement) between tags was settled into the agreed
    layer. `annotation_id` is the agreed tag it made (None for a rejection); `sources` the uuids of the
    tags it was decided from."""

    id: int
    document_id: int
    annotation_id: int | None
    decision: str
    decided_by: int
    decided_at: str
    sources: tuple[str, ...] = ()
