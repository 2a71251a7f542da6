"""`annotator suggest` end to end on real judgments, and its refusals."""

from __future__ import annotations

import json

from annotator.cli import main
from annotator.services import Project
from tests.suggest.conftest import reasoning_sentences


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def _project(tmp_path, realtexts):
    path = tmp_path / "p.sqlite"
    with Project.create(path) as project:
        ids = [d.id for d in project.documents.import_files([p for p, _ in realtexts]).documents_added]
        who = project.annotators.ensure("甲")
        cat = project.codebook.find("商业道德")
        for doc_id, (_p, truth) in list(zip(ids, realtexts, strict=True))[:4]:
            text = project.documents.get(doc_id).text
            for s, e in reasoning_sentences(text, truth):
                project.annotations.add(doc_id, s, e, cat.id, who.id)
    return path, ids


def test_suggest_prints_json_and_tab_separated_lines(tmp_path, capsys, realtexts):
    path, ids = _project(tmp_path, realtexts)
    code, out, err = run(
        capsys, "suggest", path, "--json", "--category", "Business ethics", "--doc", *ids[4:]
    )
    assert code == 0, err
    rows = json.loads(out)
    assert rows and {r["category"] for r in rows} == {"商业道德"}
    assert {r["document"] for r in rows} <= set(ids[4:])
    with Project.open(path) as project:
        for r in rows:
            assert project.documents.get(r["document"]).text[r["start"] : r["end"]] == r["text"]
            assert 0.6 <= r["score"] <= 1.0  # the default threshold
    code, out, _ = run(capsys, "suggest", path, "--min-score", "0.9", "--doc", *ids[4:])
    lines = [line.split("\t") for line in out.splitlines()]
    assert code == 0 and all(float(p[4]) >= 0.9 for p in lines)
    assert len(lines) <= len(rows)


def test_suggest_refuses_bad_input_and_changes_nothing(tmp_path, capsys, realtexts):
    path, ids = _project(tmp_path, realtexts[:5])
    before = path.read_bytes()
    for args in (
        ("--min-score", "1.5"),
        ("--category", "没有这个类别"),
        ("--doc", "999"),
        ("--annotator", "nobody"),
        ("--min-score", "nan"),
    ):
        code, out, err = run(capsys, "suggest", path, *args)
        assert code == 1 and err.startswith("annotator: error:") and not out, args
    assert path.read_bytes() == before
