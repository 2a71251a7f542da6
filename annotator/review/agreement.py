"""An agreement report: every measure, per category and overall, and per document.

Per category, a unit's value for a coder is "has this category" or "has not"; percent agreement, κ and
Krippendorff's α are computed on that (units a coder did not code are skipped by κ and are missing
values for α). κ is Cohen's for two coders and Fleiss' for three or more.

Overall figures pool the categories the way α_u is pooled: α = 1 − Σ_c D_o(c) / Σ_c D_e(c) and
κ = 1 − Σ_c (1 − p_o(c)) / Σ_c (1 − p_e(c)), i.e. the categories' κ averaged with their chance
disagreement as weights (Fleiss 1971 combines category kappas so). Overall percent agreement is the
share of units to which the coders gave exactly the same set of categories.

α_u is always computed over characters, per category and pooled overall, on documents every coder
coded; whether untagged text counts does not apply to it (its gaps are part of the measure). F1 is
span-level, exact and overlap match, mean over pairs of coders (see `spans.py`); overall F1 counts the
matches of all categories together.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations

import numpy as np

from annotator.review.corpus_spans import span_counts
from annotator.review.corpus_sweep import pattern_tables, sweep_arrays, sweep_corpus
from annotator.review.corpus_unitized import CorpusUnitized, distinct_rows
from annotator.review.measures import (
    NAN,
    Alpha,
    PatternTable,
    cohen_parts,
    fleiss_parts,
    krippendorff_alpha,
    percent_agreement,
    pooled_alpha,
    pooled_kappa,
)
from annotator.review.units import Interval, Tag, co_coverage

UNITS = ("char", "token", "sentence")


@dataclass(frozen=True, slots=True)
class Measures:
    category: int | None  # None: overall
    units: float  # units that at least two coders coded
    percent: float
    kappa: float
    alpha: float
    alpha_u: float
    f1_exact: float
    f1_overlap: float


@dataclass
class Report:
    coders: tuple[int, ...]
    unit: str
    count_untagged: bool
    categories: list[Measures]
    overall: Measures
    documents: dict[int, Measures] = field(default_factory=dict)  # overall figures per document
    # Two coders: (category of A, category of B) → units; None where one of them gave no category.
    confusion: dict[tuple[int | None, int | None], float] = field(default_factory=dict)


def kappa_parts(table: PatternTable, coders: int) -> tuple[float, float]:
    return cohen_parts(table) if coders == 2 else fleiss_parts(table)


def _kappa(parts: tuple[float, float]) -> float:
    p_o, p_e = parts
    if math.isnan(p_o) or p_e >= 1.0:
        return NAN
    return (p_o - p_e) / (1.0 - p_e)


def _units(table: PatternTable) -> float:
    return float(sum(w for p, w in table.items() if sum(v is not None for v in p) >= 2))


def _ratio(x: float, y: float) -> float:
    return x / y if y else NAN


@dataclass
class _SpanCounts:
    """Matches between two coders' tags, added up over categories and documents."""

    a: int = 0
    b: int = 0
    exact: int = 0
    hit_a: int = 0  # tags of A that overlap a tag of B
    hit_b: int = 0

    def add(self, other: _SpanCounts) -> None:
        self.a += other.a
        self.b += other.b
        self.exact += other.exact
        self.hit_a += other.hit_a
        self.hit_b += other.hit_b

    def f1(self) -> tuple[float, float]:
        if not self.a and not self.b:
            return NAN, NAN
        exact = 2 * self.exact / (self.a + self.b)
        if not self.a or not self.b:
            return exact, 0.0
        p, r = self.hit_b / self.b, self.hit_a / self.a
        return exact, (2 * p * r / (p + r) if p + r else 0.0)


def _f1(
    counts: Mapping[tuple[int, int, int], dict[int, _SpanCounts]],
    coders: Sequence[int],
    categories: Iterable[int],
    document: int | None = None,
) -> tuple[float, float]:
    exact, overlap = [], []
    cats = list(categories)
    for a, b in combinations(coders, 2):
        total = _SpanCounts()
        for c in cats:
            per_doc = counts.get((a, b, c), {})
            if document is None:
                for part in per_doc.values():
                    total.add(part)
            elif document in per_doc:
                total.add(per_doc[document])
        ex, ov = total.f1()
        exact.append(ex)
        overlap.append(ov)
    return _mean(exact), _mean(overlap)


def _mean(values: Iterable[float]) -> float:
    items = [v for v in values if not math.isnan(v)]
    return sum(items) / len(items) if items else NAN


def _overall(
    tables: Mapping[int, Counter],
    percent: tuple[float, float],
    m: int,
    alpha_u: float,
    f1: tuple[float, float],
) -> Measures:
    alphas = [krippendorff_alpha(t) for t in tables.values()]
    kappas = [kappa_parts(t, m) for t in tables.values()]
    units = max((_units(t) for t in tables.values()), default=0.0)
    return Measures(
        category=None,
        units=units,
        percent=_ratio(*percent),
        kappa=pooled_kappa(kappas),
        alpha=pooled_alpha(alphas),
        alpha_u=alpha_u,
        f1_exact=f1[0],
        f1_overlap=f1[1],
    )


def coders_by_document(tags: np.ndarray, coders: Sequence[int]) -> dict[int, set[int]]:
    """Document → the coders (of `coders`, every tag's coder among them) with a tag in it, from the
    (n, 5) tag array: one bit per coder, OR-ed over each document's run of tags."""
    if not len(tags):
        return {}
    if len(coders) > 62:  # more than an int64 holds as bits
        out: dict[int, set[int]] = defaultdict(set)
        for doc, coder in distinct_rows(tags[:, :2]):
            out[doc].add(coder)
        return out
    docs = tags[:, 0]
    order = None
    if not (docs[1:] >= docs[:-1]).all():  # read in document order, they need no sort
        order = np.argsort(docs, kind="stable")
        docs = docs[order]
    known = np.array(coders, dtype=np.int64)
    sorter = np.argsort(known)
    position = sorter[np.searchsorted(known, tags[:, 1], sorter=sorter)]
    bits = np.left_shift(np.int64(1), position if order is None else position[order])
    first = np.flatnonzero(np.concatenate(([True], docs[1:] != docs[:-1])))
    masks = np.bitwise_or.reduceat(bits, first)
    return {
        doc: {c for k, c in enumerate(coders) if mask >> k & 1}
        for doc, mask in zip(docs[first].tolist(), masks.tolist(), strict=True)
    }


def compute(
    tags: Iterable[Tag],
    coders: Sequence[int],
    lengths: Mapping[int, int],
    *,
    units: Mapping[int, Sequence[Interval]] | None = None,
    categories: Sequence[int] | None = None,
    count_untagged: bool = True,
    unit_name: str = "char",
    by_document: bool = True,
) -> Report:
    """Agreement among `coders` (annotator ids, at least two) on the documents in `lengths`
    (document id → length in code points).

    `units` gives each document's unit spans for word or sentence units (None: characters).
    `categories` restricts the report to those categories (default: every category the coders used).
    A coder with no tag in a document (of any category) did not code it.
    """
    coders = tuple(dict.fromkeys(coders))
    if len(coders) < 2:
        raise ValueError("agreement needs at least two annotators")
    m = len(coders)
    # The tags as one array, filtered and grouped in numpy (a Python pass per tag cost a second).
    arr = np.asarray(
        tags if isinstance(tags, list | tuple | np.ndarray) else list(tags), dtype=np.int64
    ).reshape(-1, 5)
    arr = arr[np.isin(arr[:, 1], coders) & np.isin(arr[:, 0], list(lengths))]
    coded = coders_by_document(arr, coders)
    if categories is None:
        categories = sorted(set(np.unique(arr[:, 2]).tolist()))
    categories = list(dict.fromkeys(categories))
    selected = arr[np.isin(arr[:, 2], categories)]

    # One sweep for every measure on units (κ, α, percent), the corpus's and each document's.
    counts = sweep_arrays(selected, coders, lengths, categories, units, coded)
    if counts is None:  # more coders or categories than a bit set holds
        counts = sweep_corpus(selected, coders, lengths, categories, units, coded)
    swept = pattern_tables(counts, categories, count_untagged, by_document)
    tables, percent = swept.categories, swept.percent
    unitized = CorpusUnitized(selected, coders, lengths, coded, categories)
    alphas_u = unitized.overall()
    spans = {
        key: {doc: _SpanCounts(*parts) for doc, parts in per_doc.items()}
        for key, per_doc in span_counts(selected, coders).items()
    }

    per_category = []
    for c in categories:
        table = tables[c]
        f1 = _f1(spans, coders, [c])
        per_category.append(
            Measures(
                category=c,
                units=_units(table),
                percent=percent_agreement(table),
                kappa=_kappa(kappa_parts(table, m)),
                alpha=krippendorff_alpha(table).value,
                alpha_u=alphas_u[c].value,
                f1_exact=f1[0],
                f1_overlap=f1[1],
            )
        )
    overall = _overall(tables, percent, m, pooled_alpha(alphas_u.values()), _f1(spans, coders, categories))

    documents: dict[int, Measures] = {}
    if by_document:
        doc_alphas_u = unitized.per_document()
        missing = {c: Alpha(NAN, NAN) for c in categories}
        for doc, (doc_tables, doc_percent) in swept.documents.items():
            doc_alpha_u = doc_alphas_u.get(doc, missing)
            documents[doc] = _overall(
                doc_tables,
                doc_percent,
                m,
                pooled_alpha(doc_alpha_u.values()),
                _f1(spans, coders, categories, doc),
            )
    confusion: Counter = Counter()
    if m == 2:
        per_doc_tags: dict[int, list[Tag]] = defaultdict(list)
        for t in map(tuple, selected.tolist()):
            per_doc_tags[t[0]].append(t)
        for doc, length in lengths.items():
            if len(coded.get(doc, ())) == 2:
                confusion.update(
                    co_coverage(
                        per_doc_tags.get(doc, ()),
                        coders[0],
                        coders[1],
                        length,
                        None if units is None else units.get(doc, ()),
                    )
                )
    return Report(
        coders=coders,
        unit=unit_name,
        count_untagged=count_untagged,
        categories=per_category,
        overall=overall,
        documents=documents,
        confusion=dict(confusion),
    )
