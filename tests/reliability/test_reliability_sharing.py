"""Hostile and mistaken input to share, merge-back, compare, edit-tag and remove-tag: a one-line message,
exit status 1, no traceback, and the project byte for byte as it was."""

from __future__ import annotations

import hashlib

import pytest

from annotator.cli import main
from annotator.services import Project

TEXT = "本院认为，被告未经许可抓取平台数据，构成不正当竞争。"


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def project(tmp_path):
    path = tmp_path / "p.sqlite"
    with Project.create(path) as p:
        doc = p.documents.add_text("案", TEXT).documents_added[0]
        me = p.annotators.ensure("甲")
        p.annotations.add(doc.id, 5, 9, p.codebook.find("破坏性利用").id, me.id)
    return path


@pytest.mark.parametrize(
    "argv",
    [
        ["share", "{p}", "{p}", "--for", "乙"],  # over the project itself
        ["share", "{p}", "{d}/missing/x.sqlite", "--for", "乙"],  # no such folder
        ["share", "{p}", "{d}/c.sqlite", "--for", "  "],  # no name
        ["share", "{p}", "{d}/c.sqlite", "--for", "甲", "--by", "甲"],  # for oneself
        ["share", "{p}", "{d}/c.sqlite", "--for", "乙", "--doc", "99"],
        ["merge-back", "{p}"],  # not a shared copy
        ["merge-back", "{d}/nothing.sqlite"],
        ["compare", "{p}", "--doc", "99", "--annotators", "甲", "乙"],
        ["compare", "{p}", "--doc", "1", "--annotators", "甲", "无此人"],
        ["edit-tag", "{p}", "٥", "--memo", "x"],  # an Arabic-Indic digit is not an id
        ["edit-tag", "{p}", "9223372036854775808", "--memo", "x"],
        ["edit-tag", "{p}", "1", "--start", "0"],  # start without end
        ["edit-tag", "{p}", "1", "--start", "9", "--end", "5"],
        ["edit-tag", "{p}", "1", "--start", "0", "--end", "999"],
        ["remove-tag", "{p}", "no-such-uuid"],
        ["adjudicate", "{p}", "--annotators", "甲", "甲", "--decide", "1", "accept_a"],  # no --doc
        ["adjudicate", "{p}", "--annotators", "甲", "甲", "--doc", "1", "--decide", "x", "accept_a"],
    ],
)
def test_refusals_are_one_line_and_change_nothing(project, tmp_path, capsys, argv):
    before = digest(project)
    args = [a.format(p=project, d=tmp_path) for a in argv]
    assert main(args) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("annotator: error: ") and "Traceback" not in err[0]
    assert digest(project) == before
    assert not (tmp_path / "c.sqlite").exists()


def test_merge_back_when_the_original_moved_says_so(project, tmp_path, capsys):
    copy = tmp_path / "c.sqlite"
    assert main(["share", str(project), str(copy), "--for", "乙", "--by", "甲"]) == 0
    project.rename(tmp_path / "moved.sqlite")
    capsys.readouterr()
    assert main(["merge-back", str(copy)]) == 1
    assert "project file not found" in capsys.readouterr().err
    # A copy that names another project with the same path is refused too.
    Project.create(project).close()
    before = digest(project)
    assert main(["merge-back", str(copy)]) == 1
    assert "no longer the one this copy came from" in capsys.readouterr().err
    assert digest(project) == before


def test_a_blind_copy_holds_no_trace_of_the_tags_left_out(project, tmp_path):
    copy = tmp_path / "blind.sqlite"
    assert main(["share", str(project), str(copy), "--for", "乙", "--tags", "others", "--by", "甲"]) == 0
    with Project.open(copy) as c:
        assert c.annotations.list() == []
    import sqlite3

    con = sqlite3.connect(copy)
    assert con.execute("SELECT COUNT(*) FROM annotation").fetchone() == (0,)  # deleted for real, not marked
    con.close()
