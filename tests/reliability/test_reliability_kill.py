"""A process killed at any moment leaves a sound file that holds every action it confirmed; two processes
tagging one file at once neither fail nor lose a write."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import rel_worker

from annotator.services import Project

WORKER = Path(rel_worker.__file__)


def test_sigkill_at_random_moments_loses_no_confirmed_action(tmp_path):
    path = tmp_path / "kill.sqlite"
    rel_worker.make_project(path)
    report = rel_worker.run_kills(path, kills=50, seed=7)
    assert report.kills == 50
    assert report.integrity == []
    assert report.lost == []
    # Most kills must land while work is going on, or the test proves little.
    assert report.rounds_with_work >= 25
    assert report.finished_before_kill == 0


def test_two_processes_tag_one_project_without_error_or_lost_write(tmp_path):
    path = tmp_path / "two.sqlite"
    rel_worker.make_project(path)
    n = 150
    procs = [
        subprocess.Popen(
            [sys.executable, str(WORKER), "write", str(path), str(n), name],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("甲", "乙")
    ]
    outs = [p.communicate(timeout=120) for p in procs]
    for p, (_out, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err
        assert err == ""
    printed = [int(x) for out, _ in outs for x in out.split()]
    assert len(printed) == 2 * n and len(set(printed)) == 2 * n
    with Project.open(path) as p:
        assert p.integrity_problems(quick=False) == []
        stored = {a.id: a for a in p.annotations.list()}
        assert set(printed) <= set(stored)
        names = {a.id: a.name for a in p.annotators.list()}
        assert sorted(names[stored[i].annotator_id] for i in printed).count("甲") == n
