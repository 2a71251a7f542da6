"""Both recommenders together: what one training run produces and what the views ask for."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from annotator.learn.data import DocData, Span, Suggestion, TrainingData
from annotator.learn.features import FeatureCache
from annotator.learn.model import Model, train
from annotator.learn.same_text import SameText


@dataclass
class Recommender:
    model: Model = field(default_factory=Model)
    same_text: SameText | None = None
    seconds: float = 0.0

    def suggest(
        self,
        doc: DocData,
        cache: FeatureCache,
        thresholds: dict[int, float],
        tagged: Iterable[Span] = (),
        rejected: Iterable[Span] = (),
    ) -> list[Suggestion]:
        """Suggestions for `doc` in the categories of `thresholds` (category -> lowest score shown).
        The same text found again wins over a classifier suggestion it overlaps in the same category."""
        tagged, rejected = list(tagged), list(rejected)
        found = self.same_text.suggest(doc, thresholds, tagged, rejected) if self.same_text else []
        found = [s for s in found if s.score >= thresholds.get(s.category_id, 1.0)]
        learnt = self.model.suggest(doc, cache, thresholds, tagged, rejected)
        taken: dict[int, list[tuple[int, int]]] = {}
        for s in found:
            taken.setdefault(s.category_id, []).append((s.start, s.end))
        out = found + [
            s for s in learnt if not any(a < s.end and b > s.start for a, b in taken.get(s.category_id, ()))
        ]
        out.sort(key=lambda s: (s.start, s.end, s.category_id))
        return out


def build(
    data: TrainingData,
    category_ids: Iterable[int],
    cache: FeatureCache,
    cancelled: Callable[[], bool] = lambda: False,
) -> Recommender:
    began = time.perf_counter()
    category_ids = list(category_ids)
    wanted = set(category_ids)
    same = SameText((t for t in data.tags if t.category_id in wanted), data.docs)
    model = train(data, cache, category_ids, cancelled)
    return Recommender(model, same, time.perf_counter() - began)
