"""Reading an open document's tags: the screenful first, the rest in pages between paints.

A document with 100,000 tags takes about a fifth of a second to read in full, most of it Python receiving
the rows; the reader sees one screenful. So opening reads the tags that meet the lines in view (and a
screen either side), paints, and reads the rest in pages of `PAGE` rows in (start, end, id) order, one
page per turn of the event loop (a zero-interval timer on the GUI thread: one connection, which works the
same on a team server), each page merged into the document view and the tag list with one memory move
per column. Input is handled between pages.

Until the last page is in, whatever needs every tag reads the rest at once first: an edit or an undo
(`MainWindow.apply_changes`), a tag asked for that is not in yet (`AnnotationTableModel.row_of`), the tag
list's columns, and a scroll to lines whose tags are not in yet. Another document or project stops it.
The tag counts in the codebook and the status line are put right when the last page is in.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import groupby
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from annotator.core.span_table import TagColumns, insert_position

if TYPE_CHECKING:
    from array import array

    from annotator.ui.main_window.window import MainWindow

Key = tuple[int, int, int]  # (start, end, id): the order of the rows


class TagFill(QObject):
    """The reading of the open document's tags still to do (see the module's docstring)."""

    FIRST = 12000  # rows read with the screenful before the first paint: a document of 10,000 tags is read at once
    PAGE = 5000  # rows per page afterwards: a few milliseconds, the longest an input waits
    finished = Signal(int)  # the document whose tags are all in

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._timer = QTimer(self)
        self._timer.setObjectName("tagFill")  # the benchmarks tell its turns from other events by it
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._step)
        self._document: int | None = None
        self._after: Key | None = None  # the rows up to this key are all in (None: none yet)
        self._shown: tuple[int, int] = (0, 0)  # every tag meeting this range is in
        self._tags_of: Callable[[array], array] | None = None
        self._reading = False
        window.view.verticalScrollBar().valueChanged.connect(self._scrolled)

    @property
    def pending(self) -> bool:
        return self._document is not None

    def begin(self, document_id: int, tags_of: Callable[[array], array]) -> None:
        """The document was just shown (its text set, no spans, an empty tag list): its tags are to come,
        and whoever needs them all from now on reads them at once. `tags_of(category_ids)` gives each
        tag's colour index in the view's palette."""
        self.stop()
        self._document, self._after, self._tags_of = document_id, None, tags_of
        self._shown = (0, 0)
        self._reading = False  # scrolls before the first read (the reading position put back) wait
        self._window.ann_model.set_filling(self.complete)

    def read_first(self) -> None:
        """Read the tags meeting the lines in view (and a screen either side) and the first rows; the
        rest follows page by page."""
        if not self._valid():
            return
        w = self._window
        a, b = w.view.visible_range()
        margin = max(b - a, 1000)  # a screen either side: a small scroll needs no wait
        self._shown = (max(a - margin, 0), b + margin)
        assert self._document is not None
        self._insert(w.project.annotations.columns(self._document, meeting=self._shown))
        self._reading = True
        self._page(self.FIRST)
        if self.pending:
            self._timer.start()

    def stop(self) -> None:
        """Forget what was still to read (another document is opened, or the project closes)."""
        self._timer.stop()
        if self._document is not None and self._window.ann_model.filling:
            self._window.ann_model.set_filling(None)
        self._document = None

    def complete(self) -> None:
        """Read every row still to come at once (an edit or a look-up that needs them all)."""
        if self._valid():
            self._page(None)

    def _valid(self) -> bool:
        """Whether the fill still belongs to what the window shows; if not, it stops."""
        w = self._window
        if self._document is not None and self._document == w.document_id and w.ann_model.filling:
            return True
        self.stop()
        return False

    def _step(self) -> None:
        if self._valid():
            self._page(self.PAGE)

    def _page(self, limit: int | None) -> None:
        """Read up to `limit` rows (None: all) after the last key read, and merge them in."""
        assert self._document is not None
        w = self._window
        rows = w.project.annotations.columns(self._document, after=self._after, limit=limit)
        if len(rows):
            self._merge(rows)
            self._after = (rows.starts[-1], rows.ends[-1], rows.ids[-1])
        if limit is None or len(rows) < limit:
            self._finish()

    def _merge(self, rows: TagColumns) -> None:
        """Merge a page (rows after `_after`, in order) into what is shown: of the rows already in there
        (those of the screenful read first), none is added twice; the others go in as runs."""
        c = self._window.ann_model.shown_columns
        after = self._after
        lo = (
            0 if after is None else insert_position(c.starts, c.ends, c.ids, after[0], after[1], after[2] + 1)
        )
        last = (rows.starts[-1], rows.ends[-1], rows.ids[-1] + 1)
        hi = insert_position(c.starts, c.ends, c.ids, *last)
        present = set(c.ids[lo:hi])  # the screenful's rows within this page's keys: a few hundred at most
        if not present:
            self._insert(rows)
            return
        new = [key not in present for key in rows.ids]
        i = 0
        for is_new, run in groupby(new):
            n = sum(1 for _ in run)
            if is_new:
                self._insert(_slice(rows, i, i + n))
            i += n

    def _insert(self, rows: TagColumns) -> None:
        if not len(rows):
            return
        assert self._tags_of is not None
        w = self._window
        w.view.insert_spans(rows.starts, rows.ends, rows.ids, self._tags_of(rows.category_ids))
        w.ann_model.insert_columns(rows)

    def _finish(self) -> None:
        document = self._document
        self.stop()
        if document is not None:
            self._window.tags_complete()
            self.finished.emit(document)

    def _scrolled(self) -> None:
        """A scroll to lines whose tags are not all in yet reads the rest at once."""
        if not (self.pending and self._reading):
            return
        a, b = self._window.view.visible_range()
        done = self._after[0] if self._after is not None else 0  # tags meeting [0, done) are all in
        if not (b <= done or self._shown[0] <= a and b <= self._shown[1]):
            self.complete()


def _slice(rows: TagColumns, i: int, j: int) -> TagColumns:
    return TagColumns(
        rows.ids[i:j], rows.starts[i:j], rows.ends[i:j], rows.category_ids[i:j], rows.annotator_ids[i:j]
    )
