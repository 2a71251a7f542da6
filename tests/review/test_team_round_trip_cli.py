"""The whole round trip a research team does, from the command line: share a blind copy, the colleague
tags and edits in it (including a tag that came with the copy), merge it back, see and settle the
conflict, compare, adjudicate, export the agreed layer."""

from __future__ import annotations

import csv
import json

from annotator.cli import main
from annotator.services import Project

TEXT = "𠮷某诉称：被告擅自抓取用户数据，构成不正当竞争。本院认为，平台对数据资源享有竞争性权益。"


def span(quote: str) -> list[str]:
    s = TEXT.index(quote)
    return [str(s), str(s + len(quote))]


def out_of(capsys, *argv: str) -> str:
    assert main(list(argv)) == 0, capsys.readouterr().err
    return capsys.readouterr().out


def test_team_round_trip_through_the_cli(tmp_path, capsys):
    mine, copy, doc_file = tmp_path / "jia.sqlite", tmp_path / "for-yi.sqlite", tmp_path / "数据抓取案.txt"
    doc_file.write_text(TEXT, encoding="utf-8")
    out_of(capsys, "init", str(mine))
    out_of(capsys, "import", str(mine), str(doc_file))
    doc = "1"
    # 甲 codes; a pre-annotation pass (预标注) marked a passage both coders are to check.
    out_of(capsys, "tag", str(mine), doc, *span("擅自抓取用户数据"), "用户数据权益", "--annotator", "甲")
    out_of(capsys, "tag", str(mine), doc, *span("构成不正当竞争"), "破坏性利用", "--annotator", "甲")
    pre = out_of(
        capsys,
        "tag",
        str(mine),
        doc,
        *span("平台对数据资源"),
        "平台数据资源竞争权益",
        "--annotator",
        "预标注",
    ).split("\t")[1]

    # A blind copy for 乙: 甲's tags stay out of it, the pre-annotation comes along.
    said = out_of(capsys, "share", str(mine), str(copy), "--for", "乙", "--tags", "others", "--by", "甲")
    assert "merge-back" in said
    with Project.open(copy) as c:
        assert {a.annotator_id for a in c.annotations.list()} == {c.annotators.ensure("预标注").id}
        assert c.sharing.origin().colleague == "乙"

    # 乙 codes independently and widens the pre-annotated passage.
    out_of(capsys, "tag", str(copy), doc, *span("被告擅自抓取用户数据"), "用户数据权益", "--annotator", "乙")
    out_of(capsys, "tag", str(copy), doc, *span("构成不正当竞争"), "破坏性利用", "--annotator", "乙")
    out_of(
        capsys,
        "edit-tag",
        str(copy),
        pre,
        "--start",
        span("平台对数据资源享有竞争性权益")[0],
        "--end",
        span("平台对数据资源享有竞争性权益")[1],
        "--memo",
        "乙：应含“享有竞争性权益”",
    )

    # Merging back: the copy knows where it came from; the edit shows as a conflict first.
    assert main(["merge-back", str(copy), "--dry-run"]) == 0
    captured = capsys.readouterr()
    assert "2 new tags by 乙" in captured.out and "conflicts" in captured.out
    assert "changed on both sides (ours)" in captured.err and "平台对数据资源享有竞争性权益" in captured.err
    said = out_of(capsys, "merge-back", str(copy), "--conflicts", "theirs")
    assert "2 tags" in said and "1 tags updated" in said
    again = out_of(capsys, "merge-back", str(copy), "--conflicts", "theirs")
    assert "0 tags, 0 documents and 0 categories added; 0 tags updated, 0 removed" in again
    with Project.open(mine) as p:
        widened = p.annotations.find(pre)
        assert widened.text == "平台对数据资源享有竞争性权益" and widened.memo.startswith("乙")

    # Compare 甲 and 乙, settle the one disagreement, accept the agreement, export the agreed layer.
    rows = [
        json.loads(line)
        for line in out_of(
            capsys, "compare", str(mine), "--doc", doc, "--annotators", "甲", "乙", "--json"
        ).splitlines()
    ]
    kinds = {r["kind"] for r in rows}
    assert "agree" in kinds and len(rows) == 2
    extent = next(r for r in rows if r["kind"] != "agree")
    assert (extent["a_start"], extent["b_start"]) == (TEXT.index("擅自"), TEXT.index("被告擅自"))
    out_of(
        capsys,
        "adjudicate",
        str(mine),
        "--annotators",
        "甲",
        "乙",
        "--doc",
        doc,
        "--decide",
        str(extent["n"]),
        "accept_b",
        "--by",
        "甲",
    )
    out_of(capsys, "adjudicate", str(mine), "--annotators", "甲", "乙", "--accept-agreements", "--by", "甲")
    listed = out_of(capsys, "compare", str(mine), "--doc", doc, "--annotators", "甲", "乙", "--json")
    assert all(json.loads(line)["settled"] for line in listed.splitlines())
    agreed = tmp_path / "agreed.csv"
    assert main(["export", str(mine), "--format", "csv", "--annotator", "审定", "-o", str(agreed)]) == 0
    with agreed.open(encoding="utf-8-sig", newline="") as fh:
        passages = sorted(r["passage"] for r in csv.DictReader(fh))
    assert passages == ["构成不正当竞争", "被告擅自抓取用户数据"]
