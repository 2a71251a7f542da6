"""Merging a colleague's work: from a `json` bundle or directly from another project file. One front
end of the intake pipeline (services/intake.py); annotation import is the other.

Matching, in this order: documents by UUID, else by the SHA-256 of their text; categories by UUID, else
by name (what could not be decided is listed as a conflict, and the user may map it); annotators by UUID,
so a colleague keeps their identity even when two people share a name; tags by UUID, then by span,
category and annotator, so merging the same file twice adds nothing. A tag whose document has a different text here is found again by its quote and
context; one that cannot be placed is reported and left out, never shifted.

Where the file comes from does not matter: a copy of this very project (the usual way to hand work to
a colleague), a project that shares some documents, or a json bundle are all merged by content. A tag
with our uuid but another extent, category, memo or annotator is a *conflict*: both versions are shown
and the user keeps ours, takes theirs, or keeps both (theirs then becomes a tag of its own, with a uuid
derived from the two, so that merging again finds it). Tags the colleague removed are listed, and their
removal is taken only when asked. Only merging the open project file into itself is refused.

`preview()` reads and matches without writing; `apply()` writes in one transaction and returns the
`Changes`, which undo reverts. Matching 100,000 tags is most of a merge's time, so `apply()` takes the
preview's matching as it is when nothing was committed to the project since (its change stamp is the
same, inside the write lock) and the category map was not edited; otherwise it matches again.
"""

from __future__ import annotations

import uuid as uuidlib
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from annotator import store
from annotator.core.changes import Changes
from annotator.core.codebook import CodebookEntry, name_problem
from annotator.core.context import CONTEXT_CHARS, Anchor, reanchor
from annotator.core.errors import InputError
from annotator.core.inputs import open_input
from annotator.core.intake import Incoming, IncomingCategory, IncomingTag, when
from annotator.core.messages import QT_TRANSLATE_NOOP, Message
from annotator.core.model import Annotation, Category, DocumentInfo
from annotator.core.shorten import shorten
from annotator.formats.base import Progress
from annotator.formats.json_bundle_reader import read_bundle
from annotator.services.intake import CategoryIndex, PlacedTag, match_tags, write_tags
from annotator.services.matching import DocumentIndex

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


@dataclass
class _Resolution:
    plan: MergePlan
    docs_new: list = field(default_factory=list)  # SourceDocument
    docs_restore: dict[str, int] = field(default_factory=dict)  # uuid → id
    doc_ids: dict[str, int] = field(default_factory=dict)  # uuid → id (matched)
    cats_new: list[IncomingCategory] = field(default_factory=list)
    cats_restore: dict[str, int] = field(default_factory=dict)
    users_new: list = field(default_factory=list)
    user_ids: dict[str, int] = field(default_factory=dict)
    # (tag, start, end, context before, context after) to add
    tags: list[tuple[IncomingTag, int, int, str, str]] = field(default_factory=list)


class MergeService:
    def __init__(self, project) -> None:
        self.project = project

    def read(self, path: str | Path) -> Incoming:
        """Read a json bundle or another project file (told apart by their first bytes)."""
        path = Path(path)
        with open_input(path) as fh:  # a folder, FIFO or device is named as such, not "not found"
            head = fh.read(16)
        if _same_file(path, Path(self.project.path)):
            raise InputError(
                Message(
                    QT_TRANSLATE_NOOP(
                        "Messages", "this is the open project itself; a file cannot be merged into itself"
                    )
                ),
                path=str(path),
            )
        if head == b"SQLite format 3\x00":
            return store.foreign.read_project(path)
        return read_bundle(path)

    def preview(
        self,
        path: str | Path,
        category_map: dict[str, int] | None = None,
        *,
        resolve_all: str = OURS,
        take_deletions: bool = False,
    ) -> MergePlan:
        source = self.read(path)
        with store.repo.transaction():
            res = self._resolve(source, category_map or {})
            stamp = self.project.change_stamp()
        plan = res.plan
        if stamp is not None:
            plan._matched = (stamp, dict(plan.category_map), res)
        plan.resolve(resolve_all)
        plan.take_deletions = take_deletions
        return plan

    def apply(self, plan: MergePlan, progress: Progress | None = None) -> Changes:
        """Merge in one transaction; returns what was changed (undo reverts it). `progress` is
        called with (tags written, tags to write); returning False cancels and nothing is written."""
        with store.repo.transaction():
            res = self._matched(plan)
            if res is None:  # changed since the preview (or cannot tell): match again
                res = self._resolve(plan.source, plan.category_map)
            res.plan.resolutions = dict(plan.resolutions)
            res.plan.resolve_all = plan.resolve_all
            res.plan.take_deletions = plan.take_deletions
            return self._write(res, progress)

    def merge(
        self,
        path: str | Path,
        category_map: dict[str, int] | None = None,
        *,
        resolve_all: str = OURS,
        take_deletions: bool = False,
    ) -> Changes:
        return self.apply(
            self.preview(path, category_map, resolve_all=resolve_all, take_deletions=take_deletions)
        )

    def _matched(self, plan: MergePlan) -> _Resolution | None:
        """The preview's matching, if it still holds: nothing committed to the project since (checked
        inside apply's transaction, so nobody can commit until it ends) and the same category map. It
        is taken once (writing fills in ids), and the caller's plan is not written into."""
        matched, plan._matched = plan._matched, None
        if matched is None:
            return None
        stamp, category_map, res = matched
        if res.plan is not plan or plan.category_map != category_map:
            return None
        if stamp is None or stamp != self.project.change_stamp():
            return None
        # `_write` adds the categories it creates to the map: on a copy, as a fresh match would.
        res.plan = replace(plan, category_map=dict(category_map))
        return res

    # Matching --------------------------------------------------------------------------------------

    def _resolve(self, source: Incoming, category_map: dict[str, int]) -> _Resolution:
        plan = MergePlan(
            path=source.path,
            source=source,
            category_map=dict(category_map),
            same_project=bool(source.project_uuid) and source.project_uuid == self.project.uuid,
        )
        res = _Resolution(plan)
        self._match_categories(source, res)
        self._match_annotators(source, res)
        texts = self._match_documents(source, res)
        self._match_tags(source, res, texts)
        return res

    def _match_categories(self, source: Incoming, res: _Resolution) -> None:
        plan = res.plan
        index = CategoryIndex()
        by_uuid = index.by_uuid
        valid_ids = {c.id for c, removed in index.all if not removed}
        for sc in source.categories:
            if sc.uuid in plan.category_map:
                if plan.category_map[sc.uuid] not in valid_ids:
                    raise InputError(
                        Message(
                            QT_TRANSLATE_NOOP(
                                "Messages",
                                "category “{name}” is mapped to a category that is not in the project",
                            ),
                            name=sc.name,
                        )
                    )
                continue
            found = by_uuid.get(sc.uuid)
            if found is not None:
                cat, removed = found
                if removed:
                    res.cats_restore[sc.uuid] = cat.id
                if cat.name != sc.name:
                    plan.conflicts.append(
                        Message(
                            QT_TRANSLATE_NOOP(
                                "Messages",
                                "category “{name}” in the file is “{here}” here (same identity): its tags go "
                                "to “{here}”",
                            ),
                            name=sc.name,
                            here=cat.name,
                        )
                    )
                plan.category_map[sc.uuid] = cat.id
                continue
            named = index.named(sc.name)
            if len(named) > 1:
                plan.conflicts.append(
                    Message(
                        QT_TRANSLATE_NOOP(
                            "Messages",
                            "category “{name}”: {n} categories here have that name; its tags go to the first "
                            "unless you choose another",
                        ),
                        name=sc.name,
                        n=len(named),
                    )
                )
            if named:
                plan.category_map[sc.uuid] = named[0].id
                continue
            if name_problem(sc.name):  # the same rule as every other way of creating a category
                raise InputError(f"{name_problem(sc.name)}; nothing was merged", path=source.path)
            res.cats_new.append(sc)
            plan.categories_new.append(sc.name)

    def _match_annotators(self, source: Incoming, res: _Resolution) -> None:
        here = store.repo.annotators_by_uuid()
        names = {a.name for a in here.values()}
        for sa in source.users:
            if sa.uuid in here:
                res.user_ids[sa.uuid] = here[sa.uuid].id
                continue
            res.users_new.append(sa)
            res.plan.annotators_new.append(sa.name)
            if sa.name in names:
                res.plan.conflicts.append(
                    Message(
                        QT_TRANSLATE_NOOP(
                            "Messages",
                            "annotator “{name}” in the file is another person than “{name}” here (a different "
                            "identity); their tags stay apart",
                        ),
                        name=sa.name,
                    )
                )

    def _match_documents(self, source: Incoming, res: _Resolution) -> dict[str, str]:
        """Match documents; returns this project's text of those whose text differs from the file's."""
        plan = res.plan
        index = DocumentIndex()  # the same index import matches with; a merge also finds removed ones
        differs: dict[str, str] = {}
        new_sha: set[str] = set()
        for d in source.documents:
            found = index.by_uuid(d.uuid, removed=True)
            if found is not None:
                doc_id, sha, removed = found
                if removed:
                    res.docs_restore[d.uuid] = doc_id
                res.doc_ids[d.uuid] = doc_id
                plan.documents_matched += 1
                if sha != d.sha256:
                    differs[d.uuid] = store.repo.document_text(doc_id)
                    plan.documents_text_differs.append(d.title)
            elif index.by_sha(d.sha256) is not None:
                res.doc_ids[d.uuid] = index.by_sha(d.sha256)
                plan.documents_matched += 1
            elif d.text is None:
                continue  # its tags are reported as unplaced
            elif d.sha256 in new_sha:
                res.doc_ids[d.uuid] = -1  # the same text twice in the file: resolved when written
            else:
                new_sha.add(d.sha256)
                res.docs_new.append(d)
                plan.documents_new.append(d.title)
        return differs

    def _match_tags(self, source: Incoming, res: _Resolution, differs: dict[str, str]) -> None:
        """Place each tag here (by quote and context where our text differs), then let the intake
        matcher tell new, identical and conflicting tags apart."""
        plan = res.plan
        here = store.tags.annotation_keys([*(a.uuid for a in source.annotations), *source.deleted])
        deleted = store.tags.DELETED
        doc_ids, cat_map, user_ids = res.doc_ids, plan.category_map, res.user_ids
        placeable = set(res.doc_ids) | {d.uuid for d in res.docs_new}
        titles = {d.uuid: d.title for d in source.documents}
        users = {a.uuid: a.name for a in source.users}
        unplaced = 0
        placed: list[PlacedTag] = []
        for a in source.annotations:
            row = here.get(a.uuid)
            if row is not None and row[deleted] is not None:  # removed here since: not brought back
                plan.tags_removed_here += 1
                continue
            doc = a.document_key
            where: tuple[int, int, str, str] | None = None
            if doc not in placeable:
                reason = Message(
                    QT_TRANSLATE_NOOP(
                        "Messages",
                        "the file does not carry the document's text and it is not in this project",
                    )
                )
            elif doc in differs:
                text = differs[doc]
                found = self._reanchor(text, a)
                reason = Message(
                    QT_TRANSLATE_NOOP(
                        "Messages", "the document's text differs here and the quote cannot be found"
                    )
                )
                if found is not None:
                    s, e = found
                    if found != (a.start, a.end):
                        plan.tags_reanchored += 1
                    where = (s, e, text[max(0, s - CONTEXT_CHARS) : s], text[e : e + CONTEXT_CHARS])
            else:
                where = (a.start, a.end, a.before, a.after)
            if where is not None:
                placed.append(
                    PlacedTag(
                        a,
                        doc_ids.get(doc),
                        where[0],
                        where[1],
                        cat_map.get(a.category_key),
                        user_ids.get(a.user_key, a.user_key),
                        where[2],
                        where[3],
                    )
                )
                continue
            if row is not None:
                plan.tags_known += 1  # ours stands: theirs cannot be placed here
                continue
            unplaced += 1
            if len(plan.unplaced) < MAX_LISTED:
                plan.unplaced.append(
                    Message(
                        QT_TRANSLATE_NOOP("Messages", "{title} [{start}, {end}) “{quote}”: {reason}"),
                        title=titles.get(doc, doc),
                        start=a.start,
                        end=a.end,
                        quote=shorten(a.quote or "", 21, one_line=False),
                        reason=reason,
                    )
                )
        if unplaced > len(plan.unplaced):
            plan.unplaced.append(
                Message(QT_TRANSLATE_NOOP("Messages", "… and {n} more"), n=unplaced - len(plan.unplaced))
            )
        matched = match_tags(placed, rows=here)
        plan.tags_known += matched.identical
        plan.tags_removed_here += matched.removed_here
        res.tags = [(p.tag, p.start, p.end, p.before, p.after) for p in matched.add]
        plan.tags_new = dict(Counter(users.get(p.tag.user_key, p.tag.user_key) for p in matched.add))
        changed = [(p.tag, row, p.start, p.end, p.before, p.after) for p, row in matched.conflicts]
        self._conflicts(source, res, changed, titles)
        self._deletions(source, res, here)

    def _names(self) -> tuple[dict[int, str], dict[int, str], dict[int, str]]:
        categories = {c.id: c.name for c, _removed in store.repo.all_categories()}
        annotators = {a.id: a.name for a in store.repo.annotators_by_uuid().values()}
        documents = store.repo.document_titles()
        return categories, annotators, documents

    def _conflicts(self, source: Incoming, res: _Resolution, changed: list, titles: dict[str, str]) -> None:
        """Same uuid, other content: a conflict, unless "keep both" settled it before."""
        if not changed:
            return
        plan = res.plan
        twins = {
            both_uuid(a.uuid, s, e, a.category_key, a.memo): i
            for i, (a, _row, s, e, _b, _f) in enumerate(changed)
        }
        settled = {twins[u] for u in store.tags.annotation_keys(list(twins))}
        cats, people, _docs = self._names()
        ours_of = store.tags.annotations_by_ids(
            [row[store.tags.ID] for i, (_a, row, *_r) in enumerate(changed) if i not in settled]
        )
        their_cats = {c.uuid: c.name for c in source.categories}
        their_people = {p.uuid: p.name for p in source.users}
        colleague = source.info.get("shared_confirmed") or source.info.get("shared_for") or ""
        where = f"{colleague} · {Path(source.path).name}" if colleague else Path(source.path).name
        for i, (a, row, s, e, before, after) in enumerate(changed):
            if i in settled:
                plan.tags_known += 1
                continue
            ours = ours_of[row[store.tags.ID]]
            plan.tag_conflicts.append(
                TagConflict(
                    uuid=a.uuid,
                    document=titles.get(a.document_key, ""),
                    ours=ours,
                    mine=_version_of(ours, cats, people),
                    theirs=TagVersion(
                        s,
                        e,
                        a.quote,
                        their_cats.get(a.category_key, "?"),
                        a.memo,
                        their_people.get(a.user_key, "?"),
                        when(a.updated),
                        where,
                    ),
                    source=a,
                    before=before,
                    after=after,
                )
            )

    def _deletions(self, source: Incoming, res: _Resolution, here: dict[str, tuple]) -> None:
        if not source.deleted:
            return
        gone = {u: here[u] for u in source.deleted if u in here and here[u][store.tags.DELETED] is None}
        if not gone:
            return
        cats, people, docs = self._names()
        ours_of = store.tags.annotations_by_ids([row[store.tags.ID] for row in gone.values()])
        for tag_uuid, row in gone.items():
            when = source.deleted[tag_uuid]
            ours = ours_of[row[store.tags.ID]]
            res.plan.deletions.append(
                TagDeletion(
                    ours=ours,
                    document=docs.get(ours.document_id, ""),
                    deleted_at=when,
                    version=_version_of(ours, cats, people),
                )
            )

    @staticmethod
    def _reanchor(text: str, a: IncomingTag) -> tuple[int, int] | None:
        if not a.quote:
            return None
        if (
            text[a.start : a.end] == a.quote
            and text[max(0, a.start - len(a.before)) : a.start] == a.before
            and text[a.end : a.end + len(a.after)] == a.after
        ):
            return a.start, a.end
        return reanchor(text, Anchor(a.quote, a.before, a.after), hint=a.start)

    # Writing ---------------------------------------------------------------------------------------

    def _write(self, res: _Resolution, progress: Progress | None = None) -> Changes:
        plan = res.plan
        categories_added: list[Category] = []
        for uuid, cat_id in res.cats_restore.items():
            categories_added.append(store.repo.restore_category(cat_id))
            plan.category_map[uuid] = cat_id
        pending = list(res.cats_new)
        while pending:  # parents before children
            ready = [
                c
                for c in pending
                if c.parent_key is None
                or c.parent_key in plan.category_map
                or c.parent_key not in {p.uuid for p in pending}
            ]
            if not ready:
                ready = pending[:1]
            for sc in ready:
                parent = plan.category_map.get(sc.parent_key) if sc.parent_key else None
                entry = CodebookEntry(
                    name=sc.name,
                    uuid=sc.uuid,
                    name_en=sc.name_en,
                    description=sc.description,
                    color=sc.color,
                    shortcut=self._free_shortcut(sc.shortcut),
                )
                for cat in store.repo.insert_codebook([entry], parent_id=parent):
                    categories_added.append(cat)
                    plan.category_map[cat.uuid] = cat.id
                pending.remove(sc)
        for sa in res.users_new:
            res.user_ids[sa.uuid] = store.repo.insert_annotator(sa.name, uuid=sa.uuid).id
        documents_added: list[DocumentInfo] = []
        for doc_id in res.docs_restore.values():
            documents_added.append(store.repo.restore_document(doc_id))
        by_sha: dict[str, int] = {}
        for d in res.docs_new:
            info = store.repo.insert_document(
                title=d.title,
                text=d.text or "",
                source_name=d.source_name,
                source_format=d.source_format,
                meta=d.meta,
                uuid=d.uuid,
            )
            documents_added.append(info)
            res.doc_ids[d.uuid] = info.id
            by_sha[d.sha256] = info.id
        sha_of = {d.uuid: d.sha256 for d in plan.source.documents}
        for uuid, doc_id in list(res.doc_ids.items()):
            if doc_id == -1:
                res.doc_ids[uuid] = by_sha[sha_of[uuid]]
        rows: list[tuple] = []  # as store.tags.insert_rows takes them
        doc_ids, user_ids, cat_map = res.doc_ids, res.user_ids, plan.category_map
        for a, start, end, before, after in res.tags:
            rows.append(
                (
                    a.uuid,
                    doc_ids[a.document_key],
                    user_ids[a.user_key],
                    cat_map[a.category_key],
                    start,
                    end,
                    a.quote,
                    before,
                    after,
                    a.memo,
                    when(a.created),
                )
            )
        updates, previous = [], []
        for c in plan.tag_conflicts:
            how = plan.resolution(c.uuid)
            a = c.source
            if how == THEIRS:
                previous.append(c.ours)
                updates.append(
                    {
                        "id": c.ours.id,
                        "document_id": res.doc_ids[a.document_key],
                        "category_id": plan.category_map[a.category_key],
                        "start": c.theirs.start,
                        "end": c.theirs.end,
                        "text": a.quote,
                        "before": c.before,
                        "after": c.after,
                        "memo": a.memo,
                    }
                )
            elif how == BOTH:
                rows.append(
                    (
                        both_uuid(a.uuid, c.theirs.start, c.theirs.end, a.category_key, a.memo),
                        doc_ids[a.document_key],
                        user_ids[a.user_key],
                        cat_map[a.category_key],
                        c.theirs.start,
                        c.theirs.end,
                        a.quote,
                        c.before,
                        c.after,
                        a.memo,
                        when(a.created),
                    )
                )
        added = write_tags(rows, progress)
        updated: list[Annotation] = []
        if updates:
            now = datetime.fromisoformat(store.tags.update_annotations(updates))
            for old, u in zip(previous, updates, strict=True):
                updated.append(
                    replace(
                        old,
                        document_id=u["document_id"],
                        category_id=u["category_id"],
                        start=u["start"],
                        end=u["end"],
                        text=u["text"],
                        before=u["before"],
                        after=u["after"],
                        memo=u["memo"],
                        updated=now,
                    )
                )
        removed: list[Annotation] = []
        if plan.take_deletions and plan.deletions:
            removed = [d.ours for d in plan.deletions]
            store.repo.set_deleted_many([a.id for a in removed], True)
        messages = tuple(plan.conflicts) + tuple(plan.unplaced)
        return Changes(
            action=Message(QT_TRANSLATE_NOOP("Messages", "Merge {name}"), name=Path(plan.path).name),
            annotations_added=tuple(added),
            annotations_updated=tuple(updated),
            annotations_previous=tuple(previous),
            annotations_removed=tuple(removed),
            documents_added=tuple(documents_added),
            categories_added=tuple(categories_added),
            messages=messages,
        )

    @staticmethod
    def _free_shortcut(shortcut: str) -> str:
        if not shortcut:
            return ""
        taken = {c.shortcut for c in store.repo.list_categories(include_archived=True)}
        return "" if shortcut in taken else shortcut


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and a.samefile(b))
    except OSError:
        return False


def _version_of(ours: Annotation, cats: dict[int, str], people: dict[int, str]) -> TagVersion:
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
