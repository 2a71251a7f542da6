"""A corpus search's query and its metadata filters: what the user typed, parsed.

Query syntax (search): words separated by spaces must all be in a document; `"a phrase with spaces"`;
`OR` (or `|`) between alternatives; `-word` or `NOT word` excludes documents containing it. Matching is a
substring match of any length (Chinese has no spaces), case-insensitive for Latin letters. With
`regex=True` the query is one Python regular expression instead.

Filters (`key op value`, e.g. `year>=2020`, `court~中级`) select documents by their metadata.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from annotator import store
from annotator.core.errors import InputError

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
