"""doccano JSONL and brat standoff: what those tools write imports; our own files round-trip; bad
files are refused with the file and the problem named, and the project stays as it was."""

from __future__ import annotations

import json
import zipfile

import pytest

from annotator.core.errors import InputError
from tests.formats.conftest import TEXT_A, TEXT_B, blank, dump

DOCCANO_TEXT = "原告𠮷某主张数据权益，被告抓取数据。"


def _jsonl(path, *items) -> None:
    path.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), encoding="utf-8")


def test_jsonl_export_is_doccano_shaped(tagged, tmp_path):
    out = tmp_path / "d.jsonl"
    tagged.exports.export("jsonl", out)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [line["text"] for line in lines] == [TEXT_A, TEXT_B]
    for line in lines:
        for start, end, label in line["label"]:
            assert isinstance(label, str) and 0 <= start < end <= len(line["text"])
    spans = {lines[0]["text"][s:e] for s, e, _ in lines[0]["label"]}
    assert "擅自抓取用户数据" in spans  # code points, after 𠮷


def test_doccano_label_and_entities_variants_with_overlaps(project, tmp_path):
    path = tmp_path / "doccano.jsonl"
    t = DOCCANO_TEXT
    _jsonl(
        path,
        {
            "id": 7,
            "text": t,
            "label": [
                [t.index("数据权益"), t.index("数据权益") + 4, "用户数据权益"],
                [t.index("主张数据"), t.index("主张数据") + 4, "用户数据权益"],
            ],
        },
        {
            "id": 8,
            "text": "平台数据被批量抓取。",
            "entities": [
                {"id": 1, "start_offset": 0, "end_offset": 4, "label": "平台数据资源竞争权益"},
                {"id": 2, "start_offset": 2, "end_offset": 9, "label": "破坏性利用"},
            ],
        },
    )
    changes = project.imports.import_file(path, annotator="导入者")
    got = sorted((t.text, t.category_id) for t in changes.annotations_added)
    assert [g[0] for g in got] == sorted(["数据权益", "主张数据", "平台数据", "数据被批量抓取"])
    assert len(changes.documents_added) == 2
    assert {project.annotators.get(t.annotator_id).name for t in changes.annotations_added} == {"导入者"}
    assert project.imports.import_file(path, annotator="导入者").empty  # nothing twice


def test_jsonl_round_trip_keeps_uuids_annotators_and_memos(tagged, tmp_path, empty_codebook):
    before = dump(tagged)
    out = tmp_path / "rt.jsonl"
    tagged.exports.export("jsonl", out)
    tagged.close()
    with blank(tmp_path / "n.sqlite", empty_codebook) as other:
        other.imports.import_file(out, add_categories=True)
        after = dump(other)
        assert after["documents"] == before["documents"]
        strip = [(u, s, e, t, who, memo) for u, _d, s, e, t, _c, who, memo in before["annotations"]]
        assert [(u, s, e, t, who, memo) for u, _d, s, e, t, _c, who, memo in after["annotations"]] == strip


@pytest.mark.parametrize(
    "item, problem",
    [
        ([1, 2, 3], "expected a JSON object"),
        ({"text": 5}, '"text" must be a string'),
        ({"text": "文本", "label": "x"}, "must be a list"),
        ({"text": "文本", "label": [["0", 1, "用户同意"]]}, "whole numbers"),
        ({"text": "文本", "label": [[0, 1]]}, r"expected \[start, end, label\]"),
        (
            {"text": "文本", "entities": [{"start_offset": 0, "end_offset": 1, "label": 3}]},
            "non-empty string",
        ),
    ],
)
def test_jsonl_wrong_types(project, tmp_path, item, problem):
    path = tmp_path / "wrong.jsonl"
    _jsonl(path, {"text": "第一行没问题", "label": []}, item)
    before = dump(project)
    with pytest.raises(InputError, match=problem) as err:
        project.imports.import_file(path)
    assert "wrong.jsonl" in str(err.value) and "line 2" in str(err.value)
    assert dump(project) == before


def test_jsonl_not_json(project, tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "好"}\n{"text": \n', encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.jsonl: .*line 2 is not valid JSON"):
        project.imports.import_file(path)
    path.write_bytes('{"text": "数据"}'.encode("gbk") + b"\n")
    with pytest.raises(InputError, match="not UTF-8"):
        project.imports.import_file(path)


def test_a_refused_record_does_not_take_its_text_with_it(project, tmp_path):
    # The first record is refused (an empty label); the second has the same text and must still get
    # its own document, with its tag on it.
    path = tmp_path / "same_text.jsonl"
    _jsonl(
        path,
        {"text": DOCCANO_TEXT, "label": [[0, 2, ""]]},
        {"text": DOCCANO_TEXT, "label": [[2, 4, "用户数据权益"]]},
    )
    changes = project.imports.import_file(path, skip_bad=True)
    [doc] = changes.documents_added
    [tag] = changes.annotations_added
    assert tag.document_id == doc.id and tag.text == DOCCANO_TEXT[2:4]
    assert project.documents.get(doc.id).text == DOCCANO_TEXT


def test_jsonl_offsets_beyond_the_text(project, tmp_path):
    path = tmp_path / "beyond.jsonl"
    _jsonl(path, {"text": "短文本", "label": [[1, 30, "用户同意"]]})
    before = dump(project)
    with pytest.raises(InputError, match=r"beyond\.jsonl.*line 1, label 1.*outside the text"):
        project.imports.import_file(path)
    assert dump(project) == before


def test_unknown_categories_are_offered_not_invented(project, tmp_path):
    path = tmp_path / "new-cats.jsonl"
    _jsonl(path, {"text": "被告构成共同侵权。", "label": [[2, 8, "共同侵权"]]})
    before = dump(project)
    with pytest.raises(InputError, match="not in the codebook: 共同侵权") as err:
        project.imports.import_file(path)
    assert "new-cats.jsonl" in str(err.value) and dump(project) == before
    plan = project.imports.plan(project.imports.read(path))
    assert plan.categories_unknown == ["共同侵权"] and plan.annotations_new == 0
    changes = project.imports.import_file(path, add_categories=True)
    assert [c.name for c in changes.categories_added] == ["共同侵权"]
    assert changes.annotations_added[0].category_id == changes.categories_added[0].id


# brat ---------------------------------------------------------------------------------------------


def test_brat_export(tagged, tmp_path):
    from annotator.formats.brat import type_names

    out = tmp_path / "b.zip"
    tagged.exports.export("brat", out)
    with zipfile.ZipFile(out) as z:
        names = sorted(z.namelist())
        assert names == ["0001.ann", "0001.txt", "0002.ann", "0002.txt", "annotation.conf", "visual.conf"]
        ann = z.read("0001.ann").decode("utf-8")
        conf = z.read("annotation.conf").decode("utf-8")
        visual = z.read("visual.conf").decode("utf-8")
        assert z.read("0001.txt").decode("utf-8") == TEXT_A
    types = type_names(tagged.codebook.list(include_archived=True))
    user = types[tagged.codebook.find("用户数据权益").id]
    assert user == "User_data_rights"  # from the English name
    s = TEXT_A.index("擅自抓取用户数据")
    assert f"{user} {s} {s + 8}\t擅自抓取用户数据" in ann
    assert "AnnotatorNotes" in ann and "\t第二条\n" in ann and "\t备忘\n" in ann  # one note per memo line
    assert "\tannotator: 张三\n" in ann
    # A passage across a line break becomes two fragments, as brat writes it.
    assert ";" in next(line for line in ann.splitlines() if "构成不正当竞争" in line)
    destructive = types[tagged.codebook.find("破坏性利用").id]
    assert f"\t{destructive}" in conf and conf.startswith("[entities]")
    assert f"{user} | 用户数据权益" in visual


def test_brat_round_trip(tagged, tmp_path, empty_codebook):
    before = dump(tagged)
    out = tmp_path / "rt.zip"
    tagged.exports.export("brat", out)
    tagged.close()
    with blank(tmp_path / "n.sqlite", empty_codebook) as other:
        # visual.conf names the categories: nothing is unknown, nothing needs --add-categories.
        changes = other.imports.import_file(out, annotator="某人")
        assert len(changes.annotations_added) == 5
        after = dump(other)
        assert after["documents"][0][2] in {d[2] for d in before["documents"]}
        names = {c[0]: c[1] for c in before["categories"]}
        new_names = {c[0]: c[1] for c in after["categories"]}
        users, new_users = dict(before["annotators"]), dict(after["annotators"])
        assert sorted(
            (s, e, t, new_names[c], new_users[w], m) for _u, _d, s, e, t, c, w, m in after["annotations"]
        ) == sorted((s, e, t, names[c], users[w], m) for _u, _d, s, e, t, c, w, m in before["annotations"])
        kept = {c[1]: c for c in after["categories"]}
        old = {c[1]: c for c in before["categories"]}
        assert kept["破坏性利用"][3] == old["破坏性利用"][3]  # colour from visual.conf
        assert {c[1] for c in after["categories"] if c[2] == kept["平台数据资源竞争权益"][0]} == {
            "破坏性利用"
        }


BRAT_TEXT = "被告未经许可抓取数据。\n法院认为构成不正当竞争。"


def _brat_pair(tmp_path, ann: str, name="doc"):
    (tmp_path / f"{name}.txt").write_text(BRAT_TEXT, encoding="utf-8")
    (tmp_path / f"{name}.ann").write_text(ann, encoding="utf-8")
    return tmp_path / f"{name}.ann"


def test_brat_file_as_brat_writes_it(project, tmp_path):
    ann = (
        "T1\t破坏性利用 2 10\t未经许可抓取数据\n"
        "T2\t平台数据资源竞争权益 12 23\t法院认为构成不正当竞争\n"
        "R1\tCause Arg1:T1 Arg2:T2\n"
        "A1\tNegated T1\n"
        "#1\tAnnotatorNotes T2\t判决理由\n"
    )
    path = _brat_pair(tmp_path, ann)
    changes = project.imports.import_file(path, annotator="brat用户")
    assert sorted(t.text for t in changes.annotations_added) == ["未经许可抓取数据", "法院认为构成不正当竞争"]
    assert [t.memo for t in changes.annotations_added if t.start == 12] == ["判决理由"]
    assert any("skipped 1 A line, 1 R line" in m for m in changes.messages)


def test_brat_offsets_not_matching_the_txt(project, tmp_path):
    path = _brat_pair(tmp_path, "T1\t破坏性利用 3 11\t未经许可抓取数据\n", name="shifted")
    before = dump(project)
    with pytest.raises(InputError, match=r"shifted\.ann.*do not match") as err:
        project.imports.import_file(path)
    assert "T1" in str(err.value)
    assert dump(project) == before


def test_brat_bad_lines_and_archives(project, tmp_path):
    path = _brat_pair(tmp_path, "T1\t破坏性利用 two 10\t未经\n", name="garbled")
    with pytest.raises(InputError, match=r"garbled\.ann: line 1: offsets"):
        project.imports.import_file(path)
    slip = tmp_path / "slip.zip"
    with zipfile.ZipFile(slip, "w") as z:
        z.writestr("a.ann", "")
        z.writestr("a.txt", "文本")
        z.writestr("/etc/evil.ann", "")
    before = dump(project)
    with pytest.raises(InputError, match=r"slip\.zip.*outside the archive"):
        project.imports.import_file(slip)
    assert dump(project) == before


def test_cancelled_import_changes_nothing(tagged, tmp_path):
    from annotator.formats.base import Cancelled

    out = tmp_path / "all.jsonl"
    tagged.exports.export("jsonl", out)
    tagged.close()
    from annotator.services import Project

    with Project.create(tmp_path / "c.sqlite") as other:
        before = dump(other)
        seen = []

        def cancel(done: int, total: int) -> bool:
            seen.append(done)
            return False  # the user pressed Cancel

        with pytest.raises(Cancelled):
            other.imports.import_file(out, add_categories=True, progress=cancel)
        assert seen and dump(other) == before
