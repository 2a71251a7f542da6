"""Merging a colleague's work: from a `json` bundle or directly from another project file.

Matching, in this order: documents by UUID, else by the SHA-256 of their text; categories by UUID, else
by name (what could not be decided is listed as a conflict, and the user may map it); annotators by UUID,
so a colleague keeps their identity even when two people share a name; tags by UUID, so merging the same
file twice adds nothing. A tag whose document has a different text here is found again by its quote and
context; one that cannot be placed is reported and left out, never shifted.

`preview()` reads and matches without writing; `apply()` matches again inside one transaction (the
project may have changed since the preview) and returns the `Changes`, which undo reverts.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.changes import Changes
from annotator.core.codebook import CodebookEntry
from annotator.core.context import CONTEXT_CHARS, Anchor, reanchor
from annotator.core.errors import InputError
from annotator.core.model import Category, DocumentInfo
from annotator.formats.base import Progress, report
from annotator.review.source import Source, SourceAnnotation, SourceCategory, from_project_rows, read_bundle
from annotator.store import merging, repo

MAX_LISTED = 50  # problems listed one by one; the rest are counted


@dataclass
class MergePlan:
    """What merging a file would do; shown to the user before anything is written."""

    path: str
    source: Source
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
    conflicts: list[str] = field(default_factory=list)

    @property
    def tags_new_total(self) -> int:
        return sum(self.tags_new.values())

    @property
    def empty(self) -> bool:
        return not (self.documents_new or self.categories_new or self.tags_new_total)

    def summary(self) -> list[str]:
        lines = [f"{len(self.documents_new)} new documents, {self.documents_matched} already here"]
        for name, n in sorted(self.tags_new.items()):
            lines.append(f"{n} new tags by {name}")
        if self.tags_known:
            lines.append(f"{self.tags_known} tags already here (skipped)")
        if self.tags_removed_here:
            lines.append(f"{self.tags_removed_here} tags were removed here earlier (not brought back)")
        if self.tags_reanchored:
            lines.append(f"{self.tags_reanchored} tags placed by their quote in a changed text")
        if self.categories_new:
            lines.append("new categories: " + "、".join(self.categories_new))
        if self.annotators_new:
            lines.append("new annotators: " + "、".join(self.annotators_new))
        return lines


@dataclass
class _Resolution:
    plan: MergePlan
    docs_new: list = field(default_factory=list)  # SourceDocument
    docs_restore: dict[str, int] = field(default_factory=dict)  # uuid → id
    doc_ids: dict[str, int] = field(default_factory=dict)  # uuid → id (matched)
    cats_new: list[SourceCategory] = field(default_factory=list)
    cats_restore: dict[str, int] = field(default_factory=dict)
    users_new: list = field(default_factory=list)
    user_ids: dict[str, int] = field(default_factory=dict)
    # (tag, start, end, context before, context after) to add
    tags: list[tuple[SourceAnnotation, int, int, str, str]] = field(default_factory=list)


class MergeService:
    def __init__(self, project) -> None:
        self.project = project

    def read(self, path: str | Path) -> Source:
        """Read a json bundle or another project file (told apart by their first bytes)."""
        path = Path(path)
        if not path.is_file():
            raise InputError("file not found", path=str(path))
        with path.open("rb") as fh:
            head = fh.read(16)
        if head == b"SQLite format 3\x00":
            if path.resolve() == Path(self.project.path).resolve():
                raise InputError("this is the open project itself", path=str(path))
            return from_project_rows(str(path), merging.read_project_file(path))
        return read_bundle(path)

    def preview(self, path: str | Path, category_map: dict[str, int] | None = None) -> MergePlan:
        source = self.read(path)
        if source.project_uuid and source.project_uuid == self.project.uuid:
            raise InputError("this file was exported from this very project; there is nothing to merge",
                             path=str(path))
        with repo.transaction():
            return self._resolve(source, category_map or {}).plan

    def apply(self, plan: MergePlan, progress: Progress | None = None) -> Changes:
        """Merge in one transaction; returns what was added (undo removes it again). `progress` is
        called with (tags written, tags to write); returning False cancels and nothing is written."""
        with repo.transaction():
            res = self._resolve(plan.source, plan.category_map)
            return self._write(res, progress)

    def merge(self, path: str | Path, category_map: dict[str, int] | None = None) -> Changes:
        return self.apply(self.preview(path, category_map))

    # Matching --------------------------------------------------------------------------------------

    def _resolve(self, source: Source, category_map: dict[str, int]) -> _Resolution:
        plan = MergePlan(path=source.path, source=source, category_map=dict(category_map))
        res = _Resolution(plan)
        self._match_categories(source, res)
        self._match_annotators(source, res)
        texts = self._match_documents(source, res)
        self._match_tags(source, res, texts)
        return res

    def _match_categories(self, source: Source, res: _Resolution) -> None:
        plan = res.plan
        here = merging.all_categories()
        by_uuid = {c.uuid: (c, removed) for c, removed in here}
        by_name: dict[str, list[Category]] = {}
        for c, removed in here:
            if not removed:
                by_name.setdefault(c.name, []).append(c)
        valid_ids = {c.id for c, removed in here if not removed}
        for sc in source.categories:
            if sc.uuid in plan.category_map:
                if plan.category_map[sc.uuid] not in valid_ids:
                    raise InputError(f"category “{sc.name}” is mapped to a category that is not in the project")
                continue
            found = by_uuid.get(sc.uuid)
            if found is not None:
                cat, removed = found
                if removed:
                    res.cats_restore[sc.uuid] = cat.id
                if cat.name != sc.name:
                    plan.conflicts.append(f"category “{sc.name}” in the file is “{cat.name}” here (same identity): "
                                          f"its tags go to “{cat.name}”")
                plan.category_map[sc.uuid] = cat.id
                continue
            named = by_name.get(sc.name, [])
            if len(named) > 1:
                plan.conflicts.append(f"category “{sc.name}”: {len(named)} categories here have that name; "
                                      "its tags go to the first unless you choose another")
            if named:
                plan.category_map[sc.uuid] = named[0].id
                continue
            res.cats_new.append(sc)
            plan.categories_new.append(sc.name)

    def _match_annotators(self, source: Source, res: _Resolution) -> None:
        here = merging.annotators_by_uuid()
        names = {a.name for a in here.values()}
        for sa in source.annotators:
            if sa.uuid in here:
                res.user_ids[sa.uuid] = here[sa.uuid].id
                continue
            res.users_new.append(sa)
            res.plan.annotators_new.append(sa.name)
            if sa.name in names:
                res.plan.conflicts.append(f"annotator “{sa.name}” in the file is another person than “{sa.name}” "
                                          "here (a different identity); their tags stay apart")

    def _match_documents(self, source: Source, res: _Resolution) -> dict[str, str]:
        """Match documents; returns this project's text of those whose text differs from the file's."""
        plan = res.plan
        by_uuid = merging.documents_by_uuid()
        by_sha = merging.live_documents_by_sha()
        differs: dict[str, str] = {}
        new_sha: set[str] = set()
        for d in source.documents:
            found = by_uuid.get(d.uuid)
            if found is not None:
                doc_id, sha, removed = found
                if removed:
                    res.docs_restore[d.uuid] = doc_id
                res.doc_ids[d.uuid] = doc_id
                plan.documents_matched += 1
                if sha != d.sha256:
                    differs[d.uuid] = merging.document_text(doc_id)
                    plan.documents_text_differs.append(d.title)
            elif d.sha256 in by_sha:
                res.doc_ids[d.uuid] = by_sha[d.sha256]
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

    def _match_tags(self, source: Source, res: _Resolution, differs: dict[str, str]) -> None:
        plan = res.plan
        known = merging.annotation_uuids([a.uuid for a in source.annotations])
        placeable = set(res.doc_ids) | {d.uuid for d in res.docs_new}
        titles = {d.uuid: d.title for d in source.documents}
        users = {a.uuid: a.name for a in source.annotators}
        counts: Counter = Counter()
        unplaced = 0
        for a in source.annotations:
            if a.uuid in known:
                if known[a.uuid]:
                    plan.tags_removed_here += 1
                else:
                    plan.tags_known += 1
                continue
            if a.document not in placeable:
                reason = "the file does not carry the document's text and it is not in this project"
            elif a.document in differs:
                placed = self._reanchor(differs[a.document], a)
                if placed is None:
                    reason = "the document's text differs here and the quote cannot be found"
                else:
                    if placed != (a.start, a.end):
                        plan.tags_reanchored += 1
                    text = differs[a.document]
                    s, e = placed
                    res.tags.append((a, s, e, text[max(0, s - CONTEXT_CHARS):s], text[e:e + CONTEXT_CHARS]))
                    counts[users.get(a.annotator, a.annotator)] += 1
                    continue
            else:
                res.tags.append((a, a.start, a.end, a.before, a.after))
                counts[users.get(a.annotator, a.annotator)] += 1
                continue
            unplaced += 1
            if len(plan.unplaced) < MAX_LISTED:
                plan.unplaced.append(f"{titles.get(a.document, a.document)} [{a.start}, {a.end}) "
                                     f"“{_short(a.text)}”: {reason}")
        if unplaced > len(plan.unplaced):
            plan.unplaced.append(f"… and {unplaced - len(plan.unplaced)} more")
        plan.tags_new = dict(counts)

    @staticmethod
    def _reanchor(text: str, a: SourceAnnotation) -> tuple[int, int] | None:
        if not a.text:
            return None
        if (text[a.start:a.end] == a.text and text[max(0, a.start - len(a.before)):a.start] == a.before
                and text[a.end:a.end + len(a.after)] == a.after):
            return a.start, a.end
        return reanchor(text, Anchor(a.text, a.before, a.after), hint=a.start)

    # Writing ---------------------------------------------------------------------------------------

    def _write(self, res: _Resolution, progress: Progress | None = None) -> Changes:
        plan = res.plan
        categories_added: list[Category] = []
        for uuid, cat_id in res.cats_restore.items():
            categories_added.append(merging.restore_category(cat_id))
            plan.category_map[uuid] = cat_id
        pending = list(res.cats_new)
        while pending:  # parents before children
            ready = [c for c in pending if c.parent_uuid is None or c.parent_uuid in plan.category_map
                     or c.parent_uuid not in {p.uuid for p in pending}]
            if not ready:
                ready = pending[:1]
            for sc in ready:
                parent = plan.category_map.get(sc.parent_uuid) if sc.parent_uuid else None
                entry = CodebookEntry(name=sc.name, uuid=sc.uuid, name_en=sc.name_en, description=sc.description,
                                      color=sc.color, shortcut=self._free_shortcut(sc.shortcut))
                for cat in repo.insert_codebook([entry], parent_id=parent):
                    categories_added.append(cat)
                    plan.category_map[cat.uuid] = cat.id
                pending.remove(sc)
        for sa in res.users_new:
            res.user_ids[sa.uuid] = repo.insert_annotator(sa.name, uuid=sa.uuid).id
        documents_added: list[DocumentInfo] = []
        for doc_id in res.docs_restore.values():
            documents_added.append(merging.restore_document(doc_id))
        by_sha: dict[str, int] = {}
        for d in res.docs_new:
            info = repo.insert_document(title=d.title, text=d.text or "", source_name=d.source_name,
                                        source_format=d.source_format, meta=d.meta, uuid=d.uuid)
            documents_added.append(info)
            res.doc_ids[d.uuid] = info.id
            by_sha[d.sha256] = info.id
        sha_of = {d.uuid: d.sha256 for d in plan.source.documents}
        for uuid, doc_id in list(res.doc_ids.items()):
            if doc_id == -1:
                res.doc_ids[uuid] = by_sha[sha_of[uuid]]
        rows = []
        for a, start, end, before, after in res.tags:
            rows.append({
                "uuid": a.uuid, "document_id": res.doc_ids[a.document], "annotator_id": res.user_ids[a.annotator],
                "category_id": plan.category_map[a.category], "start": start, "end": end, "text": a.text,
                "before": before, "after": after, "memo": a.memo, "created": a.created,
            })
        added = merging.insert_annotations(rows, None if progress is None else lambda i, n: report(progress, i, n))
        report(progress, len(rows), len(rows))
        messages = tuple(plan.conflicts) + tuple(plan.unplaced)
        return Changes(action=f"Merge {Path(plan.path).name}", annotations_added=tuple(added),
                       documents_added=tuple(documents_added), categories_added=tuple(categories_added),
                       messages=messages)

    @staticmethod
    def _free_shortcut(shortcut: str) -> str:
        if not shortcut:
            return ""
        taken = {c.shortcut for c in repo.list_categories(include_archived=True)}
        return "" if shortcut in taken else shortcut


def _short(text: str, n: int = 20) -> str:
    return text if len(text) <= n else text[:n] + "…"
