"""The curation view: one document with two annotators' readings side by side, as adjudicators work.

Two synchronised panes show the same text, A's tags on the left and B's on the right, in their category
colours. Every disagreement (different extent, different category, only one of them tagged) is outlined
in both panes — red while open, green once settled — and marked on each pane's overview strip beside the
scroll bar. F9 / Shift+F9 step from one open disagreement to the next; a click on a passage makes it the
current one. The decision is taken where the passage is: accept A, B or both, accept the passage selected
in either pane (an edited extent), or reject; each goes through the review service into the agreed layer
(审定) and onto the main window's undo stack, so Ctrl+Z in this view takes it back.

Opening is cheap on long judgments: the panes paint only their visible lines from a span index (see
ui/common/document_view/painting.py), and the pairing of tags is one sweep (review/compare.py).
"""

from __future__ import annotations

from bisect import bisect_right

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QAction, QColor, QKeySequence, QPainter, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from annotator.core.changes import Changes
from annotator.review.compare import DISAGREEMENTS, Difference
from annotator.ui.common.document_view import DocumentView, OverviewStrip
from annotator.ui.review.decisions import add_decision_buttons, run_decision

OPEN_COLOR = "#D62828"  # an open disagreement
SETTLED_COLOR = "#2A9D8F"  # a settled one


class _Strip(OverviewStrip):
    """The overview strip with the disagreements as ticks on its left half."""

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().paintEvent(event)
        view = self._view
        marks = getattr(view, "marks", None)
        if not marks or not view.text:
            return
        painter = QPainter(self)
        try:
            scale = self._scale()
            half = self.width() // 2
            for start, _end, settled in marks:
                painter.fillRect(
                    0, int(start * scale), half, 2, QColor(SETTLED_COLOR if settled else OPEN_COLOR)
                )
        finally:
            painter.end()


class CurationPane(DocumentView):
    """One annotator's reading: their tags, and the disagreements outlined."""

    positionClicked = Signal(int)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.overview.hide()
        self.overview.deleteLater()
        self.overview = _Strip(self)
        self.verticalScrollBar().valueChanged.connect(self.overview.update)
        self.marks: list[tuple[int, int, bool]] = []  # (start, end, settled), sorted by start
        self.current: tuple[int, int] | None = None
        self._click_cp: int | None = None

    def set_spans(self, spans: list[tuple[int, int, int]], colors: dict[int, str]) -> None:
        """Show these tags in place of the pane's current ones, in one go (the text stays)."""
        self.replace_spans(spans, colors)

    def set_marks(self, marks: list[tuple[int, int, bool]], current: tuple[int, int] | None) -> None:
        self.marks = sorted(marks)
        self.current = current
        self.viewport().update()
        self.overview.update()

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().paintEvent(event)
        if not self.marks:
            return
        lines = self._visible_lines(event.rect().top(), event.rect().bottom())
        if not lines:
            return
        to_cp, to_u16 = self._offsets.to_codepoint, self._offsets.to_utf16
        a, b = to_cp(lines[0].start), to_cp(lines[-1].end) + 1
        line_starts = [ln.start for ln in lines]
        starts = [m[0] for m in self.marks]
        longest = max(e - s for s, e, _ in self.marks)
        lo = max(0, bisect_right(starts, a - longest - 1))
        painter = QPainter(self.viewport())
        try:
            for start, end, settled in self.marks[lo : bisect_right(starts, b)]:
                if end <= a:
                    continue
                current = self.current == (start, end)
                pen = QPen(QColor(SETTLED_COLOR if settled else OPEN_COLOR), 2.5 if current else 1.2)
                pen.setStyle(Qt.PenStyle.SolidLine if current else Qt.PenStyle.DashLine)
                painter.setPen(pen)
                for rect in self._rects(lines, line_starts, to_u16(start), to_u16(end)):
                    painter.drawRect(rect.adjusted(0.5, 0.5, -0.5, -0.5))
        finally:
            painter.end()

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt API)
        self._click_cp = (
            self.position_at(QPointF(event.position()))
            if event.button() == Qt.MouseButton.LeftButton
            else None
        )
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().mouseReleaseEvent(event)
        cp, self._click_cp = self._click_cp, None
        if cp is not None and not self.textCursor().hasSelection():
            self.positionClicked.emit(cp)


class CurationView(QWidget):
    """Two readings of the open document, the disagreements between them, and the decisions."""

    def __init__(self, window) -> None:
        super().__init__(window, Qt.WindowType.Window)
        self.setObjectName("curationView")
        self.window_ = window
        self.items: list[Difference] = []
        self.settled: list[bool] = []
        self.index = -1  # the current difference
        self.document_id: int | None = None
        self.setWindowTitle(self.tr("Curation"))
        self.resize(1400, 860)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.title = QLabel(self)
        self.title.setObjectName("curationTitle")
        top.addWidget(self.title, 1)
        self.first, self.second = QComboBox(self), QComboBox(self)
        self.first.setObjectName("curationA")
        self.second.setObjectName("curationB")
        top.addWidget(QLabel(self.tr("A:"), self))
        top.addWidget(self.first)
        top.addWidget(QLabel(self.tr("B:"), self))
        top.addWidget(self.second)
        self.tolerance = QSpinBox(self)
        self.tolerance.setRange(0, 20)
        self.tolerance.setPrefix("± ")
        self.tolerance.setSuffix(self.tr(" characters"))
        self.tolerance.setToolTip(self.tr("Same extent within this many characters"))
        top.addWidget(self.tolerance)
        layout.addLayout(top)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.panes: list[CurationPane] = []
        self.pane_labels: list[QLabel] = []
        for side in ("A", "B"):
            box = QWidget(self.splitter)
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            label = QLabel(box)
            label.setObjectName(f"curationLabel{side}")
            pane = CurationPane(box)
            pane.setObjectName(f"curationPane{side}")
            pane.tooltip_provider = lambda keys, p=pane: self._tooltip(p, keys)
            pane.positionClicked.connect(self.go_to_position)
            column.addWidget(label)
            column.addWidget(pane, 1)
            self.panes.append(pane)
            self.pane_labels.append(label)
        self.splitter.setSizes([1, 1])
        layout.addWidget(self.splitter, 1)
        # Scrolling one pane scrolls the other: the same text at the same width lays out the same.
        a, b = (p.verticalScrollBar() for p in self.panes)
        a.valueChanged.connect(lambda v: b.setValue(v) if b.value() != v else None)
        b.valueChanged.connect(lambda v: a.setValue(v) if a.value() != v else None)
        self.summary = QLabel(self)
        self.summary.setObjectName("curationSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        bottom = QHBoxLayout()
        prev = QPushButton(self.tr("◀ Previous (Shift+F9)"), self)
        prev.clicked.connect(lambda: self.step(backwards=True))
        nxt = QPushButton(self.tr("Next (F9) ▶"), self)
        nxt.clicked.connect(lambda: self.step())
        bottom.addWidget(prev)
        bottom.addWidget(nxt)
        bottom.addSpacing(24)
        self.decision_buttons = add_decision_buttons(self, bottom, "curate_", self.decide)
        bottom.addStretch(1)
        agree = QPushButton(self.tr("Accept all &agreements"), self)
        agree.setObjectName("curateAgreements")
        agree.clicked.connect(self.accept_agreements)
        bottom.addWidget(agree)
        layout.addLayout(bottom)
        for text, keys, slot in (
            (self.tr("Next disagreement"), [QKeySequence("F9")], self.step),
            (self.tr("Previous disagreement"), [QKeySequence("Shift+F9")], lambda: self.step(backwards=True)),
        ):
            act = QAction(text, self)
            act.setShortcuts(keys)
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            act.triggered.connect(lambda checked=False, s=slot: s())
            self.addAction(act)
        # The main window's undo stack, reachable from here: every decision is undoable where it was taken.
        for make, keys in (
            (window.undo_stack.createUndoAction, QKeySequence.StandardKey.Undo),
            (window.undo_stack.createRedoAction, QKeySequence.StandardKey.Redo),
        ):
            act = make(self)
            act.setShortcut(keys)
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.addAction(act)
        for w in (self.first, self.second):
            w.currentIndexChanged.connect(lambda _i: self.refresh())
        self.tolerance.valueChanged.connect(lambda _v: self.refresh())
        window.changesApplied.connect(self._changes)
        window.documentOpened.connect(lambda _doc: self.load() if self.isVisible() else None)
        window.projectChanged.connect(lambda _path: self.reset())

    # Loading ---------------------------------------------------------------------------------------

    def reset(self) -> None:
        self.items, self.settled, self.index, self.document_id = [], [], -1, None
        for combo in (self.first, self.second):
            combo.blockSignals(True)
            combo.clear()
            combo.blockSignals(False)
        for pane in self.panes:
            pane.set_document("", [], {})
            pane.set_marks([], None)
        self.title.clear()
        self.summary.clear()
        self.hide()

    def fill_annotators(self, first: int | None = None, second: int | None = None) -> None:
        project = self.window_.project
        agreed = project.review.agreed_annotator_id()
        people = [a for a in project.annotators.list() if a.id != agreed]
        defaults = project.review.default_coders(self.window_.annotator.id)
        wanted = [
            first if first is not None else self.first.currentData() or (defaults[:1] or [None])[0],
            second if second is not None else self.second.currentData() or (defaults[1:2] or [None])[0],
        ]
        for combo, value in zip((self.first, self.second), wanted, strict=True):
            combo.blockSignals(True)
            combo.clear()
            for a in people:
                combo.addItem(a.name, a.id)
            index = combo.findData(value)
            combo.setCurrentIndex(index if index >= 0 else -1)
            combo.blockSignals(False)

    def load(self, first: int | None = None, second: int | None = None) -> None:
        """Show the main window's open document for annotators A and B."""
        window = self.window_
        self.document_id = window.document_id
        self.fill_annotators(first, second)
        text = window.view.text if self.document_id is not None else ""
        for pane in self.panes:
            pane.set_document(text, [], {})
        self.title.setText(window.project.documents.info(self.document_id).title if self.document_id else "")
        self.refresh()

    def refresh(self, keep: tuple[int, int] | None = None) -> None:
        """Pair A's and B's tags again and show them; the current passage stays where it was."""
        window = self.window_
        a, b = self.first.currentData(), self.second.currentData()
        for pane in self.panes:
            pane.set_spans([], {})
        if self.document_id is None or a is None or b is None or a == b:
            self.items, self.settled, self.index = [], [], -1
            for pane in self.panes:
                pane.set_marks([], None)
            self.summary.setText(self.tr("Choose two different annotators."))
            return
        review = window.project.review
        self.items = review.compare(self.document_id, a, b, tolerance=self.tolerance.value())
        decided = review.decided([self.document_id])
        self.settled = [any(t is not None and t.uuid in decided for t in (d.a, d.b)) for d in self.items]
        colors = window._category_colors
        names = {x.id: x.name for x in window.project.annotators.list()}
        for pane, label, who, side in (
            (self.panes[0], self.pane_labels[0], a, "a"),
            (self.panes[1], self.pane_labels[1], b, "b"),
        ):
            label.setText(self.tr("{side}: {name}").format(side=side.upper(), name=names.get(who, "?")))
            tags = {t.id: t for d in self.items for t in ((d.a,) if side == "a" else (d.b,)) if t is not None}
            pane.set_spans(
                [(t.start, t.end, t.id) for t in tags.values()],
                {t.id: colors.get(t.category_id, "#888888") for t in tags.values()},
            )
        if keep is None and 0 <= self.index < len(self.items):
            keep = (self.items[self.index].start, self.items[self.index].end)
        self.index = (
            next((i for i, d in enumerate(self.items) if (d.start, d.end) == keep), -1) if keep else -1
        )
        self._show_marks()

    def _disagreements(self) -> list[int]:
        return [i for i, d in enumerate(self.items) if d.kind in DISAGREEMENTS]

    def _show_marks(self) -> None:
        marks = [(self.items[i].start, self.items[i].end, self.settled[i]) for i in self._disagreements()]
        current = None
        if 0 <= self.index < len(self.items):
            d = self.items[self.index]
            current = (d.start, d.end)
        for pane in self.panes:
            pane.set_marks(marks, current)
        self.panes[0].set_active_span(
            self.items[self.index].a.id if current and self.items[self.index].a else None
        )
        self.panes[1].set_active_span(
            self.items[self.index].b.id if current and self.items[self.index].b else None
        )
        total = len(marks)
        open_ = sum(1 for m in marks if not m[2])
        text = self.tr("{n} disagreements, {open} open; {agree} passages agree.").format(
            n=total, open=open_, agree=sum(1 for d in self.items if d.kind not in DISAGREEMENTS)
        )
        if current:
            d = self.items[self.index]
            text += "  " + self.tr("Current: {kind} at {start}–{end}{settled}").format(
                kind=self._kind_name(d.kind),
                start=d.start,
                end=d.end,
                settled=self.tr(" (settled)") if self.settled[self.index] else "",
            )
        self.summary.setText(text)

    def _kind_name(self, kind: str) -> str:
        return {
            "extent": self.tr("different extent"),
            "category": self.tr("different category"),
            "only_a": self.tr("only A"),
            "only_b": self.tr("only B"),
            "agree": self.tr("agree"),
        }.get(kind, kind)

    def _tooltip(self, pane: CurationPane, keys: list[int]) -> str:
        window = self.window_
        cats = window._categories
        lines = []
        for d in self.items:
            for t in (d.a, d.b):
                if t is not None and t.id in keys:
                    cat = cats.get(t.category_id)
                    line = f"{cat.name if cat else '?'} — {self._kind_name(d.kind)}"
                    if t.memo:
                        line += f"\n  {t.memo[:80]}"
                    lines.append(line)
        return "\n".join(dict.fromkeys(lines))

    # Moving ----------------------------------------------------------------------------------------

    def go_to(self, index: int) -> None:
        if not 0 <= index < len(self.items):
            return
        self.index = index
        d = self.items[index]
        for pane in self.panes:
            pane.select_range(d.start, d.end)
            pane.centerCursor()
        self._show_marks()

    def go_to_position(self, cp: int) -> None:
        """A click in a pane makes the disagreement there (the shortest one) the current one."""
        found = [i for i in self._disagreements() if self.items[i].start <= cp < self.items[i].end]
        if found:
            self.go_to(min(found, key=lambda i: self.items[i].end - self.items[i].start))

    def step(self, backwards: bool = False) -> None:
        """To the next (or previous) open disagreement, wrapping around; settled ones are skipped."""
        rows = [i for i in self._disagreements() if not self.settled[i]]
        if not rows:
            self._show_marks()
            self.summary.setText(
                self.summary.text() + "  " + self.tr("No open disagreements left on this document.")
            )
            return
        if backwards:
            before = [r for r in rows if r < self.index]
            target = before[-1] if before else rows[-1]
        else:
            after = [r for r in rows if r > self.index]
            target = after[0] if after else rows[0]
        self.go_to(target)

    # Deciding --------------------------------------------------------------------------------------

    def current(self) -> Difference | None:
        return self.items[self.index] if 0 <= self.index < len(self.items) else None

    def _selected(self) -> tuple[int, int] | None:
        d = self.current()
        for pane in sorted(self.panes, key=lambda p: not p.hasFocus()):
            rng = pane.selected_range()
            if rng and rng[0] < rng[1] and (d is None or rng != (d.start, d.end) or pane.hasFocus()):
                return rng
        return None

    def decide(self, decision: str) -> None:
        window = self.window_
        d = self.current()
        if d is None:
            self.summary.setText(self.tr("Click a marked passage or press F9 first."))
            return
        extent = {}
        if decision == "edit":
            rng = self._selected() or (d.start, d.end)
            extent = {"start": rng[0], "end": rng[1]}
        # Recorded (undoable); refreshes this view through changesApplied.
        changes = run_decision(window, d, decision, extent, show_error=self.summary.setText)
        if changes is None:
            return
        where = (d.start, d.end)
        self.refresh(keep=where)
        self.step()

    def accept_agreements(self) -> None:
        window = self.window_
        a, b = self.first.currentData(), self.second.currentData()
        if self.document_id is None or a is None or b is None or a == b:
            return
        changes = window.project.review.accept_agreements(
            a, b, decided_by=window.annotator.id, document_ids=[self.document_id]
        )
        window.record(changes)

    def _changes(self, changes: Changes) -> None:
        if not self.isVisible() or self.document_id is None:
            return
        if (
            any(
                t.document_id == self.document_id
                for t in (
                    *changes.annotations_added,
                    *changes.annotations_removed,
                    *changes.annotations_updated,
                )
            )
            or changes.decisions_added
            or changes.decisions_removed
        ):
            self.refresh()


def open_curation(window, first: int | None = None, second: int | None = None) -> CurationView:
    view = window.features.curation_view
    if view is None:
        view = window.features.curation_view = CurationView(window)
    if window.document_id is None:
        window.statusBar().showMessage(window.tr("Open a document first."), 4000)
        return view
    view.show()
    view.raise_()
    view.activateWindow()
    view.load(first, second)
    return view
