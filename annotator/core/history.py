"""Earlier texts of a document and what happened to its tags when a corrected text replaced it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class DocumentVersion:
    document_id: int
    version: int  # 1 = the text first imported
    sha256: str
    length: int
    source_name: str
    replaced_at: datetime | None


@dataclass(frozen=True, slots=True)
class Reanchored:
    """One tag after a text replacement: where it went, how sure that is, whether a person should look."""

    annotation_id: int
    uuid: str
    old: tuple[int, int]
    new: tuple[int, int] | None  # None: not placed (the tag was removed and flagged)
    score: float
    method: str  # "exact", "fuzzy" or "unplaced"
    quote: str

    @property
    def needs_review(self) -> bool:
        return self.method != "exact"
