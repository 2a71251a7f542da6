"""Corpus search across the project: KWIC hits and tagging them. No Qt; the GUI and the CLI call these.
Coded-segment retrieval is in services/segments.py, statistics in services/statistics.py, the query's
syntax and the metadata filters in services/search_query.py.

Query syntax (search): words separated by spaces must all be in a document; `"a phrase with spaces"`;
`OR` (or `|`) between alternatives; `-word` or `NOT word` excludes documents containing it. Matching is a
substring match of any length (Chinese has no spaces), case-insensitive for Latin letters. With
`regex=True` the query is one Python regular expression instead.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from annotator import store
from annotator.core.changes import Changes
from annotator.core.errors import InputError, NotFoundError
from annotator.core.messages import QT_TRANSLATE_NOOP, Message
from annotator.core.sentence_marks import TERMINATORS
from annotator.services.annotations import tag_target
from annotator.services.search_query import Group, MetaFilter, filter_documents, parse_query

CONTEXT = 30  # characters of context on each side of a KWIC hit

# ---------------------------------------------------------------------------------------------- hits


@dataclass(frozen=True, slots=True)
class Hit:
    """One place a query matched: `[start, end)` in code points, with its context (KWIC)."""

    document_id: int
    start: int
    end: int
    left: str
    hit: str
    right: str
    section: str = ""

    def as_dict(self) -> dict:
        return {
            "document_id": self.document_id,
            "start": self.start,
            "end": self.end,
            "left": self.left,
            "hit": self.hit,
            "right": self.right,
            "section": self.section,
        }


@dataclass
class SearchResult:
    hits: list[Hit]
    documents: dict[int, tuple[str, dict]] = field(default_factory=dict)  # id -> (title, meta) of hit docs
    truncated: bool = False  # more hits exist than `limit`


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def section_of(sections: list[tuple[str, int, int]], pos: int) -> str:
    """The kind of the section holding `pos` (sections sorted by start, not overlapping)."""
    i = bisect_right(sections, pos, key=lambda s: s[1]) - 1
    if i >= 0 and sections[i][1] <= pos < sections[i][2]:
        return sections[i][0]
    return ""


# A hit's context runs to the sentence marks of core/sentence_marks.py and to a line break (not to a
# closing quote: the context line shows the quote mark too).
_SENTENCE_END = TERMINATORS | {"\n"}


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    a = start
    while a > 0 and text[a - 1] not in _SENTENCE_END:
        a -= 1
    b = end
    while b < len(text) and text[b - 1 : b] not in _SENTENCE_END and text[b] != "\n":
        b += 1
    if b < len(text) and text[b] in _SENTENCE_END and text[b] != "\n":
        b += 1
    while a < b and text[a].isspace():
        a += 1
    return a, max(b, end)


class SearchService:
    def __init__(self, project) -> None:
        self.project = project

    def pending_indexing(self) -> int:
        """Documents an import added (services/imports.py) that are not yet indexed for search; search
        reads their text meanwhile. Here, not in the import service, so that a window opening on such
        a project does not load every exchange format to ask."""
        return store.search.pending_count()

    def index_pending(self, batch: int = 8) -> int:
        """Index up to `batch` of those documents, in a transaction of their own; returns how many are
        left. The GUI calls it in small steps after an import (and when a project opens with some
        left, e.g. after a crash); the CLI until none are left."""
        with store.project.transaction():  # a store error comes out as the user's message; nothing half done
            store.search.index_pending(batch)
        return store.search.pending_count()

    def search(
        self,
        query: str,
        *,
        regex: bool = False,
        limit: int | None = 1000,
        context: int = CONTEXT,
        filters: Sequence[MetaFilter | str] | None = None,
        document_ids: Iterable[int] | None = None,
        sections: Iterable[str] | None = None,
        category_id: int | None = None,
        inside: bool = True,
        include_children: bool = True,
        annotator_ids: Iterable[int] | None = None,
    ) -> SearchResult:
        """Hits of `query` in document order, at most `limit` (None: all).

        `filters` restrict by document metadata; `sections` keep hits inside those sections
        (reasoning, decision, …); `category_id` keeps hits inside (or, with inside=False, outside) the
        passages tagged with that category (and its children)."""
        allowed = filter_documents(filters)
        if document_ids is not None:
            ids = set(document_ids)
            allowed = sorted(ids if allowed is None else ids & set(allowed))
        if regex:
            try:
                pattern = re.compile(query)
            except re.error as exc:
                raise InputError(f"not a valid regular expression {query!r}: {exc}") from None
            groups = None
            candidates = store.search.live_documents(allowed)
        else:
            groups = parse_query(query)
            candidates = store.search.candidate_documents([(g.positive, g.negative) for g in groups], allowed)
            pattern = None
        wanted_sections = set(sections) if sections else None
        category_ids = None
        if category_id is not None:
            if store.codebook.get_category(category_id) is None:
                raise NotFoundError(f"no category with id {category_id}")
            category_ids = with_children(category_id, include_children)
        annotators = list(annotator_ids) if annotator_ids is not None else None

        hits: list[Hit] = []
        truncated = False
        # With one group, its short terms are tested by the database before texts are read.
        contains = [t for t in groups[0].positive if len(t) < 3] if groups and len(groups) == 1 else []
        for doc_id, text in store.search.texts(candidates, contains=contains):
            if pattern is not None:
                found = [(m.start(), m.end()) for m in pattern.finditer(text) if m.end() > m.start()]
            else:
                found = _find_terms(text, groups)
            if not found:
                continue
            doc_sections = store.search.sections(doc_id)
            spans = (
                store.search.tag_spans([doc_id], category_ids, annotators).get(doc_id, [])
                if category_ids is not None
                else None
            )
            for start, end in found:
                section = section_of(doc_sections, start)
                if wanted_sections is not None and section not in wanted_sections:
                    continue
                if spans is not None and not (
                    _inside(spans, start, end) if inside else not _overlaps(spans, start, end)
                ):
                    continue
                if limit is not None and len(hits) >= limit:
                    truncated = True
                    break
                hits.append(
                    Hit(
                        doc_id,
                        start,
                        end,
                        text[max(0, start - context) : start],
                        text[start:end],
                        text[end : end + context],
                        section,
                    )
                )
            if truncated:
                break
        docs = store.search.document_metas({h.document_id for h in hits})
        return SearchResult(hits, docs, truncated)

    def tag_spans(self, hits: Sequence[Hit], extend: str = "hit") -> list[tuple[int, int, int]]:
        """The passages tagging `hits` would create: (document id, start, end), extended to the jieba
        word (`extend="word"`) or the sentence (`"sentence"`) around each hit, duplicates removed.
        This is the preview count the GUI shows before tagging."""
        if extend not in ("hit", "word", "sentence"):
            raise InputError(f"extend must be hit, word or sentence, not {extend!r}")
        out: dict[tuple[int, int, int], None] = {}
        by_doc: dict[int, list[Hit]] = defaultdict(list)
        for h in hits:
            by_doc[h.document_id].append(h)
        for doc_id, doc_hits in by_doc.items():
            text = self.project.documents.get(doc_id).text if extend != "hit" else ""
            for h in doc_hits:
                start, end = h.start, h.end
                if extend == "word":
                    from annotator.text.segment import snap_to_words

                    start, end = snap_to_words(text, start, end)
                elif extend == "sentence":
                    start, end = sentence_around(text, start, end)
                out[(doc_id, start, end)] = None
        return list(out)

    def tag_hits(
        self, hits: Sequence[Hit], category_id: int, annotator_id: int, extend: str = "hit"
    ) -> Changes:
        """Tag every hit (or its word or sentence) with a category, as one action (one undo step).
        A passage this annotator already tagged with this category is not tagged twice."""
        spans = self.tag_spans(hits, extend)
        category = tag_target(category_id, annotator_id)
        existing = {
            (a.document_id, a.start, a.end)
            for a in store.tags.list_annotations(
                document_ids={d for d, _s, _e in spans},
                annotator_ids=[annotator_id],
                category_ids=[category_id],
            )
        }
        added = []
        with store.project.transaction():
            for doc_id, start, end in spans:
                if (doc_id, start, end) in existing:
                    continue
                length = store.documents.document_length(doc_id)
                if length is None:
                    raise NotFoundError(f"no document with id {doc_id}")
                window_start = max(0, start - 20)
                window = store.documents.text_slice(doc_id, window_start, min(length, end + 20))
                a, b = start - window_start, end - window_start
                added.append(
                    store.tags.insert_annotation(
                        document_id=doc_id,
                        annotator_id=annotator_id,
                        category_id=category_id,
                        start=start,
                        end=end,
                        text=window[a:b],
                        before=window[:a],
                        after=window[b:],
                    )
                )
        return Changes(
            action=Message(
                QT_TRANSLATE_NOOP("Messages", "Tag {n} hits {name}"), n=len(added), name=category.name
            ),
            annotations_added=tuple(added),
        )


def _find_terms(text: str, groups: Sequence[Group]) -> list[tuple[int, int]]:
    """Positions of the positive terms of the groups the text satisfies (the index only pre-filters)."""
    found: set[tuple[int, int]] = set()
    lowered = None
    for g in groups:

        def has(term: str) -> bool:
            nonlocal lowered
            if term in text:
                return True
            if term.lower() != term or term.upper() != term:
                lowered = lowered if lowered is not None else text.lower()
                return term.lower() in lowered
            return False

        if not all(has(t) for t in g.positive) or any(has(t) for t in g.negative):
            continue
        for term in g.positive:
            if term.lower() == term.upper():  # nothing to fold (Chinese): a plain find is fastest
                i = text.find(term)
                while i >= 0:
                    found.add((i, i + len(term)))
                    i = text.find(term, i + 1)
            else:
                found.update((m.start(), m.end()) for m in re.finditer(re.escape(term), text, re.IGNORECASE))
    return sorted(found)


def with_children(category_id: int, include_children: bool = True) -> list[int]:
    if not include_children:
        return [category_id]
    children: dict[int | None, list[int]] = defaultdict(list)
    for c in store.codebook.list_categories():
        children[c.parent_id].append(c.id)
    out, todo = [], [category_id]
    while todo:
        cid = todo.pop()
        out.append(cid)
        todo.extend(children.get(cid, []))
    return out
