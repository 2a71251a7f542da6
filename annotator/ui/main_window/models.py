"""Qt item models over service results: documents, the current document's annotations, the codebook."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from typing import overload

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

from annotator.core.model import Annotation, Annotator, Category, DocumentInfo
from annotator.core.shorten import shorten
from annotator.core.span_table import TagColumns, find_key, insert_position
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
        return {
            "not_started": self.tr("Not started"),
            "in_progress": self.tr("In progress"),
            "done": self.tr("Done"),
        }.get(status, "")

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        d = self.docs[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (d.title, f"{d.length:,}", str(d.annotation_count), self.status_label(d.status))[col]
        if role == SORT_ROLE:
            order = ("not_started", "in_progress", "done")
            return (
                d.title,
                d.length,
                d.annotation_count,
                order.index(d.status) if d.status in order else -1,
            )[col]
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
    """The tags of the open document, one row each in (start, end, id) order.

    The rows are columns of integers (id, start, end, category, annotator); the full record of a tag
    (passage, memo, …) is fetched when its row is asked for, a page of rows at a time, and only a few
    thousand records are kept. A document with 100,000 tags opens without making 100,000 objects, and the
    table asks only for the rows in view. `rows` still reads like a list of `Annotation`s.
    """

    HEADERS = ("Passage", "Category", "Annotator", "Memo")
    PAGE = 200  # records fetched at once around a row asked for
    KEEP = 5000  # records kept; beyond this the cache starts afresh

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._columns = _empty_columns()
        self._records: dict[int, Annotation] = {}
        # fetch(ids) -> those records; fetch(None) -> every live record of the document.
        self._fetch: Callable[[list[int] | None], list[Annotation]] | None = None
        self._last = -1  # the row found last by row_of
        self._counts: Counter[int] | None = None  # tags per category, kept in step once counted
        # While the document's tags are still being read (ui/main_window/tag_fill.py): reads the rest
        # at once. Whoever needs every row (the columns, a tag not found yet) calls it first.
        self._complete: Callable[[], None] | None = None
        self.categories: dict[int, Category] = {}
        self.annotators: dict[int, Annotator] = {}

    @property
    def rows(self) -> TagRows:
        """The rows as `Annotation`s (read on demand): index, iterate, `len`."""
        return TagRows(self)

    @property
    def columns(self) -> TagColumns:
        """The rows' integer columns, in row order (read them, do not change them): every tag of the
        document, the ones still being read included."""
        self._read_all()
        return self._columns

    @property
    def shown_columns(self) -> TagColumns:
        """The columns of the rows in the list now: while the tags are still being read, not all."""
        return self._columns

    @property
    def filling(self) -> bool:
        """Whether tags of the document are still being read (rows are still to come)."""
        return self._complete is not None

    def set_filling(self, complete: Callable[[], None] | None) -> None:
        """More rows are coming (`complete` reads them all at once), or (None) no more."""
        self._complete = complete

    def _read_all(self) -> None:
        if self._complete is not None:
            self._complete()

    def insert_columns(self, rows: TagColumns) -> None:
        """Add rows that come together in the order (sorted, new ids, no row here between the first and
        the last of them: the next page of the document's tags); one memory move per column."""
        if not len(rows):
            return
        c = self._columns
        pos = insert_position(c.starts, c.ends, c.ids, rows.starts[0], rows.ends[0], rows.ids[0])
        self.beginInsertRows(QModelIndex(), pos, pos + len(rows) - 1)
        for column, values in zip(
            (c.ids, c.starts, c.ends, c.category_ids, c.annotator_ids),
            (rows.ids, rows.starts, rows.ends, rows.category_ids, rows.annotator_ids),
            strict=True,
        ):
            column[pos:pos] = values
        self._last = -1
        if self._counts is not None:
            self._counts.update(rows.category_ids)
        self.endInsertRows()

    def category_counts(self) -> dict[int, int]:
        """Tags per category id: counted once per document, then kept in step by the edits (counting
        100,000 tags again after each edit costs more than the edit)."""
        if self._counts is None:
            self._counts = Counter(self._columns.category_ids)
        return {cid: n for cid, n in self._counts.items() if n > 0}

    def _count(self, category_id: int, delta: int) -> None:
        if self._counts is not None:
            self._counts[category_id] += delta

    def set_lookups(self, categories: list[Category], annotators: list[Annotator]) -> None:
        self.categories = {c.id: c for c in categories}
        self.annotators = {a.id: a for a in annotators}
        if len(self._columns):
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._columns) - 1, len(self.HEADERS) - 1))

    def set_annotations(self, rows: list[Annotation]) -> None:
        """Show these tags (all their records at hand)."""
        ordered = sorted(rows, key=_order)
        self.beginResetModel()
        self._columns = TagColumns.from_rows(
            [(a.start, a.end, a.id, a.category_id, a.annotator_id) for a in ordered]
        )
        self._records = {a.id: a for a in ordered}
        self._fetch = None
        self._last = -1
        self._counts = None
        self._complete = None
        self.endResetModel()

    def set_columns(self, columns: TagColumns, fetch: Callable[[list[int] | None], list[Annotation]]) -> None:
        """Show the tags of these columns (in (start, end, id) order); `fetch` reads records when rows are
        shown: `fetch(ids)` those, `fetch(None)` all of the document's."""
        self.beginResetModel()
        self._columns = columns
        self._records = {}
        self._fetch = fetch
        self._last = -1
        self._counts = None
        self._complete = None
        self.endResetModel()

    def add(self, a: Annotation) -> int:
        c = self._columns
        pos = insert_position(c.starts, c.ends, c.ids, a.start, a.end, a.id)
        self.beginInsertRows(QModelIndex(), pos, pos)
        for column, value in zip(
            (c.ids, c.starts, c.ends, c.category_ids, c.annotator_ids),
            (a.id, a.start, a.end, a.category_id, a.annotator_id),
            strict=True,
        ):
            column.insert(pos, value)
        self._records[a.id] = a
        self._last = pos
        self._count(a.category_id, 1)
        self.endInsertRows()
        return pos

    def remove(self, annotation_id: int) -> None:
        row = self.row_of(annotation_id)
        if row >= 0:
            c = self._columns
            self.beginRemoveRows(QModelIndex(), row, row)
            self._count(c.category_ids[row], -1)
            for column in (c.ids, c.starts, c.ends, c.category_ids, c.annotator_ids):
                del column[row]
            self._records.pop(annotation_id, None)
            self._last = -1
            self.endRemoveRows()

    def update(self, a: Annotation) -> None:
        row = self.row_of(a.id)
        if row < 0:
            return
        c = self._columns
        if (c.starts[row], c.ends[row]) == (a.start, a.end):
            self._count(c.category_ids[row], -1)
            self._count(a.category_id, 1)
            c.category_ids[row], c.annotator_ids[row] = a.category_id, a.annotator_id
            self._records[a.id] = a
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.HEADERS) - 1))
        else:  # its extent changed: it moves in the sorted list
            self.remove(a.id)
            self.add(a)

    def row_of(self, annotation_id: int) -> int:
        """Row of a tag: a search of the id column at C speed, cheap with 100,000 tags in one document."""
        self._last = find_key(self._columns.ids, annotation_id, self._last)
        if self._last < 0 and self._complete is not None:  # perhaps among the rows still to come
            self._read_all()
            self._last = find_key(self._columns.ids, annotation_id, self._last)
        return self._last

    def record(self, row: int) -> Annotation:
        """The full record of the tag in `row`, fetched with its neighbours when not at hand."""
        key = self._columns.ids[row]
        found = self._records.get(key)
        if found is None:
            self._load_page(row)
            found = self._records.get(key) or self._placeholder(row)
        return found

    def _load_page(self, row: int) -> None:
        if self._fetch is None:
            return
        ids = self._columns.ids
        lo = max(0, row - self.PAGE // 4)
        wanted = [key for key in ids[lo : lo + self.PAGE] if key not in self._records]
        if len(self._records) + len(wanted) > self.KEEP:
            self._records.clear()
        self._records.update((a.id, a) for a in self._fetch(wanted))

    def _placeholder(self, row: int) -> Annotation:
        """A tag whose record is gone (removed from the project meanwhile): what the columns know."""
        c = self._columns
        return Annotation(
            id=c.ids[row],
            uuid="",
            document_id=0,
            annotator_id=c.annotator_ids[row],
            category_id=c.category_ids[row],
            start=c.starts[row],
            end=c.ends[row],
            text="",
        )

    def iter_records(self) -> Iterator[Annotation]:
        """Every row's record in row order; what is not at hand is read in one go, and not kept."""
        ids = self.columns.ids
        missing = [key for key in ids if key not in self._records]
        if missing and self._fetch is not None:
            fetched = {a.id: a for a in self._fetch(missing if len(missing) <= self.PAGE else None)}
        else:
            fetched = {}
        for row, key in enumerate(ids):
            yield self._records.get(key) or fetched.get(key) or self._placeholder(row)

    def rowCount(self, parent=_ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._columns)

    def columnCount(self, parent=_ROOT) -> int:  # noqa: N802
        return len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Passage"), self.tr("Category"), self.tr("Annotator"), self.tr("Memo"))[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role not in _SHOWN_ROLES:
            return None
        a = self.record(index.row())
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


_SHOWN_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ToolTipRole)


class TagRows(Sequence[Annotation]):
    """The tag list's rows read like a list of `Annotation`s; each record is fetched when asked for."""

    def __init__(self, model: AnnotationTableModel) -> None:
        self._model = model

    def __len__(self) -> int:
        return len(self._model.columns)

    @overload
    def __getitem__(self, i: int) -> Annotation: ...

    @overload
    def __getitem__(self, i: slice) -> list[Annotation]: ...

    def __getitem__(self, i):
        if isinstance(i, int) and 0 <= i < self._model.rowCount():
            return self._model.record(i)  # a row shown: no need to wait for the rows still to come
        n = len(self)
        if isinstance(i, slice):
            return [self._model.record(j) for j in range(*i.indices(n))]
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError("tag row out of range")
        return self._model.record(i)

    def __iter__(self) -> Iterator[Annotation]:
        return self._model.iter_records()


def _empty_columns() -> TagColumns:
    return TagColumns.from_rows([])


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
