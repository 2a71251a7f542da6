"""`units.sweep` for every document of a corpus at once, in numpy: the same counts, without a Python
step per tag boundary (3 × 100,000 tags are 600,000 boundaries; the loop took most of α/κ's time).

The documents' units are laid end to end and every tag becomes two events (its first unit and the one
after its last) on that line. For each (coder, category) the events are ordered and counted up; where
a count turns from 0 to 1 or back, that coder's bit flips in the category's mask and that category's
bit flips in the coder's set of categories. A running XOR of the flips gives the mask (or the set)
after each event, and the distance to the next event how many units have it. A tag never runs past
its document, so every stretch where anything is tagged lies within one document; what is left of a
document is the untagged rest (mask 0, empty set), counted by subtraction.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from annotator.review.measures import Pattern
from annotator.review.units import DocumentCounts, Interval, Tag, sweep

_MAX_BITS = 62  # masks and category sets are int64 bit sets


def sweep_corpus(
    tags: Iterable[Tag],
    coders: Sequence[int],
    lengths: Mapping[int, int],
    categories: Iterable[int],
    units: Mapping[int, Sequence[Interval]] | None = None,
    coded: Mapping[int, Iterable[int]] | None = None,
) -> dict[int, DocumentCounts]:
    """`{doc: sweep(doc's tags, coders, lengths[doc], categories, units[doc], coded[doc])}` for every
    document of `lengths` (see `units.sweep`; `coded` defaults to the coders with a tag there)."""
    tags = tags if isinstance(tags, list | np.ndarray) else list(tags)
    swept = sweep_arrays(tags, coders, lengths, categories, units, coded)
    if swept is None:
        return _by_document(tags, list(coders), lengths, list(dict.fromkeys(categories)), units, coded)
    return swept.documents()


@dataclass
class CorpusCounts:
    """What the sweep found in every document, as arrays over the documents in `docs` order (x)."""

    docs: list[int]
    categories: list[int]
    m: int  # coders
    n_units: np.ndarray  # per document
    flags: np.ndarray  # (documents, coders): coded
    # One row per (category i, document x, coder mask ≠ 0) that some units have: how many units.
    cell_cat: np.ndarray
    cell_doc: np.ndarray
    cell_mask: np.ndarray
    cell_units: np.ndarray
    covered: np.ndarray  # per document: units under at least one tag
    unequal: np.ndarray  # per document: Σ over units of the compared pairs whose sets differ

    def agree(self) -> np.ndarray:
        """Per document: Σ over units of the share of compared pairs that gave the same set."""
        compared = self.flags.sum(axis=1)
        pairs = compared * (compared - 1) // 2
        out = np.zeros(len(self.docs), dtype=np.float64)
        some = (pairs > 0) & (self.n_units > 0)
        out[some] = (pairs[some] * self.n_units[some] - self.unequal[some]) / pairs[some]
        return out

    def documents(self) -> dict[int, DocumentCounts]:
        """The counts as `units.sweep` gives them, one `DocumentCounts` per document."""
        per: dict[tuple[int, int], dict[int, int]] = {}
        for c, x, mk, w in zip(
            self.cell_cat.tolist(),
            self.cell_doc.tolist(),
            self.cell_mask.tolist(),
            self.cell_units.tolist(),
            strict=True,
        ):
            per.setdefault((c, x), {})[mk] = w
        agree = self.agree().tolist()
        result: dict[int, DocumentCounts] = {}
        for x, d in enumerate(self.docs):
            n = int(self.n_units[x])
            dc = DocumentCounts(coded=tuple(bool(v) for v in self.flags[x]), units=max(0, n))
            if n > 0:
                masks = {}
                for c, cat in enumerate(self.categories):
                    counter = Counter(per.get((c, x), {}))
                    rest = n - sum(counter.values())
                    if rest > 0:
                        counter[0] = rest
                    masks[cat] = counter
                dc.masks = masks
                dc.empty = n - int(self.covered[x])
                dc.agree = agree[x]
            result[d] = dc
        return result

    def tables(self, count_untagged: bool = True, by_document: bool = False) -> PatternTables:
        """The pattern tables (`DocumentCounts.category_table`) and percent parts
        (`DocumentCounts.percent_parts`) added up over the corpus and, with `by_document`, those of
        each document that at least two coders coded; from the arrays, not document by document."""
        m, n_cat, n_docs = self.m, len(self.categories), len(self.docs)
        if 2 * m + max(1, n_docs * n_cat).bit_length() > 62:  # the keys below would not fit an int64
            return _tables_of(self.documents(), self.categories, count_untagged, by_document)
        weights = 1 << np.arange(m, dtype=np.int64)
        coded_mask = (self.flags.astype(np.int64) * weights).sum(axis=1)
        n_coded = self.flags.sum(axis=1)
        # A unit's pattern as one int: which coders coded the document (high m bits) and which of
        # them gave the category (low m bits).
        c, x, w = self.cell_cat, self.cell_doc, self.cell_units
        pattern = (coded_mask[x] << m) | (self.cell_mask & coded_mask[x])
        # The rest of each (category, document): its units nobody gave that category.
        rest = np.repeat(self.n_units[None, :], n_cat, axis=0)  # [category, document]
        np.subtract.at(rest, (c, x), w)
        if not count_untagged:
            rest -= self.n_units - self.covered
        rc, rx = np.nonzero(rest > 0)
        c = np.concatenate((c, rc))
        x = np.concatenate((x, rx))
        w = np.concatenate((w, rest[rc, rx]))
        pattern = np.concatenate((pattern, coded_mask[rx] << m))
        live = n_coded[x] > 0  # a document nobody coded has no pattern table
        c, x, w, pattern = c[live], x[live], w[live], pattern[live]

        names: dict[int, Pattern] = {}

        def name(p: int) -> Pattern:
            found = names.get(p)
            if found is None:
                cm = p >> m
                found = names[p] = tuple(bool(p >> k & 1) if cm >> k & 1 else None for k in range(m))
            return found

        low = (1 << 2 * m) - 1
        overall: dict[int, Counter] = {cat: Counter() for cat in self.categories}
        for key, total in zip(*_sums((c << 2 * m) | pattern, w), strict=True):
            overall[self.categories[key >> 2 * m]][name(key & low)] += total
        parts = self._percent_parts(count_untagged)
        documents: dict[int, tuple[dict[int, Counter], tuple[float, float]]] = {}
        if by_document:
            both = n_coded >= 2
            for xx in np.flatnonzero(both).tolist():
                documents[self.docs[xx]] = ({cat: Counter() for cat in self.categories}, parts[xx])
            sel = both[x]
            key = ((x[sel] * n_cat + c[sel]) << 2 * m) | pattern[sel]
            for k, total in zip(*_sums(key, w[sel]), strict=True):
                xc = k >> 2 * m
                documents[self.docs[xc // n_cat]][0][self.categories[xc % n_cat]][name(k & low)] += total
        # In document order, one after another, as adding up each document's parts does.
        agree = total = 0.0
        for a, t in parts:
            agree += a
            total += t
        return PatternTables(overall, (agree, total), documents)

    def _percent_parts(self, count_untagged: bool) -> list[tuple[float, float]]:
        agree = self.agree().tolist()
        units = self.n_units.tolist()
        empty = (self.n_units - self.covered).tolist()
        n_coded = self.flags.sum(axis=1).tolist()
        out = []
        for a, n, e, k in zip(agree, units, empty, n_coded, strict=True):
            if k < 2:
                out.append((0.0, 0.0))
            elif count_untagged:
                out.append((a, float(n)))
            else:
                out.append((a - e, float(n - e)))
        return out


@dataclass
class PatternTables:
    """Per category, the corpus's pattern table; the pooled percent parts (agreeing units, units);
    and for each document that at least two coders coded, its own tables and percent parts."""

    categories: dict[int, Counter]
    percent: tuple[float, float]
    documents: dict[int, tuple[dict[int, Counter], tuple[float, float]]]


def pattern_tables(
    counts: Mapping[int, DocumentCounts] | CorpusCounts,
    categories: Sequence[int],
    count_untagged: bool = True,
    by_document: bool = False,
) -> PatternTables:
    """The pattern tables of a sweep's counts (arrays, or one `DocumentCounts` per document)."""
    if isinstance(counts, CorpusCounts):
        return counts.tables(count_untagged, by_document)
    return _tables_of(counts, categories, count_untagged, by_document)


def _tables_of(
    counts: Mapping[int, DocumentCounts], categories: Sequence[int], count_untagged: bool, by_document: bool
) -> PatternTables:
    """The tables document by document, in Python."""
    overall: dict[int, Counter] = {c: Counter() for c in categories}
    documents = {}
    agree = total = 0.0
    for doc, dc in counts.items():
        mine = {c: dc.category_table(c, count_untagged=count_untagged) for c in categories}
        for c in categories:
            overall[c].update(mine[c])
        a, t = dc.percent_parts(count_untagged=count_untagged)
        agree += a
        total += t
        if by_document and dc.n_coded >= 2:
            documents[doc] = (mine, (a, t))
    return PatternTables(overall, (agree, total), documents)


def _sums(keys: np.ndarray, weights: np.ndarray) -> tuple[list[int], list[int]]:
    """The distinct keys, sorted, and the sum of the weights of each."""
    if not len(keys):
        return [], []
    order = np.argsort(keys, kind="stable")
    k, w = keys[order], weights[order]
    first = np.flatnonzero(np.concatenate(([True], k[1:] != k[:-1])))
    return k[first].tolist(), np.add.reduceat(w, first).tolist()


def sweep_arrays(
    tags: Sequence[Tag] | np.ndarray,
    coders: Sequence[int],
    lengths: Mapping[int, int],
    categories: Iterable[int],
    units: Mapping[int, Sequence[Interval] | np.ndarray] | None = None,
    coded: Mapping[int, Iterable[int]] | None = None,
) -> CorpusCounts | None:
    """The counts of `sweep_corpus` as arrays; None for more coders or categories than a bit set holds
    (then only the per-document sweep counts them)."""
    coders = list(coders)
    cats = list(dict.fromkeys(categories))
    docs = list(lengths)
    if len(coders) > _MAX_BITS or len(cats) > _MAX_BITS or not docs:
        return None
    m, n_cat, n_docs = len(coders), len(cats), len(docs)

    arr = np.asarray(tags, dtype=np.int64).reshape(-1, 5)
    doc_x = _lookup(arr[:, 0], {d: x for x, d in enumerate(docs)})
    k = _lookup(arr[:, 1], {c: x for x, c in enumerate(coders)})
    known = (doc_x >= 0) & (k >= 0)
    flags = np.zeros((n_docs, m), dtype=bool)
    if coded is None:
        flags[doc_x[known], k[known]] = True
    else:
        position = {c: x for x, c in enumerate(coders)}
        for x, d in enumerate(docs):
            for c in coded.get(d, ()):
                if c in position:
                    flags[x, position[c]] = True
    ci = _lookup(arr[:, 2], {c: x for x, c in enumerate(cats)})
    keep = known & (ci >= 0)
    doc_x, k, ci, s, e = doc_x[keep], k[keep], ci[keep], arr[keep, 3], arr[keep, 4]

    # Units end to end: a tag's first unit and the unit after its last, on the corpus's line of units.
    if units is None:
        n_units = np.array([max(0, lengths[d]) for d in docs], dtype=np.int64)
        unit_offset = np.concatenate(([0], np.cumsum(n_units)[:-1]))
        size = n_units[doc_x]
        i = unit_offset[doc_x] + np.clip(s, 0, size)
        j = unit_offset[doc_x] + np.clip(e, 0, size)
    else:
        per_doc = [_unit_array(units.get(d, ())) for d in docs]
        n_units = np.array([len(u) for u in per_doc], dtype=np.int64)
        unit_offset = np.concatenate(([0], np.cumsum(n_units)[:-1]))
        char_len = np.array([max(0, lengths[d]) for d in docs], dtype=np.int64)
        char_offset = np.concatenate(([0], np.cumsum(char_len)[:-1]))
        flat = np.concatenate(per_doc)
        unit_doc = np.repeat(np.arange(n_docs), n_units)
        starts = flat[:, 0] + char_offset[unit_doc]
        ends = flat[:, 1] + char_offset[unit_doc]
        # A span's units are those it overlaps (`units.to_unit_range`), found on the whole line at once;
        # spans are first kept inside their document, which leaves the units they overlap unchanged.
        size = char_len[doc_x]
        i = np.searchsorted(ends, char_offset[doc_x] + np.clip(s, 0, size), side="right")
        j = np.searchsorted(starts, char_offset[doc_x] + np.clip(e, 0, size), side="left")
    real = i < j
    doc_x, k, ci, i, j = doc_x[real], k[real], ci[real], i[real], j[real]

    pos = np.concatenate((i, j))
    delta = np.concatenate((np.ones(len(i), np.int64), -np.ones(len(j), np.int64)))
    ev_k, ev_c, ev_doc = np.concatenate((k, k)), np.concatenate((ci, ci)), np.concatenate((doc_x, doc_x))
    # The events by position, ends before starts at one position: sorted once. Every other order below
    # (by coder and category, by category, by coder) is a stable sort of this one by a small group
    # number, which numpy does by radix in milliseconds (four full sorts were most of the sweep).
    # Ends first: the last event at a position is then one of the document there (tags of two
    # documents may meet where one ends and the next begins).
    base = np.argsort(pos * 2 + (delta > 0))  # events with equal keys may come in any order
    order = _regroup(base, ev_k * n_cat + ev_c, m * n_cat)
    open_after = np.cumsum(delta[order])  # every group closes all its tags, so the sum is back at 0
    flips = np.zeros(len(pos), dtype=bool)
    flips[order] = (open_after > 0) != (open_after - delta[order] > 0)

    cells = _category_masks(pos, ev_c, ev_k, ev_doc, flips, _regroup(base, ev_c, n_cat), n_docs, m)
    covered = _covered(pos, delta, ev_doc, base, n_docs)
    unequal = _unequal_pairs(pos, ev_c, ev_k, flips, flags, base, unit_offset, n_units, m)
    return CorpusCounts(docs, cats, m, n_units, flags, *cells, covered, unequal)


def _unit_array(spans: Sequence[Interval] | np.ndarray) -> np.ndarray:
    """A document's units as an (n, 2) int64 array (stored token units come as one already)."""
    if isinstance(spans, np.ndarray):
        return spans.astype(np.int64, copy=False).reshape(-1, 2)
    return np.array(spans, dtype=np.int64).reshape(-1, 2)


def _regroup(base: np.ndarray, group: np.ndarray, groups: int) -> np.ndarray:
    """`base` (events by position) reordered by group, keeping the position order within each group."""
    if groups <= 1 << 8:
        small = group.astype(np.uint8)
    elif groups <= 1 << 16:
        small = group.astype(np.uint16)
    else:
        small = group
    return base[np.argsort(small[base], kind="stable")]


def _lookup(values: np.ndarray, index: Mapping[int, int]) -> np.ndarray:
    """The position of each value in `index` (-1 where it is not there)."""
    out = np.full(len(values), -1, dtype=np.int64)
    if len(values) == 0 or not index:
        return out
    keys = np.array(list(index), dtype=np.int64)
    at = np.array(list(index.values()), dtype=np.int64)
    sorter = np.argsort(keys)
    keys, at = keys[sorter], at[sorter]
    where = np.clip(np.searchsorted(keys, values), 0, len(keys) - 1)
    found = keys[where] == values
    out[found] = at[where[found]]
    return out


def _category_masks(pos, ev_c, ev_k, ev_doc, flips, order, n_docs: int, m: int):
    """(category, document, coder mask ≠ 0, units) of every mask that some units of a document have
    for a category, as four arrays; `order` holds the events by category, then position."""
    empty = np.zeros(0, dtype=np.int64)
    if len(pos) == 0:
        return empty, empty, empty, empty
    p, c, d = pos[order], ev_c[order], ev_doc[order]
    bits = np.where(flips[order], np.left_shift(np.int64(1), ev_k[order]), 0)
    mask = np.bitwise_xor.accumulate(bits)  # back at 0 at the end of each category
    width = np.zeros(len(p), dtype=np.int64)
    same = c[1:] == c[:-1]
    width[:-1] = np.where(same, p[1:] - p[:-1], 0)
    live = (mask != 0) & (width > 0)
    key = (c[live] * n_docs + d[live]) * (1 << m) + mask[live]
    found, sums = _sums(key, width[live])
    cd, mk = np.divmod(np.array(found, dtype=np.int64), 1 << m)
    cc, dd = np.divmod(cd, n_docs)
    return cc, dd, mk, np.array(sums, dtype=np.int64)


def _covered(pos, delta, ev_doc, base, n_docs: int) -> np.ndarray:
    """Units of each document under at least one tag (`base`: the events by position)."""
    if len(pos) == 0:
        return np.zeros(n_docs, dtype=np.int64)
    p = pos[base]
    open_after = np.cumsum(delta[base])
    width = np.zeros(len(p), dtype=np.int64)
    width[:-1] = p[1:] - p[:-1]
    live = (open_after > 0) & (width > 0)
    return np.bincount(ev_doc[base][live], weights=width[live], minlength=n_docs).astype(np.int64)


def _unequal_pairs(pos, ev_c, ev_k, flips, flags, base, unit_offset, n_units, m: int) -> np.ndarray:
    """Per document: Σ over its units of the pairs of compared coders whose sets of categories differ."""
    n_docs = len(n_units)
    out = np.zeros(n_docs, dtype=np.int64)
    if len(pos) == 0 or m < 2:
        return out
    ordered = pos[base]
    grid = ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))]
    width = np.zeros(len(grid), dtype=np.int64)
    width[:-1] = grid[1:] - grid[:-1]
    grid_doc = np.searchsorted(unit_offset, grid, side="right") - 1
    # Each coder's set of categories after each of their events (by coder, then position).
    order = _regroup(base, ev_k, m)
    bits = np.where(flips[order], np.left_shift(np.int64(1), ev_c[order]), 0)
    after = np.bitwise_xor.accumulate(bits)  # back at 0 at the end of each coder's events
    bounds = np.searchsorted(ev_k[order], np.arange(m + 1))
    sets = []
    for coder in range(m):
        lo, hi = bounds[coder], bounds[coder + 1]
        if lo == hi:
            sets.append(np.zeros(len(grid), dtype=np.int64))
            continue
        at = np.searchsorted(pos[order[lo:hi]], grid, side="right") - 1
        sets.append(np.where(at >= 0, after[lo:hi][np.maximum(at, 0)], 0))
    for a in range(m):
        for b in range(a + 1, m):
            differ = (sets[a] != sets[b]) & flags[grid_doc, a] & flags[grid_doc, b] & (width > 0)
            out += np.bincount(grid_doc[differ], weights=width[differ], minlength=n_docs).astype(np.int64)
    return out


def _by_document(tags, coders, lengths, cats, units, coded) -> dict[int, DocumentCounts]:
    """The per-document sweep, for more coders or categories than a bit set holds."""
    per_doc: dict[int, list[Tag]] = {}
    for t in map(tuple, tags.tolist()) if isinstance(tags, np.ndarray) else tags:
        per_doc.setdefault(t[0], []).append(t)
    return {
        d: sweep(
            per_doc.get(d, ()),
            coders,
            n,
            cats,
            None if units is None else units.get(d, ()),
            coded=None if coded is None else coded.get(d, set()),
        )
        for d, n in lengths.items()
    }
