"""Undo for every kind of action: the categories, documents and tags a `Changes` names are put back
in one transaction. The result, reverted in turn, is the redo."""

from __future__ import annotations

from annotator.core.changes import Changes
from annotator.store import repo


def revert(project, changes: Changes) -> Changes:
    with repo.transaction():
        # Categories first, so tags restored below find their category live again.
        cats = project.codebook.revert(changes)
        docs = project.documents.revert(changes)
        tags = project.annotations.revert(changes)
    return Changes(
        action=changes.action,
        annotations_added=tags.annotations_added, annotations_removed=tags.annotations_removed,
        annotations_updated=tags.annotations_updated, annotations_previous=tags.annotations_previous,
        documents_added=docs.documents_added, documents_removed=docs.documents_removed,
        documents_updated=docs.documents_updated, documents_previous=docs.documents_previous,
        categories_added=cats.categories_added, categories_removed=cats.categories_removed,
        categories_updated=cats.categories_updated, categories_previous=cats.categories_previous,
        status_annotator_id=docs.status_annotator_id,
    )
