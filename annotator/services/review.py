"""Reviewing colleagues' tags: agreement reports and side-by-side comparison, for the GUI and the CLI."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from annotator import store
from annotator.core.errors import InputError, NotFoundError
from annotator.core.messages import QT_TRANSLATE_NOOP, Message
from annotator.formats.base import Progress, report
from annotator.review import agreement
from annotator.review.compare import Difference, compare
from annotator.review.units import clip_to_regions, sentences
from annotator.services.adjudication import Adjudication
from annotator.services.review_report import ReportRows


class ReviewService(ReportRows, Adjudication):
    """`project.review`: agreement among colleagues (here), its report as rows and files
    (`review_report.py`), comparing two of them on one document (here) and the agreed layer
    (`adjudication.py`)."""

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
        coded = sorted(set(tags[:, 0].tolist()))
        if unit == "token":
            units = self.word_units(coded, progress)
        elif unit == "sentence":
            units = {}
            for i, doc in enumerate(coded):
                report(progress, i, len(coded))
                units[doc] = sentences(store.documents.get_document(doc).text)
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

    def word_units(
        self, document_ids: Iterable[int], progress: Progress | None = None
    ) -> dict[int, np.ndarray]:
        """Document → its jieba words as an (n, 2) array of [start, end) code points.

        Segmenting is the whole cost of agreement over words (2 million characters: ~13 s), so the words
        are stored with the hash of the text and the segmenter's fingerprint (`store.review`): only
        documents whose text or segmentation changed since are segmented again (jieba then loads), and
        their words are stored for the next time (not in a read-only file, nor on a team server, where
        members may not write derived data)."""
        from annotator.text import segment

        docs = list(dict.fromkeys(document_ids))
        key = segment.fingerprint()
        found = store.review.token_units(docs, key)
        missing = [d for d in docs if d not in found]
        new: dict[int, tuple[str, np.ndarray]] = {}
        for i, doc in enumerate(missing):
            report(progress, i, len(missing))
            document = store.documents.get_document(doc)
            spans = np.array(segment.tokenize(document.text), dtype=np.int64).reshape(-1, 2)
            found[doc] = spans
            new[doc] = (document.sha256, spans)
        report(progress, len(missing), len(missing))
        if new and not self.project.read_only and not self.project.on_server:
            store.review.save_token_units(new, key)
        return found

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
        units = self.word_units([document_id])[document_id].tolist() if same_words else None
        return compare(a, b, tolerance=tolerance, units=units)
