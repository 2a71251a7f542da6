"""Reliability figures: SIGKILL a tagging process 200 times at random moments, let two processes tag
one file at once, kill exports mid-write, restore while another process holds the project, and feed every reader and every CLI command the hostile corpus, counting by class how
many cases were tried, refused cleanly (a message naming the file, project unchanged), accepted safely,
crashed (any other exception, or a traceback / several lines from the CLI) or changed the project.

    .venv/bin/python benchmarks/reliability.py [--kills 200] [--seed 2024] [--writes 500] [--hostile-only]

Baseline: the time of one confirmed tagging action in a single undisturbed process, measured here.
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "reliability"))

import rel_worker  # noqa: E402

from annotator.services import Project  # noqa: E402


def baseline_action_ms(folder: Path, n: int = 200) -> float:
    path = folder / "baseline.sqlite"
    rel_worker.make_project(path)
    with Project.open(path) as p:
        doc = p.documents.list()[0]
        cat = p.codebook.list()[0].id
        who = p.annotators.ensure("base").id
        t0 = time.perf_counter()
        for i in range(n):
            p.annotations.add(doc.id, i % 500, i % 500 + 5, cat, who)
        return (time.perf_counter() - t0) * 1000 / n


def two_writers(folder: Path, n: int) -> tuple[int, int, int, float]:
    path = folder / "two.sqlite"
    rel_worker.make_project(path)
    t0 = time.perf_counter()
    procs = [
        subprocess.Popen(
            [sys.executable, str(Path(rel_worker.__file__)), "write", str(path), str(n), name],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("A", "B")
    ]
    outs = [p.communicate() for p in procs]
    elapsed = time.perf_counter() - t0
    errors = sum(1 for p, (_o, err) in zip(procs, outs, strict=True) if p.returncode != 0 or err.strip())
    printed = {int(x) for out, _ in outs for x in out.split()}
    with Project.open(path) as p:
        stored = {a.id for a in p.annotations.list()}
        bad = p.integrity_problems(quick=False)
    lost = len(printed - stored) + len(bad)
    return len(printed), errors, lost, elapsed


def open_check_cost(folder: Path, docs: int = 40, chars: int = 250_000) -> tuple[float, float, float]:
    """Time of the quick integrity check every open runs, on a project of `docs` long judgments, against
    reading the same file once from the page cache."""
    path = folder / "big.sqlite"
    unit = "本院认为被告未经许可抓取平台数据构成不正当竞争原告王𠮷主张赔偿。\n"
    with Project.create(path) as p:
        for i in range(docs):
            p.documents.add_text(f"判决{i}", f"第{i}号\n" + unit * (chars // len(unit)))
    size_mb = path.stat().st_size / 2**20
    t0 = time.perf_counter()
    path.read_bytes()
    read_ms = (time.perf_counter() - t0) * 1000
    with Project.open(path) as p:
        t0 = time.perf_counter()
        assert p.integrity_problems(quick=True) == []
        check_ms = (time.perf_counter() - t0) * 1000
    return size_mb, check_ms, read_ms


EXPORTER = r"""
import sys
from annotator.services import Project
with Project.open(sys.argv[1]) as p:
    print("start", flush=True)
    p.exports.export("json", sys.argv[2])
print("done", flush=True)
"""


def export_kills(folder: Path, kills: int, seed: int) -> dict[str, float]:
    """SIGKILL an exporting process `kills` times mid-export. Counts the exports left half-written under
    the user's name (must be 0), the temporary files the kills left, and those still there after the
    next export into the folder (must be 0: core/partials.py clears what dead processes left)."""
    import json
    import random

    path = folder / "export.sqlite"
    rel_worker.make_project(path)
    text = rel_worker.TEXT * 20
    bundle = folder / "many.jsonl"
    labels = [[i * 7 % (len(text) - 10), i * 7 % (len(text) - 10) + 6, "用户数据权益"] for i in range(4000)]
    bundle.write_text(
        json.dumps({"text": text, "label": labels}, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    with Project.open(path) as p:
        p.imports.import_file(bundle, annotator="导出测试")
        t0 = time.perf_counter()
        p.exports.export("json", folder / "timing.json")
        export_s = time.perf_counter() - t0
    out = folder / "exports"
    out.mkdir()
    rng = random.Random(seed)
    half = left = 0
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for i in range(kills):
        target = out / f"tags-{i % 4}.json"
        child = subprocess.Popen(
            [sys.executable, "-c", EXPORTER, str(path), str(target)],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        child.stdout.readline()  # "start": the export begins now
        time.sleep(rng.uniform(0, export_s * 1.2))
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()
        left += any(f"-{child.pid}.partial" in f.name for f in out.iterdir())  # killed while writing
        if target.exists():
            try:
                json.loads(target.read_text(encoding="utf-8"))
            except ValueError:
                half += 1
    with Project.open(path) as p:
        p.exports.export("json", out / "after.json")
    stale = [f for f in out.iterdir() if ".partial" in f.name]  # every killed process is gone by now
    return {"kills": kills, "half": half, "left": left, "stale": len(stale), "export_ms": export_s * 1000}


def restore_while_open(folder: Path) -> tuple[int, int]:
    """Restore attempted while another process holds the project (idle, reading, mid-write): refused
    each time, project unchanged. Returns (attempts, refused with the project unchanged)."""
    from annotator.core.errors import ProjectError
    from annotator.services import backup as backups

    path = folder / "restore.sqlite"
    rel_worker.make_project(path)
    with Project.open(path) as p:
        backup = backups.make_backup(p)
    holders = {
        "idle": "p = Project.open(sys.argv[1]); p.documents.list()",
        "reading": "p = Project.open(sys.argv[1]); [p.annotations.list() for _ in range(3)]",
        "writing": "p = Project.open(sys.argv[1]); d = p.documents.list()[0].id; c = p.codebook.list()[0].id; "
        "w = p.annotators.ensure('w').id; p.annotations.add(d, 1, 3, c, w)",
    }
    attempts = refused = 0
    for code in holders.values():
        holder = subprocess.Popen(
            [
                sys.executable,
                "-c",
                "import sys; from annotator.services import Project; "
                + code
                + "; print('open', flush=True); sys.stdin.read()",
                str(path),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        holder.stdout.readline()
        before = path.read_bytes()
        attempts += 1
        try:
            backups.restore(path, backup)
        except ProjectError:
            refused += path.read_bytes() == before and not list(folder.glob("restore.replaced-*"))
        holder.communicate("")
    return attempts, refused


def hostile_figures(folder: Path) -> dict[str, dict[str, int]]:
    """Per class: tried, refused (cleanly), handled (accepted, nothing leaked), crashed, changed."""
    import contextlib
    import io

    import faults
    import hostile
    import test_reliability_cli_contract as contract
    import test_reliability_hostile as readers

    from annotator.cli import main as cli_main
    from annotator.core.errors import AnnotatorError
    from annotator.formats import registry

    out: dict[str, dict[str, int]] = {}

    def count(cls: str, outcome: str) -> None:
        row = out.setdefault(cls, {"tried": 0, "refused": 0, "handled": 0, "crashed": 0, "changed": 0})
        row["tried"] += 1
        row[outcome] += 1

    with readers._project(folder / "seed.sqlite") as seed:
        seeds = {}
        for fmt, ext in (
            ("qdpx", ".qdpx"),
            ("jsonl", ".jsonl"),
            ("brat", ".zip"),
            ("qdc", ".qdc"),
            ("json", ".json"),
            ("labelstudio", ".ls.json"),
        ):
            if fmt in registry.FORMATS:
                seeds[fmt] = folder / f"seed{ext}"
                seed.exports.export(fmt, seeds[fmt])
    corpus = hostile.build(folder / "cases", seeds)
    with readers._project(folder / "target.sqlite") as project:
        for case in corpus:
            before = readers.dump(project)
            try:
                readers._feed(project, case)
                outcome = "handled" if case.expect != "error" else "changed"
                if hostile.SECRET in repr(readers.dump(project)):
                    outcome = "changed"
            except AnnotatorError:
                outcome = "refused" if readers.dump(project) == before else "changed"
            except Exception:  # noqa: BLE001 (that is what is counted)
                outcome = "crashed"
            count(f"read-{case.surface}", outcome)

    files = faults.hostile_files(folder / "cli")
    project_path = folder / "cli-project.sqlite"
    faults.make_project(project_path)
    good = folder / "input.txt"
    good.write_text("本院认为，被告构成不正当竞争。\n", encoding="utf-8")

    def run(argv: list[str]) -> tuple[object, str]:
        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            try:
                code = cli_main(argv)
            except SystemExit as exc:
                code = exc.code
            except Exception:  # noqa: BLE001
                code = "crash"
        return code, err.getvalue()

    for kind, bad in files.items():
        for command, parser in contract._commands():
            if command == ("init",) and kind == "missing":
                continue
            before = faults.snapshot(project_path)
            code, err = run(contract._argv(command, parser, str(bad), str(good), str(folder / "o.csv")))
            clean = code not in (0, None, "crash") and err.count("\n") == 1 and "Traceback" not in err
            count("cli-project-argument", "refused" if clean else "crashed")
            has_file = any(a.dest in contract.FILE_ARGS for a in parser._actions)
            if (
                has_file
                and kind != "gbk-name"
                and command != ("push",)
                and not (command == ("share",) and kind == "missing")
            ):
                code, err = run(
                    contract._argv(command, parser, str(project_path), str(bad), str(folder / "o.csv"))
                )
                clean = code not in (0, None, "crash") and err.count("\n") == 1 and "Traceback" not in err
                changed = faults.snapshot(project_path) != before
                count("cli-file-argument", "changed" if changed else "refused" if clean else "crashed")
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--kills", type=int, default=200)
    ap.add_argument("--seed", type=int, default=2024)
    ap.add_argument("--writes", type=int, default=500, help="tags per writer process")
    ap.add_argument("--hostile-only", action="store_true", help="only the hostile-input figures")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="reliability-") as tmp:
        folder = Path(tmp)
        t0 = time.perf_counter()
        figures = hostile_figures(folder / "hostile")
        hostile_s = time.perf_counter() - t0
        total = {
            k: sum(row[k] for row in figures.values())
            for k in ("tried", "refused", "handled", "crashed", "changed")
        }
        print(f"hostile inputs ({hostile_s:.1f} s):")
        for cls, row in sorted(figures.items()):
            print(
                f"  {cls:22} tried {row['tried']:4}  refused cleanly {row['refused']:4}  handled safely "
                f"{row['handled']:3}  crashed {row['crashed']:3}  changed the project {row['changed']:3}"
            )
        hostile_result = (
            f"hostile_tried={total['tried']} hostile_refused={total['refused']} "
            f"hostile_handled={total['handled']} hostile_crashed={total['crashed']} "
            f"hostile_changed={total['changed']}"
        )
        if args.hostile_only:
            print(f"RESULT {hostile_result}")
            return
        base = baseline_action_ms(folder)
        print(f"baseline: one confirmed tagging action {base:.2f} ms (single process, synchronous=FULL)")

        path = folder / "kill.sqlite"
        rel_worker.make_project(path)
        t0 = time.perf_counter()
        r = rel_worker.run_kills(path, kills=args.kills, seed=args.seed, max_delay=0.08)
        total = time.perf_counter() - t0
        check = statistics.median(r.check_ms)
        print(
            f"kills: {r.kills} (finished before the kill: {r.finished_before_kill}, "
            f"rounds with confirmed work: {r.rounds_with_work}), "
            f"confirmed actions: {r.confirmed} ({r.confirmed_adds} tags), lost: {len(r.lost)}, "
            f"integrity problems: {len(r.integrity)}"
        )
        for item in r.lost[:10] + r.integrity[:10]:
            print("  ", item)
        print(
            f"kill rounds: {total:.1f} s in all; reopen+check median {check:.1f} ms "
            f"({check / base:.1f}x one action)"
        )

        written, errors, lost_w, elapsed = two_writers(folder, args.writes)
        per = elapsed * 1000 / max(1, written)
        print(
            f"two writers: {written} tags confirmed, {errors} process errors, {lost_w} lost, "
            f"{elapsed:.1f} s ({per:.2f} ms per tag, {per / base:.1f}x the single-process baseline)"
        )
        ek = export_kills(folder, max(10, args.kills // 10), args.seed)
        print(
            f"export kills: {ek['kills']} exports killed mid-write (one takes {ek['export_ms']:.0f} ms): "
            f"{ek['half']} half-written files under the chosen name, {ek['left']} temporary files left by the "
            f"kills, {ek['stale']} still there after the next export into the folder"
        )
        restores, refused = restore_while_open(folder)
        print(
            f"restore while another process holds the project (idle, reading, writing): "
            f"{refused} of {restores} refused with the project unchanged"
        )
        size_mb, check_ms, read_ms = open_check_cost(folder)
        print(
            f"quick integrity check on open: {check_ms:.0f} ms for a {size_mb:.0f} MB project "
            f"({check_ms / max(read_ms, 0.01):.1f}x reading the file once, {read_ms:.0f} ms)"
        )
    print(
        f"RESULT {hostile_result} kills={r.kills} survived={r.kills - r.failed_rounds} "
        f"confirmed_actions={r.confirmed} lost_actions={len(r.lost)} integrity_problems={len(r.integrity)} "
        f"concurrent_writes={written} concurrent_errors={errors} concurrent_lost={lost_w} "
        f"export_kills={ek['kills']} half_exports={ek['half']} stale_partials={ek['stale']} "
        f"restore_refused={refused}/{restores} "
        f"baseline_action_ms={base:.2f} reopen_check_ms={check:.1f} reopen_ratio={check / base:.1f} "
        f"open_check_ms={check_ms:.0f} open_check_mb={size_mb:.0f} open_check_vs_read={check_ms / max(read_ms, 0.01):.1f}"
    )


if __name__ == "__main__":
    main()
