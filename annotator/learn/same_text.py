""" "Same text elsewhere": a passage already tagged X that occurs again, in any document, is suggested as X.

A match is exact, or equal after normalising brackets (full and half width, 【】〔〕［］ as []) and
dropping spaces and line breaks, which is how the same sentence differs between two courts' copies of
one judgment. Passages shorter than `MIN_CHARS` are not looked for: two or three characters recur by
chance.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from annotator.learn.data import DocData, Span, Suggestion

MIN_CHARS = 4
EXACT_SCORE = 1.0
NORMALISED_SCORE = 0.95
_KEY = MIN_CHARS
_BRACKETS = str.maketrans(
    {
        "（": "(",
        "）": ")",
        "【": "[",
        "】": "]",
        "〔": "[",
        "〕": "]",
        "［": "[",
        "］": "]",
        "｛": "{",
        "｝": "}",
        "〈": "<",
        "〉": ">",
        "《": "<",
        "》": ">",
        "＜": "<",
        "＞": ">",
    }
)
_DROP = frozenset(" \t\r\n\u3000\u00a0\u2028\u2029")


@lru_cache(maxsize=20000)  # retraining normalises the same tagged passages again; callers must not mutate
def normalised(text: str) -> tuple[str, list[int]]:
    """The text with brackets unified and spaces dropped, and for each of its characters the position
    it came from."""
    keep = [i for i, ch in enumerate(text) if ch not in _DROP]
    return "".join(text[i] for i in keep).translate(_BRACKETS), keep


class SameText:
    def __init__(self, tags: Iterable[Span], docs: dict[int, DocData]) -> None:
        self._quotes: dict[str, list[tuple[str, str, int]]] = {}  # key -> (normalised, original, category)
        seen: set[tuple[str, int]] = set()
        for t in tags:
            doc = docs.get(t.document_id)
            if doc is None:
                continue
            original = doc.text[t.start : t.end]
            norm, _ = normalised(original)
            if len(norm) < MIN_CHARS or (norm, t.category_id) in seen:
                continue
            seen.add((norm, t.category_id))
            self._quotes.setdefault(norm[:_KEY], []).append((norm, original, t.category_id))

    def __len__(self) -> int:
        return sum(len(v) for v in self._quotes.values())

    def suggest(
        self,
        doc: DocData,
        categories: Iterable[int] | None = None,
        tagged: Iterable[Span] = (),
        rejected: Iterable[Span] = (),
    ) -> list[Suggestion]:
        if not self._quotes:
            return []
        wanted = None if categories is None else set(categories)
        taken: dict[int, list[tuple[int, int]]] = {}
        for t in tagged:
            if t.document_id == doc.id:
                taken.setdefault(t.category_id, []).append((t.start, t.end))
        no = {(r.start, r.end, r.category_id) for r in rejected if r.document_id == doc.id}
        norm, where = normalised(doc.text)
        out: dict[tuple[int, int, int], Suggestion] = {}
        quotes = self._quotes
        for i in range(len(norm) - _KEY + 1):
            found = quotes.get(norm[i : i + _KEY])
            if not found:
                continue
            for q, original, cat_id in found:
                if (wanted is not None and cat_id not in wanted) or not norm.startswith(q, i):
                    continue
                start, end = where[i], where[i + len(q) - 1] + 1
                if (start, end, cat_id) in no or (start, end, cat_id) in out:
                    continue
                if any(s < end and e > start for s, e in taken.get(cat_id, ())):
                    continue
                passage = doc.text[start:end]
                score = EXACT_SCORE if passage == original else NORMALISED_SCORE
                out[(start, end, cat_id)] = Suggestion(
                    doc.id, start, end, cat_id, score, "same_text", passage
                )
        return sorted(out.values(), key=lambda s: (s.start, s.end, s.category_id))
