"""`csv`: one row per annotation, for Excel, R or pandas. UTF-8 with a BOM so that Excel shows Chinese.

Each row carries its document's metadata (court, case number, document type, date, year, cause of
action) so that a pivot table by court or year needs no second file. Cells go through the one
formula guard in `annotator.core.cells`."""

from __future__ import annotations

from pathlib import Path

from annotator.core.cells import META_COLUMNS, CsvWriter, meta_cells
from annotator.formats.base import ExportData, ExportOptions, Progress, with_progress

NAME = "csv"
LABEL = "CSV table (Excel)"
EXTENSION = ".csv"

COLUMNS = [
    "document", *META_COLUMNS, "category", "category_en", "annotator", "start", "end", "passage",
    "context_before", "context_after", "memo", "created", "document_uuid", "annotation_uuid",
]


def rows(data: ExportData, options: ExportOptions, progress: Progress | None = None):
    cats = data.category_by_id()
    users = data.annotator_by_id()
    docs = data.document_by_id()
    metas = {d.id: meta_cells(d.meta) for d in data.documents}
    for a in with_progress(data.annotations, progress):
        doc, cat = docs[a.document_id], cats[a.category_id]
        yield [
            doc.title, *metas[doc.id], cat.name, cat.name_en, users[a.annotator_id].name, a.start, a.end, a.text,
            a.before, a.after, a.memo if options.include_memos else "",
            a.created.isoformat() if a.created else "", doc.uuid, a.uuid,
        ]


def export(data: ExportData, path: str | Path, options: ExportOptions, progress: Progress | None = None) -> None:
    with Path(path).open("w", encoding="utf-8-sig", newline="") as fh:
        writer = CsvWriter(fh)
        writer.writerow(COLUMNS)
        for row in rows(data, options, progress):
            writer.writerow(row)
