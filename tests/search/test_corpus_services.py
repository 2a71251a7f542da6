"""Structure stored on import, tagging search hits as one undoable action, coded-segment retrieval and
its export, statistics, and the CLI commands."""

from __future__ import annotations

import csv
import json

import pytest

from annotator.cli import main
from annotator.core.errors import InputError
from annotator.store import structure as structure_store


def test_structure_is_stored_on_import_and_can_be_run_again(corpus, texts):
    project, ids = corpus
    info = project.documents.info(ids["civil"])
    assert info.meta["case_number"] == "（2020）浙0192民初101号"
    assert info.meta["court"] == "浙江省某某市互联网法院" and info.meta["year"] == 2020
    assert {"statute": "反不正当竞争法", "article": 12, "paragraph": None} in info.meta["statutes"]
    kinds = [k for k, _s, _e in project.structure.sections(ids["civil"])]
    assert kinds == ["header", "parties", "procedure", "claims", "facts", "reasoning", "decision", "closing"]
    assert project.structure.sections(ids["report"]) == []
    assert len(project.structure.citations(ids["civil"])) == 3

    # The user edits the court and adds a key of their own; a re-run replaces what it finds, keeps the rest.
    project.documents.update(ids["civil"], meta={**info.meta, "court": "错", "topic": "爬虫"})
    structure_store.replace_structure(ids["civil"], [], [])
    changes = project.structure.detect([ids["civil"]])
    meta = changes.documents_updated[0].meta
    assert meta["court"] == "浙江省某某市互联网法院" and meta["topic"] == "爬虫"
    assert changes.documents_previous[0].meta["court"] == "错"
    assert len(project.structure.sections(ids["civil"])) == 8


def test_tag_hits_is_one_undoable_action(corpus, texts):
    project, ids = corpus
    me = project.annotators.ensure("测试员")
    cat = project.codebook.find("破坏性利用")
    hits = project.search.search("抓取", limit=None).hits
    spans = project.search.tag_spans(hits)
    assert len(spans) == len(hits) == texts["civil"].count("抓取") + texts["report"].count("抓取")
    sentences = project.search.tag_spans(hits, extend="sentence")
    by_id = {ids[k]: t for k, t in texts.items()}
    assert [by_id[d][s:e] for d, s, e in sentences][:2] == [
        "甲公司向本院提出诉讼请求：判令乙公司停止抓取数据。",
        "本院经审理查明：乙公司使用爬虫抓取甲公司的用户数据，并将App中的数据用于自己的产品。",
    ]
    # Two hits in one sentence give one passage.
    two = project.search.search("数据", document_ids=[ids["civil"]], sections=["facts"], limit=None).hits
    assert len(two) == 2 and len(project.search.tag_spans(two, extend="sentence")) == 1

    changes = project.search.tag_hits(hits, cat.id, me.id)
    assert len(changes.annotations_added) == len(hits)
    for a in changes.annotations_added:
        assert a.text == "抓取" and a.category_id == cat.id
    # Tagging the same hits again adds nothing.
    assert project.search.tag_hits(hits, cat.id, me.id).annotations_added == ()
    project.revert(changes)
    assert project.annotations.list(category_ids=[cat.id]) == []
    with pytest.raises(InputError):
        project.search.tag_spans(hits, extend="paragraph")


def test_segments_filtered_and_exported(corpus, texts, tmp_path):
    project, ids = corpus
    me = project.annotators.ensure("测试员")
    other = project.annotators.ensure("同事")
    parent = project.codebook.find("平台数据资源竞争权益")
    child = project.codebook.find("破坏性利用")
    ethics = project.codebook.find("商业道德")
    civil, criminal = texts["civil"], texts["criminal"]
    s1 = civil.index("乙公司违反商业道德")
    project.annotations.add(ids["civil"], s1, s1 + 9, child.id, me.id)
    s2 = criminal.index("孙某出售公民个人信息")
    project.annotations.add(ids["criminal"], s2, s2 + 10, parent.id, other.id)
    project.annotations.add(ids["civil"], s1 + 5, s1 + 9, ethics.id, me.id)

    segs = project.segments.retrieve(parent.id)
    assert [(s.document_id, s.category, s.section) for s in segs] == [
        (ids["civil"], "破坏性利用", "reasoning"),
        (ids["criminal"], "平台数据资源竞争权益", "facts"),
    ]
    assert segs[0].text == "乙公司违反商业道德" and segs[0].meta["case_number"] == "（2020）浙0192民初101号"
    assert [s.document_id for s in project.segments.retrieve(parent.id, sections=["facts"])] == [
        ids["criminal"]
    ]
    assert [s.annotator for s in project.segments.retrieve(parent.id, annotator_ids=[other.id])] == ["同事"]
    assert [s.document_id for s in project.segments.retrieve(parent.id, filters=["year<2019"])] == [
        ids["criminal"]
    ]
    assert [s.text for s in project.segments.retrieve(parent.id, text="道德")] == ["乙公司违反商业道德"]
    assert len(project.segments.retrieve(parent.id, include_children=False)) == 1

    out = tmp_path / "segments.csv"
    assert project.segments.export(segs, "csv", out) == 2
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    assert [r["passage"] for r in rows] == ["乙公司违反商业道德", "孙某出售公民个人信息"]

    stats = project.statistics.summary()
    assert stats["per_category"] == {"破坏性利用": 1, "平台数据资源竞争权益": 1, "商业道德": 1}
    assert stats["per_year"] == {"2018": 1, "2020": 2}
    assert stats["cooccurrence"] == [{"a": "商业道德", "b": "破坏性利用", "count": 1}]
    assert stats["statutes"]["反不正当竞争法第2条"] == 2
    assert stats["category_statutes"] == []  # no tagged passage holds a citation yet
    cite = texts["civil"].index("依照《中华人民共和国反不正当竞争法》第二条、第十二条")
    law = project.codebook.find("法律依据")
    project.annotations.add(ids["civil"], cite, cite + 28, law.id, me.id)
    assert project.statistics.summary()["category_statutes"] == [
        {"category": "法律依据", "statute": "反不正当竞争法第2条", "count": 1},
        {"category": "法律依据", "statute": "反不正当竞争法第12条", "count": 1},
    ]


def test_cli_search_segments_stats_docs(corpus, texts, capsys, tmp_path):
    project, ids = corpus
    path = project.location
    me = project.annotators.ensure("测试员")
    cat = project.codebook.find("商业道德")
    start = texts["civil"].index("商业道德")
    project.annotations.add(ids["civil"], start, start + 4, cat.id, me.id)
    project.close()

    assert main(["search", path, "数据", "--limit", "2", "--json"]) == 0
    out = capsys.readouterr()
    hits = json.loads(out.out)
    assert len(hits) == 2 and "first 2 hits" in out.err
    first = hits[0]
    assert {"document_id", "start", "end", "left", "hit", "right"} <= set(first)
    assert texts["civil"][first["start"] : first["end"]] == first["hit"] == "数据"
    assert first["case_number"] == "（2020）浙0192民初101号"

    assert main(["search", path, "公民个人信息", "--where", "case_kind=刑事", "--section", "reasoning"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines and all("【公民个人信息】" in line for line in lines)

    assert main(["segments", path, "--category", "商业道德", "--json"]) == 0
    segs = json.loads(capsys.readouterr().out)
    assert [(s["text"], s["section"]) for s in segs] == [("商业道德", "reasoning")]
    out_csv = tmp_path / "s.csv"
    assert main(["segments", path, "--category", "商业道德", "--format", "csv", "-o", str(out_csv)]) == 0
    assert "商业道德" in out_csv.read_text(encoding="utf-8-sig")

    assert main(["stats", path, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["per_category"] == {"商业道德": 1}

    assert main(["docs", path, "--json"]) == 0
    docs = json.loads(capsys.readouterr().out)
    assert docs[1]["meta"]["cause"] == "侵犯公民个人信息罪"

    assert main(["structure", path, str(ids["criminal"]), "--json"]) == 0
    (doc,) = json.loads(capsys.readouterr().out)
    assert doc["meta"]["case_number"] == "（2018）苏0101刑初7号" and doc["sections"][0]["kind"] == "header"

    assert main(["search", path, "第(", "--regex"]) == 1
    assert "regular expression" in capsys.readouterr().err


def test_cooccurrence_counts_each_overlapping_pair_once(corpus, texts):
    project, ids = corpus
    me = project.annotators.ensure("测试员")
    a, b, c = (project.codebook.find(n).id for n in ("商业道德", "法律依据", "破坏性利用"))
    doc = ids["civil"]
    add = project.annotations.add
    add(doc, 10, 20, a, me.id)
    add(doc, 10, 20, b, me.id)  # same span, other category: one pair a×b
    add(doc, 12, 15, c, me.id)  # inside both: a×c and b×c
    add(doc, 20, 25, b, me.id)  # touches at 20: no overlap
    add(doc, 14, 30, a, me.id)  # same category as the first: only b×a (10-20), c×a (12-15), b×a (20-25)
    gone = add(doc, 11, 13, c, me.id).annotations_added[0]
    project.annotations.remove(gone.id)
    co = {(r["a"], r["b"]): r["count"] for r in project.statistics.summary()["cooccurrence"]}
    assert co == {("商业道德", "法律依据"): 3, ("商业道德", "破坏性利用"): 2, ("法律依据", "破坏性利用"): 1}


def test_characteristic_words_set_categories_apart(corpus, texts, capsys):
    project, ids = corpus
    me = project.annotators.ensure("测试员")
    ethics = project.codebook.find("商业道德").id
    crime = project.codebook.find("法律依据").id
    civil, criminal = texts["civil"], texts["criminal"]
    s = civil.index("乙公司违反商业道德")
    project.annotations.add(ids["civil"], s, s + 9, ethics, me.id)
    s = criminal.index("孙某的行为构成侵犯公民个人信息罪")
    project.annotations.add(ids["criminal"], s, s + 16, crime, me.id)
    words = project.statistics.characteristic_words(top=3)
    assert set(words) == {"商业道德", "法律依据"}
    assert "商业道德" in [w for w, _s in words["商业道德"]]
    assert all(len(w) >= 2 for found in words.values() for w, _s in found)
    assert "商业道德" not in [w for w, _s in words["法律依据"]]
    project.close()
    assert main(["stats", project.location, "--json", "--words", "2"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [w["word"] for w in out["characteristic_words"]["商业道德"]][:1] == [words["商业道德"][0][0]]
