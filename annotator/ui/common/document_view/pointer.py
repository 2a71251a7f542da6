"""Mouse and pointer handling of the document view: Chinese-aware selection and resizing the active span.

A double click selects the jieba word under the pointer (Qt's own selects a whole clause), a triple click
the sentence, and a drag can snap outward to word boundaries; drags select whole characters by the quarter
rule. The active span can be resized by dragging its edges.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import (
    QContextMenuEvent,
    QHelpEvent,
    QMouseEvent,
    QTextCursor,
    QTextLine,
)
from PySide6.QtWidgets import QApplication, QToolTip

from annotator.core.errors import OffsetError
from annotator.text.segment import snap_to_words, word_at
from annotator.text.sentences import sentence_at
from annotator.ui.common.document_view.style import (
    EDGE_GRAB,
    SNAP_FRACTION,
)


class PointerMixin:
    """Mouse, context menu and tooltips; mixed into `DocumentView`."""

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
        return (
            elapsed_ms <= QApplication.doubleClickInterval()
            and (pos - where).manhattanLength() < QApplication.startDragDistance()
        )

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
        old = self._spans.get(key)
        if old is None or old == (start, end, key):
            return
        tag = self._spans.tag(key, -1)
        self._spans.remove(key)
        self._spans.add(start, end, key, tag)
        self.viewport().update()
        self.overview.span_changed(old[0], start)

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
