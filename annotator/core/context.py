"""Quotes and context kept with each annotation, so it can be found again in a corrected text."""

from __future__ import annotations

from dataclasses import dataclass

CONTEXT_CHARS = 20


@dataclass(frozen=True, slots=True)
class Anchor:
    text: str
    before: str
    after: str


def anchor(text: str, start: int, end: int, width: int = CONTEXT_CHARS) -> Anchor:
    return Anchor(text[start:end], text[max(0, start - width):start], text[end:end + width])


def reanchor(text: str, a: Anchor, hint: int | None = None) -> tuple[int, int] | None:
    """Find the quoted passage in `text`; None when it cannot be placed without guessing.

    Exact quote with matching context wins; a quote that occurs exactly once is accepted on its own;
    several candidates are separated by context and then by closeness to `hint` (the old offset) only
    when the context decides nothing. Fuzzy matching comes later and must report what it did.
    """
    if not a.text:
        return None
    hits = []
    i = text.find(a.text)
    while i != -1:
        hits.append(i)
        i = text.find(a.text, i + 1)
    if not hits:
        return None
    if len(hits) == 1:
        return hits[0], hits[0] + len(a.text)

    def score(pos: int) -> int:
        before = text[max(0, pos - len(a.before)):pos]
        after = text[pos + len(a.text):pos + len(a.text) + len(a.after)]
        return _common_suffix(before, a.before) + _common_prefix(after, a.after)

    best = max(score(h) for h in hits)
    top = [h for h in hits if score(h) == best]
    if len(top) > 1:
        if hint is None:
            return None
        top.sort(key=lambda h: abs(h - hint))
        if abs(top[0] - hint) == abs(top[1] - hint):
            return None
    return top[0], top[0] + len(a.text)


def _common_prefix(x: str, y: str) -> int:
    n = 0
    for p, q in zip(x, y, strict=False):
        if p != q:
            break
        n += 1
    return n


def _common_suffix(x: str, y: str) -> int:
    return _common_prefix(x[::-1], y[::-1])
