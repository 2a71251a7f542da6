"""Offset maps between a text as delivered and the text stored after a recorded normalisation.

A normalisation (joining stray line breaks, putting paragraph breaks into a one-line judgment,
removing control characters) is a list of `Edit`s over the text it starts from: replace
`source[start:end]` (which is `old`) by `new`. Edits of one step do not overlap and are sorted. A
`TextMap` is the chain of steps from the delivered text to the stored one; it maps offsets both ways
and rebuilds either text from the other, so nothing but the edits needs to be kept.

Offsets are code points. A position that falls inside a replaced stretch is moved to its edge: a span
start to the end of the replacement, a span end to its start, so a mapped span never takes in
characters it did not cover. A span whose characters were all removed maps to nothing (None).
"""

from __future__ import annotations

import json
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Edit:
    start: int
    end: int
    old: str  # source[start:end]
    new: str  # what the step put in its place


class Step:
    """One normalisation step: its name and its sorted, non-overlapping edits."""

    def __init__(self, name: str, edits: Iterable[Edit]) -> None:
        self.name = name
        self.edits: tuple[Edit, ...] = tuple(sorted(edits, key=lambda e: (e.start, e.end)))
        last = -1
        for e in self.edits:
            if e.start < last or e.end < e.start or len(e.old) != e.end - e.start or e.old == e.new:
                raise ValueError(f"bad edit in step {name}: {e}")
            last = e.end if e.end > e.start else e.start + 1  # two insertions at one place are ambiguous
        self._starts = [e.start for e in self.edits]
        # Where each edit lands in the result, and the same positions for mapping back.
        self._out_starts = []
        shift = 0
        for e in self.edits:
            self._out_starts.append(e.start + shift)
            shift += len(e.new) - len(e.old)

    def apply(self, text: str) -> str:
        parts, last = [], 0
        for e in self.edits:
            if text[e.start : e.end] != e.old:
                raise ValueError(f"step {self.name} does not fit this text at {e.start}")
            parts += [text[last : e.start], e.new]
            last = e.end
        parts.append(text[last:])
        return "".join(parts)

    def undo(self, text: str) -> str:
        parts, last = [], 0
        for e, out in zip(self.edits, self._out_starts, strict=True):
            if text[out : out + len(e.new)] != e.new:
                raise ValueError(f"step {self.name} was not applied to this text at {out}")
            parts += [text[last:out], e.old]
            last = out + len(e.new)
        parts.append(text[last:])
        return "".join(parts)

    def forward(self, pos: int, side: str) -> int:
        return _map(pos, side, self.edits, self._starts, self._out_starts, backward=False)

    def backward(self, pos: int, side: str) -> int:
        return _map(pos, side, self.edits, self._out_starts, self._starts, backward=True)


def _map(
    pos: int, side: str, edits: Sequence[Edit], here: list[int], there: list[int], *, backward: bool
) -> int:
    """Map `pos` through one step; `here`/`there` are the edits' starts on the side mapped from/to."""
    i = bisect_right(here, pos) - 1
    if i < 0:
        return pos
    e = edits[i]
    length_here, length_there = (len(e.new), len(e.old)) if backward else (len(e.old), len(e.new))
    start_here, start_there = here[i], there[i]
    if pos == start_here and length_here == 0:  # an insertion here: after a span's end, before its start
        return start_there + length_there if side == "start" else start_there
    if pos == start_here:  # at the start of a replaced stretch
        return start_there
    if pos < start_here + length_here:  # inside it: move to the edge that keeps the span inside
        return start_there + length_there if side == "start" else start_there
    return start_there + length_there + (pos - start_here - length_here)


class TextMap:
    """The chain of steps from a delivered text to the stored one (empty: they are the same)."""

    def __init__(self, steps: Iterable[Step] = ()) -> None:
        self.steps: tuple[Step, ...] = tuple(s for s in steps if s.edits)

    def __bool__(self) -> bool:
        return bool(self.steps)

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.steps]

    def apply(self, delivered: str) -> str:
        for s in self.steps:
            delivered = s.apply(delivered)
        return delivered

    def delivered(self, stored: str) -> str:
        for s in reversed(self.steps):
            stored = s.undo(stored)
        return stored

    def to_stored(self, pos: int, side: str = "start") -> int:
        for s in self.steps:
            pos = s.forward(pos, side)
        return pos

    def to_delivered(self, pos: int, side: str = "start") -> int:
        for s in reversed(self.steps):
            pos = s.backward(pos, side)
        return pos

    def span_to_stored(self, start: int, end: int) -> tuple[int, int] | None:
        """[start, end) over the delivered text as a span of the stored text; None when nothing of it is left."""
        s, e = self.to_stored(start, "start"), self.to_stored(end, "end")
        return (s, e) if s < e else None

    def span_to_delivered(self, start: int, end: int) -> tuple[int, int] | None:
        s, e = self.to_delivered(start, "start"), self.to_delivered(end, "end")
        return (s, e) if s < e else None

    def without(self, name: str) -> TextMap:
        return TextMap(s for s in self.steps if s.name != name)

    def to_json(self) -> str:
        return json.dumps(
            [
                {"step": s.name, "edits": [[e.start, e.end, e.old, e.new] for e in s.edits]}
                for s in self.steps
            ],
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, data: str | None) -> TextMap:
        if not data:
            return cls()
        return cls(
            Step(item["step"], (Edit(int(a), int(b), str(o), str(n)) for a, b, o, n in item["edits"]))
            for item in json.loads(data)
        )


@dataclass(frozen=True)
class DeliveredText:
    """What a document's record says of its text as delivered (table `document_source`)."""

    document_id: int
    sha256: str  # SHA-256 of the UTF-8 encoding of the text as delivered, line breaks as LF
    length: int  # code points
    newlines: str  # the file's line breaks: lf, crlf, cr, mixed, or '' (none)
    map: TextMap  # from the delivered text to the stored one


def newline_style(raw: str) -> str:
    """lf, crlf, cr, mixed or '' for a decoded text before its line breaks were made LF."""
    crlf = raw.count("\r\n")
    cr = raw.count("\r") - crlf
    lf = raw.count("\n") - crlf
    kinds = [name for name, n in (("lf", lf), ("crlf", crlf), ("cr", cr)) if n]
    return kinds[0] if len(kinds) == 1 else ("mixed" if kinds else "")
