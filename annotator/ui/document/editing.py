"""Editing tags and the selection from the keyboard and the mouse.

- Boundaries: move the start or end of the selected passage, or of the active tag when nothing is selected,
  by one jieba word or one character; grow to whole sentences or drop the last one.
- Tags: change the category (its key while the tag is active and nothing is selected, or the context
  menu), resize (the boundary keys, dragging an edge, or re-selecting and "Set tag extent to selection"),
  split at the caret, merge with the next or previous tag of the same category, tag a passage with
  several categories, pick one of several overlapping tags under a click.
- Navigation: next/previous tag (Ctrl+. and Ctrl+,), of the category selected in the codebook panel if
  one is (ui/document/tag_navigation.py).
- A View option snaps mouse selections outward to word boundaries (kept in the settings;
  ui/document/edit_actions.py, which holds the menus and keys).
- The menus over the text (ui/document/tag_menus.py).

Every change is one service call recorded on the window's undo stack.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

from annotator.core.changes import Changes
from annotator.text.selection import grow_to_sentence, move_edge, shrink_to_sentence
from annotator.ui.document.edit_actions import EditActions
from annotator.ui.document.tag_menus import TagMenus
from annotator.ui.document.tag_navigation import TagNavigation


class Editing(EditActions, TagNavigation, TagMenus, QObject):
    """The window's tag editing: its menus and keys (EditActions), going from tag to tag
    (TagNavigation), the mouse's menus (TagMenus) and, here, the boundary steps and the tag edits."""

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


def install(window) -> None:
    # jieba's dictionary (about 80 MB, about 1 s of processor to load from its cache) is loaded by the
    # first word selection (double click, Alt+W, word steps, snapping), not in the background at start-up:
    # a window used only for reading and tagging by sentence never pays for it, and a background load
    # would hold the GIL (the window froze for it all the same) and compete with the first open.
    window.features.editing = Editing(window)
