"""The agreement report compares, by default, the annotators who tagged what I tagged, and every "–"
says why, in a tooltip and in the exported report."""

from __future__ import annotations

import csv

import pytest

from annotator.services import Project

TEXT = "𠮷某诉称：被告擅自抓取用户数据，构成不正当竞争。本院认为，平台对数据资源享有竞争性权益。"
SAMPLE = "示例文书：平台数据资源的竞争性权益受反不正当竞争法保护。"


def tag(p, doc_id, text, quote, category, who):
    s = text.index(quote)
    p.annotations.add(doc_id, s, s + len(quote), p.codebook.find(category).id, who.id)


@pytest.fixture
def report_window(open_window, tmp_path):
    p = Project.create(tmp_path / "r.sqlite")
    sample = p.documents.add_text("示例", SAMPLE).documents_added[0]
    doc = p.documents.add_text("数据抓取案", TEXT).documents_added[0]
    demo, jia, yi = (p.annotators.ensure(n) for n in ("示例", "甲", "乙"))
    p.annotators.ensure("没标注的人")
    tag(p, sample.id, SAMPLE, "平台数据资源的竞争性权益", "平台数据资源竞争权益", demo)
    for who in (jia, yi):
        tag(p, doc.id, TEXT, "擅自抓取用户数据", "用户数据权益", who)
    tag(p, doc.id, TEXT, "构成不正当竞争", "破坏性利用", jia)
    w = open_window(p, "甲", wait=False)
    yield w, demo, jia, yi
    w.close()
    p.close()


def test_default_leaves_out_annotators_who_tagged_nothing_i_tagged(report_window, qtbot):
    from annotator.ui.review.report import report_dialog

    window, demo, jia, yi = report_window
    dialog = report_dialog(window)
    qtbot.addWidget(dialog)
    assert dialog.chosen() == [jia.id, yi.id]  # not 示例 (another text), not someone without tags
    qtbot.waitUntil(lambda: dialog.report is not None)
    overall = dialog.categories.rowCount() - 1
    assert dialog.categories.item(overall, 3).text() != "–"  # α_u of 甲 and 乙 exists


def test_a_dash_says_why_in_a_tooltip_and_in_the_export(report_window, qtbot, tmp_path):
    from annotator.ui.review.report import COLUMNS, report_dialog

    window, demo, jia, _yi = report_window
    dialog = report_dialog(window)
    qtbot.addWidget(dialog)
    dialog.select([jia.id, demo.id])  # two people who never tagged the same text
    dialog.compute()
    overall = dialog.categories.rowCount() - 1
    col = 1 + COLUMNS.index("alpha_u")
    cell = dialog.categories.item(overall, col)
    assert cell.text() == "–" and "every chosen annotator" in cell.toolTip()
    out = tmp_path / "report.csv"
    dialog.export(str(out))
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    overall_row = next(r for r in rows if r["category"] == "(overall)")
    assert (
        overall_row["alpha_u"] in ("", "–")
        and "alpha_u: no document was tagged by every" in overall_row["note"]
    )
