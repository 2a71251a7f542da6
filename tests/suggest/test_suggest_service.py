"""Suggestions learnt from the project's tags: same text elsewhere, the classifier, decisions, settings."""

from __future__ import annotations

import pytest

from annotator.core.errors import InputError, NotFoundError
from annotator.learn.same_text import normalised
from annotator.learn.units import clauses, sentences
from annotator.services.suggestions import MIN_TAGS
from tests.suggest.conftest import reasoning_sentences


def _tag_reasoning(project, judgments, docs, category_id, who):
    n = 0
    for doc_id, text, truth in docs:
        for s, e in reasoning_sentences(text, truth):
            project.annotations.add(doc_id, s, e, category_id, who.id)
            n += 1
    return n


def test_units_split_sentences_and_clauses_with_offsets_in_code_points():
    text = "  𠮷某认为，被告违约。\n本院认为：“合同有效。”原告诉称；\n短"
    sents = sentences(text)
    assert [text[s:e] for s, e in sents] == ["𠮷某认为，被告违约。", "本院认为：“合同有效。”", "原告诉称；"]
    assert [text[s:e] for s, e in clauses(text, sents)] == [
        "𠮷某认为，",
        "被告违约。",
        "本院认为：",
        "“合同有效。”",
        "原告诉称；",
    ]


def test_normalising_unifies_brackets_and_drops_spaces():
    norm, where = normalised("（2019）浙 0192\n民初【1】号")
    assert norm == "(2019)浙0192民初[1]号"
    assert len(where) == len(norm) and where[-1] == len("（2019）浙 0192\n民初【1】号") - 1


def test_same_text_elsewhere_is_suggested_exactly_or_after_normalising(project):
    ids = _import(project)
    who = project.annotators.ensure("甲")
    cat = project.codebook.find("法律依据").id
    text = project.documents.get(ids[0]).text
    quote = "依照《反不正当竞争法》（2019年修正）第二条之规定"
    start = text.index(quote)
    project.annotations.add(ids[0], start, start + len(quote), cat, who.id)
    project.suggestions.set_enabled(cat, True)  # one tag: switched on by hand
    found = project.suggestions.suggest(for_annotator=who.id)
    same = [s for s in found if s.source == "same_text"]
    by_doc = {s.document_id: s for s in same}
    assert set(by_doc) == {ids[1], ids[2]}  # not the tagged passage itself
    assert by_doc[ids[2]].score == 1.0 and by_doc[ids[2]].text == quote
    assert (
        by_doc[ids[1]].score == 0.95
        and by_doc[ids[1]].text == "依照《反不正当竞争法》(2019年修正) 第二条之规定"
    )
    # A rejection is remembered: the passage is not suggested again.
    project.suggestions.reject([by_doc[ids[1]]], who.id)
    again = {
        s.document_id for s in project.suggestions.suggest(for_annotator=who.id) if s.source == "same_text"
    }
    assert again == {ids[2]}


def _import(project) -> list[int]:
    import tempfile
    from pathlib import Path

    folder = Path(tempfile.mkdtemp())
    paths = []
    for name, text in (
        ("a.txt", "甲公司诉称：依照《反不正当竞争法》（2019年修正）第二条之规定，乙公司构成不正当竞争。"),
        (
            "b.txt",
            "法院认为，依照《反不正当竞争法》(2019年修正) 第二条之规定，乙公司构成不正当竞争。其余不论。",
        ),
        ("c.txt", "另案：依照《反不正当竞争法》（2019年修正）第二条之规定，乙公司构成不正当竞争。"),
    ):
        (folder / name).write_text(text, encoding="utf-8")
        paths.append(folder / name)
    return [d.id for d in project.documents.import_files(paths).documents_added]


def test_suggestions_stay_off_until_a_category_has_ten_tags(judgments):
    project, docs = judgments
    who = project.annotators.ensure("甲")
    cat = project.codebook.find("商业道德").id
    doc_id, text, truth = docs[0]
    few = reasoning_sentences(text, truth)[:3]
    for s, e in few:
        project.annotations.add(doc_id, s, e, cat, who.id)
    setting = next(s for s in project.suggestions.settings() if s.category_id == cat)
    assert setting.tags == 3 and not setting.active and setting.enabled is None
    assert project.suggestions.suggest() == []
    assert MIN_TAGS == 10


def test_classifier_learns_the_reasoning_of_real_judgments(judgments):
    project, docs = judgments
    who = project.annotators.ensure("甲")
    cat = project.codebook.find("商业道德").id
    assert _tag_reasoning(project, judgments, docs[:4], cat, who) >= MIN_TAGS
    test_docs = docs[4:]
    found = [
        s
        for s in project.suggestions.suggest([d for d, _, _ in test_docs], for_annotator=who.id)
        if s.category_id == cat
    ]
    assert found, "no suggestions in judgments the classifier has not seen"
    truth = {d: (t["reasoning_start"], t["decision_start"]) for d, _, t in test_docs}
    inside = [s for s in found if truth[s.document_id][0] <= s.start and s.end <= truth[s.document_id][1] + 5]
    assert len(inside) / len(found) >= 0.8, [(s.text[:30], s.score) for s in found]
    assert all(0.0 <= s.score <= 1.0 for s in found)
    # Every one of them is of some unseen document, and none repeats a tag.
    assert {s.document_id for s in found} <= {d for d, _, _ in test_docs}


def test_rejections_are_training_data(judgments):
    project, docs = judgments
    who = project.annotators.ensure("甲")
    cat = project.codebook.find("商业道德").id
    _tag_reasoning(project, judgments, docs[:4], cat, who)
    truth = {d: (t["reasoning_start"], t["decision_start"]) for d, _, t in docs}
    shown, held_out = [d for d, _, _ in docs[4:6]], [d for d, _, _ in docs[6:]]

    def outside_scores():
        snap = project.suggestions.snapshot(for_annotator=who.id, extra_documents=held_out)
        recommender = snap.build()
        scores = []
        for d in held_out:
            units, ps = recommender.model.score_units(snap.data.docs[d], snap.cache)[cat]
            scores += [p for (s, _e), p in zip(units, ps, strict=True) if not truth[d][0] <= s < truth[d][1]]
        return sum(scores) / len(scores)

    before = outside_scores()
    found = project.suggestions.suggest(shown, min_score=0.2, for_annotator=who.id)
    wrong = [s for s in found if not truth[s.document_id][0] <= s.start < truth[s.document_id][1]]
    assert wrong
    project.suggestions.reject(wrong, who.id)
    again = project.suggestions.suggest(shown, min_score=0.2, for_annotator=who.id)
    assert not {s.key for s in again} & {s.key for s in wrong}  # never suggested again
    # And passages like them, in documents nobody has looked at, score lower now.
    assert outside_scores() < before


def test_accepting_makes_normal_undoable_tags(judgments):
    project, docs = judgments
    who = project.annotators.ensure("甲")
    cat = project.codebook.find("商业道德").id
    _tag_reasoning(project, judgments, docs[:4], cat, who)
    found = project.suggestions.suggest([docs[5][0]], for_annotator=who.id)[:2]
    assert found
    changes = project.suggestions.accept(found, who.id)
    tags = changes.annotations_added
    assert [(a.start, a.end, a.category_id) for a in tags] == [(s.start, s.end, s.category_id) for s in found]
    assert all(a.text == s.text for a, s in zip(tags, found, strict=True))
    again = project.suggestions.suggest([docs[5][0]], for_annotator=who.id)
    assert not any(s.key == f.key for s in again for f in found)
    project.revert(changes)
    assert not project.annotations.list(document_ids=[docs[5][0]])


def test_bad_settings_and_scores_are_refused(project):
    cat = project.codebook.find("商业道德").id
    with pytest.raises(InputError):
        project.suggestions.set_threshold(cat, 1.5)
    with pytest.raises(NotFoundError):
        project.suggestions.set_enabled(9999, True)
    with pytest.raises(InputError):
        project.suggestions.suggest(min_score=-0.1)
    project.suggestions.set_threshold(cat, 0.8)
    project.suggestions.set_enabled(cat, False)
    setting = next(s for s in project.suggestions.settings() if s.category_id == cat)
    assert (setting.threshold, setting.enabled, setting.active) == (0.8, False, False)


def test_nothing_leaves_the_machine(judgments, monkeypatch):
    """Training and suggesting work with every network connection refused."""
    import socket

    def refuse(*_args, **_kwargs):
        raise AssertionError("suggestions tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    project, docs = judgments
    who = project.annotators.ensure("甲")
    cat = project.codebook.find("商业道德").id
    _tag_reasoning(project, judgments, docs[:4], cat, who)
    assert project.suggestions.suggest([d for d, _, _ in docs[4:]], for_annotator=who.id)


def test_start_up_does_not_import_scikit_learn():
    import subprocess
    import sys

    code = (
        "import sys; import annotator.cli, annotator.services, annotator.services.suggestions, "
        "annotator.ui.main_window.window; print('sklearn' in sys.modules, 'scipy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_a_stale_training_run_stops(judgments):
    """The window cancels a run that a newer decision made stale; training checks between categories."""
    from annotator.learn.model import Cancelled

    project, docs = judgments
    who = project.annotators.ensure("甲")
    cat = project.codebook.find("商业道德").id
    _tag_reasoning(project, judgments, docs[:4], cat, who)
    snap = project.suggestions.snapshot([who.id], for_annotator=who.id)
    with pytest.raises(Cancelled):
        snap.build(cancelled=lambda: True)
    assert snap.recommender is None
    assert cat in snap.build().model.categories
