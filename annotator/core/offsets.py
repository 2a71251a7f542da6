"""Conversion between code-point offsets (what we store) and UTF-16 offsets (what Qt counts).

Characters outside the Basic Multilingual Plane (e.g. 𠮷, CJK Extension B, emoji) are one code point but
two UTF-16 units. An `OffsetMap` remembers where they are, so converting is a binary search instead of a
scan over a long document.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class OffsetMap:
    """Maps offsets of one text between code points and UTF-16 code units."""

    __slots__ = ("_astral_cp", "_astral_u16", "length", "length_utf16")

    def __init__(self, text: str) -> None:
        # Positions (in code points) of the characters that take two UTF-16 units.
        self._astral_cp = [m.start() for m in _ASTRAL.finditer(text)]
        # The same positions in UTF-16 units: each earlier astral character shifts by one more.
        self._astral_u16 = [cp + i for i, cp in enumerate(self._astral_cp)]
        self.length = len(text)
        self.length_utf16 = self.length + len(self._astral_cp)

    @property
    def is_bmp_only(self) -> bool:
        return not self._astral_cp

    def to_utf16(self, cp: int) -> int:
        return cp + bisect_left(self._astral_cp, cp)

    def to_codepoint(self, u16: int) -> int:
        """UTF-16 offset to code points; an offset inside a surrogate pair rounds down to its character."""
        # Number of astral characters that start strictly before u16 (their two units may straddle it).
        n = bisect_left(self._astral_u16, u16)
        cp = u16 - n
        if n and self._astral_u16[n - 1] + 1 == u16:
            # u16 points at the low surrogate of the previous astral character.
            cp = self._astral_cp[n - 1]
        return cp

    def count_astral_before(self, cp: int) -> int:
        return bisect_right(self._astral_cp, cp - 1)


def utf16_len(text: str) -> int:
    return len(text) + len(_ASTRAL.findall(text))
