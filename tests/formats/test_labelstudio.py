"""Label Studio: tasks with annotations/predictions and `labels` results, checked against Label Studio's
documented JSON (https://labelstud.io/guide/export#Label-Studio-JSON-format-of-annotated-tasks) and
its labelling config. label-studio-sdk pins numpy below the project's and pulls OpenCV, and
label-studio-converter installs a top-level `tests` package over this project's, so neither is a
test dependency: the documented format is the reference here."""

from __future__ import annotations

import hashlib
import json

import pytest
from lxml import etree

from annotator.cli import main
from annotator.core.errors import InputError
from tests.formats.conftest import TEXT_A, blank, dump

LS_TEXT = "原告𠮷某诉称：被告擅自抓取用户数据，构成不正当竞争。"


def _js_slice(text: str, start: int, end: int) -> str:
    """What JavaScript's text.slice(start, end) gives: UTF-16 code units."""
    return text.encode("utf-16-le")[start * 2 : end * 2].decode("utf-16-le")


def _bytes(project) -> str:
    h = hashlib.sha256()
    for p in (project.path, project.path.with_name(project.path.name + "-wal")):
        h.update(p.read_bytes() if p.exists() else b"")
    return h.hexdigest()


def test_export_is_label_studio_json_with_js_offsets(tagged, tmp_path):
    out = tmp_path / "tasks.json"
    assert tagged.exports.export("labelstudio", out) == 5
    tasks = json.loads(out.read_text(encoding="utf-8"))
    assert isinstance(tasks, list) and len(tasks) == 2
    config = tmp_path / "config.xml"
    tagged.exports.export("labelstudio-config", config)
    view = etree.parse(str(config)).getroot()
    labels_tag = view.find("Labels")
    text_tag = view.find("Text")
    values = {lab.get("value") for lab in labels_tag.findall("Label")}
    assert text_tag.get("value") == "$text"
    users = {u.name for u in tagged.annotators.list()}
    for task in tasks:
        text = task["data"]["text"]
        for ann in task["annotations"]:
            assert type(ann["completed_by"]) is int and ann["created_username"] in users
            assert ann["created_at"].endswith("Z")
            for r in ann["result"]:
                assert r["type"] == "labels"
                assert r["from_name"] == labels_tag.get("name") and r["to_name"] == text_tag.get("name")
                v = r["value"]
                assert _js_slice(text, v["start"], v["end"]) == v["text"]  # what Label Studio highlights
                assert set(v["labels"]) <= values
    first = next(t for t in tasks if t["data"]["text"] == TEXT_A)
    r = next(r for a in first["annotations"] for r in a["result"] if r["value"]["text"] == "擅自抓取用户数据")
    assert r["value"]["start"] == TEXT_A.index("擅自") + 1  # 𠮷 is two UTF-16 units
    memos = sorted(
        r["meta"]["text"][0] for t in tasks for a in t["annotations"] for r in a["result"] if "meta" in r
    )
    assert memos == sorted(["重点段落 =备注", "第二条\n备忘"])
    colours = {lab.get("value"): lab.get("background") for lab in labels_tag.findall("Label")}
    assert colours["用户数据权益"] == tagged.codebook.find("用户数据权益").color


def test_round_trip_keeps_everything_but_category_uuids(tagged, tmp_path, empty_codebook):
    before = dump(tagged)
    out = tmp_path / "rt.json"
    tagged.exports.export("labelstudio", out)
    tagged.close()
    with blank(tmp_path / "n.sqlite", empty_codebook) as other:
        other.imports.import_file(out, add_categories=True)
        assert other.imports.import_file(out, add_categories=True).empty  # nothing twice
        after = dump(other)
    assert after["documents"] == before["documents"] and after["annotators"] == before["annotators"]
    names = {c[0]: c[1] for c in before["categories"]}
    new_names = {c[0]: c[1] for c in after["categories"]}
    assert sorted(
        (u, d, s, e, t, new_names[c], w, m) for u, d, s, e, t, c, w, m in after["annotations"]
    ) == sorted((u, d, s, e, t, names[c], w, m) for u, d, s, e, t, c, w, m in before["annotations"])


def _documented_task() -> list:
    """A task shaped like Label Studio's documented export, offsets in UTF-16 units as Label Studio counts."""
    s = LS_TEXT.index("擅自") + 1
    return [
        {
            "id": 7,
            "data": {"text": LS_TEXT},
            "meta": {},
            "created_at": "2024-05-01T08:00:00.000000Z",
            "annotations": [
                {
                    "id": 21,
                    "completed_by": 3,
                    "created_username": "lin@example.org, 3",
                    "was_cancelled": False,
                    "ground_truth": False,
                    "created_at": "2024-05-01T08:10:00.123456Z",
                    "lead_time": 12.5,
                    "result": [
                        {
                            "id": "n2ldmNpSQI",
                            "type": "labels",
                            "from_name": "label",
                            "to_name": "text",
                            "origin": "manual",
                            "meta": {"text": ["需要复核"]},
                            "value": {
                                "start": s,
                                "end": s + 8,
                                "text": "擅自抓取用户数据",
                                "labels": ["用户数据权益"],
                            },
                        }
                    ],
                },
                {
                    "id": 22,
                    "completed_by": {"id": 4, "email": "xu@example.org"},
                    "was_cancelled": True,
                    "result": [],
                },
            ],
            "predictions": [
                {
                    "id": 5,
                    "model_version": "ner-v2",
                    "score": 0.8,
                    "result": [
                        {
                            "id": "p1",
                            "type": "labels",
                            "from_name": "label",
                            "to_name": "text",
                            "value": {
                                "start": s + 9,
                                "end": s + 15,
                                "text": "构成不正当竞",
                                "labels": ["破坏性利用"],
                            },
                        },
                        {
                            "id": "c1",
                            "type": "choices",
                            "from_name": "sentiment",
                            "to_name": "text",
                            "value": {"choices": ["Positive"]},
                        },
                    ],
                }
            ],
        }
    ]


def test_import_documented_task_with_annotations_and_predictions(project, tmp_path, capsys):
    path = tmp_path / "ls-export.json"
    path.write_text(json.dumps(_documented_task(), ensure_ascii=False), encoding="utf-8")
    changes = project.imports.import_file(path, annotator="导入者")
    got = sorted(
        (t.text, project.annotators.get(t.annotator_id).name, t.memo) for t in changes.annotations_added
    )
    assert got == [
        ("擅自抓取用户数据", "lin@example.org", "需要复核"),
        ("构成不正当竞", "prediction ner-v2", ""),
    ]
    assert any("cancelled" in m for m in changes.messages) and any("'choices'" in m for m in changes.messages)
    target = project.path
    project.close()
    assert main(["import-annotations", str(target), str(path), "--dry-run"]) == 0
    assert capsys.readouterr().out.startswith("0 tags to add, 2 already here")


@pytest.mark.parametrize(
    "content, problem",
    [
        (b"not json", "not valid JSON"),
        (b'{"tasks": []}', "expected a list"),
        (b"[]", "holds no tasks"),
        (
            b'[{"data": {"text": "\xe6\x96\x87\xe6\x9c\xac"}, "annotations": [{"result": [{"type": "labels", '
            b'"value": {"start": "0", "end": 1, "labels": ["x"]}}]}]}]',
            "whole numbers",
        ),
        (
            b'[{"data": {"text": "\xe6\x96\x87\xe6\x9c\xac"}, "annotations": [{"result": [{"type": "labels", '
            b'"value": {"start": 0, "end": 99, "labels": ["\xe7\x94\xa8\xe6\x88\xb7\xe5\x90\x8c\xe6\x84\x8f"]}}]}]}]',
            "outside the text",
        ),
        (b'[{"data": {"body": 1, "html": 2}}]', "name the text field"),
        (b"\xff\xfe[]", "not UTF-8"),
    ],
)
def test_hostile_label_studio_files_change_nothing(project, tmp_path, content, problem):
    path = tmp_path / "hostile.json"
    path.write_bytes(content)
    before, seen = _bytes(project), dump(project)
    with pytest.raises(InputError, match=problem):
        project.imports.import_file(path, add_categories=True)
    assert _bytes(project) == before and dump(project) == seen


def test_cli_exports_tasks_and_config(tagged, tmp_path, capsys):
    path = tagged.path
    tagged.close()
    assert main(["export", str(path), "--format", "labelstudio", "-o", str(tmp_path / "t.json")]) == 0
    assert main(["export", str(path), "--format", "labelstudio-config", "-o", str(tmp_path / "c.xml")]) == 0
    assert "<Labels" in (tmp_path / "c.xml").read_text(encoding="utf-8")
