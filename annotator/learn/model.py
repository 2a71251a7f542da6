"""A linear classifier per category over sentences or clauses, trained on the project's tags.

For each category the examples are the candidate passages of the documents that were coded: a passage
mostly (≥ half) inside a tag of the category is a positive; an untagged passage inside the stretch known
to have been coded, and every passage the user rejected for the category, is a negative; passages only
partly inside a tag are left out as ambiguous. A category whose tags are mostly shorter than their
sentences is learnt over clauses, the others over sentences. The model is scikit-learn's logistic
regression (liblinear, dual), one binary model per category, so a passage can get more than one category.

Retraining is cheap because document features are cached (`features.FeatureCache`); training stops
early when `cancelled()` turns true (a newer tag made this run stale).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from statistics import median
from typing import Any

from annotator.learn.data import DocData, Span, Suggestion, TrainingData
from annotator.learn.features import FeatureCache
from annotator.learn.units import coverage

POSITIVE_COVER = 0.5  # a passage at least this much inside a tag of the category is an example of it
REJECTED_WEIGHT = 2.0  # a rejection is a decision the user made, worth more than an untagged passage
MIN_EXAMPLES = 2  # of each class, else there is nothing to learn
# Untagged passages beyond this many (per category) are sampled, with a fixed seed so that a retrain
# sees the same ones: the fit's cost grows with the examples, and past a few thousand "not this
# category" passages more of them change little. Rejections are always kept.
MAX_UNTAGGED = 3000


class Cancelled(Exception):
    """Training or scoring stopped because its result is no longer wanted."""


@dataclass
class CategoryModel:
    category_id: int
    level: str  # "sentence" or "clause"
    weights: Any  # the logistic regression's coefficients, a sparse 1 × N_FEATURES row
    intercept: float
    positives: int
    negatives: int

    def proba(self, rows) -> list[float]:
        import numpy as np

        z = np.asarray((rows @ self.weights.T).todense()).ravel() + self.intercept
        return [float(p) for p in 1.0 / (1.0 + np.exp(-z))]


@dataclass
class Model:
    categories: dict[int, CategoryModel] = field(default_factory=dict)
    train_seconds: float = 0.0

    def score_units(
        self, doc: DocData, cache: FeatureCache
    ) -> dict[int, tuple[list[tuple[int, int]], list[float]]]:
        """Per category: its candidate passages of `doc` and the probability of each."""
        feats = cache.get(doc)
        out = {}
        for cat_id, m in self.categories.items():
            units = feats.units(m.level)
            if not units:
                out[cat_id] = (units, [])
                continue
            out[cat_id] = (units, m.proba(feats.rows(m.level)))
        return out

    def suggest(
        self,
        doc: DocData,
        cache: FeatureCache,
        thresholds: dict[int, float],
        tagged: Iterable[Span] = (),
        rejected: Iterable[Span] = (),
    ) -> list[Suggestion]:
        """Passages of `doc` scored at or above their category's threshold, adjacent ones of a line joined
        (the score of a joined passage is its lowest); none inside a tag of its category or rejected."""
        by_cat: dict[int, list[tuple[int, int]]] = {}
        for t in tagged:
            if t.document_id == doc.id:
                by_cat.setdefault(t.category_id, []).append((t.start, t.end))
        no: set[tuple[int, int, int]] = set()
        rejected_by_cat: dict[int, list[tuple[int, int]]] = {}
        for r in rejected:
            if r.document_id == doc.id:
                no.add((r.start, r.end, r.category_id))
                rejected_by_cat.setdefault(r.category_id, []).append((r.start, r.end))
        out: list[Suggestion] = []
        for cat_id, (units, scores) in self.score_units(doc, cache).items():
            threshold = thresholds.get(cat_id)
            if threshold is None:
                continue
            taken = sorted(by_cat.get(cat_id, []))
            refused = sorted(rejected_by_cat.get(cat_id, []))
            run: list[tuple[int, int, float]] = []
            for (s, e), p in zip(units, scores, strict=True):
                keep = (
                    p >= threshold and coverage(taken, s, e) == 0 and coverage(refused, s, e) < POSITIVE_COVER
                )
                if keep and run and "\n" not in doc.text[run[-1][1] : s]:
                    run.append((s, e, p))
                    continue
                _close(out, doc, cat_id, run, no)
                run = [(s, e, p)] if keep else []
            _close(out, doc, cat_id, run, no)
        out.sort(key=lambda g: (g.start, g.end, g.category_id))
        return out


def _close(
    out: list[Suggestion],
    doc: DocData,
    cat_id: int,
    run: list[tuple[int, int, float]],
    no: set[tuple[int, int, int]],
) -> None:
    if not run:
        return
    s, e = run[0][0], run[-1][1]
    if (s, e, cat_id) in no:
        return
    out.append(Suggestion(doc.id, s, e, cat_id, min(p for *_, p in run), "classifier", doc.text[s:e]))


def _level(
    data: TrainingData, tags: list[Span], cache: FeatureCache, cancelled: Callable[[], bool] = lambda: False
) -> str:
    """'clause' when the category's tags are mostly shorter than the sentences they lie in."""
    ratios = []
    for t in tags[:200]:
        doc = data.docs.get(t.document_id)
        if doc is None:
            continue
        if cancelled():
            raise Cancelled()
        sents = cache.get(doc).sentences
        i = max(bisect_left(sents, (t.start + 1, -1)) - 1, 0)
        if i < len(sents):
            s, e = sents[i]
            if s <= t.start < e:
                ratios.append((t.end - t.start) / max(e - s, 1))
    return "clause" if ratios and median(ratios) < 0.6 else "sentence"


def _covers(units: list[tuple[int, int]], spans: list[tuple[int, int]]) -> list[float]:
    """For each unit (sorted, disjoint), the share of it inside `spans` (capped at 1)."""
    out = [0.0] * len(units)
    starts = [u[0] for u in units]
    for s, e in spans:
        i = max(bisect_left(starts, s) - 1, 0)
        while i < len(units) and units[i][0] < e:
            us, ue = units[i]
            overlap = min(ue, e) - max(us, s)
            if overlap > 0:
                out[i] = min(1.0, out[i] + overlap / max(ue - us, 1))
            i += 1
    return out


def train(
    data: TrainingData,
    cache: FeatureCache,
    category_ids: Iterable[int],
    cancelled: Callable[[], bool] = lambda: False,
    c: float = 1.0,
) -> Model:
    """One model per category in `category_ids` that has enough positive and negative examples."""
    import time

    began = time.perf_counter()
    by_cat = _by_category(data.tags)
    rejected_by_cat = _by_category(data.rejected)
    rows_at = _LevelRows(data, cache, _coded_documents(data), cancelled)
    model = Model()
    for cat_id in category_ids:
        tags = by_cat.get(cat_id, [])
        if not tags:
            continue
        if cancelled():
            raise Cancelled()
        level = _level(data, tags, cache, cancelled)
        rows, units_by_doc = rows_at(level)
        if rows is None:
            continue
        y, w = _examples(data, rows_at.doc_ids, units_by_doc, tags, rejected_by_cat.get(cat_id, []))
        _sample_untagged(y, w, seed=cat_id)
        positives = int((y == 1).sum())
        negatives = int((y == 0).sum())
        if positives < MIN_EXAMPLES or negatives < MIN_EXAMPLES:
            continue
        weights, intercept = _fit(rows, y, w, c)
        model.categories[cat_id] = CategoryModel(cat_id, level, weights, intercept, positives, negatives)
    model.train_seconds = time.perf_counter() - began
    return model


def _by_category(spans: Iterable[Span]) -> dict[int, list[Span]]:
    out: dict[int, list[Span]] = {}
    for t in spans:
        out.setdefault(t.category_id, []).append(t)
    return out


def _by_document(spans: Iterable[Span]) -> dict[int, list[tuple[int, int]]]:
    out: dict[int, list[tuple[int, int]]] = {}
    for t in spans:
        out.setdefault(t.document_id, []).append((t.start, t.end))
    return out


def _coded_documents(data: TrainingData) -> list[int]:
    """The documents that give examples: those with a tag or a rejection, or read some way, in id order."""
    return sorted(
        d
        for d in {t.document_id for t in data.tags} | {r.document_id for r in data.rejected} | set(data.read)
        if d in data.docs
    )


class _LevelRows:
    """The feature rows of every unit of every coded document at one level, stacked once per level for
    all the categories learnt at that level."""

    def __init__(
        self, data: TrainingData, cache: FeatureCache, doc_ids: list[int], cancelled: Callable[[], bool]
    ) -> None:
        self.data, self.cache, self.doc_ids, self.cancelled = data, cache, doc_ids, cancelled
        self._stacked: dict[str, tuple] = {}  # level -> (rows, units per document)

    def __call__(self, level: str) -> tuple[Any, list[list[tuple[int, int]]]]:
        if level not in self._stacked:
            from scipy.sparse import vstack

            feats = []
            for d in self.doc_ids:  # features of a long document take seconds: stop between documents
                if self.cancelled():
                    raise Cancelled()
                feats.append(self.cache.get(self.data.docs[d]))
            units = [f.units(level) for f in feats]
            rows = vstack([f.rows(level) for f in feats]).tocsr() if feats else None
            self._stacked[level] = (rows, units)
        return self._stacked[level]


def _examples(
    data: TrainingData,
    doc_ids: list[int],
    units_by_doc: list[list[tuple[int, int]]],
    tags: list[Span],
    rejected: list[Span],
):
    """The label (1, 0, or -1 for no example) and the weight of every unit, by the rule in the module's
    docstring, as numpy arrays in the order of the stacked rows."""
    import numpy as np

    spans_by_doc = _by_document(tags)
    refused_by_doc = _by_document(rejected)
    labels: list[int] = []
    weights: list[float] = []
    for doc_id, units in zip(doc_ids, units_by_doc, strict=True):
        cover = _covers(units, spans_by_doc.get(doc_id, []))
        refused = _covers(units, refused_by_doc[doc_id]) if doc_id in refused_by_doc else None
        read_to = data.read.get(doc_id, 0)
        for i, (_s, e) in enumerate(units):
            label, weight = _label(cover[i], refused[i] if refused is not None else None, e <= read_to)
            labels.append(label)
            weights.append(weight)
    return np.asarray(labels, dtype=np.int8), np.asarray(weights)


def _label(cover: float, refused: float | None, read: bool) -> tuple[int, float]:
    """(label, weight) of one unit from how much of it is tagged, how much rejected, and whether it was read."""
    if cover >= POSITIVE_COVER:
        return 1, 1.0
    if refused is not None and refused >= POSITIVE_COVER:
        return 0, REJECTED_WEIGHT
    if cover == 0 and read:
        return 0, 1.0
    return -1, 0.0  # partly tagged, or not yet read: no example


def _sample_untagged(y, w, seed: int) -> None:
    """Keep MAX_UNTAGGED of the untagged negatives (the same ones on every retrain), in place."""
    import numpy as np

    untagged = np.flatnonzero((y == 0) & (w == 1.0))
    if len(untagged) > MAX_UNTAGGED:
        drop = np.random.default_rng(seed).permutation(untagged)[MAX_UNTAGGED:]
        y[drop] = -1


def _fit(rows, y, w, c: float) -> tuple[Any, float]:
    """The logistic regression over the units that are examples: (coefficients as a sparse row, intercept)."""
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    keep = y >= 0
    # The dual solver works over examples, so the 2^20 hashed columns cost nothing but the weight
    # vector; the tolerance is what a ranking of passages needs, and keeps a refit to a few tens of ms.
    clf = LogisticRegression(
        C=c, solver="liblinear", dual=True, class_weight="balanced", tol=1e-3, max_iter=500
    )
    clf.fit(rows[keep], y[keep], sample_weight=w[keep])
    return csr_matrix(clf.coef_), float(clf.intercept_[0])
