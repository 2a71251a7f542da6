"""Agreement on 3 × 100,000 tags as a user waits for it: α/κ, and the full agreement report.

Run:  .venv/bin/python benchmarks/agreement_bulk.py [--runs 3] [--units char,sentence,token] [--project P]

The corpus of `agreement.py` (200 documents of 10,000 characters of legal wording, three colleagues
with 100,000 tags each, most following the first one's, some shifted or recategorised) is written
straight into one project in a child process (no merge: that is `agreement.py`'s business). A fresh
process then measures, median of `--runs`:
- α/κ: reading the three annotators' tags and the documents' lengths from the project, the
  character sweep, the pattern tables, Krippendorff's α and Fleiss' κ per category and pooled;
- the full report (`project.review.agreement`, what the report dialog and `annotator agree` call):
  percent agreement, κ, α, α_u, span F1 per category, overall and per document, with characters,
  sentences and jieba words as units: words fresh (segmenting every document with jieba and storing
  the words in the project, once) and cached (the words read back from the project).
Baseline, in the same process: reading the same tag tuples with plain sqlite3 and one Python loop
over them (what any measure over the tags costs at least). Excluded: starting Python, importing the
package and, for words, loading jieba's dictionary (done before the timer). CPU times are printed too:
on a machine shared by many they vary less than the clock.

Targets from issue 18: α/κ ≤ 1 s including reading the tags, the full report ≤ 3 s.
The last line is machine-readable: `RESULT key=value ...` (ms, MB, ratios to the baseline).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

ALPHA_KAPPA_MS = 1000
REPORT_MS = 3000
NAMES = ("张三", "李四", "王五")


def build(path: Path, docs: int, chars: int, tags: int) -> None:
    import agreement as scenario  # the corpus of benchmarks/agreement.py, seeded alike

    from annotator import store
    from annotator.services import Project

    rng = random.Random(scenario.SEED)
    texts = [scenario.make_text(rng, chars) for _ in range(docs)]
    flat = scenario.flat_codebook()
    with Project.create(path) as project:
        ids = {c.uuid: c.id for c in project.codebook.list(include_archived=True)}
        with store.project.transaction():
            doc_ids = [
                store.documents.insert_document(title=f"判决书 {i + 1}", text=t).id
                for i, t in enumerate(texts)
            ]
        reference = None
        for name in NAMES:
            who = project.annotators.ensure(name)
            bundle, spans = scenario.make_bundle(rng, texts, flat, name, tags, reference)
            reference = reference or spans
            rows = [
                {
                    "uuid": a["uuid"],
                    "document_id": doc_ids[d],
                    "annotator_id": who.id,
                    "category_id": ids[a["category"]],
                    "start": s,
                    "end": e,
                    "text": a["text"],
                    "before": a["context_before"],
                    "after": a["context_after"],
                    "memo": "",
                }
                for a, (d, s, e, _c) in zip(bundle["annotations"], spans, strict=True)
            ]
            with store.project.transaction():
                store.tags.insert_annotations(rows)


def alpha_kappa(coders: list[int]):
    """What α/κ alone costs: the tags read, swept by character, the tables and coefficients."""
    from annotator import store
    from annotator.review import agreement
    from annotator.review.corpus_sweep import pattern_tables, sweep_arrays

    lengths = store.review.document_lengths()
    tags = store.review.tag_array(coders, lengths.keys())
    categories = sorted(set(tags[:, 2].tolist()))
    coded = agreement.coders_by_document(tags, coders)
    tables = pattern_tables(sweep_arrays(tags, coders, lengths, categories, None, coded), categories)
    return agreement._overall(
        tables.categories, tables.percent, len(coders), float("nan"), (float("nan"),) * 2
    )


def _cpu() -> float:
    """CPU seconds of this process: on a shared machine less noisy than the clock."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def child(db: Path, runs: int, units: list[str]) -> dict:
    from annotator.services import Project

    project = Project.open(db)
    coders = [a.id for a in project.annotators.list() if a.name in NAMES]
    out: dict[str, float] = {}
    times, cpu = [], []
    for _ in range(runs):
        c, t = _cpu(), time.perf_counter()
        overall = alpha_kappa(coders)
        times.append(time.perf_counter() - t)
        cpu.append(_cpu() - c)
    out["alpha_kappa_ms"] = statistics.median(times) * 1000
    out["alpha_kappa_cpu_ms"] = statistics.median(cpu) * 1000
    out["alpha"], out["kappa"] = overall.alpha, overall.kappa
    for unit in units:
        if unit == "token":
            from annotator.text.segment import tokenize

            tokenize("本院认为")  # jieba's dictionary loads outside the timer
        # Words: the first report segments every document and stores the words (fresh), the next
        # ones read them back (cached).
        for name, n in ((unit, runs),) if unit != "token" else (("token", 1), ("token_cached", runs)):
            times, cpu = [], []
            for _ in range(n):
                c, t = _cpu(), time.perf_counter()
                report = project.review.agreement(coders, unit=unit)
                times.append(time.perf_counter() - t)
                cpu.append(_cpu() - c)
            o = report.overall
            out[f"report_{name}_ms"] = statistics.median(times) * 1000
            out[f"report_{name}_cpu_ms"] = statistics.median(cpu) * 1000
            out[f"report_{name}_figures"] = (
                f"{o.units:,.0f} units, α {o.alpha:.3f}, α_u {o.alpha_u:.3f}, κ {o.kappa:.3f}, "
                f"F1 {o.f1_exact:.3f}/{o.f1_overlap:.3f}, {len(report.documents)} documents"
            )
    out["mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    project.close()
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        con = sqlite3.connect(db)
        marks = ",".join("?" * len(coders))
        rows = con.execute(
            'SELECT document_id, annotator_id, category_id, start, "end" FROM annotation '
            f"WHERE deleted_at IS NULL AND annotator_id IN ({marks})",
            coders,
        ).fetchall()
        covered = 0
        for _doc, _who, _cat, s, e in rows:
            covered += e - s
        con.close()
        times.append(time.perf_counter() - t)
    out["baseline_ms"] = statistics.median(times) * 1000
    out["tags"] = len(rows)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--units", default="char,sentence,token")
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--chars", type=int, default=10_000)
    ap.add_argument("--tags", type=int, default=100_000)
    ap.add_argument("--project", help="a project written by an earlier --build (default: build one now)")
    ap.add_argument("--child", metavar="DB", help=argparse.SUPPRESS)
    ap.add_argument("--build", metavar="DB", help=argparse.SUPPRESS)
    args = ap.parse_args()
    units = [u.strip() for u in args.units.split(",") if u.strip()]
    if args.build:
        build(Path(args.build), args.docs, args.chars, args.tags)
        return
    if args.child:
        print(json.dumps(child(Path(args.child), args.runs, units)))
        return
    me = [sys.executable, str(Path(__file__).resolve())]
    with tempfile.TemporaryDirectory(prefix="bench-agreement-bulk-") as tmp:
        db = Path(tmp) / "review.sqlite"
        if args.project:
            shutil.copy(args.project, db)
        else:
            t = time.perf_counter()
            subprocess.run(
                [
                    *me,
                    "--build",
                    str(db),
                    "--docs",
                    str(args.docs),
                    "--chars",
                    str(args.chars),
                    "--tags",
                    str(args.tags),
                ],
                check=True,
            )
            print(
                f"built {args.docs} documents × {args.chars:,} characters, 3 × {args.tags:,} tags in "
                f"{time.perf_counter() - t:.0f} s"
            )
        print("excluded: starting Python, importing the package, loading jieba's dictionary")
        done = subprocess.run(
            [*me, "--child", str(db), "--runs", str(args.runs), "--units", ",".join(units)],
            check=True,
            capture_output=True,
            text=True,
        )
        r = json.loads(done.stdout.strip().splitlines()[-1])
    base = max(1.0, r["baseline_ms"])
    results = {
        "alpha_kappa_ms": round(r["alpha_kappa_ms"]),
        "alpha_kappa_cpu_ms": round(r["alpha_kappa_cpu_ms"]),
        "alpha_kappa_ratio": round(r["alpha_kappa_ms"] / base, 2),
    }
    print(
        f"baseline (plain sqlite3 read of {r['tags']:,} tag tuples and one loop over them): {r['baseline_ms']:.0f} ms"
    )
    print(
        f"α/κ by character, reading included: {r['alpha_kappa_ms']:.0f} ms, CPU {r['alpha_kappa_cpu_ms']:.0f} ms "
        f"({r['alpha_kappa_ms'] / base:.1f}× "
        f"baseline; α {r['alpha']:.3f}, κ {r['kappa']:.3f}) — target ≤ {ALPHA_KAPPA_MS} ms: "
        f"{'met' if r['alpha_kappa_ms'] <= ALPHA_KAPPA_MS else 'NOT met'}"
    )
    met = r["alpha_kappa_ms"] <= ALPHA_KAPPA_MS
    for unit in [n for u in units for n in ((u,) if u != "token" else ("token", "token_cached"))]:
        ms = r[f"report_{unit}_ms"]
        ok = ms <= REPORT_MS
        met &= ok
        print(
            f"full report, {unit:8}: {ms:6.0f} ms, CPU {r[f'report_{unit}_cpu_ms']:.0f} ms ({ms / base:5.1f}× baseline; {r[f'report_{unit}_figures']}) — "
            f"target ≤ {REPORT_MS} ms: {'met' if ok else 'NOT met'}"
        )
        results[f"report_{unit}_ms"] = round(ms)
        results[f"report_{unit}_cpu_ms"] = round(r[f"report_{unit}_cpu_ms"])
        results[f"report_{unit}_ratio"] = round(ms / base, 2)
    results["baseline_ms"] = round(r["baseline_ms"])
    results["peak_mb"] = round(r["mb"])
    print(f"peak memory {r['mb']:.0f} MB; targets: {'met' if met else 'NOT met'}")
    print("RESULT " + " ".join(f"{k}={v}" for k, v in results.items()))


if __name__ == "__main__":
    main()
