"""Tagging: add, remove, restore, re-categorise and annotate passages."""

from __future__ import annotations

from collections.abc import Iterable

from annotator.core.changes import Changes
from annotator.core.context import CONTEXT_CHARS
from annotator.core.errors import InputError, NotFoundError
from annotator.core.model import Annotation, check_span
from annotator.store import repo


class AnnotationService:
    def __init__(self, project) -> None:
        self.project = project

    def add(self, document_id: int, start: int, end: int, category_id: int, annotator_id: int,
            memo: str = "") -> Changes:
        """Tag [start, end) (code points) of a document. Costs the same on a huge document as a small one:
        only the passage and its context are read."""
        with repo.transaction():
            length = repo.document_length(document_id)
            if length is None:
                raise NotFoundError(f"no document with id {document_id}")
            check_span(start, end, length)
            category = repo.get_category(category_id)
            if category is None:
                raise NotFoundError(f"no category with id {category_id}")
            if category.archived:
                raise InputError(f"category {category.name!r} is archived")
            if repo.get_annotator(annotator_id) is None:
                raise NotFoundError(f"no annotator with id {annotator_id}")
            window_start = max(0, start - CONTEXT_CHARS)
            window = repo.text_slice(document_id, window_start, min(length, end + CONTEXT_CHARS))
            a, b = start - window_start, end - window_start
            added = repo.insert_annotation(
                document_id=document_id, annotator_id=annotator_id, category_id=category_id,
                start=start, end=end, text=window[a:b], before=window[:a], after=window[b:], memo=memo,
            )
        return Changes(action=f"Tag {category.name}", annotations_added=(added,))

    def remove(self, annotation_id: int) -> Changes:
        """Remove a tag. It stays in the file, marked deleted, for the audit trail and for undo."""
        with repo.transaction():
            current = self._get(annotation_id)
            removed = repo.set_deleted(annotation_id, True)
        return Changes(action=f"Remove tag {self._category_name(current)}", annotations_removed=(removed,))

    def restore(self, annotation_id: int) -> Changes:
        with repo.transaction():
            restored = repo.set_deleted(annotation_id, False)
            if restored is None:
                raise NotFoundError(f"no annotation with id {annotation_id}")
        return Changes(action=f"Restore tag {self._category_name(restored)}", annotations_added=(restored,))

    def set_memo(self, annotation_id: int, memo: str) -> Changes:
        with repo.transaction():
            current = self._get(annotation_id)
            if current.memo == memo:
                return Changes(action="Edit memo")
            updated = repo.update_annotation(annotation_id, memo=memo)
        return Changes(action="Edit memo", annotations_updated=(updated,), annotations_previous=(current,))

    def set_category(self, annotation_id: int, category_id: int) -> Changes:
        with repo.transaction():
            current = self._get(annotation_id)
            category = repo.get_category(category_id)
            if category is None:
                raise NotFoundError(f"no category with id {category_id}")
            updated = repo.update_annotation(annotation_id, category=category_id)
        return Changes(action=f"Change tag to {category.name}", annotations_updated=(updated,),
                       annotations_previous=(current,))

    def revert(self, changes: Changes) -> Changes:
        """Undo what `changes` did to annotations, in one transaction; returns what the undo changed,
        which reverted in turn is the redo. Tags are never deleted for real, so undo is always possible."""
        added, removed, updated, previous = [], [], [], []
        with repo.transaction():
            for a in changes.annotations_added:
                removed.append(repo.set_deleted(a.id, True))
            for a in changes.annotations_removed:
                added.append(repo.set_deleted(a.id, False))
            for old in changes.annotations_previous:
                current = repo.get_annotation(old.id, include_deleted=True)
                if current is None:
                    raise NotFoundError(f"no annotation with id {old.id}")
                previous.append(current)
                updated.append(repo.update_annotation(
                    old.id, category=old.category_id, start=old.start, end=old.end, text=old.text,
                    before=old.before, after=old.after, memo=old.memo))
        return Changes(action=changes.action, annotations_added=tuple(added), annotations_removed=tuple(removed),
                       annotations_updated=tuple(updated), annotations_previous=tuple(previous))

    def get(self, annotation_id: int) -> Annotation:
        return self._get(annotation_id)

    def list(self, document_ids: Iterable[int] | None = None, annotator_ids: Iterable[int] | None = None,
             category_ids: Iterable[int] | None = None) -> list[Annotation]:
        return repo.list_annotations(document_ids, annotator_ids, category_ids)

    def spans(self, document_id: int, annotator_ids: Iterable[int] | None = None) -> list[tuple[int, int, int, int]]:
        """(start, end, annotation id, category id) for the document view."""
        return repo.spans(document_id, annotator_ids)

    def _get(self, annotation_id: int) -> Annotation:
        found = repo.get_annotation(annotation_id)
        if found is None:
            raise NotFoundError(f"no annotation with id {annotation_id}")
        return found

    @staticmethod
    def _category_name(a: Annotation) -> str:
        cat = repo.get_category(a.category_id)
        return cat.name if cat else ""
