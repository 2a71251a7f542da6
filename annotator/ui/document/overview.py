"""The overview strip beside the document view's scroll bar."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QColor,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
)
from PySide6.QtWidgets import QWidget

from annotator.ui.document.style import (
    DEFAULT_COLOR,
    HIT_COLOR,
)

if TYPE_CHECKING:
    from annotator.ui.document.view import DocumentView



class OverviewStrip(QWidget):
    """A thin strip beside the scroll bar: one tick per tag in its colour, find hits in their own colour
    on the left half, and the stretch now in view, each placed proportionally to its character offset.
    A click jumps there.

    Ticks are counted per (pixel row, colour) and drawn once into a cached image; adding, moving or
    removing one tag updates one count, so an edit on a document with 10,000 tags costs no full pass.
    """

    def __init__(self, view: DocumentView) -> None:
        super().__init__(view)
        self._view = view
        self._placed: dict[int, tuple[int, str]] | None = None  # key -> (row, colour name)
        self._counts: dict[tuple[int, str], int] = {}
        self._layer: QImage | None = None
        self._dirty_rows: set[int] = set()  # rows of the layer to draw again before the next paint
        self._hit_rows: list[int] | None = None
        self._colors: dict[str, QColor] = {}
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(self.tr("Where tags (right) and find hits (left) are; click to go there"))

    def invalidate(self) -> None:
        """Everything moved (a new document, a new size): place every tick again at the next paint."""
        self._placed = None
        self._layer = None
        self._dirty_rows.clear()
        self._hit_rows = None
        self.update()

    def span_changed(self, key: int) -> None:
        if self._placed is None:
            return
        old = self._placed.pop(key, None)
        if old is not None:
            left = self._counts[old] - 1
            if left:
                self._counts[old] = left
            else:
                del self._counts[old]
                self._dirty_rows.add(old[0])
        span = self._view.spans.get(key)
        if span is not None:
            place = (int(span[0] * self._scale()), self._view.span_colors.get(key, DEFAULT_COLOR))
            self._placed[key] = place
            if place not in self._counts:
                self._dirty_rows.add(place[0])
            self._counts[place] = self._counts.get(place, 0) + 1
        self.update()

    def hits_changed(self) -> None:
        self._hit_rows = None
        self.update()

    def _scale(self) -> float:
        length = max(len(self._view.text), 1)
        return max(self.height() - 2, 1) / length

    def _place_all(self) -> dict[int, tuple[int, str]]:
        if self._placed is None:
            scale = self._scale()
            colors = self._view.span_colors
            placed = {key: (int(start * scale), colors.get(key, DEFAULT_COLOR))
                      for start, _end, key in self._view.spans}
            counts: dict[tuple[int, str], int] = {}
            for place in placed.values():
                counts[place] = counts.get(place, 0) + 1
            self._placed, self._counts, self._layer = placed, counts, None
            self._dirty_rows.clear()
        return self._placed

    def _color(self, name: str) -> QColor:
        color = self._colors.get(name)
        if color is None:
            color = self._colors[name] = QColor(name)
        return color

    def tick_rows(self) -> list[tuple[int, QColor]]:
        """(pixel row, colour) of the tag ticks, one per row and colour, top to bottom."""
        self._place_all()
        return [(row, self._color(name)) for row, name in sorted(self._counts)]

    def hit_rows(self) -> list[int]:
        if self._hit_rows is None:
            scale = self._scale()
            self._hit_rows = sorted({int(start * scale) for start in self._view.find_hits()[0]})
        return self._hit_rows

    def _tick_layer(self) -> QImage:
        """The ticks drawn once; a change redraws only the few rows it touched."""
        self._place_all()
        half = self.width() // 2
        if self._layer is None or self._layer.size() != self.size():
            layer = QImage(max(self.width(), 1), max(self.height(), 1), QImage.Format.Format_ARGB32_Premultiplied)
            layer.fill(Qt.GlobalColor.transparent)
            painter = QPainter(layer)
            # In (row, colour) order, so a redrawn row comes out as a full drawing would.
            for row, name in sorted(self._counts):
                painter.fillRect(half, row, self.width() - half, 2, self._color(name))
            painter.end()
            self._layer = layer
            self._dirty_rows.clear()
        elif self._dirty_rows:
            # A tick is 2 pixels tall, so row r shows ticks of rows r - 1 and r: clear the touched pixel rows
            # and draw again every tick that covers them.
            pixels = {r + d for r in self._dirty_rows for d in (0, 1)}
            wanted = {r + d for r in pixels for d in (-1, 0)}
            painter = QPainter(self._layer)
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
            for y in pixels:
                painter.fillRect(half, y, self.width() - half, 1, Qt.GlobalColor.transparent)
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
            painter.setClipping(False)
            for row, name in sorted(place for place in self._counts if place[0] in wanted):
                for y in (row, row + 1):
                    if y in pixels:
                        painter.fillRect(half, y, self.width() - half, 1, self._color(name))
            painter.end()
            self._dirty_rows.clear()
        return self._layer

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            painter.fillRect(self.rect(), self.palette().window())
            if self._view.text:
                first, last = self._view.visible_range()
                scale = self._scale()
                shade = self.palette().text().color()
                shade.setAlpha(40)
                top = int(first * scale)
                painter.fillRect(0, top, self.width(), max(int(last * scale) - top, 3), shade)
            painter.drawImage(0, 0, self._tick_layer())
            hit = self._color(HIT_COLOR)
            half = self.width() // 2
            for row in self.hit_rows():
                painter.fillRect(0, row, half, 2, hit)
        finally:
            painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._view.text:
            cp = int(event.position().y() / self._scale())
            self._view.reveal_position(min(max(cp, 0), len(self._view.text)))
            self.update()
        event.accept()
