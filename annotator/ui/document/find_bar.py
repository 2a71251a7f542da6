"""Find in the open document: a bar under the text (Ctrl+F), every hit outlined, F3 / Shift+F3 to step.

The search runs over the stored text in Python, so offsets are code points like everything else and a
character outside the BMP counts as one; the view converts to Qt's units when it paints. The current hit
is selected, so it can be tagged with a category key.

Keys: what is typed in the field is the query (digits too: 第2条, 2019); Enter (Shift+Enter) moves the
keyboard focus to the current hit in the text, where a category key tags it and Enter (Shift+Enter) or F3
(Shift+F3) step to the next (previous) hit; Esc closes the bar, from the field or from the text.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QToolButton, QVBoxLayout, QWidget

# More hits than this are not worth outlining one by one (a one-character query in a 1M-character text).
MAX_HITS = 100_000
TYPING_DELAY_MS = 150


def find_all(text: str, query: str, match_case: bool = False, limit: int = MAX_HITS) -> list[int]:
    """Start offsets (code points) of the non-overlapping occurrences of `query` in `text`."""
    if not query:
        return []
    pattern = re.compile(re.escape(query), 0 if match_case else re.IGNORECASE)
    starts: list[int] = []
    for m in pattern.finditer(text):
        starts.append(m.start())
        if len(starts) >= limit:
            break
    return starts


class FindBar(QWidget):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.setObjectName("findBar")
        self.window_ = window
        self.view = window.view
        self.hits: list[int] = []
        self.length = 0
        self.index = -1
        self._last_found = ""  # the last query that had hits

        self.field = QLineEdit()
        self.field.setObjectName("findField")
        self.field.setPlaceholderText(self.tr("Find in document"))
        self.field.setClearButtonEnabled(True)
        self.field.installEventFilter(self)
        self.previous_button = QToolButton()
        self.previous_button.setArrowType(Qt.ArrowType.UpArrow)
        self.previous_button.setToolTip(self.tr("Previous hit (Shift+F3)"))
        self.next_button = QToolButton()
        self.next_button.setArrowType(Qt.ArrowType.DownArrow)
        self.next_button.setToolTip(self.tr("Next hit (F3)"))
        self.match_case = QCheckBox(self.tr("Match case"))
        self.count = QLabel()
        self.count.setObjectName("findCount")
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip(self.tr("Close (Esc)"))

        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 3, 6, 3)
        layout.addWidget(QLabel(self.tr("Find:")))
        layout.addWidget(self.field, 1)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.next_button)
        layout.addWidget(self.match_case)
        layout.addWidget(self.count)
        layout.addWidget(self.close_button)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TYPING_DELAY_MS)
        self._timer.timeout.connect(self.search)
        self.field.textChanged.connect(self._timer.start)
        self.match_case.toggled.connect(self.search)
        self.next_button.clicked.connect(self.find_next)
        self.previous_button.clicked.connect(self.find_previous)
        self.close_button.clicked.connect(self.close_bar)
        self.hide()

    # What the user does ---------------------------------------------------------------------------

    def open_bar(self) -> None:
        """Show the bar with the field focused; a short one-line selection becomes the query."""
        rng = self.view.selected_range()
        if rng is not None and 0 < rng[1] - rng[0] <= 100:
            selected = self.view.text[rng[0] : rng[1]]
            if "\n" not in selected:
                self.field.setText(selected)
        self.show()
        self.field.setFocus()
        self.field.selectAll()
        if self.field.text() and not self.hits:
            self.search()

    def close_bar(self) -> None:
        self._timer.stop()
        self.hide()
        self.hits, self.length, self.index = [], 0, -1
        self.view.set_find_hits([], 0)
        self.view.setFocus()

    def search(self) -> None:
        """Find every hit of the query and go to the first one at or after the caret."""
        self._timer.stop()
        query = self.field.text()
        self.hits = find_all(self.view.text, query, self.match_case.isChecked())
        self.length = len(query)
        typed_key = (
            not self.hits
            and self._last_found
            and query[:-1] == self._last_found
            and query[-1:] in "1234567890"
        )
        if self.hits:
            self._last_found = query
        self.index = -1
        self.view.set_find_hits(self.hits, self.length)
        if self.hits:
            rng = self.view.selected_range()
            from_pos = rng[0] if rng else self.view.caret()
            self._go(bisect_left(self.hits, from_pos) % len(self.hits))
        else:
            self._show_count()
            if typed_key:
                # A category key pressed while the field had the focus went into the query: say how to tag.
                self.window_.statusBar().showMessage(
                    self.tr(
                        "“{key}” went into the search box. To tag the hit, press Enter, then the key."
                    ).format(key=query[-1]),
                    10000,
                )

    def find_next(self) -> None:
        self._step(+1)

    def find_previous(self) -> None:
        self._step(-1)

    def _step(self, direction: int) -> None:
        if self._timer.isActive() or (not self.hits and self.field.text()):
            self.search()
            if direction > 0 or not self.hits:
                return
        if not self.hits:
            self.open_bar()
            return
        if self.index < 0:
            pos = self.view.caret()
            i = bisect_right(self.hits, pos) if direction > 0 else bisect_left(self.hits, pos) - 1
        else:
            i = self.index + direction
        self._go(i % len(self.hits))

    def _go(self, i: int) -> None:
        self.index = i
        start = self.hits[i]
        self.view.select_range(start, start + self.length)
        self.view.set_current_hit(start)
        self.view.reveal_range(start, start + self.length)
        self._show_count()

    def hint_text(self) -> str:
        return self.tr("Enter: go to the hit, then a category key tags it")

    def go_to_hit(self, direction: int = 0) -> bool:
        """Enter in the field: move the keyboard focus to the current hit (the next or previous one with
        `direction`), so that a category key tags it. False (focus stays) when nothing matches."""
        if self._timer.isActive() or (not self.hits and self.field.text()):
            self.search()
        elif self.hits and direction:
            self._step(direction)
        if not self.hits:
            return False
        if self.index < 0:
            self._go(0)
        else:
            start = self.hits[self.index]
            if self.view.selected_range() != (start, start + self.length):
                self._go(self.index)  # the reader clicked elsewhere meanwhile: select the hit again
        self.view.setFocus()
        return True

    def _show_count(self) -> None:
        if self.hits and self.field.hasFocus():
            # In the status bar, not in the bar: a wider bar would narrow the docks and reflow the text.
            self.window_.statusBar().showMessage(self.hint_text(), 8000)
        if not self.field.text():
            self.count.setText("")
        elif not self.hits:
            self.count.setText(self.tr("No match"))
        else:
            total = f"{len(self.hits):,}" + ("+" if len(self.hits) >= MAX_HITS else "")
            self.count.setText(self.tr("{i} of {n}").format(i=self.index + 1, n=total))

    def document_changed(self, _document_id: int = 0) -> None:
        if self.isVisible() and self.field.text():
            self.search()
        else:
            self.hits, self.length, self.index = [], 0, -1

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            backwards = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            if watched is self.field:
                if enter:
                    self.go_to_hit(-1 if backwards else 0)
                    return True
                if event.key() == Qt.Key.Key_Escape:
                    self.close_bar()
                    return True
            elif watched is self.view and self.isVisible():
                # In the text, while the bar is open: Enter steps through the hits, Esc closes the bar.
                if enter and self.hits:
                    self._step(-1 if backwards else 1)
                    return True
                if event.key() == Qt.Key.Key_Escape:
                    self.close_bar()
                    return True
        return super().eventFilter(watched, event)


def install(window) -> None:
    bar = FindBar(window)
    # The bar sits under the text: the central widget becomes a column of the view and the bar.
    view = window.takeCentralWidget()
    column = QWidget(window)
    column.setObjectName("documentColumn")
    layout = QVBoxLayout(column)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addWidget(view, 1)
    layout.addWidget(bar)
    window.setCentralWidget(column)
    window.features.find_bar = bar
    window.view.installEventFilter(bar)
    window.documentOpened.connect(bar.document_changed)
    window.projectChanged.connect(lambda _path: bar.document_changed())  # hits of the old text are void

    edit = window.menus["edit"]
    edit.addSeparator()
    for text, keys, slot in (
        (bar.tr("&Find…"), [QKeySequence.StandardKey.Find], bar.open_bar),
        (bar.tr("Find ne&xt"), [QKeySequence("F3")], bar.find_next),
        (bar.tr("Find pre&vious"), [QKeySequence("Shift+F3")], bar.find_previous),
    ):
        act = QAction(text, window)
        shortcuts: list[QKeySequence] = []
        for key in keys:
            shortcuts.extend(
                QKeySequence.keyBindings(key) if isinstance(key, QKeySequence.StandardKey) else [key]
            )
        act.setShortcuts(shortcuts)
        act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        act.triggered.connect(lambda checked=False, s=slot: s())
        edit.addAction(act)
