"""`csv`: one row per annotation, for Excel, R or pandas. UTF-8 with a BOM so that Excel shows Chinese.

Each row carries its document's metadata (court, case number, document type, date, year, cause of
action) so that a pivot table by court or year needs no second file. Cells go through the one
formula guard in `annotator.core.cells`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from annotator.core.cells import META_COLUMNS, csv_cells_utf8, csv_line, meta_cells
from annotator.formats.base import (
    ExportData,
    ExportOptions,
    Progress,
    iso_text,
    iso_texts_utf8,
    lower_guids,
    report,
)

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
    """The table's rows (cells as they are, before the formula guard), one per tag in export order: what
    `lines` writes, passed through `CsvWriter` (the tests hold `lines` to it)."""
    cats = {c.id: (c.name, c.name_en) for c in data.categories}
    users = {u.id: u.name for u in data.annotators}
    docs = {d.id: ([d.title, *meta_cells(d.meta)], d.uuid) for d in data.documents}
    memos = options.include_memos
    total, done = data.tag_count, 0
    for chunk in data.rows():
        report(progress, done, total)
        for _id, uuid, doc, user, cat, start, end, text, before, after, memo, created, _upd in chunk:
            head, doc_uuid = docs[doc]
            yield [
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
        done += len(chunk)
    report(progress, total, total)


# The fields of a tag that the table writes, in the order `byte_rows` hands them over.
_FIELDS = ("uuid", "document_id", "annotator_id", "category_id", "start", "end", "text", "before")
_FIELDS += ("after", "memo", "created")
_LINE = b"%b%b%b%d,%d,%b,%b,%b,%b,%b,%b%b\r\n"


def _fixed(values: list) -> bytes:
    """Cells that repeat (a document's title and metadata, a category's names), guarded and quoted by
    csv.writer itself, with the comma that follows them."""
    return csv_line([*values, ""])[:-2].encode("utf-8")


def lines(data: ExportData, options: ExportOptions, progress: Progress | None = None) -> Iterator[bytes]:
    """The table's rows as UTF-8 CSV, a chunk of tags at a time: byte for byte what `CsvWriter` writes
    of `rows`, built from the stored bytes. What repeats is made once by csv.writer; the cells of each
    tag go through `csv_cells_utf8` (the formula guard and csv's quoting), a chunk's uuids and times
    are checked as one column."""
    cats = {c.id: _fixed([c.name, c.name_en]) for c in data.categories}
    users = {u.id: _fixed([u.name]) for u in data.annotators}
    heads = {d.id: _fixed([d.title, *meta_cells(d.meta)]) for d in data.documents}
    tails = {d.id: _fixed([d.uuid]) for d in data.documents}
    memos = options.include_memos
    line = _LINE.__mod__
    total, done = data.tag_count, 0
    for chunk in data.byte_rows(_FIELDS):
        report(progress, done, total)
        if not chunk:
            continue
        uuids, docs, users_, cats_, starts, ends, texts, befores, afters, memo_cells, created = zip(
            *chunk, strict=True
        )
        if not lower_guids(uuids):
            uuids = csv_cells_utf8(list(uuids))
        yield b"".join(
            map(
                line,
                zip(
                    map(heads.__getitem__, docs),
                    map(cats.__getitem__, cats_),
                    map(users.__getitem__, users_),
                    starts,
                    ends,
                    csv_cells_utf8(list(texts)),
                    csv_cells_utf8(list(befores)),
                    csv_cells_utf8(list(afters)),
                    csv_cells_utf8(list(memo_cells)) if memos else [b""] * len(chunk),
                    iso_texts_utf8(list(created)),
                    map(tails.__getitem__, docs),
                    uuids,
                    strict=True,
                ),
            )
        )
        done += len(chunk)
    report(progress, total, total)


def export(
    data: ExportData, path: str | Path, options: ExportOptions, progress: Progress | None = None
) -> None:
    """UTF-8 with a BOM (what `encoding="utf-8-sig"` writes), written a chunk of tags at a time."""
    with Path(path).open("wb") as fh:
        fh.write(b"\xef\xbb\xbf" + csv_line(COLUMNS).encode("utf-8"))
        for block in lines(data, options, progress):
            fh.write(block)
