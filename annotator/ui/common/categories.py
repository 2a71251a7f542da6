"""How a category shows in any list of the window: its colour swatch and the item role holding its id."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPixmap

CATEGORY_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def color_icon(color: str, size: int = 14) -> QIcon:
    pix = QPixmap(size, size)
    pix.fill(QColor(color))
    return QIcon(pix)
