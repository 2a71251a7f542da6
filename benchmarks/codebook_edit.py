"""Codebook edits on a category with many tags: merge, delete and their undo.

Run:  .venv/bin/python benchmarks/codebook_edit.py

A project with one 400,000-character document and 10,000 tags in one category. Merging that category into
another moves all its tags in one transaction (bulk updates, 500 ids per statement); deleting it removes
them; undo puts them back. The baseline, measured in the same run, is the simple way: re-categorising
tags one by one through `AnnotationService.set_category` (1,000 of them, scaled to 10,000). The ratio
baseline / bulk says how much the bulk path saves.

The last line is machine-readable: `RESULT key=value ...` (times in ms, ratios plain).
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from annotator import store
from annotator.services import Project

TAGS = 10_000
BASELINE_TAGS = 1_000


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="codebook-bench-"))
    with Project.create(folder / "bench.sqlite") as p:
        text = "本院认为，被告未经用户同意擅自抓取用户数据。" * 20_000
        doc = p.documents.add_text("长文书", text).documents_added[0]
        me = p.annotators.ensure("bench")
        source = p.codebook.add("源类别").categories_added[0]
        target = p.codebook.add("目标类别").categories_added[0]
        with store.project.transaction():
            for i in range(TAGS):
                s = i * 40
                store.tags.insert_annotation(
                    document_id=doc.id,
                    annotator_id=me.id,
                    category_id=source.id,
                    start=s,
                    end=s + 6,
                    text=text[s : s + 6],
                    before="",
                    after="",
                )
        timings: dict[str, float] = {}

        def timed(key, fn):
            t = time.perf_counter()
            out = fn()
            timings[key] = (time.perf_counter() - t) * 1000
            return out

        merged = timed("merge_ms", lambda: p.codebook.merge(source.id, target.id))
        timed("undo_merge_ms", lambda: p.revert(merged))
        deleted = timed("delete_ms", lambda: p.codebook.remove(source.id))
        timed("undo_delete_ms", lambda: p.revert(deleted))
        ids = [a.id for a in p.annotations.list(category_ids=[source.id])][:BASELINE_TAGS]
        t = time.perf_counter()
        for tag_id in ids:
            p.annotations.set_category(tag_id, target.id)
        per_tag = (time.perf_counter() - t) * 1000 / len(ids)
        timings["baseline_per_tag_ms"] = per_tag
    baseline = per_tag * TAGS
    for key, value in timings.items():
        print(f"{key:22s} {value:10.2f}")
    print(f"baseline, {TAGS:,} tags one by one: {baseline:,.0f} ms (extrapolated from {BASELINE_TAGS:,})")
    ratio = baseline / timings["merge_ms"]
    print(
        "RESULT "
        + " ".join(f"{k}={v:.1f}" for k, v in timings.items())
        + f" baseline_ms={baseline:.0f} merge_speedup={ratio:.1f}"
    )


if __name__ == "__main__":
    main()
