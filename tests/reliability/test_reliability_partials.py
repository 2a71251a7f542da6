"""An export killed half-way leaves its temporary file behind; it is named after its process
(`NAME.<host>-<pid>.partial`), can never be taken for the export, and the next export into that folder or
the next start on a project there removes it, while a running process's temporary file is left alone."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from faults import make_project

from annotator.core import partials
from annotator.services import Project

ROOT = Path(__file__).resolve().parents[2]

# A process writing an export through the one shared write path, stopped half-way (it waits to be killed).
CHILD = r"""
import sys, time
from pathlib import Path
from annotator.services.outputs import write_file

def write(partial: Path) -> None:
    with partial.open("w", encoding="utf-8") as fh:
        fh.write("document,start,end\n" * 1000)
        fh.flush()
        print(partial, flush=True)
        time.sleep(120)

write_file(sys.argv[1], sys.argv[2], write)
"""


def _half_written(project: Path, target: Path) -> tuple[subprocess.Popen, Path]:
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(project), str(target)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    line = child.stdout.readline().strip()
    assert line, "the writing process did not start"
    return child, Path(line)


def test_a_killed_exports_partial_is_cleared_and_a_running_ones_kept(tmp_path):
    project = tmp_path / "p.sqlite"
    make_project(project)
    killed, stale = _half_written(project, tmp_path / "tags.csv")
    running, live = _half_written(project, tmp_path / "other.csv")
    try:
        # The name says whose it is, and is never the name the user chose.
        assert stale.name == f"tags.csv.{partials._host()}-{killed.pid}.partial"
        assert live.name.endswith(f"-{running.pid}.partial")
        killed.send_signal(signal.SIGKILL)
        killed.wait(30)
        assert stale.exists() and not (tmp_path / "tags.csv").exists()  # what a kill leaves
        # The next export into the folder, under another name, clears what the killed run left.
        with Project.open(project) as p:
            p.exports.export("json", tmp_path / "all.json")
        assert not stale.exists()
        assert live.exists()  # that process is still writing it
        assert (tmp_path / "all.json").exists()
    finally:
        for child in (killed, running):
            if child.poll() is None:
                child.kill()
            child.wait(30)
            child.stdout.close()
    assert not live.exists() or not partials.pid_alive(running.pid)


def test_the_next_start_clears_partials_left_beside_the_project(tmp_path):
    project = tmp_path / "p.sqlite"
    make_project(project)
    killed, stale = _half_written(project, tmp_path / "tags.csv")
    killed.send_signal(signal.SIGKILL)
    killed.wait(30)
    killed.stdout.close()
    # A shared copy being built when the kill came (a project: its -wal and -shm too), and a file of
    # another computer on a shared drive, which is not ours to judge.
    copy = tmp_path / f"for-colleague.sqlite.{partials._host()}-{killed.pid}.partial"
    for side in ("", "-wal", "-shm"):
        Path(f"{copy}{side}").write_bytes(b"half")
    foreign = tmp_path / f"tags.csv.otherpc-{killed.pid}.partial"
    foreign.write_bytes(b"someone else's")
    user_file = tmp_path / "notes.partial.txt"  # the user's own file that merely looks similar
    user_file.write_bytes(b"mine")
    Project.open(project).close()
    assert not stale.exists()
    assert not any(Path(f"{copy}{side}").exists() for side in ("", "-wal", "-shm"))
    assert foreign.exists() and user_file.read_bytes() == b"mine"


def test_pid_alive():
    assert partials.pid_alive(os.getpid())
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait(30)
    assert not partials.pid_alive(child.pid)
