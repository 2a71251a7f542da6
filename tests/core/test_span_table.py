"""SpanTable: the view's flat-array span store answers like SpanIndex and a brute-force scan, edits included."""

from __future__ import annotations

import random
from array import array

import pytest

from annotator.core.span_table import BLOCK, SpanTable
from annotator.core.spans import SpanIndex
from tests.core.test_spans import brute_overlapping, brute_segments, random_spans


def test_empty_table() -> None:
    table = SpanTable()
    assert len(table) == 0 and list(table) == [] and table.overlapping(0, 10) == [] and table.get(1) is None
    assert 1 not in table and table.segments(0, 10) == [] and not table.remove(1)
    table.add(3, 5, 7, tag=2)
    assert list(table) == [(3, 5, 7)] and table.tag(7) == 2 and table.tagged(0, 4) == [(3, 5, 7, 2)]


def test_columns_in_order_are_taken_and_others_sorted() -> None:
    sorted_table = SpanTable.from_columns([0, 0, 4], [5, 9, 6], [11, 10, 12], [1, 2, 3])
    assert list(sorted_table) == [(0, 5, 11), (0, 9, 10), (4, 6, 12)]
    assert [sorted_table.tag(k) for k in (10, 11, 12)] == [2, 1, 3]
    shuffled = SpanTable.from_columns(array("q", [4, 0, 0]), [6, 9, 5], [12, 10, 11], [3, 2, 1])
    assert list(shuffled) == list(sorted_table) and [shuffled.tag(k) for k in (10, 11, 12)] == [2, 1, 3]
    ties = SpanTable.from_columns([2, 2], [5, 5], [9, 8])  # equal start and end: the key decides
    assert list(ties) == [(2, 5, 8), (2, 5, 9)]


def test_invalid_spans_rejected() -> None:
    with pytest.raises(ValueError, match="empty or reversed"):
        SpanTable([(5, 5, 1)])
    with pytest.raises(ValueError, match="empty or reversed"):
        SpanTable.from_columns([1, 4], [3, 2], [1, 2])
    with pytest.raises(ValueError, match="duplicate"):
        SpanTable([(0, 2, 1), (3, 4, 1)])
    table = SpanTable([(0, 2, 1)])
    with pytest.raises(ValueError, match="duplicate"):
        table.add(5, 6, 1)
    with pytest.raises(ValueError, match="empty"):
        table.add(6, 5, 2)
    assert list(table) == [(0, 2, 1)]


def test_keys_found_whatever_their_bytes() -> None:
    # Keys whose 8-byte patterns occur across two neighbouring items must not be taken for them.
    keys = [0x0100000000000000, 1, 2**40 + 7, 256, 2**62]
    table = SpanTable.from_columns(list(range(0, 10, 2)), list(range(1, 11, 2)), keys)
    for i, key in enumerate(keys):
        assert table.get(key) == (2 * i, 2 * i + 1, key)
    for missing in (0x0001000000000000, 2**63 - 1, -1, 3, 2**70):
        assert missing not in table and table.get(missing) is None


def test_matches_span_index_and_brute_force_under_random_edits() -> None:
    rng = random.Random(18)
    length = 3000
    spans = random_spans(rng, 600, length)
    tags = {k: rng.randrange(5) for _, _, k in spans}
    table = SpanTable.from_columns(
        [s for s, _, _ in spans],
        [e for _, e, _ in spans],
        [k for *_, k in spans],
        [tags[k] for *_, k in spans],
    )
    index = SpanIndex(spans)
    live = {k: (s, e, k) for s, e, k in spans}
    next_key = 10_000
    for step in range(400):
        action = rng.random()
        if action < 0.4 and live:
            key = rng.choice(list(live))
            assert table.remove(key) and index.remove(key)
            del live[key], tags[key]
        elif action < 0.8:
            start = rng.randrange(length)
            end = min(length, start + rng.choice([1, 5, 40, length]))
            if end > start:
                tags[next_key] = rng.randrange(5)
                table.add(start, end, next_key, tags[next_key])
                index.add(start, end, next_key)
                live[next_key] = (start, end, next_key)
                next_key += 1
        else:
            key = rng.choice(list(live))
            tags[key] = rng.randrange(5)
            assert table.set_tag(key, tags[key])
        a = rng.randrange(length)
        b = a + rng.choice([1, 3, 80, 700])
        expected = brute_overlapping(list(live.values()), a, b)
        assert table.overlapping(a, b) == expected == index.overlapping(a, b)
        assert table.tagged(a, b) == [(s, e, k, tags[k]) for s, e, k in expected]
        assert table.at(a) == index.at(a)
        if step % 40 == 0:
            assert table.segments(a, b) == brute_segments(list(live.values()), a, b) == index.segments(a, b)
            assert list(table) == sorted(live.values()) and len(table) == len(live)
            assert all(table.get(k) == span for k, span in live.items())


def test_one_long_span_is_found_from_every_block() -> None:
    spans = [(i * 10, i * 10 + 3, i) for i in range(20 * BLOCK)]
    table = SpanTable(spans)
    table.add(1, 20 * BLOCK * 10, 99_999)  # covers everything
    for a in (5, 3000, 12_000):
        assert (1, 20 * BLOCK * 10, 99_999) in table.overlapping(a, a + 1)
    assert table.remove(99_999)
    assert table.overlapping(12_005, 12_006) == []


def test_many_edits_between_queries_keep_answers_exact() -> None:
    rng = random.Random(7)
    spans = random_spans(rng, 2000, 20_000)
    table = SpanTable(spans)
    live = {k: (s, e, k) for s, e, k in spans}
    table.overlapping(0, 1)  # the block maxima exist; edits from here on widen them
    next_key = 50_000
    for round_ in range(6):
        for _ in range(rng.choice([1, 5, 40, 200])):
            if rng.random() < 0.5 and live:
                key = rng.choice(list(live))
                table.remove(key)
                del live[key]
            else:
                start = rng.randrange(20_000)
                end = min(20_000, start + rng.choice([1, 30, 5000]))
                if end > start:
                    table.add(start, end, next_key)
                    live[next_key] = (start, end, next_key)
                    next_key += 1
        for _ in range(30):
            a = rng.randrange(20_000)
            b = a + rng.choice([1, 50, 900])
            assert table.overlapping(a, b) == brute_overlapping(list(live.values()), a, b), round_


def test_edits_before_the_first_query() -> None:
    spans = [(i * 5, i * 5 + 3, i) for i in range(3 * BLOCK)]
    table = SpanTable(spans)
    assert table.remove(BLOCK + 1)
    table.add(2, 400, 10_000)
    expected = sorted([s for s in spans if s[2] != BLOCK + 1] + [(2, 400, 10_000)])
    assert table.overlapping(0, 10_000) == expected
    assert table.overlapping(399, 400) == [(2, 400, 10_000)]


def test_runs_inserted_in_pages_answer_as_one_table() -> None:
    """A document's tags read a screenful first and then page by page, each page merged as runs around the
    screenful's spans: queries answer as over the whole set at once, and out-of-place runs are refused."""
    rng = random.Random(15)
    spans = sorted(random_spans(rng, 3 * BLOCK * 5, 5000))
    screen = [s for s in spans if s[0] < 2600 and s[1] > 2400]
    table = SpanTable(screen, [k % 3 for *_, k in screen])
    in_table = set(screen)
    for page in range(0, len(spans), 97):
        run: list[tuple[int, int, int]] = []
        for span in [*spans[page : page + 97], None]:
            if span is not None and span not in in_table:
                run.append(span)
                continue
            if run:  # a run ends at a span the table holds already
                table.insert_run(
                    *(array("q", col) for col in zip(*run, strict=True)), [k % 3 for *_, k in run]
                )
                in_table.update(run)
                run = []
        for a, b in ((0, 5000), sorted((rng.randrange(5000), rng.randrange(5000))), (2400, 2600)):
            have = [s for s in spans if s in in_table]
            assert table.overlapping(a, b) == brute_overlapping(have, a, b)
    assert list(table) == spans
    assert all(table.tag(k) == k % 3 for *_, k in spans)
    with pytest.raises(ValueError, match="between"):
        table.insert_run([0, 6000], [1, 6001], [10**6, 10**6 + 1], [0, 0])
    with pytest.raises(ValueError, match="order"):
        table.insert_run([7000, 6000], [7001, 6001], [10**6, 10**6 + 1], [0, 0])
