"""The agreement report as the GUI, the CLI and the report files show it: one row per category and per
document, with the reason for each figure that cannot be computed; CSV, Excel and HTML files.
`project.review` holds these (see `services/review.py`)."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from annotator import store
from annotator.core.cells import CsvWriter
from annotator.core.errors import InputError
from annotator.core.messages import QT_TRANSLATE_NOOP, Message
from annotator.review import agreement, report_files
from annotator.services.outputs import check_target, write_file

REPORT_KEYS = ("category", "alpha", "alpha_u", "kappa", "f1_exact", "f1_overlap", "units")


def _number(value: float) -> float | None:
    return None if value is None or math.isnan(value) else value


def _missing_reasons(row: dict[str, Any], coded_by_all: bool) -> dict[str, Message]:
    """Why each figure of a report row that shows "–" could not be computed."""
    notes: dict[str, Message] = {}
    for key in ("alpha", "kappa", "percent"):
        if row[key] is None:
            notes[key] = (
                Message(
                    QT_TRANSLATE_NOOP(
                        "Messages", "no unit was coded by two of the annotators: each tagged other documents"
                    )
                )
                if not row["units"]
                else Message(
                    QT_TRANSLATE_NOOP(
                        "Messages",
                        "every unit got the same value from everyone (nothing varies), so chance "
                        "agreement is 1 and the coefficient is undefined",
                    )
                )
            )
    if row["alpha_u"] is None:
        notes["alpha_u"] = (
            Message(
                QT_TRANSLATE_NOOP(
                    "Messages",
                    "no document was tagged by every chosen annotator; α_u compares only such documents",
                )
            )
            if not coded_by_all
            else Message(
                QT_TRANSLATE_NOOP(
                    "Messages", "in the documents every chosen annotator tagged, nobody used this category"
                )
            )
        )
    for key in ("f1_exact", "f1_overlap"):
        if row[key] is None:
            notes[key] = Message(
                QT_TRANSLATE_NOOP(
                    "Messages", "F1 needs tags of this category from two annotators in the same document"
                )
            )
    return notes


def _figures(m: agreement.Measures) -> dict[str, Any]:
    """A category's or a document's figures as a report row has them (None where undefined)."""
    return {
        "alpha": _number(m.alpha),
        "alpha_u": _number(m.alpha_u),
        "kappa": _number(m.kappa),
        "f1_exact": _number(m.f1_exact),
        "f1_overlap": _number(m.f1_overlap),
        "units": int(m.units),
        "percent": _number(m.percent),
    }


def note_text(notes: dict[str, Any]) -> str:
    """A row's notes as one cell: "alpha_u: …; f1_exact: …" (English; the GUI translates each)."""
    return "; ".join(f"{key}: {why}" for key, why in notes.items())


class ReportRows:
    """The report's rows, tables and files: part of the review service; `project` is the open project."""

    project: Any

    def rows(self, result: agreement.Report) -> list[dict[str, Any]]:
        """One row per category and one with `category: None` for overall, with the report's keys
        (plus `category_id`, `percent`, `coefficient`, which says which κ it is, and `notes`: for each
        figure that cannot be computed, a Message saying why)."""
        names = {c.id: c.name for c in store.codebook.list_categories(include_archived=True)}
        kind = "cohen" if len(result.coders) == 2 else "fleiss"
        all_coded = self._coded_by_all(result)
        out = []
        for m in [*result.categories, result.overall]:
            row = {
                "category": None if m.category is None else names.get(m.category, str(m.category)),
                "category_id": m.category,
                **_figures(m),
                "coefficient": kind,
            }
            row["notes"] = _missing_reasons(row, all_coded)
            out.append(row)
        return out

    def document_rows(self, result: agreement.Report) -> list[dict[str, Any]]:
        titles = {d.id: d.title for d in store.documents.list_documents()}
        coded = store.review.coded_documents(result.coders)
        out = []
        for doc, m in sorted(result.documents.items()):
            row = {
                "document": titles.get(doc, str(doc)),
                "document_id": doc,
                **_figures(m),
            }
            row["notes"] = _missing_reasons(row, all(doc in coded.get(c, ()) for c in result.coders))
            out.append(row)
        return out

    @staticmethod
    def _coded_by_all(result: agreement.Report) -> bool:
        coded = store.review.coded_documents(result.coders)
        docs = [coded.get(c, set()) for c in result.coders]
        return bool(docs) and bool(set.intersection(*docs))

    def export_csv(self, result: agreement.Report, path: str | Path) -> None:
        """The report as CSV (UTF-8 with BOM so Excel reads the Chinese names): categories, overall,
        then the documents."""
        keys = (*REPORT_KEYS, "percent")

        def write(partial: Path) -> None:
            with partial.open("w", encoding="utf-8-sig", newline="") as fh:
                out = CsvWriter(fh)
                out.writerow(["scope", *keys, "note"])
                for row in self.rows(result):
                    name = row["category"] if row["category"] is not None else "(overall)"
                    out.writerow(
                        [
                            "category",
                            name,
                            *(report_files.cell_text(row[k]) for k in keys[1:]),
                            note_text(row["notes"]),
                        ]
                    )
                for row in self.document_rows(result):
                    out.writerow(
                        [
                            "document",
                            row["document"],
                            *(report_files.cell_text(row[k]) for k in keys[1:]),
                            note_text(row["notes"]),
                        ]
                    )

        write_file(self.project.path, path, write)

    def export_report(self, result: agreement.Report, path: str | Path) -> None:
        """The report as .csv, .xlsx (one sheet per table) or .html (printable), chosen by the file name."""
        path = check_target(self.project.path, path)  # the open project and its backups first
        suffix = path.suffix.lower()
        if suffix == ".csv":
            self.export_csv(result, path)
            return
        if suffix not in (".xlsx", ".html", ".htm"):
            raise InputError(
                f"cannot write an agreement report as {suffix or 'a file without extension'} "
                "(use .csv, .xlsx or .html)",
                path=str(path),
            )
        tables = self.report_tables(result)
        names = {a.id: a.name for a in store.annotators.list_annotators()}
        coders = "、".join(names.get(c, str(c)) for c in result.coders)

        def write(partial: Path) -> None:
            if suffix == ".xlsx":
                report_files.write_xlsx(partial, tables)
            else:
                report_files.write_html(
                    partial,
                    f"Agreement: {coders}",
                    tables,
                    notes=[f"unit: {result.unit}; untagged text counted: {result.count_untagged}"],
                )

        write_file(self.project.path, path, write)

    def report_tables(self, result: agreement.Report) -> dict[str, report_files.Table]:
        """Categories (with the overall row), documents and, for two coders, the confusion matrix."""
        keys = (*REPORT_KEYS[1:], "percent")
        tables: dict[str, report_files.Table] = {
            "Categories": (
                ("category", *keys, "note"),
                [
                    (
                        r["category"] if r["category"] is not None else "(overall)",
                        *(r[k] for k in keys),
                        note_text(r["notes"]),
                    )
                    for r in self.rows(result)
                ],
            ),
            "Documents": (
                ("document", *keys, "note"),
                [
                    (r["document"], *(r[k] for k in keys), note_text(r["notes"]))
                    for r in self.document_rows(result)
                ],
            ),
        }
        if len(result.coders) == 2 and result.confusion:
            names = {c.id: c.name for c in store.codebook.list_categories(include_archived=True)}
            cats = sorted({k for pair in result.confusion for k in pair if k is not None})
            axis = [*cats, None]

            def label(c):
                return names.get(c, str(c)) if c is not None else "(none)"

            tables["Confusion"] = (
                ("A \\ B", *(label(c) for c in axis)),
                [(label(a), *(result.confusion.get((a, b), 0) for b in axis)) for a in axis],
            )
        return tables
