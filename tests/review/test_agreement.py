"""From tags to units to the report: the compressed sweep gives what unit-by-unit counting gives."""

from __future__ import annotations

import random

import pytest

from annotator.review.agreement import compute
from annotator.review.measures import (
    cohen_parts,
    krippendorff_alpha,
    percent_agreement,
    pooled_alpha,
    pooled_kappa,
    table,
)
from annotator.review.units import co_coverage, sentences, sweep, to_unit_range


def naive_rows(tags, coders, length, units=None):
    """Unit by unit: the set of categories each coder gave each unit (None: coder has no tag here)."""
    spans = units or [(i, i + 1) for i in range(length)]
    present = {t[1] for t in tags}
    rows = []
    for us, ue in spans:
        row = []
        for c in coders:
            if c not in present:
                row.append(None)
                continue
            row.append(frozenset(t[2] for t in tags if t[1] == c and t[3] < ue and t[4] > us))
        rows.append(tuple(row))
    return rows


def binary(rows, category):
    return [tuple(None if v is None else category in v for v in r) for r in rows]


def random_tags(rng, doc, coders, length, n, categories=(1, 2, 3)):
    out = []
    for _ in range(n):
        s = rng.randrange(length - 1)
        e = min(length, s + rng.randint(1, 15))
        out.append((doc, rng.choice(coders), rng.choice(categories), s, e))
    return out


@pytest.mark.parametrize("seed", range(4))
def test_character_sweep_equals_counting_each_character(seed):
    rng = random.Random(seed)
    coders = [10, 20, 30]
    tags = random_tags(rng, 1, coders[:2] if seed == 3 else coders, 120, 40)
    rows = naive_rows(tags, coders, 120)
    counts = sweep(tags, coders, 120, [1, 2, 3, 4])
    for c in (1, 2, 3, 4):
        assert counts.category_table(c) == table(binary(rows, c))
    assert counts.percent_parts() == pytest.approx((percent_agreement(table(rows)) * 120, 120))
    untagged = sum(1 for r in rows if not any(r_ for r_ in r if r_))
    assert counts.empty == untagged


def test_word_units_and_untagged_text_option():
    words = [(0, 2), (2, 3), (4, 7), (7, 9), (9, 12)]  # position 3 is a space, in no unit
    tags = [(1, 1, 5, 1, 2), (1, 2, 5, 0, 3), (1, 2, 6, 8, 9)]
    rows = naive_rows(tags, [1, 2], 12, words)
    got = sweep(tags, [1, 2], 12, [5, 6], words)
    assert got.category_table(6) == table(binary(rows, 6))
    assert got.category_table(6)[(False, True)] == 1
    without = got.category_table(6, count_untagged=False)
    assert sum(without.values()) == 3 and got.empty == 2
    assert got.percent_parts(count_untagged=False) == (1, 3)  # only the first word agrees


def test_unit_range_of_a_span():
    starts, ends = [0, 2, 4, 7], [2, 3, 7, 9]
    assert to_unit_range(starts, ends, 1, 5) == (0, 3)
    assert to_unit_range(starts, ends, 3, 4) == (2, 2)  # only the gap: no unit


def test_sentences_end_at_chinese_punctuation_and_line_breaks():
    text = "本院认为，被告构成不正当竞争。原告的诉请是否成立？\n  判决如下：驳回“诉请！”余下"
    got = [text[s:e] for s, e in sentences(text)]
    assert got == ["本院认为，被告构成不正当竞争。", "原告的诉请是否成立？", "判决如下：驳回“诉请！”", "余下"]


def test_coder_without_tags_in_a_document_is_missing_not_disagreeing():
    tags = [(1, 1, 5, 0, 4), (1, 2, 5, 0, 4), (2, 1, 5, 0, 4)]  # coder 2 never opened document 2
    report = compute(tags, [1, 2], {1: 10, 2: 10})
    assert report.overall.alpha == 1.0
    assert report.overall.percent == 1.0
    assert report.overall.units == 10


@pytest.mark.parametrize("seed", range(3))
def test_report_matches_references_on_random_corpus(seed):
    import krippendorff
    from sklearn import metrics

    rng = random.Random(50 + seed)
    lengths = {1: 80, 2: 60, 3: 100}
    coders = [7, 8]
    tags = [t for doc, n in lengths.items() for t in random_tags(rng, doc, coders, n, 25)]
    report = compute(tags, coders, lengths)
    rows = [r for doc, n in lengths.items() for r in naive_rows([t for t in tags if t[0] == doc], coders, n)]
    alphas, kappas = [], []
    for measures in report.categories:
        a, b = zip(*binary(rows, measures.category), strict=True)
        assert measures.kappa == pytest.approx(metrics.cohen_kappa_score(a, b), abs=1e-9)
        ref = krippendorff.alpha(
            reliability_data=[list(map(int, a)), list(map(int, b))], level_of_measurement="nominal"
        )
        assert measures.alpha == pytest.approx(ref, abs=1e-9)
        alphas.append(krippendorff_alpha(table(binary(rows, measures.category))))
        kappas.append(cohen_parts(table(binary(rows, measures.category))))
    assert report.overall.alpha == pytest.approx(pooled_alpha(alphas), abs=1e-12)
    assert report.overall.kappa == pytest.approx(pooled_kappa(kappas), abs=1e-12)
    assert report.overall.percent == pytest.approx(percent_agreement(table(rows)), abs=1e-12)


def test_overall_kappa_is_the_categories_weighted_by_chance_disagreement():
    parts = [(0.9, 0.5), (0.6, 0.2)]
    kappas = [(po - pe) / (1 - pe) for po, pe in parts]
    weights = [1 - pe for _, pe in parts]
    assert pooled_kappa(parts) == pytest.approx(
        sum(k * w for k, w in zip(kappas, weights, strict=True)) / sum(weights)
    )


def test_span_f1_exact_and_overlap():
    tags = [
        (1, 1, 5, 0, 10),
        (1, 2, 5, 0, 10),  # exact
        (1, 1, 5, 20, 30),
        (1, 2, 5, 22, 30),  # overlap only
        (1, 1, 6, 40, 45),  # only A
        (1, 2, 5, 40, 45),  # only B, other category
    ]
    report = compute(tags, [1, 2], {1: 60})
    assert report.overall.f1_exact == pytest.approx(2 * 1 / 6)
    assert report.overall.f1_overlap == pytest.approx(2 / 3)
    cat5 = next(m for m in report.categories if m.category == 5)
    assert cat5.f1_exact == pytest.approx(2 * 1 / 5)


def test_three_coders_use_fleiss_and_confusion_only_for_two():
    tags = [(1, c, 5, 0, 10) for c in (1, 2, 3)] + [(1, 3, 6, 12, 20)]
    report = compute(tags, [1, 2, 3], {1: 30})
    assert report.confusion == {}
    two = compute(tags, [1, 3], {1: 30})
    assert two.confusion == {(5, 5): 10, (None, 6): 8}
    assert co_coverage(tags + [(1, 1, 6, 0, 4)], 1, 3, 30) == {(5, 5): 10, (6, 5): 4, (None, 6): 8}
    assert 0 < report.overall.kappa < 1


def test_needs_two_coders():
    with pytest.raises(ValueError):
        compute([], [1], {1: 5})


def test_clip_to_regions_keeps_only_those_parts_end_to_end():
    from annotator.review.units import clip_to_regions

    tags = [(1, 7, 5, 2, 12), (1, 8, 5, 20, 25), (2, 7, 5, 0, 3)]
    clipped, lengths, units = clip_to_regions(
        tags, {1: 30, 2: 10}, {1: [(10, 15), (18, 22)]}, units={1: [(10, 12), (12, 16), (19, 21)]}
    )
    assert lengths == {1: 9}
    assert clipped == [(1, 7, 5, 0, 2), (1, 8, 5, 7, 9)]
    assert units == {1: [(0, 2), (6, 8)]}


def test_agreement_within_one_section_of_a_judgment(project):
    text = (
        "某某市人民法院\n民事判决书\n原告：甲公司。\n被告：乙公司。\n"
        "本院认为，被告擅自抓取用户数据，构成不正当竞争。\n判决如下：被告赔偿原告十万元。\n"
    )
    doc = project.documents.add_text("判决", text).documents_added[0]
    project.structure.detect([doc.id])
    kinds = [k for k, _, _ in project.structure.sections(doc.id)]
    assert "reasoning" in kinds
    a, b = project.annotators.ensure("甲"), project.annotators.ensure("乙")
    cat = project.codebook.find("用户数据权益").id
    s = text.index("擅自")
    project.annotations.add(doc.id, s, s + 8, cat, a.id)
    project.annotations.add(doc.id, s, s + 8, cat, b.id)
    project.annotations.add(doc.id, 0, 7, cat, a.id)  # only A, in the header
    whole = project.review.agreement([a.id, b.id])
    reasoning = project.review.agreement([a.id, b.id], section="reasoning")
    assert whole.overall.alpha < 1
    assert reasoning.overall.alpha == 1.0
    start, end = next((s, e) for k, s, e in project.structure.sections(doc.id) if k == "reasoning")
    assert reasoning.overall.units == end - start
    with pytest.raises(Exception, match="no document has a section"):
        project.review.agreement([a.id, b.id], section="no-such-part")
