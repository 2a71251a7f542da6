"""What merging a colleague's file would do, as the user sees it before anything is written: the plan
(new documents, categories, annotators and tags, what is already here, what cannot be placed), the
conflicts between our version of a tag and theirs with how each is settled, and the tags the colleague
removed. Matching fills it in (services/merge_matching.py); writing carries it out
(services/merge_writing.py).
"""

from __future__ import annotations

import uuid as uuidlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from annotator.core.errors import InputError
from annotator.core.intake import Incoming, IncomingTag
from annotator.core.messages import QT_TRANSLATE_NOOP, Message
from annotator.core.model import Annotation

MAX_LISTED = 50  # problems listed one by one; the rest are counted
OURS, THEIRS, BOTH = "ours", "theirs", "both"  # how a conflict is resolved
RESOLUTIONS = (OURS, THEIRS, BOTH)
_BOTH_NAMESPACE = uuidlib.UUID("6f1c2a52-9d5e-4c1e-8a53-0c8f4b1e7d21")


def both_uuid(tag_uuid: str, start: int, end: int, category_uuid: str, memo: str) -> str:
    """The uuid that "keep both" gives the colleague's version of tag `tag_uuid`: the same for the
    same version, so that a second merge of the same file recognises it."""
    return str(uuidlib.uuid5(_BOTH_NAMESPACE, f"{tag_uuid}|{start}|{end}|{category_uuid}|{memo}"))


@dataclass(frozen=True)
class TagVersion:
    """One side of a conflict, as the preview shows it."""

    start: int
    end: int
    text: str
    category: str  # name
    memo: str
    annotator: str  # name: whose tag it is
    updated: datetime | None
    # Where it was changed: "" for this project; for the file's side its file name, and the colleague
    # the copy was shared for when it is a shared copy (tags carry no "changed by", the copy does).
    changed_in: str = ""


@dataclass(frozen=True)
class TagConflict:
    """A tag both sides have (same uuid) with different content."""

    uuid: str
    document: str  # title
    ours: Annotation
    mine: TagVersion
    theirs: TagVersion
    source: IncomingTag
    before: str  # theirs, placed here
    after: str


@dataclass(frozen=True)
class TagDeletion:
    """A tag live here that the colleague removed in their file."""

    ours: Annotation
    document: str
    version: TagVersion
    deleted_at: str


@dataclass
class MergePlan:
    """What merging a file would do; shown to the user before anything is written."""

    path: str
    source: Incoming
    category_map: dict[str, int] = field(default_factory=dict)  # file's category uuid → category id here
    documents_new: list[str] = field(default_factory=list)  # titles
    documents_matched: int = 0
    documents_text_differs: list[str] = field(default_factory=list)
    categories_new: list[str] = field(default_factory=list)
    annotators_new: list[str] = field(default_factory=list)
    tags_new: dict[str, int] = field(default_factory=dict)  # annotator name → new tags
    tags_known: int = 0  # already here: skipped
    tags_removed_here: int = 0  # merged before and removed here since: not brought back
    tags_reanchored: int = 0  # placed by quote and context in a changed text
    unplaced: list[str] = field(default_factory=list)  # tags that cannot be placed, and why
    conflicts: list[str] = field(default_factory=list)  # about categories and annotators
    tag_conflicts: list[TagConflict] = field(default_factory=list)
    # How each tag conflict is settled: uuid → ours/theirs/both; `resolve_all` for the rest.
    resolutions: dict[str, str] = field(default_factory=dict)
    resolve_all: str = OURS
    deletions: list[TagDeletion] = field(default_factory=list)  # removed by the colleague, live here
    take_deletions: bool = False
    same_project: bool = False  # the file is a copy of this project (or a bundle exported from it)
    # The preview's matching, for apply to take while the project is unchanged: (change stamp, category
    # map as matched, the resolution). Taken once; never compared or shown.
    _matched: tuple | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def tags_new_total(self) -> int:
        return sum(self.tags_new.values())

    def resolution(self, tag_uuid: str) -> str:
        return self.resolutions.get(tag_uuid, self.resolve_all)

    def resolve(self, how: str, tag_uuid: str | None = None) -> None:
        """Settle one conflict (or, without a uuid, every conflict) as `how`: ours, theirs or both."""
        if how not in RESOLUTIONS:
            raise InputError(
                Message(
                    QT_TRANSLATE_NOOP(
                        "Messages", "unknown choice {how!r} for a conflict; choose ours, theirs or both"
                    ),
                    how=how,
                )
            )
        if tag_uuid is None:
            self.resolve_all = how
            self.resolutions.clear()
        else:
            self.resolutions[tag_uuid] = how

    @property
    def taken(self) -> dict[str, int]:
        """How many conflicts are settled each way."""
        counts = Counter(self.resolution(c.uuid) for c in self.tag_conflicts)
        return {k: counts.get(k, 0) for k in RESOLUTIONS}

    @property
    def empty(self) -> bool:
        """Nothing would be written, as the plan stands."""
        taken = self.taken
        return not (
            self.documents_new
            or self.categories_new
            or self.tags_new_total
            or taken[THEIRS]
            or taken[BOTH]
            or (self.take_deletions and self.deletions)
        )

    def summary(self) -> list[Message]:
        """What the merge would do, one line each (English as `str`; the GUI shows them translated)."""
        m = Message
        lines = [
            m(
                QT_TRANSLATE_NOOP("Messages", "{new} new documents, {known} already here"),
                new=len(self.documents_new),
                known=self.documents_matched,
            )
        ]
        for name, n in sorted(self.tags_new.items()):
            lines.append(m(QT_TRANSLATE_NOOP("Messages", "{n} new tags by {name}"), n=n, name=name))
        if self.tags_known:
            lines.append(
                m(QT_TRANSLATE_NOOP("Messages", "{n} tags already here (skipped)"), n=self.tags_known)
            )
        if self.tag_conflicts:
            taken = self.taken
            lines.append(
                m(
                    QT_TRANSLATE_NOOP(
                        "Messages",
                        "{n} tags changed on both sides (conflicts): keep ours {ours}, take theirs {theirs}, "
                        "keep both {both}",
                    ),
                    n=len(self.tag_conflicts),
                    ours=taken[OURS],
                    theirs=taken[THEIRS],
                    both=taken[BOTH],
                )
            )
        if self.deletions:
            if self.take_deletions:
                lines.append(
                    m(
                        QT_TRANSLATE_NOOP("Messages", "{n} tags removed in the file: removed here too"),
                        n=len(self.deletions),
                    )
                )
            else:
                lines.append(
                    m(
                        QT_TRANSLATE_NOOP("Messages", "{n} tags removed in the file: kept here"),
                        n=len(self.deletions),
                    )
                )
        if self.tags_removed_here:
            lines.append(
                m(
                    QT_TRANSLATE_NOOP("Messages", "{n} tags were removed here earlier (not brought back)"),
                    n=self.tags_removed_here,
                )
            )
        if self.tags_reanchored:
            lines.append(
                m(
                    QT_TRANSLATE_NOOP("Messages", "{n} tags placed by their quote in a changed text"),
                    n=self.tags_reanchored,
                )
            )
        if self.documents_text_differs:
            lines.append(
                m(
                    QT_TRANSLATE_NOOP(
                        "Messages", "{n} documents have a different text here; their tags are placed by quote"
                    ),
                    n=len(self.documents_text_differs),
                )
            )
        if self.categories_new:
            lines.append(
                m(
                    QT_TRANSLATE_NOOP("Messages", "New categories: {names}"),
                    names="、".join(self.categories_new),
                )
            )
        if self.annotators_new:
            lines.append(
                m(
                    QT_TRANSLATE_NOOP("Messages", "New annotators: {names}"),
                    names="、".join(self.annotators_new),
                )
            )
        return lines


def version_of(ours: Annotation, cats: dict[int, str], people: dict[int, str]) -> TagVersion:
    """Our stored tag as a side of a conflict or a deletion, with its category and annotator named."""
    return TagVersion(
        ours.start,
        ours.end,
        ours.text,
        cats.get(ours.category_id, "?"),
        ours.memo,
        people.get(ours.annotator_id, "?"),
        ours.updated,
    )
