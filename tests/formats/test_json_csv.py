import csv
import json

import pytest

from annotator.formats.base import Cancelled, ExportOptions, neutralise_cell

TEXT = "𠮷某诉称：=SUM(A1) 被告擅自抓取用户数据，构成不正当竞争。+1 @x -2"


@pytest.fixture
def tagged(project):
    doc = project.documents.add_text("数据抓取案", TEXT, meta={"court": "某互联网法院"}).documents_added[0]
    me = project.annotators.ensure("张三")
    other = project.annotators.ensure("李四")
    cat = project.codebook.find("用户数据权益")
    cat2 = project.codebook.find("破坏性利用")
    spans = [
        (TEXT.index("=SUM"), TEXT.index("=SUM") + 8, cat, me, "=cmd"),
        (TEXT.index("擅自"), TEXT.index("，构成"), cat2, other, ""),
        (TEXT.index("擅自"), TEXT.index("数据，"), cat, me, "重叠"),
    ]
    for s, e, c, who, memo in spans:
        project.annotations.add(doc.id, s, e, c.id, who.id, memo=memo)
    return project, doc


def test_json_bundle_has_the_documented_shape(tagged, tmp_path):
    project, doc = tagged
    out = tmp_path / "out.json"
    assert project.exports.export("json", out) == 3
    bundle = json.loads(out.read_text(encoding="utf-8"))
    assert {"format", "version", "codebook", "annotators", "documents", "annotations"} <= bundle.keys()
    [d] = bundle["documents"]
    assert d["uuid"] == doc.uuid and d["text"] == TEXT and d["meta"] == {"court": "某互联网法院"}
    texts = {d["uuid"]: d["text"] for d in bundle["documents"]}
    cat_uuids = {c["uuid"] for root in bundle["codebook"] for c in _walk(root)}
    users = {u["uuid"] for u in bundle["annotators"]}
    for a in bundle["annotations"]:
        assert a["text"] == texts[a["document"]][a["start"] : a["end"]]  # code points, with 𠮷 before
        assert a["category"] in cat_uuids and a["annotator"] in users
        assert {"uuid", "note", "created"} <= a.keys()


def _walk(node):
    yield node
    for child in node.get("children", []):
        yield from _walk(child)


def test_csv_is_excel_friendly_and_neutralises_formulas(tagged, tmp_path):
    project, _ = tagged
    out = tmp_path / "out.csv"
    project.exports.export("csv", out)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert len(rows) == 3
    first = rows[0]
    assert first["document"] == "数据抓取案" and first["category"] == "用户数据权益"
    assert first["passage"] == "'=SUM(A1)" and first["memo"] == "'=cmd"
    assert rows[1]["context_before"].startswith("𠮷")


@pytest.mark.parametrize(
    "value, expected",
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM", "'@SUM"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("数据", "数据"),
        ("", ""),
        ("a=b", "a=b"),
    ],
)
def test_neutralise_cell(value, expected):
    assert neutralise_cell(value) == expected


def test_export_filters_by_annotator_and_category_with_children(tagged, tmp_path):
    project, _ = tagged
    me = project.annotators.ensure("张三")
    out = tmp_path / "me.json"
    assert project.exports.export("json", out, ExportOptions(annotator_ids=frozenset({me.id}))) == 2
    parent = project.codebook.find("平台数据资源竞争权益")
    child = project.codebook.find("破坏性利用")
    assert child.parent_id == parent.id, "the bundled codebook nests 破坏性利用 under 平台数据资源竞争权益"
    opts = ExportOptions(category_ids=frozenset({parent.id}))
    assert project.exports.export("csv", tmp_path / "p.csv", opts) == 1
    opts = ExportOptions(category_ids=frozenset({parent.id}), include_children=False)
    assert project.exports.export("csv", tmp_path / "p.csv", opts) == 0


def test_cancelled_export_leaves_no_file(tagged, tmp_path):
    project, _ = tagged
    out = tmp_path / "cancelled.csv"
    with pytest.raises(Cancelled):
        project.exports.export("csv", out, progress=lambda done, total: False)
    assert not out.exists() and not list(tmp_path.glob("*.partial"))


def test_unknown_format(project, tmp_path):
    from annotator.core.errors import InputError

    with pytest.raises(InputError, match="unknown format"):
        project.exports.export("docx", tmp_path / "x")
