"""What a Chinese court judgment says about itself: case number, court, type, date, cause of action,
parties, judges, its sections and the statutes it cites.

Pure text rules, no database: `detect(text)` returns a `JudgmentStructure` whose offsets are code
points over `text`. The rules follow the layout courts use (最高人民法院《人民法院民事裁判文书制作规范》
and its criminal and administrative counterparts): a header (court, document type, case number), one
entry per party and representative, a paragraph on the procedure, the claims and defences, the facts
found, the court's reasoning (本院认为), the decision (判决如下 …) and the signatures and date.

Judgments arrive with one paragraph per line, as one line, or with paragraphs separated by spaces, often
after a page title and 发布日期/浏览 lines. So no rule here depends on line breaks: the header is read
with whitespace removed and anchored on the case number that follows the document type; party entries,
sections and signatures begin where a sentence or paragraph begins (after 。, a line break or a run of
spaces), whichever the layout. Anything not found is left empty; nothing here raises on odd input.

The package reads one part of a judgment per module: `header` (court, document type, case number),
`parties` (the party block, with the role words of `roles`), `sections` (procedure to decision),
`signatures` (judges, clerk, date), `cause` (案由) and `titles`; `detector` puts them together, on the
layout-free reading of `layout`, into the records of `records`. Callers import from here.
"""

from __future__ import annotations

from annotator.text.citations import Citation, find_citations, normalise_statute
from annotator.text.judgment.detector import detect
from annotator.text.judgment.header import CASE_NUMBER, find_case_numbers, normalise_case_number
from annotator.text.judgment.records import JudgmentStructure, Party, Section
from annotator.text.judgment.titles import document_title, headline
from annotator.text.numerals import chinese_number, parse_date
from annotator.text.section_kinds import SECTION_KINDS, SECTION_LABELS

__all__ = [
    "SECTION_KINDS",
    "SECTION_LABELS",
    "CASE_NUMBER",
    "Citation",
    "JudgmentStructure",
    "Party",
    "Section",
    "chinese_number",
    "detect",
    "document_title",
    "find_case_numbers",
    "find_citations",
    "headline",
    "normalise_case_number",
    "normalise_statute",
    "parse_date",
]
