"""The agreed layer (审定): settling each difference between two colleagues' tags, with who decided what,
when and from which tags. `project.review` holds these (see `services/review.py`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from annotator import store
from annotator.core.changes import Changes
from annotator.core.errors import InputError, NotFoundError
from annotator.core.messages import QT_TRANSLATE_NOOP, Message
from annotator.core.model import Annotation, Annotator, Decision
from annotator.review.compare import AGREE, compare

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


class Adjudication:
    """The agreed layer's part of the review service; `project` is the open project."""

    project: Any

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
            absent = {
                "a": QT_TRANSLATE_NOOP("Messages", "there is no tag of annotator A to accept here"),
                "b": QT_TRANSLATE_NOOP("Messages", "there is no tag of annotator B to accept here"),
            }
            for side, tag in (("a", a), ("b", b)):
                if decision in (f"accept_{side}", "accept_both"):
                    if tag is None:
                        raise InputError(Message(absent[side]))
                    wanted.append((tag.start, tag.end, tag.category_id))
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
