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

Two review scenarios follow (`--only copy,curation` runs just them):
- `copy`: a colleague's copy of a project with 100,000 tags comes back with 5,000 of them changed (extent,
  category or memo), 1,000 new and 500 removed. Preview (every tag compared by content) and merge (taking
  theirs for every conflict and the removals) are timed; targets ≤ 1 s and ≤ 3 s. Baselines: reading both
  files' tag tables with plain `sqlite3` (what any comparison must read), and writing the same 1,000
  inserts, 5,000 updates and 500 removals with raw `executemany`.
- `curation`: the curation view opened on a 200,000-character judgment with 2 × 2,000 tags, from the
  menu action to the end of the first paint of both panes; target ≤ 200 ms. Baseline: one plain
  QPlainTextEdit showing the same text (first paint), the floor for any view of it.

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
WORDS = (
    "本院",
    "认为",
    "原告",
    "被告",
    "数据",
    "平台",
    "用户",
    "权益",
    "竞争",
    "不正当",
    "群控软件",
    "抓取",
    "信息",
    "经营",
    "利益",
    "构成",
    "违反",
    "商业道德",
    "损害",
    "赔偿",
    "合法",
    "使用",
    "授权",
    "微信",
    "个人",
    "账号",
    "行为",
    "规定",
    "第二条",
    "反不正当竞争法",
    "依法",
    "判决",
    "诉讼请求",
    "事实",
)
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


def make_bundle(
    rng: random.Random,
    texts: list[str],
    codebook: list[dict],
    name: str,
    tags: int,
    reference: list[tuple[int, int, int, int]] | None,
) -> tuple[dict, list[tuple[int, int, int, int]]]:
    """A colleague's bundle: their own document UUIDs (same texts), their tags. Tags follow the first
    colleague's where given (most agree, some shifted, some recategorised) so the figures are realistic."""
    cats = [c["uuid"] for c in codebook]
    docs = [
        {
            "uuid": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            "title": f"判决书 {i + 1}",
            "sha256": text_sha256(t),
            "length": len(t),
            "text": t,
        }
        for i, t in enumerate(texts)
    ]
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
        annotations.append(
            {
                "uuid": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                "document": docs[d]["uuid"],
                "start": s,
                "end": e,
                "text": t[s:e],
                "category": cats[c],
                "annotator": user["uuid"],
                "note": "",
                "created": None,
                "context_before": t[max(0, s - 20) : s],
                "context_after": t[e : e + 20],
            }
        )
    bundle = {
        "format": "judgment-annotator-bundle",
        "version": 1,
        "project": {"uuid": str(uuid.uuid4())},
        "codebook": codebook,
        "annotators": [user],
        "documents": docs,
        "annotations": annotations,
    }
    return bundle, spans


def raw_insert_baseline(rows: int, folder: Path) -> float:
    con = sqlite3.connect(folder / "baseline.sqlite")
    con.execute(
        "CREATE TABLE a (id INTEGER PRIMARY KEY, uuid TEXT UNIQUE, document_id INT, annotator_id INT,"
        ' category_id INT, start INT, "end" INT, text TEXT, before TEXT, after TEXT, memo TEXT,'
        " created TEXT, updated TEXT)"
    )
    values = [
        (
            str(uuid.uuid4()),
            i % 200,
            1,
            i % 12,
            i,
            i + 20,
            "数据" * 10,
            "平台" * 10,
            "用户" * 10,
            "",
            "2026-01-01T00:00:00",
            "2026-01-01T00:00:00",
        )
        for i in range(rows)
    ]
    t = time.perf_counter()
    with con:
        con.executemany(
            'INSERT INTO a (uuid, document_id, annotator_id, category_id, start, "end", text, before,'
            " after, memo, created, updated) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            values,
        )
    elapsed = time.perf_counter() - t
    con.close()
    return elapsed


def ms(seconds: float) -> int:
    return round(seconds * 1000)


def flat_codebook() -> list[dict]:
    codebook = json.loads(
        (Path(__file__).resolve().parents[1] / "resources" / "codebook.json").read_text(encoding="utf-8")
    )["categories"]
    flat: list[dict] = []

    def walk(nodes):
        for n in nodes:
            flat.append({k: v for k, v in n.items() if k != "children"})
            walk(n.get("children", []))

    walk(codebook)
    return flat


def colleague_copy(
    folder: Path,
    rng: random.Random,
    results: dict[str, float],
    *,
    docs: int = 100,
    chars: int = 10_000,
    tags: int = 100_000,
    changed: int = 5_000,
    new: int = 1_000,
    removed: int = 500,
) -> None:
    """Merge back a colleague's copy of a 100,000-tag project: 5,000 changed, 1,000 new, 500 removed."""
    from annotator import store
    from annotator.core.model import new_uuid

    texts = [make_text(rng, chars) for _ in range(docs)]
    bundle, _spans = make_bundle(rng, texts, flat_codebook(), "甲", tags, None)
    source = folder / "jia.json"
    source.write_text(json.dumps(bundle, ensure_ascii=False), encoding="utf-8")
    mine, copy = folder / "jia.sqlite", folder / "jia-copy.sqlite"
    with Project.create(mine) as p:
        p.merge.merge(source)
        me = p.annotators.ensure("甲")
        t = time.perf_counter()
        p.sharing.share(copy, "乙", by_annotator_id=me.id)
        results["share_copy_ms"] = ms(time.perf_counter() - t)
    with Project.open(copy) as c:  # the colleague's work, written in bulk
        rows = c.annotations.list()
        picked = rng.sample(rows, changed + removed)
        edits, gone = picked[:changed], picked[changed:]
        yi = c.annotators.ensure("乙")
        with store.project.transaction():
            updates = []
            for i, a in enumerate(edits):
                text = texts[a.document_id - 1]  # documents were added in order
                start, end, memo, cat = a.start, a.end, a.memo, a.category_id
                if i % 3 == 0:
                    start, end = (start, end + 2) if end + 2 <= len(text) else (start - 2, end)
                elif i % 3 == 1:
                    memo = "乙：此处存疑"
                else:
                    cat = 1 + (cat % 10)
                updates.append(
                    {
                        "id": a.id,
                        "document_id": a.document_id,
                        "category_id": cat,
                        "start": start,
                        "end": end,
                        "text": text[start:end],
                        "before": text[max(0, start - 20) : start],
                        "after": text[end : end + 20],
                        "memo": memo,
                    }
                )
            store.tags.update_annotations(updates)
            store.tags.set_deleted_many([a.id for a in gone], True)
            fresh = []
            for _ in range(new):
                d = rng.randrange(docs)
                s0 = rng.randrange(chars - 60)
                e0 = s0 + rng.randint(4, 40)
                fresh.append(
                    {
                        "uuid": new_uuid(),
                        "document_id": d + 1,
                        "annotator_id": yi.id,
                        "category_id": 1,
                        "start": s0,
                        "end": e0,
                        "text": texts[d][s0:e0],
                        "before": "",
                        "after": "",
                        "memo": "",
                        "created": None,
                    }
                )
            store.tags.insert_annotations(fresh)
    with Project.open(mine) as p:
        t = time.perf_counter()
        plan = p.merge.preview(copy, resolve_all="theirs", take_deletions=True)
        results["copy_preview_ms"] = ms(time.perf_counter() - t)
        assert (len(plan.tag_conflicts), plan.tags_new_total, len(plan.deletions)) == (
            changed,
            new,
            removed,
        ), (len(plan.tag_conflicts), plan.tags_new_total, len(plan.deletions))
        t = time.perf_counter()
        changes = p.merge.apply(plan)
        results["copy_merge_ms"] = ms(time.perf_counter() - t)
        assert (
            len(changes.annotations_updated),
            len(changes.annotations_added),
            len(changes.annotations_removed),
        ) == (changed, new, removed)
        t = time.perf_counter()
        again = p.merge.preview(copy, resolve_all="theirs", take_deletions=True)
        results["copy_remerge_preview_ms"] = ms(time.perf_counter() - t)
        assert again.empty and not again.tag_conflicts
        t = time.perf_counter()
        p.revert(changes)
        results["copy_undo_ms"] = ms(time.perf_counter() - t)
    # Baselines: read both tag tables; write the same changes with raw executemany.
    t = time.perf_counter()
    for path in (mine, copy):
        con = sqlite3.connect(path)
        con.execute(
            'SELECT uuid, document_id, category_id, start, "end", memo, deleted_at FROM annotation'
        ).fetchall()
        con.close()
    results["copy_read_baseline_ms"] = ms(time.perf_counter() - t)
    con = sqlite3.connect(folder / "baseline-copy.sqlite")
    con.execute(
        'CREATE TABLE a (id INTEGER PRIMARY KEY, uuid TEXT UNIQUE, start INT, "end" INT, memo TEXT,'
        " deleted_at TEXT)"
    )
    with con:
        con.executemany(
            "INSERT INTO a (uuid, start, \"end\", memo) VALUES (?, ?, ?, '')",
            [(str(uuid.uuid4()), i, i + 9) for i in range(tags)],
        )
    t = time.perf_counter()
    with con:
        con.executemany(
            "INSERT INTO a (uuid, start, \"end\", memo) VALUES (?, ?, ?, '')",
            [(str(uuid.uuid4()), i, i + 9) for i in range(new)],
        )
        con.executemany(
            'UPDATE a SET start = ?, "end" = ?, memo = ? WHERE id = ?',
            [(i, i + 11, "乙", i + 1) for i in range(changed)],
        )
        con.executemany(
            "UPDATE a SET deleted_at = 'x' WHERE id = ?", [(changed + i + 1,) for i in range(removed)]
        )
    results["copy_write_baseline_ms"] = ms(time.perf_counter() - t)
    con.close()
    results["copy_preview_ratio"] = round(
        results["copy_preview_ms"] / max(1, results["copy_read_baseline_ms"]), 1
    )
    results["copy_merge_ratio"] = round(
        results["copy_merge_ms"] / max(1, results["copy_write_baseline_ms"]), 1
    )
    print(
        f"colleague's copy of {tags:,} tags ({changed:,} changed, {new:,} new, {removed:,} removed): preview "
        f"{results['copy_preview_ms']} ms, merge {results['copy_merge_ms']} ms, merging again "
        f"{results['copy_remerge_preview_ms']} ms (no-op), undo {results['copy_undo_ms']} ms"
    )


def curation_first_paint(
    folder: Path, rng: random.Random, results: dict[str, float], *, chars: int = 200_000, tags: int = 2_000
) -> None:
    """The curation view on a 200,000-character judgment with 2 × 2,000 tags: time to first paint."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEvent, QEventLoop, QObject, QSettings
    from PySide6.QtWidgets import QApplication, QPlainTextEdit

    from annotator.ui.common.document_view import cjk_font
    from annotator.ui.main_window.window import MainWindow
    from annotator.ui.review.curation import open_curation

    app = QApplication.instance() or QApplication(sys.argv)
    text = make_text(rng, chars)
    path = folder / "curation.sqlite"
    with Project.create(path) as p:
        doc = p.documents.add_text("长判决", text).documents_added[0]
        a, b = p.annotators.ensure("甲"), p.annotators.ensure("乙")
        cats = [c.id for c in p.codebook.list()][:10]
        from annotator import store
        from annotator.core.model import new_uuid

        rows = []
        for _ in range(tags):
            s0 = rng.randrange(chars - 80)
            e0 = s0 + rng.randint(4, 60)
            c0 = rng.choice(cats)
            rows.append((s0, e0, c0))
        out = []
        for who, spans in (
            (a.id, rows),
            (
                b.id,
                [
                    (
                        s0 + (rng.randint(-3, 3) if rng.random() < 0.2 else 0),
                        e0,
                        c0 if rng.random() > 0.1 else rng.choice(cats),
                    )
                    for s0, e0, c0 in rows
                ],
            ),
        ):
            for s0, e0, c0 in spans:
                s0 = max(0, s0)
                out.append(
                    {
                        "uuid": new_uuid(),
                        "document_id": doc.id,
                        "annotator_id": who,
                        "category_id": c0,
                        "start": s0,
                        "end": e0,
                        "text": text[s0:e0],
                        "before": "",
                        "after": "",
                        "memo": "",
                        "created": None,
                    }
                )
        with store.project.transaction():
            store.tags.insert_annotations(out)

    class Paints(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.count = 0

        def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt API)
            if event.type() == QEvent.Type.Paint:
                self.count += 1
            return False

    def until_painted(counters, t0) -> float:
        while any(c.count == 0 for c in counters) and time.perf_counter() < t0 + 60:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        return time.perf_counter() - t0

    window = MainWindow(
        Project.open(path), "甲", QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat)
    )
    window.show()
    app.processEvents()
    view = open_curation(window, a.id, b.id)  # built once, so the timed opening is the one a user repeats
    view.hide()
    app.processEvents()
    timings = []
    for _ in range(3):
        counters = [Paints(), Paints()]
        t0 = time.perf_counter()
        view = open_curation(window, a.id, b.id)
        for pane, counter in zip(view.panes, counters, strict=True):
            pane.viewport().installEventFilter(counter)
        timings.append(until_painted(counters, t0))
        for pane, counter in zip(view.panes, counters, strict=True):
            pane.viewport().removeEventFilter(counter)
        disagreements = len(view._disagreements())
        view.hide()
        app.processEvents()
    results["curation_first_paint_ms"] = ms(min(timings))
    counter = Paints()
    t0 = time.perf_counter()
    edit = QPlainTextEdit()
    edit.setReadOnly(True)
    edit.setFont(cjk_font(edit.font()))
    edit.resize(700, 800)
    edit.setPlainText(text)
    edit.viewport().installEventFilter(counter)
    edit.show()
    results["curation_baseline_ms"] = ms(until_painted([counter], t0))
    results["curation_ratio"] = round(
        results["curation_first_paint_ms"] / max(1, results["curation_baseline_ms"]), 1
    )
    edit.close()
    window.close()
    print(
        f"curation view, {chars:,} characters, 2 × {tags:,} tags ({disagreements} disagreements): first paint "
        f"{results['curation_first_paint_ms']} ms (one plain text view: {results['curation_baseline_ms']} ms)"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--chars", type=int, default=10_000)
    ap.add_argument("--tags", type=int, default=100_000)
    ap.add_argument("--only", default="", help="comma-separated: copy, curation (default: everything)")
    args = ap.parse_args()
    rng = random.Random(SEED)
    results: dict[str, float] = {}
    only = {x.strip() for x in args.only.split(",") if x.strip()}
    if only:
        with tempfile.TemporaryDirectory() as tmp:
            if "copy" in only:
                colleague_copy(Path(tmp), rng, results)
            if "curation" in only:
                curation_first_paint(Path(tmp), rng, results)
        met = (
            results.get("copy_preview_ms", 0) <= 1000
            and results.get("copy_merge_ms", 0) <= 3000
            and results.get("curation_first_paint_ms", 0) <= 200
        )
        print(
            f"targets (preview ≤ 1000 ms, merge ≤ 3000 ms, curation first paint ≤ 200 ms): "
            f"{'met' if met else 'NOT met'}"
        )
        print("RESULT " + " ".join(f"{k}={v}" for k, v in results.items()))
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        texts = [make_text(rng, args.chars) for _ in range(args.docs)]
        project = Project.create(folder / "review.sqlite")
        codebook = json.loads(
            (Path(__file__).resolve().parents[1] / "resources" / "codebook.json").read_text(encoding="utf-8")
        )["categories"]
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
            print(
                f"merge {path.stem}: {len(changes.annotations_added)} tags, "
                f"{len(changes.documents_added)} documents in {ms(merge_times[-1])} ms"
            )
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
        from annotator import store

        lengths = store.review.document_lengths()
        tags = store.review.tag_tuples(annotators)
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
            print(
                f"full report, {unit:>8} ({o.units:,.0f} units): α {o.alpha:.3f} α_u {o.alpha_u:.3f} κ {o.kappa:.3f} "
                f"F1 {o.f1_exact:.3f}/{o.f1_overlap:.3f} in {results[f'report_{unit}_ms']} ms"
            )
        t = time.perf_counter()
        two = project.review.agreement(annotators[:2], unit="char")
        results["report_two_char_ms"] = ms(time.perf_counter() - t)
        print(
            f"two annotators, with the confusion matrix ({len(two.confusion)} cells): "
            f"{results['report_two_char_ms']} ms"
        )
        project.close()
        colleague_copy(folder, rng, results)
        curation_first_paint(folder, rng, results)

    met = results["alpha_kappa_char_ms"] <= 1000 and results["merge_100k_ms"] <= 3000
    print(f"targets (char α/κ ≤ 1000 ms, merge of 100,000 tags ≤ 3000 ms): {'met' if met else 'NOT met'}")
    print("RESULT " + " ".join(f"{k}={v}" for k, v in results.items()))


if __name__ == "__main__":
    main()
