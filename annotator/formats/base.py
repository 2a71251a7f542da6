"""What every format module works with: the data to export, the user's options, progress reporting."""

from __future__ import annotations

import queue
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from annotator.core.cells import neutralise_cell  # noqa: F401  (the one formula guard, re-exported)
from annotator.core.model import TAG_ROW_FIELDS, Annotation, Annotator, Category, Document

T = TypeVar("T")

# Called with (done, total); returning False asks the exporter to stop (the user pressed Cancel).
Progress = Callable[[int, int], bool]


class Cancelled(Exception):
    """The user cancelled a long export or import."""


@dataclass(frozen=True)
class ExportOptions:
    document_ids: frozenset[int] | None = None  # None: all documents
    annotator_ids: frozenset[int] | None = None  # None: all annotators
    category_ids: frozenset[int] | None = None  # None: all categories
    include_children: bool = True  # a chosen category brings its sub-categories
    include_memos: bool = True
    include_text: bool = True  # the documents' full text, where the format carries it
    word_tokens: bool = False  # token-based formats (conll): jieba words instead of characters
    docstart: bool = False  # conll: a -DOCSTART- line before each document


# Chunks of raw tag rows in document order, each row in `ROW_FIELDS` order (see store/export_rows.py).
TagSource = Callable[[], Iterator[list[tuple]]]
# The same chunks holding only the named fields, text fields as UTF-8 bytes when the flag is set (see
# `ExportData.byte_rows` and `field_rows`).
CellSource = Callable[[Sequence[str], bool], Iterator[list[tuple]]]
ROW_FIELDS = TAG_ROW_FIELDS


@dataclass
class ExportData:
    """What is exported; formats never touch the database.

    The tags are either a snapshot list (`annotations`) or, for a whole project, streamed from `source`
    in document order a batch at a time, so that an export of 100,000 tags never holds them all. Formats
    read them through `rows`, `iter_annotations` or `documents_with_tags`, each a single pass in the
    order of `documents`, then start, end and id."""

    categories: list[Category]
    annotators: list[Annotator]
    documents: list[Document]
    annotations: list[Annotation] | None = None
    project: dict[str, Any] = field(default_factory=dict)
    # text -> [(start, end)] word spans in code points; the service supplies jieba when asked for words
    tokenize: Callable[[str], list[tuple[int, int]]] | None = None
    source: TagSource | None = None
    tag_count: int = -1  # with `source`: how many tags it yields (for progress)
    # with `source`: (document id, category id) → tags, read without reading the tags
    counts: Callable[[], dict[tuple[int, int], int]] | None = None
    # with `source`: the tags' chosen fields, read as bytes where they are text if asked (`byte_rows`)
    cells: CellSource | None = None

    def __post_init__(self) -> None:
        if self.annotations is None and self.source is None:
            self.annotations = []
        if self.annotations is not None:
            self.tag_count = len(self.annotations)

    def rows(self) -> Iterator[list[tuple]]:
        """The tags as chunks of plain tuples (fields as in `ROW_FIELDS`; `created` and `updated` are ISO
        text or None): the fast path of the bulk formats."""
        if self.source is not None:
            yield from self.source()
            return
        chunk: list[tuple] = []
        for a in self.annotations or ():
            chunk.append(
                (
                    a.id,
                    a.uuid,
                    a.document_id,
                    a.annotator_id,
                    a.category_id,
                    a.start,
                    a.end,
                    a.text,
                    a.before,
                    a.after,
                    a.memo,
                    a.created.isoformat() if a.created else None,
                    a.updated.isoformat() if a.updated else None,
                )
            )
            if len(chunk) >= 5000:
                yield chunk
                chunk = []
        if chunk:
            yield chunk

    def byte_rows(self, fields: Sequence[str]) -> Iterator[list[tuple]]:
        """`rows` holding only `fields` (names from `ROW_FIELDS`, in that order), each text field as
        its UTF-8 bytes (None stays None): for writers of UTF-8 files, which then never decode and
        re-encode the text; from the database the columns not asked for are not even read."""
        if self.source is not None and self.cells is not None:
            yield from self.cells(fields, True)
            return
        for chunk in self.field_rows(fields):
            yield [tuple(v.encode("utf-8") if isinstance(v, str) else v for v in row) for row in chunk]

    def field_rows(self, fields: Sequence[str]) -> Iterator[list[tuple]]:
        """`rows` holding only `fields` (names from `ROW_FIELDS`, in that order): from the database the
        columns not asked for are not read (a tag's contexts are two thirds of its text)."""
        if self.source is not None and self.cells is not None:
            yield from self.cells(fields, False)
            return
        at = [ROW_FIELDS.index(f) for f in fields]
        for chunk in self.rows():
            yield [tuple(row[i] for i in at) for row in chunk]

    def iter_annotations(self) -> Iterator[Annotation]:
        """Every tag once, in export order."""
        if self.source is None:
            yield from self.annotations or ()
            return
        for chunk in self.source():
            for t in chunk:
                yield Annotation(*t[:11], created=_dt(t[11]), updated=_dt(t[12]))

    def documents_with_tags(self) -> Iterator[tuple[Document, list[Annotation]]]:
        """Each document of `documents`, in order, with its tags in export order."""
        tags = self.iter_annotations()
        pending = next(tags, None)
        for d in self.documents:
            mine: list[Annotation] = []
            while pending is not None and pending.document_id == d.id:
                mine.append(pending)
                pending = next(tags, None)
            yield d, mine

    def annotations_by_document(self) -> dict[int, list[Annotation]]:
        """The tags to export, grouped by their document's id, in export order (all in memory: for the
        small exports that need them so; the bulk formats use `documents_with_tags`)."""
        grouped: dict[int, list[Annotation]] = {}
        for a in self.iter_annotations():
            grouped.setdefault(a.document_id, []).append(a)
        return grouped

    def category_counts(self) -> dict[tuple[int, int], int]:
        """(document id, category id) → number of tags."""
        if self.counts is not None:
            return self.counts()
        out: dict[tuple[int, int], int] = {}
        for a in self.iter_annotations():
            out[(a.document_id, a.category_id)] = out.get((a.document_id, a.category_id), 0) + 1
        return out

    def category_by_id(self) -> dict[int, Category]:
        return {c.id: c for c in self.categories}

    def annotator_by_id(self) -> dict[int, Annotator]:
        return {a.id: a for a in self.annotators}

    def document_by_id(self) -> dict[int, Document]:
        return {d.id: d for d in self.documents}


def _dt(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def parse_time(value: Any) -> datetime | None:
    """A time another program wrote (ISO 8601, `Z` for UTC); None when absent or unreadable, since a
    tag's time is not worth refusing a file for."""
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def report(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None and progress(done, total) is False:
        raise Cancelled("cancelled by the user")


def with_progress(
    items: Iterable[T], progress: Progress | None, every: int = 1000, total: int | None = None
) -> Iterator[T]:
    """Yield the items, reporting progress every `every` of them and at the end (and stopping when the
    user cancels). `total` is needed where `items` has no length."""
    total = len(items) if total is None else total  # type: ignore[arg-type]
    for i, item in enumerate(items):
        if i % every == 0:
            report(progress, i, total)
        yield item
    report(progress, total, total)


# The form the store writes times in (`store/rows.py: stamp`): UTC, milliseconds.
_UTC_MILLIS = re.compile(
    r"[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}\+00:00"
).fullmatch


def iso_text(stored: str | None) -> str:
    """`datetime.fromisoformat(stored).isoformat()` ("" for no time), without parsing the store's own
    form: 100,000 tags are 100,000 parses otherwise."""
    if not stored:
        return ""
    if _UTC_MILLIS(stored):
        return stored[:19] + "+00:00" if stored[20:23] == "000" else stored[:23] + "000+00:00"
    return datetime.fromisoformat(stored).isoformat()


# A chunk's column of stored times, each with a line feed after it, when all are in the store's form.
_UTC_MILLIS_COLUMN = re.compile(
    rb"(?:[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}\+00:00\n)*"
).fullmatch


def iso_texts_utf8(stored: list[bytes | None]) -> list[bytes]:
    """`iso_text` of each stored time of a chunk (as `byte_rows` gives them), in UTF-8: by slicing alone
    where the whole column is in the store's own form, which one regex checks."""
    if None not in stored and _UTC_MILLIS_COLUMN(b"\n".join(stored) + b"\n"):
        return [c[:19] + b"+00:00" if c[20:23] == b"000" else c[:23] + b"000+00:00" for c in stored]
    return [iso_text(c.decode("utf-8") if c else None).encode("utf-8") for c in stored]


_LOWER_GUIDS = re.compile(rb"(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\n)*").fullmatch


def lower_guids(uuids: Sequence[bytes]) -> bool:
    """Whether every uuid of a chunk (UTF-8) is a GUID in lower case, as every uuid this program makes
    is: such a cell needs no escaping, quoting or formula guard in any format (one regex per chunk)."""
    return _LOWER_GUIDS(b"\n".join(uuids) + b"\n") is not None


_UTC_MILLIS_TEXTS = re.compile(
    r"(?:[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}\+00:00\n)*"
).fullmatch


def zulu_texts(stored: list[str | None]) -> list[str]:
    """`zulu_text` of each stored time of a chunk: by slicing alone where the whole column is in the
    store's own form, which one regex checks."""
    if None not in stored and _UTC_MILLIS_TEXTS("\n".join(stored) + "\n"):  # type: ignore[arg-type]
        return [c[:19] + "Z" for c in stored]  # type: ignore[index]
    return [zulu_text(c) for c in stored]


def zulu_text(stored: str | None) -> str:
    """A stored time as an xsd:dateTime in UTC with `Z` ("" for no time); see `qdpx.zulu`."""
    if not stored:
        return ""
    if _UTC_MILLIS(stored):
        return stored[:19] + "Z"
    from datetime import UTC

    return datetime.fromisoformat(stored).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@contextmanager
def background_writes(write: Callable[[bytes], Any], depth: int = 3) -> Iterator[Callable[[bytes], None]]:
    """A function that hands each chunk to `write` in a second thread. Compressing into a zip member
    (zlib and its CRC) releases the GIL, so chunk n is compressed while chunk n + 1 is being made: on
    two cores the export takes about the longer of the two instead of their sum. At most `depth`
    chunks wait, so memory stays bounded; an error in `write` comes out of the next call or at the end."""
    pending: queue.Queue = queue.Queue(maxsize=depth)
    failed: list[BaseException] = []

    def run() -> None:
        while (chunk := pending.get()) is not None:
            if not failed:
                try:
                    write(chunk)
                except BaseException as exc:  # handed to the producing thread
                    failed.append(exc)

    worker = threading.Thread(target=run, name="export-writer", daemon=True)
    worker.start()

    def put(chunk: bytes) -> None:
        if failed:
            raise failed[0]
        pending.put(chunk)

    try:
        yield put
    finally:
        pending.put(None)
        worker.join()
    if failed:
        raise failed[0]


SEPARATOR = "\ue000"  # a private-use character: joins a column's cells so that one C call escapes them all


def escape_column(
    values: list[str],
    escape: Callable[[str], str],
    one: Callable[[str], str] | None = None,
    limit: int | None = None,
    separator: str = SEPARATOR,
) -> list[str]:
    """`[one(v) for v in values]` (`one` defaults to `escape`), made by running `escape` once over the
    column joined by `separator`: at 100,000 tags a call per cell is most of an export's time.
    `escape` must work character by character (removals and replacements of single characters, never
    of the separator) and equal `one` on values of at most `limit` characters; a column with a longer
    value (which `one` cuts) or holding the separator itself is escaped value by value."""
    one = one or escape
    joined = separator.join(values)
    if joined.count(separator) != len(values) - 1 or (
        limit is not None and max(map(len, values), default=0) > limit
    ):
        return [one(v) for v in values]
    return escape(joined).split(separator)
