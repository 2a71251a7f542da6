"""SpanIndex: queries agree with a brute-force scan, and edits stay cheap and correct."""

from __future__ import annotations

import random

import pytest

from annotator.core.spans import SpanIndex

Span = tuple[int, int, int]


def brute_overlapping(spans: list[Span], a: int, b: int) -> list[Span]:
    return sorted(s for s in spans if s[0] < b and s[1] > a)


def brute_segments(spans: list[Span], a: int, b: int) -> list[tuple[int, int, tuple[int, ...]]]:
    """Per-character coverage, then runs of equal key sets."""
    out: list[tuple[int, int, tuple[int, ...]]] = []
    for pos in range(a, b):
        keys = tuple(k for _, _, k in brute_overlapping(spans, pos, pos + 1))
        if not keys:
            continue
        if out and out[-1][1] == pos and out[-1][2] == keys:
            out[-1] = (out[-1][0], pos + 1, keys)
        else:
            out.append((pos, pos + 1, keys))
    return out


def random_spans(rng: random.Random, n: int, length: int, first_key: int = 0) -> list[Span]:
    spans = []
    for key in range(first_key, first_key + n):
        start = rng.randrange(length)
        # Mostly short passages, sometimes long ones, as in real codings.
        size = rng.choice([rng.randint(1, 8), rng.randint(1, 60), rng.randint(1, length)])
        spans.append((start, min(length, start + size), key))
    return spans


def test_empty_index() -> None:
    index = SpanIndex()
    assert len(index) == 0
    assert index.overlapping(0, 100) == []
    assert index.at(5) == []
    assert index.segments(0, 10) == []
    assert index.get(1) is None
    assert not index.remove(1)
    assert 1 not in index


def test_basic_queries() -> None:
    index = SpanIndex([(10, 20, 1), (15, 30, 2), (40, 41, 3)])
    assert len(index) == 3
    assert 2 in index and 9 not in index
    assert index.get(2) == (15, 30, 2)
    assert index.overlapping(0, 10) == []
    assert index.overlapping(0, 11) == [(10, 20, 1)]
    assert index.overlapping(20, 40) == [(15, 30, 2)]
    assert index.at(15) == [(10, 20, 1), (15, 30, 2)]
    assert index.at(20) == [(15, 30, 2)]
    assert index.at(40) == [(40, 41, 3)]
    assert index.at(41) == []
    assert list(index) == [(10, 20, 1), (15, 30, 2), (40, 41, 3)]


def test_segments_split_where_coverage_changes() -> None:
    index = SpanIndex([(10, 20, 1), (15, 30, 2), (16, 18, 3)])
    assert index.segments(0, 100) == [
        (10, 15, (1,)),
        (15, 16, (1, 2)),
        (16, 18, (1, 2, 3)),
        (18, 20, (1, 2)),
        (20, 30, (2,)),
    ]
    # Clipped to the requested range.
    assert index.segments(17, 25) == [(17, 18, (1, 2, 3)), (18, 20, (1, 2)), (20, 25, (2,))]
    assert index.segments(30, 40) == []


def test_invalid_spans_rejected() -> None:
    with pytest.raises(ValueError):
        SpanIndex([(5, 5, 1)])
    with pytest.raises(ValueError):
        SpanIndex([(1, 2, 1), (3, 4, 1)])
    index = SpanIndex([(1, 2, 1)])
    with pytest.raises(ValueError):
        index.add(3, 4, 1)
    with pytest.raises(ValueError):
        index.add(9, 3, 2)
    assert len(index) == 1


def test_add_remove_roundtrip() -> None:
    index = SpanIndex([(0, 5, 1)])
    index.add(3, 8, 2)
    assert index.at(4) == [(0, 5, 1), (3, 8, 2)]
    assert index.remove(1)
    assert not index.remove(1)
    assert index.at(4) == [(3, 8, 2)]
    index.clear()
    assert len(index) == 0 and index.at(4) == []


def test_removing_the_longest_span_keeps_queries_correct() -> None:
    spans = [(0, 1_000_000, 1)] + [(i * 10, i * 10 + 5, 100 + i) for i in range(1000)]
    index = SpanIndex(spans)
    assert index.at(999_999) == [(0, 1_000_000, 1)]
    assert (0, 1_000_000, 1) in index.overlapping(500_000, 500_001)
    assert index.remove(1)
    spans = spans[1:]
    for a, b in [(0, 3), (4, 12), (9_990, 9_996), (500_000, 500_001), (5, 10)]:
        assert index.overlapping(a, b) == brute_overlapping(spans, a, b)
    # A new long span after the removal is found again from far away.
    index.add(100, 900_000, 2)
    assert index.at(899_999) == [(100, 900_000, 2)]


def test_matches_brute_force_under_random_edits() -> None:
    rng = random.Random(20240517)
    length = 5_000
    spans = random_spans(rng, 400, length)
    index = SpanIndex(spans)
    next_key = 10_000
    for round_ in range(300):
        if round_ % 3 == 0 and spans:
            victim = rng.choice(spans)
            spans.remove(victim)
            assert index.remove(victim[2])
        else:
            new = random_spans(rng, 1, length, next_key)
            next_key += 1
            for s in new:
                index.add(*s)
                spans.append(s)
        a = rng.randrange(length)
        b = a + rng.choice([1, 2, 10, 100, 2000])
        assert index.overlapping(a, b) == brute_overlapping(spans, a, b)
        assert index.at(a) == brute_overlapping(spans, a, a + 1)
        assert len(index) == len(spans)
        if round_ % 10 == 0:
            c = rng.randrange(length)
            d = c + rng.randint(1, 300)
            assert index.segments(c, d) == brute_segments(spans, c, d)
    assert list(index) == sorted(spans)
    for s in spans:
        assert index.get(s[2]) == s


def test_long_document_queries_are_not_linear() -> None:
    """Near the end of a long document a query looks at a few candidates, not at every earlier span."""
    rng = random.Random(7)
    length = 1_000_000
    spans = [(s, s + rng.randint(1, 200), k) for k, s in enumerate(rng.sample(range(length - 200), 100_000))]
    spans.append((0, length, -1))  # one whole-document span
    index = SpanIndex(spans)
    calls = 0

    # Count the spans a query takes out of the buckets to test them.
    class CountingList(list):
        def __getitem__(self, item):  # type: ignore[override]
            nonlocal calls
            result = super().__getitem__(item)
            if isinstance(item, slice):
                calls += len(result)
            return result

    index._classes = {k: CountingList(v) for k, v in index._classes.items()}  # noqa: SLF001
    got = index.overlapping(999_000, 999_100)
    assert got == brute_overlapping(spans, 999_000, 999_100)
    assert calls < 500
