"""The title a document gets from what it says: a judgment's court, case number and type, or a
report's headline."""

from __future__ import annotations

import re

from annotator.text.judgment.layout import WS
from annotator.text.judgment.records import JudgmentStructure

_HEADLINE_MAX = 60


def headline(text: str) -> str:
    """A report's headline: its first line, when that line is short and not a sentence of the body."""
    for line in text.splitlines():
        line = line.strip(WS)
        if not line:
            continue
        if len(line) <= _HEADLINE_MAX and not line.endswith(("。", "，", "：", ":", "；")):
            return re.sub(r"\s+", " ", line)
        return ""
    return ""


def document_title(found: JudgmentStructure, text: str) -> str:
    """The title a document gets from what it says: court, case number and type for a judgment, the
    headline for a report; "" when neither is there (the file name is then the title)."""
    if found.case_number:
        return " ".join(x for x in (found.court, found.case_number, found.document_type) if x)
    return headline(text)
