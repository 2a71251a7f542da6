"""Tools → Legal words: the project's own dictionary (add, remove, import a list) and term suggestions
learnt from its documents. Every change is used at once by word selection, search and statistics."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from annotator.ui.common.actions import add_menu_action
from annotator.ui.common.runner import attempt


class LegalWordsDialog(QDialog):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle(self.tr("Legal words"))
        self.resize(620, 560)
        intro = QLabel(
            self.tr(
                "Words of this project that word selection, search and statistics keep whole. "
                "The statutes, charges, causes of action and procedural terms of the reference "
                "lists are always included."
            )
        )
        intro.setWordWrap(True)
        self.words = QListWidget()
        self.words.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.entry = QLineEdit()
        self.entry.setPlaceholderText(self.tr("A word, e.g. 群控软件"))
        self.entry.returnPressed.connect(self.add_entry)
        self.add_button = QPushButton(self.tr("Add"))
        self.add_button.clicked.connect(self.add_entry)
        self.remove_button = QPushButton(self.tr("Remove selected"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.import_button = QPushButton(self.tr("Import a list…"))
        self.import_button.clicked.connect(lambda: self.import_list())
        self.suggest_button = QPushButton(self.tr("Suggest terms from the documents"))
        self.suggest_button.clicked.connect(self.suggest)
        self.suggestions = QListWidget()
        self.accept_button = QPushButton(self.tr("Add ticked terms"))
        self.accept_button.clicked.connect(self.accept_ticked)
        self.accept_button.setEnabled(False)
        self.status = QLabel()
        self.status.setWordWrap(True)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.close)

        row = QHBoxLayout()
        row.addWidget(self.entry, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addWidget(self.import_button)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addWidget(self.words, 2)
        lay.addLayout(row)
        lay.addWidget(self.suggest_button)
        lay.addWidget(self.suggestions, 2)
        bottom = QHBoxLayout()
        bottom.addWidget(self.accept_button)
        bottom.addStretch(1)
        bottom.addWidget(close)
        lay.addWidget(self.status)
        lay.addLayout(bottom)
        self.refresh()

    @property
    def project(self):
        return self.window_.project

    def refresh(self) -> None:
        origins = {
            "user": self.tr("added"),
            "imported": self.tr("imported"),
            "suggested": self.tr("suggested"),
        }
        self.words.clear()
        for w in self.project.words.list():
            item = QListWidgetItem(f"{w.word}    ({origins.get(w.origin, w.origin)})")
            item.setData(Qt.ItemDataRole.UserRole, w.word)
            self.words.addItem(item)

    def _run(self, action) -> list[str] | None:
        return attempt(
            self,
            action,
            show_error=lambda text: self.status.setText(self.tr("Not changed: {error}").format(error=text)),
        )

    def add_entry(self) -> None:
        text = self.entry.text()
        added = self._run(lambda: self.project.words.add([text]))
        if added is None:
            return
        self.entry.clear()
        self.refresh()
        self.status.setText(
            self.tr("Added: {words}").format(words=" ".join(added))
            if added
            else self.tr("“{word}” is already in the list.").format(word=text.strip())
        )

    def remove_selected(self) -> None:
        chosen = [i.data(Qt.ItemDataRole.UserRole) for i in self.words.selectedItems()]
        if not chosen:
            self.status.setText(self.tr("Select the words to remove first."))
            return
        removed = self._run(lambda: self.project.words.remove(chosen)) or []
        self.refresh()
        self.status.setText(self.tr("Removed: {words}").format(words=" ".join(removed)))

    def import_list(self, path: str | None = None) -> None:
        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self,
                self.tr("Import a word list"),
                "",
                self.tr("Word lists (*.txt *.dic *.tsv);;All files (*)"),
            )
            if not path:
                return
        added = self._run(lambda: self.project.words.import_list(path))
        if added is None:
            return
        self.refresh()
        self.status.setText(self.tr("{n} new word(s) imported.").format(n=len(added)))

    def suggest(self) -> None:
        self.status.setText(self.tr("Reading the documents…"))
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            found = self._run(lambda: self.project.words.suggest(50)) or []
        finally:
            QApplication.restoreOverrideCursor()
        self.suggestions.clear()
        for s in found:
            item = QListWidgetItem(
                self.tr("{term}    {n}×, jieba: {split}").format(
                    term=s.term, n=s.count, split=" / ".join(s.jieba)
                )
            )
            item.setData(Qt.ItemDataRole.UserRole, s.term)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.suggestions.addItem(item)
        self.accept_button.setEnabled(bool(found))
        self.status.setText(
            self.tr("{n} term(s) that jieba splits; tick those to keep whole.").format(n=len(found))
            if found
            else self.tr("No new terms found in the documents.")
        )

    def accept_ticked(self) -> None:
        rows = [self.suggestions.item(i) for i in range(self.suggestions.count())]
        ticked = [r.data(Qt.ItemDataRole.UserRole) for r in rows if r.checkState() == Qt.CheckState.Checked]
        if not ticked:
            self.status.setText(self.tr("Tick the terms to add first."))
            return
        added = self._run(lambda: self.project.words.add(ticked, origin="suggested")) or []
        for r in rows:
            if r.data(Qt.ItemDataRole.UserRole) in ticked:
                self.suggestions.takeItem(self.suggestions.row(r))
        self.refresh()
        self.status.setText(self.tr("Added: {words}").format(words=" ".join(added)))


def install(window) -> None:
    def show() -> LegalWordsDialog:
        dialog = LegalWordsDialog(window)
        dialog.show()
        window.features.legal_words_dialog = dialog
        return dialog

    add_menu_action(window, "tools", window.tr("&Legal words…"), show, name="actionLegalWords")
    window.features.show_legal_words = show
