"""Going from tag to tag: next/previous tag in text order (Ctrl+. and Ctrl+,), of the category
selected in the codebook panel and its subcategories if one is, and a tag's neighbour of the same
category and annotator (what Join merges with).

`TagNavigation` is one part of `Editing` (ui/document/editing.py). It reads the tag list's integer
columns, never a record per tag, so that it stays quick on documents with thousands of tags."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from itertools import compress

from annotator.ui.common.categories import CATEGORY_ID_ROLE


class TagNavigation:
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
