"""Reading a project file that is not the open project — a colleague's copy being merged, compared or
pushed — leaves its folder byte for byte as it was: no -wal or -shm created and left behind, no byte of
the file changed."""

from __future__ import annotations

import os
from pathlib import Path
from unittest import mock

import pytest

from annotator.cli import main
from annotator.services import Project
from annotator.store import sqlite, transfer

TEXT = "本院认为，被告王𠮷未经许可抓取平台数据，构成不正当竞争。"


def folder_state(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture
def colleague(tmp_path) -> Path:
    """A colleague's project, closed, in a folder of its own (as sent by mail or on a shared drive)."""
    folder = tmp_path / "colleague"
    folder.mkdir()
    path = folder / "同事的项目.sqlite"
    with Project.create(path) as p:
        doc = p.documents.add_text("判决", TEXT).documents_added[0]
        p.annotations.add(doc.id, 5, 9, p.codebook.list()[0].id, p.annotators.ensure("同事").id)
    assert sorted(os.listdir(folder)) == [path.name]  # closed: no -wal/-shm
    return path


@pytest.mark.parametrize("read_only", [False, True], ids=["writable", "read-only"])
def test_dumping_a_colleagues_copy_leaves_its_folder_unchanged(colleague, read_only):
    before = folder_state(colleague.parent)
    # As root every file is writable; the read-only branch is what a user without write access gets.
    with mock.patch.object(sqlite, "is_read_only", return_value=read_only):
        rows = transfer.dump(colleague)
    assert rows["annotation"] and rows["document"]
    assert folder_state(colleague.parent) == before


def test_merging_a_colleagues_copy_leaves_its_folder_unchanged(colleague, tmp_path, capsys):
    mine = tmp_path / "mine.sqlite"
    with Project.create(mine) as p:
        p.documents.add_text("判决", TEXT)
    before = folder_state(colleague.parent)
    assert main(["merge", str(mine), str(colleague)]) == 0, capsys.readouterr().err
    assert folder_state(colleague.parent) == before
    with Project.open(mine) as p:
        assert any(a.start == 5 and a.end == 9 for a in p.annotations.list())


def test_a_copy_with_unfolded_changes_is_read_whole(colleague, tmp_path):
    """A copy sent with its -wal (changes not yet folded in): the reader sees them, and the read-only
    branch reads through the -wal rather than the file alone."""
    import shutil
    import sqlite3

    writer = sqlite3.connect(colleague)
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute("UPDATE document SET title = '改过的标题'")
    writer.commit()
    copy = tmp_path / "sent"
    copy.mkdir()
    for suffix in ("", "-wal"):
        shutil.copyfile(f"{colleague}{suffix}", copy / f"{colleague.name}{suffix}")
    writer.close()
    with mock.patch.object(sqlite, "is_read_only", return_value=True):
        rows = transfer.dump(copy / colleague.name)
    titles = [r for r in rows["document"] if "改过的标题" in r]
    assert titles, "the change in the -wal was not read"
