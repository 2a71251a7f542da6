"""The agreement report: choose annotators and unit, read α, α_u, κ and F1 per category and per
document, see which categories two annotators confuse, and export it as CSV."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
)

from annotator.formats.base import Cancelled
from annotator.text.section_kinds import SECTION_KINDS, SECTION_LABELS
from annotator.ui.common import file_dialogs
from annotator.ui.common.i18n import error_text, message_text
from annotator.ui.common.lists import checkable_list
from annotator.ui.common.progress import Progress
from annotator.ui.common.runner import attempt

COLUMNS = ("units", "alpha", "alpha_u", "kappa", "f1_exact", "f1_overlap", "percent")


class ReportDialog(QDialog):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.setObjectName("agreementReport")
        self.window_ = window
        self.project = window.project
        self.report = None
        self.setWindowTitle(self.tr("Agreement report"))
        self.resize(980, 640)
        layout = QHBoxLayout(self)
        side = QVBoxLayout()
        side.addWidget(QLabel(self.tr("Annotators:"), self))
        self.annotators = checkable_list(
            self, "reportAnnotators", ((a.name, a.id) for a in self.project.annotators.list()), checked=False
        )
        side.addWidget(self.annotators, 1)
        side.addWidget(QLabel(self.tr("Unit:"), self))
        self.unit = QComboBox(self)
        self.unit.setObjectName("reportUnit")
        for label, unit in (
            (self.tr("Characters"), "char"),
            (self.tr("Words (jieba)"), "token"),
            (self.tr("Sentences"), "sentence"),
        ):
            self.unit.addItem(label, unit)
        side.addWidget(self.unit)
        side.addWidget(QLabel(self.tr("Part of the judgment:"), self))
        self.section = QComboBox(self)
        self.section.setObjectName("reportSection")
        self.section.addItem(self.tr("Whole text"), None)
        for kind in SECTION_KINDS:
            self.section.addItem(SECTION_LABELS.get(kind, kind), kind)
        side.addWidget(self.section)
        self.untagged = QCheckBox(self.tr("Untagged text counts"), self)
        self.untagged.setObjectName("reportUntagged")
        self.untagged.setChecked(True)
        self.untagged.setToolTip(self.tr("Text nobody tagged counts as agreement on 'no category'."))
        side.addWidget(self.untagged)
        compute = QPushButton(self.tr("&Compute"), self)
        compute.setObjectName("reportCompute")
        compute.clicked.connect(self.compute)
        side.addWidget(compute)
        self.export_button = QPushButton(self.tr("&Export CSV…"), self)
        self.export_button.setObjectName("reportExport")
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(lambda: self.export())
        side.addWidget(self.export_button)
        layout.addLayout(side)

        self.tabs = QTabWidget(self)
        headers = [
            self.tr("Units"),
            "α",
            "α_u",
            "κ",
            self.tr("F1 exact"),
            self.tr("F1 overlap"),
            self.tr("Agreement"),
        ]
        self.categories = self._table("reportCategories", [self.tr("Category"), *headers])
        self.documents = self._table("reportDocuments", [self.tr("Document"), *headers])
        self.confusion = self._table("reportConfusion", [])
        self.tabs.addTab(self.categories, self.tr("Categories"))
        self.tabs.addTab(self.documents, self.tr("Documents"))
        self.tabs.addTab(self.confusion, self.tr("Confusion (two annotators)"))
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        right = QVBoxLayout()
        right.addWidget(self.tabs, 1)
        right.addWidget(self.note)
        layout.addLayout(right, 1)

    def _table(self, name: str, headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers), self)
        table.setObjectName(name)
        table.setHorizontalHeaderLabels(headers)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        return table

    def select(self, annotator_ids) -> None:
        wanted = set(annotator_ids)
        for i in range(self.annotators.count()):
            item = self.annotators.item(i)
            checked = item.data(Qt.ItemDataRole.UserRole) in wanted
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def chosen(self) -> list[int]:
        return [
            self.annotators.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.annotators.count())
            if self.annotators.item(i).checkState() == Qt.CheckState.Checked
        ]

    def compute(self) -> None:
        ids = self.chosen()
        if len(ids) < 2:
            QMessageBox.information(
                self, self.tr("Agreement report"), self.tr("Tick at least two annotators.")
            )
            return
        unit = self.unit.currentData()
        progress = Progress(self, self.tr("Splitting the texts into units…"))

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            report = attempt(
                self,
                lambda: self.project.review.agreement(
                    ids,
                    unit=unit,
                    count_untagged=self.untagged.isChecked(),
                    section=self.section.currentData(),
                    progress=progress,
                ),
                title=self.tr("Agreement report"),
            )
        except Cancelled:
            return
        finally:
            QApplication.restoreOverrideCursor()
            progress.close()
        if report is None:
            return
        self.report = report
        self._show()

    def _show(self) -> None:
        review = self.project.review
        rows = review.rows(self.report)
        self._fill(self.categories, [(r["category"] or self.tr("(overall)"), r) for r in rows])
        self._fill(self.documents, [(r["document"], r) for r in review.document_rows(self.report)])
        self._fill_confusion()
        kind = self.tr("Cohen's κ") if len(self.report.coders) == 2 else self.tr("Fleiss' κ")
        self.note.setText(
            self.tr(
                "κ is {kind}. α and κ per category compare present/absent per unit; overall "
                "they pool the categories (1 − ΣD_o/ΣD_e). α_u is over characters."
            ).format(kind=kind)
        )
        self.export_button.setEnabled(True)

    def _fill(self, table: QTableWidget, rows: list[tuple[str, dict]]) -> None:
        table.setRowCount(len(rows))
        for r, (name, row) in enumerate(rows):
            table.setItem(r, 0, QTableWidgetItem(name))
            for c, key in enumerate(COLUMNS, start=1):
                value = row[key]
                text = "–" if value is None else (f"{value:,}" if key == "units" else f"{value:.3f}")
                item = QTableWidgetItem(text)
                why = row.get("notes", {}).get(key)
                if why:
                    item.setToolTip(message_text(why))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(r, c, item)
        table.resizeColumnsToContents()

    def _fill_confusion(self) -> None:
        table = self.confusion
        confusion = self.report.confusion
        if not confusion:
            table.setRowCount(0)
            table.setColumnCount(0)
            return
        names = {c.id: c.name for c in self.project.codebook.list(include_archived=True)}
        keys = sorted({k for pair in confusion for k in pair}, key=lambda k: (k is None, names.get(k, "")))
        labels = [names.get(k, "") if k is not None else self.tr("(none)") for k in keys]
        users = {a.id: a.name for a in self.project.annotators.list()}
        table.setRowCount(len(keys))
        table.setColumnCount(len(keys))
        table.setHorizontalHeaderLabels([f"{users.get(self.report.coders[1], 'B')}: {n}" for n in labels])
        table.setVerticalHeaderLabels([f"{users.get(self.report.coders[0], 'A')}: {n}" for n in labels])
        table.verticalHeader().show()
        top = max(confusion.values())
        for r, x in enumerate(keys):
            for c, y in enumerate(keys):
                value = confusion.get((x, y), 0)
                item = QTableWidgetItem(f"{value:,.0f}" if value else "")
                shade = int(255 - 175 * (value / top)) if value else 255
                item.setBackground(QBrush(QColor(255, shade, shade) if x != y else QColor(shade, 255, shade)))
                item.setForeground(QBrush(QColor("#000000")))
                table.setItem(r, c, item)
        table.resizeColumnsToContents()

    def export(self, path: str | None = None) -> None:
        if self.report is None:
            return
        if path is None:
            path = file_dialogs.save_file(
                self,
                "agreement-report",
                self.tr("Export agreement report"),
                "agreement.xlsx",
                self.tr("Excel (*.xlsx);;CSV (*.csv);;Web page (*.html)"),
            )
            if not path:
                return
        try:
            attempt(
                self,
                lambda: self.project.review.export_report(self.report, path),
                title=self.tr("Export agreement report"),
            )
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Export agreement report"), error_text(exc))


def report_dialog(window) -> ReportDialog:
    dialog = ReportDialog(window)
    # Colleagues who tagged what I tagged, not the agreed layer built from them (it can be ticked to
    # check it against one) nor annotators without tags here.
    others = window.project.review.default_coders(window.annotator.id)
    dialog.select(others)
    window.features.review_report_dialog = dialog
    dialog.show()
    dialog.activateWindow()
    if len(others) >= 2:
        # Characters are quick to count: show the figures at once rather than an empty table.
        QTimer.singleShot(0, dialog.compute)
    return dialog
