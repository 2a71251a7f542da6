"""What a format loader hands back before the text is normalised."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Extracted:
    text: str
    # A title found inside the document (docx core properties, HTML <title>); None when there is none.
    title: str | None = None
    encoding: str | None = None
    warnings: list[str] = field(default_factory=list)
