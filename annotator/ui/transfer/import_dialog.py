"""Import documents: choose files, preview what each adds, which stray line breaks will be joined
(each can be kept: untick it) and how many paragraph breaks a one-line judgment gets. The text as
delivered is recorded either way (see services/documents.py)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
)

from annotator.core.changes import Changes
from annotator.core.errors import AnnotatorError
from annotator.core.messages import QT_TRANSLATE_NOOP, Message
from annotator.services.documents import preview
from annotator.ui.common import file_dialogs
from annotator.ui.common.i18n import error_text

FILE_FILTER = "Texts (*.txt *.text *.md *.markdown *.docx *.html *.htm *.pdf);;All files (*)"


class ImportDialog(QDialog):
    def __init__(self, project, parent=None, paths: list[str] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import documents"))
        self.project = project
        self.changes: Changes | None = None
        self.errors: list[str] = []
        self.resize(720, 480)

        self.files = QListWidget()
        self.files.currentItemChanged.connect(lambda *_: self._show_preview())
        add = QPushButton(self.tr("Add files…"))
        add.clicked.connect(self._choose)
        remove = QPushButton(self.tr("Remove"))
        remove.clicked.connect(lambda: self.files.takeItem(self.files.currentRow()))
        self.reflow = QCheckBox(self.tr("Repair broken lines (join sentences split by stray line breaks)"))
        self.reflow.setChecked(True)
        self.reflow.toggled.connect(lambda *_: self._show_preview())
        self.paragraphs = QCheckBox(self.tr("Put paragraph breaks into judgments that came as one line"))
        self.paragraphs.setChecked(True)
        # Offsets (in the file's text) of the breaks the user chose to keep, per file.
        self.kept: dict[str, set[int]] = {}
        self.preview = QListWidget()
        self.preview.itemChanged.connect(self._join_toggled)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = buttons.addButton(self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self._import)
        buttons.rejected.connect(self.reject)

        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addWidget(self.files, 1)
        lay.addLayout(row)
        lay.addWidget(self.reflow)
        lay.addWidget(self.paragraphs)
        lay.addWidget(self.summary)
        lay.addWidget(self.preview, 2)
        lay.addWidget(buttons)
        for p in paths or []:
            self.add_path(p)
        self._update_buttons()

    def _choose(self) -> None:
        paths = file_dialogs.open_files(
            self, "import-documents", self.tr("Import documents"), self.tr(FILE_FILTER)
        )
        for p in paths:
            self.add_path(p)

    def add_path(self, path: str) -> None:
        item = QListWidgetItem(Path(path).name)
        item.setData(Qt.ItemDataRole.UserRole, str(path))
        item.setToolTip(str(path))
        self.files.addItem(item)
        self.files.setCurrentItem(item)
        self._update_buttons()

    def paths(self) -> list[str]:
        return [self.files.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.files.count())]

    def _update_buttons(self) -> None:
        self.import_button.setEnabled(self.files.count() > 0)

    def _show_preview(self) -> None:
        item = self.files.currentItem()
        self.preview.blockSignals(True)
        self.preview.clear()
        self.preview.blockSignals(False)
        if item is None:
            self.summary.clear()
            return
        path = item.data(Qt.ItemDataRole.UserRole)
        try:
            p = preview(path)
        except AnnotatorError as exc:
            self.summary.setText(self.tr("Cannot import: {error}").format(error=error_text(exc)))
            return
        text = self.tr("“{title}”: {n:,} characters, {fmt}{enc}; {k} broken line(s) found.").format(
            title=p.title,
            n=p.characters,
            fmt=p.source_format,
            enc=f", {p.encoding}" if p.encoding else "",
            k=len(p.joins),
        )
        if p.paragraph_breaks:
            text += " " + self.tr("It came as one line: {n} paragraph break(s) will be put in.").format(
                n=p.paragraph_breaks
            )
        if p.joins:
            text += " " + (
                self.tr("Ticked breaks will be joined; untick one to keep it.")
                if self.reflow.isChecked()
                else self.tr("Nothing will be joined (repair is off).")
            )
        self.summary.setText(text)
        kept = self.kept.setdefault(path, set())
        self.preview.blockSignals(True)
        for offset, before, after in p.joins:
            row = QListWidgetItem(f"{before}⏎{after}")
            row.setData(Qt.ItemDataRole.UserRole, offset)
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            row.setCheckState(
                Qt.CheckState.Unchecked
                if offset in kept or not self.reflow.isChecked()
                else Qt.CheckState.Checked
            )
            if not self.reflow.isChecked():
                row.setFlags(row.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.preview.addItem(row)
        self.preview.blockSignals(False)

    def _join_toggled(self, row: QListWidgetItem) -> None:
        item = self.files.currentItem()
        if item is None or not self.reflow.isChecked():
            return
        kept = self.kept.setdefault(item.data(Qt.ItemDataRole.UserRole), set())
        offset = row.data(Qt.ItemDataRole.UserRole)
        if row.checkState() == Qt.CheckState.Checked:
            kept.discard(offset)
        else:
            kept.add(offset)

    def _import(self) -> None:
        paths = self.paths()
        added = []
        messages: list[str] = []
        self.errors = []
        progress = QProgressDialog(self.tr("Importing…"), self.tr("Cancel"), 0, len(paths), self)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)
        for i, path in enumerate(paths):
            if progress.wasCanceled():
                break
            progress.setValue(i)
            QApplication.processEvents()
            try:
                changes = self.project.documents.import_files(
                    [path],
                    reflow=self.reflow.isChecked(),
                    paragraphs=self.paragraphs.isChecked(),
                    keep_breaks={path: self.kept.get(path, set())},
                )
            except AnnotatorError as exc:
                self.errors.append(error_text(exc))
                continue
            added.extend(changes.documents_added)
            messages.extend(changes.messages)
        progress.setValue(len(paths))
        self.changes = Changes(
            action=Message(QT_TRANSLATE_NOOP("Messages", "Import documents")),
            documents_added=tuple(added),
            messages=tuple(messages),
        )
        if self.errors:
            QMessageBox.warning(self, self.tr("Some files were not imported"), "\n\n".join(self.errors))
        self.accept()
