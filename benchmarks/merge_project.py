"""Merging a colleague's work at scale: 100,000 tags over 200 documents of 20,000 characters.

Run:  .venv/bin/python benchmarks/merge_project.py

The colleague's work is the seeded project of benchmarks/seeded_corpus.py, handed over as its project
file and as a json bundle (with texts). Each is merged through the service (`MergeService.preview`
then `apply`, with progress) twice:
- `new`: into a fresh project, so that the 200 documents are created too (4,000,000 characters for the
  full-text index);
- `known`: into a project that already holds the documents (the usual case: the colleague worked on a
  copy), so that only the tags are new: reading, the intake matcher and the bulk writer.
Merging the same file again (every tag identical, nothing written) is timed too.
Floors measured in the same run (seeded_corpus.py): the same 100,000 tag rows with one plain
`executemany` (`rows_floor_ms`), and the same documents inserted with their full-text indexing
(`documents_floor_ms`). Target from issue #18: merge ≤ 3 s.

Excludes: writing the bundle, opening the project. Each merge's CPU time (this process) is printed
beside its wall time, and the load average at the end: on a shared machine the wall time follows the load.
The last line is machine-readable: `RESULT key=value ...` (times in ms).
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from seeded_corpus import build, copy_documents, floors, timed

from annotator.formats import registry
from annotator.formats.base import ExportOptions
from annotator.services import Project


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tags", type=int, default=100_000)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-merge-"))
    source = build(tmp / "colleague.sqlite", tags_n=args.tags)
    bundle = tmp / "colleague.json"
    registry.get("json").export(
        source.exports.collect(ExportOptions(include_text=True)), bundle, ExportOptions(include_text=True)
    )
    source_path = Path(source.path)
    source.close()  # one project open at a time: each merge below opens its own
    print("excludes: writing the bundle and opening the project; floors are plain sqlite3 in the same run")
    results: dict[str, float] = {}
    results.update(floors(source_path, tmp, args.tags))
    inputs = {"project": source_path, "bundle": bundle}
    for name, path in inputs.items():
        for case in ("new", "known"):
            target = Project.create(tmp / f"merge-{name}-{case}.sqlite")
            if case == "known":
                copy_documents(source_path, target)
            ticks: list[int] = []

            def merge(t=target, p=path, ticks=ticks):
                plan = t.merge.preview(p)
                return plan, t.merge.apply(plan, progress=lambda i, n: ticks.append(i) or True)

            cpu = time.process_time()
            ms, (plan, changes) = timed(merge)
            cpu_ms = (time.process_time() - cpu) * 1000  # this process's own work: less swayed by load
            floor = results["rows_floor_ms"] + (results["documents_floor_ms"] if case == "new" else 0)
            results[f"merge_{name}_{case}_ms"] = round(ms)
            results[f"merge_{name}_{case}_ratio"] = round(ms / max(1, floor), 1)
            results[f"merge_{name}_{case}_cpu_ms"] = round(cpu_ms)
            print(
                f"merge {name:7} {case:5} {ms:7.0f} ms ({ms / max(1, floor):4.1f}× floor {floor} ms; "
                f"{cpu_ms:.0f} ms of CPU), "
                f"{len(changes.annotations_added):,} tags, {len(changes.documents_added)} new documents, "
                f"{len(ticks)} progress reports"
            )
            if case == "known":
                again, plan2 = timed(lambda t=target, p=path: t.merge.preview(p))
                results[f"remerge_{name}_preview_ms"] = round(again)
                print(
                    f"merge {name:7} again: preview {again:.0f} ms, {plan2.tags_known:,} tags already here, "
                    f"{plan2.tags_new_total} new"
                )
            target.close()
    results["load_1min"] = round(os.getloadavg()[0], 1)  # on a shared machine, say how busy it was
    print("RESULT " + " ".join(f"{k}={v}" for k, v in results.items()))


if __name__ == "__main__":
    main()
