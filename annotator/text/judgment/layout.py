"""Reading a judgment whatever its layout (one paragraph per line, one line, paragraphs separated by
spaces): a stretch of text with its whitespace removed that remembers where each character came from,
and where sentences and paragraphs begin and end."""

from __future__ import annotations

import re
from dataclasses import dataclass

WS = " \t\r\n\u3000\xa0\u2028\u2029\x0b\x0c"


@dataclass(frozen=True, slots=True)
class Flat:
    """A stretch of the text with its whitespace removed, and where each character came from."""

    text: str
    pos: tuple[int, ...]
    end: int  # where the stretch ends in the original text

    @classmethod
    def of(cls, text: str, start: int = 0, end: int | None = None) -> Flat:
        end = len(text) if end is None else min(end, len(text))
        pos = tuple(i for i in range(start, end) if text[i] not in WS)
        return cls("".join(text[i] for i in pos), pos, end)

    def orig(self, i: int) -> int:
        """The original offset of flat index i (an end index maps just past the previous character)."""
        if i < len(self.pos):
            return self.pos[i]
        return self.pos[-1] + 1 if self.pos else self.end

    def orig_end(self, i: int) -> int:
        return self.pos[i - 1] + 1 if i > 0 else (self.pos[0] if self.pos else self.end)

    def gap_before(self, i: int) -> bool:
        """Whether whitespace stood between flat characters i-1 and i."""
        return 0 < i < len(self.pos) and self.pos[i] != self.pos[i - 1] + 1


_BOUNDARY = re.compile(r"[。！？!?]|\n|[ \t\u3000\xa0]{1,}")


def unit_starts(text: str, start: int, end: int) -> list[int]:
    """Where sentences and paragraphs begin in text[start:end]: after 。！？, a line break or a run of
    spaces (paragraphs separated by spaces), at the first character that is not white."""
    out = []
    pos = start
    while pos < end and text[pos] in WS:
        pos += 1
    if pos < end:
        out.append(pos)
    for m in _BOUNDARY.finditer(text, start, end):
        p = m.end()
        while p < end and text[p] in WS:
            p += 1
        if p < end and (not out or out[-1] != p):
            out.append(p)
    return out


def end_of_sentence(text: str, pos: int, limit: int | None = None) -> int:
    """The end of the sentence that pos is in: just after its 。 (or at the line break)."""
    limit = len(text) if limit is None else limit
    m = re.compile(r"[。！？]|\n").search(text, pos, limit)
    if not m:
        return limit
    return m.end() if m.group() != "\n" else m.start()
