"""Export and import at scale: 100,000 tags over 200 documents.

Run:  .venv/bin/python benchmarks/export_import.py

A seeded project (200 documents of about 20,000 characters each with a few characters outside the BMP,
100,000 tags from 3 annotators over the bundled codebook, some with memos, many overlapping) is
exported in every registered format (the project is read once; each figure is that read plus the
format's own writing), and the jsonl, qdpx, brat, Label Studio, UIMA CAS XMI and WebAnno TSV files are
imported into a fresh project. The qdpx figure includes validating the XML against the REFI-QDA schema
shipped in resources/ (`qdpx.validate`). `benchmarks/export_bulk.py` times the four bulk exports as a
user starts them (the service call, in a fresh process each, with their peak memory). The baseline, measured in the same process, is `json.dumps` of the 100,000 tags
as plain dicts: the least any exporter must do. Targets from the issue: csv/json ≤ 1 s, xlsx ≤ 5 s,
qdpx ≤ 3 s including validation.

The last line is machine-readable: `RESULT key=value ...` (times in ms, memory in MB).
"""

from __future__ import annotations

import json
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from annotator.formats import registry  # noqa: E402
from annotator.formats.base import ExportOptions  # noqa: E402
from annotator.services import Project  # noqa: E402

sys.path.insert(0, str(ROOT / "benchmarks"))
import seeded_corpus  # noqa: E402

# The export figures in the README were measured on this seed; the import benchmarks use their own.
SEED = 20261128
DOCS = 200
TAGS = 100_000


def build(path: Path) -> Project:
    return seeded_corpus.build(path, docs=DOCS, tags_n=TAGS, chars=20_000, seed=SEED)


def timed(fn) -> tuple[float, object]:
    t = time.perf_counter()
    value = fn()
    return (time.perf_counter() - t) * 1000, value


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="bench-export-"))
    t_build, project = timed(lambda: build(tmp / "big.sqlite"))
    print(f"built {DOCS} documents, {TAGS:,} tags in {t_build:.0f} ms")
    tags = project.annotations.list()
    t_base, _ = timed(
        lambda: json.dumps(
            [
                {"uuid": a.uuid, "start": a.start, "end": a.end, "text": a.text, "category": a.category_id}
                for a in tags
            ],
            ensure_ascii=False,
        )
    )
    print(f"baseline json.dumps of {len(tags):,} tags: {t_base:.0f} ms")
    results: dict[str, float] = {"baseline_ms": round(t_base)}
    # Reading the project is the same for every format: measured once, added to each total.
    options = ExportOptions()
    t_collect, data = timed(lambda: project.exports.collect(options))
    results["collect_ms"] = round(t_collect)
    print(
        f"read the project for export ({data.tag_count:,} tags, streamed while writing): {t_collect:.0f} ms"
    )
    files = {}
    for module in registry.exporters():
        out = tmp / f"out-{module.NAME}{module.EXTENSION}"  # several formats share .zip or .json
        ms, _ = timed(lambda m=module, o=out: m.export(data, o, options))
        if module.NAME == "qdpx":  # the export checks its XML against the schema as it writes it
            from annotator.formats import qdpx

            problems = qdpx.validate(out)  # and the file read back passes the standalone check too
            if problems:
                raise SystemExit(f"qdpx export does not validate: {problems[0]}")
            print("  qdpx: schema validation included (run by the export while it writes)")
        files[module.NAME] = out
        total = ms + t_collect
        results[f"export_{module.NAME}_ms"] = round(total)
        print(
            f"export {module.NAME:18} {total:7.0f} ms (writing {ms:6.0f} ms, {total / t_base:5.1f}× baseline)  "
            f"{out.stat().st_size / 1e6:6.1f} MB"
        )
    project.close()
    for name in ("jsonl", "qdpx", "brat", "labelstudio", "xmi", "webanno"):
        target = Project.create(tmp / f"import-{name}.sqlite")
        ms, changes = timed(
            lambda f=files[name], t=target: t.imports.import_file(f, annotator="导入者", add_categories=True)
        )
        results[f"import_{name}_ms"] = round(ms)
        print(
            f"import {name:11} {ms:7.0f} ms  ({ms / t_base:5.1f}× baseline)  "
            f"{len(changes.annotations_added):,} tags, {len(changes.documents_added)} documents"
        )
        target.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    results["peak_rss_mb"] = round(peak)
    print(f"peak memory (RSS) {peak:.0f} MB")
    ratios = {
        f"{k[:-3]}_ratio": round(v / t_base, 1)
        for k, v in results.items()
        if k.startswith(("export_csv", "export_json", "export_xlsx", "export_qdpx"))
    }
    print("RESULT " + " ".join(f"{k}={v}" for k, v in {**results, **ratios}.items()))


if __name__ == "__main__":
    main()
