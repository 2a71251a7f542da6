"""Undo for every kind of action: the categories, documents and tags a `Changes` names are put back
in one transaction. The result, reverted in turn, is the redo."""

from __future__ import annotations

from dataclasses import replace

from annotator import store
from annotator.core.changes import Changes


def revert(project, changes: Changes) -> Changes:
    # Undoing a merge or an import puts back 100,000 tags at once: a bulk write.
    with store.project.bulk_cache(), store.project.transaction():
        # Categories first, so tags restored below find their category live again.
        cats = project.codebook.revert(changes)
        docs = project.documents.revert(changes)
        changes, recategorised = _category_only_updates(changes)
        tags = project.annotations.revert(changes)
        sections = project.structure.revert(changes)
        decided = project.review.revert(changes)
        if recategorised:
            tags = replace(
                tags,
                annotations_updated=tags.annotations_updated + recategorised[0],
                annotations_previous=tags.annotations_previous + recategorised[1],
            )
    return Changes(
        action=changes.action,
        annotations_added=tags.annotations_added,
        annotations_removed=tags.annotations_removed,
        annotations_updated=tags.annotations_updated,
        annotations_previous=tags.annotations_previous,
        documents_added=docs.documents_added,
        documents_removed=docs.documents_removed,
        documents_updated=docs.documents_updated,
        documents_previous=docs.documents_previous,
        categories_added=cats.categories_added,
        categories_removed=cats.categories_removed,
        categories_updated=cats.categories_updated,
        categories_previous=cats.categories_previous,
        status_annotator_id=docs.status_annotator_id,
        sections_updated=sections.sections_updated,
        decisions_added=decided.decisions_added,
        decisions_removed=decided.decisions_removed,
    )


def _category_only_updates(changes: Changes):
    """Put back, in bulk, the tags whose only change was their category (a category merge can move
    tens of thousands); returns `changes` without them and (updated, previous) for the redo."""
    now = {a.id: a for a in changes.annotations_updated}
    bulk = [
        old
        for old in changes.annotations_previous
        if old.id in now and _only_category_changed(old, now[old.id])
    ]
    if len(bulk) < 2:
        return changes, None
    ids = [old.id for old in bulk]
    previous = store.tags.annotations_in_order(ids)
    store.tags.set_categories({old.id: old.category_id for old in bulk})
    updated = store.tags.annotations_in_order(ids)
    moved = set(ids)
    rest = replace(
        changes,
        annotations_updated=tuple(a for a in changes.annotations_updated if a.id not in moved),
        annotations_previous=tuple(a for a in changes.annotations_previous if a.id not in moved),
    )
    return rest, (tuple(updated), tuple(previous))


def _only_category_changed(old, new) -> bool:
    return replace(old, category_id=new.category_id, updated=new.updated) == new
