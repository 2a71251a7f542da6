"""The codebook dock of the main window: categories dragged to a new place (through the service,
undoable), its context menu and Tools → Edit codebook…, and tags repainted when a category's colour
changes. The editor itself is in editor.py."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView

from annotator.ui.codebook.editor import open_editor
from annotator.ui.common.categories import CATEGORY_ID_ROLE


class DockDropFilter(QObject):
    """Drag and drop in the main window's codebook panel: a drop re-parents or reorders the dragged
    category through the service (undoable), and the panel is rebuilt from the store."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        tree = window.codebook_tree
        tree.setDragEnabled(True)
        tree.setAcceptDrops(True)
        tree.setDropIndicatorShown(True)
        tree.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        tree.viewport().installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt API)
        if event.type() != QEvent.Type.Drop:
            return False
        tree = self.window.codebook_tree
        source = tree.currentIndex().siblingAtColumn(0).data(CATEGORY_ID_ROLE)
        event.setDropAction(Qt.DropAction.IgnoreAction)
        event.accept()
        if source is not None:
            parent_id, position = dock_drop_target(tree, event.position().toPoint(), int(source))
            if parent_id != int(source):
                w = self.window
                w.run(lambda: w.project.codebook.move(int(source), parent_id, position))
        return True


def dock_drop_target(tree, pos: QPoint, source_id: int) -> tuple[int | None, int | None]:
    """Like `CodebookTree.drop_target`, for a QTreeView over the codebook model."""
    index = tree.indexAt(pos).siblingAtColumn(0)
    if not index.isValid():
        return None, None
    rect = tree.visualRect(index)
    quarter = rect.height() / 4
    target_id = int(index.data(CATEGORY_ID_ROLE))
    if rect.top() + quarter <= pos.y() <= rect.bottom() - quarter:
        return target_id, None
    parent = index.parent()
    model = tree.model()
    ids = [int(model.index(r, 0, parent).data(CATEGORY_ID_ROLE)) for r in range(model.rowCount(parent))]
    ids = [i for i in ids if i != source_id]
    position = ids.index(target_id) if target_id in ids else len(ids)
    if pos.y() > rect.bottom() - quarter:
        position += 1
    return (int(parent.data(CATEGORY_ID_ROLE)) if parent.isValid() else None), position


def install(window) -> None:
    window.features.codebook_drop_filter = DockDropFilter(window)
    act = QAction(QCoreApplication.translate("CodebookEditor", "&Edit codebook…"), window)
    act.setObjectName("actionEditCodebook")
    act.setShortcut(QKeySequence("Ctrl+Shift+K"))
    act.triggered.connect(lambda: open_editor(window))
    window.menus["tools"].addAction(act)
    window.features.act_edit_codebook = act
    tree = window.codebook_tree
    tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def menu(pos: QPoint) -> None:
        from PySide6.QtWidgets import QMenu

        index = tree.indexAt(pos)
        cat_id = index.siblingAtColumn(0).data(CATEGORY_ID_ROLE) if index.isValid() else None
        m = QMenu(tree)
        m.addAction(act.text(), lambda: open_editor(window, int(cat_id) if cat_id is not None else None))
        m.exec(tree.viewport().mapToGlobal(pos))

    tree.customContextMenuRequested.connect(menu)
    window.changesApplied.connect(lambda changes: _recolor_spans(window, changes))


def _recolor_spans(window, changes) -> None:
    """A recoloured category repaints its tags in the open document (one colour change per span)."""
    recolored = {c.id: c.color for c in changes.categories_updated}
    recolored.update({c.id: c.color for c in changes.categories_added})
    if not recolored:
        return
    columns = window.ann_model.columns  # integers only: no record per tag is read, one pass in the view
    window.view.set_span_colors(
        {
            key: recolored[category_id]
            for key, category_id in zip(columns.ids, columns.category_ids, strict=True)
            if category_id in recolored
        }
    )
