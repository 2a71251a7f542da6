"""Shortening a passage for a label, a list row or a message: the one rule every layer uses.

The result is at most `width` characters; where the text is cut, its last character is "…". Each caller
names its own width, because a menu item, a table cell and a log line have different room.
"""

from __future__ import annotations

ELLIPSIS = "…"


def shorten(text: str, width: int, *, one_line: bool = True) -> str:
    """`text` in at most `width` characters, ending in … where it was cut. With `one_line`, line breaks
    become spaces first (a label or a table cell shows one line)."""
    if one_line:
        text = text.replace("\n", " ")
    return text if len(text) <= width else text[: width - 1] + ELLIPSIS
