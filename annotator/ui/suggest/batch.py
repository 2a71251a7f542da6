"""Tools → Suggest tags in documents…: suggestions over a filtered set of documents, previewed in a table
(passage, category, score, document) and accepted or rejected in bulk; and Tools → Suggestion settings…
(per category: on, off or automatic, and the threshold)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from annotator.core.errors import AnnotatorError
from annotator.learn.data import Suggestion
from annotator.services.suggestions import MIN_TAGS
from annotator.ui.common.i18n import error_text


class BatchSuggestDialog(QDialog):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.project = window.project
        self.suggestions: list[Suggestion] = []
        self.setWindowTitle(self.tr("Suggest tags in documents"))
        self.resize(900, 560)
        self.where = QLineEdit()
        self.where.setObjectName("suggestWhere")
        self.where.setPlaceholderText(
            self.tr("Documents: metadata filters, e.g. court~互联网 year>=2019 (empty: all)")
        )
        self.category = QComboBox()
        self.category.setObjectName("suggestCategory")
        self.category.addItem(self.tr("All categories with suggestions on"), None)
        for c in self.project.codebook.list():
            self.category.addItem(c.name, c.id)
        self.min_score = QDoubleSpinBox()
        self.min_score.setObjectName("suggestMinScore")
        self.min_score.setRange(0.0, 1.0)
        self.min_score.setSingleStep(0.05)
        self.min_score.setSpecialValueText(self.tr("each category's threshold"))
        self.min_score.setValue(0.0)
        find = QPushButton(self.tr("Find suggestions"))
        find.setObjectName("suggestFind")
        find.clicked.connect(self.find)
        top = QHBoxLayout()
        top.addWidget(self.where, 3)
        top.addWidget(self.category, 2)
        top.addWidget(QLabel(self.tr("Lowest score")))
        top.addWidget(self.min_score)
        top.addWidget(find)

        self.table = QTableWidget(0, 4)
        self.table.setObjectName("suggestTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Passage"), self.tr("Category"), self.tr("Score"), self.tr("Document")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.summary = QLabel(
            self.tr(
                "Suggestions are learnt on this computer from the project's tags; nothing is sent anywhere."
            )
        )
        self.summary.setWordWrap(True)

        buttons = QHBoxLayout()
        self.check_all = QPushButton(self.tr("Check all"))
        self.check_all.clicked.connect(lambda: self._check(True))
        self.check_none = QPushButton(self.tr("Check none"))
        self.check_none.clicked.connect(lambda: self._check(False))
        self.accept_button = QPushButton(self.tr("Accept checked"))
        self.accept_button.setObjectName("suggestAccept")
        self.accept_button.clicked.connect(self.accept_checked)
        self.reject_button = QPushButton(self.tr("Reject checked"))
        self.reject_button.setObjectName("suggestReject")
        self.reject_button.clicked.connect(self.reject_checked)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        for b in (self.check_all, self.check_none, self.accept_button, self.reject_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(close)

        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.summary)
        lay.addLayout(buttons)
        self._names = {c.id: c.name for c in self.project.codebook.list(include_archived=True)}
        self._titles = {d.id: d.title for d in self.project.documents.list()}

    def find(self) -> None:
        from annotator.services.search import filter_documents
        from annotator.ui.common.progress import Progress

        me = self.window.annotator.id
        layer = self.window.features.suggestion_layer
        scope = None if layer is None or layer.everyone else [me]
        cat = self.category.currentData()
        try:
            docs = filter_documents(self.where.text().split()) if self.where.text().strip() else None
            with Progress(self, self.tr("Learning from the tags and reading the documents…")) as progress:
                self.suggestions = self.project.suggestions.suggest(
                    docs,
                    category_ids=None if cat is None else [cat],
                    min_score=self.min_score.value() or None,
                    annotator_ids=scope,
                    for_annotator=me,
                    progress=progress,
                )
        except InterruptedError:
            return
        except AnnotatorError as exc:
            self.summary.setText(error_text(exc))
            return
        self._fill()

    def _fill(self) -> None:
        self.table.setRowCount(len(self.suggestions))
        for row, s in enumerate(self.suggestions):
            passage = QTableWidgetItem(s.text.replace("\n", " "))
            passage.setFlags(passage.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            passage.setCheckState(Qt.CheckState.Checked)
            passage.setToolTip(s.text)
            score = QTableWidgetItem(f"{s.score:.2f}")
            score.setData(Qt.ItemDataRole.UserRole, s.score)
            for col, item in enumerate(
                (
                    passage,
                    QTableWidgetItem(self._names.get(s.category_id, "?")),
                    score,
                    QTableWidgetItem(self._titles.get(s.document_id, str(s.document_id))),
                )
            ):
                self.table.setItem(row, col, item)
        active = [st for st in self.project.suggestions.settings() if st.active]
        if not active:
            self.summary.setText(
                self.tr(
                    "No category suggests yet: a category needs {n} tags, or switch it on "
                    "in Tools → Suggestion settings."
                ).format(n=MIN_TAGS)
            )
        else:
            self.summary.setText(
                self.tr("{n} suggestions in {d} documents.").format(
                    n=len(self.suggestions), d=len({s.document_id for s in self.suggestions})
                )
            )

    def _check(self, on: bool) -> None:
        state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        for row in range(self.table.rowCount()):
            self.table.item(row, 0).setCheckState(state)

    def checked(self) -> list[Suggestion]:
        return [
            s
            for row, s in enumerate(self.suggestions)
            if self.table.item(row, 0).checkState() == Qt.CheckState.Checked
        ]

    def accept_checked(self) -> None:
        chosen = self.checked()
        if not chosen:
            return
        # run() records them as one undoable step for all of them.
        changes = self.window.run(lambda: self.project.suggestions.accept(chosen, self.window.annotator.id))
        if changes:
            self._remove(chosen)
            self.summary.setText(self.tr("{n} tags added (Ctrl+Z undoes them).").format(n=len(chosen)))

    def reject_checked(self) -> None:
        chosen = self.checked()
        if not chosen:
            return
        from annotator.ui.suggest.layer import reject_undoably

        if not reject_undoably(self.window, chosen):
            return
        self._remove(chosen)
        self.summary.setText(
            self.tr("{n} suggestions rejected; they are remembered and learnt from.").format(n=len(chosen))
        )
        layer = self.window.features.suggestion_layer
        if layer is not None:
            layer.schedule()

    def _remove(self, gone: list[Suggestion]) -> None:
        keys = {s.key for s in gone}
        self.suggestions = [s for s in self.suggestions if s.key not in keys]
        self._fill()


class SuggestionSettingsDialog(QDialog):
    """Per category: suggestions automatic (on from MIN_TAGS tags), on or off, and the threshold."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.project = window.project
        self.setWindowTitle(self.tr("Suggestion settings"))
        self.resize(640, 480)
        me = window.annotator.id
        layer = window.features.suggestion_layer
        scope = None if layer is None or layer.everyone else [me]
        self.rows = self.project.suggestions.settings(scope)
        self.table = QTableWidget(len(self.rows), 5)
        self.table.setObjectName("suggestSettings")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Category"),
                self.tr("Tags"),
                self.tr("Accepted / rejected"),
                self.tr("Suggestions"),
                self.tr("Threshold"),
            ]
        )
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.modes: list[QComboBox] = []
        self.thresholds: list[QDoubleSpinBox] = []
        for row, st in enumerate(self.rows):
            for col, text in enumerate((st.name, str(st.tags), f"{st.accepted} / {st.rejected}")):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(row, col, item)
            mode = QComboBox()
            mode.addItem(self.tr("automatic (from {n} tags)").format(n=MIN_TAGS), None)
            mode.addItem(self.tr("on"), True)
            mode.addItem(self.tr("off"), False)
            mode.setCurrentIndex(mode.findData(st.enabled))
            threshold = QDoubleSpinBox()
            threshold.setRange(0.0, 1.0)
            threshold.setSingleStep(0.05)
            threshold.setValue(st.threshold)
            self.table.setCellWidget(row, 3, mode)
            self.table.setCellWidget(row, 4, threshold)
            self.modes.append(mode)
            self.thresholds.append(threshold)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(
            QLabel(
                self.tr(
                    "A suggestion is shown when its score reaches the category's threshold. "
                    "Learnt on this computer; nothing is sent anywhere."
                )
            )
        )
        lay.addWidget(self.table)
        lay.addWidget(buttons)

    def save(self) -> None:
        try:
            for st, mode, threshold in zip(self.rows, self.modes, self.thresholds, strict=True):
                if mode.currentData() != st.enabled:
                    self.project.suggestions.set_enabled(st.category_id, mode.currentData())
                if abs(threshold.value() - st.threshold) > 1e-9:
                    self.project.suggestions.set_threshold(st.category_id, threshold.value())
        except AnnotatorError as exc:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(self, self.windowTitle(), error_text(exc))
            return
        self.accept()
