"""Indexing imported documents for search after the import: a few documents per turn of the event
loop, with the count left in the status bar.

An import lists its new documents as waiting instead of indexing their text in its own transaction
(store/migrations/m009_search_pending.py says why); search reads their text meanwhile, so it finds
them from the moment the import is done. This takes them up in the background, and on opening a
project that still has some (a crash or a quit before it was finished).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel

from annotator.core.errors import AnnotatorError
from annotator.ui.common.i18n import error_text

BATCH = 2  # documents per transaction: about 40 ms for two of 20,000 characters, so typing stays smooth


class SearchIndexing(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.label = QLabel()
        self.label.setObjectName("searchIndexingLabel")
        self.label.hide()
        window.statusBar().addPermanentWidget(self.label)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(0)
        self.timer.timeout.connect(self._step)

    def start(self) -> None:
        """Index what is waiting, if anything (a read-only project is left as it is)."""
        project = self.window.project
        if project.read_only:
            return
        try:
            left = project.search.pending_indexing()
        except AnnotatorError:
            return
        if left:
            self._show(left)
            self.timer.start()

    def _step(self) -> None:
        try:
            left = self.window.project.search.index_pending(BATCH)
        except AnnotatorError as exc:  # a lock held elsewhere, a full disk: search still reads the texts
            self.label.hide()
            self.window.statusBar().showMessage(error_text(exc), 8000)
            return
        if left:
            self._show(left)
            self.timer.start()
        else:
            self.label.hide()

    def _show(self, left: int) -> None:
        self.label.setText(self.tr("Indexing imported documents for search: {n} left").format(n=left))
        self.label.show()


def install(window) -> None:
    indexing = window.features.search_indexing = SearchIndexing(window)
    window.projectChanged.connect(lambda _path: indexing.start())
    indexing.start()
