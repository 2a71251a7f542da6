"""The corpus-wide numpy paths give what the per-document Python forms give: the sweep (`units.sweep`),
α_u (`unitized.unitized_parts` + `combine`) and span matches (`spans.matched`), on random corpora
with characters and with word units, coders who did not code a document, duplicates, spans running
past the text, tags of two documents meeting at their boundary and more categories than a bit set."""

from __future__ import annotations

import math
import random
from itertools import combinations

import numpy as np
import pytest

from annotator.review import agreement
from annotator.review.corpus_spans import span_counts
from annotator.review.corpus_sweep import pattern_tables, sweep_arrays, sweep_corpus
from annotator.review.corpus_unitized import CorpusUnitized
from annotator.review.spans import matched
from annotator.review.unitized import combine, unitized_parts
from annotator.review.units import sweep


def corpus(seed: int):
    rng = random.Random(seed)
    coders = [10, 20, 30, 40][: rng.randint(2, 4)]
    cats = list(range(1, rng.randint(2, 6)))
    lengths = {d: rng.choice([0, 1, 5, 40, 120]) for d in range(1, rng.randint(2, 6))}
    tags = []
    for d, n in lengths.items():
        for _ in range(rng.randint(0, 30)):
            s = rng.randrange(-2, n + 2)
            tags.append((d, rng.choice(coders + [99]), rng.choice(cats + [7]), s, s + rng.randint(-1, 20)))
        if tags and rng.random() < 0.3:
            tags.append(tags[-1])
    tags.append((555, coders[0], cats[0], 0, 3))  # a document outside the corpus
    units = None
    if seed % 3 == 1:
        units = {}
        for d, n in lengths.items():
            spans, p = [], 0
            while p < n:
                w = rng.randint(1, 4)
                if p + w <= n:
                    spans.append((p, p + w))
                p += w + rng.randint(0, 1)
            if rng.random() < 0.8:
                units[d] = spans
    return rng, coders, cats, lengths, tags, units


@pytest.mark.parametrize("seed", range(60))
def test_corpus_sweep_equals_the_sweep_of_each_document(seed):
    rng, coders, cats, lengths, tags, units = corpus(seed)
    coded = None
    if seed % 2:
        coded = {
            d: set(rng.sample(coders + [99], rng.randint(0, len(coders))))
            for d in lengths
            if rng.random() < 0.9
        }
    chosen = cats[: max(1, len(cats) - 1)]
    got = sweep_corpus(tags, coders, lengths, chosen, units, coded)
    assert set(got) == set(lengths)
    for d, n in lengths.items():
        want = sweep(
            [t for t in tags if t[0] == d],
            coders,
            n,
            chosen,
            None if units is None else units.get(d, ()),
            coded=None if coded is None else coded.get(d, set()),
        )
        g = got[d]
        assert (g.coded, g.units, g.empty, g.agree) == (want.coded, want.units, want.empty, want.agree)
        assert {c: dict(v) for c, v in g.masks.items()} == {c: dict(v) for c, v in want.masks.items()}


def test_tags_of_two_documents_meeting_at_their_boundary_stay_apart():
    lengths = {1: 5, 2: 5}
    tags = [(1, 1, 1, 2, 5), (2, 1, 1, 0, 3), (1, 2, 1, 0, 5), (2, 2, 1, 0, 2)]
    got = sweep_corpus(tags, [1, 2], lengths, [1])
    for d in lengths:
        want = sweep([t for t in tags if t[0] == d], [1, 2], 5, [1])
        assert dict(got[d].masks[1]) == dict(want.masks[1]) and got[d].agree == want.agree


def _close(a: float, b: float) -> bool:
    return (math.isnan(a) and math.isnan(b)) or abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


@pytest.mark.parametrize("seed", range(60))
def test_corpus_alpha_u_equals_combining_each_document(seed):
    _rng, coders, cats, lengths, tags, _units = corpus(seed)
    tags = [t for t in tags if t[1] in coders and t[0] in lengths]
    coded: dict[int, set[int]] = {}
    for t in tags:
        coded.setdefault(t[0], set()).add(t[1])
    got = CorpusUnitized(tags, coders, lengths, coded, cats)
    docs = [d for d in lengths if set(coders) <= coded.get(d, set())]
    parts = {
        d: {
            c: unitized_parts(
                lengths[d],
                [[(s, e) for dd, k, cc, s, e in tags if (dd, k, cc) == (d, who, c)] for who in coders],
            )
            for c in cats
        }
        for d in docs
    }
    overall, per_doc = got.overall(), got.per_document()
    for c in cats:
        want = combine([parts[d][c] for d in docs])
        assert _close(overall[c].observed, want.observed) and _close(overall[c].expected, want.expected)
        for d in docs:
            one = combine([parts[d][c]])
            assert _close(per_doc[d][c].observed, one.observed) and _close(
                per_doc[d][c].expected, one.expected
            )
    assert set(per_doc) == set(docs)


@pytest.mark.parametrize("seed", range(40))
def test_span_counts_equal_matching_each_group(seed):
    _rng, coders, cats, lengths, tags, _units = corpus(seed)
    tags = [t for t in tags if t[1] in coders and 0 <= t[3] < t[4]]  # spans as stored: start < end
    got = span_counts(tags, coders)
    for a, b in combinations(coders, 2):
        groups = {(c, d) for d, k, c, _s, _e in tags if k in (a, b)}
        for c, d in groups:
            sa = sorted({(s, e) for dd, k, cc, s, e in tags if (dd, k, cc) == (d, a, c)})
            sb = sorted({(s, e) for dd, k, cc, s, e in tags if (dd, k, cc) == (d, b, c)})
            assert got[(a, b, c)][d] == (
                len(sa),
                len(sb),
                len(set(sa) & set(sb)),
                matched(sa, sb),
                matched(sb, sa),
            )
        assert sum(len(v) for (x, y, _c), v in got.items() if (x, y) == (a, b)) == len(groups)


def test_more_categories_than_a_bit_set_holds_take_the_per_document_sweep():
    rng = random.Random(5)
    lengths = {1: 300, 2: 100}
    tags = [
        (rng.choice([1, 2]), rng.choice([1, 2, 3]), rng.randrange(1, 70), s, s + rng.randint(1, 20))
        for s in (rng.randrange(0, 80) for _ in range(300))
    ]
    cats = sorted({t[2] for t in tags})
    assert len(cats) > 62
    got = sweep_corpus(tags, [1, 2, 3], lengths, cats)
    for d, n in lengths.items():
        want = sweep([t for t in tags if t[0] == d], [1, 2, 3], n, cats)
        assert got[d].agree == want.agree and got[d].masks == want.masks
    report = agreement.compute(tags, [1, 2, 3], lengths)
    assert len(report.categories) == len(cats) and not math.isnan(report.overall.alpha)


@pytest.mark.parametrize("seed", range(60))
def test_pattern_tables_from_the_arrays_equal_adding_up_each_document(seed):
    rng, coders, cats, lengths, tags, units = corpus(seed)
    coded = None
    if seed % 2:
        coded = {d: set(rng.sample(coders, rng.randint(0, len(coders)))) for d in lengths}
    swept = sweep_arrays(tags, coders, lengths, cats, units, coded)
    for count_untagged in (True, False):
        got = pattern_tables(swept, cats, count_untagged, by_document=True)
        want = pattern_tables(swept.documents(), cats, count_untagged, by_document=True)
        assert {c: dict(t) for c, t in got.categories.items()} == {
            c: dict(t) for c, t in want.categories.items()
        }
        assert got.percent == pytest.approx(want.percent, abs=1e-9)
        assert set(got.documents) == set(want.documents)
        for doc, (tables, percent) in want.documents.items():
            assert {c: dict(t) for c, t in got.documents[doc][0].items()} == {
                c: dict(t) for c, t in tables.items()
            }
            assert got.documents[doc][1] == pytest.approx(percent, abs=1e-9)


@pytest.mark.parametrize("seed", range(20))
def test_coders_by_document_from_the_tag_array(seed):
    _rng, coders, _cats, lengths, tags, _units = corpus(seed)
    arr = np.array([t for t in tags if t[1] in coders], dtype=np.int64).reshape(-1, 5)
    want: dict[int, set[int]] = {}
    for t in arr.tolist():
        want.setdefault(t[0], set()).add(t[1])
    assert agreement.coders_by_document(arr, coders) == want
    in_order = arr[np.argsort(arr[:, 0], kind="stable")]
    assert agreement.coders_by_document(in_order, coders) == want
