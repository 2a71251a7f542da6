"""`annotator update-doc`, `annotator backups` and `annotator check` from the command line."""

from __future__ import annotations

from test_reliability_backup import _corrupt, _project_with_tags
from test_reliability_versions import NEW, OLD

from annotator.cli import main
from annotator.services import Project


def test_update_doc_reports_what_happened_to_each_tag(tmp_path, capsys):
    path = tmp_path / "p.sqlite"
    with Project.create(path) as p:
        doc = p.documents.add_text("判决", OLD).documents_added[0]
        cat = p.codebook.list()[0].id
        who = p.annotators.ensure("甲").id
        for quote in ("被告末经用户同意抓取平台数据", "群控软件批量操作账号"):
            s = OLD.index(quote)
            p.annotations.add(doc.id, s, s + len(quote), cat, who)
    new = tmp_path / "new.txt"
    new.write_text(NEW, encoding="utf-8")
    assert main(["update-doc", str(path), str(doc.id), str(new)]) == 0
    out = capsys.readouterr().out
    assert "version 1" in out and "similarity" in out and "not found" in out
    assert main(["update-doc", str(path), "99", str(new)]) == 1
    assert "no document with id 99" in capsys.readouterr().err


def test_check_and_restore_a_damaged_project_from_the_command_line(tmp_path, capsys):
    path = tmp_path / "p.sqlite"
    ids = _project_with_tags(path)
    assert main(["check", str(path)]) == 0
    assert main(["backups", str(path), "--make"]) == 0
    assert main(["backups", str(path)]) == 0
    assert "p-backups" in capsys.readouterr().out
    _corrupt(path)
    assert main(["check", str(path)]) == 1
    assert "damaged" in capsys.readouterr().err
    assert main(["docs", str(path)]) == 1
    assert "restore it from a backup" in capsys.readouterr().err
    assert main(["backups", str(path), "--restore", "latest"]) == 0
    assert "replaced file is kept" in capsys.readouterr().out
    with Project.open(path) as p:
        assert [a.id for a in p.annotations.list()] == ids


def test_flagged_lists_tags_to_review_and_marks_them_done(tmp_path, capsys):
    path = tmp_path / "p.sqlite"
    with Project.create(path) as p:
        doc = p.documents.add_text("判决", OLD).documents_added[0]
        cat = p.codebook.list()[0].id
        who = p.annotators.ensure("甲").id
        s = OLD.index("被告末经用户同意抓取平台数据")
        fuzzy = p.annotations.add(doc.id, s, s + 14, cat, who).annotations_added[0].id
        p.versions.update_text(doc.id, NEW)
    assert main(["flagged", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"{fuzzy}\tdoc {doc.id}\tfuzzy" in out
    assert main(["flagged", str(path), "--done", str(fuzzy)]) == 0
    capsys.readouterr()
    assert main(["flagged", str(path)]) == 0
    assert capsys.readouterr().out == ""
