"""Coded segments (Tools → Coded segments, Ctrl+Alt+G): every passage of a category (with its children)
across the project, filtered by annotator, document metadata, section and text, as a sortable list with
context; double-click opens the passage; the list exports through the format registry."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from annotator.services.segments import Segment
from annotator.text.section_kinds import SECTION_KINDS, SECTION_LABELS
from annotator.ui.common import file_dialogs
from annotator.ui.common.actions import add_menu_action
from annotator.ui.common.runner import attempt

COLUMNS = ("Document", "Category", "Annotator", "Section", "Before", "Passage", "After", "Year", "Court")
SEGMENT_ROLE = Qt.ItemDataRole.UserRole + 4


def _flat(text: str) -> str:
    return text.replace("\r", " ").replace("\n", " ⏎ ")


class SegmentsDialog(QDialog):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.segments: list[Segment] = []
        self.setWindowTitle(self.tr("Coded segments"))
        self.setObjectName("segmentsDialog")
        self.resize(1320, 600)
        project = window.project
        self.category = QComboBox()
        self.category.setObjectName("segmentsCategory")
        self.category.addItem(self.tr("All categories"), None)
        for c in project.codebook.list():
            self.category.addItem(c.name, c.id)
        self.children = QCheckBox(self.tr("with sub-categories"))
        self.children.setChecked(True)
        self.annotator = QComboBox()
        self.annotator.addItem(self.tr("All annotators"), None)
        for a in project.annotators.list():
            self.annotator.addItem(a.name, a.id)
        self.section = QComboBox()
        self.section.addItem(self.tr("Any section"), None)
        for kind in SECTION_KINDS:
            self.section.addItem(SECTION_LABELS[kind], kind)
        self.filters = QLineEdit()
        self.filters.setPlaceholderText(self.tr("Documents: court~互联网 year>=2019"))
        self.text = QLineEdit()
        self.text.setPlaceholderText(self.tr("Passage contains…"))
        show = QPushButton(self.tr("Show"))
        show.clicked.connect(self.refresh)
        for edit in (self.filters, self.text):
            edit.returnPressed.connect(self.refresh)
        top = QHBoxLayout()
        for w in (self.category, self.children, self.annotator, self.section):
            top.addWidget(w)
        top.addWidget(self.filters, 2)
        top.addWidget(self.text, 1)
        top.addWidget(show)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("segmentsTable")
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        header = self.table.horizontalHeader()
        for col in range(len(COLUMNS)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COLUMNS.index("Passage"), QHeaderView.ResizeMode.Stretch)
        # Long columns get a fixed share so the passage stays in view; the full text is in the tooltip.
        for name, width in (("Document", 150), ("Before", 150), ("After", 150), ("Court", 110)):
            header.setSectionResizeMode(COLUMNS.index(name), QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(COLUMNS.index(name), width)
        self.table.doubleClicked.connect(self.open_segment)

        self.status = QLabel()
        self.format = QComboBox()
        for name, label, _ext in project.exports.formats():
            self.format.addItem(label, name)
        self.format.setCurrentIndex(max(0, self.format.findData("csv")))
        export = QPushButton(self.tr("Export list…"))
        export.clicked.connect(lambda: self.export())
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.format)
        bottom.addWidget(export)
        bottom.addWidget(close)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.table, 1)
        lay.addLayout(bottom)

    def refresh(self) -> list[Segment]:
        section = self.section.currentData()
        annotator = self.annotator.currentData()
        segments = attempt(
            self,
            lambda: self.window.project.segments.retrieve(
                self.category.currentData(),
                include_children=self.children.isChecked(),
                annotator_ids=None if annotator is None else [annotator],
                filters=self.filters.text().split() or None,
                sections=[section] if section else None,
                text=self.text.text().strip() or None,
            ),
            show_error=self.status.setText,
        )
        if segments is None:
            return []
        self.segments = segments
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(self.segments))
        for r, s in enumerate(self.segments):
            values = (
                s.title,
                s.category,
                s.annotator,
                SECTION_LABELS.get(s.section, s.section),
                _flat(s.before),
                _flat(s.text),
                _flat(s.after),
                str(s.meta.get("year", "")),
                s.meta.get("court", ""),
            )
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                if COLUMNS[c] == "Before":
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                item.setData(SEGMENT_ROLE, r)
                item.setToolTip(value)
                self.table.setItem(r, c, item)
        self.table.setSortingEnabled(True)
        docs = len({s.document_id for s in self.segments})
        self.status.setText(self.tr("{n} passages in {d} documents").format(n=len(self.segments), d=docs))
        return self.segments

    def open_segment(self, index) -> None:
        s = self.segments[self.table.item(index.row(), 0).data(SEGMENT_ROLE)]
        w = self.window
        if w.document_id != s.document_id:
            w.open_document(s.document_id)
        w.view.select_range(s.start, s.end)
        w.view.reveal_range(s.start, s.end)

    def export(self, path: str | None = None) -> int | None:
        name = self.format.currentData()
        if path is None:
            path = file_dialogs.save_file(self, "segments", self.tr("Export coded segments"), "segments")
            if not path:
                return None
        n = attempt(
            self,
            lambda: self.window.project.segments.export(self.segments, name, path),
            show_error=self.status.setText,
        )
        if n is None:
            return None
        self.status.setText(self.tr("{n} passages written to {path}").format(n=n, path=path))
        return n


def install(window) -> None:
    def show() -> SegmentsDialog:
        dialog = SegmentsDialog(window)
        dialog.show()
        dialog.refresh()
        window.features.segments_dialog = dialog
        return dialog

    add_menu_action(
        window,
        "tools",
        window.tr("&Coded segments…"),
        show,
        name="actionCodedSegments",
        shortcut="Ctrl+Alt+G",
    )
    window.features.show_segments = show
