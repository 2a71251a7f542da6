"""REFI-QDA: exports validate against the standard's schema, round-trip, and imports from other tools
report what they cannot use instead of guessing."""

from __future__ import annotations

import zipfile

import pytest
from lxml import etree

from annotator.core.errors import InputError
from annotator.formats import safe
from annotator.formats.base import ExportOptions
from tests.formats.conftest import TEXT_A, blank, dump, schema

NS = "{urn:QDA-XML:project:1.0}"


def _qde(path) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read("project.qde"))


def test_export_validates_against_the_project_schema(tagged, tmp_path):
    xsd = schema("Project-mrt2019.xsd")
    out = tmp_path / "p.qdpx"
    assert tagged.exports.export("qdpx", out) == 5
    root = _qde(out)
    assert xsd.validate(root), xsd.error_log
    with zipfile.ZipFile(out) as z:
        texts = {n: z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("sources/")}
    assert TEXT_A in texts.values()
    # Offsets are code points: the passage after 𠮷 is at the same place as in Python.
    sel = {s.get("name"): s for s in root.iter(f"{NS}PlainTextSelection")}
    s = sel["擅自抓取用户数据"]
    assert int(s.get("startPosition")) == TEXT_A.index("擅自抓取用户数据")
    assert TEXT_A[int(s.get("startPosition")) : int(s.get("endPosition"))] == "擅自抓取用户数据"
    # Memos travel as notes; nested categories as nested codes; three users.
    notes = [n.findtext(f"{NS}PlainTextContent") for n in root.iter(f"{NS}Note")]
    assert sorted(notes) == sorted(["重点段落 =备注", "第二条\n备忘"])
    parent = root.find(f".//{NS}Code[@name='平台数据资源竞争权益']")
    assert parent.find(f"{NS}Code[@name='破坏性利用']") is not None
    assert {u.get("name") for u in root.iter(f"{NS}User")} == {"张三", "李四", "王五"}


@pytest.mark.parametrize("case", ["no tags", "one annotator, no memos", "filtered category"])
def test_varied_exports_validate(project, tmp_path, case):
    xsd = schema("Project-mrt2019.xsd")
    doc = project.documents.add_text("仅有文本", "𠮷𠮷𠮷 裁判文书全文。").documents_added[0]
    options = ExportOptions()
    if case != "no tags":
        me = project.annotators.ensure("测试员")
        cat = project.codebook.find("用户同意")
        project.annotations.add(doc.id, 0, 3, cat.id, me.id, memo="" if case.startswith("one") else "备忘")
        if case == "filtered category":
            options = ExportOptions(category_ids=frozenset({cat.id}), include_memos=False)
    out = tmp_path / "v.qdpx"
    project.exports.export("qdpx", out, options)
    assert xsd.validate(_qde(out)), xsd.error_log


def test_codebook_export_validates_against_the_codebook_schema(tagged, tmp_path):
    xsd = schema("Codebook-mrt2019.xsd")
    out = tmp_path / "c.qdc"
    tagged.exports.export("qdc", out)
    root = etree.parse(str(out))
    assert xsd.validate(root), xsd.error_log
    names = [c.get("name") for c in root.iter("{urn:QDA-XML:codebook:1.0}Code")]
    assert names == [c.name for c in _tree_order(tagged.codebook.list(include_archived=True))]


def _tree_order(cats):
    kids = {}
    for c in cats:
        kids.setdefault(c.parent_id, []).append(c)
    out = []

    def walk(pid):
        for c in sorted(kids.get(pid, []), key=lambda k: (k.order, k.id)):
            out.append(c)
            walk(c.id)

    walk(None)
    return out


def test_round_trip_into_a_new_project(tagged, tmp_path, empty_codebook):
    before = dump(tagged)
    out = tmp_path / "rt.qdpx"
    tagged.exports.export("qdpx", out)
    tagged.close()
    with blank(tmp_path / "new.sqlite", empty_codebook) as other:
        changes = other.imports.import_file(out)
        assert len(changes.annotations_added) == 5 and len(changes.documents_added) == 2
        after = dump(other)
        assert after["documents"] == before["documents"]
        assert after["annotations"] == before["annotations"]
        assert after["annotators"] == before["annotators"]
        # Colours, hierarchy and coding rules survive; the English names have no place in QDA-XML.
        assert after["categories"] == before["categories"]
        again = other.imports.import_file(out)
        assert again.empty and dump(other) == after  # idempotent by uuid


def _write_qdpx(path, xml: str | bytes, files: dict[str, bytes] | None = None) -> None:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("project.qde", xml.encode("utf-8") if isinstance(xml, str) else xml)
        for name, data in (files or {}).items():
            z.writestr(name, data)


G = "{{{0}0000000-0000-4000-8000-00000000000{1}}}"  # brace GUIDs as some Windows tools write them
OTHER_TOOL = f"""<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="外部项目" origin="another QDA program" basePath="absolute:///nowhere">
 <Users><User guid="{G.format("a", 1)}" name="Researcher"/></Users>
 <CodeBook><Codes>
  <Code guid="{G.format("b", 1)}" name="数据权益" isCodable="true" color="#c00">
   <Code guid="{G.format("b", 2)}" name="用户同意" isCodable="true"/>
  </Code>
 </Codes></CodeBook>
 <Sources>
  <TextSource guid="{G.format("c", 1)}" name="内嵌文本">
   <PlainTextContent>𠮷某同意了授权，平台仍然抓取。</PlainTextContent>
   <PlainTextSelection guid="{G.format("d", 1)}" name="同意了授权" startPosition="2" endPosition="7"
       creatingUser="{G.format("a", 1)}">
    <Coding guid="{G.format("e", 1)}" creatingUser="{G.format("a", 1)}"><CodeRef targetGUID="{G.format("b", 2)}"/></Coding>
   </PlainTextSelection>
   <PlainTextSelection guid="{G.format("d", 2)}" name="平台仍然抓取" startPosition="9" endPosition="15">
    <Coding guid="{G.format("e", 2)}"><CodeRef targetGUID="{G.format("b", 1)}"/></Coding>
   </PlainTextSelection>
  </TextSource>
  <TextSource guid="{G.format("c", 2)}" name="外部文件" plainTextPath="relative://missing.txt">
   <PlainTextSelection guid="{G.format("d", 3)}" startPosition="0" endPosition="2">
    <Coding guid="{G.format("e", 3)}"><CodeRef targetGUID="{G.format("b", 1)}"/></Coding>
   </PlainTextSelection>
  </TextSource>
  <PDFSource guid="{G.format("c", 3)}" name="扫描件" path="internal://x.pdf"/>
 </Sources>
</Project>"""


def test_import_from_another_tool(project, tmp_path):
    path = tmp_path / "other.qdpx"
    _write_qdpx(path, OTHER_TOOL)
    changes = project.imports.import_file(path)
    tags = {t.text: t for t in changes.annotations_added}
    # 𠮷 counts as one character; the second selection's offsets were written in UTF-16 units and its
    # quote proves it, so it is converted (and said so) rather than shifted by guesswork.
    assert set(tags) == {"同意了授权", "平台仍然抓取"}
    assert tags["同意了授权"].start == 2 and tags["平台仍然抓取"].start == 8
    text = "\n".join(changes.messages)
    assert "UTF-16" in text
    assert "外部文件" in text and "outside the archive" in text  # missing source: reported, not fatal
    assert "PDFSource" in text
    # Codes matched by name where the project has them, added where not (with their hierarchy).
    consent = project.codebook.find("用户同意")
    assert tags["同意了授权"].category_id == consent.id
    added = {c.name: c for c in changes.categories_added}
    assert set(added) == {"数据权益"} and added["数据权益"].color == "#CC0000"
    assert project.annotators.get(tags["同意了授权"].annotator_id).name == "Researcher"


def test_offsets_that_do_not_match_are_reported_per_coding(project, tmp_path):
    xml = OTHER_TOOL.replace(
        'name="平台仍然抓取" startPosition="9" endPosition="15"',
        'name="平台仍然抓取" startPosition="3" endPosition="9"',
    )
    path = tmp_path / "shifted.qdpx"
    _write_qdpx(path, xml)
    before = dump(project)
    with pytest.raises(InputError) as err:
        project.imports.import_file(path)
    assert (
        "shifted.qdpx" in str(err.value) and "do not match" in str(err.value) and "d0000000" in str(err.value)
    )
    assert dump(project) == before
    changes = project.imports.import_file(path, skip_bad=True)
    assert [t.text for t in changes.annotations_added] == ["同意了授权"]  # the other one is not shifted
    assert any("do not match" in m for m in changes.messages)


def test_offsets_beyond_the_text(project, tmp_path):
    path = tmp_path / "beyond.qdpx"
    _write_qdpx(
        path,
        OTHER_TOOL.replace('startPosition="9" endPosition="15"', 'startPosition="100" endPosition="106"'),
    )
    before = dump(project)
    with pytest.raises(InputError, match=r"beyond\.qdpx.*outside the text"):
        project.imports.import_file(path)
    assert dump(project) == before


# Bad archives and bad XML: each names the file and leaves the project unchanged -------------------


def _bad(project, path, pattern):
    before = dump(project)
    with pytest.raises(InputError, match=pattern) as err:
        project.imports.import_file(path)
    assert path.name in str(err.value)
    assert dump(project) == before


def test_zip_slip(project, tmp_path):
    path = tmp_path / "slip.qdpx"
    _write_qdpx(path, OTHER_TOOL, {"../../evil.txt": b"x"})
    _bad(project, path, "outside the archive")
    assert not (tmp_path.parent / "evil.txt").exists()


def test_zip_bomb(project, tmp_path, monkeypatch):
    path = tmp_path / "bomb.qdpx"
    _write_qdpx(path, OTHER_TOOL, {"sources/big.txt": b"0" * 3_000_000})
    monkeypatch.setattr(safe, "MAX_UNPACKED_BYTES", 1_000_000)
    _bad(project, path, "zip bomb")


def test_highly_compressed_member(project, tmp_path):
    path = tmp_path / "ratio.qdpx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("project.qde", OTHER_TOOL)
        z.writestr("sources/zeros.txt", b"\0" * 20_000_000)
    _bad(project, path, "zip bomb")


def test_truncated_archive(project, tmp_path):
    good = tmp_path / "good.qdpx"
    _write_qdpx(good, OTHER_TOOL)
    path = tmp_path / "truncated.qdpx"
    path.write_bytes(good.read_bytes()[:-40])
    _bad(project, path, "truncated|cannot be read")


XXE = """<?xml version="1.0"?>
<!DOCTYPE Project [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<Project xmlns="urn:QDA-XML:project:1.0" name="&secret;"/>"""
LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<Project xmlns="urn:QDA-XML:project:1.0" name="&lol3;"/>"""


@pytest.mark.parametrize("xml, name", [(XXE, "xxe.qdpx"), (LAUGHS, "laughs.qdpx")])
def test_entities_are_refused(project, tmp_path, xml, name):
    path = tmp_path / name
    _write_qdpx(path, xml)
    _bad(project, path, "DTD or entities")


def test_non_utf8_xml(project, tmp_path):
    path = tmp_path / "gbk.qdpx"
    _write_qdpx(
        path, OTHER_TOOL.replace('encoding="utf-8"', 'encoding="GBK"').replace("𠮷", "王").encode("gbk")
    )
    _bad(project, path, "GBK; only UTF-8")
    path2 = tmp_path / "latin.qdpx"
    _write_qdpx(path2, OTHER_TOOL.replace('encoding="utf-8"', "").replace("𠮷", "王").encode("gbk"))
    _bad(project, path2, "not valid UTF-8")


def test_not_a_project(project, tmp_path):
    path = tmp_path / "wrong.qdpx"
    _write_qdpx(path, "<Something/>")
    _bad(project, path, "not a REFI-QDA project")
    broken = tmp_path / "broken.qdpx"
    _write_qdpx(broken, "<Project")
    _bad(project, broken, "not well-formed")


def test_text_xml_cannot_carry_still_exports_and_round_trips(project, tmp_path, empty_codebook):
    xsd = schema("Project-mrt2019.xsd")
    text = "第一页\x0c第二页：被告抓取数据。"  # a form feed from a PDF is not allowed in XML 1.0
    doc = project.documents.add_text("分页文书", text).documents_added[0]
    me = project.annotators.ensure("测试员")
    cat = project.codebook.find("用户同意")
    project.annotations.add(doc.id, 2, 5, cat.id, me.id, memo="跨页\x0c备忘")
    project.annotations.add(doc.id, 8, 12, cat.id, me.id)
    out = tmp_path / "ff.qdpx"
    project.exports.export("qdpx", out)
    assert xsd.validate(_qde(out)), xsd.error_log
    project.close()
    with blank(tmp_path / "n.sqlite", empty_codebook) as other:
        changes = other.imports.import_file(out)
        assert sorted(t.text for t in changes.annotations_added) == ["被告抓取", "页\x0c第"]
        assert other.documents.get(changes.documents_added[0].id).text == text


def test_qdc_codebook_import(tagged, tmp_path, empty_codebook):
    out = tmp_path / "c.qdc"
    tagged.exports.export("qdc", out)
    before = dump(tagged)["categories"]
    tagged.close()
    with blank(tmp_path / "n.sqlite", empty_codebook) as other:
        changes = other.imports.import_file(out)
        assert len(changes.categories_added) == len(before) and not changes.annotations_added
        assert dump(other)["categories"] == before


def test_codes_of_a_category_deleted_here_are_skipped_and_said(tagged, tmp_path):
    out = tmp_path / "p.qdpx"
    tagged.exports.export("qdpx", out)
    consent_tags = len(tagged.annotations.list())
    destructive = tagged.codebook.find("破坏性利用")
    tagged.codebook.remove(destructive.id)  # its tags go with it
    left = len(tagged.annotations.list())
    assert left < consent_tags
    # Give every selection a new guid, as another tool re-exporting these codings might.
    import re
    import uuid

    xml = zipfile.ZipFile(out).read("project.qde").decode("utf-8")
    xml = re.sub(
        r'<PlainTextSelection guid="[^"]+"', lambda m: f'<PlainTextSelection guid="{uuid.uuid4()}"', xml
    )
    renamed = tmp_path / "renamed.qdpx"
    with zipfile.ZipFile(out) as src, zipfile.ZipFile(renamed, "w") as dst:
        for name in src.namelist():
            dst.writestr(name, xml if name == "project.qde" else src.read(name))
    changes = tagged.imports.import_file(renamed)
    assert not changes.annotations_added  # the others are here already (same span, code and user)
    assert any("破坏性利用" in m and "deleted" in m for m in changes.messages)
    assert len(tagged.annotations.list()) == left


def test_external_source_found_beside_the_base_path_is_read(project, tmp_path):
    (tmp_path / "ext").mkdir()
    (tmp_path / "ext" / "judgment.txt").write_text("外部存放的判决书正文。", encoding="utf-8")
    xml = f"""<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="ext" basePath="absolute://{tmp_path / "ext"}">
 <CodeBook><Codes><Code guid="{G.format("b", 1)}" name="用户同意" isCodable="true"/></Codes></CodeBook>
 <Sources><TextSource guid="{G.format("c", 1)}" name="外部" plainTextPath="relative://judgment.txt">
  <PlainTextSelection guid="{G.format("d", 1)}" name="判决书" startPosition="5" endPosition="8">
   <Coding guid="{G.format("e", 1)}"><CodeRef targetGUID="{G.format("b", 1)}"/></Coding>
  </PlainTextSelection></TextSource></Sources>
</Project>"""
    path = tmp_path / "ext.qdpx"
    _write_qdpx(path, xml)
    changes = project.imports.import_file(path, annotator="外部用户")
    assert [t.text for t in changes.annotations_added] == ["判决书"]
    assert changes.annotations_added[0].category_id == project.codebook.find("用户同意").id
