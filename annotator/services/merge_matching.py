"""Matching a colleague's file against the project, without writing: categories by uuid, else by
name; annotators by uuid; documents by uuid, else by the SHA-256 of their text; tags by uuid, then by
span, category and annotator (the intake matcher, services/intake.py). A tag whose document has a
different text here is found again by its quote and context; one that cannot be placed is listed and
left out, never shifted. The result is a `Resolution`: the plan the preview shows (services/merge_plan.py)
and what writing it needs (services/merge_writing.py).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from annotator import store
from annotator.core.codebook import name_problem
from annotator.core.context import CONTEXT_CHARS, Anchor, reanchor
from annotator.core.errors import InputError
from annotator.core.intake import Incoming, IncomingCategory, IncomingTag, when
from annotator.core.messages import QT_TRANSLATE_NOOP, Message
from annotator.core.shorten import shorten
from annotator.services.intake import CategoryIndex, PlacedTag, match_tags
from annotator.services.matching import DocumentIndex
from annotator.services.merge_plan import (
    MAX_LISTED,
    MergePlan,
    TagConflict,
    TagDeletion,
    TagVersion,
    both_uuid,
    version_of,
)


@dataclass
class Resolution:
    """The matching of a file against the project: the plan shown to the user and what writing needs
    (what to create, restore, and the ids things map to here)."""

    plan: MergePlan
    docs_new: list = field(default_factory=list)  # SourceDocument
    docs_restore: dict[str, int] = field(default_factory=dict)  # uuid → id
    doc_ids: dict[str, int] = field(default_factory=dict)  # uuid → id (matched)
    cats_new: list[IncomingCategory] = field(default_factory=list)
    cats_restore: dict[str, int] = field(default_factory=dict)
    users_new: list = field(default_factory=list)
    user_ids: dict[str, int] = field(default_factory=dict)
    tags: list[PlacedTag] = field(default_factory=list)  # to add: each placed over our text


def resolve(source: Incoming, category_map: dict[str, int], project_uuid: str | None) -> Resolution:
    """Match a file against the open project (inside the caller's transaction) without writing."""
    plan = MergePlan(
        path=source.path,
        source=source,
        category_map=dict(category_map),
        same_project=bool(source.project_uuid) and source.project_uuid == project_uuid,
    )
    res = Resolution(plan)
    _match_categories(source, res)
    _match_annotators(source, res)
    texts = _match_documents(source, res)
    _match_tags(source, res, texts)
    return res


def _match_categories(source: Incoming, res: Resolution) -> None:
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
            raise InputError(
                Message(
                    QT_TRANSLATE_NOOP("Messages", "{problem}; nothing was merged"),
                    problem=name_problem(sc.name),
                ),
                path=source.path,
            )
        res.cats_new.append(sc)
        plan.categories_new.append(sc.name)


def _match_annotators(source: Incoming, res: Resolution) -> None:
    here = store.annotators.annotators_by_uuid()
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


def _match_documents(source: Incoming, res: Resolution) -> dict[str, str]:
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
                differs[d.uuid] = store.documents.document_text(doc_id)
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


def _match_tags(source: Incoming, res: Resolution, differs: dict[str, str]) -> None:
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
    # Most tags are on a document whose text is ours too: placed as they are, on the shortest path
    # (100,000 tags go through this loop).
    as_is = placeable.difference(differs)
    place = placed.append
    for a in source.annotations:
        row = here.get(a.uuid)
        if row is not None and row[deleted] is not None:  # removed here since: not brought back
            plan.tags_removed_here += 1
            continue
        doc = a.document_key
        if doc in as_is:
            place(
                PlacedTag(
                    a,
                    doc_ids.get(doc),
                    a.start,
                    a.end,
                    cat_map.get(a.category_key),
                    user_ids.get(a.user_key, a.user_key),
                    a.before,
                    a.after,
                )
            )
            continue
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
            found = _reanchor(text, a)
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
        if where is not None:
            place(
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
    res.tags = matched.add
    # Counted by the file's annotator key, then named: one look-up per annotator, not per tag.
    for key, n in Counter([p.tag.user_key for p in matched.add]).items():
        name = users.get(key, key)
        plan.tags_new[name] = plan.tags_new.get(name, 0) + n
    changed = [(p.tag, row, p.start, p.end, p.before, p.after) for p, row in matched.conflicts]
    _conflicts(source, res, changed, titles)
    _deletions(source, res, here)


def _names() -> tuple[dict[int, str], dict[int, str], dict[int, str]]:
    categories = {c.id: c.name for c, _removed in store.codebook.all_categories()}
    annotators = {a.id: a.name for a in store.annotators.annotators_by_uuid().values()}
    documents = store.documents.document_titles()
    return categories, annotators, documents


def _conflicts(source: Incoming, res: Resolution, changed: list, titles: dict[str, str]) -> None:
    """Same uuid, other content: a conflict, unless "keep both" settled it before."""
    if not changed:
        return
    plan = res.plan
    twins = {
        both_uuid(a.uuid, s, e, a.category_key, a.memo): i
        for i, (a, _row, s, e, _b, _f) in enumerate(changed)
    }
    settled = {twins[u] for u in store.tags.annotation_keys(list(twins))}
    cats, people, _docs = _names()
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
                mine=version_of(ours, cats, people),
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


def _deletions(source: Incoming, res: Resolution, here: dict[str, tuple]) -> None:
    if not source.deleted:
        return
    gone = {u: here[u] for u in source.deleted if u in here and here[u][store.tags.DELETED] is None}
    if not gone:
        return
    cats, people, docs = _names()
    ours_of = store.tags.annotations_by_ids([row[store.tags.ID] for row in gone.values()])
    for tag_uuid, row in gone.items():
        when = source.deleted[tag_uuid]
        ours = ours_of[row[store.tags.ID]]
        res.plan.deletions.append(
            TagDeletion(
                ours=ours,
                document=docs.get(ours.document_id, ""),
                deleted_at=when,
                version=version_of(ours, cats, people),
            )
        )


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
