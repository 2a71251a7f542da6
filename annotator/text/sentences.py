"""Sentences of Chinese legal text, found around one position without scanning the whole document.

A sentence ends after a run of 。！？； (full-width or ASCII !?;) together with any closing quotes or
brackets that follow it (“……。”, 真的吗？！), or at a line break: the rule of core/sentence_marks.py,
whose SENTENCE_END finds the end. The line break itself belongs to no sentence. Offsets are code points,
like annotation offsets.
"""

from __future__ import annotations

from annotator.core.errors import OffsetError
from annotator.core.sentence_marks import CLOSERS, LINE_BREAKS, SENTENCE_END, TERMINATORS

__all__ = ["CLOSERS", "LINE_BREAKS", "TERMINATORS", "next_sentence", "sentence_at", "sentences_over"]
# A sentence longer than this (a page without punctuation) is cut here, so the cost stays bounded.
_LIMIT = 5000


def sentence_at(text: str, pos: int) -> tuple[int, int]:
    """The [start, end) of the sentence containing the character at `pos`, without leading spaces.

    On a line break, the span of that one character.
    """
    if not 0 <= pos < len(text):
        raise OffsetError(f"position {pos} is outside the text (length {len(text)})")
    if text[pos] in LINE_BREAKS:
        return pos, pos + 1
    lower = max(0, pos - _LIMIT)
    if text[pos] in CLOSERS and _closes_sentence(text, pos, lower):
        # A closing quote after 。 ends the sentence before it.
        while text[pos] in CLOSERS:
            pos -= 1
    while pos > lower and text[pos] in TERMINATORS and text[pos - 1] in TERMINATORS:
        pos -= 1  # the ！ of ？！ ends the sentence that the ？ ends
    return _start_of(text, pos), _end_of(text, pos)


def sentences_over(text: str, start: int, end: int) -> tuple[int, int]:
    """Grow [start, end) outward to whole sentences (the sentences of its first and last characters)."""
    if not 0 <= start < end <= len(text):
        raise OffsetError(f"range [{start}, {end}) is not a non-empty range inside the text ({len(text)})")
    return sentence_at(text, start)[0], sentence_at(text, end - 1)[1]


def next_sentence(text: str, pos: int) -> tuple[int, int] | None:
    """The first sentence that begins at or after `pos` (skipping spaces and line breaks), or None."""
    i = pos
    limit = min(len(text), pos + _LIMIT)
    while i < limit and (text[i] in LINE_BREAKS or text[i].isspace()):
        i += 1
    if i >= len(text) or i >= limit:
        return None
    return sentence_at(text, i)


def _start_of(text: str, pos: int) -> int:
    lower = max(0, pos - _LIMIT)
    i = pos
    while i > lower:
        prev = text[i - 1]
        if prev in LINE_BREAKS or prev in TERMINATORS:
            break
        if prev in CLOSERS and _closes_sentence(text, i - 1, lower):
            break
        i -= 1
    # Leading spaces (indentation of a paragraph) are not part of the sentence.
    while i < pos and text[i].isspace():
        i += 1
    return i


def _closes_sentence(text: str, i: int, lower: int) -> bool:
    """Whether the closing mark at `i` follows a terminator (possibly through more closing marks)."""
    while i > lower and text[i] in CLOSERS:
        i -= 1
    return text[i] in TERMINATORS


def _end_of(text: str, pos: int) -> int:
    m = SENTENCE_END.search(text, pos, min(len(text), pos + _LIMIT))
    if m is None:
        return min(len(text), pos + _LIMIT)
    return m.start() if m.group()[0] in LINE_BREAKS else m.end()
