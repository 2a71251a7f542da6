"""Importing annotation files at scale: 100,000 tags over 200 documents of 20,000 characters.

Run:  .venv/bin/python benchmarks/import_files.py [--formats jsonl,qdpx,brat,labelstudio,webanno]

The seeded project of benchmarks/seeded_corpus.py is exported in each format, and each file is
imported through the service (`ImportService.import_file`: reading, checking, matching, writing, with
progress) twice:
- `new`: into a fresh project, so that the 200 documents are created too (4,000,000 characters for the
  full-text index);
- `known`: into a project that already holds the documents (by uuid or text), so that only the tags
  are new: reading, the intake matcher and the bulk writer.
Floors measured in the same run (seeded_corpus.py): the same 100,000 tag rows with one plain
`executemany` (`rows_floor_ms`), and the same documents inserted with their full-text indexing
(`documents_floor_ms`). The ratios say how far above that sum each import is.

An import lists its new documents for the full-text index instead of indexing them in its
transaction (store/migrations/m009_search_pending.py); search finds them meanwhile by reading their
text. So a `new` import can beat the documents floor, and the indexing done after it, in batches of
its own transactions as the window does it, is timed separately (`…_index_ms`): the import figure is
when the user has the result (tags, documents, search), the index figure how long the background
work runs after it. Target from issue #18: every import ≤ 5 s.

Excludes: exporting the files (timed by export_import.py), opening the project.
The last line is machine-readable: `RESULT key=value ...` (times in ms).
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from seeded_corpus import build, copy_documents, floors, timed

from annotator.formats import registry
from annotator.formats.base import ExportOptions
from annotator.services import Project

FORMATS = ("jsonl", "qdpx", "brat", "labelstudio", "webanno")


def _index_all(project: Project) -> None:
    """The indexing the window does after an import, in its batches (one transaction each)."""
    while project.search.index_pending(2):
        pass


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--tags", type=int, default=100_000)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-import-"))
    source = build(tmp / "source.sqlite", tags_n=args.tags)
    data = source.exports.collect(ExportOptions())
    files = {}
    for name in args.formats.split(","):
        module = registry.get(name)
        files[name] = tmp / f"out-{name}{module.EXTENSION}"
        module.export(data, files[name], ExportOptions())
    del data
    source_path = Path(source.path)
    source.close()  # one project open at a time: each import below opens its own
    print("excludes: exporting the files and opening the project; floors are plain sqlite3 in the same run")
    results: dict[str, float] = {}
    results.update(floors(source_path, tmp, args.tags))
    for name, path in files.items():
        for case in ("new", "known"):
            target = Project.create(tmp / f"import-{name}-{case}.sqlite")
            if case == "known":
                copy_documents(source_path, target)
            ticks = []
            ms, changes = timed(
                lambda t=target, p=path, ticks=ticks: t.imports.import_file(
                    p, annotator="导入者", add_categories=True, progress=lambda i, n: ticks.append(i) or True
                )
            )
            floor = results["rows_floor_ms"] + (results["documents_floor_ms"] if case == "new" else 0)
            results[f"import_{name}_{case}_ms"] = round(ms)
            results[f"import_{name}_{case}_ratio"] = round(ms / max(1, floor), 1)
            index_ms, _ = timed(lambda t=target: _index_all(t))
            if case == "new":
                results[f"import_{name}_{case}_index_ms"] = round(index_ms)
            print(
                f"import {name:11} {case:5} {ms:7.0f} ms ({ms / max(1, floor):4.1f}× floor {floor} ms), "
                f"{len(changes.annotations_added):,} tags, {len(changes.documents_added)} new documents, "
                f"{len(ticks)} progress reports; then indexing for search {index_ms:.0f} ms"
            )
            target.close()
    print("RESULT " + " ".join(f"{k}={v}" for k, v in results.items()))


if __name__ == "__main__":
    main()
