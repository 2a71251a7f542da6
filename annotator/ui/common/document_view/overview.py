"""The overview strip beside the document view's scroll bar."""

from __future__ import annotations

import math
import struct
from bisect import bisect_left
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

from annotator.ui.common.document_view.style import HIT_COLOR

if TYPE_CHECKING:
    from annotator.ui.common.document_view.view import DocumentView


class OverviewStrip(QWidget):
    """A thin strip beside the scroll bar: one tick per tag in its colour, find hits in their own colour
    on the left half, and the stretch now in view, each placed proportionally to its character offset.
    A click jumps there.

    Ticks are kept per pixel row as the colours present there, found from the view's sorted start column
    by one binary search per row (no per-tag object), and drawn once into a cached image; adding, moving or
    removing one tag looks again at its one or two rows and redraws only those, so an edit on a document
    with 100,000 tags costs no full pass.
    """

    def __init__(self, view: DocumentView) -> None:
        super().__init__(view)
        self._view = view
        self._rows: dict[int, tuple[str, ...]] | None = None  # pixel row -> colour names there, sorted
        self._layer: QImage | None = None
        self._dirty_rows: set[int] = set()  # rows of the layer to draw again before the next paint
        self._hit_rows: list[int] | None = None
        self._colors: dict[str, QColor] = {}
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(self.tr("Where tags (right) and find hits (left) are; click to go there"))

    def invalidate(self) -> None:
        """Everything moved (a new document, a new size): place every tick again at the next paint."""
        self._rows = None
        self._layer = None
        self._dirty_rows.clear()
        self._hit_rows = None
        self.update()

    def span_changed(self, *starts: int) -> None:
        """A span starting at one of `starts` (code points; its old and new start) was added, moved,
        recoloured or removed: its rows are looked at again."""
        if self._rows is None:
            return
        scale = self._scale()
        for row in {int(cp * scale) for cp in starts}:
            names = self._names_in(row, scale)
            if names != self._rows.get(row, ()):
                if names:
                    self._rows[row] = names
                else:
                    self._rows.pop(row, None)
                self._dirty_rows.add(row)
        self.update()

    def spans_added(self, first: int, last: int) -> None:
        """Spans whose starts lie in `[first, last]` (code points) were added: the rows they fall on are
        looked at again, the others stay as drawn."""
        if self._rows is None:
            return
        scale = self._scale()
        top, bottom = int(first * scale), int(last * scale)
        lo = self._row_start(top, scale)
        for row in range(top, bottom + 1):
            names = self._names_in(row, scale, lo)
            if names != self._rows.get(row, ()):
                self._rows[row] = names
                self._dirty_rows.add(row)
        self.update()

    def hits_changed(self) -> None:
        self._hit_rows = None
        self.update()

    def _scale(self) -> float:
        length = max(len(self._view.text), 1)
        return max(self.height() - 2, 1) / length

    def _row_start(self, row: int, scale: float, lo: int = 0) -> int:
        """Position in the start column of the first span placed on pixel `row` or below
        (`int(start * scale) >= row`): a binary search on the code point, corrected for rounding."""
        starts = self._view.spans.starts
        n = len(starts)
        pos = max(bisect_left(starts, math.ceil(row / scale), lo), lo)
        while pos > lo and int(starts[pos - 1] * scale) >= row:
            pos -= 1
        while pos < n and int(starts[pos] * scale) < row:
            pos += 1
        return pos

    def _names_in(self, row: int, scale: float, lo: int = 0) -> tuple[str, ...]:
        """The colour names of the spans whose start falls on pixel `row`, sorted."""
        first = self._row_start(row, scale, lo)
        last = self._row_start(row + 1, scale, first)
        if first == last:
            return ()
        names = self._view.palette_names()
        return tuple(sorted(set(map(names.__getitem__, set(self._view.spans.tags[first:last])))))

    def _place_all(self) -> dict[int, tuple[str, ...]]:
        if self._rows is None:
            scale = self._scale()
            spans = self._view.spans
            starts, tags, names = spans.starts, spans.tags, self._view.palette_names()
            rows: dict[int, tuple[str, ...]] = {}
            i, n = 0, len(starts)
            while i < n:  # once per pixel row that has a tick, not once per tag
                row = int(starts[i] * scale)
                end = self._row_start(row + 1, scale, i)
                rows[row] = tuple(sorted(set(map(names.__getitem__, set(tags[i:end])))))
                i = end
            self._rows, self._layer = rows, None
            self._dirty_rows.clear()
        return self._rows

    def _color(self, name: str) -> QColor:
        color = self._colors.get(name)
        if color is None:
            color = self._colors[name] = QColor(name)
        return color

    def tick_rows(self) -> list[tuple[int, QColor]]:
        """(pixel row, colour) of the tag ticks, one per row and colour, top to bottom."""
        rows = self._place_all()
        return [(row, self._color(name)) for row in sorted(rows) for name in rows[row]]

    def hit_rows(self) -> list[int]:
        if self._hit_rows is None:
            scale = self._scale()
            self._hit_rows = sorted({int(start * scale) for start in self._view.find_hits()[0]})
        return self._hit_rows

    def _tick_layer(self) -> QImage:
        """The ticks drawn once; a change redraws only the few rows it touched."""
        rows = self._place_all()
        half = self.width() // 2
        if self._layer is None or self._layer.size() != self.size():
            layer = self._opaque_layer(rows, half)
            if layer is None:
                layer = QImage(
                    max(self.width(), 1), max(self.height(), 1), QImage.Format.Format_ARGB32_Premultiplied
                )
                layer.fill(Qt.GlobalColor.transparent)
                painter = QPainter(layer)
                # In (row, colour) order, so a redrawn row comes out as a full drawing would.
                for row in sorted(rows):
                    for name in rows[row]:
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
            for row in sorted(r for r in wanted if r in rows):
                for name in rows[row]:
                    for y in (row, row + 1):
                        if y in pixels:
                            painter.fillRect(half, y, self.width() - half, 1, self._color(name))
            painter.end()
            self._dirty_rows.clear()
        return self._layer

    def _opaque_layer(self, rows: dict[int, tuple[str, ...]], half: int) -> QImage | None:
        """The full drawing of opaque ticks, made as pixel rows at once instead of one fill per tick and
        colour (thousands of painter calls on a long document). Pixel row y shows what a drawing in (row,
        colour) order leaves there: the last colour of tick row y, else of tick row y - 1. None when a
        colour is translucent (then only a painter blends it right)."""
        width, height = max(self.width(), 1), max(self.height(), 1)
        stride, run = width * 4, max(width - half, 0)
        pixels = bytearray(stride * height)
        patterns: dict[str, bytes] = {}
        for y in range(height):
            tick = rows.get(y) or rows.get(y - 1)
            if not tick:
                continue
            pattern = patterns.get(tick[-1])
            if pattern is None:
                color = self._color(tick[-1])
                if color.alpha() != 255:
                    return None
                pattern = patterns[tick[-1]] = struct.pack("<I", color.rgba()) * run
            offset = y * stride + half * 4
            pixels[offset : offset + 4 * run] = pattern
        return QImage(pixels, width, height, stride, QImage.Format.Format_ARGB32_Premultiplied).copy()

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
