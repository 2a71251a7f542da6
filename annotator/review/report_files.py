"""Writing an agreement report as a spreadsheet or a printable HTML page.

The report arrives as named tables (a header row and value rows); these writers know nothing about
agreement, only how to lay tables out readably in each file type.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from annotator.core.cells import xlsx_text

Table = tuple[Sequence[str], Sequence[Sequence[Any]]]


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}"
    return str(value)


def write_xlsx(path: Path, tables: dict[str, Table]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for name, (header, rows) in tables.items():
        sheet = book.create_sheet(name[:31])
        # The header too: the Confusion sheet's header holds category names, which may begin with "=".
        _append(sheet, header)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            _append(sheet, row)
        sheet.freeze_panes = "B2"
        for i, title in enumerate(header, start=1):
            width = max([len(str(title))] + [len(cell_text(r[i - 1])) for r in rows[:500]])
            sheet.column_dimensions[sheet.cell(1, i).column_letter].width = min(60, max(8, width * 1.6 + 2))
    book.save(path)


def _append(sheet, row: Sequence[Any]) -> None:
    """One row: numbers stay numbers (a researcher sorts and charts them); text is typed as a string,
    which no spreadsheet runs as a formula (openpyxl would otherwise store "=1+1" as one)."""
    sheet.append([xlsx_text(v) if isinstance(v, str) else v for v in row])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"


def write_html(path: Path, title: str, tables: dict[str, Table], notes: Sequence[str] = ()) -> None:
    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        f"<title>{html.escape(title)}</title>",
        "<style>body{font-family:'Noto Sans CJK SC','Microsoft YaHei',sans-serif;margin:2em}"
        "table{border-collapse:collapse;margin:0 0 2em}th,td{border:1px solid #bbb;padding:.3em .6em}"
        "td.n{text-align:right;font-variant-numeric:tabular-nums}th{background:#eee}</style>",
        "</head><body>",
        f"<h1>{html.escape(title)}</h1>",
    ]
    parts += [f"<p>{html.escape(n)}</p>" for n in notes]
    for name, (header, rows) in tables.items():
        parts.append(f"<h2>{html.escape(name)}</h2><table><thead><tr>")
        parts += [f"<th>{html.escape(str(h))}</th>" for h in header]
        parts.append("</tr></thead><tbody>")
        for row in rows:
            cells = []
            for value in row:
                cls = ' class="n"' if isinstance(value, int | float) and not isinstance(value, bool) else ""
                cells.append(f"<td{cls}>{html.escape(cell_text(value))}</td>")
            parts.append("<tr>" + "".join(cells) + "</tr>")
        parts.append("</tbody></table>")
    parts.append("</body></html>")
    path.write_text("\n".join(parts), encoding="utf-8")
