"""Counts across the corpus for the statistics view and `annotator stats`, and the words that
characterise each category's passages."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from annotator import store

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
