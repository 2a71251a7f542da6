"""Reviewing colleagues' tags: agreement reports and side-by-side comparison, for the GUI and the CLI."""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from annotator.core.errors import InputError, NotFoundError
from annotator.formats.base import Progress, neutralise_cell, report
from annotator.review import agreement
from annotator.review.compare import Difference, compare
from annotator.review.units import sentences
from annotator.store import repo
from annotator.store import review as store

REPORT_KEYS = ("category", "alpha", "alpha_u", "kappa", "f1_exact", "f1_overlap", "units")


def _number(value: float) -> float | None:
    return None if value is None or math.isnan(value) else value


class ReviewService:
    def __init__(self, project) -> None:
        self.project = project

    def agreement(self, annotator_ids: Iterable[int], *, unit: str = "char",
                  category_ids: Iterable[int] | None = None, document_ids: Iterable[int] | None = None,
                  count_untagged: bool = True, by_document: bool = True,
                  progress: Progress | None = None) -> agreement.Report:
        """Agreement among annotators (at least two) over the chosen unit: "char", "token" (jieba
        words) or "sentence". Categories default to every category the annotators used."""
        coders = list(dict.fromkeys(annotator_ids))
        if len(coders) < 2:
            raise InputError("choose at least two annotators to compare")
        if unit not in agreement.UNITS:
            raise InputError(f"unknown unit {unit!r}; choose one of {', '.join(agreement.UNITS)}")
        for a in coders:
            if repo.get_annotator(a) is None:
                raise NotFoundError(f"no annotator with id {a}")
        lengths = store.document_lengths(document_ids)
        tags = store.tag_tuples(coders, lengths.keys())
        units = None
        if unit != "char":
            units = {}
            coded = sorted({t[0] for t in tags})
            for i, doc in enumerate(coded):
                report(progress, i, len(coded))
                text = repo.get_document(doc).text
                units[doc] = self._tokens(text) if unit == "token" else sentences(text)
            report(progress, len(coded), len(coded))
        categories = sorted(set(category_ids)) if category_ids is not None else None
        return agreement.compute(tags, coders, lengths, units=units, categories=categories,
                                 count_untagged=count_untagged, unit_name=unit, by_document=by_document)

    @staticmethod
    def _tokens(text: str) -> list[tuple[int, int]]:
        from annotator.text.segment import tokenize  # loads jieba on first use

        return tokenize(text)

    def rows(self, result: agreement.Report) -> list[dict[str, Any]]:
        """One row per category and one with `category: None` for overall, with the report's keys
        (plus `category_id`, `percent` and `coefficient`, which says which κ it is)."""
        names = {c.id: c.name for c in repo.list_categories(include_archived=True)}
        kind = "cohen" if len(result.coders) == 2 else "fleiss"
        out = []
        for m in [*result.categories, result.overall]:
            out.append({
                "category": None if m.category is None else names.get(m.category, str(m.category)),
                "category_id": m.category, "alpha": _number(m.alpha), "alpha_u": _number(m.alpha_u),
                "kappa": _number(m.kappa), "f1_exact": _number(m.f1_exact), "f1_overlap": _number(m.f1_overlap),
                "units": int(m.units), "percent": _number(m.percent), "coefficient": kind,
            })
        return out

    def document_rows(self, result: agreement.Report) -> list[dict[str, Any]]:
        titles = {d.id: d.title for d in repo.list_documents()}
        return [{"document": titles.get(doc, str(doc)), "document_id": doc, "alpha": _number(m.alpha),
                 "alpha_u": _number(m.alpha_u), "kappa": _number(m.kappa), "f1_exact": _number(m.f1_exact),
                 "f1_overlap": _number(m.f1_overlap), "units": int(m.units), "percent": _number(m.percent)}
                for doc, m in sorted(result.documents.items())]

    def export_csv(self, result: agreement.Report, path: str | Path) -> None:
        """The report as CSV (UTF-8 with BOM so Excel reads the Chinese names): categories, overall,
        then the documents."""
        path = Path(path)
        partial = path.with_name(path.name + ".partial")
        keys = (*REPORT_KEYS, "percent")
        try:
            with partial.open("w", encoding="utf-8-sig", newline="") as fh:
                out = csv.writer(fh)
                out.writerow(["scope", *keys])
                for row in self.rows(result):
                    name = row["category"] if row["category"] is not None else "(overall)"
                    out.writerow(["category", neutralise_cell(name), *(_cell(row[k]) for k in keys[1:])])
                for row in self.document_rows(result):
                    out.writerow(["document", neutralise_cell(row["document"]),
                                  *(_cell(row[k]) for k in keys[1:])])
            partial.replace(path)
        finally:
            partial.unlink(missing_ok=True)

    def compare(self, document_id: int, first: int, second: int, *, tolerance: int = 0,
                same_words: bool = False) -> list[Difference]:
        """Tags of annotator `first` (A) and `second` (B) on a document, paired and classified."""
        if repo.get_document_info(document_id) is None:
            raise NotFoundError(f"no document with id {document_id}")
        tags = repo.list_annotations(document_ids=[document_id], annotator_ids=[first, second])
        a = [t for t in tags if t.annotator_id == first]
        b = [t for t in tags if t.annotator_id == second]
        units = self._tokens(repo.get_document(document_id).text) if same_words else None
        return compare(a, b, tolerance=tolerance, units=units)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}"
    return str(value)
