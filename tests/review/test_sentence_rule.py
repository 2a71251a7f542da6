"""Sentence units for agreement are the sentences the editor selects: one rule, in one place."""

from __future__ import annotations

import pytest

from annotator.review.units import sentences
from annotator.text.sentences import next_sentence, sentence_at


def _editor_sentences(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = 0
    while (found := next_sentence(text, pos)) is not None:
        out.append(found)
        pos = found[1]
    return out


def test_ellipsis_does_not_end_a_sentence_in_either():
    text = "本院认为……被告违约。"
    assert sentence_at(text, 0) == (0, 11)
    assert sentences(text) == [(0, 11)]


@pytest.mark.parametrize(
    "text",
    [
        "本院认为……被告违约。原告主张成立！",
        "他说：“同意。”随后离开；\n  第二段……继续？",
        "无标点的一行\n\n第二行。",
    ],
)
def test_agreement_units_equal_editor_sentences(text):
    assert sentences(text) == _editor_sentences(text)


@pytest.mark.parametrize(
    "text",
    [
        "本院认为……被告违约。原告主张成立！",
        "他说：“同意。”随后离开；\n  第二段……继续？",
        "无标点的一行\n\n第二行。",
        "真的吗？！是的。\r\n下一行",
    ],
)
def test_suggestion_candidates_are_the_same_sentences(text):
    from annotator.learn import units as learn_units

    assert learn_units.sentences(text) == sentences(text)
