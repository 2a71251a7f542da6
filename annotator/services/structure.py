"""The structure of judgments (case number, court, date, parties, sections, statutes), found on import
and re-runnable. The facts go into the document's metadata (so every filter can use them and the user
can edit them as properties); sections and citations go to their own tables."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import PurePath
from typing import TYPE_CHECKING

from annotator import store
from annotator.core.changes import Changes
from annotator.core.errors import InputError, NotFoundError
from annotator.core.messages import QT_TRANSLATE_NOOP, Message
from annotator.core.model import DocumentInfo, check_span
from annotator.text.section_kinds import SECTION_KINDS, SECTION_LABELS

if TYPE_CHECKING:
    from annotator.text.judgment import JudgmentStructure


def detect(text: str) -> JudgmentStructure:
    # The detector compiles many patterns on import: paid on the first detection, not when the window
    # asks for a document's stored sections.
    from annotator.text.judgment import detect as detect_structure

    return detect_structure(text)


def _store(document_id: int, found: JudgmentStructure) -> None:
    store.structure.replace_structure(
        document_id,
        [(s.kind, s.start, s.end) for s in found.sections],
        [
            (c.statute, c.article, c.article_suffix, c.paragraph, c.item, c.start, c.end)
            for c in found.citations
        ],
    )


def merged_meta(meta: dict, found: JudgmentStructure) -> dict:
    """What a re-run stores: what was found replaces those keys; every other key (the encoding, the
    user's own keys, facts the detector no longer finds) stays."""
    return {**meta, **found.meta()}


def title_is_file_name(info: DocumentInfo) -> bool:
    """Whether a document's title is only its file's name (the loader found no title in the file)."""
    return bool(info.source_name) and info.title == PurePath(info.source_name.replace("\\", "/")).stem


def found_title(info: DocumentInfo, found: JudgmentStructure, text: str) -> str:
    """The title a document should have: what the text says (court, case number and type for a
    judgment, the headline for a report) in place of a file name; a title the file or the user gave
    stays."""
    if not title_is_file_name(info):
        return info.title
    from annotator.text.judgment import document_title

    return document_title(found, text) or info.title


def after_import(info: DocumentInfo, text: str) -> DocumentInfo:
    """Run inside the import's transaction: find the structure of a new document and store it."""
    found = detect(text)
    meta = {**found.meta(), **info.meta}  # what the importer was told wins over what was found
    title = found_title(info, found, text)
    store.documents.update_document(info.id, title=title if title != info.title else None, meta=meta)
    _store(info.id, found)
    return replace(info, meta=meta, title=title)


def with_section(
    sections: Sequence[tuple[str, int, int]], kind: str, start: int, end: int
) -> list[tuple[str, int, int]]:
    """The sections after the user marks [start, end) as `kind`: sections it covers go, sections it
    overlaps are trimmed (one it falls inside is split in two), and the result is in text order."""
    out = []
    for k, s, e in sections:
        if e <= start or s >= end:
            out.append((k, s, e))
            continue
        if s < start:
            out.append((k, s, start))
        if e > end:
            out.append((k, end, e))
    out.append((kind, start, end))
    return sorted(out, key=lambda t: (t[1], t[2]))


class StructureService:
    def __init__(self, project) -> None:
        self.project = project

    def detect(
        self, document_ids: Iterable[int] | None = None, progress: Callable[[int, int], bool] | None = None
    ) -> Changes:
        """Find the structure again (after a better detector, or for documents imported before it
        existed), in one transaction. Replaces the metadata keys it finds; keeps all others."""
        updated, previous = [], []
        with store.project.transaction():
            ids = (
                [d.id for d in store.documents.list_documents()]
                if document_ids is None
                else list(document_ids)
            )
            for i, doc_id in enumerate(ids):
                if progress is not None and progress(i, len(ids)) is False:
                    raise InterruptedError("cancelled")
                doc = self.project.documents.get(doc_id)
                before = self.project.documents.info(doc_id)
                found = detect(doc.text)
                title = found_title(before, found, doc.text)
                store.documents.update_document(
                    doc_id, title=title if title != before.title else None, meta=merged_meta(doc.meta, found)
                )
                _store(doc_id, found)
                previous.append(before)
                updated.append(self.project.documents.info(doc_id))
        return Changes(
            action=Message(QT_TRANSLATE_NOOP("Messages", "Detect judgment structure")),
            documents_updated=tuple(updated),
            documents_previous=tuple(previous),
        )

    def set_section(self, document_id: int, kind: str, start: int, end: int) -> Changes:
        """Mark [start, end) of a document as a section of the judgment (the user corrects or adds what
        the detector found). One action, undoable."""
        if kind not in SECTION_KINDS:
            raise InputError(f"unknown section kind {kind!r} (one of: {', '.join(SECTION_KINDS)})")
        with store.project.transaction():
            length = store.documents.document_length(document_id)
            if length is None:
                raise NotFoundError(f"no document with id {document_id}")
            check_span(start, end, length)
            before = tuple(self.sections(document_id))
            after = tuple(with_section(before, kind, start, end))
            store.structure.replace_sections(document_id, after)
        label = SECTION_LABELS.get(kind, kind)
        return Changes(
            action=Message(QT_TRANSLATE_NOOP("Messages", "Mark section {name}"), name=label),
            sections_updated=((document_id, before, after),),
        )

    def revert(self, changes: Changes) -> Changes:
        """Put the sections named in `changes` back as they were (undo), returning the redo."""
        for document_id, before, _after in changes.sections_updated:
            store.structure.replace_sections(document_id, before)
        return Changes(
            sections_updated=tuple((d, after, before) for d, before, after in changes.sections_updated)
        )

    def sections(self, document_id: int) -> list[tuple[str, int, int]]:
        """(kind, start, end) of a document's sections, in text order."""
        return store.structure.sections([document_id]).get(document_id, [])

    def citations(self, document_id: int | None = None) -> list[dict]:
        rows = store.structure.citations(None if document_id is None else [document_id])
        return [
            {
                "document_id": d,
                "statute": s,
                "article": a,
                "article_suffix": x,
                "paragraph": p,
                "item": i,
                "start": b,
                "end": e,
            }
            for d, s, a, x, p, i, b, e in rows
        ]
