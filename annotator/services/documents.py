"""Bringing texts into the project and reading them back."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from annotator.core.changes import Changes
from annotator.core.errors import InputError, NotFoundError
from annotator.core.model import Document, DocumentInfo, text_sha256
from annotator.store import repo


class DocumentService:
    def __init__(self, project) -> None:
        self.project = project

    def list(self, annotator_id: int | None = None) -> list[DocumentInfo]:
        """All documents, with their annotation counts (of one annotator when given)."""
        return repo.list_documents(annotator_id)

    def get(self, document_id: int) -> Document:
        found = repo.get_document(document_id)
        if found is None:
            raise NotFoundError(f"no document with id {document_id}")
        return found

    def info(self, document_id: int) -> DocumentInfo:
        found = repo.get_document_info(document_id)
        if found is None:
            raise NotFoundError(f"no document with id {document_id}")
        return found

    def update(self, document_id: int, *, title: str | None = None, meta: dict | None = None) -> Changes:
        """Edit a document's properties; its text never changes once stored."""
        if title is not None and not title.strip():
            raise InputError("a document's title cannot be empty")
        with repo.transaction():
            self.info(document_id)
            repo.update_document(document_id, title=title.strip() if title else None, meta=meta)
            info = self.info(document_id)
        return Changes(action="Edit document properties", documents_updated=(info,))

    def import_files(self, paths: Iterable[str | Path], *, reflow: bool = False) -> Changes:
        """Import files as new documents in one transaction.

        Every file is read before anything is written, so one bad file leaves the project unchanged.
        A file whose text is already in the project is skipped and said so.
        """
        from annotator.text.loaders import load_file  # text loaders pull in docx/pdf libraries

        loaded = [load_file(p, reflow=reflow) for p in paths]
        return self._add_loaded(loaded)

    def add_text(self, title: str, text: str, *, source_name: str = "", source_format: str = "txt",
                 meta: dict | None = None) -> Changes:
        if not text.strip():
            raise InputError(f"{title or 'the document'} is empty")
        with repo.transaction():
            info = repo.insert_document(title=title, text=text, source_name=source_name,
                                        source_format=source_format, meta=meta)
        return Changes(action=f"Add document {title}", documents_added=(info,))

    def _add_loaded(self, loaded) -> Changes:
        added: list[DocumentInfo] = []
        messages: list[str] = []
        with repo.transaction():
            seen: set[str] = set()
            for item in loaded:
                digest = text_sha256(item.text)
                existing = repo.find_documents(sha256=digest)
                if existing or digest in seen:
                    title = existing[0].title if existing else item.title
                    messages.append(f"{item.source_name}: the same text is already in the project "
                                    f"as “{title}”; skipped")
                    continue
                seen.add(digest)
                meta = {"encoding": item.encoding} if item.encoding else {}
                added.append(repo.insert_document(
                    title=item.title, text=item.text, source_name=item.source_name,
                    source_format=item.source_format, meta=meta,
                ))
                messages.extend(f"{item.source_name}: {w}" for w in item.warnings)
        n = len(added)
        return Changes(action=f"Import {n} document{'s' if n != 1 else ''}", documents_added=tuple(added),
                       messages=tuple(messages))


@dataclass(frozen=True)
class ImportPreview:
    """What importing one file would add, shown in the import dialog before anything is written."""

    path: str
    title: str
    characters: int
    encoding: str | None
    source_format: str
    joins: list[tuple[int, str, str]]  # where "repair broken lines" would join: (offset, before, after)
    warnings: list[str]


def preview(path: str | Path) -> ImportPreview:
    from annotator.text.loaders import load_file
    from annotator.text.normalise import reflow_preview

    item = load_file(path)
    return ImportPreview(path=str(path), title=item.title, characters=len(item.text), encoding=item.encoding,
                         source_format=item.source_format, joins=reflow_preview(item.text),
                         warnings=list(item.warnings))
