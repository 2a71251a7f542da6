"""The annotation-intake pipeline that import (services/imports.py) and merge (services/merge.py) are
two front ends of:

    input (an exchange file, a json bundle, another project)
      → `Incoming` (core/intake.py, one record type whatever the input)
      → matching against the project: documents by uuid, then by the SHA-256 of their text
        (services/matching.py); categories by uuid, then by name (`CategoryIndex`); tags by uuid, then by
        span + category + annotator (`match_tags`)
      → a plan: tags to add, identical ones (already here), conflicts (our uuid, other content),
        removed here since, and what cannot be placed
      → the preview (each front end's plan and summary)
      → one bulk writer (`write_tags`, store/tags.py), in the front end's transaction, with progress
        and cancel.

The front ends differ only in policy: an import skips a conflict (the file cannot say which side is
newer) and creates annotators by name; a merge shows conflicts for the user to settle, restores
documents and categories removed here, and keeps annotators apart by uuid.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from annotator import store
from annotator.core.intake import IncomingTag
from annotator.core.model import Annotation, Category
from annotator.formats.base import Progress, report


@dataclass(slots=True)
class PlacedTag:
    """An incoming tag placed on this project: its document, offsets and context over our text."""

    tag: IncomingTag
    document: int | None  # id here; None while its document is still to be created
    start: int
    end: int
    category: int | None  # id here; None while its category is still to be created
    annotator: int | str | None  # id here, or the name/key of an annotator to be created
    before: str = ""
    after: str = ""


@dataclass
class TagPlan:
    """What the tags of an input would do here."""

    add: list[PlacedTag] = field(default_factory=list)
    identical: int = 0  # already here (same uuid and content, or same span, category and annotator)
    conflicts: list[tuple[PlacedTag, tuple]] = field(
        default_factory=list
    )  # (theirs, our row: store.tags.KEY_COLUMNS)
    removed_here: int = 0  # the uuid of a tag removed here since: not brought back


def match_tags(placed: Iterable[PlacedTag], *, rows: dict[str, tuple] | None = None) -> TagPlan:
    """Classify placed tags against the project: by uuid first (identical, conflict, or removed here),
    then, without a uuid match, by document + span + category + annotator among live tags. Within the
    input, a uuid given twice, or the same span, category and annotator given twice without a uuid,
    counts once. `rows` are our tags by uuid (`store.tags.annotation_keys`) when the caller has read them."""
    placed = list(placed)
    plan = TagPlan()
    if rows is None:
        rows = store.tags.annotation_keys(p.tag.uuid for p in placed if p.tag.uuid)
    live = store.tags.live_keys({p.document for p in placed if p.document is not None})
    start_i, end_i, memo_i, doc_i, cat_i, del_i = (
        store.tags.START,
        store.tags.END,
        store.tags.MEMO,
        store.tags.DOCUMENT,
        store.tags.CATEGORY,
        store.tags.DELETED,
    )
    seen_uuids: set[str] = set()
    seen_keys: set[tuple] = set()
    add = plan.add.append
    for p in placed:
        uuid = p.tag.uuid
        row = rows.get(uuid) if uuid else None
        if row is not None:
            if row[del_i] is not None:
                plan.removed_here += 1
            elif (
                row[start_i] == p.start
                and row[end_i] == p.end
                and (row[memo_i] or "") == p.tag.memo
                and row[doc_i] == p.document
                and row[cat_i] == p.category
            ):
                plan.identical += 1
            else:
                plan.conflicts.append((p, row))
            continue
        key = (
            p.document if p.document is not None else p.tag.document_key,
            p.start,
            p.end,
            p.category if p.category is not None else p.tag.category_key,
            p.annotator,
        )
        if key in live:
            plan.identical += 1
            continue
        if uuid:
            if uuid in seen_uuids:
                plan.identical += 1
                continue
            seen_uuids.add(uuid)
        else:
            if key in seen_keys:
                plan.identical += 1
                continue
            seen_keys.add(key)
        add(p)
    return plan


class CategoryIndex:
    """The project's categories, read once: by uuid (removed ones included, so that a merge can bring
    one back) and by name among the live ones."""

    def __init__(self) -> None:
        self.all: list[tuple[Category, bool]] = store.codebook.all_categories()
        self.by_uuid: dict[str, tuple[Category, bool]] = {c.uuid: (c, removed) for c, removed in self.all}
        self.by_name: dict[str, list[Category]] = {}
        for c, removed in self.all:
            if not removed:
                self.by_name.setdefault(c.name, []).append(c)
        self._loose: dict[str, Category] | None = None

    def live_uuid(self, uuid: str | None) -> Category | None:
        found = self.by_uuid.get(uuid) if uuid else None
        return found[0] if found is not None and not found[1] else None

    def named(self, name: str) -> list[Category]:
        """Live categories with exactly this name, oldest first."""
        return self.by_name.get(name, [])

    def loosely_named(self, name: str) -> Category | None:
        """A live category by name as other tools spell it: exactly, ignoring case, by its English
        name, or with `_` for spaces (brat types)."""
        if self._loose is None:
            self._loose = {}
            live = [c for c, removed in self.all if not removed]
            live.sort(key=lambda c: (c.order, c.id))
            for c in live:
                self._loose.setdefault(c.name, c)
            for c in live:
                if c.name_en:
                    self._loose.setdefault(c.name_en.casefold(), c)
        loose = self._loose
        return loose.get(name) or loose.get(name.casefold()) or loose.get(name.replace("_", " ").casefold())


def write_tags(rows: Sequence[tuple], progress: Progress | None = None) -> list[Annotation]:
    """The one bulk writer (inside the front end's transaction); rows as `store.tags.insert_rows` takes them.
    `progress(done, total)` returning False cancels: `Cancelled` is raised and the transaction rolls back."""
    added = store.tags.insert_rows(rows, None if progress is None else lambda i, n: report(progress, i, n))
    report(progress, len(rows), len(rows))
    return added
