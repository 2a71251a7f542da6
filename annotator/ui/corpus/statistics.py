"""Statistics (Tools → Statistics, Ctrl+Alt+S): tag counts per category, document, court and year
drawn as bars in the table, which categories' tags overlap, and the statutes the judgments cite; each
table can be saved as CSV. Bars are painted by a delegate (QtCharts is not part of PySide6-Essentials)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRectF, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
)

from annotator.core.cells import CsvWriter
from annotator.services.outputs import check_target, write_file
from annotator.ui.common import file_dialogs
from annotator.ui.common.actions import add_menu_action
from annotator.ui.common.progress import Progress
from annotator.ui.common.runner import attempt

BAR_ROLE = Qt.ItemDataRole.UserRole + 3  # fraction of the largest count, 0..1


class BarDelegate(QStyledItemDelegate):
    """Paints the count as a bar behind its number."""

    def paint(self, painter: QPainter, option, index) -> None:
        fraction = index.data(BAR_ROLE)
        if fraction is not None:
            painter.save()
            rect = QRectF(option.rect).adjusted(2, 3, -2, -3)
            rect.setWidth(max(1.0, rect.width() * float(fraction)))
            painter.fillRect(rect, QColor(90, 140, 210, 110))
            painter.restore()
        super().paint(painter, option, index)


class _CountItem(QTableWidgetItem):
    def __lt__(self, other) -> bool:
        return (self.data(Qt.ItemDataRole.UserRole) or 0) < (other.data(Qt.ItemDataRole.UserRole) or 0)


def _table(headers: list[str], rows: list[list], bar_column: int | None = None) -> QTableWidget:
    table = QTableWidget(len(rows), len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    top = max((r[bar_column] for r in rows), default=0) if bar_column is not None else 0
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, int):
                item = _CountItem(f"{value:,}")
                item.setData(Qt.ItemDataRole.UserRole, value)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if c == bar_column and top:
                    item.setData(BAR_ROLE, value / top)
            else:
                item = QTableWidgetItem(str(value))
            table.setItem(r, c, item)
    if bar_column is not None:
        table.setItemDelegateForColumn(bar_column, BarDelegate(table))
        table.horizontalHeader().setSectionResizeMode(bar_column, QHeaderView.ResizeMode.Stretch)
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
    table.setSortingEnabled(True)
    table.sortByColumn(
        bar_column if bar_column is not None else 0,
        Qt.SortOrder.DescendingOrder if bar_column is not None else Qt.SortOrder.AscendingOrder,
    )
    return table


class StatisticsDialog(QDialog):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.setWindowTitle(self.tr("Statistics"))
        self.setObjectName("statisticsDialog")
        self.resize(820, 560)
        self.summary_label = QLabel()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("statisticsTabs")
        save = QPushButton(self.tr("Save table as CSV…"))
        save.clicked.connect(lambda: self.save_csv())
        image = QPushButton(self.tr("Save as image…"))
        image.setToolTip(self.tr("The table with its bars, as PNG or SVG"))
        image.clicked.connect(lambda: self.save_image())
        words = QPushButton(self.tr("Characteristic words…"))
        words.setToolTip(self.tr("The words that set each category's passages apart (jieba, TF-IDF)"))
        words.clicked.connect(lambda: self.show_words())
        refresh = QPushButton(self.tr("Refresh"))
        refresh.clicked.connect(self.refresh)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(save)
        buttons.addWidget(image)
        buttons.addWidget(words)
        buttons.addStretch(1)
        buttons.addWidget(refresh)
        buttons.addWidget(close)
        lay = QVBoxLayout(self)
        lay.addWidget(self.summary_label)
        lay.addWidget(self.tabs, 1)
        lay.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        s = self.window.project.statistics.summary()
        self.summary = s
        self.summary_label.setText(
            self.tr("{n:,} tags in {d:,} documents").format(n=s["annotations"], d=s["documents"])
        )
        current = self.tabs.currentIndex()
        self.tabs.clear()
        count = self.tr("Tags")

        def tab(title: str, key: str, first: str, empty: str = "") -> None:
            rows = [[k or empty, v] for k, v in s[key].items()]
            self.tabs.addTab(_table([first, count], rows, bar_column=1), title)

        tab(self.tr("Categories"), "per_category", self.tr("Category"))
        tab(self.tr("Documents"), "per_document", self.tr("Document"))
        tab(self.tr("Courts"), "per_court", self.tr("Court"), self.tr("(not found)"))
        tab(self.tr("Years"), "per_year", self.tr("Year"), self.tr("(not found)"))
        rows = [[r["a"], r["b"], r["count"]] for r in s["cooccurrence"]]
        self.tabs.addTab(
            _table(
                [self.tr("Category"), self.tr("Overlaps with"), self.tr("Overlapping tags")],
                rows,
                bar_column=2,
            ),
            self.tr("Co-occurrence"),
        )
        rows = [[k, v] for k, v in s["statutes"].items()]
        self.tabs.addTab(
            _table([self.tr("Statute article"), self.tr("Citations")], rows, bar_column=1),
            self.tr("Statutes"),
        )
        rows = [[r["category"], r["statute"], r["count"]] for r in s["category_statutes"]]
        self.tabs.addTab(
            _table(
                [self.tr("Category"), self.tr("Statute article cited in its passages"), self.tr("Citations")],
                rows,
                bar_column=2,
            ),
            self.tr("Categories × statutes"),
        )
        if 0 <= current < self.tabs.count():
            self.tabs.setCurrentIndex(current)

    def show_words(self, top: int = 15) -> int | None:
        """Segment every tagged passage (can take a while: progress, cancel) and add a tab."""
        dialog = progress = Progress(self, self.tr("Segmenting the tagged passages…"), delay_ms=300)

        try:
            found = self.window.project.statistics.characteristic_words(top, progress=progress)
        except InterruptedError:
            return None
        finally:
            dialog.close()
        rows = [
            [cat, i + 1, word, f"{score:.4f}"]
            for cat, words in found.items()
            for i, (word, score) in enumerate(words)
        ]
        table = _table([self.tr("Category"), self.tr("Rank"), self.tr("Word"), self.tr("TF-IDF")], rows)
        table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.tabs.addTab(table, self.tr("Characteristic words"))
        self.tabs.setCurrentWidget(table)
        return len(rows)

    def save_image(self, path: str | None = None) -> str | None:
        """The current table as drawn (bars included): PNG, or SVG when the name ends in .svg."""
        table, path = self._target(
            path,
            "statistics-image",
            self.tr("Save as image"),
            ".png",
            self.tr("PNG image (*.png);;SVG drawing (*.svg)"),
        )
        if table is None or path is None:
            return None
        if not self._may_write(path):
            return None
        if path.lower().endswith(".svg"):
            from PySide6.QtSvg import QSvgGenerator

            generator = QSvgGenerator()
            generator.setFileName(path)
            generator.setSize(table.size())
            generator.setViewBox(table.rect())
            generator.setTitle(self.tabs.tabText(self.tabs.currentIndex()))
            painter = QPainter(generator)
            try:
                table.render(painter, QPoint(0, 0))
            finally:
                painter.end()
        elif not table.grab().save(path, "PNG"):
            return None
        return path

    def save_csv(self, path: str | None = None) -> str | None:
        table, path = self._target(
            path, "statistics-table", self.tr("Save table as CSV"), ".csv", self.tr("CSV (*.csv)")
        )
        if table is None or path is None:
            return None

        def write(partial) -> None:
            with open(partial, "w", encoding="utf-8-sig", newline="") as fh:
                writer = CsvWriter(fh)
                writer.writerow([table.horizontalHeaderItem(c).text() for c in range(table.columnCount())])
                for r in range(table.rowCount()):
                    row = []
                    for c in range(table.columnCount()):
                        item = table.item(r, c)
                        value = (
                            item.data(Qt.ItemDataRole.UserRole)
                            if isinstance(item, _CountItem)
                            else item.text()
                        )
                        row.append(value)
                    writer.writerow(row)

        written = attempt(
            self,
            lambda: write_file(self.window.project.path, path, write) or True,
            title=self.tr("Save table as CSV"),
        )
        return path if written else None

    def _target(
        self, path: str | None, dialog_key: str, title: str, suffix: str, filters: str
    ) -> tuple[QTableWidget | None, str | None]:
        """The table shown and the file to save it in: `path`, or the one the user picks (named after
        the tab); (None, None) when there is no table or the user cancels."""
        table = self.tabs.currentWidget()
        if table is None:
            return None, None
        if path is None:
            path = file_dialogs.save_file(
                self, dialog_key, title, self.tabs.tabText(self.tabs.currentIndex()) + suffix, filters
            )
        return (table, path) if path else (None, None)

    def _may_write(self, path: str) -> bool:
        # Never over the project or its backups.
        return bool(
            attempt(
                self,
                lambda: check_target(self.window.project.path, path) or True,
                title=self.tr("Save as image"),
            )
        )


def install(window) -> None:
    def show() -> StatisticsDialog:
        dialog = StatisticsDialog(window)
        dialog.show()
        window.features.statistics_dialog = dialog
        return dialog

    add_menu_action(
        window, "tools", window.tr("S&tatistics…"), show, name="actionStatistics", shortcut="Ctrl+Alt+S"
    )
    window.features.show_statistics = show
