"""The Edit and View menu entries of tag editing and their keys: boundary steps, sentence steps,
set extent, split, join, memo, Alt + a category's key, next/previous tag, and View → Snap selection
to words (kept in the settings).

`EditActions` is one part of `Editing` (ui/document/editing.py), whose methods the actions call."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

SNAP_SETTING = "editing/snapToWords"


class EditActions:
    def _action(
        self,
        menu: QMenu,
        name: str,
        text: str,
        shortcuts: list[str],
        slot: Callable[[], object],
        everywhere: bool = False,
    ) -> QAction:
        """An action in `menu`. Its keys work while the document or the tag list has the focus, so
        that panels with keys of their own (the codebook tree moves categories with Alt+Up) keep them;
        `everywhere` makes them work in the whole window."""
        act = QAction(text, self.window)
        act.setShortcuts([QKeySequence(s) for s in shortcuts])
        if everywhere:
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        else:
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.view.addAction(act)
            self.window.ann_table.addAction(act)
        act.triggered.connect(lambda checked=False: slot())
        menu.addAction(act)
        self.actions[name] = act
        return act

    def _build_actions(self) -> None:
        edit = self.window.menus["edit"]
        edit.addSeparator()
        bounds = edit.addMenu(self.tr("&Boundaries"))
        bounds.setToolTipsVisible(True)
        for name, text, keys, edge, unit, direction in (
            ("end_word_right", self.tr("End: one word further"), ["Alt+Right"], "end", "word", 1),
            ("end_word_left", self.tr("End: one word back"), ["Alt+Left"], "end", "word", -1),
            ("start_word_left", self.tr("Start: one word earlier"), ["Alt+Shift+Left"], "start", "word", -1),
            ("start_word_right", self.tr("Start: one word later"), ["Alt+Shift+Right"], "start", "word", 1),
            ("end_char_right", self.tr("End: one character further"), ["Ctrl+Alt+Right"], "end", "char", 1),
            ("end_char_left", self.tr("End: one character back"), ["Ctrl+Alt+Left"], "end", "char", -1),
            (
                "start_char_left",
                self.tr("Start: one character earlier"),
                ["Ctrl+Alt+Shift+Left"],
                "start",
                "char",
                -1,
            ),
            (
                "start_char_right",
                self.tr("Start: one character later"),
                ["Ctrl+Alt+Shift+Right"],
                "start",
                "char",
                1,
            ),
        ):
            self._action(
                bounds, name, text, keys, lambda e=edge, u=unit, d=direction: self.move_boundary(e, u, d)
            )
        bounds.addSeparator()
        self._action(
            bounds,
            "select_word",
            self.tr("Select the word at the caret"),
            ["Alt+W"],
            self.select_word_at_caret,
        )
        self._action(
            bounds,
            "grow_sentence",
            self.tr("Grow to the sentence"),
            ["Alt+Up"],
            lambda: self.sentence_step(grow=True),
        )
        self._action(
            bounds,
            "shrink_sentence",
            self.tr("Drop the last sentence"),
            ["Alt+Down"],
            lambda: self.sentence_step(grow=False),
        )

        self._action(
            edit,
            "set_extent",
            self.tr("Set tag e&xtent to selection"),
            ["Ctrl+R"],
            self.set_extent_to_selection,
        )
        self._action(edit, "split", self.tr("S&plit tag at caret"), ["Ctrl+Shift+S"], self.split_at_caret)
        self._action(
            edit,
            "merge_next",
            self.tr("&Join with next tag of its category"),
            ["Ctrl+Shift+J"],
            lambda: self.merge_neighbour(+1),
        )
        self._action(
            edit,
            "merge_previous",
            self.tr("Join with pre&vious tag of its category"),
            ["Ctrl+Alt+J"],
            lambda: self.merge_neighbour(-1),
        )
        self._action(edit, "edit_memo", self.tr("Edit &memo"), ["F2"], self.edit_memo)
        # Alt + a category's key tags the active tag's passage with that category as well.
        for key in "1234567890":
            act = QAction(self.window)
            act.setShortcut(QKeySequence(f"Alt+{key}"))
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.triggered.connect(lambda checked=False, k=key: self.add_category_by_key(k))
            self.view.addAction(act)
            self.window.ann_table.addAction(act)
            self.actions[f"also_{key}"] = act

        edit.addSeparator()
        self._action(
            edit,
            "next_tag",
            self.tr("Ne&xt tag"),
            ["Ctrl+.", "Alt+PgDown"],
            lambda: self.go_to_tag(+1),
            everywhere=True,
        )
        self._action(
            edit,
            "previous_tag",
            self.tr("Pre&vious tag"),
            ["Ctrl+,", "Alt+PgUp"],
            lambda: self.go_to_tag(-1),
            everywhere=True,
        )

        view_menu = self.window.menus["view"]
        view_menu.addSeparator()
        snap = QAction(self.tr("&Snap selection to words"), self.window)
        snap.setCheckable(True)
        snap.setToolTip(self.tr("A selection made with the mouse grows to whole words when you let go"))
        snap.setChecked(_as_bool(self.window.settings.value(SNAP_SETTING, False)))
        snap.toggled.connect(self.set_snap_to_words)
        view_menu.addAction(snap)
        self.actions["snap"] = snap
        self.view.snap_to_words = snap.isChecked()

    def set_snap_to_words(self, on: bool) -> None:
        self.view.snap_to_words = on
        self.window.settings.setValue(SNAP_SETTING, on)
        if self.actions["snap"].isChecked() != on:
            self.actions["snap"].setChecked(on)


def _as_bool(value: object) -> bool:
    # QSettings in INI files hands booleans back as the strings "true"/"false".
    return value in (True, "true", "1", 1)
