"""Term suggestions learnt from a project's own documents.

A term worth adding to the dictionary is a string of Chinese characters that (1) comes back often,
(2) holds together — its characters occur together far more often than chance would have them, at
its weakest split (pointwise mutual information), (3) has free boundaries — many different characters
(or punctuation) come before and after it, so it is not the fragment of a longer unit (left and right
branching entropy), and (4) jieba splits. Counting is level-wise (a string of n characters is counted
only when both its (n−1)-character parts came back often enough), so memory stays proportional to what
recurs rather than to all substrings.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")
# Function characters that do not begin or end a term (的, 了, 和, …): a string starting or ending with
# one is a phrase, not a term.
_EDGE = set("的了是在和与及或等对为被把将从向于而并其之也都就又已以由所这那此该有无不个上下中内外")
# …and what ends a date, an article number or a place name before a term (日出生, 条第一款, 市中级人民法院).
_START = _EDGE | set("日月年条款项号市区县省第")
_END = _EDGE | set("第")


@dataclass(frozen=True)
class Suggestion:
    term: str
    count: int  # occurrences in the documents read
    cohesion: float  # smallest PMI (natural log) over the ways of cutting it in two
    left_entropy: float  # branching entropy (nats) of what comes before it
    right_entropy: float
    jieba: tuple[str, ...]  # how jieba splits it today


def suggest_terms(
    texts: Iterable[str],
    split: Callable[[str], list[str]],
    *,
    known: set[str] = frozenset(),
    limit: int = 50,
    min_count: int = 3,
    min_len: int = 3,
    max_len: int = 8,
    min_cohesion: float = 2.0,
    min_entropy: float = 0.9,
    max_chars: int = 2_000_000,
) -> list[Suggestion]:
    """The best `limit` suggestions from `texts` (read up to `max_chars` characters), most
    frequent and cohesive first. `split` is the segmenter (returns the words of a string); `known`
    terms are never suggested."""
    runs = _runs(texts, max_chars)
    if not runs:
        return []
    counts = _gram_counts(runs, min_count, max_len)
    n_chars = sum(counts[1].values())
    out: list[Suggestion] = []
    for n in range(min_len, max_len + 1):
        longer = counts.get(n + 1, Counter())
        right: dict[str, Counter[str]] = defaultdict(Counter)
        left: dict[str, Counter[str]] = defaultdict(Counter)
        for g, c in longer.items():
            right[g[:-1]][g[-1]] += c
            left[g[1:]][g[0]] += c
        for gram, c in counts.get(n, Counter()).items():
            if c < min_count or gram in known or gram[0] in _START or gram[-1] in _END or "的" in gram:
                continue
            cohesion = min(
                math.log(c * n_chars / (counts[len(a)][a] * counts[len(b)][b]))
                for a, b in ((gram[:k], gram[k:]) for k in range(1, n))
                if counts.get(len(a), {}).get(a) and counts.get(len(b), {}).get(b)
            )
            if cohesion < min_cohesion:
                continue
            le = _entropy(left[gram], c)
            re_ = _entropy(right[gram], c)
            if min(le, re_) < min_entropy:
                continue
            pieces = tuple(split(gram))
            if len(pieces) < 2:
                continue
            out.append(Suggestion(gram, c, cohesion, le, re_, pieces))
    # A suggestion inside a longer one that occurs nearly as often is that one's fragment.
    by_term = {s.term: s for s in out}
    kept = [
        s
        for s in out
        if not any(t != s.term and s.term in t and by_term[t].count >= 0.8 * s.count for t in by_term)
    ]
    kept.sort(key=lambda s: (-s.count * min(s.cohesion, 8.0) * min(s.left_entropy, s.right_entropy), s.term))
    return kept[:limit]


def _runs(texts: Iterable[str], max_chars: int) -> list[str]:
    """The runs of Chinese characters in `texts`, up to about `max_chars` characters."""
    runs: list[str] = []
    total = 0
    for text in texts:
        for m in _RUN.finditer(text):
            runs.append(m.group())
            total += len(m.group())
        if total >= max_chars:
            break
    return runs


def _gram_counts(runs: list[str], min_count: int, max_len: int) -> dict[int, Counter[str]]:
    """Counts of the character n-grams of `runs` by length, for lengths up to max_len + 1 (the longer level
    gives the shorter one's neighbours); a gram is counted only where both its shorter grams are frequent."""
    counts: dict[int, Counter[str]] = {1: Counter(ch for run in runs for ch in run)}
    for n in range(2, max_len + 2):
        below = counts[n - 1]
        level: Counter[str] = Counter()
        for run in runs:
            for i in range(len(run) - n + 1):
                gram = run[i : i + n]
                if below.get(gram[:-1], 0) >= min_count and below.get(gram[1:], 0) >= min_count:
                    level[gram] += 1
        counts[n] = Counter({g: c for g, c in level.items() if c >= min_count or n == max_len + 1})
        if not level:
            break
    return counts


def _entropy(neighbours: Counter[str], count: int) -> float:
    """Branching entropy of a string's neighbours; an occurrence at a run's edge (punctuation, the
    text's start or end) counts as a neighbour of its own, the freest boundary there is."""
    edge = max(0, count - sum(neighbours.values()))
    probs = [c / count for c in neighbours.values()] + [1 / count] * edge
    return -sum(p * math.log(p) for p in probs if p > 0)
