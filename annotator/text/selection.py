"""Moving the boundaries of a passage by a word, a character or a sentence (code points).

Used for the selection and for the active tag alike. Only the words and sentences at the boundary being
moved are looked at, so the cost does not depend on the document's or the passage's length. Each function
returns the new `(start, end)`, or the old one when the move would leave nothing selected or go past the
text.
"""

from __future__ import annotations

from typing import Literal

from annotator.text.segment import word_at
from annotator.text.sentences import next_sentence, sentence_at, sentences_over

Edge = Literal["start", "end"]
Unit = Literal["word", "char"]


def move_edge(text: str, start: int, end: int, edge: Edge, unit: Unit, direction: int) -> tuple[int, int]:
    """Move one edge of [start, end) by one word or one character; direction -1 is left, +1 right."""
    if direction not in (-1, 1):
        raise ValueError(f"direction must be -1 or 1, not {direction}")
    pos = start if edge == "start" else end
    if direction > 0:
        if pos >= len(text):
            return start, end
        new = pos + 1 if unit == "char" else word_at(text, pos)[1]
        # A word that began before `pos` (the edge sat inside it): its end is the next boundary anyway.
    else:
        if pos <= 0:
            return start, end
        new = pos - 1 if unit == "char" else word_at(text, pos - 1)[0]
    new_start, new_end = (new, end) if edge == "start" else (start, new)
    if new_start >= new_end:
        return start, end
    return new_start, new_end


def grow_to_sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """Grow to whole sentences; when the passage already is whole sentences, take in the next one."""
    if start >= end:
        if not text:
            return start, end
        return sentence_at(text, min(start, len(text) - 1))
    grown = sentences_over(text, start, end)
    if grown != (start, end):
        return grown
    following = next_sentence(text, end)
    return (start, following[1]) if following else (start, end)


def shrink_to_sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop the last sentence of a passage of several sentences; a passage within one sentence is left."""
    if start >= end:
        return start, end
    last = sentence_at(text, end - 1)
    first = sentence_at(text, start)
    if first == last or last[0] <= start:
        return start, end
    cut = last[0]
    # The line breaks and spaces between the sentences go too.
    while cut > start and text[cut - 1].isspace():
        cut -= 1
    return (start, cut) if cut > start else (start, end)
