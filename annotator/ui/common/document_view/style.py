"""The document view's look: the reading font and the colours and sizes of highlights, hits and the strip."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase

_PREFERRED_FAMILIES = (
    "Noto Serif CJK SC",
    "Noto Sans CJK SC",
    "Source Han Serif SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
)
DEFAULT_COLOR = "#f6c343"
FILL_ALPHA = 80
ACTIVE_FILL_ALPHA = 150
UNDERLINE_WIDTH = 2.0
UNDERLINE_STEP = 3.0
MAX_UNDERLINES = 4
HIT_COLOR = "#d84315"
CURRENT_HIT_FILL = "#ffab40"
EDGE_GRAB = 4.0  # pixels either side of the active span's edge that start a resize drag
# A drag that begins or ends within this share of a character's width of a boundary lands on that boundary;
# further inside a character, the character is included (see `_drag_boundary`).
SNAP_FRACTION = 0.25
STRIP_WIDTH = 10


def cjk_font(base: QFont | None = None) -> QFont:
    """A font that shows Chinese well, at a size comfortable for long reading."""
    font = QFont(base) if base is not None else QFont()
    families = set(QFontDatabase.families())
    for family in _PREFERRED_FAMILIES:
        if family in families:
            font.setFamilies([family])
            break
    font.setPointSizeF(max(font.pointSizeF(), 12.0))
    return font
