"""`csv`: one row per annotation, for Excel, R or pandas. UTF-8 with a BOM so that Excel shows Chinese.

Each row carries its document's metadata (court, case number, document type, date, year, cause of
action) so that a pivot table by court or year needs no second file. Cells go through the one
formula guard in `annotator.core.cells`."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from annotator.core.cells import META_COLUMNS, CsvWriter, meta_cells, neutralise_cell
from annotator.formats.base import ExportData, ExportOptions, Progress, iso_text, report

NAME = "csv"
LABEL = "CSV table (Excel)"
EXTENSION = ".csv"

COLUMNS = [
    "document",
    *META_COLUMNS,
    "category",
    "category_en",
    "annotator",
    "start",
    "end",
    "passage",
    "context_before",
    "context_after",
    "memo",
    "created",
    "document_uuid",
    "annotation_uuid",
]


def rows(data: ExportData, options: ExportOptions, progress: Progress | None = None) -> Iterator[list]:
    """The table's rows (cells as they are, before the formula guard), one per tag in export order."""
    for chunk in row_chunks(data, options, progress):
        yield from chunk


def row_chunks(
    data: ExportData,
    options: ExportOptions,
    progress: Progress | None = None,
    guard: Callable[[str], str] | None = None,
) -> Iterator[list[list]]:
    """`rows` a chunk of tags at a time. What repeats (a document's title and metadata, a category's
    names, an annotator's name) is made once, and `guard` (the formula guard for CSV, None for XLSX)
    runs once per distinct value, so the cost per tag is a few string operations."""
    g = guard or (lambda v: v)
    cats = {c.id: (g(c.name), g(c.name_en)) for c in data.categories}
    users = {u.id: g(u.name) for u in data.annotators}
    docs = {
        d.id: ([g(d.title), *(g(v) if isinstance(v, str) else v for v in meta_cells(d.meta))], g(d.uuid))
        for d in data.documents
    }
    memos = options.include_memos
    total, done = data.tag_count, 0
    for chunk in data.rows():
        report(progress, done, total)
        out = []
        append = out.append
        for _id, uuid, doc, user, cat, start, end, text, before, after, memo, created, _upd in chunk:
            head, doc_uuid = docs[doc]
            if guard is not None:
                text, before, after, memo, uuid = (
                    guard(text),
                    guard(before),
                    guard(after),
                    guard(memo),
                    guard(uuid),
                )
            append(
                [
                    *head,
                    *cats[cat],
                    users[user],
                    start,
                    end,
                    text,
                    before,
                    after,
                    memo if memos else "",
                    iso_text(created),
                    doc_uuid,
                    uuid,
                ]
            )
        done += len(chunk)
        yield out
    report(progress, total, total)


def export(
    data: ExportData, path: str | Path, options: ExportOptions, progress: Progress | None = None
) -> None:
    with Path(path).open("w", encoding="utf-8-sig", newline="") as fh:
        out = CsvWriter(fh)
        out.writerow(COLUMNS)
        # The formula guard has run on every text cell (once per distinct value where values repeat).
        for chunk in row_chunks(data, options, progress, guard=neutralise_cell):
            out.writerows_guarded(chunk)
