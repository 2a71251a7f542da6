"""Merging a colleague's work: choose the file, read the preview, map categories, settle the tags both
sides changed (ours / theirs / both, per tag or for all, the two versions side by side), choose whether
the colleague's removals are taken, merge (one undoable action)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from annotator.core.shorten import shorten
from annotator.formats.base import Cancelled
from annotator.services.merge import BOTH, OURS, RESOLUTIONS, THEIRS
from annotator.ui.common import file_dialogs
from annotator.ui.common.i18n import message_text
from annotator.ui.common.progress import Progress
from annotator.ui.common.runner import attempt

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
        self.resize(980, 760)
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
        self.conflicts_label = QLabel(
            self.tr("Tags changed on both sides — ours and theirs side by side:"), self
        )
        layout.addWidget(self.conflicts_label)
        self.conflicts = QTableWidget(0, 4, self)
        self.conflicts.setObjectName("mergeConflicts")
        self.conflicts.setHorizontalHeaderLabels(
            [self.tr("Document"), self.tr("Ours (here)"), self.tr("Theirs (in the file)"), self.tr("Keep")]
        )
        self.conflicts.verticalHeader().hide()
        self.conflicts.setWordWrap(True)
        self.conflicts.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.conflicts.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.conflicts, 3)
        for_all = QHBoxLayout()
        for_all.addWidget(QLabel(self.tr("For all conflicts:"), self))
        self.all_buttons = {}
        for how, text in (
            (OURS, self.tr("Keep &ours")),
            (THEIRS, self.tr("Take &theirs")),
            (BOTH, self.tr("Keep &both")),
        ):
            button = QPushButton(text, self)
            button.setObjectName(f"resolveAll_{how}")
            button.clicked.connect(lambda checked=False, h=how: self.resolve_all(h))
            for_all.addWidget(button)
            self.all_buttons[how] = button
        for_all.addStretch(1)
        layout.addLayout(for_all)
        self.take_deletions = QCheckBox(self)
        self.take_deletions.setObjectName("mergeTakeDeletions")
        self.take_deletions.toggled.connect(self._deletions_toggled)
        layout.addWidget(self.take_deletions)
        self.deletions = QPlainTextEdit(self)
        self.deletions.setObjectName("mergeDeletions")
        self.deletions.setReadOnly(True)
        self.deletions.setMaximumHeight(90)
        layout.addWidget(self.deletions)
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
            plan = attempt(
                self.window_, lambda: self.project.merge.preview(self.path), title=self.tr("Cannot merge")
            )
        finally:
            QApplication.restoreOverrideCursor()
        if plan is None:
            return False
        self.plan = plan
        self._fill_mapping()
        self._fill_conflicts()
        self._show_plan()
        return True

    # Conflicts -------------------------------------------------------------------------------------

    def _version_text(self, v) -> str:
        when = v.updated.astimezone().strftime("%Y-%m-%d %H:%M") if v.updated else self.tr("unknown")
        lines = [
            self.tr("[{start}, {end}) “{text}”").format(start=v.start, end=v.end, text=shorten(v.text, 61)),
            self.tr("Category: {name}").format(name=v.category),
        ]
        if v.memo:
            lines.append(self.tr("Memo: {memo}").format(memo=shorten(v.memo, 81)))
        lines.append(self.tr("{who}, changed {when}").format(who=v.annotator, when=when))
        if v.changed_in:
            lines.append(self.tr("changed in {where}").format(where=v.changed_in))
        return "\n".join(lines)

    def _fill_conflicts(self) -> None:
        names = {OURS: self.tr("ours"), THEIRS: self.tr("theirs"), BOTH: self.tr("both")}
        conflicts = self.plan.tag_conflicts
        self.conflicts.setRowCount(len(conflicts))
        for row, c in enumerate(conflicts):
            mine, theirs = c.mine, c.theirs
            self.conflicts.setItem(row, 0, QTableWidgetItem(c.document))
            for col, v, other in ((1, mine, theirs), (2, theirs, mine)):
                item = QTableWidgetItem(self._version_text(v))
                differs = [
                    k for k in ("start", "end", "category", "memo") if getattr(v, k) != getattr(other, k)
                ]
                item.setToolTip(self.tr("Differs in: {fields}").format(fields=", ".join(differs)))
                self.conflicts.setItem(row, col, item)
            combo = QComboBox(self.conflicts)
            for how in RESOLUTIONS:
                combo.addItem(names[how], how)
            combo.setCurrentIndex(combo.findData(self.plan.resolution(c.uuid)))
            combo.setProperty("tag_uuid", c.uuid)
            combo.currentIndexChanged.connect(lambda _i, box=combo: self._resolve_one(box))
            self.conflicts.setCellWidget(row, 3, combo)
        self.conflicts.resizeRowsToContents()
        shown = bool(conflicts)
        for w in (self.conflicts_label, self.conflicts, *self.all_buttons.values()):
            w.setVisible(shown)
        deletions = self.plan.deletions
        self.take_deletions.setVisible(bool(deletions))
        self.deletions.setVisible(bool(deletions))
        self.take_deletions.blockSignals(True)
        self.take_deletions.setChecked(self.plan.take_deletions)
        self.take_deletions.blockSignals(False)
        self.take_deletions.setText(
            self.tr("Also remove here the {n} tags the colleague removed").format(n=len(deletions))
        )
        self.deletions.setPlainText(
            "\n".join(
                self.tr("{doc}: “{text}” {category} — {who}").format(
                    doc=d.document,
                    text=shorten(d.version.text, 41),
                    category=d.version.category,
                    who=d.version.annotator,
                )
                for d in deletions
            )
        )

    def showEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        # Rows fit their text once the columns have their real widths (before, the text wraps narrow).
        QTimer.singleShot(0, self.conflicts.resizeRowsToContents)

    def _resolve_one(self, combo: QComboBox) -> None:
        self.plan.resolve(combo.currentData(), combo.property("tag_uuid"))
        self._show_plan()

    def resolve_all(self, how: str) -> None:
        """Settle every conflict the same way (the per-tag choices follow)."""
        self.plan.resolve(how)
        for row in range(self.conflicts.rowCount()):
            combo = self.conflicts.cellWidget(row, 3)
            combo.blockSignals(True)
            combo.setCurrentIndex(combo.findData(how))
            combo.blockSignals(False)
        self._show_plan()

    def set_resolution(self, tag_uuid: str, how: str) -> None:
        """Choose how one conflict is settled, as its combo box does."""
        for row in range(self.conflicts.rowCount()):
            combo = self.conflicts.cellWidget(row, 3)
            if combo.property("tag_uuid") == tag_uuid:
                combo.setCurrentIndex(combo.findData(how))

    def _deletions_toggled(self, on: bool) -> None:
        self.plan.take_deletions = on
        self._show_plan()

    def _fill_mapping(self) -> None:
        categories = self.project.codebook.list(include_archived=True)
        used = {a.category_key for a in self.plan.source.annotations}
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
        old = self.plan
        plan = attempt(
            self,
            lambda: self.project.merge.preview(self.path, category_map=chosen),
            title=self.tr("Cannot merge"),
        )
        if plan is None:
            return
        self.plan = plan
        self.plan.resolutions, self.plan.resolve_all = dict(old.resolutions), old.resolve_all
        self.plan.take_deletions = old.take_deletions
        self._fill_conflicts()
        self._show_plan()

    def _show_plan(self) -> None:
        self.summary.setText("\n".join(message_text(line) for line in self.plan.summary()))
        self.problems.setPlainText(
            "\n".join(message_text(m) for m in [*self.plan.conflicts, *self.plan.unplaced])
            or self.tr("None.")
        )
        self.merge_button.setEnabled(not self.plan.empty)

    def accept(self) -> None:
        progress = Progress(self, self.tr("Merging…"), delay_ms=500)

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            changes = attempt(
                self,
                lambda: self.project.merge.apply(self.plan, progress=progress),
                title=self.tr("Cannot merge"),
            )
        except Cancelled:
            return  # the transaction rolled back: nothing was merged
        finally:
            QApplication.restoreOverrideCursor()
            progress.close()
        if changes is None:
            return
        self.changes = changes
        super().accept()


def merge_dialog(window, path: str | None = None) -> MergeDialog | None:
    """Ask for a file (unless given), preview, and merge; the merge is recorded for undo."""
    if path is None:
        path = file_dialogs.open_file(
            window,
            "merge",
            window.tr("Merge a colleague's work"),
            window.tr("Bundles and projects (*.json *.sqlite);;All files (*)"),
        )
        if not path:
            return None
    dialog = MergeDialog(window, path)
    if not dialog.load():
        return None
    window.features.review_merge_dialog = dialog  # tests find it here
    if dialog.exec() == QDialog.DialogCode.Accepted and dialog.changes is not None:
        window.record(dialog.changes)
        window.statusBar().showMessage(
            window.tr("Merged: {t} tags, {d} documents; {u} tags updated, {r} removed").format(
                t=len(dialog.changes.annotations_added),
                d=len(dialog.changes.documents_added),
                u=len(dialog.changes.annotations_updated),
                r=len(dialog.changes.annotations_removed),
            ),
            8000,
        )
    return dialog
