"""Import documents: choose files, preview what each adds and where broken lines would be repaired."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
)

from annotator.core.changes import Changes
from annotator.core.errors import AnnotatorError
from annotator.services.documents import preview

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
        self.reflow.toggled.connect(lambda *_: self._show_preview())
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
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
        lay.addWidget(self.summary)
        lay.addWidget(self.preview, 2)
        lay.addWidget(buttons)
        for p in paths or []:
            self.add_path(p)
        self._update_buttons()

    def _choose(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Import documents"), str(Path.home()),
                                                self.tr(FILE_FILTER))
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
        if item is None:
            self.summary.clear()
            self.preview.clear()
            return
        try:
            p = preview(item.data(Qt.ItemDataRole.UserRole))
        except AnnotatorError as exc:
            self.summary.setText(self.tr("Cannot import: {error}").format(error=exc))
            self.preview.clear()
            return
        self.summary.setText(self.tr("“{title}”: {n:,} characters, {fmt}{enc}; {k} broken line(s) found.").format(
            title=p.title, n=p.characters, fmt=p.source_format,
            enc=f", {p.encoding}" if p.encoding else "", k=len(p.joins)))
        lines = [f"{before}⏎{after}" for _off, before, after in p.joins[:200]]
        verb = self.tr("will be joined") if self.reflow.isChecked() else self.tr("would be joined if repaired")
        self.preview.setPlainText((self.tr("Line breaks that {verb}:").format(verb=verb) + "\n" + "\n".join(lines))
                                  if lines else self.tr("No broken lines found."))

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
                changes = self.project.documents.import_files([path], reflow=self.reflow.isChecked())
            except AnnotatorError as exc:
                self.errors.append(str(exc))
                continue
            added.extend(changes.documents_added)
            messages.extend(changes.messages)
        progress.setValue(len(paths))
        self.changes = Changes(action="Import documents", documents_added=tuple(added), messages=tuple(messages))
        if self.errors:
            QMessageBox.warning(self, self.tr("Some files were not imported"), "\n\n".join(self.errors))
        self.accept()
