"""Comparing two annotators on one document."""

from __future__ import annotations

from dataclasses import dataclass

from annotator.review.compare import AGREE, CATEGORY, EXTENT, ONLY_A, ONLY_B, compare, next_disagreement


@dataclass(frozen=True)
class T:
    id: int
    category_id: int
    start: int
    end: int


def kinds(items):
    return [(d.kind, d.a.id if d.a else None, d.b.id if d.b else None) for d in items]


def test_each_kind_of_difference():
    a = [T(1, 5, 0, 10), T(2, 5, 20, 30), T(3, 6, 40, 50), T(4, 5, 60, 65)]
    b = [T(11, 5, 0, 10), T(12, 5, 22, 30), T(13, 7, 40, 50), T(14, 5, 80, 90)]
    assert kinds(compare(a, b)) == [
        (AGREE, 1, 11),
        (EXTENT, 2, 12),
        (CATEGORY, 3, 13),
        (ONLY_A, 4, None),
        (ONLY_B, None, 14),
    ]


def test_tolerance_and_word_units_make_near_extents_agree():
    a, b = [T(1, 5, 10, 20)], [T(2, 5, 12, 19)]
    assert kinds(compare(a, b)) == [(EXTENT, 1, 2)]
    assert kinds(compare(a, b, tolerance=2)) == [(AGREE, 1, 2)]
    words = [(8, 12), (12, 16), (16, 20)]
    assert kinds(compare(a, [T(2, 5, 11, 18)], units=words)) == [(AGREE, 1, 2)]


def test_one_tag_pairs_once_and_same_category_beats_other_category():
    a = [T(1, 5, 0, 10)]
    b = [T(2, 6, 0, 10), T(3, 5, 2, 8)]
    assert kinds(compare(a, b)) == [(EXTENT, 1, 3), (ONLY_B, None, 2)]


def test_next_and_previous_disagreement():
    a = [T(1, 5, 0, 10), T(2, 5, 20, 30), T(3, 5, 40, 50)]
    b = [T(11, 5, 0, 10), T(12, 5, 40, 50)]
    items = compare(a, b)
    assert next_disagreement(items, -1).a.id == 2
    assert next_disagreement(items, 20) is None
    assert next_disagreement(items, 40, backwards=True).a.id == 2
    assert next_disagreement(items, 20, backwards=True) is None
