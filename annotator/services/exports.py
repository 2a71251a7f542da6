"""Exports through the format registry, with the user's choice of documents, annotators and categories."""

from __future__ import annotations

from pathlib import Path

from annotator import store
from annotator.core.codebook import descendants
from annotator.formats import registry
from annotator.formats.base import ExportData, ExportOptions, Progress
from annotator.services.outputs import write_file


class ExportService:
    def __init__(self, project) -> None:
        self.project = project

    def formats(self) -> list[tuple[str, str, str]]:
        """(name, label, file extension) of every format that can export."""
        return [(m.NAME, m.LABEL, m.EXTENSION) for m in registry.exporters()]

    def format_options(self, format_name: str) -> tuple[str, ...]:
        """Options beyond the common ones that a format takes (e.g. "word_tokens" for conll)."""
        return tuple(getattr(registry.get(format_name), "OPTIONS", ()))

    def collect(self, options: ExportOptions) -> ExportData:
        """What to export: the codebook, annotators and documents read now, the tags streamed from the
        database when the format writes them (see `store/export_rows.py`)."""
        categories = store.codebook.list_categories(include_archived=True)
        category_ids = options.category_ids
        if category_ids is not None and options.include_children:
            category_ids = frozenset(descendants(categories, set(category_ids)))
        documents = store.documents.get_documents(options.document_ids)
        doc_ids = [d.id for d in documents]
        annotator_ids = options.annotator_ids
        counts = store.export_rows.tag_counts(doc_ids, annotator_ids, category_ids)
        annotators = [
            a for a in store.annotators.list_annotators() if annotator_ids is None or a.id in annotator_ids
        ]
        project = {"uuid": store.project.get_info("project_uuid") or "", "name": self.project.path.stem}
        return ExportData(
            categories=categories,
            annotators=annotators,
            documents=documents,
            project=project,
            source=lambda: store.export_rows.tag_rows(doc_ids, annotator_ids, category_ids),
            cells=lambda fields, raw: store.export_rows.tag_cells(
                doc_ids, fields, annotator_ids, category_ids, raw=raw
            ),
            tag_count=sum(counts.values()),
            counts=lambda: dict(counts),
        )

    def export(
        self,
        format_name: str,
        path: str | Path,
        options: ExportOptions | None = None,
        progress: Progress | None = None,
    ) -> int:
        """Write the export; returns the number of annotations written."""
        module = registry.get(format_name)
        options = options or ExportOptions()
        data = self.collect(options)
        if options.word_tokens:
            from annotator.text.segment import tokenize  # jieba loads only when words are asked for

            data.tokenize = tokenize
        # Never over the project or its backups; written next to the target and renamed, so a cancelled
        # or failed export never leaves half a file.
        write_file(self.project.path, path, lambda partial: module.export(data, partial, options, progress))
        return data.tag_count
