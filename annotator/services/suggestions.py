"""Tag suggestions learnt from the project's own tags, on this machine.

Training reads the tags (of chosen annotators, or everyone's), the user's rejections and the documents
they lie in; `annotator/learn/` does the learning. Nothing here opens a network connection, and the
model is never written anywhere: it is rebuilt from what the project file holds.

The GUI trains in a worker thread. So that the worker never touches the database, the work is split:
`snapshot()` reads everything on the caller's thread and returns plain data, `Snapshot.build()` and
`Snapshot.suggest()` run anywhere, and `accept()` / `reject()` write on the caller's thread again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from annotator import store
from annotator.core.changes import Changes
from annotator.core.errors import InputError, NotFoundError
from annotator.core.messages import QT_TRANSLATE_NOOP, Message
from annotator.learn.data import DocData, Span, Suggestion, TrainingData
from annotator.learn.features import FeatureCache
from annotator.learn.recommender import Recommender, build

DEFAULT_THRESHOLD = 0.6
MIN_TAGS = 10  # a category suggests nothing until it has this many tags (unless switched on by hand)


@dataclass(frozen=True, slots=True)
class CategorySetting:
    category_id: int
    name: str
    tags: int  # in the training scope
    threshold: float
    enabled: bool | None  # None: automatic (on from MIN_TAGS tags)
    accepted: int = 0
    rejected: int = 0

    @property
    def active(self) -> bool:
        return self.enabled if self.enabled is not None else self.tags >= MIN_TAGS


@dataclass
class Snapshot:
    """Everything one training run needs, read from the project; safe to use from another thread."""

    data: TrainingData
    thresholds: dict[int, float]  # the active categories
    cache: FeatureCache
    recommender: Recommender | None = None
    mine: dict[int, list[Span]] = field(default_factory=dict)  # by document: tags of whoever accepts

    def build(self, cancelled: Callable[[], bool] = lambda: False) -> Recommender:
        self.recommender = build(self.data, self.thresholds, self.cache, cancelled)
        return self.recommender

    def suggest(self, doc: DocData, thresholds: dict[int, float] | None = None) -> list[Suggestion]:
        """Suggestions for one document (`thresholds` overrides the categories' own, e.g. lower for
        "learn fastest"); `build()` first."""
        if self.recommender is None:
            self.build()
        assert self.recommender is not None
        rejected = [r for r in self.data.rejected if r.document_id == doc.id]
        return self.recommender.suggest(
            doc, self.cache, thresholds or self.thresholds, self.mine.get(doc.id, []), rejected
        )


class SuggestionService:
    def __init__(self, project) -> None:
        self.project = project
        # Features of documents, kept while the project is open: retraining then costs only the fits.
        self.cache = FeatureCache()

    # Settings --------------------------------------------------------------------------------------

    def settings(self, annotator_ids: Iterable[int] | None = None) -> list[CategorySetting]:
        """Every live, unarchived category with its tag count in scope, threshold and switch."""
        ids = None if annotator_ids is None else list(annotator_ids)
        counts: dict[int, int] = {}
        for _doc, cat, n in store.structure.tag_counts(ids):
            counts[cat] = counts.get(cat, 0) + n
        set_ = store.suggestions.settings()
        decided = store.suggestions.decision_counts()
        out = []
        for c in store.codebook.list_categories(include_archived=False):
            threshold, enabled = set_.get(c.id, (None, None))
            out.append(
                CategorySetting(
                    c.id,
                    c.name,
                    counts.get(c.id, 0),
                    DEFAULT_THRESHOLD if threshold is None else threshold,
                    enabled,
                    decided.get((c.id, "accepted"), 0),
                    decided.get((c.id, "rejected"), 0),
                )
            )
        return out

    def set_threshold(self, category_id: int, threshold: float | None) -> None:
        if threshold is not None and not 0.0 <= threshold <= 1.0:
            raise InputError(f"a threshold is a score between 0 and 1, not {threshold}")
        with store.project.transaction():
            self._category(category_id)
            _, enabled = store.suggestions.settings().get(category_id, (None, None))
            store.suggestions.set_setting(category_id, threshold, enabled)

    def set_enabled(self, category_id: int, enabled: bool | None) -> None:
        """On, off, or None for automatic (on once the category has MIN_TAGS tags)."""
        with store.project.transaction():
            self._category(category_id)
            threshold, _ = store.suggestions.settings().get(category_id, (None, None))
            store.suggestions.set_setting(category_id, threshold, enabled)

    @staticmethod
    def _category(category_id: int):
        category = store.codebook.get_category(category_id)
        if category is None:
            raise NotFoundError(f"no category with id {category_id}")
        return category

    # Training -------------------------------------------------------------------------------------

    def snapshot(
        self,
        annotator_ids: Iterable[int] | None = None,
        category_ids: Iterable[int] | None = None,
        for_annotator: int | None = None,
        extra_documents: Iterable[int] = (),
    ) -> Snapshot:
        """Read the training data: tags of `annotator_ids` (None: everyone's), their rejections, and the
        documents these lie in plus `extra_documents` (the ones to suggest in). Only active categories
        (or those of `category_ids` among them) are trained. `for_annotator`'s own tags are never
        suggested again."""
        ids = None if annotator_ids is None else list(annotator_ids)
        wanted = None if category_ids is None else set(category_ids)
        thresholds = {
            s.category_id: s.threshold
            for s in self.settings(ids)
            if s.active and (wanted is None or s.category_id in wanted)
        }
        tags = store.tags.list_annotations(annotator_ids=ids)
        rejected_rows = store.suggestions.decisions("rejected", ids)
        done = store.suggestions.done_documents(ids)
        read: dict[int, int] = {}
        for a in tags:
            read[a.document_id] = max(read.get(a.document_id, 0), a.end)
        doc_ids = set(read) | {r[0] for r in rejected_rows} | done | set(extra_documents)
        docs = self.documents(doc_ids)
        for d in done:
            if d in docs:
                read[d] = len(docs[d].text)
        mine: dict[int, list[Span]] = {}
        who = for_annotator
        for a in (
            tags
            if who is None or ids is None or who in ids
            else store.tags.list_annotations(annotator_ids=[who])
        ):
            if who is None or a.annotator_id == who:
                mine.setdefault(a.document_id, []).append(Span(a.document_id, a.start, a.end, a.category_id))
        data = TrainingData(
            docs=docs,
            tags=tuple(
                Span(a.document_id, a.start, a.end, a.category_id) for a in tags if a.document_id in docs
            ),
            rejected=tuple(Span(d, s, e, c) for d, s, e, c, _who in rejected_rows if d in docs),
            read=read,
        )
        return Snapshot(data, thresholds, self.cache, mine=mine)

    def documents(self, document_ids: Iterable[int]) -> dict[int, DocData]:
        """Documents as the recommenders see them (text, sections, cited statutes)."""
        ids = sorted(set(document_ids))
        if not ids:
            return {}
        sections = store.structure.sections(ids)
        cites: dict[int, list[tuple[str, int, int, int]]] = {}
        for d, statute, article, _x, _p, _i, s, e in store.structure.citations(ids):
            cites.setdefault(d, []).append((statute, article, s, e))
        return {
            d.id: DocData(d.id, d.text, tuple(sections.get(d.id, ())), tuple(cites.get(d.id, ())))
            for d in store.documents.get_documents(ids)
        }

    # Suggesting, in one call (CLI, batch) ------------------------------------------------------------

    def suggest(
        self,
        document_ids: Iterable[int] | None = None,
        *,
        category_ids: Iterable[int] | None = None,
        min_score: float | None = None,
        annotator_ids: Iterable[int] | None = None,
        for_annotator: int | None = None,
        progress: Callable[[int, int], bool] | None = None,
    ) -> list[Suggestion]:
        """Train, then suggest in `document_ids` (None: every document). `min_score` replaces each
        category's threshold. Sorted by document, then position."""
        if min_score is not None and not 0.0 <= min_score <= 1.0:
            raise InputError(f"--min-score is a score between 0 and 1, not {min_score}")
        targets = (
            [d.id for d in store.documents.list_documents()] if document_ids is None else list(document_ids)
        )
        snap = self.snapshot(annotator_ids, category_ids, for_annotator, targets)
        if not snap.thresholds:
            return []
        thresholds = snap.thresholds if min_score is None else dict.fromkeys(snap.thresholds, min_score)
        snap.build()
        out: list[Suggestion] = []
        for i, doc_id in enumerate(targets):
            if progress is not None and progress(i, len(targets)) is False:
                raise InterruptedError("cancelled")
            doc = snap.data.docs.get(doc_id)
            if doc is not None:
                out.extend(snap.suggest(doc, thresholds))
        return out

    # Decisions ------------------------------------------------------------------------------------

    def accept(self, suggestions: Sequence[Suggestion], annotator_id: int) -> Changes:
        """Tag each suggested passage as suggested: normal tags, one undoable action."""
        if not suggestions:
            return Changes(action=Message(QT_TRANSLATE_NOOP("Messages", "Accept suggestions")))
        added = []
        with store.project.transaction():
            for s in suggestions:
                added.extend(
                    self.project.annotations.add(
                        s.document_id, s.start, s.end, s.category_id, annotator_id
                    ).annotations_added
                )
            store.suggestions.add_decisions([_row(s, annotator_id, "accepted") for s in suggestions])
        name = self._category(suggestions[0].category_id).name if len(suggestions) == 1 else ""
        action = (
            Message(QT_TRANSLATE_NOOP("Messages", "Accept suggestion {name}"), name=name)
            if name
            else Message(QT_TRANSLATE_NOOP("Messages", "Accept {n} suggestions"), n=len(suggestions))
        )
        return Changes(action=action, annotations_added=tuple(added))

    def note_accepted(self, suggestions: Sequence[Suggestion], annotator_id: int) -> list[str]:
        """Record that suggestions were taken as they were by tagging them by hand (the category key)."""
        with store.project.transaction():
            return store.suggestions.add_decisions([_row(s, annotator_id, "accepted") for s in suggestions])

    def forget(self, decision_uuids: Sequence[str]) -> int:
        """Take decisions back (undo of a rejection): the passages may be suggested again."""
        with store.project.transaction():
            return store.suggestions.remove_decisions(decision_uuids)

    def reject(self, suggestions: Sequence[Suggestion], annotator_id: int) -> list[str]:
        """Remember that these passages are not of the suggested category (and learn from it); returns
        the decisions' uuids, for `forget`."""
        with store.project.transaction():
            if store.annotators.get_annotator(annotator_id) is None:
                raise NotFoundError(f"no annotator with id {annotator_id}")
            for s in suggestions:
                check = store.documents.text_slice(s.document_id, s.start, s.end)
                if check != s.text and s.text:
                    raise InputError(
                        f"the suggestion [{s.start}, {s.end}) no longer matches document "
                        f"{s.document_id}'s text"
                    )
            return store.suggestions.add_decisions([_row(s, annotator_id, "rejected") for s in suggestions])

    def rejected(self, annotator_ids: Iterable[int] | None = None) -> list[Span]:
        return [
            Span(d, s, e, c) for d, s, e, c, _who in store.suggestions.decisions("rejected", annotator_ids)
        ]


def _row(s: Suggestion, annotator_id: int, decision: str) -> dict:
    return {
        "document_id": s.document_id,
        "category_id": s.category_id,
        "annotator_id": annotator_id,
        "start": s.start,
        "end": s.end,
        "text": s.text,
        "decision": decision,
        "score": s.score,
        "source": s.source,
    }
