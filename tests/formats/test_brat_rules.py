"""brat has no Python reader to test against, so the export is checked rule by rule against brat's
documentation (brat standoff format, annotation.conf and visual.conf configuration), on a real judgment."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2].parent / "shared"


@pytest.fixture
def brat_export(project, tmp_path):
    real = SHARED / "realtexts" / "dev"
    if not real.is_dir():
        pytest.skip(f"real judgments not found at {real} (they live in the team's shared folder)")
    doc = project.documents.import_files(sorted(real.glob("daybright_*.txt"))[:1]).documents_added[0]
    text = project.documents.get(doc.id).text
    nameless = project.codebook.add("无英文名的类别").categories_added[0]  # no English name: C<id>
    cats = [c for c in project.codebook.list() if c.id != nameless.id][:4] + [nameless]
    people = [project.annotators.ensure(n) for n in ("张三", "李四")]
    for n, start in enumerate(range(0, len(text) - 200, max(60, (len(text) - 200) // 12))):
        project.annotations.add(
            doc.id,
            start,
            start + 90,
            cats[n % len(cats)].id,
            people[n % 2].id,
            memo="第一行\n第二行" if n % 3 == 0 else "",
        )
    out = tmp_path / "real.zip"
    project.exports.export("brat", out)
    with zipfile.ZipFile(out) as z:
        files = {n: z.read(n).decode("utf-8") for n in z.namelist()}
    return project, files, nameless


def _sections(conf: str) -> dict[str, list[str]]:
    out, current = {}, None
    for line in conf.splitlines():
        if re.fullmatch(r"\[\w+\]", line.strip()):
            current = line.strip()[1:-1]
        elif line.strip():
            out.setdefault(current, []).append(line)
    return out


def test_rule_type_names_are_ascii_letters_digits_underscore_hyphen(brat_export):
    # brat configuration docs: type names may only contain alphanumeric characters, "_" and "-";
    # brat refuses others with "… is not a known textbound type".
    _project, files, nameless = brat_export
    types = {
        line.split("\t")[1].split(" ")[0] for line in files["0001.ann"].splitlines() if line.startswith("T")
    }
    assert types and all(re.fullmatch(r"[A-Za-z0-9_-]+", t) for t in types)
    assert f"C{nameless.id}" in types  # a category without an English name gets its stable id


def test_rule_every_type_used_is_declared_in_annotation_conf(brat_export):
    # brat standoff docs: the type of each text-bound annotation must be defined in annotation.conf.
    _project, files, _n = brat_export
    declared = {line.strip() for line in _sections(files["annotation.conf"])["entities"]}
    used = {
        line.split("\t")[1].split(" ")[0] for line in files["0001.ann"].splitlines() if line.startswith("T")
    }
    assert used <= declared
    assert any(line.startswith("\t") for line in _sections(files["annotation.conf"])["entities"])  # hierarchy


def test_rule_text_bound_lines_quote_the_text_fragments_joined_by_space(brat_export):
    # brat standoff docs: "T1<TAB>Type START END<TAB>text"; discontinuous spans "START END;START END",
    # the text being the fragments joined by a single space; IDs unique in the file.
    _project, files, _n = brat_export
    text = files["0001.txt"]
    ids = []
    for line in files["0001.ann"].splitlines():
        ident, middle, quoted = line.split("\t")
        ids.append(ident)
        if not ident.startswith("T"):
            continue
        _type, _, offsets = middle.partition(" ")
        frags = [tuple(map(int, f.split(" "))) for f in offsets.split(";")]
        assert all(0 <= s < e <= len(text) for s, e in frags)
        assert quoted == " ".join(text[s:e] for s, e in frags)
        assert all("\n" not in text[s:e] for s, e in frags)
    assert len(ids) == len(set(ids))


def test_rule_notes_are_one_line_annotator_notes_on_existing_tags(brat_export):
    # brat standoff docs: "#1<TAB>AnnotatorNotes T1<TAB>note text", one line per note.
    _project, files, _n = brat_export
    lines = files["0001.ann"].splitlines()
    tags = {line.split("\t")[0] for line in lines if line.startswith("T")}
    notes = [line.split("\t") for line in lines if line.startswith("#")]
    assert notes
    for ident, middle, _text in notes:
        kind, target = middle.split(" ")
        assert re.fullmatch(r"#\d+", ident) and kind == "AnnotatorNotes" and target in tags
    texts = [t for _i, _m, t in notes]
    assert "annotator: 张三" in texts and "annotator: 李四" in texts
    assert "第一行" in texts and "第二行" in texts


def test_rule_visual_conf_labels_and_colours(brat_export):
    # brat visual.conf docs: [labels] "Type | Full label | …"; [drawing] "Type<TAB>bgColor:#rrggbb".
    project, files, nameless = brat_export
    visual = _sections(files["visual.conf"])
    labels = dict(line.split(" | ", 1) for line in visual["labels"])
    assert labels[f"C{nameless.id}"] == "无英文名的类别"
    assert labels["User_data_rights"] == "用户数据权益"
    drawing = dict(line.split("\t") for line in visual["drawing"])
    colour = project.codebook.find("用户数据权益").color
    assert drawing["User_data_rights"] == f"bgColor:{colour}"


def test_real_brat_export_imports_back_with_annotators_and_memos(brat_export, tmp_path, empty_codebook):
    from tests.formats.conftest import blank, dump

    project, _files, _n = brat_export
    before = dump(project)
    project.close()
    with blank(tmp_path / "back.sqlite", empty_codebook) as other:
        other.imports.import_file(tmp_path / "real.zip")
        after = dump(other)
    names = {c[0]: c[1] for c in before["categories"]}
    new_names = {c[0]: c[1] for c in after["categories"]}
    users, new_users = dict(before["annotators"]), dict(after["annotators"])
    assert sorted(
        (s, e, new_names[c], new_users[w], m) for _u, _d, s, e, _t, c, w, m in after["annotations"]
    ) == sorted((s, e, names[c], users[w], m) for _u, _d, s, e, _t, c, w, m in before["annotations"])
