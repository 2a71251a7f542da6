"""The reading pane: a read-only plain-text view that paints annotation highlights itself.

Highlights are not character formats. Formatting 100,000 spans through QTextCursor, QSyntaxHighlighter or
extra selections costs seconds on a long document; here the spans live in a `SpanTable` (flat arrays) and `paintEvent`
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

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QPainter,
    QPalette,
    QResizeEvent,
    QTextCursor,
    QTextOption,
)
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QWidget

from annotator.core.offsets import OffsetMap
from annotator.core.span_table import SpanTable
from annotator.ui.common.document_view.overview import OverviewStrip
from annotator.ui.common.document_view.painting import PaintingMixin
from annotator.ui.common.document_view.pointer import PointerMixin
from annotator.ui.common.document_view.style import DEFAULT_COLOR, STRIP_WIDTH, cjk_font


class DocumentView(PointerMixin, PaintingMixin, QPlainTextEdit):
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
        self._spans = SpanTable()
        # Colours are interned: each span holds a small index into this palette, not a string of its own.
        self._palette: list[str] = []
        self._palette_ids: dict[str, int] = {}
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
        items = spans if isinstance(spans, list) else list(spans)
        colors = span_colors or {}
        palette: dict[str, int] = {}
        tags = [palette.setdefault(colors[key], len(palette)) if key in colors else -1 for _, _, key in items]
        table = SpanTable(items, tags)  # first: a bad span leaves the view as it was
        self._show(text, table, list(palette))

    def set_document_columns(
        self,
        text: str,
        starts: Sequence[int],
        ends: Sequence[int],
        keys: Sequence[int],
        tags: Sequence[int],
        palette: Sequence[str],
    ) -> None:
        """Show `text` with spans given as columns (e.g. straight from a query): span i is
        `[starts[i], ends[i])` with key `keys[i]` in colour `palette[tags[i]]`. No Python object is made
        per span: on a long document only the spans in view ever become tuples."""
        if len(tags) and (min(tags) < 0 or max(tags) >= len(palette)):
            raise ValueError("a span's colour is not in the palette")
        table = SpanTable.from_columns(starts, ends, keys, tags)
        self._show(text, table, list(palette))

    def insert_spans(
        self, starts: Sequence[int], ends: Sequence[int], keys: Sequence[int], tags: Sequence[int]
    ) -> None:
        """Add spans given as columns that come together in the order (sorted, new keys, no shown span
        between the first and the last: the next page of a document's tags read in order); `tags` index
        the palette given to `set_document_columns`. One memory move per column, whatever the count."""
        if len(tags) and (min(tags) < 0 or max(tags) >= len(self._palette)):
            raise ValueError("a span's colour is not in the palette")
        if self._spans.insert_run(starts, ends, keys, tags) >= 0:
            a, b = self.visible_range()
            if starts[0] < b and max(ends) > a:  # a page of tags elsewhere needs no repaint here
                self.viewport().update()
            self.overview.spans_added(starts[0], starts[-1])

    def _show(self, text: str, table: SpanTable, palette: list[str]) -> None:
        self._text = text
        self._offsets = OffsetMap(text)
        self._spans = table
        self._palette = palette
        self._palette_ids = {name: i for i, name in enumerate(palette)}
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

    def replace_spans(
        self, spans: Iterable[tuple[int, int, int]], span_colors: Mapping[int, str], keep_active: bool = False
    ) -> None:
        """Show these spans in place of the current ones, in one go; the text stays (and the active span,
        with `keep_active`, if it is among them)."""
        items = spans if isinstance(spans, list) else list(spans)
        palette: dict[str, int] = {}
        tags = [
            palette.setdefault(span_colors[key], len(palette)) if key in span_colors else -1
            for _, _, key in items
        ]
        self._spans = SpanTable(items, tags)
        self._palette = list(palette)
        self._palette_ids = palette
        self._order = {}
        if not (keep_active and self._active in self._spans):
            self._active = None
        self.viewport().update()
        self.overview.invalidate()

    def set_span_colors(self, span_colors: Mapping[int, str]) -> None:
        """Recolour many spans at once (a category's new colour): one pass, not one search per span."""
        if self._spans.retag({key: self._color_tag(color) for key, color in span_colors.items()}):
            self.viewport().update()
            self.overview.invalidate()

    @property
    def text(self) -> str:
        """The stored text, as given to `set_document`."""
        return self._text

    @property
    def span_colors(self) -> Mapping[int, str]:
        """Key -> '#RRGGBB' of the spans that were given a colour."""
        return _SpanColors(self._spans, self._palette)

    @property
    def spans(self) -> SpanTable:
        return self._spans

    def palette_name(self, tag: int) -> str:
        """The colour name of palette entry `tag` (a span's tag; -1 and unknown ones: the default)."""
        return self._palette[tag] if 0 <= tag < len(self._palette) else DEFAULT_COLOR

    def palette_names(self) -> list[str]:
        """The palette with the default colour last, so that `names[tag]` also serves tag -1."""
        return [*self._palette, DEFAULT_COLOR]

    def _color_tag(self, color: str) -> int:
        tag = self._palette_ids.get(color)
        if tag is None:
            tag = self._palette_ids[color] = len(self._palette)
            self._palette.append(color)
        return tag

    def add_span(self, key: int, start: int, end: int, color: str | None = None) -> None:
        """Add (or move) one span; `color` is '#RRGGBB' (None: keep the span's colour)."""
        if end <= start:
            raise ValueError(f"span [{start}, {end}) of key {key} is empty or reversed")
        old = self._spans.get(key)
        tag = self._spans.tag(key, -1)
        if old is not None:
            self._spans.remove(key)
        if color is not None:
            tag = self._color_tag(color)
        self._spans.add(start, end, key, tag)
        self._order[key] = self._next_order
        self._next_order += 1
        self.viewport().update()
        self.overview.span_changed(start, *(old[:1] if old else ()))

    def remove_span(self, key: int) -> bool:
        old = self._spans.get(key)
        removed = self._spans.remove(key)
        self._order.pop(key, None)
        if self._active == key:
            self._active = None
        if old is not None:
            self.viewport().update()
            self.overview.span_changed(old[0])
        return removed

    def set_span_color(self, key: int, color: str) -> None:
        span = self._spans.get(key)
        if span is not None:
            self._spans.set_tag(key, self._color_tag(color))
            self.viewport().update()
            self.overview.span_changed(span[0])

    def clear_spans(self) -> None:
        self._spans = SpanTable()
        self._palette, self._palette_ids = [], {}
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
            needed = (
                self._reading_chars * metrics.horizontalAdvance("中")
                + 2 * self.document().documentMargin()
                + self.cursorWidth()
                + 2
            )
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
        self.overview.setGeometry(
            geometry.right() + 1 + self._side_margin, geometry.top(), STRIP_WIDTH, geometry.height()
        )
        self.overview.invalidate()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and hasattr(self, "overview"):
            self._fit_reading_width()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_reading_width()
        self._place_overview()


class _SpanColors(Mapping[int, str]):
    """A read-only view of the spans' colours by key, read from the span table and the palette."""

    def __init__(self, spans: SpanTable, palette: list[str]) -> None:
        self._spans, self._palette = spans, palette

    def __getitem__(self, key: int) -> str:
        tag = self._spans.tag(key, -1) if isinstance(key, int) else -1
        if tag < 0:
            raise KeyError(key)
        return self._palette[tag]

    def __iter__(self) -> Iterator[int]:
        return (key for (_s, _e, key), tag in zip(self._spans, self._spans.tags, strict=True) if tag >= 0)

    def __len__(self) -> int:
        return sum(1 for tag in self._spans.tags if tag >= 0)
