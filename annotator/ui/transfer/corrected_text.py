"""File → Import corrected version…: replace the open document's text with a corrected file and show
what happened to each tag (placed exactly, approximately with a similarity score, or not placed);
Tools → Tags to review after corrections… lists the doubtful ones until they are marked reviewed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
)

from annotator.core.shorten import shorten
from annotator.ui.common import file_dialogs

# lupdate collects `translate("CorrectedVersion", "…")` calls; a wrapper taking only the text would hide its
# strings from the .ts files (and so from the Chinese interface).
translate = QApplication.translate


class ReanchorReport(QDialog):
    """What re-anchoring did; double-click a tag that was placed to show it in the document."""

    def __init__(self, window, report, summary: str) -> None:
        super().__init__(window)
        self.window = window
        self.setWindowTitle(self.tr("Corrected version imported"))
        layout = QVBoxLayout(self)
        label = QLabel(summary)
        label.setWordWrap(True)
        layout.addWidget(label)
        self.list = QListWidget()
        for r in sorted(report, key=lambda r: (r.method == "exact", r.old)):
            if r.method == "exact":
                text = self.tr("placed exactly: “{q}”").format(q=shorten(r.quote, 30))
            elif r.method == "fuzzy":
                text = self.tr("placed approximately (similarity {s:.2f}), please check: “{q}”").format(
                    s=r.score, q=shorten(r.quote, 30)
                )
            else:
                text = self.tr("not found in the new text, removed (kept for review): “{q}”").format(
                    q=shorten(r.quote, 30)
                )
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, r.annotation_id if r.new else None)
            self.list.addItem(item)
        self.list.itemDoubleClicked.connect(self._show)
        layout.addWidget(self.list)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.resize(640, 420)

    def _show(self, item: QListWidgetItem) -> None:
        ident = item.data(Qt.ItemDataRole.UserRole)
        if ident is not None:
            self.window.select_annotation(ident)


def import_corrected(window, path: str | Path | None = None, *, show_report: bool = True):
    """Replace the open document's text with `path` (asked for when None); returns the report."""
    if window.document_id is None:
        return None
    if path is None:
        from annotator.text.loaders import SUPPORTED_EXTENSIONS

        patterns = " ".join(f"*{e}" for e in SUPPORTED_EXTENSIONS)
        path = file_dialogs.open_file(
            window,
            "corrected-version",
            translate("CorrectedVersion", "Import corrected version"),
            translate("CorrectedVersion", "Documents ({patterns})").format(patterns=patterns),
        )
        if not path:
            return None
    from annotator.services.versions import WouldUnplaceError  # with the re-anchoring, on first use

    window.save_memo()
    document_id = window.document_id

    def update():
        try:
            return window.project.versions.update_file(document_id, path)
        except WouldUnplaceError as exc:
            # Most tags would not be found: probably the wrong file. Ask before removing them.
            answer = QMessageBox.question(
                window,
                translate("CorrectedVersion", "Import corrected version"),
                QApplication.translate(
                    "CorrectedVersion",
                    "The new text would leave {n} of {total} tags of this document unplaced "
                    "(they would be removed and flagged for review). Is it the right file? Replace the text "
                    "anyway?",
                ).format(n=exc.unplaced, total=exc.total),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return None
            return window.project.versions.update_file(document_id, path, force=True)

    # Recorded like any change: the Changes names the replaced text, so the window forgets the undo steps
    # that name offsets in the old one and shows the document afresh.
    changes = window.run(update, title=translate("CorrectedVersion", "Import corrected version"))
    if changes is None:
        return None
    report = list(changes.reanchored)
    summary = changes.messages[0] if changes.messages else ""
    if show_report:
        ReanchorReport(window, report, summary).exec()
    window.statusBar().showMessage(summary, 10000)
    return report


class FlaggedDialog(QDialog):
    """Tags a corrected text left for review: show each in the document, mark it reviewed."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.setWindowTitle(self.tr("Tags to review after a corrected text"))
        layout = QVBoxLayout(self)
        self.list = QListWidget()
        layout.addWidget(self.list)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.show_button = buttons.addButton(self.tr("Show"), QDialogButtonBox.ButtonRole.ActionRole)
        self.done_button = buttons.addButton(self.tr("Mark reviewed"), QDialogButtonBox.ButtonRole.ActionRole)
        self.show_button.clicked.connect(self.show_current)
        self.done_button.clicked.connect(self.mark_current)
        self.list.itemDoubleClicked.connect(lambda _item: self.show_current())
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(640, 420)
        self.reload()

    def reload(self) -> None:
        self.list.clear()
        titles = {d.id: d.title for d in self.window.project.documents.list()}
        for a, reason, score, removed in self.window.project.versions.flagged():
            if reason == "fuzzy":
                what = self.tr("approximate (similarity {s:.2f})").format(s=score or 0.0)
            else:
                what = self.tr("not placed, removed")
            item = QListWidgetItem(f"{titles.get(a.document_id, '?')} — {what}: “{shorten(a.text, 30)}”")
            item.setData(Qt.ItemDataRole.UserRole, (a.id, a.document_id, removed))
            self.list.addItem(item)
        has = self.list.count() > 0
        self.show_button.setEnabled(has)
        self.done_button.setEnabled(has)
        if has:
            self.list.setCurrentRow(0)

    def show_current(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        ident, doc_id, removed = item.data(Qt.ItemDataRole.UserRole)
        if removed:
            return  # its old place is in the document's history, not in the current text
        if self.window.document_id != doc_id:
            self.window.open_document(doc_id)
        self.window.select_annotation(ident)

    def mark_current(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        ident = item.data(Qt.ItemDataRole.UserRole)[0]
        self.window.run(
            lambda: self.window.project.versions.mark_reviewed(ident),
            title=self.windowTitle(),
            parent=self,
            record=False,
        )
        row = self.list.currentRow()
        self.reload()
        if self.list.count():
            self.list.setCurrentRow(min(row, self.list.count() - 1))


def install(window) -> None:
    action = QAction(window.tr("Import &corrected version of this document…"), window)
    action.triggered.connect(lambda: import_corrected(window))
    menu = window.menus["file"]
    anchor = getattr(window, "act_export", None)
    if anchor is not None:
        menu.insertAction(anchor, action)  # next to Import documents
    else:
        menu.addAction(action)
    window.features.corrected_action = action
    review = QAction(window.tr("Tags to &review after corrections…"), window)
    review.triggered.connect(lambda: FlaggedDialog(window).exec())
    window.menus["tools"].addAction(review)
    window.features.flagged_action = review
