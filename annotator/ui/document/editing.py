"""Editing tags and the selection from the keyboard and the mouse.

- Boundaries: move the start or end of the selected passage, or of the active tag when nothing is selected,
  by one jieba word or one character; grow to whole sentences or drop the last one.
- Tags: change the category (its key while the tag is active and nothing is selected, or the context
  menu), resize (the boundary keys, dragging an edge, or re-selecting and "Set tag extent to selection"),
  split at the caret, merge with the next or previous tag of the same category, tag a passage with
  several categories, pick one of several overlapping tags under a click.
- Navigation: next/previous tag (Ctrl+. and Ctrl+,), of the category selected in the codebook panel if
  one is.
- A View option snaps mouse selections outward to word boundaries (kept in the settings).

Every change is one service call recorded on the window's undo stack.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from itertools import compress

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from annotator.core.changes import Changes
from annotator.core.shorten import shorten
from annotator.text.selection import grow_to_sentence, move_edge, shrink_to_sentence
from annotator.ui.common.categories import CATEGORY_ID_ROLE, color_icon

SNAP_SETTING = "editing/snapToWords"


class Editing(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.view = window.view
        self.actions: dict[str, QAction] = {}
        self._build_actions()
        self.view.span_picker = self.pick_tag
        self.view.context_menu_provider = self.fill_context_menu
        self.view.spanResized.connect(self.resize_tag)
        window.changesApplied.connect(self._changes_applied)

    # Actions -------------------------------------------------------------------------------------

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

    # Helpers -------------------------------------------------------------------------------------

    def _status(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 4000)

    def _do(self, call: Callable[[], Changes]) -> Changes | None:
        return self.window.run(call)

    def _active_span(self) -> tuple[int, int, int] | None:
        key = self.window.active_annotation
        return self.view.spans.get(key) if key is not None else None

    def _annotation(self, key: int):
        row = self.window.ann_model.row_of(key)
        return self.window.ann_model.rows[row] if row >= 0 else None

    def _category_name(self, category_id: int) -> str:
        cat = self.window._categories.get(category_id)
        return cat.name if cat else "?"

    # Boundaries ----------------------------------------------------------------------------------

    def move_boundary(self, edge: str, unit: str, direction: int) -> None:
        """Move one edge of the selection, or of the active tag when nothing is selected."""
        self._change_extent(
            lambda text, s, e: move_edge(text, s, e, edge, unit, direction),  # type: ignore[arg-type]
            caret_at_start=edge == "start",
        )

    def select_word_at_caret(self) -> None:
        """The keyboard's double click: select the jieba word at the caret (or just before it at the end)."""
        view = self.view
        if not view.text:
            return
        rng = view.selected_range()
        pos = rng[0] if rng else view.caret()
        view.select_word_at(min(pos, len(view.text) - 1))

    def sentence_step(self, grow: bool) -> None:
        self._change_extent(grow_to_sentence if grow else shrink_to_sentence, caret_at_start=False)

    def _change_extent(
        self, compute: Callable[[str, int, int], tuple[int, int]], caret_at_start: bool
    ) -> None:
        view = self.view
        text = view.text
        rng = view.selected_range()
        if rng is None and self.window.active_annotation is None:
            # Nothing selected and no tag active: the caret is an empty passage, so the keys start a
            # selection from it (a word to the right, the sentence around it, ...).
            pos = view.caret()
            rng = (pos, pos)
        if rng is not None:
            start, end = compute(text, *rng)
            if (start, end) != rng:
                if caret_at_start:
                    view.select_range(end, start)
                else:
                    view.select_range(start, end)
                view.ensureCursorVisible()
            return
        span = self._active_span()
        if span is None:
            return
        start, end = compute(text, span[0], span[1])
        if (start, end) != (span[0], span[1]):
            self._do(lambda: self.window.project.annotations.set_extent(span[2], start, end))

    # Tag edits ------------------------------------------------------------------------------------

    def set_category(self, annotation_id: int, category_id: int) -> Changes | None:
        a = self._annotation(annotation_id)
        if a is None:
            return None
        if a.category_id == category_id:
            self._status(self.tr("The tag already has this category."))
            return None
        return self._do(lambda: self.window.project.annotations.set_category(annotation_id, category_id))

    def add_category(self, annotation_id: int, category_id: int) -> Changes | None:
        """Tag the same passage with another category as well."""
        span = self.view.spans.get(annotation_id)
        if span is None or self.window.document_id is None:
            return None
        changes = self._do(
            lambda: self.window.project.annotations.add(
                self.window.document_id, span[0], span[1], category_id, self.window.annotator.id
            )
        )
        if changes is not None and changes.annotations_added:
            self.window.select_annotation(changes.annotations_added[0].id)
        return changes

    def add_category_by_key(self, key: str) -> Changes | None:
        cat = self.window._shortcuts.get(key)
        active = self.window.active_annotation
        if cat is None or active is None:
            self._status(self.tr("Click a tag first; Alt and a category's key tag its passage again."))
            return None
        return self.add_category(active, cat.id)

    def resize_tag(self, annotation_id: int, start: int, end: int) -> Changes | None:
        changes = self._do(lambda: self.window.project.annotations.set_extent(annotation_id, start, end))
        if changes is None:
            a = self._annotation(annotation_id)
            if a is not None:  # refused: show it where it is
                self.view.add_span(a.id, a.start, a.end)
        return changes

    def set_extent_to_selection(self) -> Changes | None:
        rng = self.view.selected_range()
        key = self.window.active_annotation
        if rng is None or key is None:
            self._status(self.tr("Click a tag, select its new passage, then set its extent."))
            return None
        return self.resize_tag(key, *rng)

    def split_at_caret(self) -> Changes | None:
        key = self.window.active_annotation
        span = self._active_span()
        if key is None or span is None:
            self._status(self.tr("Click a tag first, then put the caret where it should be split."))
            return None
        return self.split(key, self.view.caret())

    def split(self, annotation_id: int, at: int) -> Changes | None:
        span = self.view.spans.get(annotation_id)
        if span is None or not span[0] < at < span[1]:
            self._status(self.tr("The split point must lie inside the tag."))
            return None
        return self._do(lambda: self.window.project.annotations.split(annotation_id, at))

    def neighbour(self, annotation_id: int, direction: int) -> int | None:
        """The nearest tag after (+1) or before (-1) this one with its category and annotator."""
        model = self.window.ann_model
        row = model.row_of(annotation_id)
        if row < 0:
            return None
        c = model.columns  # the list's integer columns: no record is read on the way
        category, annotator = c.category_ids[row], c.annotator_ids[row]
        indices = range(row + 1, len(c)) if direction > 0 else range(row - 1, -1, -1)
        for i in indices:
            if (
                c.category_ids[i] == category
                and c.annotator_ids[i] == annotator
                and c.ids[i] != annotation_id
            ):
                return c.ids[i]
        return None

    def merge_neighbour(self, direction: int, annotation_id: int | None = None) -> Changes | None:
        key = annotation_id if annotation_id is not None else self.window.active_annotation
        if key is None:
            self._status(self.tr("Click a tag first."))
            return None
        other = self.neighbour(key, direction)
        if other is None:
            self._status(self.tr("No other tag of this category to merge with."))
            return None
        changes = self._do(lambda: self.window.project.annotations.merge([key, other]))
        if changes is not None:
            self.window.select_annotation(key)
        return changes

    def edit_memo(self, annotation_id: int | None = None) -> None:
        if annotation_id is not None:
            self.window.select_annotation(annotation_id)
        if self.window.active_annotation is None:
            self._status(self.tr("Click a tag first."))
            return
        self.window.annotations_dock.show()
        self.window.memo_edit.setFocus()

    def delete(self, annotation_id: int) -> None:
        self.window.select_annotation(annotation_id)
        self.window.delete_active()

    def _changes_applied(self, changes: Changes) -> None:
        # A new category or a boundary that moved changes what the codebook panel counts and what the
        # active tag's colour is; added and removed tags are counted by the window already.
        recategorised = any(
            now.category_id != before.category_id
            for now, before in zip(changes.annotations_updated, changes.annotations_previous, strict=False)
        )
        if recategorised:
            self.window.refresh_codebook()

    # Navigation ----------------------------------------------------------------------------------

    def selected_category(self) -> int | None:
        tree = self.window.codebook_tree
        selection = tree.selectionModel()
        indexes = [i.siblingAtColumn(0) for i in selection.selectedIndexes()] if selection else []
        if not indexes:
            return None
        value = indexes[0].data(CATEGORY_ID_ROLE)
        return int(value) if value is not None else None

    def go_to_tag(self, direction: int) -> int | None:
        """Select the next (+1) or previous (-1) tag in text order, of the codebook's selected category
        (and its subcategories) if one is selected; wraps around at the ends."""
        model = self.window.ann_model
        c = model.columns  # sorted by (start, end, id); read as integers, no record per tag
        rows: Sequence[int] = range(len(c))
        wanted = self.selected_category()
        if wanted is not None:
            family = self._with_descendants(wanted)
            rows = list(compress(rows, map(family.__contains__, c.category_ids)))
        if not rows:
            self._status(self.tr("No tags to go to."))
            return None

        def key(row: int) -> tuple[int, int, int]:
            return (c.starts[row], c.ends[row], c.ids[row])

        active = self.window.active_annotation
        current = model.row_of(active) if active is not None else -1
        if current >= 0:
            here = key(current)
        else:
            pos = self.view.caret()
            here = (pos, -1, -1) if direction > 0 else (pos, 1 << 62, 1 << 62)
        if direction > 0:
            i = bisect_right(rows, here, key=key) if current >= 0 else bisect_left(rows, here, key=key)
            i = i if i < len(rows) else 0
        else:
            i = bisect_left(rows, here, key=key) - 1
            i = i if i >= 0 else len(rows) - 1
        target = model.record(rows[i])
        self.window.select_annotation(target.id)
        self.view.reveal_span(target.id)
        where = self.tr("Tag {i} of {n}").format(i=i + 1, n=len(rows))
        if wanted is not None:
            # Say so: a category stays selected in the codebook after it was clicked to tag.
            where += " — " + self._category_name(wanted)
        self._status(where)
        return target.id

    def _with_descendants(self, category_id: int) -> set[int]:
        children: dict[int | None, list[int]] = {}
        for cat in self.window._categories.values():
            children.setdefault(cat.parent_id, []).append(cat.id)
        found, todo = set(), [category_id]
        while todo:
            c = todo.pop()
            if c not in found:
                found.add(c)
                todo.extend(children.get(c, ()))
        return found

    # Mouse: picking among overlaps, the context menu ---------------------------------------------

    def _tag_label(self, key: int) -> str:
        a = self._annotation(key)
        if a is None:
            return "?"
        who = self.window.ann_model.annotators.get(a.annotator_id)
        passage = shorten(a.text, 16)
        return f"{self._category_name(a.category_id)} — {passage} ({who.name if who else '?'})"

    def tag_menu(self, keys: list[int]) -> QMenu:
        """The small menu that lists overlapping tags; each action's data is its annotation id."""
        menu = QMenu(self.window)
        menu.setObjectName("overlapMenu")
        for key in keys:
            a = self._annotation(key)
            color = self.view.span_colors.get(key, "#888888")
            act = menu.addAction(color_icon(color), self._tag_label(key))
            act.setData(key)
            if a is not None and key == self.window.active_annotation:
                menu.setActiveAction(act)
        return menu

    def pick_tag(self, keys: list[int], global_pos: QPoint) -> int | None:
        menu = self.tag_menu(keys)
        chosen = menu.exec(global_pos)
        menu.deleteLater()
        return int(chosen.data()) if chosen is not None else None

    def fill_context_menu(self, menu: QMenu, position: int | None, keys: list[int]) -> None:
        rng = self.view.selected_range()
        cats = [c for c in self.window._categories.values() if not c.archived]
        if rng is not None and self.window.document_id is not None:
            menu.addSeparator()
            tag_as = menu.addMenu(self.tr("Tag selection as"))
            for cat in cats:
                tag_as.addAction(
                    color_icon(cat.color), cat.name, lambda c=cat.id: self.window.tag_selection(c)
                )
        for key in keys:
            a = self._annotation(key)
            if a is None:
                continue
            menu.addSeparator()
            target = (
                menu.addMenu(color_icon(self.view.span_colors.get(key, "#888888")), self._tag_label(key))
                if len(keys) > 1
                else menu
            )
            change = target.addMenu(self.tr("Change category to"))
            also = target.addMenu(self.tr("Also tag this passage as"))
            for cat in cats:
                if cat.id != a.category_id:
                    change.addAction(
                        color_icon(cat.color), cat.name, lambda k=key, c=cat.id: self.set_category(k, c)
                    )
                also.addAction(
                    color_icon(cat.color), cat.name, lambda k=key, c=cat.id: self.add_category(k, c)
                )
            act = target.addAction(
                self.tr("Set extent to selection"), lambda k=key: rng is not None and self.resize_tag(k, *rng)
            )
            act.setEnabled(rng is not None)
            act = target.addAction(self.tr("Split here"), lambda k=key, p=position: self.split(k, p))
            act.setEnabled(position is not None and a.start < position < a.end)
            act = target.addAction(
                self.tr("Merge with next tag of its category"), lambda k=key: self.merge_neighbour(+1, k)
            )
            act.setEnabled(self.neighbour(key, +1) is not None)
            act = target.addAction(
                self.tr("Merge with previous tag of its category"), lambda k=key: self.merge_neighbour(-1, k)
            )
            act.setEnabled(self.neighbour(key, -1) is not None)
            target.addAction(self.tr("Edit memo"), lambda k=key: self.edit_memo(k))
            target.addAction(self.tr("Delete tag"), lambda k=key: self.delete(k))


def _as_bool(value: object) -> bool:
    # QSettings in INI files hands booleans back as the strings "true"/"false".
    return value in (True, "true", "1", 1)


def install(window) -> None:
    # jieba's dictionary (about 80 MB, about 1 s of processor to load from its cache) is loaded by the
    # first word selection (double click, Alt+W, word steps, snapping), not in the background at start-up:
    # a window used only for reading and tagging by sentence never pays for it, and a background load
    # would hold the GIL (the window froze for it all the same) and compete with the first open.
    window.features.editing = Editing(window)
