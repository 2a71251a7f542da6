"""Compare two annotators on the open document: a dock listing where they agree and how they differ,
with next / previous disagreement (F9 / Shift+F9) selecting the passage in the text, and buttons that
settle the current difference into the agreed layer (审定): accept A, B or both, accept the selected
text, reject; or accept every agreement at once."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDockWidget,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.changes import Changes
from annotator.core.shorten import shorten
from annotator.review.compare import AGREE, CATEGORY, DISAGREEMENTS, EXTENT, ONLY_A, ONLY_B, Difference
from annotator.ui.review.decisions import add_decision_buttons, run_decision

KIND_COLORS = {AGREE: "#D8F3DC", EXTENT: "#FFF3B0", CATEGORY: "#FFD6A5", ONLY_A: "#CDE7FF", ONLY_B: "#E9D5FF"}


class ComparePanel(QWidget):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.setObjectName("comparePanel")
        self.window_ = window
        self.items: list[Difference] = []
        self.settled: list[bool] = []
        self.kind_names = {
            AGREE: self.tr("agree"),
            EXTENT: self.tr("different extent"),
            CATEGORY: self.tr("different category"),
            ONLY_A: self.tr("only A"),
            ONLY_B: self.tr("only B"),
        }
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.first = QComboBox(self)
        self.first.setObjectName("compareA")
        self.second = QComboBox(self)
        self.second.setObjectName("compareB")
        form.addRow(self.tr("Annotator A"), self.first)
        form.addRow(self.tr("Annotator B"), self.second)
        self.tolerance = QSpinBox(self)
        self.tolerance.setObjectName("compareTolerance")
        self.tolerance.setRange(0, 20)
        self.tolerance.setSuffix(self.tr(" characters"))
        self.tolerance.setPrefix("± ")
        form.addRow(self.tr("Same extent within"), self.tolerance)
        self.same_words = QCheckBox(self.tr("Same words count as the same extent"), self)
        self.same_words.setObjectName("compareSameWords")
        form.addRow(self.same_words)
        layout.addLayout(form)
        self.summary = QLabel(self)
        self.summary.setObjectName("compareSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.table = QTableWidget(0, 7, self)
        self.table.setObjectName("compareTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Kind"),
                self.tr("A"),
                self.tr("B"),
                self.tr("Settled"),
                self.tr("Passage"),
                self.tr("Memo of A"),
                self.tr("Memo of B"),
            ]
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.currentCellChanged.connect(lambda row, *_: self._show_row(row))
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        prev = QPushButton(self.tr("◀ Previous disagreement"), self)
        prev.clicked.connect(self.previous_disagreement)
        nxt = QPushButton(self.tr("Next disagreement ▶"), self)
        nxt.clicked.connect(self.next_disagreement)
        buttons.addWidget(prev)
        buttons.addWidget(nxt)
        layout.addLayout(buttons)
        # Adjudication: settle the current row into the agreed layer (审定).
        decide = QHBoxLayout()
        self.decision_buttons = add_decision_buttons(self, decide, "decide_", self.decide)
        bulk = QPushButton(self.tr("Accept all &agreements"), self)
        bulk.setObjectName("acceptAgreements")
        bulk.clicked.connect(self.accept_agreements)
        decide.addWidget(bulk)
        layout.addLayout(decide)
        for w in (self.first, self.second):
            w.currentIndexChanged.connect(self.refresh)
        self.tolerance.valueChanged.connect(self.refresh)
        self.same_words.toggled.connect(self.refresh)

    def reset(self) -> None:
        """Forget the previous project: its annotators, its rows and what they pointed at."""
        self.items, self.settled = [], []
        self.table.setRowCount(0)
        for combo in (self.first, self.second):
            combo.blockSignals(True)
            combo.clear()
            combo.blockSignals(False)
        self.summary.clear()
        if self.isVisible():
            self.fill_annotators()

    def fill_annotators(self) -> None:
        annotators = self.window_.project.annotators.list()
        for combo, default in ((self.first, 0), (self.second, 1)):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            for a in annotators:
                combo.addItem(a.name, a.id)
            index = combo.findData(current) if current is not None else -1
            combo.setCurrentIndex(index if index >= 0 else min(default, combo.count() - 1))
            combo.blockSignals(False)

    def choose(self, first: int, second: int) -> None:
        self.fill_annotators()
        for combo, value in ((self.first, first), (self.second, second)):
            combo.blockSignals(True)
            combo.setCurrentIndex(combo.findData(value))
            combo.blockSignals(False)
        self.refresh()

    def refresh(self) -> None:
        window = self.window_
        a, b = self.first.currentData(), self.second.currentData()
        self.table.setRowCount(0)
        self.items = []
        if window.document_id is None or a is None or b is None or a == b:
            self.summary.setText(self.tr("Choose two different annotators."))
            return
        self.items = window.project.review.compare(
            window.document_id, a, b, tolerance=self.tolerance.value(), same_words=self.same_words.isChecked()
        )
        names = {c.id: c.name for c in window.project.codebook.list(include_archived=True)}
        settled = window.project.review.decided([window.document_id])
        self.settled = [any(t is not None and t.uuid in settled for t in (d.a, d.b)) for d in self.items]
        text = window.view.text
        self.table.setRowCount(len(self.items))
        for row, d in enumerate(self.items):
            cells = [
                self.kind_names[d.kind],
                names.get(d.a.category_id, "") if d.a else "",
                names.get(d.b.category_id, "") if d.b else "",
                "✓" if self.settled[row] else "",
                shorten(text[d.start : d.end], 41),
                shorten(d.a.memo, 41) if d.a else "",
                shorten(d.b.memo, 41) if d.b else "",
            ]
            for col, value in enumerate(cells):
                item = QTableWidgetItem(value)
                item.setBackground(QBrush(QColor(KIND_COLORS[d.kind])))
                item.setForeground(QBrush(QColor("#000000")))
                if col >= 5 and value:
                    memo = (d.a if col == 5 else d.b).memo
                    item.setToolTip(memo)  # the whole memo; the cell shows its start
                self.table.setItem(row, col, item)
        self.table.resizeColumnsToContents()
        counts = {k: sum(1 for d in self.items if d.kind == k) for k in self.kind_names}
        self.summary.setText("　".join(f"{self.kind_names[k]}: {n}" for k, n in counts.items()))

    def _show_row(self, row: int) -> None:
        if 0 <= row < len(self.items):
            d = self.items[row]
            self.window_.view.select_range(d.start, d.end)
            self.window_.view.reveal_range(d.start, d.end)

    def _step(self, backwards: bool, undecided: bool = False) -> None:
        if not self.items:
            self.refresh()
        rows = [
            i
            for i, d in enumerate(self.items)
            if d.kind in DISAGREEMENTS and not (undecided and self.settled[i])
        ]
        if not rows:
            self.window_.statusBar().showMessage(self.tr("No disagreements left on this document."), 4000)
            return
        current = self.table.currentRow()
        if backwards:
            before = [r for r in rows if r < current]
            target = before[-1] if before else rows[-1]
        else:
            after = [r for r in rows if r > current]
            target = after[0] if after else rows[0]
        self.table.setCurrentCell(target, 0)

    def current(self) -> Difference | None:
        row = self.table.currentRow()
        return self.items[row] if 0 <= row < len(self.items) else None

    def decide(self, decision: str) -> None:
        window = self.window_
        d = self.current()
        if d is None:
            window.statusBar().showMessage(self.tr("Choose a row of the comparison first."), 4000)
            return
        extent = {}
        if decision == "edit":
            selected = window.view.selected_range()
            if not selected:
                window.statusBar().showMessage(self.tr("Select the agreed passage in the text first."), 4000)
                return
            extent = {"start": selected[0], "end": selected[1]}
        row = self.table.currentRow()
        # Recorded; the list refreshes.
        changes = run_decision(
            window, d, decision, extent, show_error=lambda text: window.statusBar().showMessage(text, 6000)
        )
        if changes is None:
            return
        self.table.setCurrentCell(min(row, self.table.rowCount() - 1), 0)
        self._step(False, undecided=True)

    def accept_agreements(self) -> None:
        window = self.window_
        a, b = self.first.currentData(), self.second.currentData()
        if a is None or b is None or a == b:
            return
        changes = window.project.review.accept_agreements(
            a, b, decided_by=window.annotator.id, document_ids=[window.document_id]
        )
        window.record(changes)
        window.statusBar().showMessage(
            self.tr("{n} agreed passages accepted").format(n=len(changes.annotations_added)), 6000
        )
        self.refresh()

    def next_disagreement(self) -> None:
        self._step(False)

    def previous_disagreement(self) -> None:
        self._step(True)


class CompareDock(QDockWidget):
    def __init__(self, window) -> None:
        super().__init__(window.tr("Compare annotators"), window)
        self.setObjectName("compareDock")
        self.panel = ComparePanel(window)
        self.setWidget(self.panel)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self)
        self.hide()
        window.documentOpened.connect(lambda _doc: self._refresh_if_shown())
        window.changesApplied.connect(self._changes)
        window.projectChanged.connect(lambda _path: self.panel.reset())

    def _refresh_if_shown(self) -> None:
        if self.isVisible():
            self.panel.refresh()

    def _changes(self, changes: Changes) -> None:
        if (
            changes.annotations_added
            or changes.annotations_removed
            or changes.annotations_updated
            or changes.decisions_added
            or changes.decisions_removed
        ):
            self._refresh_if_shown()

    def open(self) -> None:
        self.panel.fill_annotators()
        self.show()
        self.raise_()
        self.panel.refresh()

    def next_disagreement(self) -> None:
        if not self.isVisible():
            self.open()
        self.panel.next_disagreement()

    def previous_disagreement(self) -> None:
        if not self.isVisible():
            self.open()
        self.panel.previous_disagreement()


def install(window) -> CompareDock:
    dock = CompareDock(window)
    window.features.compare_dock = dock
    return dock
