"""The spans of one open document in flat arrays: what the document view paints and hit-tests.

A span is `(start, end, key)`: `[start, end)` in code points and an integer key (an annotation id), plus a
small integer `tag` the caller gives a meaning to (the view: an index into its colour palette).

`SpanIndex` (core/spans.py) keeps one Python tuple per span and a dict by key: at 100,000 tags that is
about 30 MB and a few tens of milliseconds to build on every open. Here the spans are four `array`
columns in (start, end, key) order, built straight from a database query's columns, and the only Python
objects made are those for the spans asked about (the screenful being painted, the span under a click).

Finding the spans that meet `[a, b)`: every span with `start < b` is before a binary-searched position,
and of those, only blocks of `BLOCK` consecutive spans whose largest end exceeds `a` can hold one. The
block maxima are a short array rebuilt lazily from the first block an edit touched, so one very long span
(a whole-document code) slows only its own block, and adding or removing one span is a binary search plus
one insert or delete in each column (a memory move, no per-span work in Python).

A key is found by searching the key column's bytes (a C-speed scan, no index to keep in step); the last
key found is remembered, since the same span is asked about over and over (the active span under a moving
pointer).
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain, compress, islice
from operator import le, lt

from annotator.core.spans import Segment, Span, segments_of

BLOCK = 64
LOOSE = 32  # edits after which the block maxima are computed exactly again
_TYPE = "q"  # 64-bit signed: offsets and database ids


@dataclass(frozen=True, slots=True)
class TagColumns:
    """A document's live tags as columns in (start, end, id) order: what opening it reads, in one query,
    instead of one `Annotation` per tag. The arrays are the caller's to keep (and to edit)."""

    ids: array
    starts: array
    ends: array
    category_ids: array
    annotator_ids: array

    @classmethod
    def from_rows(cls, rows: Sequence[tuple[int, int, int, int, int]]) -> TagColumns:
        """From `(start, end, id, category id, annotator id)` rows, already in (start, end, id) order."""
        # One interleaved array, then five strided slices: no tuple per column or per row on the way.
        values = array(_TYPE, chain.from_iterable(rows))
        if len(values) != 5 * len(rows):
            raise ValueError("each row needs five integers")
        return cls(values[2::5], values[0::5], values[1::5], values[3::5], values[4::5])

    def __len__(self) -> int:
        return len(self.ids)

    def in_order(self) -> bool:
        """Whether the rows are in (start, end, id) order (checked at C speed but where starts tie)."""
        return _in_order(self.starts, self.ends, self.ids)


def _column(values: Sequence[int]) -> array:
    """An int64 array of its own with these values (a copy of an int64 array is one memory copy)."""
    if isinstance(values, array) and values.typecode == _TYPE:
        return values[:]
    return array(_TYPE, values)


def _in_order(starts: Sequence[int], ends: Sequence[int], keys: Sequence[int]) -> bool:
    """Whether parallel columns are sorted by (start, end, key); equal starts are rare, and only there do
    end and key decide."""
    if not all(map(le, starts, islice(starts, 1, None))):
        return False
    return not any(
        (ends[i], keys[i]) > (ends[i + 1], keys[i + 1])
        for i in compress(range(len(starts) - 1), map(int.__eq__, starts, islice(starts, 1, None)))
    )


def find_key(column: array, key: int, hint: int = -1) -> int:
    """Position of `key` in an int64 `column`, or -1: a search of the column's bytes at C speed, no index
    to keep in step with edits. `hint` is a position to try first (where the key was last found)."""
    if 0 <= hint < len(column) and column[hint] == key:
        return hint
    if not isinstance(key, int):
        return -1
    try:
        pattern = array(_TYPE, (key,)).tobytes()
    except OverflowError:
        return -1
    data = column.tobytes()
    at = data.find(pattern)
    while at >= 0 and at % 8:  # a match across two items' bytes: look further
        at = data.find(pattern, at + 1)
    return at // 8 if at >= 0 else -1


def insert_position(starts: array, ends: array, keys: array, start: int, end: int, key: int) -> int:
    """Where `(start, end, key)` goes in columns sorted by (start, end, key)."""
    lo, hi = bisect_left(starts, start), bisect_right(starts, start)
    return lo + bisect_left(range(lo, hi), (end, key), key=lambda i: (ends[i], keys[i]))


class SpanTable:
    """Spans `(start, end, key)` with a tag each, keys unique; columns in (start, end, key) order."""

    __slots__ = ("_starts", "_ends", "_keys", "_tags", "_bmax", "_dirty", "_loose", "_last")

    def __init__(self, spans: Iterable[Span] = (), tags: Iterable[int] | None = None) -> None:
        """From `(start, end, key)` tuples in any order; `tags` parallel to them (default 0)."""
        items = list(spans)
        tag_list = list(tags) if tags is not None else [0] * len(items)
        if len(tag_list) != len(items):
            raise ValueError("one tag per span")
        for start, end, key in items:
            if end <= start:
                raise ValueError(f"span [{start}, {end}) of key {key} is empty or reversed")
        if len({key for _, _, key in items}) != len(items):
            seen: set[int] = set()
            for _, _, key in items:
                if key in seen:
                    raise ValueError(f"duplicate span key {key}")
                seen.add(key)
        order = sorted(range(len(items)), key=items.__getitem__)
        self._set(
            array(_TYPE, (items[i][0] for i in order)),
            array(_TYPE, (items[i][1] for i in order)),
            array(_TYPE, (items[i][2] for i in order)),
            array(_TYPE, (tag_list[i] for i in order)),
        )

    @classmethod
    def from_columns(
        cls,
        starts: Sequence[int],
        ends: Sequence[int],
        keys: Sequence[int],
        tags: Sequence[int] | None = None,
    ) -> SpanTable:
        """From parallel columns, e.g. a query's, keys unique (database ids). Columns already in (start,
        end, key) order are taken as they are (checked at C speed); others are sorted once."""
        n = len(starts)
        if len(ends) != n or len(keys) != n or (tags is not None and len(tags) != n):
            raise ValueError("columns of different lengths")
        s, e, k = _column(starts), _column(ends), _column(keys)
        t = _column(tags) if tags is not None else array(_TYPE, bytes(8 * n))
        if not all(map(lt, s, e)):
            bad = next(i for i in range(n) if e[i] <= s[i])
            raise ValueError(f"span [{s[bad]}, {e[bad]}) of key {k[bad]} is empty or reversed")
        table = cls.__new__(cls)
        if _in_order(s, e, k):
            table._set(s, e, k, t)
            return table
        order = sorted(range(n), key=lambda i: (s[i], e[i], k[i]))
        table._set(
            array(_TYPE, map(s.__getitem__, order)),
            array(_TYPE, map(e.__getitem__, order)),
            array(_TYPE, map(k.__getitem__, order)),
            array(_TYPE, map(t.__getitem__, order)),
        )
        return table

    def _set(self, starts: array, ends: array, keys: array, tags: array) -> None:
        self._starts, self._ends, self._keys, self._tags = starts, ends, keys, tags
        self._bmax = array(_TYPE)
        self._dirty = 0  # blocks from this one on need their maximum again
        self._loose = 0  # edits since the maxima were exact (they are upper bounds meanwhile)
        self._last = -1  # position of the key found last

    # ------------------------------------------------------------------ the columns

    @property
    def starts(self) -> array:
        """The start column (read it, do not change it): e.g. the overview strip's ticks."""
        return self._starts

    @property
    def tags(self) -> array:
        return self._tags

    def __len__(self) -> int:
        return len(self._keys)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, int) and self._find(key) >= 0

    def __iter__(self) -> Iterator[Span]:
        """All spans, sorted by (start, end, key)."""
        return zip(self._starts, self._ends, self._keys, strict=True)

    def get(self, key: int) -> Span | None:
        i = self._find(key)
        return None if i < 0 else (self._starts[i], self._ends[i], key)

    def tag(self, key: int, default: int = 0) -> int:
        i = self._find(key)
        return default if i < 0 else self._tags[i]

    def set_tag(self, key: int, tag: int) -> bool:
        i = self._find(key)
        if i >= 0:
            self._tags[i] = tag
        return i >= 0

    def retag(self, tags_by_key: Mapping[int, int]) -> int:
        """Give many spans new tags in one pass over the key column; returns how many were found."""
        keys, tags = self._keys, self._tags
        found = 0
        for i in compress(range(len(keys)), map(tags_by_key.__contains__, keys)):
            tags[i] = tags_by_key[keys[i]]
            found += 1
        return found

    # ------------------------------------------------------------------ edits

    def add(self, start: int, end: int, key: int, tag: int = 0) -> None:
        if end <= start:
            raise ValueError(f"span [{start}, {end}) of key {key} is empty or reversed")
        if self._find(key) >= 0:
            raise ValueError(f"duplicate span key {key}")
        starts, ends, keys = self._starts, self._ends, self._keys
        pos = insert_position(starts, ends, keys, start, end, key)
        starts.insert(pos, start)
        ends.insert(pos, end)
        keys.insert(pos, key)
        self._tags.insert(pos, tag)
        self._shifted(pos, end)

    def insert_run(
        self, starts: Sequence[int], ends: Sequence[int], keys: Sequence[int], tags: Sequence[int]
    ) -> int:
        """Insert many spans that come together in the order: sorted by (start, end, key), with new keys,
        and no span of the table between the first and the last of them (a page of a document's tags read
        in order). One memory move per column, not one insert per span; returns where they went."""
        n = len(starts)
        if len(ends) != n or len(keys) != n or len(tags) != n:
            raise ValueError("columns of different lengths")
        if not n:
            return -1
        s, e, k, t = _column(starts), _column(ends), _column(keys), _column(tags)
        if not all(map(lt, s, e)):
            raise ValueError("a span is empty or reversed")
        if not _in_order(s, e, k):
            raise ValueError("the spans are not in (start, end, key) order")
        pos = insert_position(self._starts, self._ends, self._keys, s[0], e[0], k[0])
        if pos < len(self._keys) and (self._starts[pos], self._ends[pos], self._keys[pos]) < (
            s[-1],
            e[-1],
            k[-1],
        ):
            raise ValueError("a span of the table lies between the spans inserted")
        for column, values in ((self._starts, s), (self._ends, e), (self._keys, k), (self._tags, t)):
            column[pos:pos] = values
        self._last = -1
        # Every block from the insertion on holds other spans now: their maxima are counted again.
        self._dirty = min(self._dirty, pos // BLOCK)
        return pos

    def remove(self, key: int) -> bool:
        i = self._find(key)
        if i < 0:
            return False
        for column in (self._starts, self._ends, self._keys, self._tags):
            del column[i]
        self._shifted(i, None)
        return True

    def clear(self) -> None:
        self._set(array(_TYPE), array(_TYPE), array(_TYPE), array(_TYPE))

    def _shifted(self, pos: int, end: int | None) -> None:
        """A span was inserted at `pos` (with this `end`) or removed from there (None): every later span
        moved by one place, so each block from there on may now hold its left (inserted) or right (removed)
        neighbour's last or first span. Each block's maximum becomes the larger of its own and that
        neighbour's: still an upper bound, kept in one pass at C speed. Bounds only widen what a query
        looks at, never what it finds; after LOOSE edits they are made exact again."""
        self._last = -1
        bmax = self._bmax
        count = (len(self._ends) + BLOCK - 1) // BLOCK
        block = pos // BLOCK
        if self._loose >= LOOSE:
            self._dirty = 0  # every bound exact again at the next query
            return
        if self._dirty < len(bmax) or block >= len(bmax):
            self._dirty = min(self._dirty, block)  # a recount from there is due anyway
            return
        self._loose += 1
        tail = bmax[block:]
        if end is not None:
            tail = array(_TYPE, map(max, tail, chain((end,), tail)))
            if len(tail) + block < count:
                tail.append(max(tail[-1], end))
        else:
            tail = array(
                _TYPE, map(max, tail, chain(islice(tail, 1, None), islice(tail, len(tail) - 1, None)))
            )
        bmax[block:] = tail
        del bmax[count:]
        self._dirty = len(bmax)

    def _find(self, key: int) -> int:
        """Position of `key` in the columns, or -1."""
        found = find_key(self._keys, key, self._last)
        if found >= 0:
            self._last = found
        return found

    def _blocks(self) -> array:
        """The largest end in each block of BLOCK spans, brought up to date."""
        n = len(self._ends)
        count = (n + BLOCK - 1) // BLOCK
        bmax, ends = self._bmax, self._ends
        if self._dirty < count or len(bmax) != count:
            first = min(self._dirty, len(bmax), count)
            if first == 0:
                self._loose = 0
            del bmax[first:]
            bmax.extend(max(ends[j * BLOCK : (j + 1) * BLOCK]) for j in range(first, count))
            self._dirty = count
        return bmax

    # ------------------------------------------------------------------ queries

    def _positions(self, a: int, b: int) -> list[int]:
        """Positions of the spans with `start < b and end > a`, in column order."""
        hi = bisect_left(self._starts, b)
        if hi == 0 or a >= b:
            return []
        bmax, ends = self._blocks(), self._ends
        found: list[int] = []
        for j in compress(range((hi - 1) // BLOCK + 1), map(a.__lt__, bmax)):
            lo, top = j * BLOCK, min((j + 1) * BLOCK, hi)
            found.extend(compress(range(lo, top), map(a.__lt__, ends[lo:top])))
        return found

    def overlapping(self, a: int, b: int) -> list[Span]:
        """Spans with `start < b and end > a`, sorted by (start, end, key)."""
        starts, ends, keys = self._starts, self._ends, self._keys
        return [(starts[i], ends[i], keys[i]) for i in self._positions(a, b)]

    def tagged(self, a: int, b: int) -> list[tuple[int, int, int, int]]:
        """`overlapping(a, b)` with each span's tag: `(start, end, key, tag)`."""
        starts, ends, keys, tags = self._starts, self._ends, self._keys, self._tags
        return [(starts[i], ends[i], keys[i], tags[i]) for i in self._positions(a, b)]

    def at(self, pos: int) -> list[Span]:
        """Spans that contain the character at `pos`."""
        return self.overlapping(pos, pos + 1)

    def segments(self, a: int, b: int) -> list[Segment]:
        """Split `[a, b)` where the set of covering spans changes; return the covered pieces, each
        `(start, end, keys)` with `keys` in span order (as `SpanIndex.segments`)."""
        return segments_of(self.overlapping(a, b), a, b)
