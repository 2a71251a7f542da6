"""Merging a colleague's work: choose the file, read the preview, map categories, merge (undoable)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from annotator.core.errors import AnnotatorError
from annotator.formats.base import Cancelled
from annotator.ui.progress import Progress

NEW = -1  # combo data: create the category


class MergeDialog(QDialog):
    """Shows what merging a file would add; the user may map the file's categories before merging."""

    def __init__(self, window, path: str) -> None:
        super().__init__(window)
        self.setObjectName("mergeDialog")
        self.window_ = window
        self.project = window.project
        self.path = path
        self.setWindowTitle(self.tr("Merge {name}").format(name=Path(path).name))
        self.resize(720, 620)
        layout = QVBoxLayout(self)
        self.summary = QLabel(self)
        self.summary.setObjectName("mergeSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary)
        layout.addWidget(QLabel(self.tr("Categories in the file → categories here:"), self))
        self.mapping = QTableWidget(0, 2, self)
        self.mapping.setObjectName("mergeMapping")
        self.mapping.setHorizontalHeaderLabels([self.tr("In the file"), self.tr("Here")])
        self.mapping.horizontalHeader().setStretchLastSection(True)
        self.mapping.verticalHeader().hide()
        layout.addWidget(self.mapping, 2)
        layout.addWidget(QLabel(self.tr("Conflicts and tags that cannot be placed:"), self))
        self.problems = QPlainTextEdit(self)
        self.problems.setObjectName("mergeProblems")
        self.problems.setReadOnly(True)
        layout.addWidget(self.problems, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.merge_button = buttons.addButton(self.tr("&Merge"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.merge_button.setObjectName("mergeButton")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.plan = None
        self.changes = None

    def load(self) -> bool:
        """Read the file and show the preview; False (after saying why) if it cannot be merged."""
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.plan = self.project.merge.preview(self.path)
        except AnnotatorError as exc:
            QApplication.restoreOverrideCursor()
            QMessageBox.warning(self.window_, self.tr("Cannot merge"), str(exc))
            return False
        QApplication.restoreOverrideCursor()
        self._fill_mapping()
        self._show_plan()
        return True

    def _fill_mapping(self) -> None:
        categories = self.project.codebook.list(include_archived=True)
        used = {a.category for a in self.plan.source.annotations}
        rows = [c for c in self.plan.source.categories if c.uuid in used]
        self.mapping.setRowCount(len(rows))
        for r, sc in enumerate(rows):
            item = QTableWidgetItem(sc.name)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.mapping.setItem(r, 0, item)
            combo = QComboBox(self.mapping)
            combo.addItem(self.tr("(new category)"), NEW)
            for c in categories:
                combo.addItem(c.name, c.id)
            target = self.plan.category_map.get(sc.uuid)
            combo.setCurrentIndex(max(0, combo.findData(target)) if target is not None else 0)
            combo.setProperty("source_uuid", sc.uuid)
            combo.currentIndexChanged.connect(self._remap)
            self.mapping.setCellWidget(r, 1, combo)
        self.mapping.resizeColumnToContents(0)

    def _remap(self) -> None:
        chosen = {}
        for r in range(self.mapping.rowCount()):
            combo = self.mapping.cellWidget(r, 1)
            if combo.currentData() != NEW:
                chosen[combo.property("source_uuid")] = combo.currentData()
        try:
            self.plan = self.project.merge.preview(self.path, category_map=chosen)
        except AnnotatorError as exc:
            QMessageBox.warning(self, self.tr("Cannot merge"), str(exc))
            return
        self._show_plan()

    def _show_plan(self) -> None:
        plan = self.plan
        lines = [self.tr("{new} new documents, {known} already here").format(
            new=len(plan.documents_new), known=plan.documents_matched)]
        for name, n in sorted(plan.tags_new.items()):
            lines.append(self.tr("{n} new tags by {name}").format(n=n, name=name))
        if plan.tags_known:
            lines.append(self.tr("{n} tags already here (skipped)").format(n=plan.tags_known))
        if plan.tags_removed_here:
            lines.append(self.tr("{n} tags were removed here earlier (not brought back)").format(
                n=plan.tags_removed_here))
        if plan.tags_reanchored:
            lines.append(self.tr("{n} tags placed by their quote in a changed text").format(n=plan.tags_reanchored))
        if plan.categories_new:
            lines.append(self.tr("New categories: {names}").format(names="、".join(plan.categories_new)))
        if plan.annotators_new:
            lines.append(self.tr("New annotators: {names}").format(names="、".join(plan.annotators_new)))
        if self.plan.documents_text_differs:
            lines.append(self.tr("{n} documents have a different text here; their tags are placed by quote")
                         .format(n=len(self.plan.documents_text_differs)))
        self.summary.setText("\n".join(lines))
        self.problems.setPlainText("\n".join([*self.plan.conflicts, *self.plan.unplaced]) or self.tr("None."))
        self.merge_button.setEnabled(not self.plan.empty)

    def accept(self) -> None:
        progress = Progress(self, self.tr("Merging…"), delay_ms=500)

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.changes = self.project.merge.apply(self.plan, progress=progress)
        except Cancelled:
            return  # the transaction rolled back: nothing was merged
        except AnnotatorError as exc:
            QMessageBox.warning(self, self.tr("Cannot merge"), str(exc))
            return
        finally:
            QApplication.restoreOverrideCursor()
            progress.close()
        super().accept()


def merge_dialog(window, path: str | None = None) -> MergeDialog | None:
    """Ask for a file (unless given), preview, and merge; the merge is recorded for undo."""
    if path is None:
        path, _ = QFileDialog.getOpenFileName(
            window, window.tr("Merge a colleague's work"), str(Path.home()),
            window.tr("Bundles and projects (*.json *.sqlite);;All files (*)"))
        if not path:
            return None
    dialog = MergeDialog(window, path)
    if not dialog.load():
        return None
    window.review_merge_dialog = dialog  # tests find it here
    if dialog.exec() == QDialog.DialogCode.Accepted and dialog.changes is not None:
        window.record(dialog.changes)
        window.statusBar().showMessage(
            window.tr("Merged: {t} tags, {d} documents").format(
                t=len(dialog.changes.annotations_added), d=len(dialog.changes.documents_added)), 8000)
    return dialog
