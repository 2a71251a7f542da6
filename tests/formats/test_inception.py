"""INCEpTION's formats: UIMA CAS XMI read and written by dkpro-cassis (the Python reader of UIMA CAS),
and WebAnno TSV 3.3 checked against its documented layout and WebAnno's escaping rules (cassis does
not read TSV)."""

from __future__ import annotations

import hashlib
import io
import zipfile

import pytest
from cassis import load_cas_from_xmi, load_typesystem
from cassis.typesystem import TypeSystem

from annotator.core.errors import InputError
from annotator.formats import webanno_tsv
from tests.formats.conftest import TEXT_A, blank, dump

TAG = "webanno.custom.JudgmentTag"


def _bytes(project) -> str:
    h = hashlib.sha256()
    for p in (project.path, project.path.with_name(project.path.name + "-wal")):
        h.update(p.read_bytes() if p.exists() else b"")
    return h.hexdigest()


def test_xmi_export_read_by_cassis(tagged, tmp_path):
    out = tmp_path / "inception.zip"
    assert tagged.exports.export("xmi", out) == 5
    with zipfile.ZipFile(out) as z:
        ts = load_typesystem(io.BytesIO(z.read("TypeSystem.xml")))
        cases = {
            n: load_cas_from_xmi(io.BytesIO(z.read(n)), typesystem=ts)
            for n in z.namelist()
            if n.endswith(".xmi")
        }
    assert len(cases) == 2
    ours = {(a.text, a.memo) for a in tagged.annotations.list()}
    seen = set()
    for cas in cases.values():
        meta = next(iter(cas.select("de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData")))
        assert meta.documentTitle in {d.title for d in tagged.documents.list()}
        for tag in cas.select(TAG):
            # cassis turns UIMA's UTF-16 offsets into Python positions: the covered text is the passage.
            seen.add((tag.get_covered_text(), tag.memo or ""))
            assert tag.label and tag.annotator and tag.uuid
    assert seen == ours
    text_a = next(c for c in cases.values() if c.sofa_string == TEXT_A)
    tag = next(t for t in text_a.select(TAG) if t.get_covered_text() == "擅自抓取用户数据")
    assert tag.begin == TEXT_A.index("擅自")  # cassis counts code points, as we do


def test_xmi_written_by_cassis_imports(project, tmp_path):
    """A CAS that cassis builds and serialises, with a layer of INCEpTION's kind (a custom span layer
    with a `value` feature) and tokens, as INCEpTION would hand it over."""
    ts = TypeSystem()
    layer = ts.create_type("webanno.custom.LegalArgument", supertypeName="uima.tcas.Annotation")
    ts.create_feature(layer, "value", "uima.cas.String")
    token = ts.create_type(
        "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Token", supertypeName="uima.tcas.Annotation"
    )
    from cassis import Cas

    text = "原告𠮷某诉称：被告擅自抓取用户数据，\n构成不正当竞争。"
    cas = Cas(typesystem=ts)
    cas.sofa_string = text
    s = text.index("擅自")
    cas.add(layer(begin=s, end=s + 8, value="用户数据权益"))
    cas.add(layer(begin=text.index("构成"), end=text.index("。"), value="破坏性利用"))
    cas.add(token(begin=0, end=2))
    path = tmp_path / "from-cassis.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("TypeSystem.xml", ts.to_xml())
        z.writestr("annotation/判决.txt/lin.xmi", cas.to_xmi())
    changes = project.imports.import_file(path, annotator="导入者")
    got = sorted((t.text, project.annotators.get(t.annotator_id).name) for t in changes.annotations_added)
    assert got == [("擅自抓取用户数据", "lin"), ("构成不正当竞争", "lin")]  # the user of the CAS file
    assert changes.documents_added[0].title == "判决.txt"


def test_xmi_round_trip(tagged, tmp_path, empty_codebook):
    before = dump(tagged)
    out = tmp_path / "rt.zip"
    tagged.exports.export("xmi", out)
    tagged.close()
    with blank(tmp_path / "n.sqlite", empty_codebook) as other:
        other.imports.import_file(out, add_categories=True)
        assert other.imports.import_file(out, add_categories=True).empty
        after = dump(other)
    names = {c[0]: c[1] for c in before["categories"]}
    new_names = {c[0]: c[1] for c in after["categories"]}
    users, new_users = dict(before["annotators"]), dict(after["annotators"])
    assert after["documents"] == before["documents"]
    assert sorted(
        (u, d, s, e, t, new_names[c], new_users[w], m) for u, d, s, e, t, c, w, m in after["annotations"]
    ) == sorted((u, d, s, e, t, names[c], users[w], m) for u, d, s, e, t, c, w, m in before["annotations"])


def test_tsv_export_follows_the_documented_layout(tagged, tmp_path):
    out = tmp_path / "tsv.zip"
    tagged.exports.export("webanno", out)
    with zipfile.ZipFile(out) as z:
        files = {n: z.read(n).decode("utf-8") for n in z.namelist()}
    tsv = next(v for v in files.values() if "擅" in v)
    lines = tsv.split("\n")
    # Documented: the format line, the layer declarations, two blank lines, then sentence blocks.
    assert lines[0] == "#FORMAT=WebAnno TSV 3.3"
    assert lines[1] == f"#T_SP={TAG}|annotator|label|memo|uuid"
    assert lines[2] == lines[3] == "" and lines[4].startswith("#Text=")
    texts = "".join(webanno_tsv.unescape_text(line[6:]) for line in lines if line.startswith("#Text="))
    assert texts == TEXT_A
    units = TEXT_A.encode("utf-16-le")
    tokens = [line.split("\t") for line in lines if line and not line.startswith("#")]
    for cells in tokens:
        b, e = map(int, cells[1].split("-"))
        assert units[b * 2 : e * 2].decode("utf-16-le") == webanno_tsv.unescape_text(
            cells[2]
        )  # UTF-16 offsets
        assert len(cells) == 3 + 4 + 1  # token columns, four feature columns, the trailing tab
    # A multi-token tag: the same [id] on each of its tokens; a token with two tags stacks them with |.
    zhuang = next(c for c in tokens if c[2] == "擅")
    assert zhuang[4].startswith("用户数据权益[") and zhuang[4].endswith("]")
    stacked = next(c for c in tokens if c[2] == "抓")
    assert "|" in stacked[4]
    # Escaping: the memo's line break and the "=" are written as WebAnno escapes them.
    assert any("第二条\\n备忘[" in c[5] for c in tokens)


def test_tsv_round_trip(tagged, tmp_path, empty_codebook):
    before = dump(tagged)
    out = tmp_path / "rt.zip"
    tagged.exports.export("webanno", out)
    tagged.close()
    with blank(tmp_path / "n.sqlite", empty_codebook) as other:
        other.imports.import_file(out, add_categories=True)
        after = dump(other)
    names = {c[0]: c[1] for c in before["categories"]}
    new_names = {c[0]: c[1] for c in after["categories"]}
    users, new_users = dict(before["annotators"]), dict(after["annotators"])
    assert sorted(d[2] for d in after["documents"]) == sorted(d[2] for d in before["documents"])  # same texts
    assert sorted(
        (u, s, e, t, new_names[c], new_users[w], m) for u, _d, s, e, t, c, w, m in after["annotations"]
    ) == sorted((u, s, e, t, names[c], users[w], m) for u, _d, s, e, t, c, w, m in before["annotations"])


WEBANNO_FILE = """#FORMAT=WebAnno TSV 3.3
#T_SP=de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity|identifier|value
#T_RL=webanno.custom.Relation|label|BT_de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity


#Text=被告𠮷某抓取数据。
1-1\t0-1\t被\t_\t_\t_\t_\t
1-2\t1-2\t告\t_\t_\t_\t_\t
1-3\t2-4\t𠮷\t_\t当事人\\_甲[1]\t_\t_\t
1-4\t4-5\t某\t_\t当事人\\_甲[1]\t_\t_\t
1-5\t5-6\t抓\t_\t破坏性利用[2]|行为\t_\t_\t
1-6\t6-7\t取\t_\t破坏性利用[2]\t_\t_\t
1-7\t7-8\t数\t_\t_\t_\t_\t
1-8\t8-9\t据\t_\t_\t_\t_\t
1-9\t9-10\t。\t_\t_\t_\t_\t

#Text=法院认为。
2-1\t11-12\t法\t_\t_\t_\t_\t
2-2\t12-13\t院\t_\t_\t_\t_\t
2-3\t13-14\t认\t_\t_\t_\t_\t
2-4\t14-15\t为\t_\t_\t_\t_\t
2-5\t15-16\t。\t_\t_\t_\t_\t
"""


def test_tsv_as_webanno_writes_it(project, tmp_path):
    # Named entities with ids on multi-token spans, a stacked single-token entity without an id, an
    # escaped underscore, a relation layer's columns, and sentences whose #Text leaves out the gap.
    path = tmp_path / "webanno.tsv"
    path.write_text(WEBANNO_FILE, encoding="utf-8")
    changes = project.imports.import_file(path, annotator="导入者", add_categories=True)
    got = sorted((t.text, project.codebook.get(t.category_id).name) for t in changes.annotations_added)
    assert got == [("抓", "行为"), ("抓取", "破坏性利用"), ("𠮷某", "当事人_甲")]
    text = project.documents.get(changes.documents_added[0].id).text
    assert text.startswith("被告𠮷某抓取数据。") and text.endswith("法院认为。")


@pytest.mark.parametrize(
    "name, content, problem",
    [
        ("bad.tsv", b"#FORMAT=Something else\n", "not WebAnno TSV 3"),
        (
            "bad.tsv",
            b"#FORMAT=WebAnno TSV 3.3\n#T_SP=x|value\n\n\n#Text=ab\n1-1\tzero-1\ta\tX\n",
            "token line",
        ),
        ("bad.tsv", b"#FORMAT=WebAnno TSV 3.3\n#T_SP=x|value\n\n\n#Text=ab\n1-1\t0-1\tz\tX\n", "do not fit"),
        ("bad.tsv", b"\xff\xfe", "not UTF-8"),
        ("bad.xmi", b"<xmi:XMI xmlns:xmi='http://www.omg.org/XMI'><!DOCTYPE x></xmi:XMI>", "DTD|well-formed"),
        ("bad.xmi", b"<root/>", "not a UIMA CAS XMI"),
        (
            "bad.xmi",
            '<xmi:XMI xmlns:xmi="http://www.omg.org/XMI" xmlns:cas="http:///uima/cas.ecore" '
            'xmlns:custom="http:///webanno/custom.ecore"><cas:Sofa xmi:id="1" sofaString="短文本"/>'
            '<custom:X xmi:id="2" sofa="1" begin="0" end="99" value="用户同意"/></xmi:XMI>'.encode(),
            "outside the text",
        ),
    ],
)
def test_hostile_inception_files_change_nothing(project, tmp_path, name, content, problem):
    path = tmp_path / name
    path.write_bytes(content)
    before, seen = _bytes(project), dump(project)
    with pytest.raises(InputError, match=problem):
        project.imports.import_file(path, add_categories=True)
    assert _bytes(project) == before and dump(project) == seen
