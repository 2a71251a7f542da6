"""Writing a matched merge (inside the caller's transaction), in the order the rows depend on each
other: categories (parents before children) and annotators, then documents, then the tags through
the intake's one bulk writer, the conflicts settled as "take theirs" and the removals taken. Returns
the `Changes`, which undo reverts.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from annotator import store
from annotator.core.changes import Changes
from annotator.core.codebook import CodebookEntry
from annotator.core.intake import when
from annotator.core.messages import QT_TRANSLATE_NOOP, Message
from annotator.core.model import Annotation, Category, DocumentInfo
from annotator.formats.base import Progress
from annotator.services.intake import write_tags
from annotator.services.merge_matching import Resolution
from annotator.services.merge_plan import BOTH, THEIRS, MergePlan, both_uuid


def write(res: Resolution, progress: Progress | None = None) -> Changes:
    """Carry out the plan of `res`; `progress(done, total)` returning False cancels (nothing written)."""
    plan = res.plan
    categories_added = _write_categories(res)
    for sa in res.users_new:
        res.user_ids[sa.uuid] = store.annotators.insert_annotator(sa.name, uuid=sa.uuid).id
    documents_added = _write_documents(res)
    rows = _tag_rows(res)
    updates, previous = _settle_conflicts(res, rows)
    added = write_tags(rows, progress)
    updated = _update_tags(updates, previous)
    removed: list[Annotation] = []
    if plan.take_deletions and plan.deletions:
        removed = [d.ours for d in plan.deletions]
        store.tags.set_deleted_many([a.id for a in removed], True)
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


def _write_categories(res: Resolution) -> list[Category]:
    """Restore the file's categories removed here and create the new ones, parents before children;
    each goes into the plan's category map."""
    plan = res.plan
    categories_added: list[Category] = []
    for uuid, cat_id in res.cats_restore.items():
        categories_added.append(store.codebook.restore_category(cat_id))
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
                shortcut=_free_shortcut(sc.shortcut),
            )
            for cat in store.codebook.insert_codebook([entry], parent_id=parent):
                categories_added.append(cat)
                plan.category_map[cat.uuid] = cat.id
            pending.remove(sc)
    return categories_added


def _write_documents(res: Resolution) -> list[DocumentInfo]:
    """Restore documents removed here, create the new ones, and point the file's documents that share
    a new one's text (marked -1 by matching) at it."""
    documents_added: list[DocumentInfo] = []
    for doc_id in res.docs_restore.values():
        documents_added.append(store.documents.restore_document(doc_id))
    by_sha: dict[str, int] = {}
    for d in res.docs_new:
        info = store.documents.insert_document(
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
    sha_of = {d.uuid: d.sha256 for d in res.plan.source.documents}
    for uuid, doc_id in list(res.doc_ids.items()):
        if doc_id == -1:
            res.doc_ids[uuid] = by_sha[sha_of[uuid]]
    return documents_added


def _tag_rows(res: Resolution) -> list[tuple]:
    """The new tags as `store.tags.insert_rows` takes them."""
    doc_ids, user_ids, cat_map = res.doc_ids, res.user_ids, res.plan.category_map
    return [
        (
            (a := p.tag).uuid,
            doc_ids[a.document_key],
            user_ids[a.user_key],
            cat_map[a.category_key],
            p.start,
            p.end,
            a.quote,
            p.before,
            p.after,
            a.memo,
            _created(a.created),
        )
        for p in res.tags
    ]


# How the store writes a time (`repo.stamp`: UTC, milliseconds), e.g. 2026-12-02T03:10:00.123+00:00.
_STORED_STAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00")


def _created(value: datetime | str | None) -> datetime | str | None:
    """A tag's creation time for the writer: a valid stamp already in the stored form (every tag from
    another project file) passes as it is, since formatting it again would give the same text and
    costs a second at 100,000 tags; anything else is read as `when` reads it."""
    parsed = when(value)
    if parsed is not None and isinstance(value, str) and _STORED_STAMP.fullmatch(value):
        return value
    return parsed


def _settle_conflicts(res: Resolution, rows: list[tuple]) -> tuple[list[dict], list[Annotation]]:
    """The conflicts as settled: "keep both" adds theirs to `rows` as a tag of its own; "take theirs"
    gives the updates to make and our versions they replace."""
    plan: MergePlan = res.plan
    doc_ids, user_ids, cat_map = res.doc_ids, res.user_ids, plan.category_map
    updates: list[dict] = []
    previous: list[Annotation] = []
    for c in plan.tag_conflicts:
        how = plan.resolution(c.uuid)
        a = c.source
        if how == THEIRS:
            previous.append(c.ours)
            updates.append(
                {
                    "id": c.ours.id,
                    "document_id": doc_ids[a.document_key],
                    "category_id": cat_map[a.category_key],
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
    return updates, previous


def _update_tags(updates: list[dict], previous: list[Annotation]) -> list[Annotation]:
    """Write "take theirs" and return the tags as they now are."""
    if not updates:
        return []
    now = datetime.fromisoformat(store.tags.update_annotations(updates))
    return [
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
        for old, u in zip(previous, updates, strict=True)
    ]


def _free_shortcut(shortcut: str) -> str:
    if not shortcut:
        return ""
    taken = {c.shortcut for c in store.codebook.list_categories(include_archived=True)}
    return "" if shortcut in taken else shortcut
