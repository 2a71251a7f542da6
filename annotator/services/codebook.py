"""The project's categories."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

from annotator import store
from annotator.core import codebook as codebook_file
from annotator.core.changes import Changes
from annotator.core.errors import InputError, NotFoundError
from annotator.core.messages import QT_TRANSLATE_NOOP, Message
from annotator.core.model import Category


class CodebookService:
    def __init__(self, project) -> None:
        self.project = project

    def list(self, include_archived: bool = False) -> list[Category]:
        return store.codebook.list_categories(include_archived=include_archived)

    def get(self, category_id: int) -> Category:
        found = store.codebook.get_category(category_id)
        if found is None:
            raise NotFoundError(
                Message(QT_TRANSLATE_NOOP("Messages", "no category with id {id}"), id=category_id)
            )
        return found

    def find(self, key: str) -> Category:
        """A category by id, uuid, Chinese or English name (case-insensitive for English)."""
        key = key.strip()
        cats = self.list(include_archived=True)
        for match in (
            lambda c: str(c.id) == key,
            lambda c: c.uuid == key,
            lambda c: c.name == key,
            lambda c: c.name_en.casefold() == key.casefold(),
        ):
            hits = [c for c in cats if match(c)]
            if len(hits) == 1:
                return hits[0]
        raise NotFoundError(Message(QT_TRANSLATE_NOOP("Messages", "no category named {name!r}"), name=key))

    def by_shortcut(self) -> dict[str, Category]:
        return {c.shortcut: c for c in self.list() if c.shortcut}

    def import_file(self, path: str | Path) -> Changes:
        entries = codebook_file.load(path)
        with store.project.transaction():
            added = store.codebook.insert_codebook(entries)
        return Changes(
            action=Message(QT_TRANSLATE_NOOP("Messages", "Import codebook")), categories_added=tuple(added)
        )

    def export_file(self, path: str | Path) -> None:
        from annotator.services.outputs import write_file

        data = codebook_file.to_json(self.list(include_archived=True))
        text = json.dumps(data, ensure_ascii=False, indent=2)
        write_file(self.project.path, path, lambda partial: partial.write_text(text, encoding="utf-8"))

    # Editing ---------------------------------------------------------------------------------------
    # Each edit is one transaction returning Changes with the categories as they were before, so that
    # `revert` (services/undo.py) can put them back.

    def add(
        self,
        name: str,
        name_en: str = "",
        *,
        parent_id: int | None = None,
        color: str = "#888888",
        description: str = "",
        shortcut: str = "",
    ) -> Changes:
        name = self._check_name(name)
        color = self._check_color(color)
        with store.project.transaction():
            if parent_id is not None:
                self.get(parent_id)
            self._check_unique_name(name)
            freed = self._free_shortcut(shortcut, None)
            added = store.codebook.insert_category(
                name=name,
                name_en=name_en.strip(),
                description=description,
                color=color,
                shortcut=shortcut,
                parent_id=parent_id,
                order=store.codebook.max_category_order() + 1,
            )
        return Changes(
            action=Message(QT_TRANSLATE_NOOP("Messages", "Add category {name}"), name=name),
            categories_added=(added,),
            categories_updated=tuple(u for u, _ in freed),
            categories_previous=tuple(p for _, p in freed),
        )

    def rename(self, category_id: int, name: str | None = None, name_en: str | None = None) -> Changes:
        fields: dict = {}
        if name is not None:
            fields["name"] = self._check_name(name)
        if name_en is not None:
            fields["name_en"] = name_en.strip()
        with store.project.transaction():
            if "name" in fields:
                self._check_unique_name(fields["name"], category_id)
            return self._edit(category_id, QT_TRANSLATE_NOOP("Messages", "Rename category {name}"), fields)

    def recolor(self, category_id: int, color: str) -> Changes:
        with store.project.transaction():
            return self._edit(
                category_id,
                QT_TRANSLATE_NOOP("Messages", "Recolour category {name}"),
                {"color": self._check_color(color)},
            )

    def set_rule(self, category_id: int, description: str) -> Changes:
        with store.project.transaction():
            return self._edit(
                category_id,
                QT_TRANSLATE_NOOP("Messages", "Edit coding rule of {name}"),
                {"description": description},
            )

    def set_shortcut(self, category_id: int, key: str) -> Changes:
        """Give a category a number key; the category that had it loses it (in the same action)."""
        if key not in ("", *codebook_file.SHORTCUT_KEYS):
            raise InputError(
                Message(
                    QT_TRANSLATE_NOOP("Messages", "shortcut {key!r} must be one of 0–9 (or empty)"), key=key
                )
            )
        with store.project.transaction():
            freed = self._free_shortcut(key, category_id)
            own = self._edit(
                category_id, QT_TRANSLATE_NOOP("Messages", "Set key of {name}"), {"shortcut": key}
            )
        return replace(
            own,
            categories_updated=own.categories_updated + tuple(u for u, _ in freed),
            categories_previous=own.categories_previous + tuple(p for _, p in freed),
        )

    def move(self, category_id: int, parent_id: int | None, position: int | None = None) -> Changes:
        """Re-parent a category (None: top level) and put it at `position` among its new siblings
        (None: last). Siblings are renumbered so the order is explicit."""
        with store.project.transaction():
            moving = self.get(category_id)
            if parent_id is not None:
                self.get(parent_id)
                if parent_id in codebook_file.descendants(self.list(include_archived=True), {category_id}):
                    raise InputError(
                        Message(
                            QT_TRANSLATE_NOOP(
                                "Messages", "category {name!r} cannot go inside itself or its subcategories"
                            ),
                            name=moving.name,
                        )
                    )
            siblings = [
                c
                for c in self.list(include_archived=True)
                if c.parent_id == parent_id and c.id != category_id
            ]
            siblings.sort(key=lambda c: (c.order, c.id))
            pos = len(siblings) if position is None else max(0, min(position, len(siblings)))
            siblings.insert(pos, moving)
            updated, previous = [], []
            for order, c in enumerate(siblings):
                if c.order != order or c.parent_id != parent_id:
                    previous.append(c)
                    updated.append(store.codebook.update_category(c.id, parent_id=parent_id, order=order))
        return Changes(
            action=Message(QT_TRANSLATE_NOOP("Messages", "Move category {name}"), name=moving.name),
            categories_updated=tuple(updated),
            categories_previous=tuple(previous),
        )

    def archive(self, category_id: int, archived: bool = True) -> Changes:
        """Hide a category and its subcategories from tagging; their tags stay and can be exported."""
        with store.project.transaction():
            target = self.get(category_id)
            ids = codebook_file.descendants(self.list(include_archived=True), {category_id})
            updated, previous = [], []
            for c in self.list(include_archived=True):
                if c.id in ids and c.archived != archived:
                    previous.append(c)
                    updated.append(store.codebook.update_category(c.id, archived=archived))
        verb = (
            QT_TRANSLATE_NOOP("Messages", "Archive category {name}")
            if archived
            else QT_TRANSLATE_NOOP("Messages", "Unarchive category {name}")
        )
        return Changes(
            action=Message(verb, name=target.name),
            categories_updated=tuple(updated),
            categories_previous=tuple(previous),
        )

    def merge(self, source_id: int, target_id: int) -> Changes:
        """Fold `source` into `target`: its tags and subcategories move to target, then it is removed."""
        if source_id == target_id:
            raise InputError(
                Message(QT_TRANSLATE_NOOP("Messages", "a category cannot be merged into itself"))
            )
        with store.project.transaction():
            source, target = self.get(source_id), self.get(target_id)
            if target_id in codebook_file.descendants(self.list(include_archived=True), {source_id}):
                raise InputError(
                    Message(
                        QT_TRANSLATE_NOOP(
                            "Messages", "{name!r} cannot be merged into its own subcategory {target!r}"
                        ),
                        name=source.name,
                        target=target.name,
                    )
                )
            # In bulk: a category can hold tens of thousands of tags.
            ann_prev = store.tags.list_annotations(category_ids=[source_id])
            store.tags.set_categories({a.id: target_id for a in ann_prev})
            ann_new = store.tags.annotations_in_order([a.id for a in ann_prev])
            moved = self._reparent_children(source_id, target_id)
            removed = store.codebook.set_category_removed(source_id, True)
        return Changes(
            action=Message(
                QT_TRANSLATE_NOOP("Messages", "Merge {name} into {target}"),
                name=source.name,
                target=target.name,
            ),
            annotations_updated=tuple(ann_new),
            annotations_previous=tuple(ann_prev),
            categories_removed=(removed,),
            categories_updated=tuple(u for u, _ in moved),
            categories_previous=tuple(p for _, p in moved),
        )

    def remove(self, category_id: int) -> Changes:
        """Delete a category: its tags are removed with it (kept in the audit trail, restored by undo)
        and its subcategories move up to its parent."""
        with store.project.transaction():
            doomed = self.get(category_id)
            removed_tags = store.tags.list_annotations(category_ids=[category_id])
            store.tags.set_deleted_many([a.id for a in removed_tags], True)
            moved = self._reparent_children(category_id, doomed.parent_id)
            removed = store.codebook.set_category_removed(category_id, True)
        return Changes(
            action=Message(QT_TRANSLATE_NOOP("Messages", "Delete category {name}"), name=doomed.name),
            annotations_removed=tuple(removed_tags),
            categories_removed=(removed,),
            categories_updated=tuple(u for u, _ in moved),
            categories_previous=tuple(p for _, p in moved),
        )

    def tag_count(self, category_id: int) -> int:
        """Live tags of a category in the project (what deleting it would remove)."""
        return len(store.codebook.live_annotations_of(category_id))

    def counts(self, document_id: int | None = None, annotator_id: int | None = None) -> dict[int, int]:
        """Live tags per category id, in one document or the whole project."""
        return store.codebook.category_counts(document_id, annotator_id)

    def revert(self, changes: Changes) -> Changes:
        """Undo what `changes` did to categories (not their tags: see services/undo.py)."""
        added, removed, updated, previous = [], [], [], []
        with store.project.transaction():
            for c in changes.categories_removed:
                added.append(store.codebook.set_category_removed(c.id, False))
            for old in changes.categories_previous:
                current = store.codebook.get_category(old.id)
                if current is None:
                    raise NotFoundError(f"no category with id {old.id}")
                previous.append(current)
                updated.append(store.codebook.write_category(old))
            for c in changes.categories_added:
                removed.append(store.codebook.set_category_removed(c.id, True))
        return Changes(
            action=changes.action,
            categories_added=tuple(added),
            categories_removed=tuple(removed),
            categories_updated=tuple(updated),
            categories_previous=tuple(previous),
        )

    # Helpers ---------------------------------------------------------------------------------------

    def _edit(self, category_id: int, action: str, fields: dict) -> Changes:
        current = self.get(category_id)
        if all(getattr(current, k) == v for k, v in fields.items()):
            return Changes(action=Message(action, name=current.name))
        updated = store.codebook.update_category(category_id, **fields)
        return Changes(
            action=Message(action, name=updated.name),
            categories_updated=(updated,),
            categories_previous=(current,),
        )

    def _reparent_children(self, category_id: int, new_parent: int | None) -> list[tuple[Category, Category]]:
        base = store.codebook.max_category_order() + 1
        out = []
        for i, child in enumerate(c for c in self.list(include_archived=True) if c.parent_id == category_id):
            out.append(
                (store.codebook.update_category(child.id, parent_id=new_parent, order=base + i), child)
            )
        return out

    def _free_shortcut(self, key: str, keep_id: int | None) -> list[tuple[Category, Category]]:
        if not key:
            return []
        return [
            (store.codebook.update_category(c.id, shortcut=""), c)
            for c in self.list(include_archived=True)
            if c.shortcut == key and c.id != keep_id
        ]

    def _check_unique_name(self, name: str, own_id: int | None = None) -> None:
        for c in self.list(include_archived=True):
            if c.name == name and c.id != own_id:
                raise InputError(
                    Message(
                        QT_TRANSLATE_NOOP("Messages", "a category named {name!r} already exists"), name=name
                    )
                )

    @staticmethod
    def _check_name(name: str) -> str:
        problem = codebook_file.name_problem(name)
        if problem:
            raise InputError(problem)
        return name.strip()

    @staticmethod
    def _check_color(color: str) -> str:
        if not re.match(r"^#[0-9A-Fa-f]{6}$", color or ""):
            raise InputError(
                Message(
                    QT_TRANSLATE_NOOP("Messages", "colour {color!r} is not of the form #RRGGBB"), color=color
                )
            )
        return color.upper()
