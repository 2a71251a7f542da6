"""Features of a candidate passage, hashed into one sparse vector.

- characters: single characters, pairs and triples of the passage without spaces (robust to words jieba
  cuts differently, and to names it does not know);
- words: jieba's words with the legal dictionary (反不正当竞争法, 数据权益 stay whole), plus the first
  word of the passage and of the one before it (本院认为, 经审理查明 open the passages that follow them);
- where it is: the judgment section it lies in (reasoning 本院认为, facts 审理查明, …) and its tenth of
  the document;
- what it cites: each statute, and statute with article, cited inside it.

Each group is scaled to about unit length so a long passage's many character n-grams do not drown the
few structural features. Feature hashing needs no vocabulary, so a document's vectors are computed once
and kept (`FeatureCache`): retraining after one more tag only refits the linear models.
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from annotator.learn.data import DocData
from annotator.learn.units import clauses, sentences
from annotator.text.segment import tokenize

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

N_FEATURES = 2**20
_SPACE = str.maketrans("", "", " \t\r\n\u3000\u00a0")


def _hasher():
    from sklearn.feature_extraction import FeatureHasher

    return FeatureHasher(n_features=N_FEATURES, input_type="dict", alternate_sign=False)


def _group(out: dict[str, float], tokens: list[str], weight: float = 1.0) -> None:
    if not tokens:
        return
    scale = weight / math.sqrt(len(tokens))
    for t in tokens:
        out[t] = out.get(t, 0.0) + scale


def _section_at(sections: tuple[tuple[str, int, int], ...], pos: int) -> str:
    for kind, s, e in sections:
        if s <= pos < e:
            return kind
    return "none"


def unit_features(
    doc: DocData,
    start: int,
    end: int,
    words: list[str],
    previous_first: str,
    opener: str,
    use_section: bool = True,
) -> dict[str, float]:
    text = doc.text[start:end].translate(_SPACE)
    feats: dict[str, float] = {}
    chars = list(text)
    _group(feats, ["c" + c for c in chars], 0.6)
    _group(feats, ["b" + text[i : i + 2] for i in range(len(text) - 1)], 1.0)
    _group(feats, ["t" + text[i : i + 3] for i in range(len(text) - 2)], 1.0)
    _group(feats, ["w" + w for w in words], 1.0)
    first = words[0] if words else ""
    structural = [
        "^" + first,
        "^^" + "".join(words[:2]),
        "<" + previous_first,
        "¶" + opener,
        f"P{min(int(10 * start / max(len(doc.text), 1)), 9)}",
        f"L{min(int(math.log2(max(len(text), 1))), 10)}",
    ]
    if use_section:
        structural.append("S" + _section_at(doc.sections, start))
    for statute, article, s, e in doc.citations:
        if s < end and e > start:
            structural.append("T" + statute)
            structural.append(f"T{statute}#{article}")
    for t in structural:
        feats[t] = feats.get(t, 0.0) + 0.5
    return feats


@dataclass
class DocFeatures:
    """The candidate passages of one document and their feature rows."""

    sentences: list[tuple[int, int]]
    clauses: list[tuple[int, int]]
    sentence_rows: csr_matrix
    clause_rows: csr_matrix

    def units(self, level: str) -> list[tuple[int, int]]:
        return self.sentences if level == "sentence" else self.clauses

    def rows(self, level: str) -> csr_matrix:
        return self.sentence_rows if level == "sentence" else self.clause_rows


def _words_by_unit(doc: DocData, units: list[tuple[int, int]]) -> list[list[str]]:
    out = []
    for s, e in units:
        piece = doc.text[s:e]
        out.append([piece[a:b] for a, b in tokenize(piece) if not piece[a:b].isspace()])
    return out


def document_features(doc: DocData, use_section: bool = True) -> DocFeatures:
    hasher = _hasher()
    sents = sentences(doc.text)
    cls = clauses(doc.text, sents)
    rows = []
    for units in (sents, cls):
        words = _words_by_unit(doc, units)
        dicts = []
        previous = opener = ""
        line_start = -1
        for (s, e), w in zip(units, words, strict=True):
            begins = doc.text.rfind("\n", 0, s) + 1
            if begins != line_start:  # the first words of the paragraph (本院认为，…) colour all of it
                line_start = begins
                opener = "".join(w[:2])
            dicts.append(unit_features(doc, s, e, w, previous, opener, use_section))
            previous = w[0] if w else ""
        rows.append(hasher.transform(dicts) if dicts else _empty())
    return DocFeatures(sents, cls, rows[0].tocsr(), rows[1].tocsr())


def _empty() -> Any:
    from scipy.sparse import csr_matrix

    return csr_matrix((0, N_FEATURES))


class FeatureCache:
    """Document features by document id, recomputed when the text changes. Safe to share between the
    GUI thread and one worker: each entry is computed whole and then stored in one step."""

    def __init__(self, use_section: bool = True, limit: int = 2000) -> None:
        self.use_section = use_section
        self._limit = limit
        self._items: dict[int, tuple[int, DocFeatures]] = {}
        self._lock = threading.Lock()

    def get(self, doc: DocData) -> DocFeatures:
        stamp = hash((doc.text, doc.sections, doc.citations))
        with self._lock:
            found = self._items.get(doc.id)
        if found is not None and found[0] == stamp:
            return found[1]
        feats = document_features(doc, self.use_section)
        with self._lock:
            if len(self._items) >= self._limit:
                self._items.pop(next(iter(self._items)))
            self._items[doc.id] = (stamp, feats)
        return feats

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
