"""Krippendorff's α_u against his published worked examples."""

from __future__ import annotations

import math

import pytest

from annotator.review.measures import pooled_alpha
from annotator.review.unitized import merge_overlapping, sections, unitized_alpha


def shifted(units, by):
    return [(s - by, e - by) for s, e in units]


# Krippendorff (2004), Content Analysis, 2nd ed., p. 254: continuum 150–450, two observers, categories
# c and k. D_o(c) = .0144, D_e(c) = .0532, α_u(c) = .7286; α_u(k) = 1 (D_e .0490); pooled .859.
def test_content_analysis_2004_example():
    c = unitized_alpha(
        300, [shifted([(225, 295), (370, 400)], 150), shifted([(220, 300), (355, 375), (400, 420)], 150)]
    )
    k = unitized_alpha(300, [shifted([(180, 240), (300, 350)], 150)] * 2)
    assert c.observed == pytest.approx(0.0144, abs=1e-4)
    assert c.expected == pytest.approx(0.0532, abs=1e-4)
    assert c.value == pytest.approx(0.7286, abs=1e-4)
    assert k.observed == 0
    assert k.expected == pytest.approx(0.0490, abs=1e-4)
    assert k.value == 1.0
    assert pooled_alpha([c, k]) == pytest.approx(0.859, abs=1e-3)


# Krippendorff (1995), Sociological Methodology 25, p. 57: four pairs of observers on 24 positions.
# The observed disagreements are exact; expected ones were computed there with the continuous form,
# which the discrete form approaches on a finely divided continuum (here stretched 50,000 times).
EXAMPLES_1995 = {
    "A": ([(2, 10), (14, 20)], [(4, 8), (15, 17)], 0.03125, 0.553),
    "B": ([(0, 18)], [(0, 2), (2, 3), (3, 4), (4, 5), (5, 6), (6, 9), (9, 10)], 2.26736, -0.926),
    "C": (
        [(2, 8), (10, 12), (14, 18), (20, 22)],
        [(0, 2), (4, 8), (10, 14), (16, 18), (20, 22)],
        0.02777,
        0.679,
    ),
    "D": (
        [(0, 2), (2, 10), (10, 14), (14, 20), (20, 24)],
        [(0, 4), (4, 8), (8, 15), (15, 17), (17, 24)],
        0.38715,
        0.066,
    ),
}


@pytest.mark.parametrize("name", sorted(EXAMPLES_1995))
def test_sociological_methodology_1995_examples(name):
    first, second, observed, alpha = EXAMPLES_1995[name]
    assert unitized_alpha(24, [first, second]).observed == pytest.approx(observed, abs=1e-5)
    s = 50_000
    stretched = unitized_alpha(
        24 * s, [[(a * s, b * s) for a, b in first], [(a * s, b * s) for a, b in second]]
    )
    assert stretched.observed == pytest.approx(observed, abs=1e-5)
    assert stretched.value == pytest.approx(alpha, abs=0.02)


def test_identical_coders_agree_fully_and_no_units_is_undefined():
    units = [(3, 9), (20, 31)]
    assert unitized_alpha(50, [units, units, units]).value == 1.0
    assert math.isnan(unitized_alpha(50, [[], []]).value)


def test_overlapping_units_of_one_coder_are_merged_touching_ones_kept():
    assert merge_overlapping([(5, 9), (0, 3), (2, 4), (9, 12)]) == [(0, 4), (5, 9), (9, 12)]
    merged = unitized_alpha(40, [[(0, 10), (5, 15)], [(0, 15)]])
    assert merged.observed == 0


def test_gaps_are_split_at_document_boundaries():
    assert sections([(4, 6)], 20, boundaries=[10]) == [
        (0, 4, False),
        (4, 6, True),
        (6, 10, False),
        (10, 20, False),
    ]
    # Splitting the gaps changes the expected disagreement, not the observed one.
    coders = [[(2, 5), (12, 15)], [(3, 5), (12, 16)]]
    whole, split = unitized_alpha(20, coders), unitized_alpha(20, coders, boundaries=[10])
    assert whole.observed == split.observed
    assert whole.expected != split.expected


def test_documents_combine_as_one_continuum_cut_at_their_boundaries():
    from annotator.review.unitized import combine, unitized_parts

    first = [[(2, 5), (12, 19)], [(3, 5), (12, 16)]]
    second = [[(0, 4)], [(1, 4), (6, 8)]]
    together = unitized_alpha(
        30,
        [a + [(20 + s, 20 + e) for s, e in b] for a, b in zip(*[first, second], strict=True)],
        boundaries=[20],
    )
    parts = combine([unitized_parts(20, first), unitized_parts(10, second)])
    assert parts.observed == pytest.approx(together.observed)
    assert parts.expected == pytest.approx(together.expected)
