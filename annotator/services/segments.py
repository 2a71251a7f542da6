"""Coded-segment retrieval: every passage of a category (with its children) across documents, filtered,
and its export."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from annotator import store
from annotator.core.errors import NotFoundError
from annotator.services.search import section_of, with_children
from annotator.services.search_query import MetaFilter, filter_documents

# ------------------------------------------------------------------------------- coded segments


@dataclass(frozen=True, slots=True)
class Segment:
    annotation_id: int
    document_id: int
    title: str
    category: str
    annotator: str
    start: int
    end: int
    text: str
    before: str
    after: str
    memo: str
    section: str
    meta: dict

    def as_dict(self) -> dict:
        return {
            "annotation_id": self.annotation_id,
            "document_id": self.document_id,
            "title": self.title,
            "category": self.category,
            "annotator": self.annotator,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "before": self.before,
            "after": self.after,
            "memo": self.memo,
            "section": self.section,
            **{k: self.meta[k] for k in ("case_number", "court", "year", "cause") if k in self.meta},
        }


class SegmentService:
    """Every passage of a category (with its children) across documents, filtered."""

    def __init__(self, project) -> None:
        self.project = project

    def retrieve(
        self,
        category_id: int | None = None,
        *,
        include_children: bool = True,
        annotator_ids: Iterable[int] | None = None,
        filters: Sequence[MetaFilter | str] | None = None,
        sections: Iterable[str] | None = None,
        text: str | None = None,
    ) -> list[Segment]:
        cats = {c.id: c for c in store.codebook.list_categories()}
        if category_id is not None and category_id not in cats:
            raise NotFoundError(f"no category with id {category_id}")
        category_ids = None if category_id is None else with_children(category_id, include_children)
        allowed = filter_documents(filters)
        rows = store.structure.tag_rows(category_ids, annotator_ids, allowed, passages=True)
        if text:
            rows = [r for r in rows if text in r[6]]
        doc_ids = {r[1] for r in rows}
        metas = store.search.document_summaries(doc_ids) if rows else {}
        doc_sections = store.structure.all_sections(doc_ids) if rows else {}
        wanted = set(sections) if sections else None
        users = {u.id: u.name for u in store.annotators.list_annotators()}
        out = []
        for ident, doc_id, cat_id, user_id, start, end, passage, before, after, memo in rows:
            section = section_of(doc_sections.get(doc_id, []), start)
            if wanted is not None and section not in wanted:
                continue
            title, meta = metas.get(doc_id, ("", {}))
            out.append(
                Segment(
                    ident,
                    doc_id,
                    title,
                    cats[cat_id].name,
                    users.get(user_id, ""),
                    start,
                    end,
                    passage,
                    before,
                    after,
                    memo,
                    section,
                    meta,
                )
            )
        return out

    def export(self, segments: Sequence[Segment], format_name: str, path: str | Path) -> int:
        """Write the retrieved passages through the format registry (csv, json, …)."""
        from annotator.formats import registry
        from annotator.formats.base import ExportData, ExportOptions

        module = registry.get(format_name)
        ids = {s.annotation_id for s in segments}
        doc_ids = sorted({s.document_id for s in segments})
        annotations = [a for a in store.tags.list_annotations(document_ids=doc_ids) if a.id in ids]
        data = ExportData(
            categories=store.codebook.list_categories(),
            annotators=store.annotators.list_annotators(),
            documents=store.documents.get_documents(doc_ids),
            annotations=annotations,
            project={"uuid": self.project.uuid},
        )
        from annotator.services.outputs import write_file

        write_file(
            self.project.path,
            path,
            lambda partial: module.export(data, partial, ExportOptions(include_text=False)),
        )
        return len(annotations)
