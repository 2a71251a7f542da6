"""The reading pane: a read-only plain-text view that paints annotation highlights itself.

Highlights are not character formats. Formatting 100,000 spans through QTextCursor, QSyntaxHighlighter or
extra selections costs seconds on a long document; here the spans live in a `SpanIndex` and `paintEvent`
paints only those that meet the visible lines, before the text is drawn. Opening a document is one
`setPlainText`, and adding or removing a span is one index edit and one viewport repaint, whatever the
document's size.

Offsets given to and returned by this widget are code points over the stored text; Qt counts UTF-16 units,
and the conversion happens here and nowhere else.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping
from typing import NamedTuple

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QTextCursor,
    QTextLine,
    QTextOption,
)
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QToolTip, QWidget

from annotator.core.offsets import OffsetMap
from annotator.core.spans import SpanIndex

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


class _Line(NamedTuple):
    """One laid-out visible line, in viewport coordinates; positions are absolute UTF-16 offsets."""

    start: int
    end: int
    block_pos: int
    x0: float
    top: float
    height: float
    line: QTextLine


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


class DocumentView(QPlainTextEdit):
    """Shows one document with its annotations; offsets in code points.

    Signals:
        spanClicked(key): a plain left click (no drag, nothing selected) on a span; the topmost span wins:
            the shortest, then the latest added.
        emptyClicked(): the same kind of click outside every span.
        selectionChangedCp(start, end): the selection in code points; equal when nothing is selected.
    """

    spanClicked = Signal(int)
    emptyClicked = Signal()
    selectionChangedCp = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setUndoRedoEnabled(False)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        # Chinese breaks anywhere already; this also wraps long Latin runs (URLs, case numbers) that have no
        # break opportunity instead of letting them run off the edge.
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        # QPlainTextEdit ignores QTextBlockFormat line heights; the Noto CJK fonts already carry a line
        # spacing of about 1.45 em, which is what makes Chinese comfortable to read.
        self.setFont(cjk_font(self.font()))

        self.tooltip_provider: Callable[[list[int]], str] | None = None
        self._text = ""
        self._offsets = OffsetMap("")
        self._spans = SpanIndex()
        self._colors: dict[int, str] = {}
        # Spans added one by one after loading get a rising number so the latest is on top; spans loaded in
        # bulk count as 0 and are ranked by key (annotation ids grow with time), which saves a dict of
        # 100,000 entries on the open path.
        self._order: dict[int, int] = {}
        self._next_order = 1
        self._active: int | None = None
        self._qcolors: dict[tuple[str, int], QColor] = {}
        self._press_pos: QPointF | None = None
        self._last_selection = (0, 0)
        self.selectionChanged.connect(self._emit_selection)
        self.cursorPositionChanged.connect(self._emit_selection)

    # ----------------------------------------------------------------- document and spans

    def set_document(
        self,
        text: str,
        spans: Iterable[tuple[int, int, int]] = (),
        span_colors: Mapping[int, str] | None = None,
    ) -> None:
        """Show `text` with `spans` (start_cp, end_cp, key); `span_colors` maps key to '#RRGGBB'."""
        index = SpanIndex(spans)  # first: a bad span leaves the view as it was
        self._text = text
        self._offsets = OffsetMap(text)
        self._spans = index
        self._colors = dict(span_colors or {})
        self._order = {}
        self._active = None
        self._last_selection = (-1, -1)
        # Qt turns "\r\n" into one paragraph break, which would shift every later offset by one; a space in
        # place of the "\r" keeps the two texts the same length and is invisible at the end of a line.
        self.setPlainText(text.replace("\r\n", " \n") if "\r\n" in text else text)
        self.viewport().update()

    @property
    def text(self) -> str:
        """The stored text, as given to `set_document`."""
        return self._text

    @property
    def span_colors(self) -> Mapping[int, str]:
        return self._colors

    @property
    def spans(self) -> SpanIndex:
        return self._spans

    def add_span(self, key: int, start: int, end: int, color: str | None = None) -> None:
        """Add (or move) one span; `color` is '#RRGGBB'."""
        if end <= start:
            raise ValueError(f"span [{start}, {end}) of key {key} is empty or reversed")
        if key in self._spans:
            self._spans.remove(key)
        self._spans.add(start, end, key)
        if color is not None:
            self._colors[key] = color
        self._order[key] = self._next_order
        self._next_order += 1
        self.viewport().update()

    def remove_span(self, key: int) -> bool:
        removed = self._spans.remove(key)
        self._colors.pop(key, None)
        self._order.pop(key, None)
        if self._active == key:
            self._active = None
        if removed:
            self.viewport().update()
        return removed

    def set_span_color(self, key: int, color: str) -> None:
        self._colors[key] = color
        self.viewport().update()

    def clear_spans(self) -> None:
        self._spans = SpanIndex()
        self._colors.clear()
        self._order.clear()
        self._active = None
        self.viewport().update()

    def set_active_span(self, key: int | None) -> None:
        """Emphasise one span (the selected annotation), or none."""
        if key != self._active:
            self._active = key
            self.viewport().update()

    def active_span(self) -> int | None:
        return self._active

    def reveal_span(self, key: int) -> bool:
        """Scroll so the span is in view (the caret moves to its start); False if there is no such span."""
        span = self._spans.get(key)
        if span is None:
            return False
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._to_u16(span[0]))
        self.setTextCursor(cursor)
        self.centerCursor()
        return True

    # ----------------------------------------------------------------- selection

    def selected_range(self) -> tuple[int, int] | None:
        """The selection as `(start, end)` code points over the stored text, or None."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        return (
            self._offsets.to_codepoint(cursor.selectionStart()),
            self._offsets.to_codepoint(cursor.selectionEnd()),
        )

    def select_range(self, start: int, end: int) -> None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._to_u16(start))
        cursor.setPosition(self._to_u16(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def _to_u16(self, cp: int) -> int:
        return self._offsets.to_utf16(min(max(cp, 0), self._offsets.length))

    def _emit_selection(self) -> None:
        cursor = self.textCursor()
        current = (
            self._offsets.to_codepoint(cursor.selectionStart()),
            self._offsets.to_codepoint(cursor.selectionEnd()),
        )
        if current != self._last_selection:
            self._last_selection = current
            self.selectionChangedCp.emit(*current)

    # ----------------------------------------------------------------- geometry

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
        name = self._colors.get(key, DEFAULT_COLOR)
        color = self._qcolors.get((name, alpha))
        if color is None:
            color = QColor(name)
            if not color.isValid():
                color = QColor(DEFAULT_COLOR)
            color.setAlpha(alpha)
            self._qcolors[(name, alpha)] = color
        return color

    def paintEvent(self, event: QPaintEvent) -> None:
        if len(self._spans):
            painter = QPainter(self.viewport())
            try:
                self._paint_spans(painter, QRectF(event.rect()))
            finally:
                painter.end()
        # The text goes on top of the highlights.
        super().paintEvent(event)

    def _paint_spans(self, painter: QPainter, clip: QRectF) -> None:
        lines = self._visible_lines(clip.top(), clip.bottom())
        if not lines:
            return
        offsets = self._offsets
        to_u16 = offsets.to_utf16
        a = offsets.to_codepoint(lines[0].start)
        b = offsets.to_codepoint(lines[-1].end) + 1
        spans = self._spans.overlapping(a, b)
        if not spans:
            return
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
            fill = self._qcolor(key, FILL_ALPHA)
            for rect in rects:
                painter.fillRect(rect, fill)

        self._paint_overlap_underlines(painter, lines, line_starts, spans, a, b)

        if active is not None and active_rects:
            painter.setPen(QPen(self._qcolor(active).darker(140), 1.5))
            fill = self._qcolor(active, ACTIVE_FILL_ALPHA)
            for rect in active_rects:
                painter.fillRect(rect, fill)
                painter.drawRect(rect.adjusted(0.75, 0.75, -0.75, -0.75))

    def _paint_overlap_underlines(
        self,
        painter: QPainter,
        lines: list[_Line],
        line_starts: list[int],
        spans: list[tuple[int, int, int]],
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
            color = self._qcolor(key)
            lift = UNDERLINE_WIDTH + lane * UNDERLINE_STEP
            for rect in self._rects(lines, line_starts, to_u16(start), to_u16(end)):
                painter.fillRect(
                    QRectF(rect.left(), rect.bottom() - lift, rect.width(), UNDERLINE_WIDTH), color
                )

    # ----------------------------------------------------------------- mouse and tooltips

    def mousePressEvent(self, event: QMouseEvent) -> None:
        plain = event.button() == Qt.MouseButton.LeftButton and not (
            event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        )
        self._press_pos = event.position() if plain else None
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        press, self._press_pos = self._press_pos, None
        if press is None or event.button() != Qt.MouseButton.LeftButton:
            return
        if (event.position() - press).manhattanLength() >= QApplication.startDragDistance():
            return
        if self.textCursor().hasSelection():
            return
        keys = self.spans_at(event.position())
        if keys:
            self.spanClicked.emit(keys[0])
        else:
            self.emptyClicked.emit()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        # The release that follows a double click selects a word; it is not a click on a span.
        self._press_pos = None
        super().mouseDoubleClickEvent(event)

    def viewportEvent(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ToolTip
            and self.tooltip_provider is not None
            and isinstance(event, QHelpEvent)
        ):
            keys = self.spans_at(QPointF(event.pos()))
            tip = self.tooltip_provider(keys) if keys else ""
            if tip:
                QToolTip.showText(event.globalPos(), tip, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)
