"""The CLI reads the format registry: export with filters, import annotation files."""

from __future__ import annotations

import json

from annotator.cli import main
from tests.formats.conftest import blank


def test_export_with_filters(tagged, tmp_path, capsys):
    path = tagged.path
    first_doc = tagged.documents.list()[0].id
    tagged.close()
    out = tmp_path / "f.jsonl"
    assert (
        main(
            [
                "export",
                str(path),
                "--format",
                "jsonl",
                "-o",
                str(out),
                "--annotator",
                "张三",
                "--category",
                "平台数据资源竞争权益",
            ]
        )
        == 0
    )
    assert "1 annotations written" in capsys.readouterr().err
    labels = [
        lab for line in out.read_text(encoding="utf-8").splitlines() for lab in json.loads(line)["label"]
    ]
    assert [lab[2] for lab in labels] == ["破坏性利用"]  # the child comes with its parent
    assert (
        main(
            [
                "export",
                str(path),
                "--format",
                "csv",
                "-o",
                str(tmp_path / "d.csv"),
                "--doc",
                str(first_doc),
                "--annotator",
                "李四",
                "张三",
            ]
        )
        == 0
    )
    assert "3 annotations written" in capsys.readouterr().err
    assert (
        main(["export", str(path), "--format", "csv", "-o", str(tmp_path / "x.csv"), "--annotator", "无名"])
        == 1
    )
    assert "no annotator named '无名'" in capsys.readouterr().err


def test_import_annotations(tagged, tmp_path, capsys, empty_codebook):
    out = tmp_path / "all.qdpx"
    tagged.exports.export("qdpx", out)
    tagged.close()
    blank(tmp_path / "b.sqlite", empty_codebook).close()
    target = str(tmp_path / "b.sqlite")
    assert main(["import-annotations", target, str(out), "--dry-run"]) == 0
    assert capsys.readouterr().out.startswith("5 tags to add")
    assert main(["import-annotations", target, str(out)]) == 0
    assert "5 tags, 2 documents" in capsys.readouterr().out
    assert main(["import-annotations", target, str(out)]) == 0
    assert "0 tags" in capsys.readouterr().out
    doccano = tmp_path / "d.jsonl"
    doccano.write_text(
        json.dumps({"text": "这是新的判决文本。", "label": [[2, 5, "新类别"]]}, ensure_ascii=False),
        encoding="utf-8",
    )
    assert main(["import-annotations", target, str(doccano)]) == 1
    assert "not in the codebook: 新类别" in capsys.readouterr().err
    assert main(["import-annotations", target, str(doccano), "--add-categories", "--annotator", "赵六"]) == 0
    assert "1 tags, 1 documents and 1 categories added" in capsys.readouterr().out
