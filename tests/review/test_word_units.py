"""Agreement over jieba words with the words stored in the project: the stored units are what
segmenting gives, a second report segments nothing and gives the same figures, and a corrected text or
a new project word has its documents segmented again."""

from __future__ import annotations

import pytest

from annotator.review.agreement import compute
from annotator.store import review as store
from annotator.text import segment

TEXTS = (
    "本院认为，被告擅自抓取原告平台的用户数据，构成不正当竞争。原告的诉讼请求应予支持。",
    "一审法院认定：被告未经许可使用原告的数据产品，违反诚实信用原则和商业道德。",
)


def figures(report):
    def row(m):
        return (m.category, m.units, m.percent, m.kappa, m.alpha, m.alpha_u, m.f1_exact, m.f1_overlap)

    return (
        [row(m) for m in report.categories],
        row(report.overall),
        {d: row(m) for d, m in report.documents.items()},
    )


@pytest.fixture
def tagged(project):
    docs = [project.documents.add_text(f"判决 {i}", t).documents_added[0] for i, t in enumerate(TEXTS)]
    a, b = project.annotators.ensure("甲"), project.annotators.ensure("乙")
    cats = [project.codebook.find("破坏性利用").id, project.codebook.find("用户数据权益").id]
    for doc in docs:
        for who, shift in ((a, 0), (b, 1)):
            project.annotations.add(doc.id, 4 + shift, 12, cats[0], who.id)
            project.annotations.add(doc.id, 15, 22 - shift, cats[1], who.id)
    return project, [d.id for d in docs], [a.id, b.id]


def uncached(project, docs, coders):
    """The report computed from words segmented right now, without the store."""
    lengths = store.document_lengths(docs)
    units = {d: segment.tokenize(project.documents.get(d).text) for d in docs}
    return compute(store.tag_tuples(coders, docs), coders, lengths, units=units, unit_name="token")


def test_stored_words_are_what_segmenting_gives_and_the_next_report_segments_nothing(tagged, monkeypatch):
    project, docs, coders = tagged
    first = project.review.agreement(coders, unit="token")
    stored = store.token_units(docs, segment.fingerprint())
    assert set(stored) == set(docs)
    for d in docs:
        assert stored[d].tolist() == [list(w) for w in segment.tokenize(project.documents.get(d).text)]
    assert figures(first) == figures(uncached(project, docs, coders))

    def no_segmenting(text):
        raise AssertionError("segmented a document whose words are stored")

    monkeypatch.setattr(segment, "tokenize", no_segmenting)
    assert figures(project.review.agreement(coders, unit="token")) == figures(first)


def test_a_corrected_text_and_a_new_project_word_have_their_documents_segmented_again(tagged, monkeypatch):
    project, docs, coders = tagged
    project.review.agreement(coders, unit="token")
    corrected = TEXTS[0].replace("抓取", "爬取并抓取")
    project.versions.update_text(docs[0], corrected)
    assert set(store.token_units(docs, segment.fingerprint())) == {docs[1]}  # the old words are out of date

    segmented = []
    real = segment.tokenize

    def counting(text):
        segmented.append(text)
        return real(text)

    monkeypatch.setattr(segment, "tokenize", counting)
    after = project.review.agreement(coders, unit="token")
    assert segmented == [corrected]
    monkeypatch.setattr(segment, "tokenize", real)
    assert figures(after) == figures(uncached(project, docs, coders))
    assert set(store.token_units(docs, segment.fingerprint())) == set(docs)

    before = segment.fingerprint()
    project.words.add(["用户数据"])
    assert segment.fingerprint() != before
    assert store.token_units(docs, segment.fingerprint()) == {}  # made by the earlier segmentation
    segmented.clear()
    monkeypatch.setattr(segment, "tokenize", counting)
    project.review.agreement(coders, unit="token")
    assert sorted(segmented) == sorted([corrected, TEXTS[1]])


def test_words_are_not_stored_in_a_read_only_project(tagged, tmp_path):
    project, docs, coders = tagged
    path = project.path
    project.close()
    from annotator.services import Project

    reader = Project.open(path, read_only=True)
    try:
        report = reader.review.agreement(coders, unit="token")
        assert store.token_units(docs, segment.fingerprint()) == {}
        assert report.overall.units > 0
    finally:
        reader.close()
