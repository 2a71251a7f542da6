"""Qt item models over service results: documents, the current document's annotations, the codebook."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

from annotator.core.model import Annotation, Annotator, Category, DocumentInfo
from annotator.core.shorten import shorten
from annotator.ui.common.categories import CATEGORY_ID_ROLE, color_icon

_ROOT = QModelIndex()  # the invisible root: default parent for flat models
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
STATUS_ROLE = Qt.ItemDataRole.UserRole + 3


class DocumentTableModel(QAbstractTableModel):
    HEADERS = ("Title", "Characters", "My tags", "Status")
    STATUS_COLUMN = 3

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.docs: list[DocumentInfo] = []

    def set_documents(self, docs: list[DocumentInfo]) -> None:
        self.beginResetModel()
        self.docs = list(docs)
        self.endResetModel()

    def rowCount(self, parent=_ROOT) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self.docs)

    def columnCount(self, parent=_ROOT) -> int:  # noqa: N802
        return len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Title"), self.tr("Characters"), self.tr("My tags"), self.tr("Status"))[section]
        return None

    def status_label(self, status: str) -> str:
        return {"not_started": self.tr("Not started"), "in_progress": self.tr("In progress"),
                "done": self.tr("Done")}.get(status, "")

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        d = self.docs[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (d.title, f"{d.length:,}", str(d.annotation_count), self.status_label(d.status))[col]
        if role == SORT_ROLE:
            order = ("not_started", "in_progress", "done")
            return (d.title, d.length, d.annotation_count,
                    order.index(d.status) if d.status in order else -1)[col]
        if role == STATUS_ROLE:
            return d.status
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{d.title}\n{d.source_name}"
        if role == Qt.ItemDataRole.TextAlignmentRole and col > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def row_of(self, document_id: int) -> int:
        return next((i for i, d in enumerate(self.docs) if d.id == document_id), -1)

    def adjust_count(self, document_id: int, delta: int) -> None:
        row = self.row_of(document_id)
        if row >= 0 and delta:
            d = self.docs[row]
            self.docs[row] = replace(d, annotation_count=max(0, d.annotation_count + delta))
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.HEADERS) - 1))


class SortProxy(QSortFilterProxyModel):
    """Sorts by the raw value (numbers as numbers) and filters on the title (and status when set)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(0)
        self.status_filter = ""

    def set_status_filter(self, status: str) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.10+: invalidateFilter is deprecated there
            self.beginFilterChange()
            self.status_filter = status or ""
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.status_filter = status or ""
            self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent) -> bool:  # noqa: N802 (Qt API)
        if self.status_filter:
            status = self.sourceModel().index(row, 0, parent).data(STATUS_ROLE)
            if status is not None and status != self.status_filter:
                return False
        return super().filterAcceptsRow(row, parent)


class AnnotationTableModel(QAbstractTableModel):
    HEADERS = ("Passage", "Category", "Annotator", "Memo")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[Annotation] = []
        self._keys: dict[int, tuple[int, int, int]] = {}
        self.categories: dict[int, Category] = {}
        self.annotators: dict[int, Annotator] = {}

    def set_lookups(self, categories: list[Category], annotators: list[Annotator]) -> None:
        self.categories = {c.id: c for c in categories}
        self.annotators = {a.id: a for a in annotators}
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(self.HEADERS) - 1))

    def set_annotations(self, rows: list[Annotation]) -> None:
        self.beginResetModel()
        self.rows = sorted(rows, key=_order)
        self._keys = {a.id: _order(a) for a in self.rows}
        self.endResetModel()

    def add(self, a: Annotation) -> int:
        pos = bisect_left(self.rows, _order(a), key=_order)
        self.beginInsertRows(QModelIndex(), pos, pos)
        self.rows.insert(pos, a)
        self._keys[a.id] = _order(a)
        self.endInsertRows()
        return pos

    def remove(self, annotation_id: int) -> None:
        row = self.row_of(annotation_id)
        if row >= 0:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.rows[row]
            del self._keys[annotation_id]
            self.endRemoveRows()

    def update(self, a: Annotation) -> None:
        row = self.row_of(a.id)
        if row < 0:
            return
        if _order(a) == self._keys[a.id]:
            self.rows[row] = a
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.HEADERS) - 1))
        else:  # its extent changed: it moves in the sorted list
            self.remove(a.id)
            self.add(a)

    def row_of(self, annotation_id: int) -> int:
        """Row of a tag, by binary search on its sort key: cheap with 100,000 tags in one document."""
        key = self._keys.get(annotation_id)
        if key is None:
            return -1
        row = bisect_left(self.rows, key, key=_order)
        return row if row < len(self.rows) and self.rows[row].id == annotation_id else -1

    def rowCount(self, parent=_ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=_ROOT) -> int:  # noqa: N802
        return len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Passage"), self.tr("Category"), self.tr("Annotator"), self.tr("Memo"))[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        a = self.rows[index.row()]
        cat = self.categories.get(a.category_id)
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return shorten(a.text, 60)
            if col == 1:
                return cat.name if cat else "?"
            if col == 2:
                who = self.annotators.get(a.annotator_id)
                return who.name if who else "?"
            return a.memo.replace("\n", " ")
        if role == Qt.ItemDataRole.DecorationRole and col == 1 and cat:
            return color_icon(cat.color)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"[{a.start}–{a.end}] {a.text}" + (f"\n\n{a.memo}" if a.memo else "")
        return None


def _order(a: Annotation) -> tuple[int, int, int]:
    return (a.start, a.end, a.id)


class CodebookModel(QStandardItemModel):
    """The category tree with colour swatches and shortcut keys."""

    def set_counts(self, counts: dict[int, int]) -> None:
        for cid, item in getattr(self, "_count_items", {}).items():
            text = str(counts[cid]) if counts.get(cid) else ""
            if item.text() != text:
                item.setText(text)

    def set_categories(self, categories: list[Category], counts: dict[int, int] | None = None) -> None:
        counts = counts or {}
        if categories == getattr(self, "_shown", None):
            # Same codebook (the usual case when a document opens): only the counts change. Rebuilding
            # would leak: items dropped by clear() keep their Python wrappers (about 75 KB per rebuild).
            self.set_counts(counts)
            return
        self._shown = list(categories)
        self._count_items: dict[int, QStandardItem] = {}
        self.clear()
        self.setHorizontalHeaderLabels([self.tr("Category"), self.tr("Key"), self.tr("Tags")])
        items: dict[int, QStandardItem] = {}
        pending = list(categories)
        # Parents come before children in sort order only by chance: insert in passes.
        for _ in range(len(categories) + 1):
            rest = []
            for c in pending:
                if c.parent_id is not None and c.parent_id not in items:
                    rest.append(c)
                    continue
                name = QStandardItem(color_icon(c.color), c.name)
                name.setData(c.id, CATEGORY_ID_ROLE)
                name.setToolTip(f"{c.name} / {c.name_en}\n\n{c.description}")
                name.setEditable(False)
                key = QStandardItem(c.shortcut)
                key.setEditable(False)
                key.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                count = QStandardItem(str(counts.get(c.id, 0)) if counts.get(c.id) else "")
                count.setEditable(False)
                count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                parent = items[c.parent_id] if c.parent_id is not None else self.invisibleRootItem()
                parent.appendRow([name, key, count])
                items[c.id] = name
                self._count_items[c.id] = count
            pending = rest
            if not pending:
                break
