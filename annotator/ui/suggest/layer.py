"""Tag suggestions in the document view: dashed outlines in the category's colour, learnt on this machine
from the project's own tags (see services/suggestions.py; nothing leaves the machine).

Keys while the document view has the focus: Tab / Shift+Tab step to the next / previous suggestion
(selecting it), Enter accepts it as a normal, undoable tag, a category's key tags it with that category
(the window's own shortcut: the suggestion is the selection), Backspace rejects it (remembered, and
learnt from). Tools → Learn fastest orders the steps most uncertain first and shows less certain
suggestions too. After every decision the models are trained again in a helper process
(services/suggest_process.py: it reads the tags itself, so neither the reading nor the training takes
the window's thread, memory or GIL); a run that a newer decision made stale is cancelled and its result
dropped, so the window never waits for it. The process starts with the first request and stops when
the window closes.

The layer hooks into the view through `DocumentView.paint_layers` and event filters, so the view itself
knows nothing of suggestions.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QKeyEvent, QPainter, QPen, QUndoCommand
from PySide6.QtWidgets import QToolTip

from annotator.core.errors import AnnotatorError
from annotator.learn.data import Suggestion
from annotator.services.suggest_process import Request, Result, SuggestionProcess

LEARN_FASTEST_FLOOR = 0.3  # with "learn fastest", suggestions down to this score are shown
RETRAIN_DELAY_MS = 250  # decisions in quick succession start one training run, not one each
# Above this length (a compiled corpus file rather than one judgment, which runs to about 200,000 characters)
# the view does not suggest by itself: reading every tag and segmenting the whole text after each edit would
# take seconds of the processor the window needs. Tools → Suggest tags in documents… still covers it.
AUTO_MAX_CHARS = 300_000


class SuggestionLayer(QObject):
    """The suggestions of the open document and the keys that decide on them."""

    resultReady = Signal(object)  # a suggest_process.Result (from the process's reader thread)
    updated = Signal()  # the suggestions shown changed (tests and the status bar listen)

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.view = window.view
        self.enabled = window.settings.value("suggestions/show", True, type=bool)
        self.learn_fastest = False
        self.everyone = window.settings.value("suggestions/everyone", False, type=bool)
        self.suggestions: list[Suggestion] = []
        self.current: Suggestion | None = None
        self.busy = False
        self._generation = 0
        self._document_id: int | None = None
        self._colors: dict[int, QColor] = {}
        self._names: dict[int, str] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(RETRAIN_DELAY_MS)
        self._timer.timeout.connect(self.retrain)
        self.resultReady.connect(self._result)
        self.last_result: Result | None = None
        self._process = SuggestionProcess(self._from_process)
        self.view.paint_layers.append(self.paint)
        # Kept: while the view is being destroyed, asking it for its viewport would crash.
        self._viewport = self.view.viewport()
        self.view.installEventFilter(self)
        self._viewport.installEventFilter(self)
        window.documentOpened.connect(self._document_opened)
        window.changesApplied.connect(self._changes_applied)
        window.projectChanged.connect(self._project_changed)
        window.installEventFilter(self)  # its Close stops the process

    # Training ---------------------------------------------------------------------------------------

    def schedule(self) -> None:
        """Train again soon: what is running now is stale from this moment."""
        self._stale()
        self._timer.start()

    def _stale(self) -> None:
        self._generation += 1
        self._process.stale(self._generation)

    def retrain(self) -> None:
        """Ask the helper process to read the tags, train and suggest in the open document."""
        self._timer.stop()
        self._generation += 1  # the request below makes any run still going stale
        generation = self._generation
        doc_id = self.window.document_id
        if not self.enabled or doc_id is None:
            self._process.stale(generation)
            self._show([])
            return
        if self._skip(doc_id):
            self._process.stale(generation)
            return
        me = self.window.annotator.id
        if not self._process.started and not any(
            s.active for s in self.window.project.suggestions.settings(None if self.everyone else [me])
        ):
            # No category can suggest yet (fewer than 10 tags each, none switched on): no process to
            # start for that. Asked again after each change until one can.
            self._show([])
            return
        self.busy = True
        self._process.submit(
            Request(
                generation,
                self.window.project.connect_to,
                None if self.everyone else (me,),
                me,
                doc_id,
                LEARN_FASTEST_FLOOR if self.learn_fastest else None,
            )
        )

    def _skip(self, doc_id: int) -> bool:
        """Whether this document gets no suggestions while tagging (and say why); shows none then."""
        try:
            length = self.window.project.documents.info(doc_id).length
        except AnnotatorError:  # a run scheduled before the project or its document went away
            self._show([])
            return True
        if length > AUTO_MAX_CHARS:
            self._show([])
            # After the window's own "N characters, M tags" line for the document just opened.
            message = self.tr(
                "This document is too long for suggestions while you tag; use Tools → Suggest "
                "tags in documents…"
            )
            QTimer.singleShot(0, lambda: self.window.statusBar().showMessage(message, 8000))
            return True
        return False

    def _from_process(self, result: Result) -> None:
        # On the process's reader thread: hand the result to the window's thread.
        try:
            self.resultReady.emit(result)
        except RuntimeError:  # the window is gone
            pass

    def _result(self, result: Result) -> None:
        if result.generation != self._generation or self.window.document_id != self._document_id:
            return  # a newer run is on its way
        if result.suggestions is None:
            return  # stopped as stale; cannot happen for the newest generation, but never show it
        self.last_result = result
        self._show(result.suggestions)
        if result.error:
            self.window.statusBar().showMessage(
                self.tr("No tag suggestions: {error}").format(error=result.error), 8000
            )

    def _project_changed(self, _location: str) -> None:
        self._stale()
        self._timer.stop()
        self.suggestions, self.current = [], None

    def shutdown(self) -> None:
        """Stop the helper process (the window is closing)."""
        self._timer.stop()
        self._generation += 1
        self._process.close()
        self.busy = False

    def _show(self, found: list[Suggestion]) -> None:
        self.busy = False
        cats = {c.id: c for c in self.window.project.codebook.list(include_archived=True)}
        self._colors = {cid: QColor(c.color) for cid, c in cats.items()}
        self._names = {cid: c.name for cid, c in cats.items()}
        self.suggestions = self._ordered(found)
        if self.current is not None and self.current not in self.suggestions:
            self.current = None
        self.view.viewport().update()
        self.updated.emit()

    def _ordered(self, found: list[Suggestion]) -> list[Suggestion]:
        if self.learn_fastest:
            return sorted(found, key=lambda s: (abs(s.score - 0.5), s.document_id, s.start))
        return sorted(found, key=lambda s: (s.start, s.end, s.category_id))

    def _document_opened(self, document_id: int) -> None:
        self._document_id = document_id
        self.suggestions, self.current = [], None
        self.view.viewport().update()
        self.retrain()

    def _changes_applied(self, changes) -> None:
        if not (
            changes.annotations_added
            or changes.annotations_removed
            or changes.annotations_updated
            or changes.codebook_changed
        ):
            return
        current = self.current
        if current is not None:
            for a in changes.annotations_added:
                # The category key on a selected suggestion: a tag of that passage. Of another category
                # it says the suggested one was wrong.
                if (a.document_id, a.start, a.end) == (current.document_id, current.start, current.end):
                    decide = (
                        self.window.project.suggestions.note_accepted
                        if a.category_id == current.category_id
                        else self.window.project.suggestions.reject
                    )
                    decide([current], self.window.annotator.id)
                    self._drop(current)
                    break
        for a in changes.annotations_added:
            self.suggestions = [
                s
                for s in self.suggestions
                if not (
                    s.document_id == a.document_id
                    and s.category_id == a.category_id
                    and s.start < a.end
                    and s.end > a.start
                )
            ]
        self.view.viewport().update()
        self.schedule()

    # Deciding ---------------------------------------------------------------------------------------

    def step(self, forward: bool = True) -> Suggestion | None:
        """Select the next (or previous) suggestion and scroll to it."""
        if not self.suggestions:
            self.window.statusBar().showMessage(self.tr("No suggestions in this document."), 3000)
            return None
        if self.current in self.suggestions:
            i = self.suggestions.index(self.current) + (1 if forward else -1)
        else:
            i = 0 if forward else len(self.suggestions) - 1
        self._select(self.suggestions[i % len(self.suggestions)])
        return self.current

    def _select(self, s: Suggestion) -> None:
        self.current = s
        self.window.select_annotation(None)
        self.view.reveal_position(s.start)
        self.view.select_range(s.start, s.end)
        self.view.viewport().update()
        self.window.statusBar().showMessage(self._describe(s), 6000)

    def _describe(self, s: Suggestion) -> str:
        return self.tr(
            "Suggested: {cat} (score {score:.2f}). Enter accepts, Backspace rejects, Tab goes on."
        ).format(cat=self._names.get(s.category_id, "?"), score=s.score)

    def _selected_current(self) -> Suggestion | None:
        s = self.current
        if s is None or s not in self.suggestions:
            return None
        return s if self.view.selected_range() == (s.start, s.end) else None

    def accept(self) -> bool:
        s = self._selected_current()
        if s is None:
            return False
        following = self._following(s)
        self._drop(s)
        # Recorded by run(): undoable like any tag; changesApplied retrains.
        self.window.run(lambda: self.window.project.suggestions.accept([s], self.window.annotator.id))
        self._go_on(following)
        return True

    def reject(self) -> bool:
        s = self._selected_current()
        if s is None:
            return False
        following = self._following(s)
        self._drop(s)
        if not reject_undoably(self.window, [s]):
            return True
        self.window.statusBar().showMessage(
            self.tr("Not {cat}: remembered, and learnt from.").format(
                cat=self._names.get(s.category_id, "?")
            ),
            4000,
        )
        self.schedule()
        self._go_on(following)
        return True

    def _following(self, s: Suggestion) -> Suggestion | None:
        i = self.suggestions.index(s)
        rest = self.suggestions[i + 1 :] + self.suggestions[:i]
        return rest[0] if rest else None

    def _go_on(self, following: Suggestion | None) -> None:
        if following is not None and following in self.suggestions:
            self._select(following)
        else:
            self.current = None
            self.view.viewport().update()

    def _drop(self, s: Suggestion) -> None:
        self.suggestions = [x for x in self.suggestions if x != s]
        if self.current == s:
            self.current = None
        self.view.viewport().update()
        self.updated.emit()

    def set_enabled(self, on: bool) -> None:
        self.enabled = on
        self.window.settings.setValue("suggestions/show", on)
        if on:
            self.retrain()
        else:
            self._stale()
            self.current = None
            self._show([])

    def set_learn_fastest(self, on: bool) -> None:
        self.learn_fastest = on
        self.retrain()

    def set_everyone(self, on: bool) -> None:
        self.everyone = on
        self.window.settings.setValue("suggestions/everyone", on)
        self.retrain()

    # Painting, tooltips and keys --------------------------------------------------------------------

    def paint(self, painter: QPainter, clip: QRectF) -> None:
        if not self.suggestions:
            return
        first, last = self.view.visible_range()
        painter.save()
        try:
            for s in self.suggestions:
                if s.end < first or s.start > last + 1:
                    continue
                color = self._colors.get(s.category_id, QColor("#888888"))
                is_current = s == self.current
                pen = QPen(color.darker(120), 2.4 if is_current else 1.4, Qt.PenStyle.DashLine)
                painter.setPen(pen)
                for rect in self.view.range_rects(s.start, s.end, clip):
                    if is_current:
                        fill = QColor(color)
                        fill.setAlpha(45)
                        painter.fillRect(rect, fill)
                    painter.drawRect(rect.adjusted(1, 1, -1, -1))
        finally:
            painter.restore()

    def suggestion_at(self, cp: int | None) -> Suggestion | None:
        if cp is None:
            return None
        inside = [s for s in self.suggestions if s.start <= cp < s.end]
        return min(inside, key=lambda s: s.end - s.start) if inside else None

    def tooltip(self, s: Suggestion) -> str:
        source = (
            self.tr("same text as a tag") if s.source == "same_text" else self.tr("learnt from your tags")
        )
        return self.tr(
            "Suggestion: {cat}\nscore {score:.2f} ({source})\nTab selects it; Enter accepts, "
            "Backspace rejects"
        ).format(cat=self._names.get(s.category_id, "?"), score=s.score, source=source)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        kind = event.type()
        if kind == QEvent.Type.Close and watched is self.window:
            self.shutdown()
            return False
        if kind == QEvent.Type.ToolTip and watched is self._viewport and self.suggestions:
            s = self.suggestion_at(self.view.position_at(QPointF(event.pos())))
            if s is not None and not self.view.spans_at(QPointF(event.pos())):
                QToolTip.showText(event.globalPos(), self.tooltip(s), self._viewport)
                return True
            return False
        if kind == QEvent.Type.KeyPress and watched is self.view and isinstance(event, QKeyEvent):
            return self._key(event)
        return False

    def _key(self, event: QKeyEvent) -> bool:
        key = event.key()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if key == Qt.Key.Key_Tab and mods == Qt.KeyboardModifier.NoModifier and self.suggestions:
            self.step(True)
            return True
        if key == Qt.Key.Key_Backtab and self.suggestions:
            self.step(False)
            return True
        if mods != Qt.KeyboardModifier.NoModifier:
            return False
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return self.accept()
        if key == Qt.Key.Key_Backspace:
            return self.reject()
        return False


class RejectCommand(QUndoCommand):
    """Rejections already recorded; undo forgets them (the passages may be suggested again), redo
    records them again."""

    def __init__(self, window, suggestions: list[Suggestion], uuids: list[str], text: str) -> None:
        super().__init__(text)
        self._window = window
        self._suggestions = suggestions
        self._uuids = uuids
        self._done = True  # QUndoStack.push() calls redo() once; the rejection is already stored

    def redo(self) -> None:
        if self._done:
            return
        self._uuids = self._window.project.suggestions.reject(self._suggestions, self._window.annotator.id)
        self._done = True
        self._retrain()

    def undo(self) -> None:
        self._window.project.suggestions.forget(self._uuids)
        self._done = False
        self._retrain()

    def _retrain(self) -> None:
        layer = self._window.features.suggestion_layer
        if layer is not None:
            layer.retrain()


def reject_undoably(window, suggestions: list[Suggestion]) -> bool:
    """Record rejections and make them one undoable step; False when the service refused."""
    uuids = window.run(
        lambda: window.project.suggestions.reject(suggestions, window.annotator.id), record=False
    )
    if uuids is None:
        return False
    layer = window.features.suggestion_layer
    text = (
        layer.tr("Reject suggestion {cat}").format(cat=layer._names.get(suggestions[0].category_id, ""))
        if len(suggestions) == 1
        else layer.tr("Reject {n} suggestions").format(n=len(suggestions))
    )
    window.undo_stack.push(RejectCommand(window, list(suggestions), uuids, text))
    return True


def install(window) -> None:
    layer = SuggestionLayer(window)
    window.features.suggestion_layer = layer
    tools = window.menus["tools"]
    tools.addSeparator()
    show = QAction(window.tr("Show tag suggestions"), window)
    show.setCheckable(True)
    show.setChecked(layer.enabled)
    show.setShortcut("Ctrl+Shift+G")
    show.toggled.connect(layer.set_enabled)
    tools.addAction(show)
    fastest = QAction(window.tr("Learn fastest (most uncertain suggestions first)"), window)
    fastest.setCheckable(True)
    fastest.toggled.connect(layer.set_learn_fastest)
    tools.addAction(fastest)
    everyone = QAction(window.tr("Learn from everyone's tags (not only mine)"), window)
    everyone.setCheckable(True)
    everyone.setChecked(layer.everyone)
    everyone.toggled.connect(layer.set_everyone)
    tools.addAction(everyone)
    batch = QAction(window.tr("Suggest tags in documents…"), window)
    batch.triggered.connect(lambda: _batch(window))
    tools.addAction(batch)
    settings = QAction(window.tr("Suggestion settings…"), window)
    settings.triggered.connect(lambda: _settings(window))
    tools.addAction(settings)
    window.features.suggestion_actions = {
        "show": show,
        "fastest": fastest,
        "everyone": everyone,
        "batch": batch,
        "settings": settings,
    }


def _batch(window) -> None:
    from annotator.ui.suggest.batch import BatchSuggestDialog

    BatchSuggestDialog(window).exec()


def _settings(window) -> None:
    from annotator.ui.suggest.batch import SuggestionSettingsDialog

    layer = window.features.suggestion_layer
    if SuggestionSettingsDialog(window).exec() and layer is not None:
        layer.retrain()
