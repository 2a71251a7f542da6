"""The documents list as a workbench: status per annotator (not started / in progress / done), a status
filter, document properties (title, metadata), and removal with confirmation and undo.

Hooks into the main window's documents dock (`window.doc_table`, `window.doc_proxy`) rather than
replacing it, so everything else that reads the list keeps working.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from annotator.core.model import DOCUMENT_STATUSES, DocumentInfo


class DocumentPropertiesDialog(QDialog):
    """Title and metadata (key/value) of one document; the text itself is frozen and only shown."""

    def __init__(self, info: DocumentInfo, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("documentProperties")
        self.setWindowTitle(self.tr("Document properties"))
        self.resize(560, 420)
        self.info = info
        self.title_edit = QLineEdit(info.title)
        self.title_edit.setObjectName("documentTitle")
        form = QFormLayout()
        form.addRow(self.tr("Title"), self.title_edit)
        form.addRow(self.tr("Characters"), QLabel(f"{info.length:,}"))
        form.addRow(self.tr("Source file"), QLabel(info.source_name or "—"))
        if info.imported_at:
            form.addRow(self.tr("Imported"), QLabel(info.imported_at.strftime("%Y-%m-%d %H:%M")))
        self.meta_table = QTableWidget(0, 2)
        self.meta_table.setObjectName("documentMeta")
        self.meta_table.setHorizontalHeaderLabels([self.tr("Field"), self.tr("Value")])
        self.meta_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.meta_table.verticalHeader().hide()
        self.meta_table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        for key, value in info.meta.items():
            self.add_row(str(key), value if isinstance(value, str) else str(value))
        add = QPushButton(self.tr("Add field"))
        add.clicked.connect(lambda: self.add_row("", ""))
        remove = QPushButton(self.tr("Remove field"))
        remove.clicked.connect(self._remove_row)
        buttons_row = QHBoxLayout()
        buttons_row.addWidget(add)
        buttons_row.addWidget(remove)
        buttons_row.addStretch(1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(QLabel(self.tr("Metadata (case number, court, date, …)")))
        lay.addWidget(self.meta_table, 1)
        lay.addLayout(buttons_row)
        lay.addWidget(buttons)

    def add_row(self, key: str, value: str) -> None:
        row = self.meta_table.rowCount()
        self.meta_table.insertRow(row)
        self.meta_table.setItem(row, 0, QTableWidgetItem(key))
        self.meta_table.setItem(row, 1, QTableWidgetItem(value))

    def _remove_row(self) -> None:
        row = self.meta_table.currentRow()
        if row >= 0:
            self.meta_table.removeRow(row)

    def title(self) -> str:
        return self.title_edit.text()

    def meta(self) -> dict:
        """The edited metadata; values that were not text keep their type unless edited."""
        out: dict = {}
        for row in range(self.meta_table.rowCount()):
            key_item, value_item = self.meta_table.item(row, 0), self.meta_table.item(row, 1)
            key = key_item.text().strip() if key_item else ""
            if not key:
                continue
            value = value_item.text() if value_item else ""
            old = self.info.meta.get(key)
            out[key] = old if old is not None and not isinstance(old, str) and str(old) == value else value
        return out


class DocumentPanel(QObject):
    """Adds the status filter, context menu and actions to the window's documents dock."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        # Replaced in tests; by default they ask the user.
        self.confirm: Callable[[str], bool] = self._confirm
        self.edit_properties: Callable[[DocumentInfo], tuple[str, dict] | None] = self._edit_properties

        self.status_filter = QComboBox()
        self.status_filter.setObjectName("documentStatusFilter")
        self.status_filter.addItem(self.tr("All documents"), "")
        for status in DOCUMENT_STATUSES:
            self.status_filter.addItem(window.doc_model.status_label(status), status)
        self.status_filter.currentIndexChanged.connect(
            lambda _i: window.doc_proxy.set_status_filter(self.status_filter.currentData())
        )
        box_layout = window.doc_filter.parentWidget().layout()
        box_layout.insertWidget(1, self.status_filter)
        header = window.doc_table.horizontalHeader()
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)

        table = window.doc_table
        self.act_properties = self._action(
            self.tr("Document &properties…"), "Alt+Return", lambda: self.properties()
        )
        self.act_remove = self._action(self.tr("&Remove document…"), "", lambda: self.remove())
        self.status_actions = {
            status: self._action(
                self.tr("Mark as: {status}").format(status=window.doc_model.status_label(status)),
                f"Ctrl+Alt+{i + 1}",
                lambda _c=False, s=status: self.set_status(s),
            )
            for i, status in enumerate(DOCUMENT_STATUSES)
        }
        # Delete in the list removes the document (after asking). The window's Delete (remove a tag) is a
        # shortcut too; a second one would make both ambiguous, so the list takes the key itself.
        table.installEventFilter(self)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._menu)
        file_menu = window.menus["file"]
        file_menu.addSeparator()
        file_menu.addAction(self.act_properties)
        file_menu.addAction(self.act_remove)
        window.changesApplied.connect(self._changes_applied)

    def _action(self, text: str, shortcut, slot) -> QAction:
        act = QAction(text, self.window)
        if shortcut:
            act.setShortcut(QKeySequence(shortcut))
            self.window.addAction(act)
        act.triggered.connect(lambda _checked=False: slot())
        return act

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt API)
        if (
            obj is self.window.doc_table
            and event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress)
            and event.key() == Qt.Key.Key_Delete
            and not event.modifiers()
        ):
            event.accept()
            if event.type() == QEvent.Type.KeyPress:
                self.remove()
            return True
        return False

    def _menu(self, pos: QPoint) -> None:
        table = self.window.doc_table
        index = table.indexAt(pos)
        if not index.isValid():
            return
        table.setCurrentIndex(index)
        menu = QMenu(table)
        menu.addAction(self.act_properties)
        status_menu = menu.addMenu(self.tr("Status"))
        current = self.current_info()
        for status, act in self.status_actions.items():
            act.setCheckable(True)
            act.setChecked(current is not None and current.status == status)
            status_menu.addAction(act)
        menu.addSeparator()
        menu.addAction(self.act_remove)
        menu.exec(table.viewport().mapToGlobal(pos))

    def current_info(self) -> DocumentInfo | None:
        w = self.window
        index = w.doc_table.currentIndex()
        if index.isValid():
            return w.doc_model.docs[w.doc_proxy.mapToSource(index).row()]
        if w.document_id is not None:
            row = w.doc_model.row_of(w.document_id)
            return w.doc_model.docs[row] if row >= 0 else None
        return None

    def set_status(self, status: str, document_id: int | None = None) -> None:
        w = self.window
        info = self.current_info() if document_id is None else None
        doc_id = document_id if document_id is not None else (info.id if info else None)
        if doc_id is None:
            return
        w.run(lambda: w.project.documents.set_status(doc_id, w.annotator.id, status))

    def properties(self, document_id: int | None = None) -> None:
        w = self.window
        doc_id = document_id if document_id is not None else getattr(self.current_info(), "id", None)
        if doc_id is None:
            return
        info = w.run(lambda: w.project.documents.info(doc_id))
        result = self.edit_properties(info) if info else None
        if result is None:
            return
        title, meta = result
        if (title.strip(), meta) == (info.title, info.meta):
            return
        w.run(lambda: w.project.documents.update(doc_id, title=title, meta=meta))

    def remove(self, document_id: int | None = None) -> None:
        w = self.window
        info = (
            self.current_info()
            if document_id is None
            else w.run(lambda: w.project.documents.info(document_id))
        )
        if info is None:
            return
        question = self.tr(
            "Remove “{title}” from the project? Its {n} tags stay in the file's history, and "
            "Undo (Ctrl+Z) brings the document back."
        ).format(title=info.title, n=len(w.project.annotations.spans(info.id)))
        if not self.confirm(question):
            return
        w.run(lambda: w.project.documents.remove(info.id))

    def _changes_applied(self, changes) -> None:
        w = self.window
        if not (changes.documents_removed or changes.documents_updated):
            return
        w._refresh_counts()
        removed = {d.id for d in changes.documents_removed}
        if w.document_id in removed:
            docs = w.doc_model.docs
            if docs:
                w.open_document(docs[0].id)
            else:
                w.document_id = None
                w.view.set_document("", [], {})
                w.ann_model.set_annotations([])
                w.refresh_codebook()

    def _confirm(self, text: str) -> bool:
        answer = QMessageBox.question(
            self.window,
            self.tr("Remove document"),
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _edit_properties(self, info: DocumentInfo) -> tuple[str, dict] | None:
        dialog = DocumentPropertiesDialog(info, self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.title(), dialog.meta()


def install(window) -> None:
    window.features.document_panel = DocumentPanel(window)
