"""Restore holds the project file exclusively, through SQLite's own lock (every platform has it), from
the check that no other program has it open until the backup's contents are in place: a second real
process cannot slip in between, and the check does not depend on Linux's lock query."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from faults import make_project, snapshot

from annotator.cli import main
from annotator.services import Project
from annotator.services import backup as backups
from annotator.store import project_files

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}

HOLD = (
    "import sys; from annotator.services import Project; "
    "p = Project.open(sys.argv[1]); p.documents.list(); print('open', flush=True); sys.stdin.read()"
)
# Open the project as a window would and say what it reads, or that it could not get in.
PEEK = (
    "import sys, sqlite3\n"
    "c = sqlite3.connect(sys.argv[1], timeout=0.3)\n"
    "try:\n"
    "    print(c.execute('SELECT count(*) FROM annotation').fetchone()[0])\n"
    "except sqlite3.OperationalError as e:\n"
    "    print('blocked:', e)\n"
)


def _tags(path: Path) -> int:
    with Project.open(path) as p:
        return len(p.annotations.list())


def test_restore_refuses_a_second_process_without_linux_lock_query(tmp_path, capsys, monkeypatch):
    path = tmp_path / "p.sqlite"
    make_project(path)
    assert main(["backups", str(path), "--make"]) == 0
    # As on Windows or macOS: the system cannot be asked who holds the file.
    monkeypatch.setattr(project_files, "held_by_another_process", lambda _path: None)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=ENV,
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        capsys.readouterr()
        before = snapshot(path)
        assert main(["backups", str(path), "--restore", "latest"]) == 1
        err = capsys.readouterr().err
        assert "another program" in err and "close it first" in err and err.count("\n") == 1
        assert snapshot(path) == before
        assert not list(tmp_path.glob("p.replaced-*"))
    finally:
        holder.communicate("")
    assert main(["backups", str(path), "--restore", "latest"]) == 0


def test_no_process_gets_in_between_the_check_and_the_replacement(tmp_path, monkeypatch):
    path = tmp_path / "p.sqlite"
    make_project(path, tags=2)
    with Project.open(path) as p:
        backup = backups.make_backup(p)
        doc = p.documents.list()[0].id
        for s in range(0, 30, 6):  # confirmed after the backup: the replaced file keeps them
            p.annotations.add(doc, s, s + 2, p.codebook.list()[0].id, p.annotators.ensure("甲").id)
    assert _tags(path) == 7
    seen: list[str] = []
    real = project_files.replace_contents

    def replace_while_a_window_opens(held, source):
        # Between the check and the replacement, another process opens the project.
        seen.append(
            subprocess.run(
                [sys.executable, "-c", PEEK, str(path)], capture_output=True, text=True, timeout=60, env=ENV
            ).stdout.strip()
        )
        done = real(held, source)
        seen.append(
            subprocess.run(
                [sys.executable, "-c", PEEK, str(path)], capture_output=True, text=True, timeout=60, env=ENV
            ).stdout.strip()
        )
        return done

    monkeypatch.setattr(project_files, "replace_contents", replace_while_a_window_opens)
    aside = backups.restore(path, backup)
    assert seen[0].startswith("blocked:") and seen[1].startswith("blocked:"), seen  # held throughout
    # Afterwards every process reads the backup's contents, and the replaced file keeps the rest.
    after = subprocess.run(
        [sys.executable, "-c", PEEK, str(path)], capture_output=True, text=True, timeout=60, env=ENV
    ).stdout.strip()
    assert after == "2" and _tags(path) == 2
    assert _tags(aside) == 7
    with Project.open(path) as p:
        assert p.integrity_problems(quick=False) == []


def test_restore_over_a_damaged_file_still_works(tmp_path):
    path = tmp_path / "p.sqlite"
    make_project(path)
    with Project.open(path) as p:
        backup = backups.make_backup(p)
    path.write_bytes(b"\x00garbage, not a database any more" * 200)
    aside = backups.restore(path, backup)
    assert _tags(path) == 2
    assert aside.read_bytes().startswith(b"\x00garbage")
