"""Search the whole project (Ctrl+Shift+F): a dock with the query, filters and a KWIC table
(left context | hit | right context, aligned on the hit and sortable by each), double-click to open the
document at the hit, and tagging selected hits with a category as one undoable action."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QSortFilterProxyModel, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.services.search import Hit, SearchResult
from annotator.text.section_kinds import SECTION_KINDS, SECTION_LABELS
from annotator.ui.common.actions import add_menu_action
from annotator.ui.common.runner import attempt

HIT_LIMIT = 2000
SORT_ROLE = Qt.ItemDataRole.UserRole + 1

COL_DOC, COL_LEFT, COL_HIT, COL_RIGHT, COL_SECTION, COL_YEAR, COL_COURT, COL_POS = range(8)


def _flat(text: str) -> str:
    return text.replace("\r", " ").replace("\n", " ⏎ ")


class KwicModel(QAbstractTableModel):
    """One row per hit. Sorting the left column sorts by the words just before the hit (read leftward),
    as concordances do."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.hits: list[Hit] = []
        self.titles: dict[int, str] = {}
        self.metas: dict[int, dict] = {}
        self._headers = [
            self.tr("Document"),
            self.tr("Left context"),
            self.tr("Hit"),
            self.tr("Right context"),
            self.tr("Section"),
            self.tr("Year"),
            self.tr("Court"),
            self.tr("Position"),
        ]

    def set_result(self, result: SearchResult) -> None:
        self.beginResetModel()
        self.hits = list(result.hits)
        self.titles = {i: t for i, (t, _m) in result.documents.items()}
        self.metas = {i: m for i, (_t, m) in result.documents.items()}
        self.endResetModel()

    def rowCount(self, parent=None) -> int:  # noqa: N802 (Qt API)
        return 0 if parent is not None and parent.isValid() else len(self.hits)

    def columnCount(self, parent=None) -> int:  # noqa: N802 (Qt API)
        return 0 if parent is not None and parent.isValid() else len(self._headers)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 (Qt API)
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        h = self.hits[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                COL_DOC: self.titles.get(h.document_id, str(h.document_id)),
                COL_LEFT: _flat(h.left),
                COL_HIT: _flat(h.hit),
                COL_RIGHT: _flat(h.right),
                COL_SECTION: SECTION_LABELS.get(h.section, h.section),
                COL_YEAR: str(self.metas.get(h.document_id, {}).get("year", "")),
                COL_COURT: self.metas.get(h.document_id, {}).get("court", ""),
                COL_POS: h.start,
            }[col]
        if role == SORT_ROLE:
            return {
                COL_DOC: (self.titles.get(h.document_id, ""), h.document_id, h.start),
                COL_LEFT: (h.left[::-1], h.document_id, h.start),
                COL_HIT: (h.hit, h.document_id, h.start),
                COL_RIGHT: (h.right, h.document_id, h.start),
                COL_SECTION: (h.section, h.document_id, h.start),
                COL_YEAR: (str(self.metas.get(h.document_id, {}).get("year", "")), h.document_id, h.start),
                COL_COURT: (self.metas.get(h.document_id, {}).get("court", ""), h.document_id, h.start),
                COL_POS: (h.document_id, h.start),
            }[col]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if col == COL_LEFT:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if col == COL_HIT:
                return int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and col == COL_HIT:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{h.left}【{h.hit}】{h.right}"
        return None


class _SortProxy(QSortFilterProxyModel):
    def lessThan(self, left, right) -> bool:  # noqa: N802 (Qt API)
        return left.data(SORT_ROLE) < right.data(SORT_ROLE)


class SearchPanel(QWidget):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.result: SearchResult | None = None

        self.query = QLineEdit()
        self.query.setObjectName("searchQuery")
        self.query.setPlaceholderText(
            self.tr('Search the project: 商业道德   "数据 权益"   爬虫 OR 抓取   -刑法')
        )
        self.query.setClearButtonEnabled(True)
        self.query.returnPressed.connect(self.run_search)
        self.regex = QCheckBox(self.tr("Regex"))
        self.filters = QLineEdit()
        self.filters.setObjectName("searchFilters")
        self.filters.setPlaceholderText(self.tr("Documents: court~互联网 year>=2019 case_kind=民事"))
        self.filters.setToolTip(
            self.tr(
                "Conditions on document metadata, separated by spaces: key=value, "
                "key~part, key>=number; statute~反不正当竞争法第2条"
            )
        )
        self.filters.returnPressed.connect(self.run_search)
        self.section = QComboBox()
        self.section.setObjectName("searchSection")
        self.section.addItem(self.tr("Any section"), None)
        for kind in SECTION_KINDS:
            self.section.addItem(SECTION_LABELS[kind], kind)
        self.scope = QComboBox()
        self.scope.setObjectName("searchScope")
        self.scope.addItem(self.tr("Anywhere"), None)
        self.scope.addItem(self.tr("Inside category"), True)
        self.scope.addItem(self.tr("Outside category"), False)
        self.scope_category = QComboBox()
        self.scope_category.setObjectName("searchScopeCategory")
        go = QPushButton(self.tr("Search"))
        go.clicked.connect(self.run_search)

        self.table = QTableView()
        self.table.setObjectName("kwicTable")
        self.model = KwicModel(self)
        self.proxy = _SortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_POS, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 6)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_DOC, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_LEFT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_HIT, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_RIGHT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_SECTION, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_YEAR, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_COURT, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(COL_COURT, 140)
        header.setSectionResizeMode(COL_POS, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setColumnWidth(COL_DOC, 160)
        # One click goes to the hit; with Ctrl or Shift the click only adds hits to the selection to tag.
        self.table.clicked.connect(self._clicked)

        self.status = QLabel()
        self.status.setObjectName("searchStatus")
        self.tag_category = QComboBox()
        self.tag_category.setObjectName("searchTagCategory")
        self.extend = QComboBox()
        self.extend.setObjectName("searchExtend")
        self.extend.addItem(self.tr("the hit"), "hit")
        self.extend.addItem(self.tr("its word"), "word")
        self.extend.addItem(self.tr("its sentence"), "sentence")
        self.tag_button = QPushButton(self.tr("Tag…"))
        self.tag_button.setObjectName("searchTagButton")
        self.tag_button.setToolTip(self.tr("Tag the selected hits (all hits when none is selected)"))
        self.tag_button.clicked.connect(self.tag_hits)

        top = QHBoxLayout()
        top.addWidget(self.query, 3)
        top.addWidget(self.regex)
        top.addWidget(self.filters, 2)
        top.addWidget(self.section)
        top.addWidget(self.scope)
        top.addWidget(self.scope_category)
        top.addWidget(go)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(QLabel(self.tr("Tag")))
        bottom.addWidget(self.extend)
        bottom.addWidget(QLabel(self.tr("as")))
        bottom.addWidget(self.tag_category)
        bottom.addWidget(self.tag_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(top)
        lay.addWidget(self.table, 1)
        lay.addLayout(bottom)
        self.refresh_categories()

    # ------------------------------------------------------------------------------------------ data

    def refresh_categories(self) -> None:
        cats = self.window.project.codebook.list()
        for combo in (self.scope_category, self.tag_category):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            for c in cats:
                combo.addItem(c.name, c.id)
            if current is not None and combo.findData(current) >= 0:
                combo.setCurrentIndex(combo.findData(current))
            combo.blockSignals(False)

    def run_search(self) -> SearchResult | None:
        text = self.query.text().strip()
        if not text:
            return None
        scope = self.scope.currentData()
        kwargs = {}
        if scope is not None and self.scope_category.currentData() is not None:
            kwargs = {"category_id": self.scope_category.currentData(), "inside": scope}
        section = self.section.currentData()
        result = attempt(
            self,
            lambda: self.window.project.search.search(
                text,
                regex=self.regex.isChecked(),
                limit=HIT_LIMIT,
                filters=self.filters.text().split() or None,
                sections=[section] if section else None,
                **kwargs,
            ),
            show_error=self.status.setText,
        )
        if result is None:
            return None
        self.result = result
        self.model.set_result(result)
        docs = len({h.document_id for h in result.hits})
        if result.truncated:
            msg = self.tr("First {n} hits in {d} documents (refine the query to see the rest)")
        else:
            msg = self.tr("{n} hits in {d} documents")
        self.status.setText(msg.format(n=len(result.hits), d=docs))
        return result

    def selected_hits(self) -> list[Hit]:
        rows = sorted({self.proxy.mapToSource(i).row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.hits[r] for r in rows] if rows else list(self.model.hits)

    # --------------------------------------------------------------------------------------- actions

    def _clicked(self, index) -> None:
        from PySide6.QtWidgets import QApplication

        extend = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        if not QApplication.keyboardModifiers() & extend:
            self.open_hit(index)

    def open_hit(self, index) -> None:
        hit = self.model.hits[self.proxy.mapToSource(index).row()]
        w = self.window
        if w.document_id != hit.document_id:
            w.open_document(hit.document_id)
        w.view.select_range(hit.start, hit.end)
        w.view.reveal_range(hit.start, hit.end)
        w.view.setFocus()

    def tag_hits(self, *, confirm: bool = True):
        hits = self.selected_hits()
        category_id = self.tag_category.currentData()
        if not hits or category_id is None:
            self.status.setText(self.tr("Search first, then choose the hits and a category."))
            return None
        extend = self.extend.currentData()
        w = self.window
        spans = w.run(lambda: w.project.search.tag_spans(hits, extend))
        if spans is None:
            return None
        name = self.tag_category.currentText()
        if confirm:
            answer = QMessageBox.question(
                self,
                self.tr("Tag hits"),
                self.tr("Tag {n} passages from {d} documents as “{cat}”? (One step to undo.)").format(
                    n=len(spans), d=len({s[0] for s in spans}), cat=name
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return None
        changes = w.run(lambda: w.project.search.tag_hits(hits, category_id, w.annotator.id, extend))
        if changes:
            self.status.setText(
                self.tr("{n} passages tagged as “{cat}”.").format(n=len(changes.annotations_added), cat=name)
            )
        return changes


def install(window) -> None:
    panel = SearchPanel(window)
    dock = QDockWidget(window.tr("Search"), window)
    dock.setObjectName("searchDock")
    dock.setWidget(panel)
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
    dock.hide()
    window.features.search_panel = panel
    window.features.search_dock = dock

    def show_search() -> None:
        dock.show()
        dock.raise_()
        panel.query.setFocus()
        panel.query.selectAll()
        rng = window.view.selected_range()
        if rng and 0 < rng[1] - rng[0] <= 50:
            text = window.view.text
            panel.query.setText((text() if callable(text) else text)[rng[0] : rng[1]])

    add_menu_action(
        window,
        "edit",
        window.tr("Search the &project…"),
        show_search,
        name="actionSearchProject",
        shortcut="Ctrl+Shift+F",
    )
    window.menus["view"].addAction(dock.toggleViewAction())

    def on_changes(changes) -> None:
        if getattr(changes, "codebook_changed", False) or changes.categories_added:
            panel.refresh_categories()

    window.changesApplied.connect(on_changes)
    if hasattr(window, "projectChanged"):
        window.projectChanged.connect(
            lambda *_: (panel.refresh_categories(), panel.model.set_result(SearchResult([])))
        )
