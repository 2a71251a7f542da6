"""The legal word lists shipped in resources/legal/: statute titles, charges, causes of action, terms.

The lists are built from the official reference data by `scripts/build_legal_resources.py` (see its
docstring for sources); this module only reads them. Each file is UTF-8 text: lines starting with `#`
are comments, then a tab-separated header row and one row per entry.

    from annotator.text import legal_lists
    legal_lists.statute_short_name("《中华人民共和国反不正当竞争法》")   # '反不正当竞争法'
    legal_lists.statute_short_name("反不正当竞争法")                     # '反不正当竞争法'
    legal_lists.statute_short_name("某某法")                              # None: not a known statute
    legal_lists.charges()              # ('背叛国家罪', …), current and abolished (Charge.status)
    legal_lists.causes()               # (Cause('不正当竞争纠纷', '民事', …), …), no criminal ones
    legal_lists.cause_names()          # every cause incl. the charges (criminal causes are charges)
    legal_lists.procedural_terms()     # ('公诉机关', '从轻处罚', …)

Everything is read once and cached; the files are small (a few hundred kB together).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from annotator.core.paths import resource

FILES = {
    "statutes": "statutes.tsv",
    "charges": "charges.tsv",
    "causes": "causes.tsv",
    "procedural_terms": "procedural_terms.tsv",
    "jieba": "jieba_legal.txt",
}

# jieba cuts its input at every character outside this set (jieba.re_han_default) and segments each
# run on its own, so only words made of these characters can come out of it whole.
_JIEBA_WORD = re.compile("[\u4e00-\u9fd5a-zA-Z0-9+#&._%\\-]+")
_PRC = "中华人民共和国"
_QUOTES = str.maketrans({"《": None, "》": None, "〈": None, "〉": None, "(": "（", ")": "）"})


@dataclass(frozen=True)
class Statute:
    title: str  # as in the official list: 中华人民共和国反不正当竞争法
    short: str  # as courts write it: 反不正当竞争法
    kind: str  # the source's group: 经济法, 司法解释, 行政法规, 地方性法规, …


@dataclass(frozen=True)
class Charge:
    name: str  # 危险驾驶罪
    status: str  # 'current' or 'abolished'


@dataclass(frozen=True)
class Cause:
    name: str  # 民间借贷纠纷
    kind: str  # 民事, 行政 or 刑事 (the charges, in cause_names())
    met_in: str  # the first real text it was met in ('' for charges)


def short_statute_name(name: str) -> str:
    """The short form of a statute's name, by form alone: 《》〈〉 dropped, every 中华人民共和国 dropped
    (最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释 → 最高人民法院关于适用民事诉讼法的解释), ASCII
    brackets made full-width. Whether the name is a known statute is `statute_short_name`'s question."""
    short = name.strip().translate(_QUOTES).replace(_PRC, "")
    return short or name.strip()


def statute_short_name(name: str) -> str | None:
    """The short name of the statute `name` stands for, when the official list knows it (by its full
    title or its short name, with or without 《》 and 中华人民共和国); None otherwise."""
    return _short_names().get(short_statute_name(name))


def jieba_word_ok(word: str) -> bool:
    """Whether jieba can return `word` as one word (it has no punctuation or space)."""
    return _JIEBA_WORD.fullmatch(word) is not None


@cache
def statutes() -> tuple[Statute, ...]:
    return tuple(Statute(r["title"], r["short"], r["kind"]) for r in _rows("statutes"))


@cache
def _short_names() -> dict[str, str]:
    # Keyed by the form-normalised name, so that any spelling of a title finds its short name.
    names: dict[str, str] = {}
    for s in statutes():
        names.setdefault(short_statute_name(s.title), s.short)
        names.setdefault(s.short, s.short)
    return names


@cache
def charges(*, current_only: bool = False) -> tuple[Charge, ...]:
    rows = (Charge(r["name"], r["status"]) for r in _rows("charges"))
    return tuple(c for c in rows if not current_only or c.status == "current")


@cache
def causes() -> tuple[Cause, ...]:
    """The civil and administrative causes of action met in real judgments (no official list exists
    here; the list grows as we meet more)."""
    return tuple(Cause(r["cause"], r["kind"], r["met_in"]) for r in _rows("causes"))


@cache
def cause_names() -> tuple[str, ...]:
    """Every known cause of action: the civil and administrative ones, then the charges (a criminal
    case's cause is its charge), without repeats."""
    return tuple(dict.fromkeys([c.name for c in causes()] + [c.name for c in charges()]))


@cache
def procedural_terms() -> tuple[str, ...]:
    return tuple(r["term"] for r in _rows("procedural_terms"))


def jieba_dictionary() -> str:
    """Path of the jieba user dictionary built from these lists (`word freq tag` lines)."""
    return str(resource("legal") / FILES["jieba"])


def _rows(key: str) -> list[dict[str, str]]:
    lines = (resource("legal") / FILES[key]).read_text(encoding="utf-8").splitlines()
    lines = [line for line in lines if line and not line.startswith("#")]
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:]]
