"""What every format module works with: the data to export, the user's options, progress reporting."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from annotator.core.cells import neutralise_cell  # noqa: F401  (the one formula guard, re-exported)
from annotator.core.model import Annotation, Annotator, Category, Document

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


@dataclass
class ExportData:
    """A self-contained snapshot of what is exported; formats never touch the database."""

    categories: list[Category]
    annotators: list[Annotator]
    documents: list[Document]
    annotations: list[Annotation]
    project: dict[str, Any] = field(default_factory=dict)
    # text -> [(start, end)] word spans in code points; the service supplies jieba when asked for words
    tokenize: Callable[[str], list[tuple[int, int]]] | None = None

    def annotations_by_document(self) -> dict[int, list[Annotation]]:
        """The tags to export, grouped by their document's id, in export order."""
        grouped: dict[int, list[Annotation]] = {}
        for a in self.annotations:
            grouped.setdefault(a.document_id, []).append(a)
        return grouped

    def category_by_id(self) -> dict[int, Category]:
        return {c.id: c for c in self.categories}

    def annotator_by_id(self) -> dict[int, Annotator]:
        return {a.id: a for a in self.annotators}

    def document_by_id(self) -> dict[int, Document]:
        return {d.id: d for d in self.documents}


def report(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None and progress(done, total) is False:
        raise Cancelled("cancelled by the user")


def with_progress(items: Sequence[T], progress: Progress | None, every: int = 1000) -> Iterator[T]:
    """Yield the items, reporting progress every `every` of them and at the end (and stopping when the
    user cancels)."""
    total = len(items)
    for i, item in enumerate(items):
        if i % every == 0:
            report(progress, i, total)
        yield item
    report(progress, total, total)


