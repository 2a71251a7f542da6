"""`xlsx`: an Excel workbook with the coded passages (the csv's columns), the codebook, the documents
with their metadata, and counts per document × category. Cells are written as text, so a passage
beginning with `=` stays a passage and never runs as a formula; a CJK font and column widths that read
well are set; the header row is frozen and filterable."""

from __future__ import annotations

import re
from pathlib import Path

from annotator.formats import csv_table
from annotator.formats.base import ExportData, ExportOptions, Progress

NAME = "xlsx"
LABEL = "Excel workbook"
EXTENSION = ".xlsx"
FONT = "DengXian"  # 等线: Excel's own CJK default, present wherever Office is
MAX_CELL = 32_767  # Excel's limit on characters in one cell
# Control characters XML cannot hold (openpyxl's ILLEGAL_CHARACTERS_RE, without importing openpyxl).
_ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")


PASSAGE_WIDTHS = {"document": 24, "category": 18, "category_en": 18, "annotator": 10, "start": 8, "end": 8,
                  "passage": 60, "context_before": 24, "context_after": 24, "memo": 30, "created": 22,
                  "document_uuid": 38, "annotation_uuid": 38}


_FORMULA_START = frozenset("=+-@")


def _cell(ws, value):
    if isinstance(value, str):
        value = _ILLEGAL.sub("", value)
        if len(value) > MAX_CELL:
            value = value[:MAX_CELL]
        if value[:1] in _FORMULA_START:
            from openpyxl.cell import WriteOnlyCell

            cell = WriteOnlyCell(ws, value)
            cell.data_type = "s"  # text, whatever it looks like
            return cell
    return value


def _sheet(wb, title: str, headers: list[str], widths: list[float]):
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(title)
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(max(1, len(headers)))}1"
    row = []
    for h in headers:
        c = WriteOnlyCell(ws, h)
        c.data_type = "s"  # headers include category names, which may begin with "="
        c.font, c.fill = Font(name=FONT, bold=True), PatternFill("solid", fgColor="EDEDED")
        row.append(c)
    ws.append(row)
    return ws


def export(data: ExportData, path: str | Path, options: ExportOptions, progress: Progress | None = None) -> None:
    # openpyxl loads in a few tenths of a second: only when an xlsx is written.
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, PatternFill

    wb = Workbook(write_only=True)
    cols = csv_table.COLUMNS
    ws = _sheet(wb, "Passages", cols, [PASSAGE_WIDTHS.get(c, 14) for c in cols])
    for values in csv_table.rows(data, options, progress):
        ws.append([_cell(ws, v) for v in values])

    cats = data.category_by_id()
    ws = _sheet(wb, "Codebook", ["category", "category_en", "parent", "colour", "key", "coding rule", "uuid"],
                [22, 24, 22, 10, 6, 80, 38])
    for c in data.categories:
        colour = WriteOnlyCell(ws, c.color)
        colour.fill = PatternFill("solid", fgColor=c.color.lstrip("#").upper())
        rule = WriteOnlyCell(ws, _ILLEGAL.sub("", c.description)[:MAX_CELL])
        rule.data_type = "s"
        rule.alignment = Alignment(wrap_text=True, vertical="top")
        parent = cats[c.parent_id].name if c.parent_id in cats else ""
        ws.append([_cell(ws, c.name), _cell(ws, c.name_en), _cell(ws, parent), colour, c.shortcut, rule, c.uuid])

    counts: dict[tuple[int, int], int] = {}
    per_doc: dict[int, int] = {}
    for a in data.annotations:
        counts[(a.document_id, a.category_id)] = counts.get((a.document_id, a.category_id), 0) + 1
        per_doc[a.document_id] = per_doc.get(a.document_id, 0) + 1
    meta_keys = sorted({k for d in data.documents for k in d.meta})
    ws = _sheet(wb, "Documents", ["title", "characters", "tags", "source", "format", "imported", *meta_keys, "uuid"],
                [30, 11, 8, 24, 8, 22, *[18] * len(meta_keys), 38])
    for d in data.documents:
        ws.append([_cell(ws, d.title), len(d.text), per_doc.get(d.id, 0), _cell(ws, d.source_name), d.source_format,
                   d.imported_at.isoformat(timespec="seconds") if d.imported_at else "",
                   *[_cell(ws, _text(d.meta.get(k))) for k in meta_keys], d.uuid])

    used = [c for c in data.categories if any(counts.get((d.id, c.id)) for d in data.documents)]
    ws = _sheet(wb, "Counts", ["document", *[c.name for c in used], "total"], [30, *[12] * len(used), 8])
    for d in data.documents:
        ws.append([_cell(ws, d.title), *[counts.get((d.id, c.id), 0) for c in used], per_doc.get(d.id, 0)])
    ws.append(["total", *[sum(counts.get((d.id, c.id), 0) for d in data.documents) for c in used],
               len(data.annotations)])
    wb.save(path)


def _text(value) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else str(value)
