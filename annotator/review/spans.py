"""Span-level precision, recall and F1 between two coders, with exact or overlapping match.

Coder A is taken as the reference and B as the response (swap them to swap precision and recall; F1 is
the same either way). A tag of B is *exact*-matched when A has a tag of the same category with the same
document, start and end; *overlap*-matched when A has a tag of the same category in the same document
sharing at least one character. Precision = matched B tags / B tags, recall = matched A tags / A tags,
F1 = 2PR / (P + R) (for exact match this is 2·|A∩B| / (|A| + |B|)). Three or more coders: the mean over
pairs. Duplicates (one coder tagging the same passage twice with one category) count once.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from annotator.review.measures import NAN

Key = tuple[int, int]  # (document id, category id)


@dataclass(frozen=True, slots=True)
class SpanScores:
    precision: float
    recall: float
    f1: float
    reference: int  # tags of A
    response: int  # tags of B


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r > 0 else 0.0


def _group(spans: Iterable[tuple[int, int, int, int]]) -> dict[Key, list[tuple[int, int]]]:
    out: dict[Key, set[tuple[int, int]]] = defaultdict(set)
    for doc, cat, s, e in spans:
        out[(doc, cat)].add((s, e))
    return {k: sorted(v) for k, v in out.items()}


def exact(a: Iterable[tuple[int, int, int, int]], b: Iterable[tuple[int, int, int, int]]) -> SpanScores:
    """`a` and `b` are (document, category, start, end) of each coder's tags."""
    sa = {t for t in a}
    sb = {t for t in b}
    if not sa and not sb:
        return SpanScores(NAN, NAN, NAN, 0, 0)
    both = len(sa & sb)
    p = both / len(sb) if sb else NAN
    r = both / len(sa) if sa else NAN
    f = 2 * both / (len(sa) + len(sb))
    return SpanScores(p, r, f, len(sa), len(sb))


def matched(spans: list[tuple[int, int]], others: list[tuple[int, int]]) -> int:
    """How many of `spans` overlap at least one of `others` (both sorted by start)."""
    if not others:
        return 0
    starts = [s for s, _ in others]
    reach = []  # reach[i]: the furthest end among others[:i + 1]
    best = -1
    for _, e in others:
        best = max(best, e)
        reach.append(best)
    n = 0
    for s, e in spans:
        i = bisect_left(starts, e) - 1  # others starting before this span ends
        if i >= 0 and reach[i] > s:
            n += 1
    return n


def overlap(a: Iterable[tuple[int, int, int, int]], b: Iterable[tuple[int, int, int, int]]) -> SpanScores:
    ga, gb = _group(a), _group(b)
    na = sum(len(v) for v in ga.values())
    nb = sum(len(v) for v in gb.values())
    if not na and not nb:
        return SpanScores(NAN, NAN, NAN, 0, 0)
    hit_a = sum(matched(v, gb.get(k, [])) for k, v in ga.items())
    hit_b = sum(matched(v, ga.get(k, [])) for k, v in gb.items())
    p = hit_b / nb if nb else NAN
    r = hit_a / na if na else NAN
    f = _f1(p, r) if nb and na else 0.0
    return SpanScores(p, r, f, na, nb)
