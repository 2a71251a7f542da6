"""Agreement coefficients over reliability data, in pure Python.

Reliability data are given as a *pattern table*: a mapping from a unit's values by coder (a tuple with
one entry per coder, `None` where that coder gave no value) to the number of units that show exactly
that pattern. Characters of a long text repeat a handful of patterns millions of times, so every measure
here costs O(patterns), not O(units); `table()` builds a pattern table from plain rows.

Each coefficient is written as its source writes it, and each returns `nan` where the source leaves it
undefined (e.g. no variation at all, so no chance agreement to correct for).

Sources
- Percent agreement: the share of agreeing pairs of values within a unit, averaged over units (for two
  coders simply the share of units on which they agree).
- Cohen, J. (1960). A coefficient of agreement for nominal scales. Educational and Psychological
  Measurement 20: 37–46.
- Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters. Psychological Bulletin
  76(5): 378–382.
- Krippendorff, K. (2011). Computing Krippendorff's alpha-reliability. Annenberg School for
  Communication, University of Pennsylvania; and Content Analysis, 2nd ed. (2004), ch. 11.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

Value = Hashable | None
Pattern = tuple[Value, ...]
PatternTable = Mapping[Pattern, float]

NAN = float("nan")


@dataclass(frozen=True, slots=True)
class Alpha:
    """Krippendorff's α with its parts, so that several can be pooled as 1 − ΣD_o / ΣD_e."""

    observed: float  # D_o
    expected: float  # D_e
    pairable: float = 0.0  # n: values in units coded by at least two coders

    @property
    def value(self) -> float:
        return 1.0 - self.observed / self.expected if self.expected > 0 else NAN


def table(rows: Iterable[Sequence[Value]], weights: Iterable[float] | None = None) -> Counter:
    """A pattern table from rows of values by coder (one row per unit)."""
    out: Counter = Counter()
    if weights is None:
        for row in rows:
            out[tuple(row)] += 1
    else:
        for row, w in zip(rows, weights, strict=True):
            out[tuple(row)] += w
    return out


@lru_cache(maxsize=1 << 14)
def _values(pattern: Pattern) -> tuple[int, int, tuple[tuple[Value, int], ...], bool]:
    """Of one pattern: how many values it has, Σ over its distinct values of their count squared, the
    counts, and whether every coder gave a value. A report computes its measures on a few hundred
    tables that repeat the same handful of patterns; counting each pattern once made them twice as fast."""
    counts = Counter(v for v in pattern if v is not None)
    m = sum(counts.values())
    return m, sum(c * c for c in counts.values()), tuple(counts.items()), m == len(pattern)


def pooled_alpha(parts: Iterable[Alpha]) -> float:
    """1 − ΣD_o / ΣD_e: several categories' α (binary, or unitized) as one figure."""
    observed = expected = 0.0
    for p in parts:
        if math.isnan(p.observed) or math.isnan(p.expected):
            continue
        observed += p.observed
        expected += p.expected
    return 1.0 - observed / expected if expected > 0 else NAN


def percent_agreement(data: PatternTable) -> float:
    """Mean over units (with at least two values) of the share of agreeing pairs of values.

    P = Σ_u w_u · a_u / Σ_u w_u, with a_u = Σ_v C(n_uv, 2) / C(m_u, 2), where m_u is the number of
    values in unit u and n_uv how many of them are v.
    """
    total = agree = 0.0
    for pattern, w in data.items():
        m, squares, _counts, _complete = _values(pattern)
        if m < 2:
            continue
        same = squares - m  # Σ n (n − 1)
        total += w
        agree += w * same / (m * (m - 1))
    return agree / total if total else NAN


def cohen_kappa(data: PatternTable) -> float:
    """Cohen's κ for two coders: κ = (p_o − p_e) / (1 − p_e).

    p_o is the share of units on which both coders give the same value; p_e = Σ_k p_1k · p_2k, from each
    coder's own marginal distribution (Cohen 1960). Units that either coder left empty are skipped.
    """
    return _kappa(*cohen_parts(data))


def cohen_parts(data: PatternTable) -> tuple[float, float]:
    """(p_o, p_e) of Cohen's κ; (nan, nan) without units both coders coded."""
    total = agree = 0.0
    first: dict[Value, float] = defaultdict(float)
    second: dict[Value, float] = defaultdict(float)
    for pattern, w in data.items():
        if len(pattern) != 2:
            raise ValueError("Cohen's kappa compares exactly two coders")
        a, b = pattern
        if a is None or b is None:
            continue
        total += w
        first[a] += w
        second[b] += w
        if a == b:
            agree += w
    if not total:
        return NAN, NAN
    p_e = sum(first[k] * second.get(k, 0.0) for k in first) / (total * total)
    return agree / total, p_e


def _kappa(p_o: float, p_e: float) -> float:
    if math.isnan(p_o) or p_e >= 1.0:
        return NAN
    return (p_o - p_e) / (1.0 - p_e)


def pooled_kappa(parts: Iterable[tuple[float, float]]) -> float:
    """1 − Σ(1 − p_o) / Σ(1 − p_e): the categories' κ averaged with their chance disagreement
    (1 − p_e) as weights, as Fleiss (1971) combines category-specific kappas."""
    observed = expected = 0.0
    for p_o, p_e in parts:
        if math.isnan(p_o) or math.isnan(p_e):
            continue
        observed += 1.0 - p_o
        expected += 1.0 - p_e
    return 1.0 - observed / expected if expected > 0 else NAN


def fleiss_kappa(data: PatternTable) -> float:
    """Fleiss' κ for n coders who all coded every unit: κ = (P̄ − P̄_e) / (1 − P̄_e).

    P_i = (Σ_j n_ij² − n) / (n (n − 1)) is the agreement within unit i, P̄ its mean over the N units;
    p_j = Σ_i n_ij / (N n) the share of all assignments to category j, P̄_e = Σ_j p_j² (Fleiss 1971).
    Units that some coder left empty are skipped.
    """
    return _kappa(*fleiss_parts(data))


def fleiss_parts(data: PatternTable) -> tuple[float, float]:
    """(P̄, P̄_e) of Fleiss' κ; (nan, nan) without units every coder coded."""
    units = 0.0
    p_sum = 0.0
    totals: dict[Value, float] = defaultdict(float)
    n = None
    for pattern, w in data.items():
        values, squares, counts, complete = _values(pattern)
        if not complete:
            continue
        n = values
        units += w
        p_sum += w * (squares - n) / (n * (n - 1))
        for v, c in counts:
            totals[v] += w * c
    if not units or n is None or n < 2:
        return NAN, NAN
    return p_sum / units, sum((t / (units * n)) ** 2 for t in totals.values())


def krippendorff_alpha(data: PatternTable) -> Alpha:
    """Krippendorff's α for nominal data, any number of coders, values may be missing.

    Coincidences: o_ck = Σ_u (number of ordered pairs of values (c, k) within unit u, from different
    coders) / (m_u − 1), over units with m_u ≥ 2 values; n_c = Σ_k o_ck, n = Σ_c n_c.
    D_o = Σ_{c≠k} o_ck / n and D_e = Σ_{c≠k} n_c n_k / (n (n − 1)); α = 1 − D_o / D_e
    (Krippendorff 2011, section C; the nominal metric δ_ck = 0 if c = k else 1).
    """
    disagree = 0.0  # Σ_{c≠k} o_ck
    n_c: dict[Value, float] = defaultdict(float)
    for pattern, w in data.items():
        m, squares, counts, _complete = _values(pattern)
        if m < 2:
            continue
        # Ordered pairs from different coders with different values: m² − Σ n_v².
        unequal = m * m - squares
        disagree += w * unequal / (m - 1)
        for v, c in counts:
            n_c[v] += w * c
    n = sum(n_c.values())
    if n <= 1:
        return Alpha(NAN, NAN, n)
    observed = disagree / n
    expected = (n * n - sum(c * c for c in n_c.values())) / (n * (n - 1))
    return Alpha(observed, expected, n)


def pairwise_mean(values: Iterable[float]) -> float:
    items = [v for v in values if not math.isnan(v)]
    return sum(items) / len(items) if items else NAN
