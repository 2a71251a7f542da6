"""An in-memory index of the spans of one document, for painting what is visible and hit-testing clicks.

A span is `(start, end, key)`: `[start, end)` in code points and an integer key (usually an annotation id).

Spans are kept in sorted lists of tuples, one list per length class: class `k` holds the spans whose length
has `k` bits, so none of them is longer than `2**k - 1`. A query for `[a, b)` only has to look, in each
class, at the spans that start in `[a - 2**k + 1, b)`: two binary searches per class. A single very long
span (a whole-document code) therefore slows down only its own class instead of widening the window for
every span, and removing the longest span never leaves a stale bound behind. Adding or removing one span is
a binary search plus one list insert or delete, with no re-sort.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Iterable, Iterator
from heapq import merge
from operator import itemgetter

Span = tuple[int, int, int]
Segment = tuple[int, int, tuple[int, ...]]


class SpanIndex:
    """Spans `(start, end, key)` over code points; keys are unique."""

    __slots__ = ("_by_key", "_classes")

    def __init__(self, spans: Iterable[Span] = ()) -> None:
        """Build from `(start, end, key)` tuples in any order (one sort per length class)."""
        items = spans if isinstance(spans, list) else list(spans)
        # The caller's tuples are stored as they are: on the open path of a long document every extra
        # per-span allocation shows.
        self._by_key: dict[int, Span] = dict(zip(map(itemgetter(2), items), items, strict=True))
        self._classes: dict[int, list[Span]] = {}
        if len(self._by_key) != len(items):
            seen: set[int] = set()
            for _, _, key in items:
                if key in seen:
                    self.clear()
                    raise ValueError(f"duplicate span key {key}")
                seen.add(key)
        classes = self._classes
        for span in items:
            size = span[1] - span[0]
            if size <= 0:
                self.clear()
                raise ValueError(f"span [{span[0]}, {span[1]}) of key {span[2]} is empty or reversed")
            cls = size.bit_length()
            bucket = classes.get(cls)
            if bucket is None:
                classes[cls] = [span]
            else:
                bucket.append(span)
        for bucket in classes.values():
            bucket.sort()

    def __len__(self) -> int:
        return len(self._by_key)

    def __contains__(self, key: object) -> bool:
        return key in self._by_key

    def __iter__(self) -> Iterator[Span]:
        """All spans, sorted by (start, end, key)."""
        return merge(*self._classes.values())

    def get(self, key: int) -> Span | None:
        return self._by_key.get(key)

    def add(self, start: int, end: int, key: int) -> None:
        if end <= start:
            raise ValueError(f"span [{start}, {end}) of key {key} is empty or reversed")
        if key in self._by_key:
            raise ValueError(f"duplicate span key {key}")
        span = (start, end, key)
        self._by_key[key] = span
        insort(self._classes.setdefault((end - start).bit_length(), []), span)

    def remove(self, key: int) -> bool:
        span = self._by_key.pop(key, None)
        if span is None:
            return False
        cls = (span[1] - span[0]).bit_length()
        bucket = self._classes[cls]
        del bucket[bisect_left(bucket, span)]
        if not bucket:
            del self._classes[cls]
        return True

    def clear(self) -> None:
        self._by_key.clear()
        self._classes.clear()

    def overlapping(self, a: int, b: int) -> list[Span]:
        """Spans with `start < b and end > a`, sorted by (start, end, key)."""
        found: list[Span] = []
        groups = 0
        for cls, bucket in self._classes.items():
            # (x,) sorts before every (x, end, key), so bisect_left finds the first span starting at >= x.
            lo = bisect_left(bucket, (a - (1 << cls) + 1,))
            hi = bisect_left(bucket, (b,), lo)
            if lo < hi:
                before = len(found)
                found.extend(span for span in bucket[lo:hi] if span[1] > a)
                groups += len(found) > before
        if groups > 1:
            found.sort()
        return found

    def at(self, pos: int) -> list[Span]:
        """Spans that contain the character at `pos`."""
        return self.overlapping(pos, pos + 1)

    def segments(self, a: int, b: int) -> list[Segment]:
        """Split `[a, b)` where the set of covering spans changes; return the covered pieces.

        Each piece is `(start, end, keys)` with `keys` ordered like `overlapping()` (by span start), so the
        same span keeps its rank among its neighbours."""
        return segments_of(self.overlapping(a, b), a, b)


def segments_of(spans: list[Span], a: int, b: int) -> list[Segment]:
    """The pieces of `[a, b)` covered by `spans` (sorted by start, as `overlapping()` returns them),
    split where the set of covering spans changes; found by one sweep over the sorted boundaries.
    Shared by both span stores so that they paint the same pieces."""
    if not spans or a >= b:
        return []
    # Starts are already sorted (spans are sorted by start, and clipping to `a` keeps the order).
    starts = [max(s, a) for s, _, _ in spans]
    ends = sorted((min(e, b), i) for i, (_, e, _) in enumerate(spans))
    points = sorted(set(starts).union(e for e, _ in ends))
    active: set[int] = set()
    out: list[Segment] = []
    si = ei = 0
    n = len(spans)
    for p, q in zip(points, points[1:], strict=False):
        while si < n and starts[si] == p:
            active.add(si)
            si += 1
        while ei < n and ends[ei][0] == p:
            active.discard(ends[ei][1])
            ei += 1
        if active:
            out.append((p, q, tuple(spans[i][2] for i in sorted(active))))
    return out
