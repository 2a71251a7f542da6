"""Bringing texts into the project and reading them back."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from annotator import store
from annotator.core.changes import Changes
from annotator.core.errors import InputError, NotFoundError
from annotator.core.inputs import clean_title, has_visible_text
from annotator.core.messages import QT_TRANSLATE_NOOP, Message
from annotator.core.model import DOCUMENT_STATUSES, Document, DocumentInfo, text_sha256
from annotator.core.textmap import DeliveredText
from annotator.formats.base import Progress, report
from annotator.services.structure import after_import

# Undo-menu names of a status mark, one per status (each translated as a whole).
_STATUS_ACTIONS = {
    "done": QT_TRANSLATE_NOOP("Messages", "Mark {name} done"),
    "in_progress": QT_TRANSLATE_NOOP("Messages", "Mark {name} in progress"),
    "not_started": QT_TRANSLATE_NOOP("Messages", "Mark {name} not started"),
}


class DocumentService:
    def __init__(self, project) -> None:
        self.project = project

    def list(self, annotator_id: int | None = None) -> list[DocumentInfo]:
        """All documents, with their annotation counts (of one annotator when given, and then with that
        annotator's status: the one set, else in_progress once she has tags, else not_started)."""
        docs = store.documents.list_documents(annotator_id)
        if annotator_id is None:
            return docs
        statuses = store.documents.document_statuses(annotator_id)
        return [
            replace(d, status=statuses.get(d.id) or ("in_progress" if d.annotation_count else "not_started"))
            for d in docs
        ]

    def set_status(self, document_id: int, annotator_id: int, status: str) -> Changes:
        """Mark how far an annotator is with a document (not_started, in_progress, done)."""
        if status not in DOCUMENT_STATUSES:
            raise InputError(f"status {status!r} must be one of {', '.join(DOCUMENT_STATUSES)}")
        with store.project.transaction():
            before = next((d for d in self.list(annotator_id) if d.id == document_id), None)
            if before is None:
                raise NotFoundError(f"no document with id {document_id}")
            stored = store.documents.document_statuses(annotator_id).get(document_id, "")  # "" = none set yet
            store.documents.set_document_status(document_id, annotator_id, status)
            after = replace(before, status=status)
        return Changes(
            action=Message(_STATUS_ACTIONS[status], name=before.title),
            documents_updated=(after,),
            documents_previous=(replace(before, status=stored),),
            status_annotator_id=annotator_id,
        )

    def remove(self, document_id: int) -> Changes:
        """Hide a document from the project; its text and tags stay in the file (audit trail, undo)."""
        with store.project.transaction():
            self.info(document_id)
            removed = store.documents.set_document_removed(document_id, True)
        return Changes(
            action=Message(QT_TRANSLATE_NOOP("Messages", "Remove document {name}"), name=removed.title),
            documents_removed=(removed,),
        )

    def revert(self, changes: Changes) -> Changes:
        """Undo what `changes` did to documents: removals, additions and property edits."""
        added, removed, updated, previous = [], [], [], []
        with store.project.transaction():
            for d in changes.documents_removed:
                added.append(store.documents.set_document_removed(d.id, False))
            who = changes.status_annotator_id
            for old in changes.documents_previous:
                if not store.documents.document_exists(old.id):
                    raise NotFoundError(f"no document with id {old.id}")
                if who is not None:  # a status mark: put back the stored one ("" = none)
                    previous.append(
                        replace(old, status=store.documents.document_statuses(who).get(old.id, ""))
                    )
                    store.documents.set_document_status(old.id, who, old.status)
                    updated.append(next((d for d in self.list(who) if d.id == old.id), old))
                    continue
                previous.append(store.documents.get_document_info(old.id) or old)
                store.documents.update_document(old.id, title=old.title, meta=old.meta)
                updated.append(store.documents.get_document_info(old.id) or old)
            for d in changes.documents_added:
                removed.append(store.documents.set_document_removed(d.id, True))
        return Changes(
            action=changes.action,
            documents_added=tuple(added),
            documents_removed=tuple(removed),
            documents_updated=tuple(updated),
            documents_previous=tuple(previous),
            status_annotator_id=changes.status_annotator_id,
        )

    def get(self, document_id: int) -> Document:
        found = store.documents.get_document(document_id)
        if found is None:
            raise NotFoundError(f"no document with id {document_id}")
        return found

    def info(self, document_id: int) -> DocumentInfo:
        found = store.documents.get_document_info(document_id)
        if found is None:
            raise NotFoundError(f"no document with id {document_id}")
        return found

    def update(self, document_id: int, *, title: str | None = None, meta: dict | None = None) -> Changes:
        """Edit a document's properties; its text never changes once stored."""
        if title is not None and not title.strip():
            raise InputError(Message(QT_TRANSLATE_NOOP("Messages", "a document's title cannot be empty")))
        with store.project.transaction():
            before = self.info(document_id)
            store.documents.update_document(document_id, title=title.strip() if title else None, meta=meta)
            info = self.info(document_id)
        return Changes(
            action=Message(QT_TRANSLATE_NOOP("Messages", "Edit document properties")),
            documents_updated=(info,),
            documents_previous=(before,),
        )

    def import_files(
        self,
        paths: Iterable[str | Path],
        *,
        reflow: bool = True,
        paragraphs: bool = True,
        keep_breaks: dict[str, Collection[int]] | None = None,
        progress: Progress | None = None,
    ) -> Changes:
        """Import files as new documents in one transaction.

        Each text is kept as delivered (see `text.loaders.load_file`), then the recorded steps of
        `text.normalise.prepare` apply: stray line breaks joined (`reflow`, on by default, except the
        breaks at the offsets in `keep_breaks[path]`, as `preview` lists them) and paragraph breaks put
        into one-line judgments (`paragraphs`). The delivered text's SHA-256 and the offset map are
        recorded in `document_source`.

        Every file is read before anything is written, so one bad file leaves the project unchanged.
        A file whose text is already in the project is skipped and said so. `progress` is called with
        (done, total) over reading and then storing (2 steps per file); returning False cancels, and
        nothing is added.
        """
        from annotator.text.loaders import load_file  # text loaders pull in docx/pdf libraries
        from annotator.text.normalise import prepare

        paths = list(paths)
        total = 2 * len(paths)
        loaded = []
        for i, path in enumerate(paths):
            report(progress, i, total)
            item = load_file(path)
            keep = (keep_breaks or {}).get(str(path), ())
            loaded.append((item, prepare(item.text, reflow=reflow, paragraphs=paragraphs, skip_joins=keep)))
        return self._add_loaded(loaded, lambda done: report(progress, len(paths) + done, total))

    def add_text(
        self,
        title: str,
        text: str,
        *,
        source_name: str = "",
        source_format: str = "txt",
        meta: dict | None = None,
    ) -> Changes:
        if not has_visible_text(text):
            raise InputError(f"{title or 'the document'} is empty (it contains no visible text)")
        title = clean_title(title) or "untitled"
        with store.project.transaction():
            info = store.documents.insert_document(
                title=title, text=text, source_name=source_name, source_format=source_format, meta=meta
            )
            info = after_import(info, text)  # judgment structure, in the same transaction
        return Changes(
            action=Message(QT_TRANSLATE_NOOP("Messages", "Add document {name}"), name=title),
            documents_added=(info,),
        )

    def _add_loaded(self, loaded, step=lambda done: None) -> Changes:
        added: list[DocumentInfo] = []
        messages: list[str] = []
        with store.project.transaction():
            seen: set[str] = set()
            for i, (item, prepared) in enumerate(loaded):
                step(i)
                digest = text_sha256(prepared.text)
                delivered_digest = text_sha256(item.text)
                existing = store.documents.find_documents(sha256=digest) + [
                    store.documents.get_document_info(d.document_id)
                    for d in store.sources.find(delivered_digest)
                ]
                existing = [e for e in existing if e is not None]
                if existing or digest in seen or delivered_digest in seen:
                    title = existing[0].title if existing else item.title
                    messages.append(
                        Message(
                            QT_TRANSLATE_NOOP(
                                "Messages",
                                "{source}: the same text is already in the project as “{title}”; skipped",
                            ),
                            source=item.source_name,
                            title=title,
                        )
                    )
                    continue
                seen.update((digest, delivered_digest))
                meta = {"encoding": item.encoding} if item.encoding else {}
                info = store.documents.insert_document(
                    title=item.title,
                    text=prepared.text,
                    source_name=item.source_name,
                    source_format=item.source_format,
                    meta=meta,
                )
                store.sources.record(
                    info.id,
                    sha256=delivered_digest,
                    length=len(item.text),
                    newlines=item.newlines,
                    tmap=prepared.map,
                )
                added.append(after_import(info, prepared.text))
                messages.extend(f"{item.source_name}: {w}" for w in item.warnings + prepared.warnings)
            step(len(loaded))
        n = len(added)
        return Changes(
            action=Message(
                QT_TRANSLATE_NOOP("Messages", "Import {n} document")
                if n == 1
                else QT_TRANSLATE_NOOP("Messages", "Import {n} documents"),
                n=n,
            ),
            documents_added=tuple(added),
            messages=tuple(messages),
        )

    def recorded_steps(self, document_id: int) -> list[str]:
        """Names of the normalisation steps recorded for the document (`reflow`, `paragraphs`, …), read
        without its text: the window asks this each time a document opens."""
        return store.sources.step_names(document_id)

    def delivered(self, document_id: int) -> tuple[str, DeliveredText]:
        """The document's text as delivered and its record (hash, length, steps)."""
        doc = self.get(document_id)
        record = store.sources.get(document_id)
        if record is None:  # not reached: every document has one; be safe all the same
            store.sources.record_identity(document_id, doc.text)
            record = store.sources.get(document_id)
        assert record is not None
        return record.map.delivered(doc.text), record

    def drop_step(self, document_id: int, step: str) -> Changes:
        """Undo one recorded normalisation of a document (`reflow`: joined line breaks come back;
        `paragraphs`: inserted paragraph breaks go): the stored text becomes the delivered text with the
        other steps only, and every tag keeps exactly its characters (offsets carried through the maps).
        The text it replaces is kept in the document's history."""
        from annotator.core.context import CONTEXT_CHARS
        from annotator.core.history import Reanchored
        from annotator.text.normalise import prepare

        with store.project.transaction():
            doc = self.get(document_id)
            delivered, record = self.delivered(document_id)
            if step not in record.map.names:
                raise InputError(f"{doc.title}: no recorded {step} step to undo")
            keep = set(record.map.names) - {step}
            redone = prepare(
                delivered,
                reflow="reflow" in keep,
                paragraphs="paragraphs" in keep,
                skip_joins=_skipped(record.map, delivered) if "reflow" in keep else (),
            )
            moved: list[Reanchored] = []
            for a, _removed in store.history.annotations_of(document_id):
                span = record.map.span_to_delivered(a.start, a.end)
                new = redone.map.span_to_stored(*span) if span else None
                if new is None:  # not reached for whitespace-only steps; be safe all the same
                    continue
                s, e = new
                store.history.move(
                    a.id,
                    start=s,
                    end=e,
                    text=redone.text[s:e],
                    before=redone.text[max(0, s - CONTEXT_CHARS) : s],
                    after=redone.text[e : e + CONTEXT_CHARS],
                    review=None,
                    score=1.0,
                )
                moved.append(Reanchored(a.id, a.uuid, (a.start, a.end), (s, e), 1.0, "exact", a.text))
            store.history.replace_text(document_id, redone.text)
            store.sources.record(
                document_id,
                sha256=record.sha256,
                length=record.length,
                newlines=record.newlines,
                tmap=redone.map,
            )
            structure = getattr(self.project, "structure", None)
            if structure is not None:
                structure.detect([document_id])
            info = self.info(document_id)
        label = {"reflow": "joined line breaks restored", "paragraphs": "inserted paragraph breaks removed"}
        undo = {
            "reflow": QT_TRANSLATE_NOOP("Messages", "Undo reflow of {name}"),
            "paragraphs": QT_TRANSLATE_NOOP("Messages", "Undo paragraphs of {name}"),
        }
        return Changes(
            action=Message(undo[step], name=doc.title),
            documents_updated=(info,),
            texts_replaced=(document_id,),
            reanchored=tuple(moved),
            messages=(f"{doc.title}: {label.get(step, step)}; the previous text is kept in its history.",),
        )


def _skipped(tmap, delivered: str) -> set[int]:
    """Offsets of the joins the user kept when the reflow step was made (so redoing keeps them)."""
    from annotator.text.normalise import controls_step, reflow_preview

    cleaned = controls_step(delivered).apply(delivered)
    made = {e.start for st in tmap.steps if st.name == "reflow" for e in st.edits}
    return {off for off, _b, _a in reflow_preview(cleaned)} - made


@dataclass(frozen=True)
class ImportPreview:
    """What importing one file would add, shown in the import dialog before anything is written."""

    path: str
    title: str
    characters: int  # of the text as delivered
    encoding: str | None
    source_format: str
    joins: list[tuple[int, str, str]]  # stray line breaks repaired by default: (offset, before, after)
    warnings: list[str]
    paragraph_breaks: int = 0  # put into a one-line judgment
    newlines: str = ""


def preview(path: str | Path) -> ImportPreview:
    from annotator.text.loaders import load_file
    from annotator.text.normalise import prepare

    item = load_file(path)
    prepared = prepare(item.text)
    return ImportPreview(
        path=str(path),
        title=item.title,
        characters=len(item.text),
        encoding=item.encoding,
        source_format=item.source_format,
        joins=prepared.joins,
        warnings=list(item.warnings),
        paragraph_breaks=prepared.breaks,
        newlines=item.newlines,
    )
