"""Corrected documents: replace a document's text with a new version and re-anchor its tags.

Each tag is looked for by its quote and context (`core.context.place`), starting from where a line-level
comparison of old and new text says it should be. An exact quote moves without fuss; a passage that
changed a little (a typo fixed) moves with its score and is flagged "fuzzy" for review; a passage that
cannot be found is removed from the text and flagged "unplaced" — never moved to a guess. The old text
stays in the document's history (`document_version`), so the old offsets keep their meaning.
"""

from __future__ import annotations

from pathlib import Path

from annotator import store
from annotator.core.changes import Changes
from annotator.core.context import CONTEXT_CHARS, FUZZY_ACCEPT, Anchor, line_hints, place
from annotator.core.errors import InputError, NotFoundError
from annotator.core.history import DocumentVersion, Reanchored
from annotator.core.inputs import has_visible_text
from annotator.core.messages import QT_TRANSLATE_NOOP, Message
from annotator.core.model import text_sha256
from annotator.core.shorten import shorten


class WouldUnplaceError(InputError):
    """A corrected text would leave most of a document's tags unplaced; nothing was changed."""

    def __init__(self, unplaced: int, total: int, title: str) -> None:
        self.unplaced, self.total = unplaced, total
        super().__init__(
            f"{title}: the new text would leave {unplaced} of {total} tags unplaced (removed); "
            "nothing was changed. Is it the right file? (use --force to replace it anyway)"
        )


class VersionService:
    def __init__(self, project) -> None:
        self.project = project

    def update_file(
        self,
        document_id: int,
        path: str | Path,
        *,
        reflow: bool = False,
        accept: float = FUZZY_ACCEPT,
        force: bool = False,
    ) -> Changes:
        """Replace a document's text with the text of a file (any importable format)."""
        from annotator.text.loaders import load_file
        from annotator.text.normalise import prepare

        loaded = load_file(path)
        text = prepare(loaded.text, reflow=reflow, paragraphs=False).text
        return self.update_text(
            document_id,
            text,
            source_name=loaded.source_name,
            source_format=loaded.source_format,
            accept=accept,
            force=force,
        )

    def update_text(
        self,
        document_id: int,
        text: str,
        *,
        source_name: str | None = None,
        source_format: str | None = None,
        accept: float = FUZZY_ACCEPT,
        force: bool = False,
    ) -> Changes:
        """Put `text` in place of the document's text and re-anchor every tag (removed ones too, so
        undo never brings one back at a stale offset). The Changes lists the document under
        `texts_replaced` and what happened to each tag under `reanchored`.

        When more than half of the document's tags would not be placed (the wrong file, most likely),
        nothing changes and `WouldUnplaceError` says how many, unless `force`."""
        if not has_visible_text(text):
            raise InputError("the new text is empty (it contains no visible text)")
        with store.project.transaction():
            doc = store.documents.get_document(document_id)
            if doc is None:
                raise NotFoundError(f"no document with id {document_id}")
            if text_sha256(text) == doc.sha256:
                return Changes(
                    action=Message(QT_TRANSLATE_NOOP("Messages", "Update text of {name}"), name=doc.title),
                    messages=(f"{doc.title}: the new text is the same as the current one; nothing changed",),
                )
            hint = line_hints(doc.text, text)
            report: list[Reanchored] = []
            live = unplaced_live = 0
            for a, removed in store.history.annotations_of(document_id):
                found = place(text, Anchor(a.text, a.before, a.after), hint(a.start))
                if found is not None and (found.method == "exact" or found.score >= accept):
                    s, e = found.start, found.end
                    store.history.move(
                        a.id,
                        start=s,
                        end=e,
                        text=text[s:e],
                        before=text[max(0, s - CONTEXT_CHARS) : s],
                        after=text[e : e + CONTEXT_CHARS],
                        review=None if found.method == "exact" else "fuzzy",
                        score=found.score,
                    )
                    report.append(
                        Reanchored(a.id, a.uuid, (a.start, a.end), (s, e), found.score, found.method, a.text)
                    )
                else:
                    score = found.score if found is not None else 0.0
                    # Removed from the text (it would otherwise highlight the wrong words) but kept, flagged.
                    store.history.flag(a.id, "unplaced", score, remove=not removed)
                    report.append(Reanchored(a.id, a.uuid, (a.start, a.end), None, score, "unplaced", a.text))
                    if not removed:
                        unplaced_live += 1
                if not removed:
                    live += 1
            if not force and live and unplaced_live * 2 > live:
                raise WouldUnplaceError(unplaced_live, live, doc.title)  # rolls the transaction back
            version = store.history.replace_text(
                document_id, text, source_name=source_name, source_format=source_format
            )
            structure = getattr(self.project, "structure", None)
            if structure is not None:  # sections and cited statutes were found in the old text
                structure.detect([document_id])
            info = store.documents.get_document_info(document_id)
        fuzzy = [r for r in report if r.method == "fuzzy"]
        lost = [r for r in report if r.method == "unplaced"]
        messages = [
            f"{doc.title}: new text stored; the old one is kept as version {version}. "
            f"Tags: {len(report) - len(fuzzy) - len(lost)} placed exactly, {len(fuzzy)} placed "
            f"approximately (flagged for review), {len(lost)} not found (removed and flagged)."
        ]
        messages += [
            f"tag {r.annotation_id} “{shorten(r.quote, 16)}”: placed approximately at "
            f"{r.new[0]}–{r.new[1]} (similarity {r.score:.2f}); please review"
            for r in fuzzy
        ]
        messages += [
            f"tag {r.annotation_id} “{shorten(r.quote, 16)}” ({r.old[0]}–{r.old[1]} in version {version}): "
            f"not found in the new text; removed and flagged for review"
            for r in lost
        ]
        return Changes(
            action=Message(QT_TRANSLATE_NOOP("Messages", "Update text of {name}"), name=doc.title),
            documents_updated=(info,),
            messages=tuple(messages),
            texts_replaced=(document_id,),
            reanchored=tuple(report),
        )

    def history(self, document_id: int) -> list[DocumentVersion]:
        return store.history.history(document_id)

    def old_text(self, document_id: int, version: int) -> str:
        text = store.history.old_text(document_id, version)
        if text is None:
            raise NotFoundError(f"document {document_id} has no version {version}")
        return text

    def flagged(self, document_id: int | None = None):
        """Tags waiting for review after a text replacement: (annotation, reason, score, removed)."""
        return store.history.flagged(document_id)

    def review(self, annotation_id: int) -> tuple[str | None, float | None]:
        return store.history.get_review(annotation_id)

    def mark_reviewed(self, annotation_id: int) -> Changes:
        with store.project.transaction():
            current = store.tags.get_annotation(annotation_id, include_deleted=True)
            if current is None:
                raise NotFoundError(f"no annotation with id {annotation_id}")
            score = store.history.get_review(annotation_id)[1]
            store.history.flag(annotation_id, None, score)
        return Changes(action=Message(QT_TRANSLATE_NOOP("Messages", "Mark tag reviewed")))
