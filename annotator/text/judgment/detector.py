"""`detect`: the steps that read a judgment (header, parties, sections, closing, cause, citations) put
together into one `JudgmentStructure`."""

from __future__ import annotations

import re

from annotator.text.citations import find_citations
from annotator.text.judgment.cause import find_cause
from annotator.text.judgment.header import Header, case_facts, find_case_numbers, read_header
from annotator.text.judgment.layout import unit_starts
from annotator.text.judgment.parties import find_parties
from annotator.text.judgment.records import JudgmentStructure
from annotator.text.judgment.sections import body_sections, decision_start, ordered_sections, reasoning_start
from annotator.text.judgment.signatures import read_closing
from annotator.text.numerals import CN_DATE, parse_date


def _apply_header(s: JudgmentStructure, h: Header) -> None:
    s.court, s.document_type, s.case_kind, s.case_number = h.court, h.document_type, h.kind, h.case_number
    if s.case_number:
        kind, s.procedure = case_facts(s.case_number)
        s.case_kind = s.case_kind or kind
        s.year = int(s.case_number[1:5])


def _cited_cases(text: str, own: str) -> list[str]:
    return list(dict.fromkeys(n for n, _a, _b in find_case_numbers(text) if n != own))


def _apply_closing(s: JudgmentStructure, text: str, decision_at: int | None, after: int) -> int | None:
    closing = read_closing(text, decision_at if decision_at is not None else after)
    s.judges, s.clerk = closing.judges, closing.clerk
    date = closing.date
    if not date and closing.start is None:
        tail = list(CN_DATE.finditer(text, max(after, len(text) - 400)))
        date = (parse_date(tail[-1].group()) if tail else None) or ""
    if date:
        s.date, s.year = date, int(date[:4])
    return closing.start


def _sections(s: JudgmentStructure, text: str, header_end: int, parties_span: tuple[int, int] | None) -> None:
    after = parties_span[1] if parties_span else header_end
    units = unit_starts(text, after, len(text))
    starts: dict[str, int] = {"header": 0}
    if parties_span:
        starts["parties"] = parties_span[0]
    reasoning = reasoning_start(text, units)
    decision_from = reasoning if reasoning is not None else after
    decision = decision_start(text, decision_from, units)
    if reasoning is not None:
        starts["reasoning"] = reasoning
    if decision is not None:
        starts["decision"] = decision
    closing = _apply_closing(s, text, decision, after)
    if closing is not None and closing > (decision if decision is not None else after):
        starts["closing"] = closing
    for kind, pos in body_sections(text, units, after).items():
        if pos < starts.get("reasoning", starts.get("decision", len(text))):
            starts.setdefault(kind, pos)
    s.sections = ordered_sections(text, starts)


def detect(text: str) -> JudgmentStructure:
    """Find what a judgment says about itself. Offsets are code points over `text`."""
    s = JudgmentStructure()
    header = read_header(text)
    _apply_header(s, header)
    s.cited_cases = _cited_cases(text, s.case_number)
    parties_span = None
    if s.found:
        s.parties, parties_span = find_parties(text, header.end)
        _sections(s, text, header.end, parties_span)  # sections only mean something in a judgment
    else:
        _apply_closing(s, text, None, max(0, len(text) - 400))
    names = [p.name for p in s.parties if not p.representative]
    names += re.findall(r"以下简称([\u4e00-\u9fff]{2,12})", text[:3000])
    procedure = next((x for x in s.sections if x.kind == "procedure"), None)
    window_end = (procedure.end if procedure else min(len(text), 1500)) + 300
    s.cause = find_cause(text, s.case_kind, names, min(len(text), window_end))
    s.citations = find_citations(text)
    return s
