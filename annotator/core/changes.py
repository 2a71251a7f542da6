"""What a user action changed: every service operation returns one, so views update only what changed
and undo knows what to reverse."""

from __future__ import annotations

from dataclasses import dataclass

from annotator.core.model import Annotation, Category, Decision, DocumentInfo


@dataclass(frozen=True, slots=True)
class Changes:
    action: str = ""  # what the user did, for menus and logs ("Tag 破坏性利用")
    annotations_added: tuple[Annotation, ...] = ()
    annotations_removed: tuple[Annotation, ...] = ()
    annotations_updated: tuple[Annotation, ...] = ()
    # The same annotations as in `annotations_updated`, as they were before: what undo writes back.
    annotations_previous: tuple[Annotation, ...] = ()
    documents_added: tuple[DocumentInfo, ...] = ()
    documents_updated: tuple[DocumentInfo, ...] = ()
    documents_previous: tuple[DocumentInfo, ...] = ()  # as `documents_updated` were before
    documents_removed: tuple[DocumentInfo, ...] = ()  # hidden, text and tags kept
    categories_added: tuple[Category, ...] = ()
    categories_updated: tuple[Category, ...] = ()
    categories_previous: tuple[Category, ...] = ()  # as `categories_updated` were before
    categories_removed: tuple[Category, ...] = ()  # hidden for good, kept for tags in the audit trail
    # Judgment sections the user set: (document id, sections before, sections after), each section
    # a (kind, start, end) triple.
    sections_updated: tuple[tuple[int, tuple[tuple[str, int, int], ...], tuple[tuple[str, int, int], ...]], ...] = ()
    # Set when documents_updated/previous carry one annotator's status marks (DocumentInfo.status).
    status_annotator_id: int | None = None
    messages: tuple[str, ...] = ()  # things the user should read (skipped files, ...)
    # Adjudications made (or, in an undo, taken back): a rejection adds no tag but is still a decision.
    decisions_added: tuple[Decision, ...] = ()
    decisions_removed: tuple[Decision, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.annotations_added or self.annotations_removed or self.annotations_updated
                    or self.documents_added or self.documents_updated or self.documents_removed
                    or self.categories_added or self.categories_updated or self.categories_removed
                    or self.sections_updated or self.decisions_added or self.decisions_removed)

    @property
    def codebook_changed(self) -> bool:
        return bool(self.categories_added or self.categories_updated or self.categories_removed)
