"""Tagging: add, remove, restore, re-categorise and annotate passages."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime

from annotator import store
from annotator.core.changes import Changes
from annotator.core.context import CONTEXT_CHARS
from annotator.core.errors import InputError, NotFoundError, OffsetError, ReadOnlyProjectError
from annotator.core.messages import QT_TRANSLATE_NOOP, Message
from annotator.core.model import Annotation, Category, check_span
from annotator.core.span_table import TagColumns


def tag_target(category_id: int, annotator_id: int) -> Category:
    """The category new tags go to, after checking it and the annotator exist and can take tags."""
    category = store.codebook.get_category(category_id)
    if category is None:
        raise NotFoundError(f"no category with id {category_id}")
    if category.archived:
        raise InputError(
            Message(QT_TRANSLATE_NOOP("Messages", "category {name!r} is archived"), name=category.name)
        )
    if store.annotators.get_annotator(annotator_id) is None:
        raise NotFoundError(f"no annotator with id {annotator_id}")
    return category


class AnnotationService:
    def __init__(self, project) -> None:
        self.project = project

    def add(
        self, document_id: int, start: int, end: int, category_id: int, annotator_id: int, memo: str = ""
    ) -> Changes:
        """Tag [start, end) (code points) of a document. Costs the same on a huge document as a small one:
        only the passage and its context are read."""
        if getattr(self.project, "read_only", False):
            raise ReadOnlyProjectError(
                "the project file is read-only; nothing was changed (open a writable copy to make changes)",
                path=str(self.project.path),
            )
        with store.project.transaction():
            quote = self._quote(document_id, start, end)  # checks the document and the offsets
            category = tag_target(category_id, annotator_id)
            added = store.tags.insert_annotation(
                document_id=document_id,
                annotator_id=annotator_id,
                category_id=category_id,
                start=start,
                end=end,
                memo=memo,
                **quote,
            )
        return Changes(
            action=Message(QT_TRANSLATE_NOOP("Messages", "Tag {name}"), name=category.name),
            annotations_added=(added,),
        )

    def add_for(
        self,
        document_id: int,
        start: int,
        end: int,
        category_id: int,
        annotator_name: str | None,
        memo: str = "",
    ) -> Changes:
        """`add` by the annotator's name, creating the annotator in the same transaction (so a refused
        tag leaves no new annotator behind). Without a name: on a team server the connected member's
        annotator, elsewhere the user's login name."""
        from annotator.services.annotators import default_name

        with store.project.transaction():
            annotator = (
                self.project.annotators.ensure(annotator_name)
                if annotator_name
                else self.project.team.annotator_or(default_name())
            )
            return self.add(document_id, start, end, category_id, annotator.id, memo=memo)

    def remove(self, annotation_id: int) -> Changes:
        """Remove a tag. It stays in the file, marked deleted, for the audit trail and for undo."""
        with store.project.transaction():
            current = self._get(annotation_id)
            removed = store.tags.set_deleted(annotation_id, True)
        return Changes(
            action=Message(
                QT_TRANSLATE_NOOP("Messages", "Remove tag {name}"), name=self._category_name(current)
            ),
            annotations_removed=(removed,),
        )

    def restore(self, annotation_id: int) -> Changes:
        with store.project.transaction():
            restored = store.tags.set_deleted(annotation_id, False)
            if restored is None:
                raise NotFoundError(f"no annotation with id {annotation_id}")
        return Changes(
            action=Message(
                QT_TRANSLATE_NOOP("Messages", "Restore tag {name}"), name=self._category_name(restored)
            ),
            annotations_added=(restored,),
        )

    def set_memo(self, annotation_id: int, memo: str) -> Changes:
        with store.project.transaction():
            current = self._get(annotation_id)
            if current.memo == memo:
                return Changes(action=Message(QT_TRANSLATE_NOOP("Messages", "Edit memo")))
            updated = store.tags.update_annotation(annotation_id, memo=memo)
        return Changes(
            action=Message(QT_TRANSLATE_NOOP("Messages", "Edit memo")),
            annotations_updated=(updated,),
            annotations_previous=(current,),
        )

    def set_category(self, annotation_id: int, category_id: int) -> Changes:
        with store.project.transaction():
            current = self._get(annotation_id)
            category = store.codebook.get_category(category_id)
            if category is None:
                raise NotFoundError(f"no category with id {category_id}")
            updated = store.tags.update_annotation(annotation_id, category=category_id)
        return Changes(
            action=Message(QT_TRANSLATE_NOOP("Messages", "Change tag to {name}"), name=category.name),
            annotations_updated=(updated,),
            annotations_previous=(current,),
        )

    def set_extent(self, annotation_id: int, start: int, end: int) -> Changes:
        """Move a tag's boundaries to [start, end) (code points); its quote and context follow."""
        with store.project.transaction():
            current = self._get(annotation_id)
            if (start, end) == (current.start, current.end):
                return Changes(
                    action=Message(
                        QT_TRANSLATE_NOOP("Messages", "Resize tag {name}"), name=self._category_name(current)
                    )
                )
            updated = self._write_extent(current, start, end)
        return Changes(
            action=Message(
                QT_TRANSLATE_NOOP("Messages", "Resize tag {name}"), name=self._category_name(current)
            ),
            annotations_updated=(updated,),
            annotations_previous=(current,),
        )

    def split(self, annotation_id: int, at: int) -> Changes:
        """Cut a tag in two at `at`: it keeps [start, at) and a new tag of the same category, annotator
        and memo takes [at, end)."""
        with store.project.transaction():
            current = self._get(annotation_id)
            if not current.start < at < current.end:
                raise OffsetError(
                    f"cannot split the tag [{current.start}, {current.end}) at {at}: "
                    "the point must lie inside it"
                )
            updated = self._write_extent(current, current.start, at)
            added = store.tags.insert_annotation(
                document_id=current.document_id,
                annotator_id=current.annotator_id,
                category_id=current.category_id,
                start=at,
                end=current.end,
                memo=current.memo,
                **self._quote(current.document_id, at, current.end),
            )
        return Changes(
            action=Message(
                QT_TRANSLATE_NOOP("Messages", "Split tag {name}"), name=self._category_name(current)
            ),
            annotations_added=(added,),
            annotations_updated=(updated,),
            annotations_previous=(current,),
        )

    def merge(self, annotation_ids: Iterable[int]) -> Changes:
        """Join tags of one category, document and annotator into the first of them, which then covers
        them all (and any gap between them); the others are removed. Memos are joined."""
        ids = list(dict.fromkeys(annotation_ids))
        if len(ids) < 2:
            raise InputError("select at least two tags to merge")
        with store.project.transaction():
            tags = [self._get(i) for i in ids]
            keep = tags[0]
            for other in tags[1:]:
                if other.document_id != keep.document_id:
                    raise InputError(f"tags {keep.id} and {other.id} are in different documents")
                if other.category_id != keep.category_id:
                    raise InputError(
                        f"tags {keep.id} and {other.id} have different categories; "
                        "only tags of one category can be merged"
                    )
                if other.annotator_id != keep.annotator_id:
                    raise InputError(f"tags {keep.id} and {other.id} belong to different annotators")
            start = min(t.start for t in tags)
            end = max(t.end for t in tags)
            memo = "\n".join(dict.fromkeys(t.memo for t in sorted(tags, key=lambda t: t.start) if t.memo))
            updated = self._write_extent(keep, start, end, memo=memo)
            removed = tuple(store.tags.set_deleted(t.id, True) for t in tags[1:])
        return Changes(
            action=Message(
                QT_TRANSLATE_NOOP("Messages", "Merge tags {name}"), name=self._category_name(keep)
            ),
            annotations_updated=(updated,),
            annotations_previous=(keep,),
            annotations_removed=removed,
        )

    def _write_extent(self, current: Annotation, start: int, end: int, **fields) -> Annotation:
        """Give a tag new boundaries with the quote and context read afresh; inside a transaction."""
        return store.tags.update_annotation(
            current.id, start=start, end=end, **fields, **self._quote(current.document_id, start, end)
        )

    @staticmethod
    def _quote(document_id: int, start: int, end: int) -> dict[str, str]:
        """The passage [start, end) and its context, checked against the document (one read of it)."""
        found = store.documents.text_window(document_id, start - CONTEXT_CHARS, end + CONTEXT_CHARS)
        if found is None:
            raise NotFoundError(f"no document with id {document_id}")
        length, window = found
        check_span(start, end, length)
        a = start - max(0, start - CONTEXT_CHARS)
        b = a + end - start
        return {"text": window[a:b], "before": window[:a], "after": window[b:]}

    def revert(self, changes: Changes) -> Changes:
        """Undo what `changes` did to annotations, in one transaction; returns what the undo changed,
        which reverted in turn is the redo. Tags are never deleted for real, so undo is always possible."""
        added, removed, updated, previous = [], [], [], []
        with store.project.transaction():
            # In bulk: undoing a merge touches 100,000 tags. Their other fields are as recorded.
            store.tags.set_deleted_many([a.id for a in changes.annotations_added], True)
            removed.extend(changes.annotations_added)
            store.tags.set_deleted_many([a.id for a in changes.annotations_removed], False)
            added.extend(changes.annotations_removed)
            if changes.annotations_previous:
                # In bulk too: undoing a merge that took a colleague's version of 5,000 tags.
                olds = changes.annotations_previous
                current = store.tags.annotations_by_ids([old.id for old in olds])
                for old in olds:
                    if old.id not in current:
                        raise NotFoundError(f"no annotation with id {old.id}")
                    previous.append(current[old.id])
                now = store.tags.update_annotations(
                    [
                        {
                            "id": old.id,
                            "document_id": old.document_id,
                            "category_id": old.category_id,
                            "start": old.start,
                            "end": old.end,
                            "text": old.text,
                            "before": old.before,
                            "after": old.after,
                            "memo": old.memo,
                        }
                        for old in olds
                    ]
                )
                stamped = datetime.fromisoformat(now)
                updated.extend(replace(old, updated=stamped) for old in olds)
        return Changes(
            action=changes.action,
            annotations_added=tuple(added),
            annotations_removed=tuple(removed),
            annotations_updated=tuple(updated),
            annotations_previous=tuple(previous),
        )

    def get(self, annotation_id: int) -> Annotation:
        return self._get(annotation_id)

    def find(self, ref: str | int) -> Annotation | None:
        """A live tag by its id or its uuid."""
        text = str(ref).strip()
        if text.isascii() and text.isdigit():
            return store.tags.get_annotation(int(text)) if len(text) < 19 else None  # beyond any id
        found = store.tags.find_annotation(text)
        return found if found is not None and store.tags.get_annotation(found.id) is not None else None

    def list(
        self,
        document_ids: Iterable[int] | None = None,
        annotator_ids: Iterable[int] | None = None,
        category_ids: Iterable[int] | None = None,
    ) -> list[Annotation]:
        return store.tags.list_annotations(document_ids, annotator_ids, category_ids)

    def spans(
        self, document_id: int, annotator_ids: Iterable[int] | None = None
    ) -> list[tuple[int, int, int, int]]:
        """(start, end, annotation id, category id) for the document view."""
        return store.tags.spans(document_id, annotator_ids)

    def columns(
        self,
        document_id: int,
        *,
        after: tuple[int, int, int] | None = None,
        limit: int | None = None,
        meeting: tuple[int, int] | None = None,
    ) -> TagColumns:
        """The document's live tags as columns (id, start, end, category, annotator) in (start, end, id)
        order: what the window reads to open a document, without an object per tag. A page at a time:
        those after the (start, end, id) `after`, at most `limit`; or only those meeting the range
        `meeting=(start, end)` (code points), the screenful shown first."""
        return store.tags.annotation_columns(document_id, after=after, limit=limit, meeting=meeting)

    def get_many(self, annotation_ids: Iterable[int]) -> list[Annotation]:
        """These tags, removed ones included (a list in view may show a tag removed a moment ago)."""
        return store.tags.get_annotations(annotation_ids, include_deleted=True)

    def _get(self, annotation_id: int) -> Annotation:
        found = store.tags.get_annotation(annotation_id)
        if found is None:
            raise NotFoundError(f"no annotation with id {annotation_id}")
        return found

    @staticmethod
    def _category_name(a: Annotation) -> str:
        cat = store.codebook.get_category(a.category_id)
        return cat.name if cat else ""
