"""doccano JSONL as doccano writes it: its documented examples, its export (records with `user`, and
the zip of one `<user>.jsonl` per annotator), custom column names, and bad records skipped one by one.
doccano itself (a Django server) is not a test dependency; its documented formats are."""

from __future__ import annotations

import hashlib
import json
import zipfile

import pytest

from annotator.cli import main
from annotator.core.errors import InputError
from tests.formats.conftest import dump

TEXT = "原告𠮷某主张数据权益，被告抓取数据。"


def _jsonl(path, *items) -> None:
    path.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), encoding="utf-8")


def _bytes(project) -> str:
    """The project's database as bytes on disk (the file and its write-ahead log)."""
    h = hashlib.sha256()
    for p in (project.path, project.path.with_name(project.path.name + "-wal")):
        h.update(p.read_bytes() if p.exists() else b"")
    return h.hexdigest()


def _span(text: str, passage: str) -> list[int]:
    s = text.index(passage)
    return [s, s + len(passage)]


def test_doccano_documented_examples(project, tmp_path):
    # doccano backend/data_export/pipeline/examples.py: Offset_JSONL and ENTITY_AND_RELATION_JSONL shapes.
    path = tmp_path / "doc.jsonl"
    _jsonl(
        path,
        {"text": TEXT, "label": [[*_span(TEXT, "数据权益"), "用户数据权益"]]},
        {
            "text": "平台数据被批量抓取。",
            "entities": [{"id": 0, "start_offset": 0, "end_offset": 4, "label": "平台数据资源竞争权益"}],
            "relations": [{"id": 0, "from_id": 0, "to_id": 0, "type": "x"}],
        },
    )
    changes = project.imports.import_file(path, annotator="导入者")
    assert sorted(t.text for t in changes.annotations_added) == ["平台数据", "数据权益"]


def test_annotator_from_doccanos_user_field(project, tmp_path):
    path = tmp_path / "export.jsonl"
    _jsonl(
        path,
        {"id": 1, "text": TEXT, "label": [[*_span(TEXT, "数据权益"), "用户数据权益"]], "user": "alice"},
        {"id": 1, "text": TEXT, "label": [[*_span(TEXT, "抓取数据"), "破坏性利用"]], "user": "bob"},
        {"id": 2, "text": "无人标注的文本。", "label": [], "user": "unknown"},
    )
    changes = project.imports.import_file(path, annotator="导入者")
    who = {t.text: project.annotators.get(t.annotator_id).name for t in changes.annotations_added}
    assert who == {"数据权益": "alice", "抓取数据": "bob"}
    assert (
        len(project.documents.list()) == 1
    )  # the same text twice is one document (the untagged one is not added)


def test_doccano_export_zip_one_file_per_user(project, tmp_path, capsys):
    path = tmp_path / "doccano-export.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(
            "alice.jsonl",
            json.dumps(
                {
                    "id": 1,
                    "text": TEXT,
                    "label": [[*_span(TEXT, "数据权益"), "用户数据权益"]],
                    "Comments": [],
                },
                ensure_ascii=False,
            )
            + "\n",
        )
        z.writestr(
            "bob.jsonl",
            json.dumps(
                {
                    "id": 1,
                    "text": TEXT,
                    "label": [[*_span(TEXT, "数据权益"), "用户数据权益"]],
                    "Comments": [],
                },
                ensure_ascii=False,
            )
            + "\n",
        )
    target = project.path
    project.close()
    assert main(["import-annotations", str(target), str(path), "--annotator", "导入者"]) == 0
    assert "2 tags, 1 documents" in capsys.readouterr().out
    with _open(target) as p:
        names = sorted(p.annotators.get(t.annotator_id).name for t in p.annotations.list())
    assert names == ["alice", "bob"]


def _open(path):
    from annotator.services import Project

    return Project.open(path)


def test_custom_column_names(project, tmp_path, capsys):
    path = tmp_path / "custom.jsonl"
    _jsonl(path, {"content": TEXT, "spans": [[*_span(TEXT, "数据权益"), "用户数据权益"]]})
    before = _bytes(project)
    with pytest.raises(InputError, match=r"name the text field") as err:
        project.imports.import_file(path)
    assert "'content'" in str(err.value)
    assert _bytes(project) == before
    changes = project.imports.import_file(
        path, options={"text_field": "content", "label_field": "spans"}, annotator="导入者"
    )
    assert [t.text for t in changes.annotations_added] == ["数据权益"]
    target = project.path
    project.close()
    assert (
        main(
            [
                "import-annotations",
                str(target),
                str(path),
                "--text-field",
                "content",
                "--label-field",
                "spans",
                "--annotator",
                "导入者",
            ]
        )
        == 0
    )
    assert "0 tags" in capsys.readouterr().out  # already there: nothing twice
    with pytest.raises(SystemExit):
        main(["import-annotations", str(target), str(path), "--text-field"])


def test_skip_bad_skips_one_record_and_reports_it(project, tmp_path, capsys):
    path = tmp_path / "one-bad.jsonl"
    _jsonl(
        path,
        {"text": TEXT, "label": [[*_span(TEXT, "数据权益"), "用户数据权益"]]},
        {"title": "没有正文的记录", "label": [[0, 2, "用户数据权益"]]},
        {
            "text": "第三条记录：被告抓取数据。",
            "label": [[*_span("第三条记录：被告抓取数据。", "抓取数据"), "破坏性利用"]],
        },
    )
    before = _bytes(project)
    with pytest.raises(InputError, match=r"line 2: \"text\" must be a string") as err:
        project.imports.import_file(path)
    assert "nothing was imported" in str(err.value)
    assert _bytes(project) == before  # refused: the project file is byte for byte the same
    changes = project.imports.import_file(path, skip_bad=True, annotator="导入者")
    assert sorted(t.text for t in changes.annotations_added) == ["抓取数据", "数据权益"]
    assert any("line 2" in m and "skipped" in m for m in changes.messages)
    target = project.path
    project.close()
    other = tmp_path / "other.sqlite"
    assert main(["init", str(other)]) == 0
    assert main(["import-annotations", str(other), str(path), "--skip-bad"]) == 0
    captured = capsys.readouterr()
    assert "2 tags" in captured.out and "line 2" in captured.err
    assert target.exists()


@pytest.mark.parametrize(
    "content, problem",
    [
        (b"\xff\xfe\x00garbage\n", "not UTF-8"),
        (b"[1, 2]\n", "expected a JSON object"),
        (b'{"text": "a", "label": [[0, 99999999999999999999, "x"]]}\n', "outside the text"),
        (b'{"text": "ab", "label": [[true, 1, "x"]]}\n', "whole numbers"),
        (
            b'{"text": "ab", "label": [[0, 1, "x"]], "user": ["not", "a", "name"]}\n{"text": \n',
            "not valid JSON",
        ),
    ],
)
def test_hostile_jsonl_leaves_the_project_unchanged(project, tmp_path, content, problem):
    path = tmp_path / "hostile.jsonl"
    path.write_bytes(content)
    before, seen = _bytes(project), dump(project)
    with pytest.raises(InputError, match=problem):
        project.imports.import_file(path, add_categories=True)
    assert _bytes(project) == before and dump(project) == seen
