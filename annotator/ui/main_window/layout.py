"""The main window's own docks and menus: the documents list, the codebook, the tags of the open
document with their memo, and the File, Edit, View and Tools menus the rooms add to."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.codebook import SHORTCUT_KEYS
from annotator.ui.main_window.models import AnnotationTableModel, CodebookModel, DocumentTableModel, SortProxy

if TYPE_CHECKING:
    from annotator.ui.main_window.window import MainWindow


def _dock(window: MainWindow, title: str, name: str, widget: QWidget, area) -> QDockWidget:
    dock = QDockWidget(title, window)
    dock.setObjectName(name)
    dock.setWidget(widget)
    dock.setFeatures(
        QDockWidget.DockWidgetFeature.DockWidgetMovable | QDockWidget.DockWidgetFeature.DockWidgetFloatable
    )
    window.addDockWidget(area, dock)
    return dock


def build_documents_dock(window: MainWindow) -> None:
    window.doc_model = DocumentTableModel(window)
    window.doc_proxy = SortProxy(window)
    window.doc_proxy.setSourceModel(window.doc_model)
    window.doc_filter = QLineEdit()
    window.doc_filter.setPlaceholderText(window.tr("Filter documents"))
    window.doc_filter.setClearButtonEnabled(True)
    window.doc_filter.textChanged.connect(window.doc_proxy.setFilterFixedString)
    window.doc_table = QTableView()
    window.doc_table.setObjectName("documentTable")
    window.doc_table.setModel(window.doc_proxy)
    window.doc_table.setSortingEnabled(True)
    window.doc_table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
    window.doc_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    window.doc_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    window.doc_table.verticalHeader().hide()
    window.doc_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    window.doc_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
    window.doc_table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
    window.doc_table.selectionModel().currentRowChanged.connect(window._document_row_changed)
    box = QWidget()
    lay = QVBoxLayout(box)
    lay.setContentsMargins(4, 4, 4, 4)
    lay.addWidget(window.doc_filter)
    lay.addWidget(window.doc_table)
    window.documents_dock = _dock(
        window, window.tr("Documents"), "documentsDock", box, Qt.DockWidgetArea.LeftDockWidgetArea
    )


def build_codebook_dock(window: MainWindow) -> None:
    window.codebook_model = CodebookModel(window)
    window.codebook_tree = QTreeView()
    window.codebook_tree.setObjectName("codebookTree")
    window.codebook_tree.setModel(window.codebook_model)
    window.codebook_tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    window.codebook_tree.clicked.connect(window._category_clicked)
    window.codebook_dock = _dock(
        window,
        window.tr("Codebook"),
        "codebookDock",
        window.codebook_tree,
        Qt.DockWidgetArea.RightDockWidgetArea,
    )


def build_annotations_dock(window: MainWindow) -> None:
    window.ann_model = AnnotationTableModel(window)
    window.ann_table = QTableView()
    window.ann_table.setObjectName("annotationTable")
    window.ann_table.setModel(window.ann_model)
    window.ann_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    window.ann_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    window.ann_table.verticalHeader().hide()
    window.ann_table.setWordWrap(False)
    window.ann_table.setTextElideMode(Qt.TextElideMode.ElideRight)
    header = window.ann_table.horizontalHeader()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for col in (1, 2):
        header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(False)
    header.resizeSection(3, 90)
    # Fit the columns to the rows in view only: measuring 10,000 rows on every edit costs ~0.1 s.
    header.setResizeContentsPrecision(0)
    window.ann_table.selectionModel().currentRowChanged.connect(window._annotation_row_changed)
    window.memo_label = QLabel(window.tr("Memo"))
    window.memo_edit = QPlainTextEdit()
    window.memo_edit.setObjectName("memoEdit")
    window.memo_edit.setPlaceholderText(window.tr("Select a tag to write a memo; it is saved as you type."))
    window.memo_edit.setMaximumHeight(110)
    window.memo_edit.setEnabled(False)
    window._memo_timer = QTimer(window)
    window._memo_timer.setSingleShot(True)
    window._memo_timer.setInterval(600)
    window._memo_timer.timeout.connect(window.save_memo)
    window.memo_edit.textChanged.connect(window._memo_timer.start)
    box = QWidget()
    lay = QVBoxLayout(box)
    lay.setContentsMargins(4, 4, 4, 4)
    lay.addWidget(window.ann_table, 1)
    lay.addWidget(window.memo_label)
    lay.addWidget(window.memo_edit)
    window.annotations_dock = _dock(
        window,
        window.tr("Tags in this document"),
        "annotationsDock",
        box,
        Qt.DockWidgetArea.RightDockWidgetArea,
    )


def build_menus(window: MainWindow) -> None:
    file_menu = window.menuBar().addMenu(window.tr("&File"))
    window.menus["file"] = file_menu
    window.act_new = _action(
        window, file_menu, window.tr("&New project…"), QKeySequence.StandardKey.New, window.new_project
    )
    window.act_open = _action(
        window,
        file_menu,
        window.tr("&Open project…"),
        QKeySequence.StandardKey.Open,
        window.open_project_dialog,
    )
    file_menu.addSeparator()
    window.act_import = _action(
        window, file_menu, window.tr("&Import documents…"), "Ctrl+I", window.import_dialog
    )
    window.act_export = _action(window, file_menu, window.tr("&Export…"), "Ctrl+E", window.export_dialog)
    file_menu.addSeparator()
    _action(window, file_menu, window.tr("Import code&book…"), "", window.import_codebook)
    _action(window, file_menu, window.tr("Export codeb&ook…"), "", window.export_codebook)
    window._quit_separator = file_menu.addSeparator()
    window.act_quit = _action(
        window, file_menu, window.tr("&Quit"), QKeySequence.StandardKey.Quit, window.close
    )

    edit = window.menuBar().addMenu(window.tr("&Edit"))
    window.menus["edit"] = edit
    undo = window.undo_stack.createUndoAction(window, window.tr("&Undo"))
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    redo = window.undo_stack.createRedoAction(window, window.tr("&Redo"))
    # Ctrl+Y as well as the platform's key (Ctrl+Shift+Z here): the editors researchers use take both.
    redo_keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
    for extra in (QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")):
        if extra not in redo_keys:
            redo_keys.append(extra)
    redo.setShortcuts(redo_keys)
    edit.addAction(undo)
    edit.addAction(redo)
    edit.addSeparator()
    window.act_delete = _action(
        window, edit, window.tr("&Delete tag"), QKeySequence.StandardKey.Delete, window.delete_active
    )
    window.tag_menu = edit.addMenu(window.tr("&Tag selection as"))
    window.tag_actions: dict[str, QAction] = {}
    for key in SHORTCUT_KEYS:
        act = QAction(window)
        act.setShortcut(QKeySequence(key))
        act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        act.triggered.connect(lambda checked=False, k=key: window.tag_with_shortcut(k))
        window.addAction(act)
        window.tag_actions[key] = act

    view_menu = window.menuBar().addMenu(window.tr("&View"))
    window.menus["view"] = view_menu
    window.menus["tools"] = window.menuBar().addMenu(window.tr("&Tools"))
    for dock in (window.documents_dock, window.codebook_dock, window.annotations_dock):
        view_menu.addAction(dock.toggleViewAction())


def _action(window: MainWindow, menu, text, shortcut, slot) -> QAction:
    act = QAction(text, window)
    act.setShortcut(QKeySequence(shortcut))
    act.triggered.connect(slot)
    menu.addAction(act)
    return act
