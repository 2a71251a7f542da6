"""The codebook editor's tree: one row per category (name, English name, key, its tags in this
document and in the project), parents before children, archived ones greyed; drops become move calls.

The tree is filled afresh from the services after each change, never edited in place, so what it shows
is what is stored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QBrush, QColor, QDropEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem

from annotator.core.model import Category
from annotator.ui.common.categories import CATEGORY_ID_ROLE, color_icon

COL_NAME, COL_EN, COL_KEY, COL_DOC, COL_PROJECT = range(5)
_COUNT_COLUMNS = (COL_KEY, COL_DOC, COL_PROJECT)
_ARCHIVED_GREY = "#8a8a8a"


class CodebookTree(QTreeWidget):
    """A tree whose drops are turned into `moved(category_id, parent_id, position)` calls instead of
    Qt moving the items itself: the store decides, the tree is rebuilt."""

    def __init__(self, on_move: Callable[[int, int | None, int | None], None], parent=None) -> None:
        super().__init__(parent)
        self._on_move = on_move
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)

    def set_headers(self, labels: list[str]) -> None:
        self.setHeaderLabels(labels)
        header = self.header()
        # Chinese names are what researchers read; they get their full width, English takes the rest.
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_EN, QHeaderView.ResizeMode.Stretch)
        for col in _COUNT_COLUMNS:
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)

    # Reading the rows ----------------------------------------------------------------------------

    def current_id(self) -> int | None:
        item = self.currentItem()
        return int(item.data(COL_NAME, CATEGORY_ID_ROLE)) if item else None

    def items(self) -> Iterator[QTreeWidgetItem]:
        """Every row, breadth first."""
        stack = [self.topLevelItem(i) for i in range(self.topLevelItemCount())]
        while stack:
            item = stack.pop(0)
            yield item
            stack.extend(item.child(i) for i in range(item.childCount()))

    def item_of(self, category_id: int) -> QTreeWidgetItem | None:
        for item in self.items():
            if int(item.data(COL_NAME, CATEGORY_ID_ROLE)) == category_id:
                return item
        return None

    # Filling -------------------------------------------------------------------------------------

    def fill(
        self,
        cats: list[Category],
        in_doc: dict[int, int],
        in_project: dict[int, int],
        archived_label: Callable[[str], str],
    ) -> dict[int, QTreeWidgetItem]:
        """Replace the rows by `cats` (a child of a hidden parent is left out) and expand them all;
        returns each category's row."""
        self.clear()
        items: dict[int, QTreeWidgetItem] = {}
        grey = QBrush(QColor(_ARCHIVED_GREY))
        for c in sorted(cats, key=depth_key(cats)):
            parent = items.get(c.parent_id) if c.parent_id is not None else None
            if c.parent_id is not None and parent is None:
                continue  # parent archived and hidden
            item = QTreeWidgetItem(parent) if parent else QTreeWidgetItem(self)
            item.setText(COL_NAME, archived_label(c.name) if c.archived else c.name)
            item.setIcon(COL_NAME, color_icon(c.color))
            item.setData(COL_NAME, CATEGORY_ID_ROLE, c.id)
            item.setText(COL_EN, c.name_en)
            item.setText(COL_KEY, c.shortcut)
            item.setText(COL_DOC, str(in_doc.get(c.id, 0)))
            item.setText(COL_PROJECT, str(in_project.get(c.id, 0)))
            for col in _COUNT_COLUMNS:
                item.setTextAlignment(col, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setToolTip(COL_NAME, c.description)
            if c.archived:
                for col in range(5):
                    item.setForeground(col, grey)
            items[c.id] = item
        self.expandAll()
        return items

    # Dragging ------------------------------------------------------------------------------------

    def drop_target(self, pos: QPoint, source_id: int) -> tuple[int | None, int | None]:
        """(new parent id, position among its other children) for a drop at `pos` in the viewport:
        the upper quarter of a row puts the category before it, the lower quarter after it, the
        middle inside it (last); below every row, last at the top level."""
        item = self.itemAt(pos)
        if item is None:
            return None, None
        rect = self.visualItemRect(item)
        quarter = rect.height() / 4
        if rect.top() + quarter <= pos.y() <= rect.bottom() - quarter:
            return int(item.data(COL_NAME, CATEGORY_ID_ROLE)), None
        parent = item.parent()
        siblings = [
            parent.child(i) if parent else self.topLevelItem(i)
            for i in range(parent.childCount() if parent else self.topLevelItemCount())
        ]
        ids = [int(s.data(COL_NAME, CATEGORY_ID_ROLE)) for s in siblings]
        ids = [i for i in ids if i != source_id]
        target_id = int(item.data(COL_NAME, CATEGORY_ID_ROLE))
        position = ids.index(target_id) if target_id in ids else len(ids)
        if pos.y() > rect.bottom() - quarter:
            position += 1
        return (int(parent.data(COL_NAME, CATEGORY_ID_ROLE)) if parent else None), position

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt API)
        source = self.currentItem()
        if source is None or event.source() not in (self, None):
            event.ignore()
            return
        source_id = int(source.data(COL_NAME, CATEGORY_ID_ROLE))
        parent_id, position = self.drop_target(event.position().toPoint(), source_id)
        # Tell Qt nothing moved: the rebuilt tree shows the result.
        event.setDropAction(Qt.DropAction.IgnoreAction)
        event.accept()
        if parent_id != source_id:
            self._on_move(source_id, parent_id, position)


def depth_key(cats: list[Category]):
    """Sort key putting parents before children, siblings in their order."""
    by_id = {c.id: c for c in cats}

    def path(c: Category) -> tuple:
        out, seen = [], set()
        while c is not None and c.id not in seen:
            seen.add(c.id)
            out.append((c.order, c.id))
            c = by_id.get(c.parent_id) if c.parent_id is not None else None
        return tuple(reversed(out))

    return path
