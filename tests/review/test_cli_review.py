"""`annotator merge` and `annotator agree` from the command line."""

from __future__ import annotations

import json

from annotator.cli import main
from annotator.services import Project

TEXT = "𠮷某诉称：被告擅自抓取用户数据，构成不正当竞争。本院认为，平台对数据资源享有竞争性权益。"


def _project(path, who, spans):
    p = Project.create(path)
    doc = p.documents.add_text("数据抓取案", TEXT).documents_added[0]
    me = p.annotators.ensure(who)
    for quote, cat in spans:
        s = TEXT.index(quote)
        p.annotations.add(doc.id, s, s + len(quote), p.codebook.find(cat).id, me.id)
    p.close()


def test_merge_then_agree_json(tmp_path, capsys):
    mine, theirs = tmp_path / "zhang.sqlite", tmp_path / "li.sqlite"
    _project(
        theirs, "李四", [("擅自抓取用户数据", "用户数据权益"), ("平台对数据资源", "平台数据资源竞争权益")]
    )
    _project(mine, "张三", [("擅自抓取用户数据", "用户数据权益"), ("构成不正当竞争", "破坏性利用")])
    assert main(["merge", str(mine), str(theirs), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "2 new tags by 李四" in out
    assert main(["merge", str(mine), str(theirs)]) == 0
    assert "2 tags, 0 documents" in capsys.readouterr().out
    assert main(["merge", str(mine), str(theirs)]) == 0
    assert "0 tags, 0 documents" in capsys.readouterr().out

    assert main(["agree", str(mine), "--annotators", "张三", "李四", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert all(
        set(r) == {"category", "alpha", "alpha_u", "kappa", "f1_exact", "f1_overlap", "units"} for r in rows
    )
    by_name = {r["category"]: r for r in rows}
    assert set(by_name) == {"用户数据权益", "平台数据资源竞争权益", "破坏性利用", None}
    assert by_name["用户数据权益"]["alpha"] == 1.0 and by_name["用户数据权益"]["f1_exact"] == 1.0
    assert by_name["破坏性利用"]["f1_exact"] == 0.0
    assert by_name[None]["units"] == len(TEXT)
    assert 0 < by_name[None]["alpha"] < 1

    assert (
        main(
            [
                "agree",
                str(mine),
                "--annotators",
                "张三",
                "李四",
                "--unit",
                "sentence",
                "--category",
                "用户数据权益",
                "--json",
            ]
        )
        == 0
    )
    rows = json.loads(capsys.readouterr().out)
    assert [r["category"] for r in rows] == ["用户数据权益", None]
    assert rows[0]["units"] == 2  # two sentences

    csv_path = tmp_path / "report.csv"
    assert (
        main(["agree", str(mine), "--annotators", "张三", "李四", "--documents", "--csv", str(csv_path)]) == 0
    )
    table = capsys.readouterr().out
    assert "(overall)" in table and "数据抓取案" in table
    assert csv_path.read_text(encoding="utf-8-sig").splitlines()[0].startswith("scope,category,alpha")


def test_agree_names_an_unknown_annotator(tmp_path, capsys):
    path = tmp_path / "p.sqlite"
    _project(path, "张三", [("擅自抓取用户数据", "用户数据权益")])
    assert main(["agree", str(path), "--annotators", "张三", "王五"]) == 1
    assert "王五" in capsys.readouterr().err


def test_adjudicate_accepts_agreements_then_exports_the_agreed_layer(tmp_path, capsys):
    mine, theirs = tmp_path / "zhang.sqlite", tmp_path / "li.sqlite"
    _project(
        theirs, "李四", [("擅自抓取用户数据", "用户数据权益"), ("平台对数据资源", "平台数据资源竞争权益")]
    )
    _project(mine, "张三", [("擅自抓取用户数据", "用户数据权益"), ("构成不正当竞争", "破坏性利用")])
    assert main(["merge", str(mine), str(theirs)]) == 0
    assert (
        main(["adjudicate", str(mine), "--annotators", "张三", "李四", "--accept-agreements", "--by", "张三"])
        == 0
    )
    assert "1 agreed passages added to 审定" in capsys.readouterr().out
    out = tmp_path / "agreed.json"
    assert main(["export", str(mine), "--format", "json", "-o", str(out), "--annotator", "审定"]) == 0
    bundle = json.loads(out.read_text(encoding="utf-8"))
    assert [a["text"] for a in bundle["annotations"]] == ["擅自抓取用户数据"]


def test_agreement_report_as_xlsx_and_html(tmp_path, capsys):
    from openpyxl import load_workbook

    mine, theirs = tmp_path / "zhang.sqlite", tmp_path / "li.sqlite"
    _project(
        theirs, "李四", [("擅自抓取用户数据", "用户数据权益"), ("平台对数据资源", "平台数据资源竞争权益")]
    )
    _project(mine, "张三", [("擅自抓取用户数据", "用户数据权益"), ("构成不正当竞争", "破坏性利用")])
    assert main(["merge", str(mine), str(theirs)]) == 0
    xlsx, page = tmp_path / "report.xlsx", tmp_path / "report.html"
    assert main(["agree", str(mine), "--annotators", "张三", "李四", "--report", str(xlsx)]) == 0
    assert (
        main(["agree", str(mine), "--annotators", "张三", "李四", "--documents", "--report", str(page)]) == 0
    )
    capsys.readouterr()
    book = load_workbook(xlsx)
    assert book.sheetnames == ["Categories", "Documents", "Confusion"]
    cats = {r[0]: r for r in book["Categories"].iter_rows(min_row=2, values_only=True)}
    assert cats["用户数据权益"][1] == 1.0  # alpha, a number a researcher can sort and chart
    assert "(overall)" in cats and isinstance(cats["(overall)"][6], int)  # units
    confusion = [r for r in book["Confusion"].iter_rows(values_only=True)]
    header = confusion[0]
    row = next(r for r in confusion if r[0] == "用户数据权益")
    assert row[header.index("用户数据权益")] > 0  # both tagged the same passage with it
    text = page.read_text(encoding="utf-8")
    assert "<table>" in text and "用户数据权益" in text and "数据抓取案" in text and "张三、李四" in text
    assert (
        main(["agree", str(mine), "--annotators", "张三", "李四", "--report", str(tmp_path / "r.pdf")]) == 1
    )
    assert "r.pdf" in capsys.readouterr().err
