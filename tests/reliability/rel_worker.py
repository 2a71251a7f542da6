"""Processes that write to a project while another process watches, kills and checks them.

Run as a script:

    rel_worker.py zygote PROJECT   imports the services once, then for each stdin line "run SEED OUT"
                                   forks a child that tags until it is killed, writing one line to OUT
                                   after each commit returns; answers "pid N", then "exit STATUS".
    rel_worker.py write PROJECT N NAME
                                   tags N passages as annotator NAME and prints each new id.

Forking from a warm process keeps a kill round at a few milliseconds instead of an interpreter start.
`run_kills` is the parent side, shared by the test suite and benchmarks/reliability.py.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TEXT = "原告王𠮷诉称，被告未经许可抓取平台数据，构成不正当竞争。本院认为，数据权益应当依法保护。\n" * 40


def make_project(path: Path) -> None:
    from annotator.services import Project

    with Project.create(path) as p:
        p.documents.add_text("判决", TEXT)
        p.annotators.ensure("kill-test")


# Child side ---------------------------------------------------------------------------------------


def tag_until_killed(project_path: str, seed: int, out_path: str, limit: int = 100_000) -> None:
    """Tag, re-memo and remove at random; a line goes to `out_path` only after the commit returned."""
    from annotator.services import Project

    rng = random.Random(seed)
    out = os.open(out_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    project = Project.open(project_path)
    doc = project.documents.list()[0]
    cats = [c.id for c in project.codebook.list() if not c.archived]
    who = project.annotators.ensure("kill-test").id
    live: list[int] = []
    for seq in range(limit):
        roll = rng.random()
        if roll < 0.6 or not live:
            start = rng.randrange(0, doc.length - 10)
            ch = project.annotations.add(doc.id, start, start + rng.randint(1, 10), rng.choice(cats), who)
            ident = ch.annotations_added[0].id
            live.append(ident)
            line = f"add {ident}\n"
        elif roll < 0.8:
            ident = rng.choice(live)
            project.annotations.set_memo(ident, f"m{seq}")
            line = f"memo {ident} {seq}\n"
        else:
            ident = live.pop(rng.randrange(len(live)))
            project.annotations.remove(ident)
            line = f"del {ident}\n"
        os.write(out, line.encode())
        if seq == 0:
            os.write(1, b"ready\n")  # the parent times most kills from here, so they land amid the work


def zygote(project_path: str) -> None:
    from annotator.services import Project

    # Open once so every module a project pulls in is imported here, not in each child (services are
    # made on first use: touch the ones the children use).
    with Project.open(project_path) as p:
        _used = (p.annotations, p.documents, p.codebook, p.annotators)

    for line in sys.stdin:
        cmd, seed, out = line.split()
        pid = os.fork()
        if pid == 0:
            try:
                sys.stdin.close()
                tag_until_killed(project_path, int(seed), out)
            finally:
                os._exit(0)
        # One write() per line: the child writes to the same pipe, and a single small write is atomic.
        os.write(1, f"pid {pid}\n".encode())
        _, status = os.waitpid(pid, 0)
        os.write(1, f"exit {status}\n".encode())


def write(project_path: str, n: int, name: str) -> None:
    from annotator.services import Project

    with Project.open(project_path) as p:
        doc = p.documents.list()[0]
        cats = [c.id for c in p.codebook.list() if not c.archived]
        who = p.annotators.ensure(name).id
        rng = random.Random(name)
        for _ in range(n):
            start = rng.randrange(0, doc.length - 10)
            ch = p.annotations.add(doc.id, start, start + 5, rng.choice(cats), who)
            print(ch.annotations_added[0].id, flush=True)


# Parent side --------------------------------------------------------------------------------------


@dataclass
class KillReport:
    kills: int = 0
    confirmed: int = 0  # actions printed by a child before it died
    lost: list[str] = field(default_factory=list)  # confirmed actions missing after reopening
    integrity: list[str] = field(default_factory=list)  # integrity_check problems
    finished_before_kill: int = 0
    confirmed_adds: int = 0
    check_ms: list[float] = field(default_factory=list)
    rounds_with_work: int = 0  # rounds in which the child confirmed at least one action
    failed_rounds: int = 0  # rounds after which something confirmed was missing or the file was unsound


def run_kills(project_path: Path, kills: int, seed: int, max_delay: float = 0.06) -> KillReport:
    """Start one warm process, fork a tagging child per round, SIGKILL it after a seeded random delay,
    then reopen the project and check it holds every action the child confirmed."""
    from annotator.services import Project

    rng = random.Random(seed)
    report = KillReport()
    adds: set[int] = set()
    dels: set[int] = set()
    memos: dict[int, int] = {}
    zyg = subprocess.Popen(
        [sys.executable, __file__, "zygote", str(project_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        bufsize=1,
    )
    try:
        for round_ in range(kills):
            out = project_path.with_name(f"round-{round_}.log")
            zyg.stdin.write(f"run {rng.randrange(1 << 30)} {out}\n")
            zyg.stdin.flush()
            early = rng.random() < 0.2  # some kills while the child is still opening the project
            delay = rng.uniform(0.0, 0.005 if early else max_delay)
            seen: dict[str, int] = {}
            while "pid" not in seen or not (early or "ready" in seen or "exit" in seen):
                word, *rest = zyg.stdout.readline().split()
                seen[word] = int(rest[0]) if rest else 0
            time.sleep(delay)
            try:
                os.kill(seen["pid"], signal.SIGKILL)
            except ProcessLookupError:
                pass
            while "exit" not in seen:
                word, *rest = zyg.stdout.readline().split()
                seen[word] = int(rest[0]) if rest else 0
            status = seen["exit"]
            if not (os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL):
                report.finished_before_kill += 1
            report.kills += 1
            lines = out.read_text().splitlines(keepends=True) if out.exists() else []
            report.rounds_with_work += any(line.endswith("\n") for line in lines)
            for line in lines:
                if not line.endswith("\n"):
                    continue  # torn write of the very last line: never confirmed
                kind, *rest = line.split()
                report.confirmed += 1
                if kind == "add":
                    adds.add(int(rest[0]))
                elif kind == "del":
                    dels.add(int(rest[0]))
                else:
                    memos[int(rest[0])] = int(rest[1])
            t0 = time.perf_counter()
            problems_before = len(report.lost) + len(report.integrity)
            with Project.open(project_path) as p:
                report.integrity += p.integrity_problems(quick=False)
                rows = {
                    r[0]: (r[1], r[2])
                    for r in p._db.execute_sql("SELECT id, memo, deleted_at FROM annotation").fetchall()
                }
                report.lost += [f"add {i}" for i in adds if i not in rows]
                report.lost += [f"del {i}" for i in dels if i in rows and rows[i][1] is None]
                for ident, seq in memos.items():
                    memo = rows.get(ident, ("", None))[0]
                    # A later memo may have committed just before the kill, unconfirmed: that is fine.
                    if not memo.startswith("m") or int(memo[1:]) < seq:
                        report.lost.append(f"memo {ident} {seq}")
            report.check_ms.append((time.perf_counter() - t0) * 1000)
            report.failed_rounds += len(report.lost) + len(report.integrity) > problems_before
            out.unlink(missing_ok=True)
    finally:
        zyg.stdin.close()
        zyg.wait(timeout=10)
    report.confirmed_adds = len(adds)
    return report


if __name__ == "__main__":
    if sys.argv[1] == "zygote":
        zygote(sys.argv[2])
    elif sys.argv[1] == "write":
        write(sys.argv[2], int(sys.argv[3]), sys.argv[4])
    else:
        raise SystemExit(f"unknown mode {sys.argv[1]!r}")
