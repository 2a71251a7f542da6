"""CSV and XLSX as researchers open them: each tag's row carries its judgment's metadata; lists read as
text; the formula guard comes from one place and leaves a leading line feed alone."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from annotator.core.cells import META_COLUMNS, neutralise_cell, readable

SHARED = Path(__file__).resolve().parents[2].parent / "shared"

REAL = SHARED / "realtexts" / "dev"


def _real_judgment() -> Path:
    if not REAL.is_dir():
        pytest.skip(f"real judgments not found at {REAL} (they live in the team's shared folder)")
    return sorted(REAL.glob("daybright_*.txt"))[0]


@pytest.fixture
def judged(project):
    changes = project.documents.import_files([_real_judgment()])
    doc = project.documents.get(changes.documents_added[0].id)
    assert doc.meta.get("court") and doc.meta.get("case_number"), "the judgment's header is recognised"
    who = project.annotators.ensure("张三")
    cat = project.codebook.find("用户数据权益")
    # A tag right after a paragraph break: its context_before ends there, its context_after starts
    # with the next line feed when the tag ends a line.
    line_end = doc.text.index("\n", 200)
    project.annotations.add(doc.id, line_end - 6, line_end, cat.id, who.id, memo="-重点")
    return project, doc


def test_csv_rows_carry_the_judgments_metadata(judged, tmp_path):
    project, doc = judged
    out = tmp_path / "tags.csv"
    project.exports.export("csv", out)
    with out.open(encoding="utf-8-sig", newline="") as fh:
        [row] = list(csv.DictReader(fh))
    for key in META_COLUMNS:
        assert key in row
    assert row["court"] == doc.meta["court"] and row["case_number"] == doc.meta["case_number"]
    assert row["year"] == str(doc.meta.get("year", ""))
    assert row["context_after"].startswith("\n")  # no stray ' before a line feed
    assert row["memo"] == "'-重点"  # a leading minus is still guarded


def test_xlsx_lists_read_as_text(judged, tmp_path):
    import openpyxl

    project, doc = judged
    out = tmp_path / "tags.xlsx"
    project.exports.export("xlsx", out)
    wb = openpyxl.load_workbook(out)
    passages = list(wb["Passages"].iter_rows(values_only=True))
    header = list(passages[0])
    assert header[1 : 1 + len(META_COLUMNS)] == list(META_COLUMNS)
    assert passages[1][header.index("court")] == doc.meta["court"]
    documents = list(wb["Documents"].iter_rows(values_only=True))
    head = list(documents[0])
    assert "judges" in head, doc.meta.keys()
    judges = documents[1][head.index("judges")]
    assert judges == "；".join(f"{j['role']} {j['name']}" for j in doc.meta["judges"])
    assert "{" not in judges and "'" not in judges
    if "statutes" in head:
        statutes = documents[1][head.index("statutes")]
        assert statutes.startswith("《") and "{" not in statutes


def test_readable_metadata_values():
    assert (
        readable([{"role": "审判长", "name": "林某"}, {"role": "审判员", "name": "许某"}])
        == "审判长 林某；审判员 许某"
    )
    assert (
        readable([{"statute": "反不正当竞争法", "article": 2, "paragraph": 1}])
        == "《反不正当竞争法》第2条第1款"
    )
    assert (
        readable([{"statute": "刑法", "article": 253, "paragraph": None, "article_suffix": 1}])
        == "《刑法》第253条之1"
    )
    assert readable(["（2019）浙01民初1号", "（2020）浙民终2号"]) == "（2019）浙01民初1号；（2020）浙民终2号"
    assert readable(None) == "" and readable(2021) == "2021"


@pytest.mark.parametrize(
    "value, guarded",
    [
        ("=1", True),
        ("+1", True),
        ("-1", True),
        ("@x", True),
        ("\t1", True),
        ("\r1", True),
        ("\n1", False),
        ("本院", False),
    ],
)
def test_one_formula_guard(value, guarded):
    assert neutralise_cell(value) == ("'" + value if guarded else value)


def test_every_csv_writer_uses_the_one_guard():
    """No module writes CSV cells with its own rules: csv.writer appears only in annotator/core/cells.py."""
    root = Path(__file__).resolve().parents[2] / "annotator"
    users = sorted(
        str(p.relative_to(root)) for p in root.rglob("*.py") if "csv.writer(" in p.read_text(encoding="utf-8")
    )
    assert users == ["core/cells.py"]
