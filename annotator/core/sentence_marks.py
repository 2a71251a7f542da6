"""The one sentence rule of the project: which characters end a sentence and which stay with it.

A sentence ends after 。！？； (full-width or ASCII !?;) together with any closing quotes or brackets that
follow it (“……。”), or at a line break. An ellipsis (……) does not end a sentence: in judgments it runs on
into the same sentence (本院认为……被告违约。). The editor's sentence selection (text/sentences.py) and
sentence units for agreement (review/units.py) and suggestions (learn/units.py) all read these sets, so
they cannot disagree. It lives in core because text/ and review/ are independent layers.
"""

from __future__ import annotations

import re

TERMINATORS = frozenset("。！？；!?;")
# Closing marks that stay with the sentence they close: 他说：“同意。”
CLOSERS = frozenset("”’」』）)》〉】〗]\"'")
LINE_BREAKS = frozenset("\n\r\u2028\u2029")


def _chars(marks: frozenset[str]) -> str:
    return re.escape("".join(sorted(marks)))


# One sentence end: a run of terminators with its closing marks, or a run of line breaks.
SENTENCE_END = re.compile(f"[{_chars(TERMINATORS)}]+[{_chars(CLOSERS)}]*|[{_chars(LINE_BREAKS)}]+")
