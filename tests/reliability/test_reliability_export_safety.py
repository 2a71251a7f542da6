"""Exports are safe to open: spreadsheet cells never start a formula (= + - @, tab, CR), HTML escapes
every text, and no export writes outside the file the user chose."""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

import pytest

from annotator.formats import registry
from annotator.formats.base import neutralise_cell

DANGEROUS = ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", '=HYPERLINK("http://x","y")']
EVIL_TITLE = "../../../越界文件<script>alert(1)</script>"


@pytest.mark.parametrize("value", DANGEROUS)
def test_neutralise_prefixes_every_formula_starter(value):
    assert neutralise_cell(value) == "'" + value
    assert neutralise_cell("本院认为" + value) == "本院认为" + value  # only the first character matters


def test_a_leading_line_feed_is_text_not_a_formula():
    # A context that begins at a paragraph break is no formula in any spreadsheet; a stray ' would be
    # read as part of the passage.
    assert neutralise_cell("\n=1") == "\n=1"


@pytest.fixture
def hostile_project(project):
    """Titles, passages, memos and category names an attacker could have put in a shared project."""
    text = (
        "".join(f"{v}。本院认为{i}。" for i, v in enumerate(DANGEROUS)) + "<img src=x onerror=alert(1)>结束。"
    )
    doc = project.documents.add_text(EVIL_TITLE, text).documents_added[0]
    cat = project.codebook.add("=cmd|' /C calc'!A0").categories_added[0]
    who = project.annotators.ensure("@攻击者").id
    start = 0
    for v in DANGEROUS:
        start = text.index(v, start)
        project.annotations.add(doc.id, start, start + len(v), cat.id, who, memo=v)
        start += len(v)
    s = text.index("<img")
    project.annotations.add(
        doc.id, s, s + len("<img src=x onerror=alert(1)>"), cat.id, who, memo="<script>alert('memo')</script>"
    )
    return project


def _starts_formula(value) -> bool:
    return isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r")


def test_csv_cells_never_start_a_formula(hostile_project, tmp_path):
    out = tmp_path / "tags.csv"
    hostile_project.exports.export("csv", out)
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    cells = [c for row in rows[1:] for c in row]
    assert not [c for c in cells if _starts_formula(c)]
    assert "'" + DANGEROUS[4] in cells  # the tab case was kept, neutralised, not dropped


def test_xlsx_cells_are_never_formulas(hostile_project, tmp_path):
    import openpyxl

    out = tmp_path / "tags.xlsx"
    hostile_project.exports.export("xlsx", out)
    wb = openpyxl.load_workbook(out)
    # Cells are typed as text, which Excel never evaluates; a formula-typed cell would run.
    formulas = [
        (ws.title, c.coordinate, c.value)
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for c in row
        if c.data_type == "f"
    ]
    assert not formulas
    texts = [
        c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row if _starts_formula(c.value)
    ]
    assert "=1+1" in texts  # kept as the passage it is


def test_html_report_escapes_all_text(hostile_project, tmp_path):
    out = tmp_path / "report.html"
    hostile_project.exports.export("html", out)
    page = out.read_text(encoding="utf-8")
    for raw in ("<script>alert(1)</script>", "<script>alert('memo')</script>", "<img src=x onerror"):
        assert raw not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def _tree(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*")}


@pytest.mark.parametrize("fmt", sorted(registry.FORMATS))
def test_exports_write_only_the_chosen_file(hostile_project, tmp_path, fmt):
    chosen = tmp_path / "out" / "deep"
    chosen.mkdir(parents=True)
    module = registry.get(fmt)
    target = chosen / f"export{module.EXTENSION}"
    before = _tree(tmp_path)
    hostile_project.exports.export(fmt, target)
    created = _tree(tmp_path) - before
    assert created == {target}
    if zipfile.is_zipfile(target):
        with zipfile.ZipFile(target) as z:
            for name in z.namelist():
                assert not name.startswith(("/", "\\")) and ".." not in Path(name).parts, name
