"""Agreement and merging at corpus scale: 3 annotators × 100,000 tags over 200 documents.

Run:  .venv/bin/python benchmarks/agreement.py [--docs 200] [--chars 10000] [--tags 100000]

Three colleagues each tag the same seeded corpus (200 documents of 10,000 characters of Chinese legal
wording) in their own project and send a `json` bundle. The benchmark merges each bundle (100,000 tags)
into an empty project, undoes and redoes the last merge, and computes every measure (percent agreement,
κ, α, α_u, span F1, per category, overall and per document) with characters, jieba words and sentences
as units. Baselines measured in the same process, because machines here are shared and noisy:
- merge: inserting the same 100,000 rows with raw `executemany` in one transaction (no matching, no
  checks), the fastest way SQLite takes them;
- character-level α/κ: one Python loop that only visits every character of the corpus once, which is
  what any per-character count costs at least.

Targets: character-level α/κ over all of it ≤ 1 s; merging a 100,000-tag bundle ≤ 3 s.
The last line is machine-readable: `RESULT key=value ...` (times in ms).
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from annotator.core.model import text_sha256  # noqa: E402
from annotator.review import agreement  # noqa: E402
from annotator.review.units import sweep  # noqa: E402
from annotator.services import Project  # noqa: E402

SEED = 20261128
WORDS = ("本院", "认为", "原告", "被告", "数据", "平台", "用户", "权益", "竞争", "不正当", "群控软件", "抓取",
         "信息", "经营", "利益", "构成", "违反", "商业道德", "损害", "赔偿", "合法", "使用", "授权", "微信",
         "个人", "账号", "行为", "规定", "第二条", "反不正当竞争法", "依法", "判决", "诉讼请求", "事实")
PUNCT = ("，", "，", "、", "。", "；", "：")


def make_text(rng: random.Random, chars: int) -> str:
    out: list[str] = []
    n = 0
    while n < chars:
        w = rng.choice(WORDS)
        out.append(w)
        n += len(w)
        if rng.random() < 0.18:
            p = rng.choice(PUNCT)
            out.append(p)
            n += 1
            if p == "。" and rng.random() < 0.3:
                out.append("\n")
                n += 1
    return "".join(out)[:chars]


def make_bundle(rng: random.Random, texts: list[str], codebook: list[dict], name: str, tags: int,
                reference: list[tuple[int, int, int, int]] | None) -> tuple[dict, list[tuple[int, int, int, int]]]:
    """A colleague's bundle: their own document UUIDs (same texts), their tags. Tags follow the first
    colleague's where given (most agree, some shifted, some recategorised) so the figures are realistic."""
    cats = [c["uuid"] for c in codebook]
    docs = [{"uuid": str(uuid.UUID(int=rng.getrandbits(128), version=4)), "title": f"判决书 {i + 1}",
             "sha256": text_sha256(t), "length": len(t), "text": t} for i, t in enumerate(texts)]
    user = {"uuid": str(uuid.UUID(int=rng.getrandbits(128), version=4)), "name": name}
    spans: list[tuple[int, int, int, int]] = []
    for i in range(tags):
        if reference is not None and rng.random() < 0.8:
            d, s, e, c = reference[i]
            roll = rng.random()
            if roll < 0.15:
                s, e = max(0, s - rng.randint(0, 3)), min(len(texts[d]), e + rng.randint(0, 3))
            elif roll < 0.25:
                c = rng.randrange(len(cats))
        else:
            d = rng.randrange(len(texts))
            s = rng.randrange(len(texts[d]) - 60)
            e = s + rng.randint(4, 60)
            c = rng.randrange(len(cats))
        spans.append((d, s, e, c))
    annotations = []
    for d, s, e, c in spans:
        t = texts[d]
        annotations.append({"uuid": str(uuid.UUID(int=rng.getrandbits(128), version=4)), "document": docs[d]["uuid"],
                            "start": s, "end": e, "text": t[s:e], "category": cats[c], "annotator": user["uuid"],
                            "note": "", "created": None, "context_before": t[max(0, s - 20):s],
                            "context_after": t[e:e + 20]})
    bundle = {"format": "judgment-annotator-bundle", "version": 1, "project": {"uuid": str(uuid.uuid4())},
              "codebook": codebook, "annotators": [user], "documents": docs, "annotations": annotations}
    return bundle, spans


def raw_insert_baseline(rows: int, folder: Path) -> float:
    con = sqlite3.connect(folder / "baseline.sqlite")
    con.execute("CREATE TABLE a (id INTEGER PRIMARY KEY, uuid TEXT UNIQUE, document_id INT, annotator_id INT,"
                " category_id INT, start INT, \"end\" INT, text TEXT, before TEXT, after TEXT, memo TEXT,"
                " created TEXT, updated TEXT)")
    values = [(str(uuid.uuid4()), i % 200, 1, i % 12, i, i + 20, "数据" * 10, "平台" * 10, "用户" * 10, "",
               "2026-01-01T00:00:00", "2026-01-01T00:00:00") for i in range(rows)]
    t = time.perf_counter()
    with con:
        con.executemany("INSERT INTO a (uuid, document_id, annotator_id, category_id, start, \"end\", text, before,"
                        " after, memo, created, updated) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", values)
    elapsed = time.perf_counter() - t
    con.close()
    return elapsed


def ms(seconds: float) -> int:
    return round(seconds * 1000)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--chars", type=int, default=10_000)
    ap.add_argument("--tags", type=int, default=100_000)
    args = ap.parse_args()
    rng = random.Random(SEED)
    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        texts = [make_text(rng, args.chars) for _ in range(args.docs)]
        project = Project.create(folder / "review.sqlite")
        codebook = json.loads((Path(__file__).resolve().parents[1] / "resources" / "codebook.json")
                              .read_text(encoding="utf-8"))["categories"]
        flat = []

        def walk(nodes):
            for n in nodes:
                flat.append({k: v for k, v in n.items() if k != "children"})
                walk(n.get("children", []))

        walk(codebook)
        print(f"corpus: {args.docs} documents × {args.chars} characters, {len(flat)} categories")
        reference = None
        paths = []
        for name in ("张三", "李四", "王五"):
            bundle, spans = make_bundle(rng, texts, flat, name, args.tags, reference)
            reference = reference or spans
            path = folder / f"{name}.json"
            path.write_text(json.dumps(bundle, ensure_ascii=False), encoding="utf-8")
            paths.append(path)

        merge_times = []
        changes = None
        for path in paths:
            t = time.perf_counter()
            plan = project.merge.preview(path)
            changes = project.merge.apply(plan)
            merge_times.append(time.perf_counter() - t)
            print(f"merge {path.stem}: {len(changes.annotations_added)} tags, "
                  f"{len(changes.documents_added)} documents in {ms(merge_times[-1])} ms")
        t = time.perf_counter()
        again = project.merge.preview(paths[0])
        results["remerge_preview_ms"] = ms(time.perf_counter() - t)
        assert again.tags_new_total == 0
        t = time.perf_counter()
        undo = project.revert(changes)
        results["undo_merge_ms"] = ms(time.perf_counter() - t)
        t = time.perf_counter()
        project.revert(undo)
        results["redo_merge_ms"] = ms(time.perf_counter() - t)
        results["merge_100k_ms"] = ms(max(merge_times[1:]))  # the first also adds the 200 documents
        results["merge_first_ms"] = ms(merge_times[0])
        base = raw_insert_baseline(args.tags, folder)
        results["merge_baseline_ms"] = ms(base)
        results["merge_ratio"] = round(max(merge_times[1:]) / base, 1)

        annotators = [a.id for a in project.annotators.list() if a.name in ("张三", "李四", "王五")]
        # Character-level α/κ alone: the sweep, the tables and the coefficients (data already in memory).
        from annotator.store import review as store

        lengths = store.document_lengths()
        tags = store.tag_tuples(annotators)
        categories = sorted({t[2] for t in tags})
        t = time.perf_counter()
        per_doc = defaultdict(list)
        for tag in tags:
            per_doc[tag[0]].append(tag)
        counts = [sweep(per_doc[d], annotators, n, categories) for d, n in lengths.items()]
        tables, percent = agreement._combine(counts, categories, True)
        overall = agreement._overall(tables, percent, len(annotators), float("nan"), (float("nan"),) * 2)
        results["alpha_kappa_char_ms"] = ms(time.perf_counter() - t)
        t = time.perf_counter()
        visited = 0
        for text in texts:
            for _ch in text:
                visited += 1
        results["char_baseline_ms"] = ms(time.perf_counter() - t)
        results["char_ratio"] = round(results["alpha_kappa_char_ms"] / max(1, results["char_baseline_ms"]), 2)
        print(f"char-level α {overall.alpha:.3f}, κ {overall.kappa:.3f} over {visited} characters")

        for unit in ("char", "token", "sentence"):
            t = time.perf_counter()
            report = project.review.agreement(annotators, unit=unit)
            results[f"report_{unit}_ms"] = ms(time.perf_counter() - t)
            o = report.overall
            print(f"full report, {unit:>8} ({o.units:,.0f} units): α {o.alpha:.3f} α_u {o.alpha_u:.3f} κ {o.kappa:.3f} "
                  f"F1 {o.f1_exact:.3f}/{o.f1_overlap:.3f} in {results[f'report_{unit}_ms']} ms")
        t = time.perf_counter()
        two = project.review.agreement(annotators[:2], unit="char")
        results["report_two_char_ms"] = ms(time.perf_counter() - t)
        print(f"two annotators, with the confusion matrix ({len(two.confusion)} cells): "
              f"{results['report_two_char_ms']} ms")
        project.close()

    met = results["alpha_kappa_char_ms"] <= 1000 and results["merge_100k_ms"] <= 3000
    print(f"targets (char α/κ ≤ 1000 ms, merge of 100,000 tags ≤ 3000 ms): {'met' if met else 'NOT met'}")
    print("RESULT " + " ".join(f"{k}={v}" for k, v in results.items()))


if __name__ == "__main__":
    main()
