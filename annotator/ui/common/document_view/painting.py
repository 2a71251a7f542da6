"""Geometry of the lines in view and the painting of spans, overlaps and find hits onto the viewport.

Highlights are not character formats: `paintEvent` paints, before the text is drawn, only the spans that
meet the lines in view, found in the span index by two binary searches per length class.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import NamedTuple

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import (
    QColor,
    QPainter,
    QPaintEvent,
    QPen,
    QTextLine,
)

from annotator.ui.common.document_view.style import (
    ACTIVE_FILL_ALPHA,
    CURRENT_HIT_FILL,
    DEFAULT_COLOR,
    FILL_ALPHA,
    HIT_COLOR,
    MAX_UNDERLINES,
    UNDERLINE_STEP,
    UNDERLINE_WIDTH,
)


class _Line(NamedTuple):
    """One laid-out visible line, in viewport coordinates; positions are absolute UTF-16 offsets."""

    start: int
    end: int
    block_pos: int
    x0: float
    top: float
    height: float
    line: QTextLine


class PaintingMixin:
    """Lines in view, rectangles of ranges, hit-testing and painting; mixed into `DocumentView`."""

    def _visible_lines(self, top: float = 0.0, bottom: float | None = None) -> list[_Line]:
        """The laid-out lines between `top` and `bottom` (viewport y), in document order."""
        if bottom is None:
            bottom = float(self.viewport().height())
        lines: list[_Line] = []
        offset = self.contentOffset()
        block = self.firstVisibleBlock()
        block_top = self.blockBoundingGeometry(block).translated(offset).top()
        while block.isValid() and block_top <= bottom:
            height = self.blockBoundingRect(block).height()
            if block.isVisible() and block_top + height >= top:
                layout = block.layout()
                pos = block.position()
                # A paragraph can hold thousands of lines (text extracted from PDFs often has no breaks):
                # find the first visible one by binary search instead of walking from the top.
                first = bisect_left(
                    range(layout.lineCount()),
                    top - block_top,
                    key=lambda i, layout=layout: layout.lineAt(i).y() + layout.lineAt(i).height(),
                )
                for i in range(first, layout.lineCount()):
                    line = layout.lineAt(i)
                    y = block_top + line.y()
                    if y > bottom:
                        break
                    if y + line.height() >= top:
                        start = pos + line.textStart()
                        lines.append(
                            _Line(start, start + line.textLength(), pos, offset.x(), y, line.height(), line)
                        )
            block_top += height
            block = block.next()
        return lines

    @staticmethod
    def _rects(lines: list[_Line], line_starts: list[int], start: int, end: int) -> list[QRectF]:
        """Rectangles covering UTF-16 range `[start, end)` on the given lines."""
        rects: list[QRectF] = []
        i = max(bisect_right(line_starts, start) - 1, 0)
        while i < len(lines) and lines[i].start < end:
            ln = lines[i]
            lo = max(start, ln.start)
            hi = min(end, ln.end)
            if hi > lo:
                x1 = ln.line.cursorToX(lo - ln.block_pos)[0]
                x2 = ln.line.cursorToX(hi - ln.block_pos)[0]
                rects.append(QRectF(ln.x0 + min(x1, x2), ln.top, abs(x2 - x1), ln.height))
            i += 1
        return rects

    def _position_at(self, point: QPointF) -> int | None:
        """Code point of the character under `point` (viewport coordinates), or None off the text."""
        for ln in self._visible_lines(point.y(), point.y()):
            if not ln.top <= point.y() < ln.top + ln.height:
                continue
            x = point.x() - ln.x0
            line = ln.line
            left = line.cursorToX(line.textStart())[0]
            right = line.cursorToX(line.textStart() + line.textLength())[0]
            if not left <= x < right:
                return None
            pos = line.xToCursor(x, QTextLine.CursorPosition.CursorOnCharacter)
            return self._offsets.to_codepoint(ln.block_pos + pos)
        return None

    def spans_at(self, point: QPointF) -> list[int]:
        """Keys of the spans under a viewport point, topmost first (shortest, then latest added)."""
        pos = self._position_at(point)
        if pos is None:
            return []
        found = self._spans.at(pos)
        rank = self._rank
        found.sort(key=lambda s: (s[1] - s[0], rank(s[2])))
        return [k for _, _, k in found]

    def _rank(self, key: int) -> tuple[int, int]:
        """Smaller is newer: the latest-added span first, then the larger key."""
        return (-self._order.get(key, 0), -key)

    # ----------------------------------------------------------------- painting

    def _qcolor(self, key: int, alpha: int = 255) -> QColor:
        return self._tag_qcolor(self._spans.tag(key, -1), alpha)

    def _tag_qcolor(self, tag: int, alpha: int = 255) -> QColor:
        """The colour of palette entry `tag` (-1: none given) at `alpha`, made once per name and alpha."""
        name = self.palette_name(tag)
        color = self._qcolors.get((name, alpha))
        if color is None:
            color = QColor(name)
            if not color.isValid():
                color = QColor(DEFAULT_COLOR)
            color.setAlpha(alpha)
            self._qcolors[(name, alpha)] = color
        return color

    def range_rects(self, start: int, end: int, clip: QRectF) -> list[QRectF]:
        """Viewport rectangles covering code points [start, end) on the lines that meet `clip`."""
        lines = self._visible_lines(clip.top(), clip.bottom())
        if not lines:
            return []
        return self._rects(lines, [ln.start for ln in lines], self._to_u16(start), self._to_u16(end))

    def paintEvent(self, event: QPaintEvent) -> None:
        if len(self._spans) or self._hit_starts or self.paint_layers:
            painter = QPainter(self.viewport())
            try:
                clip = QRectF(event.rect())
                if len(self._spans):
                    self._paint_spans(painter, clip)
                if self._hit_starts:
                    self._paint_hits(painter, clip)
                for layer in self.paint_layers:
                    layer(painter, clip)
            finally:
                painter.end()
        # The text goes on top of the highlights.
        super().paintEvent(event)

    def _paint_hits(self, painter: QPainter, clip: QRectF) -> None:
        """Find hits as outlined boxes (the current one filled), so they read apart from tag fills."""
        lines = self._visible_lines(clip.top(), clip.bottom())
        if not lines:
            return
        to_cp = self._offsets.to_codepoint
        to_u16 = self._offsets.to_utf16
        a = to_cp(lines[0].start)
        b = to_cp(lines[-1].end) + 1
        n = self._hit_length
        starts = self._hit_starts
        lo = bisect_left(starts, a - n + 1)
        hi = bisect_left(starts, b)
        if lo >= hi:
            return
        line_starts = [ln.start for ln in lines]
        painter.setClipRect(clip)
        painter.setPen(QPen(QColor(HIT_COLOR), 1.5))
        current_fill = QColor(CURRENT_HIT_FILL)
        current_fill.setAlpha(170)
        for start in starts[lo:hi]:
            for rect in self._rects(lines, line_starts, to_u16(start), to_u16(start + n)):
                if start == self._current_hit:
                    painter.fillRect(rect, current_fill)
                painter.drawRect(rect.adjusted(0.75, 0.75, -0.75, -0.75))

    def _paint_spans(self, painter: QPainter, clip: QRectF) -> None:
        lines = self._visible_lines(clip.top(), clip.bottom())
        if not lines:
            return
        offsets = self._offsets
        to_u16 = offsets.to_utf16
        a = offsets.to_codepoint(lines[0].start)
        b = offsets.to_codepoint(lines[-1].end) + 1
        tagged = self._spans.tagged(a, b)
        if not tagged:
            return
        spans = [(start, end, key) for start, end, key, _tag in tagged]
        tag_of = {key: tag for _start, _end, key, tag in tagged}
        line_starts = [ln.start for ln in lines]
        painter.setClipRect(clip)
        rects_of = self._rects

        # Bottom first: the reverse of `spans_at`, so the span a click picks is the one drawn on top;
        # translucent fills blend where they overlap.
        rank = self._rank
        active = self._active
        active_rects: list[QRectF] = []
        for start, end, key in sorted(spans, key=lambda s: (s[1] - s[0], rank(s[2])), reverse=True):
            rects = rects_of(lines, line_starts, to_u16(start), to_u16(end))
            if key == active:
                active_rects = rects
                continue
            fill = self._tag_qcolor(tag_of[key], FILL_ALPHA)
            for rect in rects:
                painter.fillRect(rect, fill)

        self._paint_overlap_underlines(painter, lines, line_starts, spans, tag_of, a, b)

        if active is not None and active_rects:
            painter.setPen(QPen(self._tag_qcolor(tag_of[active]).darker(140), 1.5))
            fill = self._tag_qcolor(tag_of[active], ACTIVE_FILL_ALPHA)
            for rect in active_rects:
                painter.fillRect(rect, fill)
                painter.drawRect(rect.adjusted(0.75, 0.75, -0.75, -0.75))

    def _paint_overlap_underlines(
        self,
        painter: QPainter,
        lines: list[_Line],
        line_starts: list[int],
        spans: list[tuple[int, int, int]],
        tag_of: dict[int, int],
        a: int,
        b: int,
    ) -> None:
        """Under text covered by 2+ spans, one thin line per span in its colour, stacked upwards.

        Each span keeps one lane (greedy interval colouring by start), so its line does not jump between
        heights as neighbours begin and end.
        """
        lane_of: dict[int, int] = {}
        lane_ends: list[int] = []
        for start, end, key in spans:  # sorted by start
            for lane, lane_end in enumerate(lane_ends):
                if lane_end <= start:
                    lane_ends[lane] = end
                    break
            else:
                lane = len(lane_ends)
                lane_ends.append(end)
            lane_of[key] = lane
        if len(lane_ends) < 2:
            return

        # Join the covered-by-several pieces of each span into runs, so each run is drawn once per line.
        runs: list[tuple[int, int, int]] = []
        open_runs: dict[int, list[int]] = {}
        for start, end, keys in self._spans.segments(a, b):
            if len(keys) < 2:
                continue
            for key in keys:
                run = open_runs.get(key)
                if run is not None and run[1] == start:
                    run[1] = end
                else:
                    if run is not None:
                        runs.append((run[0], run[1], key))
                    open_runs[key] = [start, end]
        runs.extend((run[0], run[1], key) for key, run in open_runs.items())

        to_u16 = self._offsets.to_utf16
        for start, end, key in runs:
            lane = lane_of.get(key, 0)
            if lane >= MAX_UNDERLINES:
                continue
            color = self._tag_qcolor(tag_of[key])
            lift = UNDERLINE_WIDTH + lane * UNDERLINE_STEP
            for rect in self._rects(lines, line_starts, to_u16(start), to_u16(end)):
                painter.fillRect(
                    QRectF(rect.left(), rect.bottom() - lift, rect.width(), UNDERLINE_WIDTH), color
                )
