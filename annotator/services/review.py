"""Reviewing colleagues' tags: agreement reports and side-by-side comparison, for the GUI and the CLI."""

from __future__ import annotations

import math
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from annotator import store
from annotator.core.cells import CsvWriter
from annotator.core.changes import Changes
from annotator.core.errors import InputError, NotFoundError
from annotator.core.messages import QT_TRANSLATE_NOOP, Message
from annotator.core.model import Annotation, Annotator, Decision
from annotator.formats.base import Progress, report
from annotator.review import agreement, report_files
from annotator.review.compare import AGREE, Difference, compare
from annotator.review.units import clip_to_regions, sentences
from annotator.services.outputs import check_target, write_file

REPORT_KEYS = ("category", "alpha", "alpha_u", "kappa", "f1_exact", "f1_overlap", "units")
AGREED_NAME = "审定"  # the agreed layer's annotator
AGREED_KEY = "agreed_annotator_uuid"  # project_info key naming it, so a renamed layer is still found
DECISIONS = ("accept_a", "accept_b", "accept_both", "edit", "reject")
# What each decision is called in menus (Undo "Adjudicate: accept B") and messages.
DECISION_NAMES = {
    "accept_a": QT_TRANSLATE_NOOP("Messages", "accept A"),
    "accept_b": QT_TRANSLATE_NOOP("Messages", "accept B"),
    "accept_both": QT_TRANSLATE_NOOP("Messages", "accept both"),
    "edit": QT_TRANSLATE_NOOP("Messages", "accept the selected passage"),
    "reject": QT_TRANSLATE_NOOP("Messages", "reject"),
}


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


def note_text(notes: dict[str, Any]) -> str:
    """A row's notes as one cell: "alpha_u: …; f1_exact: …" (English; the GUI translates each)."""
    return "; ".join(f"{key}: {why}" for key, why in notes.items())


class ReviewService:
    def __init__(self, project) -> None:
        self.project = project

    def agreement(
        self,
        annotator_ids: Iterable[int],
        *,
        unit: str = "char",
        category_ids: Iterable[int] | None = None,
        document_ids: Iterable[int] | None = None,
        count_untagged: bool = True,
        by_document: bool = True,
        section: str | None = None,
        progress: Progress | None = None,
    ) -> agreement.Report:
        """Agreement among annotators (at least two) over the chosen unit: "char", "token" (jieba
        words) or "sentence". Categories default to every category the annotators used. `section`
        (e.g. "reasoning") keeps only that part of each judgment where its structure is known."""
        coders = list(dict.fromkeys(annotator_ids))
        if len(coders) < 2:
            raise InputError(
                Message(QT_TRANSLATE_NOOP("Messages", "choose at least two annotators to compare"))
            )
        if unit not in agreement.UNITS:
            raise InputError(
                Message(
                    QT_TRANSLATE_NOOP("Messages", "unknown unit {unit!r}; choose one of {units}"),
                    unit=unit,
                    units=", ".join(agreement.UNITS),
                )
            )
        for a in coders:
            if store.annotators.get_annotator(a) is None:
                raise NotFoundError(Message(QT_TRANSLATE_NOOP("Messages", "no annotator with id {id}"), id=a))
        lengths = store.review.document_lengths(document_ids)
        tags = store.review.tag_array(coders, lengths.keys())
        units = None
        if unit != "char":
            units = {}
            coded = sorted(set(tags[:, 0].tolist()))
            for i, doc in enumerate(coded):
                report(progress, i, len(coded))
                text = store.documents.get_document(doc).text
                units[doc] = self._tokens(text) if unit == "token" else sentences(text)
            report(progress, len(coded), len(coded))
        if section:
            regions = {
                doc: [(s, e) for kind, s, e in found if kind == section]
                for doc, found in store.structure.sections(lengths.keys()).items()
            }
            tags, lengths, units = clip_to_regions(tags.tolist(), lengths, regions, units)
            if not lengths:
                raise InputError(
                    Message(
                        QT_TRANSLATE_NOOP(
                            "Messages", "no document has a section {section!r} (see `annotator structure`)"
                        ),
                        section=section,
                    )
                )
        categories = sorted(set(category_ids)) if category_ids is not None else None
        return agreement.compute(
            tags,
            coders,
            lengths,
            units=units,
            categories=categories,
            count_untagged=count_untagged,
            unit_name=unit,
            by_document=by_document,
        )

    @staticmethod
    def _tokens(text: str) -> list[tuple[int, int]]:
        from annotator.text.segment import tokenize  # loads jieba on first use

        return tokenize(text)

    def default_coders(self, me: int | None = None) -> list[int]:
        """Whom the agreement report compares unless the user chooses: annotators with tags (never the
        agreed layer, which is made from them). When `me` has tags, only those who tagged at least one
        document I tagged: a sample project's annotator who coded another text would only yield "–"."""
        agreed = self.agreed_annotator_id()
        coded = {who: docs for who, docs in store.review.coded_documents().items() if who != agreed}
        order = [a.id for a in store.annotators.list_annotators() if a.id in coded]
        if me in coded:
            mine = coded[me]
            shared = [a for a in order if a == me or coded[a] & mine]
            if len(shared) >= 2:
                return shared
        return order

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
                "alpha": _number(m.alpha),
                "alpha_u": _number(m.alpha_u),
                "kappa": _number(m.kappa),
                "f1_exact": _number(m.f1_exact),
                "f1_overlap": _number(m.f1_overlap),
                "units": int(m.units),
                "percent": _number(m.percent),
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
                "alpha": _number(m.alpha),
                "alpha_u": _number(m.alpha_u),
                "kappa": _number(m.kappa),
                "f1_exact": _number(m.f1_exact),
                "f1_overlap": _number(m.f1_overlap),
                "units": int(m.units),
                "percent": _number(m.percent),
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

    def compare(
        self, document_id: int, first: int, second: int, *, tolerance: int = 0, same_words: bool = False
    ) -> list[Difference]:
        """Tags of annotator `first` (A) and `second` (B) on a document, paired and classified."""
        if store.documents.get_document_info(document_id) is None:
            raise NotFoundError(
                Message(QT_TRANSLATE_NOOP("Messages", "no document with id {id}"), id=document_id)
            )
        tags = store.tags.list_annotations(document_ids=[document_id], annotator_ids=[first, second])
        a = [t for t in tags if t.annotator_id == first]
        b = [t for t in tags if t.annotator_id == second]
        units = self._tokens(store.documents.get_document(document_id).text) if same_words else None
        return compare(a, b, tolerance=tolerance, units=units)

    # Adjudication ----------------------------------------------------------------------------------

    def agreed_annotator(self) -> Annotator:
        """The agreed layer's own annotator (审定), created on first use. It exports like any other."""
        with store.project.transaction():
            uuid = store.project.get_info(AGREED_KEY)
            found = store.annotators.find_annotator(uuid=uuid) if uuid else None
            if found is None:
                found = store.annotators.insert_annotator(AGREED_NAME)
                store.project.set_info(AGREED_KEY, found.uuid)
            return found

    def agreed_annotator_id(self) -> int | None:
        """The agreed layer's annotator id, or None while nobody has adjudicated yet."""
        uuid = store.project.get_info(AGREED_KEY)
        found = store.annotators.find_annotator(uuid=uuid) if uuid else None
        return found.id if found else None

    def decided(self, document_ids: Iterable[int] | None = None) -> set[str]:
        """Uuids of tags whose disagreement (or agreement) has been settled and still stands."""
        return store.adjudication.decided_sources(document_ids)

    def decide(
        self,
        first: int | None,
        second: int | None,
        decision: str,
        decided_by: int,
        *,
        start: int | None = None,
        end: int | None = None,
        category_id: int | None = None,
    ) -> Changes:
        """Settle one difference between tag `first` (A's) and `second` (B's) into the agreed layer.

        accept_a / accept_b copy that tag, accept_both copies both, edit adds [start, end) with
        `category_id` (defaults from A, else B), reject adds nothing. Each decision records who made
        it, when, and from which tags. Undo removes the agreed tags it added."""
        if decision not in DECISIONS:
            raise InputError(
                Message(
                    QT_TRANSLATE_NOOP("Messages", "unknown decision {decision!r}; choose one of {choices}"),
                    decision=decision,
                    choices=", ".join(DECISIONS),
                )
            )
        if store.annotators.get_annotator(decided_by) is None:
            raise NotFoundError(
                Message(QT_TRANSLATE_NOOP("Messages", "no annotator with id {id}"), id=decided_by)
            )
        with store.project.transaction():
            agreed = self.agreed_annotator()
            a = self.project.annotations.get(first) if first is not None else None
            b = self.project.annotations.get(second) if second is not None else None
            sources = [t for t in (a, b) if t is not None]
            if not sources:
                raise InputError(Message(QT_TRANSLATE_NOOP("Messages", "choose the tags to decide on")))
            if len({t.document_id for t in sources}) > 1:
                raise InputError(
                    Message(QT_TRANSLATE_NOOP("Messages", "the two tags are in different documents"))
                )
            doc = sources[0].document_id
            wanted: list[tuple[int, int, int]] = []
            if decision in ("accept_a", "accept_both"):
                if a is None:
                    raise InputError(
                        Message(
                            QT_TRANSLATE_NOOP("Messages", "there is no tag of annotator A to accept here")
                        )
                    )
                wanted.append((a.start, a.end, a.category_id))
            if decision in ("accept_b", "accept_both"):
                if b is None:
                    raise InputError(
                        Message(
                            QT_TRANSLATE_NOOP("Messages", "there is no tag of annotator B to accept here")
                        )
                    )
                wanted.append((b.start, b.end, b.category_id))
            if decision == "edit":
                base = a or b
                wanted.append(
                    (
                        base.start if start is None else start,
                        base.end if end is None else end,
                        base.category_id if category_id is None else category_id,
                    )
                )
            uuids = [t.uuid for t in sources]
            added: list[Annotation] = []
            made: list[Decision] = []
            for s, e, cat in wanted:
                tag = self.project.annotations.add(doc, s, e, cat, agreed.id).annotations_added[0]
                made.append(store.adjudication.record(doc, tag.id, decision, decided_by, uuids))
                added.append(tag)
            if not added:
                made.append(store.adjudication.record(doc, None, decision, decided_by, uuids))
        name = Message(DECISION_NAMES[decision])
        return Changes(
            action=Message(QT_TRANSLATE_NOOP("Messages", "Adjudicate: {decision}"), decision=name),
            annotations_added=tuple(added),
            decisions_added=tuple(made),
            messages=()
            if added
            else (Message(QT_TRANSLATE_NOOP("Messages", "rejected: nothing goes to the agreed layer")),),
        )

    def revert(self, changes: Changes) -> Changes:
        """Undo the decisions `changes` made (and redo those an undo took back); the tags they added
        are reverted with the other tags."""
        if not (changes.decisions_added or changes.decisions_removed):
            return Changes()
        with store.project.transaction():
            store.adjudication.remove(changes.decisions_added)
            store.adjudication.restore(changes.decisions_removed)
        return Changes(decisions_added=changes.decisions_removed, decisions_removed=changes.decisions_added)

    def accept_agreements(
        self, first: int, second: int, decided_by: int, document_ids: Iterable[int] | None = None
    ) -> Changes:
        """Copy every passage where A and B agree (same category, same extent) into the agreed layer,
        unless it was settled before; one action."""
        if store.annotators.get_annotator(decided_by) is None:
            raise NotFoundError(
                Message(QT_TRANSLATE_NOOP("Messages", "no annotator with id {id}"), id=decided_by)
            )
        docs = (
            list(document_ids)
            if document_ids is not None
            else [d.id for d in store.documents.list_documents()]
        )
        added: list[Annotation] = []
        made: list[Decision] = []
        with store.project.transaction():
            agreed = self.agreed_annotator()
            settled = store.adjudication.decided_sources(docs)
            tags = store.tags.list_annotations(document_ids=docs, annotator_ids=[first, second, agreed.id])
            by_doc: dict[int, list[Annotation]] = {}
            for t in tags:
                by_doc.setdefault(t.document_id, []).append(t)
            for doc, items in by_doc.items():
                present = {(t.start, t.end, t.category_id) for t in items if t.annotator_id == agreed.id}
                a = [t for t in items if t.annotator_id == first]
                b = [t for t in items if t.annotator_id == second]
                for d in compare(a, b):
                    if d.kind != AGREE or d.a.uuid in settled or d.b.uuid in settled:
                        continue
                    key = (d.a.start, d.a.end, d.a.category_id)
                    if key in present:
                        continue
                    tag = self.project.annotations.add(
                        doc, d.a.start, d.a.end, d.a.category_id, agreed.id
                    ).annotations_added[0]
                    made.append(
                        store.adjudication.record(doc, tag.id, "agree", decided_by, [d.a.uuid, d.b.uuid])
                    )
                    present.add(key)
                    added.append(tag)
        return Changes(
            action=Message(QT_TRANSLATE_NOOP("Messages", "Accept agreements")),
            annotations_added=tuple(added),
            decisions_added=tuple(made),
        )

    def provenance(self, annotation_id: int) -> dict | None:
        """For a tag of the agreed layer: decision, decided_by (annotator id), decided_at, sources (uuids)."""
        return store.adjudication.provenance(annotation_id)
