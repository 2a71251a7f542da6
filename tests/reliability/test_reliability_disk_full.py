"""A full disk: import, tag, merge and export on a tiny filesystem of its own (a 600 KiB tmpfs where the
suite may mount one; otherwise the database is capped with `max_page_count`, which makes SQLite report
the same "database or disk is full", and the export's write gets an injected ENOSPC). Every action
confirmed before stays, each refusal says "no space left on the disk holding …" naming the file, and
no half-written file is left behind."""

from __future__ import annotations

import errno
import json
import os
import shutil
from pathlib import Path

import pytest
from faults import make_project, small_disk

from annotator.cli import main
from annotator.services import Project


def _fill(folder: Path) -> Path:
    """Take every free byte of the filesystem holding `folder`."""
    filler = folder / "filler.bin"
    with filler.open("wb", buffering=0) as fh:
        chunk = b"\0" * 4096
        try:
            while True:
                fh.write(chunk)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
    return filler


def _one_error_line(capsys, *words) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.count("\n") == 1 and err.startswith("annotator: error: "), err
    for w in words:
        assert w in err, err
    return err


def test_a_full_disk_loses_nothing_confirmed_and_says_so(tmp_path, capsys):
    big = tmp_path / "long.txt"
    big.write_text("本院认为，被告未经许可抓取平台数据，构成不正当竞争。\n" * 20_000, encoding="utf-8")
    bundle = tmp_path / "colleague.json"
    colleague = tmp_path / "colleague.sqlite"
    make_project(colleague, tags=3)
    with Project.open(colleague) as c:
        c.exports.export("json", bundle)
        json.loads(bundle.read_text(encoding="utf-8"))
    with small_disk(tmp_path / "disk", size_kb=3072) as disk:
        if disk is None:
            pytest.skip("no tmpfs can be mounted here; see test_a_full_database_is_explained_without_a_mount")
        path = disk / "p.sqlite"
        ids = make_project(path, tags=2)
        assert main(["tag", str(path), "1", "20", "24", "用户数据权益"]) == 0
        confirmed = {int(line.split("\t")[0]) for line in capsys.readouterr().out.splitlines()} | set(ids)
        filler = _fill(disk)
        assert main(["import", str(path), str(big)]) == 1
        _one_error_line(capsys, "no space left on the disk holding", str(path))
        for args in (["tag", str(path), "1", "27", "31", "用户数据权益"], ["merge", str(path), str(bundle)]):
            code = main(args)
            if code != 0:  # a small action may still fit in the WAL's reused pages
                _one_error_line(capsys, "no space left")
            else:
                capsys.readouterr()
        filler.unlink()
        with small_disk(tmp_path / "usb", size_kb=64) as usb:  # the export goes to a full stick
            _fill(usb)
            out = usb / "tags.xlsx"
            assert main(["export", str(path), "--format", "xlsx", "-o", str(out)]) == 1
            err = _one_error_line(capsys, "no space left on the disk holding", str(out))
            assert ".partial" not in err
            assert sorted(p.name for p in usb.iterdir()) == ["filler.bin"]
        assert main(["check", str(path)]) == 0
        with Project.open(path) as p:
            assert confirmed <= {a.id for a in p.annotations.list()}
            assert [d.title for d in p.documents.list()] == ["判决"]  # the refused import added nothing


def test_a_full_database_is_explained_without_a_mount(tmp_path, capsys, monkeypatch):
    path = tmp_path / "p.sqlite"
    ids = make_project(path)
    big = tmp_path / "long.txt"
    big.write_text("本院认为，被告未经许可抓取平台数据，构成不正当竞争。\n" * 5_000, encoding="utf-8")
    from annotator.store import sqlite

    original = sqlite.connect

    def capped(*args, **kwargs):
        db = original(*args, **kwargs)
        pages = db.execute_sql("PRAGMA page_count").fetchone()[0]
        db.execute_sql(f"PRAGMA max_page_count = {pages + 2}")  # what a full disk looks like to SQLite
        return db

    monkeypatch.setattr(sqlite, "connect", capped)
    assert main(["import", str(path), str(big)]) == 1
    _one_error_line(capsys, "no space left on the disk holding", str(path))
    from annotator.core.errors import DiskFullError

    with Project.open(path) as p:  # the GUI calls the same service and shows this message
        with pytest.raises(DiskFullError, match="no space left"):
            p.documents.import_files([big])

    # An export whose writes fail with ENOSPC (injected at the write call).
    import annotator.formats.csv_table as csv_table

    real_open = Path.open

    class Full:
        def __init__(self, fh):
            self.fh = fh

        def write(self, _data):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        def __getattr__(self, name):
            return getattr(self.fh, name)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.fh.close()

    def full_open(self, mode="r", *args, **kwargs):
        fh = real_open(self, mode, *args, **kwargs)
        return Full(fh) if "w" in mode and self.name.endswith(".partial") else fh

    monkeypatch.setattr(Path, "open", full_open)
    assert csv_table  # the csv exporter writes through Path.open
    out = tmp_path / "tags.csv"
    assert main(["export", str(path), "--format", "csv", "-o", str(out)]) == 1
    err = _one_error_line(capsys, "no space left on the disk holding", str(out))
    assert ".partial" not in err and not out.exists() and not list(tmp_path.glob("*.partial"))
    monkeypatch.undo()
    shutil.copyfile(path, tmp_path / "copy.sqlite")
    with Project.open(path) as p:
        assert {a.id for a in p.annotations.list()} == set(ids)
        assert len(p.documents.list()) == 1
