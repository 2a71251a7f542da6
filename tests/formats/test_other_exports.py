"""conll, W3C Web Annotation, HTML report, xlsx, and the registry that the CLI and dialog read."""

from __future__ import annotations

import json
import re

import pytest

from annotator.formats import conll, registry
from annotator.formats.base import ExportOptions
from annotator.formats.html_report import highlighted
from tests.formats.conftest import TEXT_A


def test_conll_bio_per_character(tagged, tmp_path):
    out = tmp_path / "c.conll"
    tagged.exports.export("conll", out, ExportOptions(docstart=True))
    blocks = out.read_text(encoding="utf-8").split("-DOCSTART-\tO\n\n")
    assert len(blocks) == 3 and blocks[0] == ""
    rows = [line.split("\t") for line in blocks[1].splitlines() if line]
    chars = "".join(c for c, _ in rows)
    assert chars == re.sub(r"\s", "", TEXT_A)  # every character once, 𠮷 as one token
    tags = dict(enumerate(rows))
    i = chars.index("擅自")
    assert tags[i][1] == "B-用户数据权益" and tags[i + 1][1] == "I-用户数据权益"
    # The overlapping 破坏性利用 tag (starts later, inside the first) is left out whole, not cut.
    assert not any(t == "B-破坏性利用" for _, t in rows[i : i + 20])
    assert "" in blocks[1].splitlines()  # sentence breaks as blank lines


def test_conll_overlap_rule():
    # Earliest start wins, then the longest; overlapping tags are dropped whole; later ones stay.
    chosen, dropped = conll.choose([(5, 9, "b"), (0, 4, "a"), (2, 8, "c"), (0, 6, "d"), (6, 8, "e")])
    assert chosen == [(0, 6, "d"), (6, 8, "e")]
    assert dropped == 3
    lines = conll.lines("甲乙丙丁", [(1, 3, "X")], conll.char_tokens("甲乙丙丁"))
    assert lines == ["甲\tO", "乙\tB-X", "丙\tI-X", "丁\tO"]


@pytest.mark.parametrize(
    "text, spans",
    [
        ("甲乙。丙丁\n戊 己", [(1, 3, "X"), (4, 9, "Y")]),
        ("𠮷 甲乙！\n\n丙", [(1, 4, "Z")]),
        ("甲乙丙丁", [(0, 2, "X"), (1, 3, "Y"), (2, 4, "W")]),
    ],
)
def test_conll_fast_path_agrees_with_the_general_one(text, spans):
    assert conll.char_lines(text, spans) == conll.lines(text, spans, conll.char_tokens(text))


def test_conll_per_jieba_word(tagged, tmp_path):
    out = tmp_path / "w.conll"
    tagged.exports.export("conll", out, ExportOptions(word_tokens=True))
    rows = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines() if "\t" in line]
    words = [w for w, _ in rows]
    assert "擅自" in words and "抓取" in words
    assert dict(rows)["擅自"] == "B-用户数据权益" and dict(rows)["抓取"] == "I-用户数据权益"


def test_w3c_web_annotation(tagged, tmp_path):
    out = tmp_path / "a.jsonld"
    tagged.exports.export("w3c", out)
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["@context"] == "http://www.w3.org/ns/anno.jsonld" and doc["type"] == "AnnotationCollection"
    items = doc["first"]["items"]
    assert len(items) == doc["total"] == 5
    texts = {s["id"]: s["text"] for s in doc["sources"]}
    for item in items:
        assert item["type"] == "Annotation" and item["id"].startswith("urn:uuid:")
        pos, quote = item["target"]["selector"]
        assert pos["type"] == "TextPositionSelector" and quote["type"] == "TextQuoteSelector"
        text = texts[item["target"]["source"]]
        assert text[pos["start"] : pos["end"]] == quote["exact"]
        assert text[: pos["start"]].endswith(quote["prefix"])
    memos = [b["value"] for i in items for b in i["body"] if b.get("purpose") == "commenting"]
    assert sorted(memos) == sorted(["重点段落 =备注", "第二条\n备忘"])


def test_html_report(tagged, tmp_path):
    out = tmp_path / "r.html"
    tagged.exports.export("html", out)
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<script" not in page
    assert "𠮷某诉某科技公司案" in page and "Passages by category" in page
    assert "重点段落 =备注" in page and "@media print" in page
    assert page.count("<mark") >= 5


def test_html_highlight_escapes_and_marks_overlaps():
    out = highlighted("a<b>cd", [(0, 3, "#ff0000", "甲"), (2, 5, "#00ff00", "乙")])
    assert "&lt;" in out and "&gt;" in out and "<b>" not in out
    assert 'class="overlap"' in out and 'title="甲 / 乙"' in out


def test_xlsx_workbook(tagged, tmp_path):
    import openpyxl

    out = tmp_path / "t.xlsx"
    tagged.exports.export("xlsx", out)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Passages", "Codebook", "Documents", "Counts"]
    ws = wb["Passages"]
    header = [c.value for c in ws[1]]
    rows = [dict(zip(header, (c.value for c in row), strict=True)) for row in ws.iter_rows(min_row=2)]
    assert len(rows) == 5
    formula = next(r for r in rows if r["passage"].startswith("=SUM"))
    cell = ws.cell(row=rows.index(formula) + 2, column=header.index("passage") + 1)
    assert cell.data_type == "s" and cell.value == "=SUM(A1)"  # kept as text, never a formula
    assert ws.freeze_panes == "A2" and _width(ws, header, "passage") >= 40
    docs = wb["Documents"]
    dheader = [c.value for c in docs[1]]
    assert "court" in dheader and docs.cell(row=2, column=dheader.index("court") + 1).value == "某互联网法院"
    counts = wb["Counts"]
    last = [c.value for c in counts[counts.max_row]]
    assert last[0] == "total" and last[-1] == 5
    assert wb["Passages"]["A1"].font.name == "DengXian"
    assert ws.cell(row=2, column=header.index("passage") + 1).font.name == "DengXian"  # the default font


def test_every_format_is_registered_and_exports(tagged, tmp_path):
    names = [m.NAME for m in registry.exporters()]
    for expected in ("json", "csv", "xlsx", "qdpx", "qdc", "jsonl", "brat", "conll", "w3c", "html"):
        assert expected in names
    assert {m.NAME for m in registry.importers()} >= {"qdpx", "jsonl", "brat", "qdc"}
    me = tagged.annotators.ensure("张三")
    options = ExportOptions(annotator_ids=frozenset({me.id}))
    for m in registry.exporters():
        out = tmp_path / f"only-mine{m.EXTENSION}"
        assert tagged.exports.export(m.NAME, out, options) == 2, m.NAME
        assert out.stat().st_size > 0


def test_format_by_extension(tmp_path):
    assert registry.for_import(tmp_path / "x.qdpx").NAME == "qdpx"
    assert registry.for_import(tmp_path / "x.jsonl").NAME == "jsonl"
    assert registry.for_import(tmp_path / "x.ann").NAME == "brat"
    assert registry.for_import(tmp_path).NAME == "brat"
    from annotator.core.errors import InputError

    with pytest.raises(InputError, match="cannot tell the format"):
        registry.for_import(tmp_path / "x.docx")


def test_xlsx_passages_with_markup_and_control_characters(project, tmp_path):
    import openpyxl

    text = "<b>甲&乙</b>\x0c丙 “=1+1”  "
    doc = project.documents.add_text("特殊字符", text).documents_added[0]
    me = project.annotators.ensure("测试员")
    cat = project.codebook.find("用户同意")
    project.annotations.add(doc.id, 0, len(text), cat.id, me.id, memo="@memo")
    out = tmp_path / "x.xlsx"
    project.exports.export("xlsx", out)
    ws = openpyxl.load_workbook(out)["Passages"]
    header = [c.value for c in ws[1]]
    row = {h: c.value for h, c in zip(header, ws[2], strict=True)}
    assert row["passage"] == text.replace("\x0c", "")  # markup kept as text, trailing spaces kept
    assert row["memo"] == "@memo" and row["start"] == 0 and row["end"] == len(text)


def _width(ws, header: list, column: str) -> float:
    from openpyxl.utils import get_column_letter

    return ws.column_dimensions[get_column_letter(header.index(column) + 1)].width
