"""Spreadsheet cells: the one place that decides how a text goes into a CSV or XLSX cell.

Every CSV and XLSX writer of the product (exports, the agreement report, the statistics tables) goes
through here, so the formula guard and the way lists read are the same everywhere.

- CSV: a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, so that
  Excel, LibreOffice and Numbers show it as text instead of running it (OWASP's "CSV injection" list).
  A leading line feed is left alone: no spreadsheet starts a formula with it, and a context that begins
  at a paragraph break must read as the text it is.
- XLSX: text cells are typed as strings, which no spreadsheet evaluates, so their text is kept as is;
  only the characters XML cannot hold are dropped and the length is capped at Excel's limit.
- Lists from a judgment's metadata (parties, judges, statutes) read as text a researcher would write:
  `审判长 林某；审判员 许某`, not as Python reprs.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from typing import IO, Any

FORMULA_START = frozenset("=+-@\t\r")
MAX_XLSX_CELL = 32_767  # Excel's limit on characters in one cell
# Control characters XML 1.0 cannot carry (what openpyxl's ILLEGAL_CHARACTERS_RE refuses).
_ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")
LIST_SEPARATOR = "；"

# Document metadata every table of tags carries as columns (the keys JudgmentStructure.meta() writes).
META_COLUMNS = ("court", "case_number", "document_type", "date", "year", "cause")


def neutralise_cell(value: str) -> str:
    """Keep spreadsheet programs from running a CSV cell as a formula (CSV/formula injection)."""
    if value and value[0] in FORMULA_START:
        return "'" + value
    return value


# The same guard and csv.writer's quoting (QUOTE_MINIMAL: a cell holding `,`, `"`, CR or LF is quoted)
# on a cell's UTF-8 bytes, for the table writer that never decodes the stored text. Every formula
# start is ASCII, so the first byte decides.
_FORMULA_START_UTF8 = tuple(c.encode() for c in sorted(FORMULA_START))
_NEEDS_QUOTES_UTF8 = re.compile(rb'[",\r\n]').search


def csv_cell_utf8(value: bytes) -> bytes:
    """A text cell as `CsvWriter` writes it (guarded, then quoted where csv.writer quotes), in UTF-8."""
    if value.startswith(_FORMULA_START_UTF8):
        value = b"'" + value
    if _NEEDS_QUOTES_UTF8(value):
        return b'"' + value.replace(b'"', b'""') + b'"'
    return value


def csv_cells_utf8(values: list[bytes]) -> list[bytes]:
    """`[csv_cell_utf8(v) for v in values]` without a call per cell (at 100,000 tags the calls are most
    of a table's time): the guard and the quote check inline, in two passes over the column."""
    start, needs = _FORMULA_START_UTF8, _NEEDS_QUOTES_UTF8
    guarded = [b"'" + v if v.startswith(start) else v for v in values]
    return [b'"' + v.replace(b'"', b'""') + b'"' if needs(v) else v for v in guarded]


def csv_line(values: Iterable[Any]) -> str:
    """One CSV line as `CsvWriter.writerow` writes it (guarded cells, CRLF at the end)."""
    buffer = io.StringIO()
    csv.writer(buffer).writerow(csv_row(values))
    return buffer.getvalue()


def csv_row(values: Iterable[Any]) -> list[Any]:
    return [neutralise_cell(v) if isinstance(v, str) else v for v in values]


class CsvWriter:
    """`csv.writer` whose every text cell passes the formula guard."""

    def __init__(self, fh: IO[str]) -> None:
        self._fh = fh
        self._writer = csv.writer(fh)

    def writerow(self, values: Iterable[Any]) -> None:
        self._writer.writerow(csv_row(values))


def xml_chars(value: str) -> str:
    """`value` without the characters XML cannot hold (what `xlsx_text` drops), however long."""
    return _ILLEGAL.sub("", value)


def xlsx_text(value: str) -> str:
    """The text of an XLSX string cell (typed as a string, so never a formula)."""
    value = _ILLEGAL.sub("", value)
    return value[:MAX_XLSX_CELL] if len(value) > MAX_XLSX_CELL else value


def readable(value: Any) -> str:
    """A metadata value as text: lists joined with `；`, a party or judge as `role name`, a statute
    citation as `《法》第N条第M款`, other mappings as `key: value`."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, dict):
        return _readable_dict(value)
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(t for t in (readable(v) for v in value) if t)
    return str(value)


def _readable_dict(d: dict) -> str:
    if "statute" in d:
        out = str(d.get("statute") or "")
        if out and not out.startswith("《"):
            out = f"《{out}》"
        if d.get("article"):
            out += f"第{d['article']}条"
        if d.get("article_suffix"):
            out += f"之{d['article_suffix']}"
        if d.get("paragraph"):
            out += f"第{d['paragraph']}款"
        if d.get("item"):
            out += f"第{d['item']}项"
        return out
    if "name" in d and set(d) <= {"role", "name", "original_role", "representative"}:
        role = str(d.get("role") or "")
        text = f"{role} {d['name']}".strip()
        if d.get("original_role"):
            text += f"（{d['original_role']}）"
        return text
    return "，".join(f"{k}: {readable(v)}" for k, v in d.items())


def meta_cells(meta: dict[str, Any]) -> list[Any]:
    """The `META_COLUMNS` of one document: the year as a number, the rest as readable text."""
    out: list[Any] = []
    for key in META_COLUMNS:
        value = meta.get(key)
        if key == "year" and isinstance(value, int) and not isinstance(value, bool):
            out.append(value)
        else:
            out.append(readable(value))
    return out
