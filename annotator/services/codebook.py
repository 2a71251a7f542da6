"""The project's categories."""

from __future__ import annotations

import json
from pathlib import Path

from annotator.core import codebook as codebook_file
from annotator.core.changes import Changes
from annotator.core.errors import NotFoundError
from annotator.core.model import Category
from annotator.store import repo


class CodebookService:
    def __init__(self, project) -> None:
        self.project = project

    def list(self, include_archived: bool = False) -> list[Category]:
        return repo.list_categories(include_archived=include_archived)

    def get(self, category_id: int) -> Category:
        found = repo.get_category(category_id)
        if found is None:
            raise NotFoundError(f"no category with id {category_id}")
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
        raise NotFoundError(f"no category named {key!r}")

    def by_shortcut(self) -> dict[str, Category]:
        return {c.shortcut: c for c in self.list() if c.shortcut}

    def import_file(self, path: str | Path) -> Changes:
        entries = codebook_file.load(path)
        with repo.transaction():
            added = repo.insert_codebook(entries)
        return Changes(action="Import codebook", categories_added=tuple(added))

    def export_file(self, path: str | Path) -> None:
        data = codebook_file.to_json(self.list(include_archived=True))
        Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
