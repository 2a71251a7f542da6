"""Corpus work across the project: search with KWIC hits, tagging hits, coded-segment retrieval and
statistics. No Qt; the GUI and the CLI call these.

Query syntax (search): words separated by spaces must all be in a document; `"a phrase with spaces"`;
`OR` (or `|`) between alternatives; `-word` or `NOT word` excludes documents containing it. Matching is a
substring match of any length (Chinese has no spaces), case-insensitive for Latin letters. With
`regex=True` the query is one Python regular expression instead.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator import store
from annotator.core.changes import Changes
from annotator.core.errors import InputError, NotFoundError
from annotator.core.messages import QT_TRANSLATE_NOOP, Message
from annotator.core.sentence_marks import TERMINATORS
from annotator.services.annotations import tag_target

CONTEXT = 30  # characters of context on each side of a KWIC hit

# ------------------------------------------------------------------------------------------- queries


@dataclass(frozen=True)
class Group:
    positive: tuple[str, ...]
    negative: tuple[str, ...] = ()


_TOKEN = re.compile(r'"([^"]*)"|(\S+)')


def parse_query(query: str) -> list[Group]:
    """`本院认为 商业道德 OR "数据 权益" -爬虫` -> groups of terms (see the module docstring)."""
    groups: list[Group] = []
    positive: list[str] = []
    negative: list[str] = []
    negate = False
    for m in _TOKEN.finditer(query):
        quoted, word = m.group(1), m.group(2)
        if quoted is None and word in ("OR", "|"):
            if positive:
                groups.append(Group(tuple(positive), tuple(negative)))
            positive, negative, negate = [], [], False
            continue
        if quoted is None and word == "NOT":
            negate = True
            continue
        term = quoted if quoted is not None else word
        if quoted is None and term.startswith("-") and len(term) > 1:
            negate, term = True, term[1:]
        if not term:
            continue
        (negative if negate else positive).append(term)
        negate = False
    if positive:
        groups.append(Group(tuple(positive), tuple(negative)))
    if not groups:
        raise InputError(f"nothing to search for in {query!r} (give at least one word that is not excluded)")
    return groups


# ------------------------------------------------------------------------------------------- filters

_FILTER = re.compile(r"^\s*([\w\u4e00-\u9fff]+)\s*(>=|<=|!=|=|~|>|<)\s*(.*?)\s*$")


@dataclass(frozen=True)
class MetaFilter:
    """One condition on a document's metadata: `court~互联网`, `year>=2019`, `case_kind=民事`,
    `statute~反不正当竞争法第2条` (any cited article), `title~腾讯`. `~` means "contains"."""

    key: str
    op: str
    value: str

    @classmethod
    def parse(cls, text: str) -> MetaFilter:
        m = _FILTER.match(text)
        if not m:
            raise InputError(f"cannot read the filter {text!r} (write key=value, key~part, key>=number …)")
        return cls(m[1], m[2], m[3])

    def matches(self, title: str, meta: dict) -> bool:
        if self.key == "title":
            values: list[Any] = [title]
        elif self.key in ("statute", "statutes"):
            values = [_statute_label(s) for s in meta.get("statutes", [])]
        elif self.key in ("party", "parties"):
            values = [p.get("name", "") for p in meta.get("parties", [])]
        else:
            v = meta.get(self.key)
            values = v if isinstance(v, list) else ([] if v is None else [v])
        if self.op == "!=":
            return all(not _equal(v, self.value) for v in values)
        return any(_compare(v, self.op, self.value) for v in values)


def _statute_label(s: dict) -> str:
    out = f"{s.get('statute', '')}第{s.get('article', '')}条"
    if s.get("article_suffix"):
        out += f"之{s['article_suffix']}"
    if s.get("paragraph"):
        out += f"第{s['paragraph']}款"
    return out


def _number(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _equal(value: Any, wanted: str) -> bool:
    a, b = _number(value), _number(wanted)
    return a == b if a is not None and b is not None else str(value) == wanted


def _compare(value: Any, op: str, wanted: str) -> bool:
    if op == "=":
        return _equal(value, wanted)
    if op == "~":
        return wanted in str(value)
    a, b = _number(value), _number(wanted)
    if a is None or b is None:
        a, b = str(value), wanted  # dates compare as ISO text
    return {">": a > b, "<": a < b, ">=": a >= b, "<=": a <= b}[op]


def filter_documents(filters: Sequence[MetaFilter | str] | None) -> list[int] | None:
    """Ids of the documents whose metadata meets every filter (None: no filter given)."""
    if not filters:
        return None
    parsed = [f if isinstance(f, MetaFilter) else MetaFilter.parse(f) for f in filters]
    # The common keys (court, year, …) are read by the database; the whole metadata only when needed.
    light = all(f.key == "title" or f.key in store.search.SUMMARY_KEYS for f in parsed)
    metas = store.search.document_summaries() if light else store.search.document_metas()
    return sorted(i for i, (title, meta) in metas.items() if all(f.matches(title, meta) for f in parsed))


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


def _section_of(sections: list[tuple[str, int, int]], pos: int) -> str:
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
            category_ids = _with_children(category_id, include_children)
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
                section = _section_of(doc_sections, start)
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


def _with_children(category_id: int, include_children: bool = True) -> list[int]:
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
        category_ids = None if category_id is None else _with_children(category_id, include_children)
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
            section = _section_of(doc_sections.get(doc_id, []), start)
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


# ------------------------------------------------------------------------------------- statistics


def _is_content_word(word: str) -> bool:
    return len(word) >= 2 and any(ch.isalpha() for ch in word)


class StatisticsService:
    """Counts for the statistics view and `annotator stats`."""

    def __init__(self, project) -> None:
        self.project = project

    def summary(self, annotator_ids: Iterable[int] | None = None) -> dict:
        cats = {c.id: c.name for c in store.codebook.list_categories()}
        metas = store.search.document_summaries()
        annotators = list(annotator_ids) if annotator_ids is not None else None
        per_category: Counter[int] = Counter()
        per_document: Counter[int] = Counter()
        for doc_id, cat_id, n in store.structure.tag_counts(annotators):
            per_category[cat_id] += n
            per_document[doc_id] += n
        per_court: Counter[str] = Counter()
        per_year: Counter[str] = Counter()
        for doc_id, n in per_document.items():
            meta = metas.get(doc_id, ("", {}))[1]
            per_court[meta.get("court", "")] += n
            per_year[str(meta.get("year", ""))] += n
        # Overlapping tags of different categories, found by the database with a bounded range lookup
        # per tag (never every tag against every other).
        cooccurrence: Counter[tuple[str, str]] = Counter()
        for a, b, n in store.structure.overlap_counts(annotators):
            names = sorted((cats.get(a, "?"), cats.get(b, "?")))
            cooccurrence[(names[0], names[1])] += n
        category_statutes = [
            {
                "category": cats.get(cat, "?"),
                "statute": f"{statute}第{article}条" + (f"之{suffix}" if suffix else ""),
                "count": n,
            }
            for cat, statute, article, suffix, n in store.structure.category_citation_counts(annotators)
        ]
        statutes = {
            f"{statute}第{article}条" + (f"之{suffix}" if suffix else ""): n
            for statute, article, suffix, n in store.structure.citation_counts()
        }
        return {
            "annotations": sum(per_category.values()),
            "documents": len(metas),
            "per_category": {cats.get(c, "?"): n for c, n in per_category.most_common()},
            "per_document": {metas.get(d, (str(d), {}))[0]: n for d, n in per_document.most_common()},
            "per_court": dict(per_court.most_common()),
            "per_year": dict(sorted(per_year.items())),
            "cooccurrence": [{"a": a, "b": b, "count": n} for (a, b), n in cooccurrence.most_common()],
            "statutes": statutes,
            "category_statutes": category_statutes,
        }

    def characteristic_words(
        self, top: int = 15, annotator_ids: Iterable[int] | None = None, progress=None
    ) -> dict[str, list[tuple[str, float]]]:
        """The words that characterise each category's passages against the other categories': jieba
        words of two or more characters, scored by TF-IDF with each category's passages taken as one
        document. Segments every tagged passage, so it is run on demand, not with `summary`.
        `progress(done, total)` returning False cancels (InterruptedError)."""
        import math

        from annotator.text.segment import words

        cats = {c.id: c.name for c in store.codebook.list_categories()}
        passages: dict[int, list[str]] = defaultdict(list)
        for row in store.structure.tag_rows(annotator_ids=annotator_ids, passages=True):
            passages[row[2]].append(row[6])
        counts: dict[int, Counter[str]] = {}
        for i, (cat_id, texts) in enumerate(passages.items()):
            if progress is not None and progress(i, len(passages)) is False:
                raise InterruptedError("cancelled")
            counts[cat_id] = Counter(w for w in words("\n".join(texts)) if _is_content_word(w))
        df: Counter[str] = Counter()
        for c in counts.values():
            df.update(c.keys())
        n = len(counts)
        out: dict[str, list[tuple[str, float]]] = {}
        for cat_id, c in counts.items():
            total = sum(c.values()) or 1
            scored = [(w, k / total * (math.log((1 + n) / (1 + df[w])) + 1)) for w, k in c.items()]
            scored.sort(key=lambda t: (-t[1], t[0]))
            out[cats.get(cat_id, "?")] = [(w, round(score, 4)) for w, score in scored[:top]]
        return out
