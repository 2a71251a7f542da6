"""`xlsx`: an Excel workbook with the coded passages (the csv's columns), the codebook, the documents
with their metadata, and counts per document × category. Cells are written as text, so a passage
beginning with `=` stays a passage and never runs as a formula; a CJK font and column widths that read
well are set; the header row is frozen and filterable.

openpyxl writes the workbook; the rows of the Passages sheet (1.3 million cells at 100,000 tags, which
openpyxl writes at ~50,000 cells/s) are streamed into the sheet it wrote, as inline strings."""

from __future__ import annotations

import re
from pathlib import Path

from annotator.core.cells import readable, xlsx_text
from annotator.formats import csv_table
from annotator.formats.base import ExportData, ExportOptions, Progress

NAME = "xlsx"
LABEL = "Excel workbook"
EXTENSION = ".xlsx"
FONT = "DengXian"  # 等线: Excel's own CJK default, present wherever Office is


PASSAGE_WIDTHS = {"document": 24, "court": 22, "case_number": 24, "document_type": 14, "date": 11, "year": 6,
                  "cause": 16, "category": 18, "category_en": 18, "annotator": 10, "start": 8, "end": 8,
                  "passage": 60, "context_before": 24, "context_after": 24, "memo": 30, "created": 22,
                  "document_uuid": 38, "annotation_uuid": 38}


_FORMULA_START = frozenset("=+-@")


def _cell(ws, value):
    if isinstance(value, str):
        value = xlsx_text(value)
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
    # The Passages sheet gets its header (and styles, widths, filter) from openpyxl and its rows from
    # `_passage_rows` below: openpyxl writes ~50,000 cells/s, and 100,000 tags are 1.3 million cells.
    _sheet(wb, "Passages", cols, [PASSAGE_WIDTHS.get(c, 14) for c in cols])

    cats = data.category_by_id()
    ws = _sheet(wb, "Codebook", ["category", "category_en", "parent", "colour", "key", "coding rule", "uuid"],
                [22, 24, 22, 10, 6, 80, 38])
    for c in data.categories:
        colour = WriteOnlyCell(ws, c.color)
        colour.fill = PatternFill("solid", fgColor=c.color.lstrip("#").upper())
        rule = WriteOnlyCell(ws, xlsx_text(c.description))
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
                   *[_cell(ws, readable(d.meta.get(k))) for k in meta_keys], d.uuid])

    used = [c for c in data.categories if any(counts.get((d.id, c.id)) for d in data.documents)]
    ws = _sheet(wb, "Counts", ["document", *[c.name for c in used], "total"], [30, *[12] * len(used), 8])
    for d in data.documents:
        ws.append([_cell(ws, d.title), *[counts.get((d.id, c.id), 0) for c in used], per_doc.get(d.id, 0)])
    ws.append(["total", *[sum(counts.get((d.id, c.id), 0) for d in data.documents) for c in used],
               len(data.annotations)])
    staging = Path(f"{path}.openpyxl")
    try:
        wb.save(staging)
        _fill_first_sheet(staging, Path(path), csv_table.rows(data, options, progress), len(data.annotations))
    finally:
        staging.unlink(missing_ok=True)


def _column_letters(n: int) -> list[str]:
    out = []
    for i in range(1, n + 1):
        name, k = "", i
        while k:
            k, r = divmod(k - 1, 26)
            name = chr(65 + r) + name
        out.append(name)
    return out


def _passage_rows(rows, first_row: int):
    """SpreadsheetML <row> elements; every text is an inline string, so nothing is ever a formula."""
    letters = None
    for r, values in enumerate(rows, start=first_row):
        if letters is None:
            letters = _column_letters(len(values))
        cells = []
        for col, value in zip(letters, values, strict=True):
            if isinstance(value, bool) or value is None or value == "":
                continue
            if isinstance(value, int | float):
                cells.append(f'<c r="{col}{r}"><v>{value}</v></c>')
            else:
                text = xlsx_text(str(value))
                text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                cells.append(f'<c r="{col}{r}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>')
        yield f'<row r="{r}">{"".join(cells)}</row>'


def _cjk_default_font(styles: bytes) -> bytes:
    """Make the workbook's default font (font 0, which every unstyled cell uses) a CJK one, so the
    passages read well whatever the theme; openpyxl offers no public way to change it."""
    old = b'<font><name val="Calibri"/><family val="2"/><color theme="1"/><sz val="11"/><scheme val="minor"/></font>'
    new = (f'<font><name val="{FONT}"/><charset val="134"/><family val="2"/><color theme="1"/><sz val="11"/>'
           "</font>").encode()
    return styles.replace(old, new, 1)


def _fill_first_sheet(staging: Path, path: Path, rows, count: int) -> None:
    """Copy the workbook openpyxl wrote, streaming the passage rows into its first sheet."""
    import zipfile

    sheet = "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(staging) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/styles.xml":
                data = _cjk_default_font(data)
            if info.filename != sheet:
                dst.writestr(info, data)
                continue
            xml = data.decode("utf-8")
            head, tail = xml.split("</sheetData>", 1)  # the header row is always there
            head = re.sub(r'<dimension ref="A1:([A-Z]+)1"', lambda m: f'<dimension ref="A1:{m.group(1)}{count + 1}"',
                          head, count=1)
            member = zipfile.ZipInfo(sheet, date_time=info.date_time)
            member.compress_type = zipfile.ZIP_DEFLATED
            with dst.open(member, "w", force_zip64=True) as out:
                out.write(head.encode("utf-8"))
                buffer: list[str] = []
                for row in _passage_rows(rows, 2):
                    buffer.append(row)
                    if len(buffer) >= 2000:
                        out.write("".join(buffer).encode("utf-8"))
                        buffer.clear()
                out.write("".join(buffer).encode("utf-8"))
                out.write(("</sheetData>" + tail).encode("utf-8"))

