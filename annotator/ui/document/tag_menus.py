"""The mouse's menus over the text: picking one of several overlapping tags under a click, and the
context menu (tag the selection as, change category, also tag as, set extent, split, join, memo,
delete).

`TagMenus` is one part of `Editing` (ui/document/editing.py), whose edits the entries call."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QMenu

from annotator.core.shorten import shorten
from annotator.ui.common.categories import color_icon


class TagMenus:
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
