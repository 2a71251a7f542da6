"""`xlsx`: an Excel workbook with the coded passages (the csv's columns), the codebook, the documents
with their metadata, and counts per document × category. Cells are written as text, so a passage
beginning with `=` stays a passage and never runs as a formula; a CJK font and column widths that read
well are set; the header row is frozen and filterable.

openpyxl writes the workbook; the rows of the Passages sheet (1.3 million cells at 100,000 tags, which
openpyxl writes at ~50,000 cells/s) are streamed into the sheet it wrote, as inline strings."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from annotator.core.cells import MAX_XLSX_CELL, META_COLUMNS, meta_cells, readable, xlsx_text, xml_chars
from annotator.formats import csv_table
from annotator.formats.base import (
    ExportData,
    ExportOptions,
    Progress,
    background_writes,
    escape_column,
    iso_text,
    report,
)

NAME = "xlsx"
LABEL = "Excel workbook"
EXTENSION = ".xlsx"
FONT = "DengXian"  # 等线: Excel's own CJK default, present wherever Office is


PASSAGE_WIDTHS = {
    "document": 24,
    "court": 22,
    "case_number": 24,
    "document_type": 14,
    "date": 11,
    "year": 6,
    "cause": 16,
    "category": 18,
    "category_en": 18,
    "annotator": 10,
    "start": 8,
    "end": 8,
    "passage": 60,
    "context_before": 24,
    "context_after": 24,
    "memo": 30,
    "created": 22,
    "document_uuid": 38,
    "annotation_uuid": 38,
}


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


def export(
    data: ExportData, path: str | Path, options: ExportOptions, progress: Progress | None = None
) -> None:
    # openpyxl loads in a few tenths of a second: only when an xlsx is written.
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, PatternFill

    wb = Workbook(write_only=True)
    cols = csv_table.COLUMNS
    # The Passages sheet gets its header (and styles, widths, filter) from openpyxl and its rows from
    # `passage_xml` below: openpyxl writes ~50,000 cells/s, and 100,000 tags are 1.3 million cells.
    _sheet(wb, "Passages", cols, [PASSAGE_WIDTHS.get(c, 14) for c in cols])

    cats = data.category_by_id()
    ws = _sheet(
        wb,
        "Codebook",
        ["category", "category_en", "parent", "colour", "key", "coding rule", "uuid"],
        [22, 24, 22, 10, 6, 80, 38],
    )
    for c in data.categories:
        colour = WriteOnlyCell(ws, c.color)
        colour.fill = PatternFill("solid", fgColor=c.color.lstrip("#").upper())
        rule = WriteOnlyCell(ws, xlsx_text(c.description))
        rule.data_type = "s"
        rule.alignment = Alignment(wrap_text=True, vertical="top")
        parent = cats[c.parent_id].name if c.parent_id in cats else ""
        ws.append(
            [_cell(ws, c.name), _cell(ws, c.name_en), _cell(ws, parent), colour, c.shortcut, rule, c.uuid]
        )

    counts = data.category_counts()  # without reading the tags: they are streamed into Passages below
    per_doc: dict[int, int] = {}
    for (doc, _cat), n in counts.items():
        per_doc[doc] = per_doc.get(doc, 0) + n
    meta_keys = sorted({k for d in data.documents for k in d.meta})
    ws = _sheet(
        wb,
        "Documents",
        ["title", "characters", "tags", "source", "format", "imported", *meta_keys, "uuid"],
        [30, 11, 8, 24, 8, 22, *[18] * len(meta_keys), 38],
    )
    for d in data.documents:
        ws.append(
            [
                _cell(ws, d.title),
                len(d.text),
                per_doc.get(d.id, 0),
                _cell(ws, d.source_name),
                d.source_format,
                d.imported_at.isoformat(timespec="seconds") if d.imported_at else "",
                *[_cell(ws, readable(d.meta.get(k))) for k in meta_keys],
                d.uuid,
            ]
        )

    used = [c for c in data.categories if any(counts.get((d.id, c.id)) for d in data.documents)]
    ws = _sheet(wb, "Counts", ["document", *[c.name for c in used], "total"], [30, *[12] * len(used), 8])
    for d in data.documents:
        ws.append([_cell(ws, d.title), *[counts.get((d.id, c.id), 0) for c in used], per_doc.get(d.id, 0)])
    ws.append(
        ["total", *[sum(counts.get((d.id, c.id), 0) for d in data.documents) for c in used], data.tag_count]
    )
    staging = Path(f"{path}.openpyxl")
    try:
        wb.save(staging)
        _fill_first_sheet(staging, Path(path), passage_xml(data, options, progress), data.tag_count)
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


def _cells(letters: list[str], values, r: str) -> str:
    """SpreadsheetML cells of row `r`; every text is an inline string, so nothing is ever a formula."""
    cells = []
    for col, value in zip(letters, values, strict=True):
        if isinstance(value, bool) or value is None or value == "":
            continue
        if isinstance(value, int | float):
            cells.append(f'<c r="{col}{r}"><v>{value}</v></c>')
        else:
            cells.append(
                f'<c r="{col}{r}" t="inlineStr"><is><t xml:space="preserve">{_text(str(value))}</t></is></c>'
            )
    return "".join(cells)


def _text(value: str) -> str:
    return xlsx_text(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _escape(value: str) -> str:
    """`_text` without the cut at Excel's cell limit."""
    return xml_chars(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_ROW = "\x00"  # stands for the row number in cells made once; XML text never holds it (see xlsx_text)


def passage_xml(
    data: ExportData, options: ExportOptions, progress: Progress | None = None
) -> Iterator[list[str]]:
    """The Passages sheet's <row> elements (the csv's rows, from the second row on), a chunk at a time:
    one per row of `csv_table.rows`, with the cells that repeat (a document's,
    a category's, an annotator's) made once and only the row number put in per tag."""
    cols = _column_letters(len(csv_table.COLUMNS))
    head, tail = cols[: len(META_COLUMNS) + 1], cols[-2]  # document and its metadata; document_uuid

    def made(letters, values) -> list[str]:
        return _cells(letters, values, _ROW).split(_ROW)

    cats = {c.id: made(cols[7:9], [c.name, c.name_en]) for c in data.categories}
    users = {u.id: made(cols[9:10], [u.name]) for u in data.annotators}
    docs = {
        d.id: (made(head, [d.title, *meta_cells(d.meta)]), made([tail], [d.uuid])) for d in data.documents
    }
    memos = options.include_memos
    total, done, r = data.tag_count, 0, 1
    for chunk in data.rows():
        report(progress, done, total)
        # The text columns are escaped a column at a time (see `escape_column`), not a cell at a time.
        texts, befores, afters, memo_texts, uuids = (
            escape_column([t[k] for t in chunk], _escape, _text, MAX_XLSX_CELL) for k in (7, 8, 9, 10, 1)
        )
        out = []
        append = out.append
        for i, (_id, uuid, doc, user, cat, start, end, text, before, after, memo, created, _upd) in enumerate(
            chunk
        ):
            r += 1
            R = str(r)  # noqa: N806 (the row number, as it reads in a cell reference)
            doc_head, doc_tail = docs[doc]
            when = iso_text(created)
            append(
                f'<row r="{R}">{R.join(doc_head)}{R.join(cats[cat])}{R.join(users[user])}'
                f'<c r="K{R}"><v>{start}</v></c><c r="L{R}"><v>{end}</v></c>'
                f"{_inline('M', R, texts[i]) if text else ''}{_inline('N', R, befores[i]) if before else ''}"
                f"{_inline('O', R, afters[i]) if after else ''}{_inline('P', R, memo_texts[i]) if memos and memo else ''}"
                f"{_inline('Q', R, when) if when else ''}{R.join(doc_tail)}{_inline('S', R, uuids[i]) if uuid else ''}"
                "</row>"
            )
        done += len(chunk)
        yield out
    report(progress, total, total)


def _inline(col: str, r: str, escaped: str) -> str:
    return f'<c r="{col}{r}" t="inlineStr"><is><t xml:space="preserve">{escaped}</t></is></c>'


def _cjk_default_font(styles: bytes) -> bytes:
    """Make the workbook's default font (font 0, which every unstyled cell uses) a CJK one, so the
    passages read well whatever the theme; openpyxl offers no public way to change it."""
    old = b'<font><name val="Calibri"/><family val="2"/><color theme="1"/><sz val="11"/><scheme val="minor"/></font>'
    new = (
        f'<font><name val="{FONT}"/><charset val="134"/><family val="2"/><color theme="1"/><sz val="11"/>'
        "</font>"
    ).encode()
    return styles.replace(old, new, 1)


def _fill_first_sheet(staging: Path, path: Path, rows: Iterator[list[str]], count: int) -> None:
    """Copy the workbook openpyxl wrote, streaming the passage rows (chunks of <row> elements) into its
    first sheet."""
    import zipfile

    sheet = "xl/worksheets/sheet1.xml"
    with (
        zipfile.ZipFile(staging) as src,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as dst,
    ):
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/styles.xml":
                data = _cjk_default_font(data)
            if info.filename != sheet:
                dst.writestr(info, data)
                continue
            xml = data.decode("utf-8")
            head, tail = xml.split("</sheetData>", 1)  # the header row is always there
            head = re.sub(
                r'<dimension ref="A1:([A-Z]+)1"',
                lambda m: f'<dimension ref="A1:{m.group(1)}{count + 1}"',
                head,
                count=1,
            )
            # Opened by name, so with the archive's compression level (a ZipInfo of our own would get
            # zlib's default, three times slower on the 130 MB sheet).
            with dst.open(sheet, "w", force_zip64=True) as out, background_writes(out.write) as write:
                write(head.encode("utf-8"))
                for chunk in rows:
                    write("".join(chunk).encode("utf-8"))
                write(("</sheetData>" + tail).encode("utf-8"))
