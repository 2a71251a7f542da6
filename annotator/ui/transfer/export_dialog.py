"""Export: choose a format and options, write with progress and a Cancel button."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
)

from annotator.core.errors import AnnotatorError
from annotator.core.paths import user_data_dir
from annotator.formats.base import Cancelled, ExportOptions
from annotator.ui.common import file_dialogs
from annotator.ui.common.i18n import error_text, format_label
from annotator.ui.common.progress import Progress

FORMAT_SETTING = "dialogs/export/format"


def _default_folder(project_path: Path) -> Path:
    """The project's folder, unless it is the program's own data folder (hidden from the user)."""
    folder = project_path.parent
    return Path.home() if folder.is_relative_to(user_data_dir()) else folder


class ExportDialog(QDialog):
    def __init__(self, project, parent=None, annotator_id: int | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export annotations"))
        self.project = project
        self.annotator_id = annotator_id
        self.written: int | None = None
        self.format = QComboBox()
        self.format.setObjectName("formatCombo")
        self._extensions: dict[str, str] = {}
        for name, label, ext in project.exports.formats():
            self.format.addItem(f"{format_label(label)} ({ext})", name)
            self._extensions[name] = ext
        # The format and the folder of the last export come back (per user, in the settings).
        last = str(file_dialogs.settings_of(parent).value(FORMAT_SETTING, "") or "")
        if self.format.findData(last) >= 0:
            self.format.setCurrentIndex(self.format.findData(last))
        self.format.currentIndexChanged.connect(self._fix_extension)
        folder = file_dialogs.remembered_folder(parent, "export", _default_folder(project.path))
        self.path = QLineEdit(str(folder / (project.path.stem + self._ext())))
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._browse)
        self.only_mine = QCheckBox(self.tr("Only my tags"))
        self.only_mine.setEnabled(annotator_id is not None)
        self.memos = QCheckBox(self.tr("Include memos"))
        self.memos.setChecked(True)
        self.words = QCheckBox(self.tr("One line per word (jieba), not per character"))
        self.words.setObjectName("wordTokens")
        self.docstart = QCheckBox(self.tr("A -DOCSTART- line before each document (CoNLL-2003 style)"))
        self.docstart.setObjectName("docstart")
        self.full_text = QCheckBox(self.tr("Include the documents' full text"))
        self.full_text.setChecked(True)
        self.document_id = getattr(parent, "document_id", None)
        self.only_document = QCheckBox(self.tr("Only the open document"))
        self.only_document.setEnabled(self.document_id is not None)
        self.categories = self._category_list()
        self.format.currentIndexChanged.connect(self._format_options)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton(self.tr("Export"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.run_export)
        buttons.rejected.connect(self.reject)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(browse)
        form = QFormLayout(self)
        form.addRow(self.tr("Format"), self.format)
        form.addRow(self.tr("File"), where)
        form.addRow("", self.only_mine)
        form.addRow("", self.memos)
        form.addRow("", self.words)
        form.addRow("", self.docstart)
        form.addRow("", self.full_text)
        form.addRow("", self.only_document)
        form.addRow(self.tr("Categories"), self.categories)
        self._format_options()
        form.addRow(buttons)
        self.resize(560, 0)

    def _ext(self) -> str:
        return self._extensions[self.format.currentData()]

    def _format_options(self) -> None:
        """Options only some formats have are shown with those formats."""
        options = self.project.exports.format_options(self.format.currentData())
        self.words.setVisible("word_tokens" in options)
        self.docstart.setVisible("docstart" in options)
        self.full_text.setVisible("include_text" in options)

    def _category_list(self) -> QListWidget:
        """Every category, indented under its parent, checked: unchecking leaves its tags out."""
        cats = self.project.codebook.list(include_archived=True)
        children: dict[int | None, list] = {}
        for c in cats:
            children.setdefault(c.parent_id, []).append(c)
        widget = QListWidget()
        widget.setObjectName("exportCategories")
        widget.setMinimumHeight(140)
        widget.setMaximumHeight(220)

        def add(parent_id: int | None, depth: int) -> None:
            for c in children.get(parent_id, []):
                item = QListWidgetItem("\u3000" * depth + c.name)
                item.setData(Qt.ItemDataRole.UserRole, c.id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked)
                widget.addItem(item)
                add(c.id, depth + 1)

        add(None, 0)
        return widget

    def chosen_categories(self) -> frozenset[int] | None:
        """None when every category is checked (so categories added meanwhile are not left out)."""
        items = [self.categories.item(i) for i in range(self.categories.count())]
        checked = frozenset(
            i.data(Qt.ItemDataRole.UserRole) for i in items if i.checkState() == Qt.CheckState.Checked
        )
        return None if len(checked) == len(items) else checked

    def _fix_extension(self) -> None:
        self.path.setText(str(Path(self.path.text()).with_suffix(self._ext())))

    def _browse(self) -> None:
        path = file_dialogs.save_file(self, "export", self.tr("Export to"), self.path.text())
        if path:
            # A file name ending in a known extension picks that format (unless the chosen one has it).
            for name, ext in self._extensions.items():
                if path.lower().endswith(ext) and not path.lower().endswith(self._ext()):
                    self.format.setCurrentIndex(self.format.findData(name))
            self.path.setText(path)

    def options(self) -> ExportOptions:
        mine = self.only_mine.isChecked() and self.annotator_id is not None
        one_document = self.only_document.isChecked() and self.document_id is not None
        return ExportOptions(
            annotator_ids=frozenset({self.annotator_id}) if mine else None,
            document_ids=frozenset({self.document_id}) if one_document else None,
            category_ids=self.chosen_categories(),
            include_children=False,
            include_text=self.full_text.isHidden() or self.full_text.isChecked(),
            include_memos=self.memos.isChecked(),
            word_tokens=not self.words.isHidden() and self.words.isChecked(),
            docstart=not self.docstart.isHidden() and self.docstart.isChecked(),
        )

    def run_export(self) -> None:
        name = self.format.currentData()
        progress = Progress(self, self.tr("Exporting…"))
        try:
            self.written = self.project.exports.export(name, self.path.text(), self.options(), progress)
        except Cancelled:
            return
        except (AnnotatorError, OSError) as exc:
            QMessageBox.warning(self, self.tr("Export failed"), error_text(exc))
            return
        finally:
            progress.close()
        file_dialogs.remember(self, "export", self.path.text())
        file_dialogs.settings_of(self).setValue(FORMAT_SETTING, name)
        self.accept()
