"""The simple baseline the benchmarks compare against: a passage that contains one of its category's
most frequent words (jieba, legal dictionary) more often than other categories' passages do is
suggested. No learning beyond counting."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from annotator.text.segment import words

TOP_WORDS = 10


def _content(w: str) -> bool:
    return len(w) >= 2 and any("\u4e00" <= ch <= "\u9fff" for ch in w)


class KeywordBaseline:
    def __init__(self, examples: Iterable[tuple[str, int | None]], top: int = TOP_WORDS) -> None:
        """`examples`: (passage, category id or None for an untagged passage)."""
        per_cat: dict[int | None, Counter] = {}
        for text, cat in examples:
            per_cat.setdefault(cat, Counter()).update({w for w in words(text) if _content(w)})
        self.keywords: dict[int, set[str]] = {}
        for cat, counts in per_cat.items():
            if cat is None:
                continue
            others = Counter()
            for other, c in per_cat.items():
                if other != cat:
                    others.update(c)
            # Frequent in the category, and more frequent there than elsewhere.
            ranked = [w for w, n in counts.most_common() if n > others.get(w, 0)]
            self.keywords[cat] = set(ranked[:top])

    def categories_of(self, text: str) -> set[int]:
        found = {w for w in words(text) if _content(w)}
        return {cat for cat, kws in self.keywords.items() if kws & found}
