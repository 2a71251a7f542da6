"""The reading pane: a read-only plain-text view that paints annotation highlights itself.

Highlights are not character formats. Formatting 100,000 spans through QTextCursor, QSyntaxHighlighter or
extra selections costs seconds on a long document; here the spans live in a `SpanIndex` and `paintEvent`
paints only those that meet the visible lines, before the text is drawn. Opening a document is one
`setPlainText`, and adding or removing a span is one index edit and one viewport repaint, whatever the
document's size.

Offsets given to and returned by this widget are code points over the stored text; Qt counts UTF-16 units,
and the conversion happens here and nowhere else.

Selection is Chinese-aware: a double click selects the jieba word under the pointer (Qt's own selects a
whole clause), a triple click the sentence, and a drag can snap outward to word boundaries. The active span
can be resized by dragging its edges. Find hits are painted like spans but as outlined boxes, and a strip
beside the scroll bar marks where tags and hits are in the whole document.
"""

from __future__ import annotations

import time
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import NamedTuple

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QHelpEvent,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
    QTextCursor,
    QTextLine,
    QTextOption,
)
from PySide6.QtWidgets import QApplication, QMenu, QPlainTextEdit, QToolTip, QWidget

from annotator.core.errors import OffsetError
from annotator.core.offsets import OffsetMap
from annotator.core.spans import SpanIndex
from annotator.text.segment import snap_to_words, word_at
from annotator.text.sentences import sentence_at

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
        spanResized(key, start, end): the user dragged an edge of the active span to a new extent; the span
            is shown there already, and the receiver makes it so (or moves it back).

    Hooks (callables set by the window): `tooltip_provider(keys)`, `span_picker(keys, global_pos)` picks one
    of several spans under a click, `context_menu_provider(menu, position, keys)` adds entries to the
    context menu.
    """

    spanClicked = Signal(int)
    emptyClicked = Signal()
    selectionChangedCp = Signal(int, int)
    spanResized = Signal(int, int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._reading_chars = 0  # see set_reading_width; first, as setting the font below asks for it
        self._side_margin = 0
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
        self.span_picker: Callable[[list[int], QPoint], int | None] | None = None
        self.context_menu_provider: Callable[[QMenu, int | None, list[int]], None] | None = None
        # Painters of extra layers (e.g. tag suggestions), called after the spans with the viewport
        # painter and the rectangle to repaint; they get geometry from `range_rects`.
        self.paint_layers: list[Callable[[QPainter, QRectF], None]] = []
        # Double click selects a jieba word and triple click a sentence; off gives Qt's own behaviour.
        self.word_selection = True
        # Snap a mouse-dragged selection outward to word boundaries when it ends.
        self.snap_to_words = False
        # Drags select whole characters by the quarter rule (`_drag_boundary`); off gives Qt's nearest boundary.
        self.snap_drag_edges = True
        # While a plain drag selects: the UTF-16 boundaries the press point gives as a start and as an end.
        self._drag_anchor: tuple[int, int] | None = None
        self._double_click: tuple[float, QPointF] | None = None
        # While an edge of the active span is dragged: (key, "start" or "end", original start, original end).
        self._edge_drag: tuple[int, str, int, int] | None = None
        self._hit_starts: list[int] = []
        self._hit_length = 0
        self._current_hit: int | None = None
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
        self.viewport().setMouseTracking(True)  # for the resize cursor over the active span's edges
        self.overview = OverviewStrip(self)
        # Reading width: the text keeps to a column of about this many characters, centred, however wide
        # the window (0: the whole width). The margins either side are painted like the page.
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setAutoFillBackground(True)
        self.setViewportMargins(0, 0, STRIP_WIDTH, 0)
        self.verticalScrollBar().valueChanged.connect(self.overview.update)

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
        self._hit_starts, self._hit_length, self._current_hit = [], 0, None
        self._edge_drag = None
        # Qt turns "\r\n" into one paragraph break, which would shift every later offset by one; a space in
        # place of the "\r" keeps the two texts the same length and is invisible at the end of a line.
        self.setPlainText(text.replace("\r\n", " \n") if "\r\n" in text else text)
        self.viewport().update()
        self.overview.invalidate()

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
        self.overview.span_changed(key)

    def remove_span(self, key: int) -> bool:
        removed = self._spans.remove(key)
        self._colors.pop(key, None)
        self._order.pop(key, None)
        if self._active == key:
            self._active = None
        if removed:
            self.viewport().update()
            self.overview.span_changed(key)
        return removed

    def set_span_color(self, key: int, color: str) -> None:
        self._colors[key] = color
        self.viewport().update()
        self.overview.span_changed(key)

    def clear_spans(self) -> None:
        self._spans = SpanIndex()
        self._colors.clear()
        self._order.clear()
        self._active = None
        self.viewport().update()
        self.overview.invalidate()

    def set_active_span(self, key: int | None) -> None:
        """Emphasise one span (the selected annotation), or none."""
        if key != self._active:
            self._active = key
            self.viewport().update()

    def active_span(self) -> int | None:
        return self._active

    def reveal_span(self, key: int, move_caret: bool = True) -> bool:
        """Bring the span into view, scrolling as little as needed (not at all when it is in view); the
        caret moves to its start unless `move_caret` is False. False if there is no such span."""
        span = self._spans.get(key)
        if span is None:
            return False
        if move_caret:
            cursor = QTextCursor(self.document())
            cursor.setPosition(self._to_u16(span[0]))
            self.setTextCursor(cursor)
        self.reveal_range(span[0], span[1])
        return True

    def reveal_range(self, start: int, end: int) -> None:
        """Scroll as little as needed to bring `[start, end)` into view (its start when it is taller than
        the view); nothing moves when it is in view already. The caret and the selection stay as they are.

        Qt's own minimal scrolling is reused: setting the text cursor scrolls just enough to show it. The
        cursor visits the end and then the start with signals blocked, and is put back; the scroll position
        reached is kept. A text that moved from under the mouse makes the next drag select the wrong
        passage, so nothing here centres."""
        bar = self.verticalScrollBar()
        before = bar.value()
        kept = self.textCursor()
        blocked = self.blockSignals(True)
        try:
            for cp in (end, start):
                cursor = QTextCursor(self.document())
                cursor.setPosition(self._to_u16(cp))
                self.setTextCursor(cursor)
            reached = bar.value()
            self.setTextCursor(kept)
        finally:
            self.blockSignals(blocked)
        if bar.value() != reached:
            bar.setValue(reached)
        if reached != before:
            self.viewport().update()

    def reveal_position(self, cp: int) -> None:
        """Put the caret at code point `cp` (clearing the selection) and scroll it to the middle."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._to_u16(cp))
        self.setTextCursor(cursor)
        self.centerCursor()

    def visible_range(self) -> tuple[int, int]:
        """Code points of the first and just past the last character shown in the viewport."""
        rect = self.viewport().rect()
        first = self.cursorForPosition(rect.topLeft()).position()
        last = self.cursorForPosition(rect.bottomRight()).position()
        return self._offsets.to_codepoint(first), self._offsets.to_codepoint(last)

    # ----------------------------------------------------------------- find hits

    def set_find_hits(self, starts: Sequence[int], length: int, current: int | None = None) -> None:
        """Mark every hit of a search: `starts` sorted code points, each hit `length` code points long;
        `current` (one of the starts) is filled as well as outlined."""
        self._hit_starts = list(starts)
        self._hit_length = length if self._hit_starts else 0
        self._current_hit = current
        self.viewport().update()
        self.overview.hits_changed()

    def set_current_hit(self, start: int | None) -> None:
        if start != self._current_hit:
            self._current_hit = start
            self.viewport().update()

    def find_hits(self) -> tuple[list[int], int]:
        return self._hit_starts, self._hit_length

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

    def caret(self) -> int:
        """The caret's position in code points (the moving end of the selection)."""
        return self._offsets.to_codepoint(self.textCursor().position())

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

    def position_at(self, point: QPointF) -> int | None:
        """Code point of the character under a viewport point, or None off the text."""
        return self._position_at(point)

    def select_word_at(self, cp: int) -> tuple[int, int]:
        """Select the jieba word containing the character at `cp`; returns it."""
        start, end = word_at(self._text, cp)
        self.select_range(start, end)
        return start, end

    def select_sentence_at(self, cp: int) -> tuple[int, int]:
        """Select the sentence containing the character at `cp`; returns it."""
        start, end = sentence_at(self._text, cp)
        self.select_range(start, end)
        return start, end

    def _edge_at(self, point: QPointF) -> str | None:
        """'start' or 'end' when `point` is on that edge of the active span, else None."""
        if self._active is None:
            return None
        span = self._spans.get(self._active)
        if span is None:
            return None
        lines = self._visible_lines(point.y() - 1, point.y() + 1)
        if not lines:
            return None
        to_u16 = self._offsets.to_utf16
        rects = self._rects(lines, [ln.start for ln in lines], to_u16(span[0]), to_u16(span[1]))
        for rect in rects:
            if not rect.top() <= point.y() < rect.bottom():
                continue
            line_start = next(ln for ln in lines if ln.top == rect.top()).start
            if to_u16(span[0]) >= line_start and abs(point.x() - rect.left()) <= EDGE_GRAB:
                return "start"
            if abs(point.x() - rect.right()) <= EDGE_GRAB:
                line = next(ln for ln in lines if ln.top == rect.top())
                if to_u16(span[1]) <= line.end:
                    return "end"
        return None

    def _drag_boundary(self, point: QPointF, role: str) -> int | None:
        """The UTF-16 boundary a drag means at a viewport point, as the selection's "start" or "end".

        Qt takes the nearest boundary, so a press a little past the middle of the first character leaves it
        out, and a release a little before the middle of the last one leaves that out: one character off
        at either end about half the time. Here a point within a quarter of a character of a boundary means
        that boundary, and a point further inside a character means the whole character: as a start, its
        left boundary; as an end, its right one. Left of a line's text means its start, right of it its end;
        None when the point is on no line (Qt's own position is used)."""
        for ln in self._visible_lines(point.y(), point.y()):
            if not ln.top <= point.y() < ln.top + ln.height:
                continue
            line = ln.line
            x = point.x() - ln.x0
            first = line.textStart()
            last = first + line.textLength()
            nearest = line.xToCursor(x, QTextLine.CursorPosition.CursorBetweenCharacters)
            if x <= line.cursorToX(first)[0]:
                return ln.block_pos + first
            if x >= line.cursorToX(last)[0]:
                return ln.block_pos + last
            layout = self.document().findBlock(ln.block_pos).layout()
            if x < line.cursorToX(nearest)[0]:
                lo, hi = layout.previousCursorPosition(nearest), nearest
            else:
                lo, hi = nearest, layout.nextCursorPosition(nearest)
            lo, hi = max(lo, first), min(hi, last)
            left, right = line.cursorToX(lo)[0], line.cursorToX(hi)[0]
            if right - left <= 0:
                return ln.block_pos + nearest
            share = (x - left) / (right - left)
            if role == "start":
                return ln.block_pos + (hi if share >= 1 - SNAP_FRACTION else lo)
            return ln.block_pos + (lo if share <= SNAP_FRACTION else hi)
        return None

    def _apply_drag_snap(self, point: QPointF) -> None:
        """Replace Qt's selection of a drag in progress by the one the quarter rule gives."""
        if self._drag_anchor is None:
            return
        cursor = self.textCursor()
        anchor_u16, pos_u16 = cursor.anchor(), cursor.position()
        if anchor_u16 != pos_u16:
            forward = pos_u16 > anchor_u16
        else:
            # Qt's nearest boundary is the same at both ends (a drag over one character), or it is a click.
            press = self._press_pos
            if press is None or (point - press).manhattanLength() < QApplication.startDragDistance():
                return
            forward = point.x() > press.x()
        anchor = self._drag_anchor[0] if forward else self._drag_anchor[1]
        pos = self._drag_boundary(point, "end" if forward else "start")
        if pos is None:  # the pointer is above or below the text and Qt scrolls: follow Qt there
            pos = pos_u16
        if (pos > anchor) != forward or pos == anchor:
            return
        if (cursor.anchor(), cursor.position()) != (anchor, pos):
            snapped = QTextCursor(self.document())
            snapped.setPosition(anchor)
            snapped.setPosition(pos, QTextCursor.MoveMode.KeepAnchor)
            self.setTextCursor(snapped)

    def _boundary_at(self, point: QPointF) -> int:
        """The code point boundary (between characters) nearest to a viewport point."""
        return self._offsets.to_codepoint(self.cursorForPosition(point.toPoint()).position())

    def mousePressEvent(self, event: QMouseEvent) -> None:
        left = event.button() == Qt.MouseButton.LeftButton
        plain = left and not (event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if plain and self._is_triple_click(event.position()):
            cp = self._position_at(event.position())
            if cp is not None:
                self._press_pos = None
                self.select_sentence_at(cp)
                event.accept()
                return
        if plain and self._active is not None:
            edge = self._edge_at(event.position())
            span = self._spans.get(self._active)
            if edge is not None and span is not None:
                self._edge_drag = (self._active, edge, span[0], span[1])
                self._press_pos = None
                event.accept()
                return
        self._press_pos = event.position() if plain else None
        self._drag_anchor = None
        if plain:
            if self.textCursor().hasSelection():
                # Qt would start dragging the selected text out of a press inside it (a read-only view has
                # no use for that) and ignore a double click there; a press starts a new selection instead.
                cursor = self.textCursor()
                cursor.clearSelection()
                self.setTextCursor(cursor)
            if self.snap_drag_edges:
                start = self._drag_boundary(event.position(), "start")
                end = self._drag_boundary(event.position(), "end")
                if start is not None and end is not None:
                    self._drag_anchor = (start, end)
        super().mousePressEvent(event)

    def _is_triple_click(self, pos: QPointF) -> bool:
        if not self.word_selection or self._double_click is None:
            return False
        when, where = self._double_click
        self._double_click = None
        elapsed_ms = (time.monotonic() - when) * 1000
        return (elapsed_ms <= QApplication.doubleClickInterval()
                and (pos - where).manhattanLength() < QApplication.startDragDistance())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._edge_drag is not None:
            key, edge, start, end = self._edge_drag
            cp = self._boundary_at(event.position())
            new_start, new_end = (cp, end) if edge == "start" else (start, cp)
            if new_end > new_start and key in self._spans:
                self._move_span(key, new_start, new_end)
            event.accept()
            return
        if event.buttons() == Qt.MouseButton.NoButton:
            on_edge = self._edge_at(event.position()) is not None
            self.viewport().setCursor(Qt.CursorShape.SizeHorCursor if on_edge else Qt.CursorShape.IBeamCursor)
        super().mouseMoveEvent(event)
        if self._drag_anchor is not None and event.buttons() & Qt.MouseButton.LeftButton:
            self._apply_drag_snap(event.position())

    def _move_span(self, key: int, start: int, end: int) -> None:
        """Show a span at a new extent, keeping its rank (for the drag preview)."""
        if self._spans.get(key) == (start, end, key):
            return
        self._spans.remove(key)
        self._spans.add(start, end, key)
        self.viewport().update()
        self.overview.span_changed(key)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._edge_drag is not None and event.button() == Qt.MouseButton.LeftButton:
            key, _edge, start, end = self._edge_drag
            self._edge_drag = None
            span = self._spans.get(key)
            if span is not None and (span[0], span[1]) != (start, end):
                self.spanResized.emit(key, span[0], span[1])
            event.accept()
            return
        super().mouseReleaseEvent(event)
        if self._drag_anchor is not None and event.button() == Qt.MouseButton.LeftButton:
            self._apply_drag_snap(event.position())
        self._drag_anchor = None
        press, self._press_pos = self._press_pos, None
        if press is None or event.button() != Qt.MouseButton.LeftButton:
            return
        if (event.position() - press).manhattanLength() >= QApplication.startDragDistance():
            if self.snap_to_words:
                self._snap_selection()
            return
        if self.textCursor().hasSelection():
            return
        keys = self.spans_at(event.position())
        if not keys:
            self.emptyClicked.emit()
            return
        key: int | None = keys[0]
        if len(keys) > 1 and self.span_picker is not None:
            key = self.span_picker(keys, self.viewport().mapToGlobal(event.position().toPoint()))
        if key is not None:
            self.spanClicked.emit(key)

    def _snap_selection(self) -> None:
        rng = self.selected_range()
        if rng is None:
            return
        try:
            start, end = snap_to_words(self._text, *rng)
        except OffsetError:
            return
        if (start, end) == rng:
            return
        # Keep the direction of the drag: the caret stays at the end the pointer was at.
        cursor = self.textCursor()
        if cursor.position() < cursor.anchor():
            start, end = end, start
        self.select_range(start, end)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        # The release that follows a double click selects a word; it is not a click on a span.
        self._press_pos = None
        self._drag_anchor = None
        if self.word_selection and event.button() == Qt.MouseButton.LeftButton:
            cp = self._position_at(event.position())
            if cp is not None and cp < len(self._text):
                self.select_word_at(cp)
                self._double_click = (time.monotonic(), event.position())
                event.accept()
                return
        super().mouseDoubleClickEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu(event.pos())
        if self.context_menu_provider is not None:
            point = QPointF(self.viewport().mapFrom(self, event.pos()))
            self.context_menu_provider(menu, self._position_at(point), self.spans_at(point))
        menu.exec(event.globalPos())
        menu.deleteLater()

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

    # ----------------------------------------------------------------- overview strip

    def set_reading_width(self, chars: int) -> None:
        """Keep lines to about `chars` Chinese characters (0: as wide as the view)."""
        self._reading_chars = max(0, int(chars))
        self._fit_reading_width()

    def reading_width(self) -> int:
        return self._reading_chars

    def _fit_reading_width(self) -> None:
        side = 0
        if self._reading_chars:
            # The width a line of N characters needs: N ideographs, the document's margins either side and
            # the caret's width, which Qt's layout keeps free at the end of each line.
            metrics = QFontMetricsF(self.font())
            needed = (self._reading_chars * metrics.horizontalAdvance("中")
                      + 2 * self.document().documentMargin() + self.cursorWidth() + 2)
            available = self.viewport().width() + 2 * self._side_margin
            side = max(0, int((available - needed) / 2))
        if side != self._side_margin:
            # The lines wrap anew: keep the character at the top left where it is, not the line number.
            top = self.cursorForPosition(QPoint(0, 0)).position()
            self._side_margin = side
            self.setViewportMargins(side, 0, side + STRIP_WIDTH, 0)
            self._place_overview()
            block = self.document().findBlock(top)
            if block.isValid() and top > 0:
                self.blockBoundingRect(block)  # lays the block out at the new width
                line = block.layout().lineForTextPosition(top - block.position())
                self.verticalScrollBar().setValue(block.firstLineNumber() + max(line.lineNumber(), 0))

    def _place_overview(self) -> None:
        geometry = self.viewport().geometry()
        # Beside the scroll bar, at the widget's edge, not beside the text column.
        self.overview.setGeometry(geometry.right() + 1 + self._side_margin, geometry.top(), STRIP_WIDTH,
                                  geometry.height())
        self.overview.invalidate()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and hasattr(self, "overview"):
            self._fit_reading_width()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_reading_width()
        self._place_overview()


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
