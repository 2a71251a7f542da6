"""REFI-QDA with QualCoder: a project exported the way QualCoder exports (tests/formats/qualcoder_shape.py)
imports with every coding, memo and text annotation we can hold; our export puts memos where QualCoder
reads them (the selection's <Description>), dates in the `Z` form, validates against the schema (lxml
and xmlschema), and a round trip through it loses nothing."""

from __future__ import annotations

import zipfile
from datetime import UTC

import xmlschema
from lxml import etree

from tests.formats.conftest import SCHEMAS, blank, dump, schema
from tests.formats.qualcoder_shape import QcCoding, QcSource, write

NS = "{urn:QDA-XML:project:1.0}"
TEXT = (
    "原告𠮷某诉称：被告未经同意擅自抓取用户数据，\n构成不正当竞争。\n\n"
    "本院认为，数据携带权\t不能对抗平台的竞争权益。被告辩称其行为属于技术创新。"
)
TEXT2 = "第二份判决：法院不予采信被告的抗辩。"


def _qualcoder_file(tmp_path):
    s1 = QcSource("𠮷某诉某科技公司案.txt", TEXT, "colin")
    span = "擅自抓取用户数据，\n构成不正当竞争"  # a raw line break inside the quote attribute
    a = TEXT.index(span)
    s1.codings = [
        QcCoding("用户数据权益", a, a + len(span), "colin", "2024-03-01 10:11:12", memo="关键段落\n第二行"),
        QcCoding(
            "破坏性利用", TEXT.index("数据携带权"), TEXT.index("不能对抗") + 4, "li", "2024-03-01 11:00:00"
        ),
        QcCoding(
            "用户数据权益", TEXT.index("技术创新"), TEXT.index("技术创新") + 4, "li", "2024-03-02 08:00:00"
        ),
    ]
    t = TEXT.index("技术创新")
    s1.annotations = [
        (t, t + 4, "批注：与辩称对照", "li"),  # the same passage as a coding: joins its memo
        (0, 2, "原告身份待核", "colin"),
    ]  # no coding there: reported
    s2 = QcSource("第二份判决.txt", TEXT2, "colin")
    s2.codings = [QcCoding("破坏性利用", 5, 9, "colin", "2024-03-03 12:00:00")]
    path = tmp_path / "qualcoder.qdpx"
    write(
        path,
        [s1, s2],
        {"平台数据资源竞争权益": ["破坏性利用"], "用户权益": ["用户数据权益"]},
        {"破坏性利用": "#FF0000", "用户数据权益": "#00FF00"},
    )
    return path, s1, s2


def test_qualcoder_export_imports_with_memos_quotes_and_dates(tmp_path, empty_codebook):
    path, s1, s2 = _qualcoder_file(tmp_path)
    with blank(tmp_path / "n.sqlite", empty_codebook) as p:
        plan = p.imports.plan(p.imports.read(path))
        assert not plan.problems, plan.problems  # the quote with a raw line break is accepted
        changes = p.imports.import_file(path)
        assert len(changes.annotations_added) == 4
        # QualCoder links only a file's first text annotation; the other has no coding to join: reported.
        assert any(m.startswith("1 text annotation(s)") and "not imported" in m for m in changes.messages)
        users = {u.id: u.name for u in p.annotators.list()}
        docs = {d.id: p.documents.get(d.id).text for d in p.documents.list()}
        cats = {c.id: c.name for c in p.codebook.list()}
        got = sorted(
            (
                docs[t.document_id][t.start : t.end],
                cats[t.category_id],
                users[t.annotator_id],
                t.memo,
                t.created.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S"),
            )
            for t in p.annotations.list()
        )
        expected = sorted(
            [
                (
                    s.text[c.start : c.end],
                    c.code,
                    c.owner,
                    "批注：与辩称对照" if c.code == "用户数据权益" and c.memo == "" else c.memo,
                    c.date,
                )
                for s in (s1, s2)
                for c in s.codings
            ]
        )
        assert got == expected
        parents = {c.name: c.parent_id for c in p.codebook.list()}
        assert parents["破坏性利用"] == p.codebook.find("平台数据资源竞争权益").id


def _read_like_qualcoder(path):
    """Codings as QualCoder's importer takes them from a PlainTextSelection: positions, the code, and
    the memo from its <Description>."""
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("project.qde"))
    out = []
    for sel in root.iter(f"{NS}PlainTextSelection"):
        code = sel.find(f"{NS}Coding/{NS}CodeRef")
        if code is None:
            continue
        out.append(
            (
                int(sel.get("startPosition")),
                int(sel.get("endPosition")),
                code.get("targetGUID"),
                sel.findtext(f"{NS}Description") or "",
                sel.get("creationDateTime"),
            )
        )
    return root, out


def test_round_trip_through_our_export_loses_nothing(tmp_path, empty_codebook):
    path, _s1, _s2 = _qualcoder_file(tmp_path)
    ours = tmp_path / "ours.qdpx"
    with blank(tmp_path / "a.sqlite", empty_codebook) as p:
        p.imports.import_file(path)
        before = dump(p)
        p.exports.export("qdpx", ours)
    root, codings = _read_like_qualcoder(ours)
    xsd = schema("Project-mrt2019.xsd")
    assert xsd.validate(root), xsd.error_log
    xmlschema.XMLSchema(str(SCHEMAS / "Project-mrt2019.xsd")).validate(etree.tostring(root).decode())
    memos = sorted(m for *_x, m, _d in codings if m)
    assert memos == sorted(m for *_x, m in before["annotations"] if m)  # QualCoder finds every memo
    assert all(d.endswith("Z") for *_x, d in codings)  # no +00:00 for QualCoder to trip on
    assert root.get("creationDateTime").endswith("Z")
    # The linked Note is still there for programs that read memos from notes, and reading both
    # places does not double a memo.
    assert root.find(f".//{NS}PlainTextSelection/{NS}NoteRef") is not None
    (tmp_path / "b.sqlite").unlink(missing_ok=True)
    with blank(tmp_path / "b.sqlite", empty_codebook) as q:
        q.imports.import_file(ours)
        assert dump(q) == before


def test_our_memo_is_a_description_and_a_note(tagged, tmp_path):
    out = tmp_path / "p.qdpx"
    tagged.exports.export("qdpx", out)
    root, codings = _read_like_qualcoder(out)
    assert sorted(m for *_x, m, _d in codings if m) == sorted(["重点段落 =备注", "第二条\n备忘"])
    notes = sorted(n.findtext(f"{NS}PlainTextContent") for n in root.iter(f"{NS}Note"))
    assert notes == sorted(["重点段落 =备注", "第二条\n备忘"])
