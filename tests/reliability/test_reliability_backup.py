"""Rotating backups, restoring one, and a damaged project file caught on open."""

from __future__ import annotations

import shutil

import pytest

from annotator.core.errors import DamagedProjectError, InputError
from annotator.services import Project
from annotator.services import backup as backups

TEXT = "本院认为，被告擅自抓取用户数据，构成不正当竞争。原告王𠮷的诉请应予支持。" * 30


def _project_with_tags(path, n=5) -> list[int]:
    with Project.create(path) as p:
        doc = p.documents.add_text("判决", TEXT).documents_added[0]
        who = p.annotators.ensure("甲").id
        cat = p.codebook.list()[0].id
        return [
            p.annotations.add(doc.id, i * 10, i * 10 + 4, cat, who).annotations_added[0].id for i in range(n)
        ]


def _corrupt(path) -> None:
    """Overwrite everything after the first page (the tables and their index) with garbage."""
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for i in range(page, len(data)):
        data[i] = (i * 7 + 13) % 251
    path.write_bytes(bytes(data))


def test_backups_rotate_and_keep_the_newest(tmp_path):
    path = tmp_path / "p.sqlite"
    _project_with_tags(path)
    with Project.open(path) as p:
        made = []
        for i in range(4):
            target = backups.make_backup(p, keep=3)
            # A distinct second-stamped name for each, as hourly backups would have.
            renamed = target.with_name(f"p-2026010{i + 1}-000000.sqlite")
            target.rename(renamed)
            made.append(renamed)
        backups.make_backup(p, keep=3)
    listed = backups.list_backups(path)
    assert len(listed) == 3
    assert listed[0].created > listed[1].created > listed[2].created
    assert listed[0].path.parent == tmp_path / "p-backups"
    assert not made[0].exists() and not made[1].exists()


def test_a_backup_is_a_complete_project(tmp_path):
    path = tmp_path / "p.sqlite"
    ids = _project_with_tags(path)
    with Project.open(path) as p:
        target = backups.make_backup(p)
    with Project.open(target) as copy:
        assert [a.id for a in copy.annotations.list()] == ids


def test_damaged_file_is_explained_and_a_backup_restores_it(tmp_path):
    path = tmp_path / "p.sqlite"
    ids = _project_with_tags(path)
    with Project.open(path) as p:
        good = backups.make_backup(p)
        cat = p.codebook.list()[0].id
        p.annotations.add(1, 200, 205, cat, 1)  # made after the backup: lost with the damage
    _corrupt(path)
    with pytest.raises(DamagedProjectError) as err:
        Project.open(path)
    assert str(path) in str(err.value) and "damaged" in str(err.value) and "backup" in str(err.value)
    assert err.value.problems

    aside = backups.restore(path, good)
    assert aside.exists() and aside != path  # the damaged file is set aside, never deleted
    with Project.open(path) as p:
        assert [a.id for a in p.annotations.list()] == ids
        assert p.integrity_problems(quick=False) == []


def test_a_damaged_backup_never_replaces_the_project(tmp_path):
    path = tmp_path / "p.sqlite"
    ids = _project_with_tags(path)
    bad = tmp_path / "bad.sqlite"
    shutil.copyfile(path, bad)
    _corrupt(bad)
    with pytest.raises(InputError, match="damaged"):
        backups.restore(path, bad)
    with Project.open(path) as p:
        assert [a.id for a in p.annotations.list()] == ids
