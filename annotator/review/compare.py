"""Two annotators side by side on one document: where they agree, and how they differ.

Tags are paired in three rounds, each tag used at most once, the largest overlap first:
1. `agree`: same category and same extent (within the tolerance, or covering the same words);
2. `extent`: same category, overlapping, different extent;
3. `category`: overlapping, different category;
what is left is `only_a` or `only_b`.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from annotator.review.units import Interval, to_unit_range

AGREE, EXTENT, CATEGORY, ONLY_A, ONLY_B = "agree", "extent", "category", "only_a", "only_b"
KINDS = (AGREE, EXTENT, CATEGORY, ONLY_A, ONLY_B)
DISAGREEMENTS = (EXTENT, CATEGORY, ONLY_A, ONLY_B)


class TagLike(Protocol):
    id: int
    category_id: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Difference:
    kind: str
    a: TagLike | None
    b: TagLike | None

    @property
    def start(self) -> int:
        return min(t.start for t in (self.a, self.b) if t is not None)

    @property
    def end(self) -> int:
        return max(t.end for t in (self.a, self.b) if t is not None)


def compare(
    a: Sequence[TagLike], b: Sequence[TagLike], *, tolerance: int = 0, units: Sequence[Interval] | None = None
) -> list[Difference]:
    """Pair the tags of annotator A with those of B on one document; sorted by position.

    `tolerance`: starts and ends may differ by this many characters and still count as the same extent.
    `units`: the document's word spans; extents covering the same words count as the same.
    """
    if units is not None:
        starts = [u[0] for u in units]
        ends = [u[1] for u in units]

        def same_extent(x: TagLike, y: TagLike) -> bool:
            return to_unit_range(starts, ends, x.start, x.end) == to_unit_range(starts, ends, y.start, y.end)
    else:

        def same_extent(x: TagLike, y: TagLike) -> bool:
            return abs(x.start - y.start) <= tolerance and abs(x.end - y.end) <= tolerance

    # Candidate pairs: tags that overlap (or, with a tolerance, nearly touch), by a sweep over starts.
    order_b = sorted(b, key=lambda t: t.start)
    starts_b = [t.start for t in order_b]
    longest = max((t.end - t.start for t in order_b), default=0)
    candidates: list[tuple[int, TagLike, TagLike]] = []
    for x in a:
        first = bisect_left(starts_b, x.start - tolerance - longest)
        for k in range(first, len(order_b)):
            y = order_b[k]
            if y.start >= x.end + tolerance:
                break
            if y.end + tolerance > x.start:
                shared = min(x.end, y.end) - max(x.start, y.start)
                candidates.append((shared, x, y))
    candidates.sort(key=lambda c: (-c[0], c[1].start, c[2].start))

    used_a: set[int] = set()
    used_b: set[int] = set()
    out: list[Difference] = []
    rounds = (
        (AGREE, lambda x, y: x.category_id == y.category_id and same_extent(x, y)),
        (EXTENT, lambda x, y: x.category_id == y.category_id and min(x.end, y.end) > max(x.start, y.start)),
        (CATEGORY, lambda x, y: min(x.end, y.end) > max(x.start, y.start)),
    )
    for kind, fits in rounds:
        for _shared, x, y in candidates:
            if id(x) in used_a or id(y) in used_b or not fits(x, y):
                continue
            used_a.add(id(x))
            used_b.add(id(y))
            out.append(Difference(kind, x, y))
    out.extend(Difference(ONLY_A, x, None) for x in a if id(x) not in used_a)
    out.extend(Difference(ONLY_B, None, y) for y in b if id(y) not in used_b)
    out.sort(key=lambda d: (d.start, d.end, KINDS.index(d.kind)))
    return out


def next_disagreement(
    items: Sequence[Difference], position: int, backwards: bool = False
) -> Difference | None:
    """The first disagreement starting after `position` (before it, going backwards)."""
    found = [d for d in items if d.kind in DISAGREEMENTS]
    if backwards:
        before = [d for d in found if d.start < position]
        return before[-1] if before else None
    after = [d for d in found if d.start > position]
    return after[0] if after else None
