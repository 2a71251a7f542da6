"""Candidate passages: the sentences of a text and the clauses of each sentence.

Sentences end by the project's one rule (core/sentence_marks.py: after 。！？； with any closing quotes
or brackets, or at a line break); clauses end after ，：, as well. Leading and trailing spaces are not part of a unit, and a unit
needs at least two characters that are not spaces or punctuation.
"""

from __future__ import annotations

import re

from annotator.core.sentence_marks import CLOSERS, LINE_BREAKS, SENTENCE_END

_CLOSE = re.escape("".join(sorted(CLOSERS)))
_CLAUSE_END = re.compile(f"[，,：:][{_CLOSE}]*")
_CONTENT = re.compile(r"[\w\u3400-\u9fff\U00020000-\U0003ffff]")
MIN_CONTENT = 2
MAX_UNIT = 3000  # a "sentence" longer than this (a page without punctuation) is cut into pieces


def _add(out: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_UNIT:
        out.append((start, start + MAX_UNIT))
        start += MAX_UNIT
    if end > start and len(_CONTENT.findall(text, start, end)) >= MIN_CONTENT:
        out.append((start, end))


def sentences(text: str) -> list[tuple[int, int]]:
    """[start, end) of every sentence, in order."""
    out: list[tuple[int, int]] = []
    pos = 0
    for m in SENTENCE_END.finditer(text):
        end = m.start() if m.group()[0] in LINE_BREAKS else m.end()
        _add(out, text, pos, end)
        pos = m.end()
    _add(out, text, pos, len(text))
    return out


def clauses(text: str, sentence_spans: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """[start, end) of every clause (a sentence cut after ，：,), in order."""
    out: list[tuple[int, int]] = []
    for s, e in sentence_spans if sentence_spans is not None else sentences(text):
        pos = s
        for m in _CLAUSE_END.finditer(text, s, e):
            _add(out, text, pos, m.end())
            pos = m.end()
        if pos == s:
            out.append((s, e))
        else:
            _add(out, text, pos, e)
    return out


def coverage(spans: list[tuple[int, int]], start: int, end: int) -> float:
    """The share of [start, end) covered by the union of `spans` (sorted by start)."""
    covered = 0
    reach = start
    for s, e in spans:
        if e <= reach:
            continue
        if s >= end:
            break
        lo = max(s, reach)
        hi = min(e, end)
        if hi > lo:
            covered += hi - lo
            reach = hi
    return covered / max(end - start, 1)
