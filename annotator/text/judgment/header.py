"""The header of a judgment: its court, document type and case number (and what the case number's
type code says about the kind of case and the procedure). Read with whitespace removed, anchored on the
case number that follows the document type."""

from __future__ import annotations

import re
from dataclasses import dataclass

from annotator.text.judgment.layout import WS, Flat
from annotator.text.judgment.roles import ENTRY
from annotator.text.numerals import FULLWIDTH_DIGITS, NUMERAL

_BRACKET_OPEN, _BRACKET_CLOSE = "（(〔[［【", "）)〕]］】"
CASE_NUMBER = re.compile(
    rf"[{re.escape(_BRACKET_OPEN)}]\s*(?P<year>(?:19|20)[0-9０-９]{{2}})\s*[{re.escape(_BRACKET_CLOSE)}]\s*"
    r"(?P<body>[\u4e00-\u9fff0-9０-９]{1,16}?[\u4e00-\u9fff])\s*(?P<num>[0-9０-９]{1,6})\s*号"
    rf"(?P<suffix>之{NUMERAL}{{1,3}})?"
)
_TYPES = "判决书|裁定书|调解书|决定书|支付令|通知书"
_DOC_TYPE = re.compile(rf"(?P<kind>民事|刑事附带民事|刑事|行政|执行|国家赔偿|赔偿)?(?P<type>{_TYPES})")
_DOC_TYPE_END = re.compile(_DOC_TYPE.pattern + "$")
_COURT_BEFORE = re.compile(r"[\u4e00-\u9fff]{2,60}?(?:法院|法庭)\s*$")
_COURT_CUT = re.compile(rf"(?:{_TYPES}|中华人民共和国|[0-9]+次)")
# What the case number's type code says about the procedure (…刑初…, …民终…, …行申…), most specific first.
_PROCEDURE_CODES = (
    ("再", "再审"),
    ("申", "再审审查"),
    ("监", "再审审查"),
    ("终", "二审"),
    ("初", "一审"),
    ("更", "减刑/假释"),
    ("执", "执行"),
    ("审", "非诉审查"),
    ("督", "督促"),
    ("保", "保全"),
    ("辖", "管辖"),
)
_KIND_CODES = (
    ("刑", "刑事"),
    ("行", "行政"),
    ("赔", "国家赔偿"),
    ("执", "执行"),
    ("民", "民事"),
    ("商", "民事"),
    ("劳", "民事"),
    ("知", "民事"),
    ("保", "民事"),
    ("督", "民事"),
)
_KIND_OF_TYPE = {"赔偿": "国家赔偿"}
_HEAD_CHARS = 4000  # page titles and 发布日期 lines come before the header, never pages of them


def normalise_case_number(match: re.Match) -> str:
    year = match["year"].translate(FULLWIDTH_DIGITS)
    number = match["num"].translate(FULLWIDTH_DIGITS)
    body = re.sub(r"\s+", "", match["body"]).translate(FULLWIDTH_DIGITS)
    return f"（{year}）{body}{number}号{match['suffix'] or ''}"


def find_case_numbers(text: str) -> list[tuple[str, int, int]]:
    """Every case number in the text, normalised to full-width brackets: (number, start, end)."""
    return [(normalise_case_number(m), m.start(), m.end()) for m in CASE_NUMBER.finditer(text)]


@dataclass
class Header:
    court: str = ""
    document_type: str = ""
    kind: str = ""
    case_number: str = ""
    end: int = 0  # where the header ends in the text


def _court_before(text: str, at: int) -> str:
    """The court named just before offset `at` (the document type), or ""."""
    m = _COURT_BEFORE.search(text, max(0, at - 80), at)
    if not m:
        return ""
    run = m.group().strip(WS)
    cut = max((c.end() for c in _COURT_CUT.finditer(run)), default=0)
    run = run[cut:]
    if run.startswith("次") and re.search(r"[0-9]\s*$", text[max(0, m.start() - 3) : m.start()]):
        run = run[1:]  # 浏览：12次北京市…法院: the page's view count, run into the court's name
    return run if len(run) >= 4 else ""


def read_header(text: str) -> Header:
    """Court, document type and case number. The case number that directly follows a document type
    (spaces ignored: 刑 事 判 决 书) is the document's own; a page title before it (…一审刑事判决书) has none."""
    flat = Flat.of(text, 0, _HEAD_CHARS)
    for m in CASE_NUMBER.finditer(flat.text):
        dm = _DOC_TYPE_END.search(flat.text, max(0, m.start() - 12), m.start())
        if dm:
            return _header_from(text, flat, dm, m)
    # No case number after the type (a copy without it): a type right after a court name.
    for dm in _DOC_TYPE.finditer(flat.text, 0, 600):
        at = flat.orig(dm.start())
        if _court_before(text, at):
            m = CASE_NUMBER.match(flat.text, dm.end())
            return _header_from(text, flat, dm, m)
    # No type (a copy that starts at the case number): a case number at the top, before a party.
    m = CASE_NUMBER.search(flat.text, 0, 200)
    if m and ENTRY.match(flat.text, m.end()):
        return Header(case_number=normalise_case_number(m), end=flat.orig_end(m.end()))
    return Header()


def _header_from(text: str, flat: Flat, dm: re.Match, m: re.Match | None) -> Header:
    h = Header(
        document_type=(dm["kind"] or "") + dm["type"],
        kind=_KIND_OF_TYPE.get(dm["kind"] or "", dm["kind"] or ""),
    )
    h.court = _court_before(text, flat.orig(dm.start()))
    h.end = flat.orig_end(dm.end())
    if m:
        h.case_number = normalise_case_number(m)
        h.end = flat.orig_end(m.end())
    return h


def case_facts(case_number: str) -> tuple[str, str]:
    """(kind, procedure) from the type code of a case number: （2019）浙01民终5号 -> (民事, 二审)."""
    body = case_number[case_number.index("）") + 1 :]
    code = re.sub(r"(?:字第)?\d*号.*$", "", body)
    code = re.sub(r"^.*\d", "", code) or code  # 浙01民终 -> 民终; 烟芝刑初字 stays (no digits)
    procedure = next((label for c, label in _PROCEDURE_CODES if c in code[-3:]), "")
    kind = next((label for c, label in _KIND_CODES if c in code), "")
    return kind, procedure
