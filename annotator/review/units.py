"""From tags to reliability data: which categories each coder gave each unit of a text.

A unit is a character, a word (jieba token) or a sentence. A coder gives a unit a category when one of
their tags of that category overlaps it (for characters: covers it). Units between the same two tag
boundaries all look alike, so a document is swept once over its sorted tag boundaries and each stretch
of units is counted with its length: the cost follows the number of tags, not the length of the text.

Per category, the sweep counts units by *mask*: the set of coders (bit k for the k-th coder) who gave
the unit that category. It also counts the units nobody tagged at all, and the agreement on each unit's
whole set of categories (for overall percent agreement).

A coder who has no tag at all in a document is taken not to have coded it: their value there is
missing (`None`), which Krippendorff's α allows for and κ skips. Text that nobody tagged can count as
agreement on "no category" (the default, as in a per-character reading) or be left out.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from annotator.core.sentence_marks import SENTENCE_END

Tag = tuple[int, int, int, int, int]  # (document id, coder id, category id, start, end), code points
Interval = tuple[int, int]

# The sentence rule is the editor's own (core/sentence_marks.py), so sentence units equal its sentences.
_SENTENCE_END = SENTENCE_END


def sentences(text: str) -> list[Interval]:
    """[start, end) of the sentences of `text`, without leading and trailing whitespace."""
    out: list[Interval] = []
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        _add_stripped(text, pos, m.end(), out)
        pos = m.end()
    _add_stripped(text, pos, len(text), out)
    return out


def _add_stripped(text: str, start: int, end: int, out: list[Interval]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        out.append((start, end))


def to_unit_range(starts: Sequence[int], ends: Sequence[int], start: int, end: int) -> Interval:
    """The units [i, j) that overlap [start, end), given the units' sorted starts and ends."""
    return bisect_right(ends, start), bisect_left(starts, end)


def unit_converter(
    length: int, units: Sequence[Interval] | None
) -> tuple[int, Callable[[int, int], Interval]]:
    """(number of units, a function from a [start, end) span to the units [i, j) it overlaps)."""
    if units is None:
        return length, lambda s, e: (max(0, s), min(length, e))
    if hasattr(units, "tolist"):  # stored word units come as an (n, 2) array: plain ints bisect faster
        units = units.tolist()
    starts = [u[0] for u in units]
    ends = [u[1] for u in units]
    return len(units), lambda s, e: to_unit_range(starts, ends, s, e)


@dataclass
class DocumentCounts:
    """What the sweep of one document found, for m coders and the categories asked about."""

    coded: tuple[bool, ...]  # per coder: did they code this document
    units: int
    masks: dict[int, Counter] = field(default_factory=dict)  # category → coder mask → units
    empty: int = 0  # units no coder tagged with anything
    agree: float = 0.0  # Σ over units of the share of coder pairs who gave the same set of categories

    @property
    def n_coded(self) -> int:
        return sum(self.coded)

    def category_table(self, category: int, *, count_untagged: bool = True) -> Counter:
        """The pattern table of one category: (present/absent, or None, by coder) → units."""
        out: Counter = Counter()
        if self.n_coded == 0:
            return out
        masks = self.masks.get(category)
        if masks is None:
            masks = Counter({0: self.units})
        for mask, w in masks.items():
            if mask == 0 and not count_untagged:
                w -= self.empty
            if w > 0:
                out[tuple(bool(mask >> k & 1) if c else None for k, c in enumerate(self.coded))] += w
        return out

    def percent_parts(self, *, count_untagged: bool = True) -> tuple[float, float]:
        """(agreeing units, units) for percent agreement on the whole set of categories."""
        if self.n_coded < 2:
            return 0.0, 0.0
        if count_untagged:
            return self.agree, float(self.units)
        return self.agree - self.empty, float(self.units - self.empty)


def _boundary_events(
    tags: Iterable[Tag],
    position: Mapping[int, int],
    wanted: Mapping[int, int],
    convert: Callable[[int, int], Interval],
    shift: int,
) -> tuple[list[int], set[int]]:
    """The start and end of each wanted tag in units, encoded as in `sweep`, and the coders (by position)
    that have any tag in the document."""
    n_cat = len(wanted)
    events: list[int] = []
    seen: set[int] = set()
    for _doc, coder, category, s, e in tags:
        k = position.get(coder)
        if k is None:
            continue
        seen.add(k)
        ci = wanted.get(category)
        if ci is None:
            continue
        i, j = convert(s, e)
        if i < j:
            slot = k * n_cat + ci
            events.append((((i << 1) | 1) << shift) | slot)
            events.append(((j << 1) << shift) | slot)
    return events, seen


def sweep(
    tags: Iterable[Tag],
    coders: Sequence[int],
    length: int,
    categories: Iterable[int],
    units: Sequence[Interval] | None = None,
    coded: Iterable[int] | None = None,
) -> DocumentCounts:
    """Count the units of one document by category mask (see the module's description).

    `units` are the document's unit spans in order (None: every character is a unit). `coded` are the
    coders who coded this document (default: those with a tag in it).
    """
    position = {c: k for k, c in enumerate(coders)}
    wanted = {c: i for i, c in enumerate(dict.fromkeys(categories))}
    n_units, convert = unit_converter(length, units)
    n_cat = len(wanted)
    # Each boundary is one int, so that sorting is cheap: position, then ends (0) before starts (1),
    # then the slot k * n_cat + i of coder k and category i.
    shift = max(1, (len(coders) * n_cat).bit_length())
    events, seen = _boundary_events(tags, position, wanted, convert, shift)
    present = seen if coded is None else {position[c] for c in coded if c in position}
    flags = tuple(k in present for k in range(len(coders)))
    result = DocumentCounts(coded=flags, units=max(0, n_units))
    if n_units <= 0:
        return result
    events.sort()
    compared = [k for k in range(len(coders)) if flags[k]]
    pairs = len(compared) * (len(compared) - 1) // 2

    tables: list[Counter] = [Counter() for _ in range(n_cat)]
    cat_mask = [0] * n_cat
    cat_last = [0] * n_cat
    coder_set = [0] * len(coders)  # bit i: the coder has category i here
    counts = [0] * (len(coders) * n_cat)  # open tags of (coder k, category i) at k * n_cat + i
    active = 0
    empty = 0
    empty_since = 0
    agree = 0
    previous = 0

    # Pairs of coders who gave the same set of categories here, kept up to date as sets change.
    others = [[j for j in compared if j != k] if flags[k] else [] for k in range(len(coders))]
    equal = pairs
    slot_mask = (1 << shift) - 1
    for ev in events:
        pos = ev >> (shift + 1)
        if pos >= n_units:
            break
        if pos > previous:
            agree += (pos - previous) * equal
            previous = pos
        slot = ev & slot_mask
        k, ci = divmod(slot, n_cat)
        starts = ev >> shift & 1
        n = counts[slot] + (1 if starts else -1)
        counts[slot] = n
        if n == starts:  # 0 → 1 or 1 → 0: the coder's categories here change
            old = cat_mask[ci]
            tables[ci][old] += pos - cat_last[ci]
            cat_last[ci] = pos
            cat_mask[ci] = old ^ (1 << k)
            before = coder_set[k]
            after = coder_set[k] = before ^ (1 << ci)
            for j in others[k]:
                other = coder_set[j]
                if other == before:
                    equal -= 1
                elif other == after:
                    equal += 1
            if starts:
                if active == 0:
                    empty += pos - empty_since
                active += 1
            else:
                active -= 1
                if active == 0:
                    empty_since = pos
    agree += (n_units - previous) * equal
    if active == 0:
        empty += n_units - empty_since
    for ci in range(n_cat):
        tables[ci][cat_mask[ci]] += n_units - cat_last[ci]
    result.masks = {c: +tables[i] for c, i in wanted.items()}
    result.empty = empty
    result.agree = agree / pairs if pairs else 0.0
    return result


def co_coverage(
    tags: Iterable[Tag], first: int, second: int, length: int, units: Sequence[Interval] | None = None
) -> Counter:
    """Units by (category of coder `first`, category of coder `second`); None where one gave none.

    A unit with several categories counts once in each of their cells; units neither coder tagged are
    not counted. This is the confusion matrix of the two coders."""
    n_units, convert = unit_converter(length, units)
    events = []
    for _doc, coder, category, s, e in tags:
        if coder not in (first, second):
            continue
        i, j = convert(s, e)
        if i < j:
            side = 0 if coder == first else 1
            events.append((i, 1, side, category))
            events.append((j, -1, side, category))
    events.sort()
    counts: list[Counter] = [Counter(), Counter()]
    out: Counter = Counter()
    previous = 0

    def add(weight: int) -> None:
        if weight <= 0:
            return
        left = [c for c, n in counts[0].items() if n > 0] or [None]
        right = [c for c, n in counts[1].items() if n > 0] or [None]
        if left == [None] and right == [None]:
            return
        for x in left:
            for y in right:
                out[(x, y)] += weight

    for pos, delta, side, category in events:
        if pos >= n_units:
            break
        if pos > previous:
            add(pos - previous)
            previous = pos
        counts[side][category] += delta
    add(n_units - previous)
    return out


def clip_to_regions(
    tags: Iterable[Tag],
    lengths: Mapping[int, int],
    regions: Mapping[int, Sequence[Interval]],
    units: Mapping[int, Sequence[Interval]] | None = None,
) -> tuple[list[Tag], dict[int, int], dict[int, list[Interval]] | None]:
    """Keep only the given regions of each document (e.g. its reasoning section), laid end to end.

    Tags are cut to the regions and shifted, so that agreement over the result is agreement within the
    regions; documents without a region drop out. Units (words, sentences) are kept when they lie
    inside a region."""
    spans: dict[int, list[Interval]] = {}
    for doc, rs in regions.items():
        if doc in lengths:
            merged = merge_intervals([(max(0, s), min(lengths[doc], e)) for s, e in rs])
            if merged:
                spans[doc] = merged
    new_lengths = {doc: sum(e - s for s, e in rs) for doc, rs in spans.items()}
    offsets = {doc: _offsets(rs) for doc, rs in spans.items()}
    out: list[Tag] = []
    for doc, coder, category, s, e in tags:
        rs = spans.get(doc)
        if rs is None:
            continue
        for (rs_, re_), base in zip(rs, offsets[doc], strict=True):
            a, b = max(s, rs_), min(e, re_)
            if a < b:
                out.append((doc, coder, category, base + a - rs_, base + b - rs_))
    new_units = None
    if units is not None:
        new_units = {}
        for doc, rs in spans.items():
            kept = []
            for us, ue in units.get(doc, ()):
                for (rs_, re_), base in zip(rs, offsets[doc], strict=True):
                    if rs_ <= us and ue <= re_:
                        kept.append((base + us - rs_, base + ue - rs_))
                        break
            new_units[doc] = kept
    return out, new_lengths, new_units


def merge_intervals(intervals: Iterable[Interval]) -> list[Interval]:
    out: list[Interval] = []
    for s, e in sorted(intervals):
        if e <= s:
            continue
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _offsets(regions: Sequence[Interval]) -> list[int]:
    out, total = [], 0
    for s, e in regions:
        out.append(total)
        total += e - s
    return out
