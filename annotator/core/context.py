"""Quotes and context kept with each annotation, so it can be found again in a corrected text."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from difflib import SequenceMatcher

CONTEXT_CHARS = 20


@dataclass(frozen=True, slots=True)
class Anchor:
    text: str
    before: str
    after: str


def anchor(text: str, start: int, end: int, width: int = CONTEXT_CHARS) -> Anchor:
    return Anchor(text[start:end], text[max(0, start - width) : start], text[end : end + width])


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
        before = text[max(0, pos - len(a.before)) : pos]
        after = text[pos + len(a.text) : pos + len(a.text) + len(a.after)]
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


# Fuzzy re-anchoring ---------------------------------------------------------------------------------

FUZZY_ACCEPT = 0.8  # below this a placement is a guess: the tag is reported, not moved


@dataclass(frozen=True, slots=True)
class Placement:
    start: int
    end: int
    score: float  # 1.0 for the exact quote; otherwise how alike old quote and new passage are (0..1)
    method: str  # "exact" or "fuzzy"


def place(text: str, a: Anchor, hint: int | None = None, radius: int = 400) -> Placement | None:
    """Where the quoted passage is in a corrected `text`, with a score; None when nothing is close.

    The exact quote (decided by context, then by `hint`) wins. Otherwise the quote with its context is
    aligned to the text around `hint` (or around where the context is found), and the passage between the
    aligned ends of the quote is scored against the old quote. The caller decides what score it accepts.
    """
    exact = reanchor(text, a, hint)
    if exact is not None:
        return Placement(exact[0], exact[1], 1.0, "exact")
    if not a.text:
        return None
    centre = hint if hint is not None else _context_hint(text, a)
    if centre is None:
        return None
    lo = max(0, centre - len(a.before) - radius)
    hi = min(len(text), centre + len(a.text) + len(a.after) + radius)
    window = text[lo:hi]
    full = a.before + a.text + a.after
    blocks = [b for b in SequenceMatcher(None, full, window, autojunk=False).get_matching_blocks() if b.size]
    if not blocks:
        return None
    start = _map(blocks, len(a.before), forward=True)
    end = _map(blocks, len(a.before) + len(a.text), forward=False)
    if start is None or end is None or end <= start:
        return None
    candidate = window[start:end]
    score = SequenceMatcher(None, a.text, candidate, autojunk=False).ratio()
    return Placement(lo + start, lo + end, round(score, 3), "fuzzy")


def _context_hint(text: str, a: Anchor) -> int | None:
    """Where the quote should start if its context survived (used when there is no old offset)."""
    if a.before and text.count(a.before) == 1:
        return text.find(a.before) + len(a.before)
    if a.after and text.count(a.after) == 1:
        return max(0, text.find(a.after) - len(a.text))
    return None


def _map(blocks, x: int, *, forward: bool) -> int | None:
    """Position `x` of the aligned source in the target: inside a matching block exactly; in a gap, the
    target position next to the block after it (for a start) or before it (for an end)."""
    for b in blocks:
        if b.a <= x < b.a + b.size or (not forward and b.a < x <= b.a + b.size):
            return b.b + (x - b.a)
    if forward:
        after = [b for b in blocks if b.a >= x]
        return after[0].b if after else None
    before = [b for b in blocks if b.a + b.size <= x]
    return before[-1].b + before[-1].size if before else None


def line_hints(old: str, new: str):
    """A function old offset → likely new offset, from a line-level comparison (fast on long texts):
    lines that survived unchanged carry their offsets across; others take their nearest survivor's."""
    old_lines = old.splitlines(keepends=True)
    new_lines = new.splitlines(keepends=True)
    old_starts = _starts(old_lines)
    new_starts = _starts(new_lines)
    anchors: list[tuple[int, int]] = []  # (old line start, new line start) for unchanged lines
    for tag, i1, i2, j1, _j2 in SequenceMatcher(None, old_lines, new_lines, autojunk=False).get_opcodes():
        if tag == "equal":
            anchors.extend((old_starts[i1 + k], new_starts[j1 + k]) for k in range(i2 - i1))
    keys = [o for o, _n in anchors]

    def hint(offset: int) -> int:
        k = bisect_right(keys, offset) - 1
        if k < 0:
            return offset
        o, n = anchors[k]
        return n + (offset - o)

    return hint


def _starts(lines: list[str]) -> list[int]:
    out, pos = [], 0
    for line in lines:
        out.append(pos)
        pos += len(line)
    return out
