"""α_u (see `unitized.py`) of every category, over the whole corpus and per document, in numpy.

`unitized.unitized_parts` and `unitized.combine` walk each document × category in Python: 200 documents
× 17 categories × 3 coders took seconds. Here each (document, category) is a *block*, the blocks are
laid end to end, and each coder's merged units and the gaps between them become arrays on that line.
For two coders the sections that intersect are found by merging their section boundaries (each
stretch between two consecutive boundaries is one intersecting pair), and δ² is summed per block.
`combine` is the same sum as in `unitized.combine`, over the blocks of a category or of one block,
done for all of them at once (in floating point: the figures agree with the exact sums to about 1e-12).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np

from annotator.review.measures import NAN, Alpha
from annotator.review.units import Tag


class CorpusUnitized:
    """α_u parts of the documents every coder coded, per category: `overall()` is `unitized.combine` of a
    category's parts over all those documents, `per_document()` of each document's own."""

    def __init__(
        self,
        tags: Iterable[Tag],
        coders: Sequence[int],
        lengths: Mapping[int, int],
        coded: Mapping[int, set[int]],
        categories: Sequence[int],
    ) -> None:
        wanted = set(coders)
        self.coders = list(coders)
        self.categories = list(categories)
        self.docs = [d for d in lengths if wanted <= set(coded.get(d, ()))]
        m, n_cat, n_docs = len(self.coders), len(self.categories), len(self.docs)
        self.m = m
        doc_len = np.array([max(0, lengths[d]) for d in self.docs], dtype=np.int64)
        self.doc_len = doc_len
        n_blocks = n_docs * n_cat
        block_len = np.repeat(doc_len, n_cat)  # block b = document b // n_cat, category b % n_cat
        block_start = np.concatenate(([0], np.cumsum(block_len)[:-1])).astype(np.int64)
        total = int(block_len.sum())

        arr = np.asarray(tags if isinstance(tags, np.ndarray) else list(tags), dtype=np.int64).reshape(-1, 5)
        dx = _positions(arr[:, 0], self.docs)
        cx = _positions(arr[:, 2], self.categories)
        kx = _positions(arr[:, 1], self.coders)
        keep = (dx >= 0) & (cx >= 0) & (kx >= 0)
        arr, dx, cx, kx = arr[keep], dx[keep], cx[keep], kx[keep]
        block = dx * n_cat + cx
        size = doc_len[dx]
        s = np.clip(arr[:, 3], 0, size)
        e = np.clip(arr[:, 4], 0, size)
        real = e > s
        block, kx = block[real], kx[real]
        gs, ge = block_start[block] + s[real], block_start[block] + e[real]

        unit_block, unit_len = [], []
        gap_block, gap_len = [], []
        sections = []
        for k in range(m):
            mine = kx == k
            us, ue, ub = _merged(gs[mine], ge[mine], block[mine])
            unit_block.append(ub)
            unit_len.append(ue - us)
            # Each coder's sections tile the line: the block boundaries, its units' starts and ends.
            cuts = distinct(np.concatenate((block_start[block_len > 0], us, ue, [total])))
            sec_start, sec_end = cuts[:-1], cuts[1:]
            is_unit = _member(sec_start, us)
            sec_block = np.searchsorted(block_start, sec_start, side="right") - 1
            # Blocks of length 0 share their start with the next block: the last one there is the block.
            sections.append((sec_start, sec_end, is_unit))
            gap_block.append(sec_block[~is_unit])
            gap_len.append((sec_end - sec_start)[~is_unit])

        observed = np.zeros(n_blocks, dtype=np.float64)
        for a in range(m):
            for b in range(a + 1, m):
                observed += _pair_observed(sections[a], sections[b], block_start, n_blocks)

        self.n_blocks = n_blocks
        self.n_cat = n_cat
        self.block_len = block_len
        self.observed = observed
        self.unit_block = np.concatenate(unit_block) if unit_block else np.zeros(0, np.int64)
        self.unit_len = np.concatenate(unit_len) if unit_len else np.zeros(0, np.int64)
        self.gap_block = np.concatenate(gap_block) if gap_block else np.zeros(0, np.int64)
        self.gap_len = np.concatenate(gap_len) if gap_len else np.zeros(0, np.int64)

    def overall(self) -> dict[int, Alpha]:
        """Category → α_u over every document every coder coded (documents laid end to end)."""
        cat = np.arange(self.n_blocks) % max(1, self.n_cat)
        length = (
            np.bincount(cat, weights=self.block_len, minlength=self.n_cat)
            if self.n_blocks
            else np.zeros(self.n_cat)
        )
        observed = (
            np.bincount(cat, weights=self.observed, minlength=self.n_cat)
            if self.n_blocks
            else np.zeros(self.n_cat)
        )
        parts = _combine(
            self.unit_block % max(1, self.n_cat),
            self.unit_len,
            self.gap_block % max(1, self.n_cat),
            self.gap_len,
            length,
            observed,
            self.m,
            self.n_cat,
            any_part=bool(self.docs),
        )
        return dict(zip(self.categories, parts, strict=True))

    def per_document(self) -> dict[int, dict[int, Alpha]]:
        """Document → category → α_u of that document alone."""
        parts = _combine(
            self.unit_block,
            self.unit_len,
            self.gap_block,
            self.gap_len,
            self.block_len.astype(np.float64),
            self.observed,
            self.m,
            self.n_blocks,
            any_part=True,
        )
        out: dict[int, dict[int, Alpha]] = {}
        for x, d in enumerate(self.docs):
            out[d] = dict(zip(self.categories, parts[x * self.n_cat : (x + 1) * self.n_cat], strict=True))
        return out


def distinct(values: np.ndarray) -> np.ndarray:
    """The sorted distinct values: `np.unique`, which hashes in numpy 2 and was five times slower here."""
    values = np.sort(values)
    if len(values) < 2:
        return values
    return values[np.concatenate(([True], values[1:] != values[:-1]))]


def distinct_rows(pairs: np.ndarray) -> list[tuple[int, int]]:
    """The distinct rows of an (n, 2) integer array, as tuples."""
    if not len(pairs):
        return []
    order = np.lexsort((pairs[:, 1], pairs[:, 0]))
    rows = pairs[order]
    keep = np.ones(len(rows), dtype=bool)
    keep[1:] = (rows[1:] != rows[:-1]).any(axis=1)
    return [tuple(r) for r in rows[keep].tolist()]


def _member(values: np.ndarray, sorted_keys: np.ndarray) -> np.ndarray:
    """Which values are among `sorted_keys`."""
    if not len(sorted_keys):
        return np.zeros(len(values), dtype=bool)
    where = np.clip(np.searchsorted(sorted_keys, values), 0, len(sorted_keys) - 1)
    return sorted_keys[where] == values


def _positions(values: np.ndarray, keys: Sequence[int]) -> np.ndarray:
    out = np.full(len(values), -1, dtype=np.int64)
    if not len(values) or not keys:
        return out
    k = np.array(keys, dtype=np.int64)
    sorter = np.argsort(k)
    where = np.clip(np.searchsorted(k[sorter], values), 0, len(k) - 1)
    found = k[sorter][where] == values
    out[found] = sorter[where[found]]
    return out


def _merged(
    starts: np.ndarray, ends: np.ndarray, blocks: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The union of overlapping intervals (touching ones stay apart), as `unitized.merge_overlapping`;
    intervals of different blocks never overlap on the line."""
    if not len(starts):
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    order = np.lexsort((ends, starts))
    s, e, b = starts[order], ends[order], blocks[order]
    reach = np.maximum.accumulate(e)
    new = np.ones(len(s), dtype=bool)
    new[1:] = s[1:] >= reach[:-1]
    first = np.flatnonzero(new)
    last = np.concatenate((first[1:], [len(s)])) - 1
    return s[first], reach[last], b[first]


def _pair_observed(first, second, block_start: np.ndarray, n_blocks: int) -> np.ndarray:
    """Σ δ² (see `unitized._pair_disagreement`) over the intersecting sections of two coders, per block."""
    s1, e1, u1 = first
    s2, e2, u2 = second
    points = distinct(np.concatenate((s1, s2)))
    if not len(points):
        return np.zeros(n_blocks)
    i = np.searchsorted(s1, points, side="right") - 1
    j = np.searchsorted(s2, points, side="right") - 1
    b1, f1, a1 = s1[i].astype(np.float64), e1[i].astype(np.float64), u1[i]
    b2, f2, a2 = s2[j].astype(np.float64), e2[j].astype(np.float64), u2[j]
    both = a1 & a2
    delta = np.where(both, (b1 - b2) ** 2 + (f1 - f2) ** 2, 0.0)
    delta += np.where(a1 & ~a2 & (b2 <= b1) & (f1 <= f2), (f1 - b1) ** 2, 0.0)
    delta += np.where(a2 & ~a1 & (b1 <= b2) & (f2 <= f1), (f2 - b2) ** 2, 0.0)
    block = np.searchsorted(block_start, points, side="right") - 1
    return np.bincount(block, weights=delta, minlength=n_blocks)


def _combine(
    unit_group, unit_len, gap_group, gap_len, length, observed, m: int, groups: int, any_part: bool
) -> list[Alpha]:
    """`unitized.combine` for each group (the units, gaps, length and Σδ² of its parts), all at once."""
    if m < 2 or not any_part or groups == 0:
        return [Alpha(NAN, NAN) for _ in range(groups)]
    length = np.asarray(length, dtype=np.float64)
    ul = unit_len.astype(np.float64)
    n_c = np.bincount(unit_group, minlength=groups).astype(np.float64)
    # Gaps sorted by group, then length: for each unit, the gaps of its group at least as long as it.
    big = int(max(gap_len.max(initial=0), unit_len.max(initial=0))) + 2
    gap_key = gap_group * big + gap_len
    order = np.argsort(gap_key)
    gap_key, sorted_len = gap_key[order], gap_len[order].astype(np.float64)
    prefix = np.concatenate(([0.0], np.cumsum(sorted_len)))
    lo = np.searchsorted(gap_key, unit_group * big + unit_len, side="left")
    hi = np.searchsorted(gap_key, (unit_group + 1) * big, side="left")
    fitting = (prefix[hi] - prefix[lo]) - (ul - 1) * (hi - lo)
    terms = (n_c[unit_group] - 1) * (2 * ul**3 - 3 * ul**2 + ul) + 3 * ul * ul * fitting
    numerator = np.bincount(unit_group, weights=terms, minlength=groups)
    squares = np.bincount(unit_group, weights=ul * (ul - 1), minlength=groups)
    out = []
    for g in range(groups):
        L = float(length[g])  # noqa: N806 (the continuum's length, as in the formula)
        if L <= 0:
            out.append(Alpha(NAN, NAN))
            continue
        d_o = 2 * float(observed[g]) / (m * (m - 1) * L * L)
        denominator = m * L * (m * L - 1) - float(squares[g])
        if denominator <= 0:
            out.append(Alpha(d_o, NAN))
            continue
        out.append(Alpha(d_o, 2 * float(numerator[g]) / (3 * L * denominator)))
    return out
