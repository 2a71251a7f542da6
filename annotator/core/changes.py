"""What a user action changed: every service operation returns one, so views update only what changed
and undo knows what to reverse."""

from __future__ import annotations

from dataclasses import dataclass

from annotator.core.history import Reanchored
from annotator.core.messages import Message
from annotator.core.model import Annotation, Category, Decision, DocumentInfo


@dataclass(frozen=True, slots=True)
class Changes:
    # What the user did, for the Undo menu and logs: a Message (its template is the action's id, its
    # parameters the names in it), which the interface shows in its own language ("Tag {name}").
    action: Message | str = ""
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
    sections_updated: tuple[
        tuple[int, tuple[tuple[str, int, int], ...], tuple[tuple[str, int, int], ...]], ...
    ] = ()
    # Set when documents_updated/previous carry one annotator's status marks (DocumentInfo.status).
    status_annotator_id: int | None = None
    messages: tuple[str, ...] = ()  # things the user should read (skipped files, ...)
    # Adjudications made (or, in an undo, taken back): a rejection adds no tag but is still a decision.
    decisions_added: tuple[Decision, ...] = ()
    decisions_removed: tuple[Decision, ...] = ()
    # Documents whose text was replaced (a corrected version, a normalisation step taken back), and
    # where each of their tags went. Such a change is not undoable, and the undo steps recorded before
    # it name offsets in the old text: the window forgets them and shows the document afresh.
    texts_replaced: tuple[int, ...] = ()
    reanchored: tuple[Reanchored, ...] = ()

    @property
    def empty(self) -> bool:
        return not (
            self.annotations_added
            or self.annotations_removed
            or self.annotations_updated
            or self.documents_added
            or self.documents_updated
            or self.documents_removed
            or self.categories_added
            or self.categories_updated
            or self.categories_removed
            or self.sections_updated
            or self.decisions_added
            or self.decisions_removed
            or self.texts_replaced
        )

    @property
    def codebook_changed(self) -> bool:
        return bool(self.categories_added or self.categories_updated or self.categories_removed)
