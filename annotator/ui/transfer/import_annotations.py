"""File → Import annotations…: read a qdpx, doccano JSONL, brat or qdc file, preview what it would add,
then import it as one undoable action."""

from __future__ import annotations

import os

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.formats.base import Cancelled
from annotator.ui.common import file_dialogs
from annotator.ui.common.i18n import error_text, structured_text
from annotator.ui.common.progress import Progress
from annotator.ui.common.runner import attempt


class ImportAnnotationsDialog(QDialog):
    def __init__(self, project, annotator_name: str, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import annotations"))
        self.project = project
        self.annotator_name = annotator_name
        self.bundle = None
        self.plan = None
        self.changes = None

        self.path = QLineEdit()
        self.path.setObjectName("importPath")
        self.path.setPlaceholderText(
            self.tr(
                "A .qdpx, .jsonl (doccano), .ann or brat .zip, Label Studio .json, "
                "INCEpTION .xmi/.tsv or their .zip, or .qdc file"
            )
        )
        self.path.returnPressed.connect(lambda: self.load(self.path.text()))
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)

        # doccano projects may name their columns: the fields to read, shown for formats that take them.
        self.text_field = QLineEdit()
        self.text_field.setObjectName("textField")
        self.text_field.setPlaceholderText("text")
        self.label_field = QLineEdit()
        self.label_field.setObjectName("labelField")
        self.label_field.setPlaceholderText("label")
        for edit in (self.text_field, self.label_field):
            edit.editingFinished.connect(self._reload)
        self.fields_row = QWidget()
        fields = QHBoxLayout(self.fields_row)
        fields.setContentsMargins(0, 0, 0, 0)
        fields.addWidget(QLabel(self.tr("Text field")))
        fields.addWidget(self.text_field, 1)
        fields.addWidget(QLabel(self.tr("Label field")))
        fields.addWidget(self.label_field, 1)
        self.fields_row.setVisible(False)

        # brat: how a discontinuous span (fragments with words between them) comes in.
        self.fragments = QComboBox()
        self.fragments.setObjectName("fragments")
        self.fragments.addItem(self.tr("one tag per fragment"), "parts")
        self.fragments.addItem(self.tr("one tag over the whole extent (words between included)"), "covering")
        self.fragments.currentIndexChanged.connect(self._reload)
        self.fragments_row = QWidget()
        frag_row = QHBoxLayout(self.fragments_row)
        frag_row.setContentsMargins(0, 0, 0, 0)
        frag_row.addWidget(QLabel(self.tr("Discontinuous spans:")))
        frag_row.addWidget(self.fragments, 1)
        self.fragments_row.setVisible(False)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setObjectName("importSummary")
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setObjectName("importDetails")
        self.add_categories = QCheckBox()
        self.add_categories.setObjectName("addCategories")
        self.add_categories.setVisible(False)
        self.add_categories.toggled.connect(self._replan)
        self.skip_bad = QCheckBox()
        self.skip_bad.setObjectName("skipBad")
        self.skip_bad.setVisible(False)
        self.skip_bad.toggled.connect(self._update_button)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(False)
        self.buttons.accepted.connect(self.run_import)
        self.buttons.rejected.connect(self.reject)

        lay = QVBoxLayout(self)
        lay.addLayout(row)
        lay.addWidget(self.fields_row)
        lay.addWidget(self.fragments_row)
        lay.addWidget(self.summary)
        lay.addWidget(self.details, 1)
        lay.addWidget(self.add_categories)
        lay.addWidget(self.skip_bad)
        lay.addWidget(self.buttons)
        self.resize(640, 420)

    def _browse(self) -> None:
        patterns = " ".join(f"*{ext}" for _n, _l, exts in self.project.imports.formats() for ext in exts)
        path = file_dialogs.open_file(
            self,
            "import-annotations",
            self.tr("Import annotations"),
            self.tr("Annotation files ({patterns});;All files (*)").format(patterns=patterns),
            fallback=os.path.dirname(self.path.text()) or None,
        )
        if path:
            self.load(path)

    def load(self, path: str) -> bool:
        """Read the file and show what importing it would do; nothing is written yet."""
        self.path.setText(path)
        self.bundle = self.plan = None
        takes = self.project.imports.import_options(path)
        self.fields_row.setVisible("text_field" in takes)
        self.fragments_row.setVisible("fragments" in takes)
        options = {
            "text_field": self.text_field.text().strip(),
            "label_field": self.label_field.text().strip(),
            "fragments": self.fragments.currentData(),
        }
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.bundle = self.project.imports.read(
                path, options={k: v for k, v in options.items() if k in takes}
            )
        except (AnnotatorError, OSError) as exc:
            self.summary.setText(self.tr("This file cannot be imported."))
            self.details.setPlainText(error_text(exc))
            self._update_button()
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        self._replan()
        return True

    def _reload(self) -> None:
        if self.path.text():
            self.load(self.path.text())

    def _replan(self) -> None:
        if self.bundle is None:
            return
        plan = self.plan = self.project.imports.plan(
            self.bundle, annotator=self.annotator_name, add_categories=self.add_categories.isChecked()
        )
        self.summary.setText(
            self.tr(
                "{fmt}: {new} tags to add, {known} already in the project; {docs} new documents, "
                "{cats} new categories."
            ).format(
                fmt=plan.format,
                new=plan.annotations_new,
                known=plan.annotations_known,
                docs=len(plan.documents_new),
                cats=len(plan.categories_new),
            )
        )
        lines = []
        if plan.documents_new:
            lines.append(self.tr("New documents: {names}").format(names="、".join(plan.documents_new)))
        if plan.categories_new:
            lines.append(
                self.tr("New categories from the file: {names}").format(names="、".join(plan.categories_new))
            )
        if plan.categories_unknown:
            lines.append(
                self.tr("Categories not in the codebook: {names}").format(
                    names="、".join(plan.categories_unknown)
                )
            )
        # The readers word each problem as a Message: shown in the interface language.
        lines += [self.tr("Problem: {p}").format(p=structured_text(p) or p) for p in plan.problems]
        lines += [self.tr("Note: {n}").format(n=structured_text(n) or n) for n in plan.notes]
        self.details.setPlainText("\n".join(lines))
        self.add_categories.setVisible(bool(plan.categories_unknown) or self.add_categories.isChecked())
        self.add_categories.setText(
            self.tr("Add the {n} categories the codebook does not have").format(
                n=len(plan.categories_unknown)
            )
        )
        self.skip_bad.setVisible(bool(plan.problems))
        self.skip_bad.setText(
            self.tr("Import the rest, leaving out the {n} tags with problems").format(n=len(plan.problems))
        )
        self._update_button()

    def _update_button(self) -> None:
        plan = self.plan
        ok = (
            plan is not None
            and plan.annotations_new + len(plan.categories_new) > 0
            and (not plan.categories_unknown or self.add_categories.isChecked())
            and (not plan.problems or self.skip_bad.isChecked())
        )
        self.import_button.setEnabled(bool(ok))

    def run_import(self) -> None:
        if not self.import_button.isEnabled():
            return
        progress = Progress(self, self.tr("Importing…"))

        try:
            changes = attempt(
                self,
                lambda: self.project.imports.apply(
                    self.bundle,
                    annotator=self.annotator_name,
                    add_categories=self.add_categories.isChecked(),
                    skip_bad=self.skip_bad.isChecked(),
                    progress=progress,
                ),
                title=self.tr("Import failed"),
            )
        except Cancelled:
            return  # rolled back: nothing was imported
        finally:
            progress.close()
        if changes is None:
            return
        self.changes = changes
        self.accept()


def open_dialog(window, path: str | None = None) -> ImportAnnotationsDialog:
    dialog = ImportAnnotationsDialog(window.project, window.annotator.name, window)
    if path:
        dialog.load(path)
    dialog.finished.connect(lambda _r: _done(window, dialog))
    dialog.open()
    return dialog


def _done(window, dialog: ImportAnnotationsDialog) -> None:
    changes = dialog.changes
    if changes is None:
        return
    window.record(changes)
    if changes.documents_added and window.features.search_indexing is not None:
        window.features.search_indexing.start()  # the new documents' text, indexed for search
    if window.document_id is None and changes.documents_added:
        window.open_document(changes.documents_added[0].id)
    window.statusBar().showMessage(
        QCoreApplication.translate("ImportAnnotations", "Imported {n} tags ({d} new documents).").format(
            n=len(changes.annotations_added), d=len(changes.documents_added)
        ),
        8000,
    )


def install(window) -> None:
    action = QAction(QCoreApplication.translate("ImportAnnotations", "Import &annotations…"), window)
    action.setObjectName("importAnnotationsAction")
    action.setShortcut(QKeySequence("Ctrl+Shift+I"))
    action.triggered.connect(lambda: open_dialog(window))
    menu = window.menus["file"]
    before = getattr(window, "act_export", None)
    if before is not None:
        menu.insertAction(before, action)
    else:
        menu.addAction(action)
    window.features.act_import_annotations = action
