"""Menu entries added by the rooms' `install(window)`: one call for the text, the object name tests
find it by, the shortcut and what it does."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QKeySequence


def add_menu_action(
    window, menu: str, text: str, slot: Callable[[], object], *, name: str = "", shortcut: str = ""
) -> QAction:
    """An entry at the end of `window.menus[menu]` that calls `slot`. Its shortcut, if any, is the
    window's too (added to the window), so it works wherever the focus is, also while the menu bar is
    hidden."""
    act = QAction(text, window)
    if name:
        act.setObjectName(name)
    if shortcut:
        act.setShortcut(QKeySequence(shortcut))
    act.triggered.connect(lambda _checked=False: slot())
    window.menus[menu].addAction(act)
    if shortcut:
        window.addAction(act)
    return act
