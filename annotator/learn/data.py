"""The plain records the recommenders read and return. Offsets are code points over the stored text."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class DocData:
    """A document as the recommenders see it: its text, sections and the statutes it cites."""

    id: int
    text: str
    sections: tuple[tuple[str, int, int], ...] = ()  # (kind, start, end)
    citations: tuple[tuple[str, int, int, int], ...] = ()  # (statute, article, start, end)


@dataclass(frozen=True, slots=True)
class Span:
    """A tag or a decision on a suggestion: [start, end) of a document with a category."""

    document_id: int
    start: int
    end: int
    category_id: int


@dataclass(frozen=True, slots=True)
class TrainingData:
    """What one training run learns from.

    `tags` are the tags of the annotators in scope; `rejected` are suggestions the user turned down (a
    passage that is not of that category). `read` gives, per document, how far it is known to have been
    coded: the whole text for a document marked done, else up to the end of its last tag; untagged
    passages inside that stretch count as examples of "not this category".
    """

    docs: dict[int, DocData]
    tags: tuple[Span, ...]
    rejected: tuple[Span, ...] = ()
    read: dict[int, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Suggestion:
    document_id: int
    start: int
    end: int
    category_id: int
    score: float  # 0..1: the classifier's probability, or 1.0 / 0.95 for the same text found again
    source: str  # "same_text" or "classifier"
    text: str = ""

    @property
    def key(self) -> tuple[int, int, int, int]:
        return (self.document_id, self.start, self.end, self.category_id)
