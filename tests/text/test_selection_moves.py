"""Sentences and boundary moves over Chinese legal text, in code points."""

from __future__ import annotations

import pytest

from annotator.core.errors import OffsetError
from annotator.text.selection import grow_to_sentence, move_edge, shrink_to_sentence
from annotator.text.sentences import next_sentence, sentence_at, sentences_over

TEXT = (
    "本院认为，被告的行为违反了《反不正当竞争法》第二条的规定，侵害了原告的数据权益。"
    "证人王𠮷说：“群控软件由被告提供。”法院予以采信！\n  判决如下；驳回其余诉讼请求"
)


def span_of(part: str) -> tuple[int, int]:
    i = TEXT.index(part)
    return i, i + len(part)


def test_sentence_ends_at_terminators_keeps_closing_quote_and_stops_at_line_break():
    first = "本院认为，被告的行为违反了《反不正当竞争法》第二条的规定，侵害了原告的数据权益。"
    quote = "证人王𠮷说：“群控软件由被告提供。”"
    assert sentence_at(TEXT, TEXT.index("竞争法")) == span_of(first)
    assert sentence_at(TEXT, TEXT.index("群控")) == span_of(quote)
    assert sentence_at(TEXT, TEXT.index("”")) == span_of(quote)  # the closing quote belongs to it
    assert sentence_at(TEXT, TEXT.index("法院予以")) == span_of("法院予以采信！")
    assert sentence_at(TEXT, TEXT.index("判决")) == span_of("判决如下；")  # indentation left out
    assert sentence_at(TEXT, TEXT.index("驳回")) == span_of("驳回其余诉讼请求")  # the text's end
    assert sentence_at(TEXT, TEXT.index("\n")) == span_of("\n")
    assert sentences_over(TEXT, TEXT.index("数据权益"), TEXT.index("群控") + 1) == (0, span_of(quote)[1])
    assert next_sentence(TEXT, span_of("法院予以采信！")[1]) == span_of("判决如下；")
    with pytest.raises(OffsetError):
        sentence_at(TEXT, len(TEXT))


def test_move_edges_by_jieba_words_and_characters():
    start, end = span_of("数据")  # a part of the word 数据权益
    assert move_edge(TEXT, start, end, "end", "word", 1) == span_of("数据权益")
    s, e = span_of("反不正当竞争法")
    assert move_edge(TEXT, s, e, "end", "word", 1) == (s, e + 1)  # 》 is a word of its own
    assert move_edge(TEXT, s, e + 1, "end", "word", -1) == (s, e)
    assert move_edge(TEXT, s, e, "start", "word", -1) == (s - 1, e)  # 《
    w = span_of("违反了《反不正当竞争法")
    assert move_edge(TEXT, *w, "start", "word", 1) == span_of("了《反不正当竞争法")
    assert move_edge(TEXT, *w, "start", "char", 1) == span_of("反了《反不正当竞争法")
    assert move_edge(TEXT, *w, "end", "char", -1) == span_of("违反了《反不正当竞争")
    # Across the character outside the BMP: one step is one character.
    s, e = span_of("说")
    assert move_edge(TEXT, s, e, "start", "char", -1) == span_of("𠮷说")


def test_moves_never_empty_the_passage_or_leave_the_text():
    s, e = span_of("数据权益")
    assert move_edge(TEXT, s, e, "end", "word", -1) == (s, e)  # would be empty
    assert move_edge(TEXT, s, e, "start", "word", 1) == (s, e)
    assert move_edge(TEXT, 0, 2, "start", "char", -1) == (0, 2)
    assert move_edge(TEXT, len(TEXT) - 2, len(TEXT), "end", "word", 1) == (len(TEXT) - 2, len(TEXT))


def test_grow_and_shrink_by_sentences():
    first = span_of("本院认为，被告的行为违反了《反不正当竞争法》第二条的规定，侵害了原告的数据权益。")
    quote_end = span_of("证人王𠮷说：“群控软件由被告提供。”")[1]
    inside = span_of("数据权益")
    assert grow_to_sentence(TEXT, *inside) == first
    assert grow_to_sentence(TEXT, *first) == (first[0], quote_end)
    assert shrink_to_sentence(TEXT, first[0], quote_end) == first
    assert shrink_to_sentence(TEXT, *first) == first
    # Dropping the sentence after a line break drops the break and the indentation too.
    two = (span_of("法院予以采信！")[0], span_of("判决如下；")[1])
    assert shrink_to_sentence(TEXT, *two) == span_of("法院予以采信！")
