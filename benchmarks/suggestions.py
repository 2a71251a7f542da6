"""Tag suggestions: precision and recall at the default threshold, learning curves, training time and
suggestion latency, each against a keyword-match baseline measured in the same run.

Run:  .venv/bin/python benchmarks/suggestions.py [--quick]

Data sets:
(a) the real judgments in ../shared/realtexts/dev, with a sentence's part of the judgment as its
    category: claims, facts, reasoning (本院认为 … up to the decision) and decision (判决如下 … up to the
    signatures). Where reasoning and decision begin is read by hand (truth.json); claims and facts come
    from the structure detector. Every other sentence (header, parties, procedure, closing) has no
    category. The documents are shuffled with a fixed seed and split in half; the simulated researcher
    codes training documents whole, one after another (tags every sentence of the four parts and marks
    the document done) until each category has at least N tags; the other half is the test set. Two
    feature sets: "product" (everything the program uses, including the detected section of a sentence:
    for claims and facts that is the detector's own answer, so this figure shows the machinery rather
    than what the text alone teaches) and "text" (the same without the section feature).
(b) the sample project's eight tags plus a generated corpus: judgment-like documents whose sentences
    come from the pool in benchmarks/corpus.py with varied names and numbers; each template carries a
    category of the bundled codebook (or none), so the truth is known. Training, suggesting and storing
    go through the project's service, as the program does.
(d) the window while it trains: the reads a document open makes, timed during a first training in a
    thread of this process (the old way) and in the helper process (services/suggest_process.py), against
    the same reads with nothing running; and the memory each way adds to this process.
Baseline: a sentence is given a category when it contains one of that category's ten most frequent
words (jieba with the legal dictionary) that are more frequent there than in the other sentences.
Scores are counted per sentence and category: a suggestion covering at least half of a sentence gives
the sentence its category.

The last line is machine-readable: `RESULT key=value ...` (times in ms, figures as fractions).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from annotator.learn.baseline import KeywordBaseline  # noqa: E402
from annotator.learn.data import DocData, Span, TrainingData  # noqa: E402
from annotator.learn.features import FeatureCache  # noqa: E402
from annotator.learn.recommender import build  # noqa: E402
from annotator.learn.units import coverage, sentences  # noqa: E402
from annotator.services import Project  # noqa: E402
from annotator.services.sample import create_sample_project  # noqa: E402
from annotator.services.suggestions import DEFAULT_THRESHOLD  # noqa: E402
from annotator.text.judgment import detect  # noqa: E402

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "realtexts" / "dev"
SEED = 17
CURVE = (10, 25, 50, 100, 200)
PARTS = {"claims": 1, "facts": 2, "reasoning": 3, "decision": 4}


# ------------------------------------------------------------------------------------------ scoring


def score(truth: list[tuple[int, int, int, int | None]], predicted: dict[tuple[int, int, int], set[int]]):
    """Precision and recall over (sentence, category) pairs. `truth`: (doc, start, end, category or None)."""
    tp = fp = fn = 0
    for doc, s, e, cat in truth:
        got = predicted.get((doc, s, e), set())
        tp += cat in got if cat is not None else 0
        fp += len(got - {cat})
        fn += cat is not None and cat not in got
    return tp / max(tp + fp, 1), tp / max(tp + fn, 1)


def covered(truth, suggestions) -> dict[tuple[int, int, int], set[int]]:
    """Sentence -> categories of the suggestions covering at least half of it."""
    by_doc: dict[int, list] = {}
    for g in suggestions:
        by_doc.setdefault(g.document_id, []).append(g)
    out: dict[tuple[int, int, int], set[int]] = {}
    for doc, s, e, _cat in truth:
        for g in by_doc.get(doc, ()):
            if g.start < e and g.end > s and coverage([(g.start, g.end)], s, e) >= 0.5:
                out.setdefault((doc, s, e), set()).add(g.category_id)
    return out


def baseline_predictions(train_sentences, test_sentences) -> dict[tuple[int, int, int], set[int]]:
    """`*_sentences`: (doc, start, end, category, text)."""
    t0 = time.perf_counter()
    base = KeywordBaseline([(text, cat) for *_x, cat, text in train_sentences])
    fit_ms = (time.perf_counter() - t0) * 1000
    return {(d, s, e): base.categories_of(text) for d, s, e, _c, text in test_sentences}, fit_ms


# ------------------------------------------------------------------------------------ (a) real texts


def real_documents():
    truth = json.loads((DEV / "truth.json").read_text(encoding="utf-8"))
    docs = []
    for i, (name, t) in enumerate(sorted(truth.items())):
        text = (DEV / name).read_text(encoding="utf-8")
        found = detect(text)
        secs = [(s.kind, s.start, s.end) for s in found.sections]
        rs, ds = t.get("reasoning_start"), t.get("decision_start")
        if not secs or rs is None or ds is None:
            continue  # nothing to learn the parts from
        closing = next((s for k, s, _e in secs if k == "closing" and s > ds), len(text))
        spans = {k: [] for k in PARTS}
        for k, s, e in secs:
            if k in ("claims", "facts") and s < rs:
                spans[k].append((s, min(e, rs)))
        spans["reasoning"].append((rs, ds))
        spans["decision"].append((ds, closing))
        doc = DocData(
            i, text, tuple(secs), tuple((c.statute, c.article, c.start, c.end) for c in found.citations)
        )
        labelled = []
        for s, e in sentences(text):
            cat = next((PARTS[k] for k, sp in spans.items() if coverage(sorted(sp), s, e) >= 0.5), None)
            labelled.append((i, s, e, cat, text[s:e]))
        docs.append((doc, labelled))
    return docs


def coded_until(docs, n):
    """Whole documents, in order, until every category has n tags (or the documents run out)."""
    taken, counts = [], Counter()
    for doc, labelled in docs:
        if all(counts[c] >= n for c in PARTS.values()):
            break
        taken.append((doc, labelled))
        counts.update(cat for *_x, cat, _t in labelled if cat is not None)
    return taken, counts


def part_a(curve, out):
    docs = real_documents()
    random.Random(SEED).shuffle(docs)
    half = len(docs) // 2
    train_docs, test_docs = docs[:half], docs[half:]
    test_truth = [(d, s, e, c) for _doc, lab in test_docs for d, s, e, c, _t in lab]
    test_sentences = [x for _doc, lab in test_docs for x in lab]
    print(
        f"(a) {len(docs)} real judgments with both parts marked: {half} to train from, {len(test_docs)} to test; "
        f"{len(test_truth)} test sentences, of which {sum(c is not None for *_x, c in test_truth)} in the four parts"
    )
    print(f"    default threshold {DEFAULT_THRESHOLD}; 'tags' are sentences of coded documents")
    print(
        "    N   docs  tags per category (c/f/r/d)   product P / R    text P / R     baseline P / R   train ms"
    )
    for n in curve:
        coded, counts = coded_until(train_docs, n)
        tags = tuple(Span(d, s, e, c) for _doc, lab in coded for d, s, e, c, _t in lab if c is not None)
        data = TrainingData(
            {doc.id: doc for doc, _ in coded}, tags, (), {doc.id: len(doc.text) for doc, _ in coded}
        )
        row = {}
        for variant, use_section in (("product", True), ("text", False)):
            cache = FeatureCache(use_section=use_section)
            for doc, _ in coded + test_docs:
                cache.get(doc)  # features first: the timing below is what a retrain costs
            t0 = time.perf_counter()
            rec = build(data, PARTS.values(), cache)
            train_ms = (time.perf_counter() - t0) * 1000
            thresholds = dict.fromkeys(PARTS.values(), DEFAULT_THRESHOLD)
            found = [g for doc, _ in test_docs for g in rec.suggest(doc, cache, thresholds)]
            row[variant] = (*score(test_truth, covered(test_truth, found)), train_ms)
        predicted, _fit = baseline_predictions([x for _doc, lab in coded for x in lab], test_sentences)
        row["baseline"] = score(test_truth, predicted)
        c = "/".join(str(counts[v]) for v in PARTS.values())
        reached = "" if all(counts[v] >= n for v in PARTS.values()) else "  (all training documents)"
        print(
            f"  {n:4d}  {len(coded):4d}  {c:27s}  {row['product'][0]:.3f} / {row['product'][1]:.3f}  "
            f"{row['text'][0]:.3f} / {row['text'][1]:.3f}  {row['baseline'][0]:.3f} / {row['baseline'][1]:.3f}"
            f"   {row['product'][2]:.0f}{reached}"
        )
        for key, (p, r, *_rest) in row.items():
            out[f"a_{key}_p{n}"], out[f"a_{key}_r{n}"] = round(p, 3), round(r, 3)


# ------------------------------------------------------------------------------ (b) generated corpus

# The pool of benchmarks/corpus.py, each template with the category of the bundled codebook it shows.
POOL_CATEGORIES = {
    0: "破坏性利用",
    1: "平台数据资源竞争权益",
    2: "用户同意",
    3: "商业道德",
    4: "被诉方抗辩",
    5: "技术创新抗辩",
    6: None,
    7: None,
    8: "破坏性利用",
    9: "数据携带权",
    10: "平台数据资源竞争权益",
    11: "破坏性利用",
    12: "损害赔偿与责任",
    13: None,
    14: None,
    15: "法律依据",
    16: "法律依据",
    17: "损害赔偿与责任",
    18: "个人数据安全",
    19: None,
}


def generated_judgment(rng: random.Random, n_paragraphs: int) -> tuple[str, list[tuple[int, int, int]]]:
    """A judgment-like text and its sentences' (start, end, template)."""
    import corpus as pool

    a, b = pool.company(rng), pool.company(rng)
    short_a, short_b = a[2:4] + "公司", b[2:4] + "公司"
    year = rng.randint(2016, 2023)
    head = (
        f"{rng.choice(pool.CITIES)}市人民法院\n民事判决书\n（{year}）浙{rng.randint(1, 9999):04d}民初{rng.randint(1, 9999)}号\n"
        f"原告：{b}。\n被告：{a}。\n"
    )
    text, spans = head, []
    for p in range(n_paragraphs):
        if p == n_paragraphs // 2:
            text += "本院认为，本案的争议焦点在于被诉行为是否构成不正当竞争。\n"
        for _ in range(rng.randint(2, 5)):
            k = rng.randrange(len(pool.SENTENCES))
            statute, top = rng.choice(pool.STATUTES)
            s = pool.SENTENCES[k].format(
                a=short_a,
                b=short_b,
                y=year - 2,
                m=rng.randint(1, 12),
                y2=year - 1,
                m2=rng.randint(1, 12),
                n=rng.randint(1, 500),
                p=rng.choice(pool.SURNAMES) + "某",
                s=f"《中华人民共和国{statute}》",
                art=pool.cn_number(rng.randint(1, top)),
                art2=pool.cn_number(rng.randint(1, top)),
            )
            spans.append((len(text), len(text) + len(s), k))
            text += s
        text += "\n"
    text += "审判长　" + rng.choice(pool.SURNAMES) + "某\n"
    return text, spans


def part_b(curve, out, quick):
    rng = random.Random(SEED)
    tmp = Path(tempfile.mkdtemp(prefix="suggest-bench-"))
    path = create_sample_project(tmp / "sample.sqlite")
    project = Project.open(path)
    sample_tags = len(project.annotations.list())
    who = project.annotators.ensure("研究者")
    cat_ids = {name: project.codebook.find(name).id for name in set(POOL_CATEGORIES.values()) if name}
    n_docs = 60 if quick else 120
    docs = []
    for i in range(n_docs):
        text, spans = generated_judgment(rng, rng.randint(4, 9))
        doc_id = project.documents.add_text(f"生成文书 {i + 1}", text).documents_added[0].id
        docs.append((doc_id, text, [(s, e, cat_ids.get(POOL_CATEGORIES[k])) for s, e, k in spans]))
    half = len(docs) // 2
    train, test = docs[:half], docs[half:]
    test_truth = [(d, s, e, c) for d, _t, spans in test for s, e, c in spans]
    test_sentences = [(d, s, e, c, text[s:e]) for d, text, spans in test for s, e, c in spans]
    print(
        f"\n(b) the sample project ({sample_tags} tags in 5 documents) plus {n_docs} generated judgments "
        f"({half} to code, {len(test)} to test; {len(cat_ids)} categories)"
    )
    print("    N   docs  tags (fewest/most)   suggestions P / R   baseline P / R   train ms  suggest ms/doc")
    coded = 0
    counts = Counter(a.category_id for a in project.annotations.list())
    for n in curve:
        while coded < len(train) and not all(counts[c] >= n for c in cat_ids.values()):
            d, _text, spans = train[coded]
            for s, e, c in spans:
                if c is not None:
                    project.annotations.add(d, s, e, c, who.id)
                    counts[c] += 1
            project.documents.set_status(d, who.id, "done")
            coded += 1
        snap = project.suggestions.snapshot(None, list(cat_ids.values()), who.id, [d for d, _t, _s in test])
        for c in cat_ids.values():
            snap.thresholds.setdefault(c, DEFAULT_THRESHOLD)  # categories under 10 tags: on for the curve
        for d, _t, _s in test + train[:coded]:
            snap.cache.get(snap.data.docs[d])
        t0 = time.perf_counter()
        snap.build()
        train_ms = (time.perf_counter() - t0) * 1000
        t0 = time.perf_counter()
        found = [g for d, _t, _s in test for g in snap.suggest(snap.data.docs[d])]
        suggest_ms = (time.perf_counter() - t0) * 1000 / len(test)
        p, r = score(test_truth, covered(test_truth, found))
        coded_sentences = [(d, s, e, c, text[s:e]) for d, text, spans in train[:coded] for s, e, c in spans]
        predicted, _fit = baseline_predictions(coded_sentences, test_sentences)
        bp, br = score(test_truth, predicted)
        few, many = min(counts[c] for c in cat_ids.values()), max(counts[c] for c in cat_ids.values())
        print(
            f"  {n:4d}  {coded:4d}  {few:5d} / {many:<5d}         {p:.3f} / {r:.3f}      {bp:.3f} / {br:.3f}"
            f"     {train_ms:6.0f}  {suggest_ms:6.1f}"
        )
        out[f"b_p{n}"], out[f"b_r{n}"] = round(p, 3), round(r, 3)
        out[f"b_base_p{n}"], out[f"b_base_r{n}"] = round(bp, 3), round(br, 3)
    project.close()


# ---------------------------------------------------------------------------------- (c) speed


def part_c(out, quick):
    rng = random.Random(SEED + 1)
    tmp = Path(tempfile.mkdtemp(prefix="suggest-speed-"))
    project = Project.create(tmp / "speed.sqlite")
    who = project.annotators.ensure("研究者")
    cat_ids = {name: project.codebook.find(name).id for name in set(POOL_CATEGORIES.values()) if name}
    target = 1000 if quick else 5000
    tags = 0
    while tags < target:
        text, spans = generated_judgment(rng, 12)
        doc_id = project.documents.add_text(f"文书 {tags}", text).documents_added[0].id
        for s, e, k in spans:
            c = cat_ids.get(POOL_CATEGORIES[k])
            if c is not None and tags < target:
                project.annotations.add(doc_id, s, e, c, who.id)
                tags += 1
    n_docs = len(project.documents.list())
    long_text, _spans = generated_judgment(rng, 2000)  # about 200,000 characters
    long_id = project.documents.add_text("长文书", long_text).documents_added[0].id
    t0 = time.perf_counter()
    snap = project.suggestions.snapshot([who.id], for_annotator=who.id, extra_documents=[long_id])
    read_ms = (time.perf_counter() - t0) * 1000
    t0 = time.perf_counter()
    snap.build()
    cold_ms = (time.perf_counter() - t0) * 1000
    retrains = []
    for _ in range(3 if quick else 5):
        # What the window does after one decision: read again, refit (document features are kept).
        t0 = time.perf_counter()
        snap = project.suggestions.snapshot([who.id], for_annotator=who.id, extra_documents=[long_id])
        snap.build()
        retrains.append((time.perf_counter() - t0) * 1000)
    retrain_ms = statistics.median(retrains)
    some_doc = snap.data.docs[next(iter(d for d in snap.data.docs if d != long_id))]
    t0 = time.perf_counter()
    snap.suggest(some_doc)
    warm_ms = (time.perf_counter() - t0) * 1000
    long_doc = snap.data.docs[long_id]
    project.suggestions.cache.clear()
    t0 = time.perf_counter()
    snap.suggest(long_doc)
    long_cold_ms = (time.perf_counter() - t0) * 1000
    t0 = time.perf_counter()
    snap.suggest(long_doc)
    long_warm_ms = (time.perf_counter() - t0) * 1000
    # Baseline: counting the keywords of the same tags (no features, no fitting).
    texts = [(snap.data.docs[t.document_id].text[t.start : t.end], t.category_id) for t in snap.data.tags]
    t0 = time.perf_counter()
    KeywordBaseline(texts)
    base_ms = (time.perf_counter() - t0) * 1000
    print(
        f"\n(c) {tags} tags in {n_docs} generated documents, {len(cat_ids)} categories; one more document of "
        f"{len(long_text):,} characters"
    )
    print(
        f"    reading the training data: {read_ms:.0f} ms; first training (features of every document): "
        f"{cold_ms:.0f} ms"
    )
    print(
        f"    retraining after a decision (read + refit, features kept): {retrain_ms:.0f} ms "
        f"(target ≤ 1000 ms); keyword baseline on the same tags: {base_ms:.0f} ms "
        f"(ratio {retrain_ms / max(base_ms, 1e-9):.1f})"
    )
    print(
        f"    suggestions for one document: {warm_ms:.1f} ms; for the {len(long_text):,}-character one: "
        f"{long_cold_ms:.0f} ms the first time (features), {long_warm_ms:.0f} ms after"
    )
    out.update(
        c_tags=tags,
        c_read_ms=round(read_ms),
        c_first_train_ms=round(cold_ms),
        c_retrain_ms=round(retrain_ms),
        c_baseline_ms=round(base_ms),
        c_suggest_doc_ms=round(warm_ms, 1),
        c_suggest_long_cold_ms=round(long_cold_ms),
        c_suggest_long_warm_ms=round(long_warm_ms),
    )
    part_d(project, who.id, long_id, out)
    project.close()


# ------------------------------------------------------------------ (d) the window while it trains


def _rss_mb(pid: int | str = "self", field: str = "VmRSS") -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def part_d(project, who_id: int, long_id: int, out) -> None:
    """What the window feels while suggestions are trained: the reads a document open makes (its text and
    every tag, through the services), timed again and again during one first training (every document's
    features, then the fits) run the old way (the tags read on this thread, training in a thread of this
    process) and the new way (services/suggest_process.py: a helper process reads and trains). Baseline:
    the same reads with nothing running, in the same run."""
    import queue
    import threading

    from annotator.services.suggest_process import Request, SuggestionProcess

    def probe() -> float:
        t0 = time.perf_counter()
        project.documents.get(long_id)
        project.annotations.list()
        return (time.perf_counter() - t0) * 1000

    idle = [probe() for _ in range(7)]
    base = statistics.median(idle)

    def during(done) -> tuple[list[float], float]:
        times, peak = [], _rss_mb()
        while not done():
            times.append(probe())
            peak = max(peak, _rss_mb())
        return times, peak

    # The old way: read on this thread, train in a thread (cold features, as after opening the project).
    rss0 = _rss_mb()
    t0 = time.perf_counter()
    snap = project.suggestions.snapshot([who_id], for_annotator=who_id, extra_documents=[long_id])
    start_thread_ms = (time.perf_counter() - t0) * 1000
    snap.cache = FeatureCache()
    began = time.perf_counter()
    worker = threading.Thread(target=snap.suggest, args=(snap.data.docs[long_id],), name="suggestions")
    worker.start()
    thread_probes, thread_peak = during(lambda: not worker.is_alive())
    thread_s = time.perf_counter() - began
    del snap  # the features and models trained in this process go with it
    # The new way: the helper process (started here, so its own start-up is inside the run).
    results: queue.Queue = queue.Queue()
    helper = SuggestionProcess(results.put)
    rss1 = _rss_mb()
    t0 = time.perf_counter()
    helper.submit(Request(1, project.connect_to, (who_id,), who_id, long_id))
    start_process_ms = (time.perf_counter() - t0) * 1000
    process_probes, process_peak = during(lambda: not results.empty())
    process_s = time.perf_counter() - t0
    result = results.get()
    helper_peak = _rss_mb(helper.pid, "VmHWM")
    helper.close()
    if result.error or not result.suggestions:
        raise SystemExit(f"the helper process found nothing: {result.error or 'no suggestions'}")
    t_med, p_med = statistics.median(thread_probes), statistics.median(process_probes)
    print(
        f"\n(d) the window's reads for opening a document (its text and all {len(project.annotations.list())} tags): "
        f"{base:.0f} ms with nothing running"
    )
    print(
        f"    while a first training runs in a thread of the window ({thread_s:.1f} s): {t_med:.0f} ms "
        f"(median of {len(thread_probes)}, {t_med / base:.1f}x); the tags read on the window's thread first: "
        f"{start_thread_ms:.0f} ms; the window's memory +{thread_peak - rss0:.0f} MB"
    )
    print(
        f"    while it runs in the helper process ({process_s:.1f} s, with the process's start): {p_med:.0f} ms "
        f"(median of {len(process_probes)}, {p_med / base:.1f}x); the window's part: {start_process_ms:.1f} ms to "
        f"send the request; the window's memory +{max(process_peak - rss1, 0):.0f} MB, the helper's peak "
        f"{helper_peak:.0f} MB"
    )
    out.update(
        d_read_idle_ms=round(base, 1),
        d_read_thread_ms=round(t_med, 1),
        d_read_process_ms=round(p_med, 1),
        d_thread_ratio=round(t_med / base, 2),
        d_process_ratio=round(p_med / base, 2),
        d_ui_thread_start_ms=round(start_thread_ms),
        d_ui_process_start_ms=round(start_process_ms, 1),
        d_window_mb_thread=round(thread_peak - rss0),
        d_window_mb_process=round(max(process_peak - rss1, 0)),
        d_helper_peak_mb=round(helper_peak),
    )


def import_cost(out) -> None:
    """What importing scikit-learn costs (paid on the first training, not at start-up)."""
    code = (
        "import time; t = time.perf_counter(); import sklearn.linear_model, sklearn.feature_extraction, "
        "scipy.sparse; print((time.perf_counter() - t) * 1000)"
    )
    ms = [
        float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
        for _ in range(3)
    ]
    base = [
        float(
            subprocess.run(
                [
                    sys.executable,
                    "-c",
                    code.replace(
                        "import sklearn.linear_model, sklearn.feature_extraction, scipy.sparse",
                        "import json, csv",
                    ),
                ],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        )
        for _ in range(3)
    ]
    print(
        f"\nimporting scikit-learn's linear models and scipy.sparse: {statistics.median(ms):.0f} ms "
        f"(json and csv: {statistics.median(base):.1f} ms)"
    )
    out["sklearn_import_ms"] = round(statistics.median(ms))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="smaller corpus (b) and 1,000 tags for (c)")
    args = ap.parse_args()
    out: dict[str, object] = {}
    import_cost(out)
    if (DEV / "truth.json").is_file():
        part_a(CURVE, out)
    else:
        print(f"(a) skipped: no real judgments at {DEV}")
    part_b(CURVE, out, args.quick)
    part_c(out, args.quick)
    print("RESULT " + " ".join(f"{k}={v}" for k, v in out.items()))


if __name__ == "__main__":
    main()
