"""Agreement coefficients against published worked examples and against reference implementations."""

from __future__ import annotations

import math
import random

import pytest

from annotator.review.measures import (
    cohen_kappa,
    fleiss_kappa,
    krippendorff_alpha,
    percent_agreement,
    pooled_alpha,
    table,
)

N = None


def columns(*coders):
    """Reliability data written coder by coder (as the sources print them) → rows by unit."""
    return list(zip(*coders, strict=True))


# Krippendorff (2011), Computing Krippendorff's alpha-reliability, section A: binary data, two observers.
def test_krippendorff_binary_example():
    a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    assert krippendorff_alpha(table(columns(a, b))).value == pytest.approx(0.095, abs=5e-4)


# Section B: nominal data, two observers, no missing data.
def test_krippendorff_nominal_example():
    a = list("aabbdcccedda")
    b = list("babbbccceddd")
    assert krippendorff_alpha(table(columns(a, b))).value == pytest.approx(0.692, abs=5e-4)


# Section C: nominal data, four observers, missing data.
def test_krippendorff_missing_values_example():
    data = columns(
        [1, 2, 3, 3, 2, 1, 4, 1, 2, N, N, N],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, N, 3],
        [N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, N],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, N],
    )
    assert krippendorff_alpha(table(data)).value == pytest.approx(0.743, abs=5e-4)


# Krippendorff (1995), On the reliability of unitizing contiguous data, Sociological Methodology 25, p. 57:
# example A read character by character (Bertha and Bill): kappa .385, alpha .329.
def test_krippendorff_1995_digitised_example():
    bertha = [0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0]
    bill = [0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0]
    data = table(columns(bertha, bill))
    assert cohen_kappa(data) == pytest.approx(0.385, abs=1e-3)
    assert krippendorff_alpha(data).value == pytest.approx(0.329, abs=1e-3)


# Cohen's kappa on a 2×2 table (e.g. 50 applications rated yes/no by two readers): 20 yes/yes,
# 5 yes/no, 10 no/yes, 15 no/no: p_o = .70, p_e = .50, kappa = .40.
def test_cohen_two_by_two_example():
    data = {("yes", "yes"): 20, ("yes", "no"): 5, ("no", "yes"): 10, ("no", "no"): 15}
    assert percent_agreement(data) == pytest.approx(0.70)
    assert cohen_kappa(data) == pytest.approx(0.40)


# Fleiss (1971), Psychological Bulletin 76(5), p. 379: 30 patients, 6 psychiatrists, 5 diagnoses.
FLEISS_1971 = [
    (4, 4, 4, 4, 4, 4),
    (2, 2, 2, 5, 5, 5),
    (2, 3, 3, 3, 3, 5),
    (5, 5, 5, 5, 5, 5),
    (2, 2, 2, 4, 4, 4),
    (1, 1, 3, 3, 3, 3),
    (3, 3, 3, 3, 5, 5),
    (1, 1, 3, 3, 3, 4),
    (1, 1, 4, 4, 4, 4),
    (5, 5, 5, 5, 5, 5),
    (1, 4, 4, 4, 4, 4),
    (1, 2, 4, 4, 4, 4),
    (2, 2, 2, 3, 3, 3),
    (1, 4, 4, 4, 4, 4),
    (2, 2, 4, 4, 4, 5),
    (3, 3, 3, 3, 3, 5),
    (1, 1, 1, 4, 5, 5),
    (1, 1, 1, 1, 1, 2),
    (2, 2, 4, 4, 4, 4),
    (1, 3, 3, 5, 5, 5),
    (5, 5, 5, 5, 5, 5),
    (2, 4, 4, 4, 4, 4),
    (2, 2, 4, 5, 5, 5),
    (1, 1, 4, 4, 4, 4),
    (1, 4, 4, 4, 4, 5),
    (2, 2, 2, 2, 2, 4),
    (1, 1, 1, 1, 5, 5),
    (2, 2, 4, 4, 4, 4),
    (1, 3, 3, 3, 3, 3),
    (5, 5, 5, 5, 5, 5),
]


def test_fleiss_1971_example():
    data = table(FLEISS_1971)
    assert percent_agreement(data) == pytest.approx(0.5556, abs=1e-4)  # Fleiss's P-bar
    assert fleiss_kappa(data) == pytest.approx(0.430, abs=1e-3)


def test_undefined_cases_are_nan_not_errors():
    same = table([(1, 1), (1, 1)])
    assert percent_agreement(same) == 1.0
    assert math.isnan(cohen_kappa(same))
    assert math.isnan(krippendorff_alpha(same).value)
    assert math.isnan(percent_agreement(table([(1, N), (N, 2)])))


def test_weights_equal_repeated_rows():
    rows = [(1, 2, N), (1, 1, 1), (2, 2, 1)]
    repeated = table(rows * 3)
    weighted = table(rows, [3, 3, 3])
    assert krippendorff_alpha(repeated) == krippendorff_alpha(weighted)


def test_pooled_alpha_sums_disagreements():
    from annotator.review.measures import Alpha

    assert pooled_alpha([Alpha(0.1, 0.4), Alpha(0.0, 0.6)]) == pytest.approx(0.9)
    assert math.isnan(pooled_alpha([]))


# Reference implementations on seeded random data -------------------------------------------------------


def _random_rows(rng: random.Random, units: int, coders: int, values: int, missing: float):
    rows = []
    for _ in range(units):
        row = [rng.randrange(values) if rng.random() >= missing else None for _ in range(coders)]
        rows.append(row)
    return rows


@pytest.mark.parametrize("seed", range(5))
def test_alpha_matches_krippendorff_package(seed):
    import krippendorff

    rng = random.Random(seed)
    coders = rng.randint(2, 5)
    rows = _random_rows(rng, rng.randint(20, 200), coders, rng.randint(2, 6), missing=0.2)
    rows = [r for r in rows if sum(v is not None for v in r) >= 1]
    matrix = [[math.nan if r[c] is None else r[c] for r in rows] for c in range(coders)]
    expected = krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal")
    assert krippendorff_alpha(table(rows)).value == pytest.approx(expected, abs=1e-9)


@pytest.mark.parametrize("seed", range(5))
def test_cohen_matches_scikit_learn(seed):
    from sklearn import metrics

    rng = random.Random(100 + seed)
    rows = _random_rows(rng, rng.randint(20, 300), 2, rng.randint(2, 5), missing=0.0)
    a, b = zip(*rows, strict=True)
    assert cohen_kappa(table(rows)) == pytest.approx(metrics.cohen_kappa_score(a, b), abs=1e-9)


@pytest.mark.parametrize("seed", range(5))
def test_fleiss_matches_statsmodels(seed):
    from statsmodels.stats import inter_rater

    rng = random.Random(200 + seed)
    coders = rng.randint(3, 7)
    rows = _random_rows(rng, rng.randint(20, 300), coders, rng.randint(2, 5), missing=0.0)
    counts, _ = inter_rater.aggregate_raters(rows)
    assert fleiss_kappa(table(rows)) == pytest.approx(inter_rater.fleiss_kappa(counts), abs=1e-9)


def test_fleiss_for_two_coders_is_scotts_pi_and_not_cohen():
    rows = [(0, 0)] * 5 + [(0, 1)] * 10 + [(1, 1)] * 5
    # Marginals differ (A: 15/5, B: 5/15): Cohen's chance term uses each coder's own, Fleiss' the pooled.
    assert fleiss_kappa(table(rows)) != pytest.approx(cohen_kappa(table(rows)))
