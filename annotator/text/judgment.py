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
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from annotator.text import legal_lists
from annotator.text.citations import Citation, find_citations, normalise_statute
from annotator.text.numerals import AR_DATE, CN_DATE, FULLWIDTH_DIGITS, NUMERAL, chinese_number, parse_date
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

# ------------------------------------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class Party:
    role: str  # 原告, 上诉人, 被告人, 委托诉讼代理人 …
    name: str
    start: int  # the entry: from its role to the end of its sentence
    end: int
    original_role: str = ""  # 原审被告 in 上诉人（原审被告）
    representative: bool = False  # a lawyer or legal representative rather than a party


@dataclass(frozen=True, slots=True)
class Section:
    kind: str
    start: int
    end: int

    @property
    def label(self) -> str:
        return SECTION_LABELS.get(self.kind, self.kind)


@dataclass
class JudgmentStructure:
    case_number: str = ""
    cited_cases: list[str] = field(default_factory=list)
    court: str = ""
    document_type: str = ""  # 民事判决书, 行政裁定书 …
    case_kind: str = ""  # 民事, 刑事, 刑事附带民事, 行政, 执行, 国家赔偿
    procedure: str = ""  # 一审, 二审, 再审, 再审审查, 执行, 减刑/假释, 非诉审查, …
    date: str = ""  # ISO 8601 (YYYY-MM-DD)
    year: int | None = None
    cause: str = ""  # 案由
    parties: list[Party] = field(default_factory=list)
    judges: list[tuple[str, str]] = field(default_factory=list)  # (role, name)
    clerk: str = ""
    sections: list[Section] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)

    @property
    def found(self) -> bool:
        return bool(self.case_number or self.document_type)

    def section_at(self, offset: int) -> str | None:
        for s in self.sections:
            if s.start <= offset < s.end:
                return s.kind
        return None

    def meta(self) -> dict[str, Any]:
        """The facts as JSON-friendly document metadata (the sections go to their own table)."""
        out: dict[str, Any] = {}
        for key in (
            "case_number",
            "court",
            "document_type",
            "case_kind",
            "procedure",
            "date",
            "cause",
            "clerk",
        ):
            value = getattr(self, key)
            if value:
                out[key] = value
        if self.year:
            out["year"] = self.year
        if self.cited_cases:
            out["cited_cases"] = list(self.cited_cases)
        if self.parties:
            out["parties"] = [
                {
                    "role": p.role,
                    "name": p.name,
                    **({"original_role": p.original_role} if p.original_role else {}),
                    **({"representative": True} if p.representative else {}),
                }
                for p in self.parties
            ]
        if self.judges:
            out["judges"] = [{"role": r, "name": n} for r, n in self.judges]
        if self.citations:
            seen: dict[tuple, dict] = {}
            for c in self.citations:
                entry = {"statute": c.statute, "article": c.article, "paragraph": c.paragraph}
                if c.article_suffix:
                    entry["article_suffix"] = c.article_suffix
                seen.setdefault(c.key(), entry)
            out["statutes"] = list(seen.values())
        return out


# -------------------------------------------------------------------------------- layout-free reading

_WS = " \t\r\n\u3000\xa0\u2028\u2029\x0b\x0c"


@dataclass(frozen=True, slots=True)
class _Flat:
    """A stretch of the text with its whitespace removed, and where each character came from."""

    text: str
    pos: tuple[int, ...]
    end: int  # where the stretch ends in the original text

    @classmethod
    def of(cls, text: str, start: int = 0, end: int | None = None) -> _Flat:
        end = len(text) if end is None else min(end, len(text))
        pos = tuple(i for i in range(start, end) if text[i] not in _WS)
        return cls("".join(text[i] for i in pos), pos, end)

    def orig(self, i: int) -> int:
        """The original offset of flat index i (an end index maps just past the previous character)."""
        if i < len(self.pos):
            return self.pos[i]
        return self.pos[-1] + 1 if self.pos else self.end

    def orig_end(self, i: int) -> int:
        return self.pos[i - 1] + 1 if i > 0 else (self.pos[0] if self.pos else self.end)

    def gap_before(self, i: int) -> bool:
        """Whether whitespace stood between flat characters i-1 and i."""
        return 0 < i < len(self.pos) and self.pos[i] != self.pos[i - 1] + 1


_BOUNDARY = re.compile(r"[。！？!?]|\n|[ \t\u3000\xa0]{1,}")


def _unit_starts(text: str, start: int, end: int) -> list[int]:
    """Where sentences and paragraphs begin in text[start:end]: after 。！？, a line break or a run of
    spaces (paragraphs separated by spaces), at the first character that is not white."""
    out = []
    pos = start
    while pos < end and text[pos] in _WS:
        pos += 1
    if pos < end:
        out.append(pos)
    for m in _BOUNDARY.finditer(text, start, end):
        p = m.end()
        while p < end and text[p] in _WS:
            p += 1
        if p < end and (not out or out[-1] != p):
            out.append(p)
    return out


def _sentence_end(text: str, pos: int, limit: int | None = None) -> int:
    """The end of the sentence that pos is in: just after its 。 (or at the line break)."""
    limit = len(text) if limit is None else limit
    m = re.compile(r"[。！？]|\n").search(text, pos, limit)
    if not m:
        return limit
    return m.end() if m.group() != "\n" else m.start()


# ------------------------------------------------------------------------------------- header facts

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
class _Header:
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
    run = m.group().strip(_WS)
    cut = max((c.end() for c in _COURT_CUT.finditer(run)), default=0)
    run = run[cut:]
    if run.startswith("次") and re.search(r"[0-9]\s*$", text[max(0, m.start() - 3) : m.start()]):
        run = run[1:]  # 浏览：12次北京市…法院: the page's view count, run into the court's name
    return run if len(run) >= 4 else ""


def _header(text: str) -> _Header:
    """Court, document type and case number. The case number that directly follows a document type
    (spaces ignored: 刑 事 判 决 书) is the document's own; a page title before it (…一审刑事判决书) has none."""
    flat = _Flat.of(text, 0, _HEAD_CHARS)
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
    if m and _ENTRY.match(flat.text, m.end()):
        return _Header(case_number=normalise_case_number(m), end=flat.orig_end(m.end()))
    return _Header()


def _header_from(text: str, flat: _Flat, dm: re.Match, m: re.Match | None) -> _Header:
    h = _Header(
        document_type=(dm["kind"] or "") + dm["type"],
        kind=_KIND_OF_TYPE.get(dm["kind"] or "", dm["kind"] or ""),
    )
    h.court = _court_before(text, flat.orig(dm.start()))
    h.end = flat.orig_end(dm.end())
    if m:
        h.case_number = normalise_case_number(m)
        h.end = flat.orig_end(m.end())
    return h


def _case_facts(case_number: str) -> tuple[str, str]:
    """(kind, procedure) from the type code of a case number: （2019）浙01民终5号 -> (民事, 二审)."""
    body = case_number[case_number.index("）") + 1 :]
    code = re.sub(r"(?:字第)?\d*号.*$", "", body)
    code = re.sub(r"^.*\d", "", code) or code  # 浙01民终 -> 民终; 烟芝刑初字 stays (no digits)
    procedure = next((label for c, label in _PROCEDURE_CODES if c in code[-3:]), "")
    kind = next((label for c, label in _KIND_CODES if c in code), "")
    return kind, procedure


# ------------------------------------------------------------------------------------------ parties

_PARTY_ROLES = (
    "附带民事诉讼原告人",
    "附带民事诉讼被告人",
    "附带民事诉讼原告",
    "附带民事诉讼被告",
    "申请再审人",
    "再审申请人",
    "被申请再审人",
    "再审被申请人",
    "原审第三人",
    "原审原告",
    "原审被告人",
    "原审被告",
    "原审上诉人",
    "被上诉人",
    "上诉人",
    "被申请人",
    "申请执行人",
    "被执行人",
    "申请人",
    "第三人",
    "原公诉机关",
    "公诉机关",
    "抗诉机关",
    "自诉人",
    "被告人",
    "罪犯",
    "原告",
    "被告",
    "赔偿请求人",
    "赔偿义务机关",
    "复议申请人",
    "复议机关",
    "异议人",
    "案外人",
)
_REPRESENTATIVE_ROLES = (
    "委托诉讼代理人",
    "委托代理人",
    "诉讼代理人",
    "指定辩护人",
    "辩护人",
    "法定代表人",
    "法定代理人",
    "主要负责人",
    "出庭负责人",
    "负责人",
    "诉讼代表人",
    "代表人",
    "经营者",
    "投资人",
    "指定代理人",
)


def _alternation(words) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_ROLE_ALT = _alternation(_PARTY_ROLES + _REPRESENTATIVE_ROLES)
# 二被上诉人共同委托诉讼代理人: representatives shared by several parties.
_SHARED = rf"(?:[二三四五六七八九十两]?(?:{_alternation(_PARTY_ROLES)})(?:共同)?)"
_ENTRY = re.compile(
    rf"(?P<role>{_SHARED}?(?:{_ROLE_ALT}))(?:\s*[（(](?P<paren>[^（()）]{{1,24}})[）)])?\s*(?P<colon>[：:，,])?\s*"
    r"(?P<name>(?:&[a-zA-Z]{2,8};|&#[0-9]{2,6};|[^，,。；;：:（(\s]){1,80})"
)  # HTML entities as delivered
_ORIGINAL_ROLE = re.compile(r"^(?:原审|一审|二审|再审|原|反诉|一审、二审)")
# A role word inside a name marks where the next entry begins (原告：李茂华委托代理人：叶根贵 on one line).
_NEXT_ROLE = re.compile(
    rf"(?:{_alternation(_PARTY_ROLES + ('委托诉讼代理人', '委托代理人', '法定代表人', '辩护人'))})"
)
# What shows that a sentence beginning with a role tells the procedure, not who the party is.
_PROCEDURE_MARK = re.compile(
    r"一案|[纠纷争议罪]案|向本院|本院(?:受理|立案|于\d|依法|审理|提起)|起诉书|提起(?:公诉|上诉|诉讼|自诉|再审)|"
    r"不服|诉至|诉称|辩称|述称|申请(?:执行|强制执行|再审|撤诉|撤回|支付令|诉前|财产|保全|减刑|假释)|"
    r"提出(?:减刑|假释|申请|诉讼)|作出|起诉|于\d{4}年\d{1,2}月\d{1,2}日(?:向|以|在)"
)
_ENTRY_INSIDE = re.compile(
    rf"[ \t\u3000\xa0]+|(?<=[0-9０-９号室楼栋组）)])(?=(?:{_alternation(_PARTY_ROLES)}))"
    rf"|(?<=[\u4e00-\u9fff])(?<![系是为的之兼及和与])(?=(?:委托诉讼代理人|委托代理人|法定代表人|指定辩护人|辩护人))"
)
_CONNECTIVES = ("与", "和", "及", "诉", "因", "不服", "、", "同", "就", "对", "等")
_NAME_CHARS = re.compile(r"[\u4e00-\u9fff\U00020000-\U0003134FA-Za-z0-9０-９·•×＊*Ｘ某]")


def _role_parts(m: re.Match) -> tuple[str, str]:
    """(role, original role) of an entry: 上诉人（原审被告） -> (上诉人, 原审被告); a note in brackets after a
    representative's role (委托代理人（系上诉人之侄）) is not a role."""
    paren = m["paren"] or ""
    return m["role"], paren if paren and _ORIGINAL_ROLE.match(paren) else ""


def _names(raw: str) -> list[str]:
    names = [n.strip("。．.") for n in raw.split("、")]
    return [n for n in names if n and _NAME_CHARS.match(n)]


def _entry_at(text: str, pos: int, limit: int) -> tuple[list[Party], int] | None:
    """The party entry starting at pos: its parties (several for 委托代理人黄超、汪幼君) and where the next
    entry may start; None if no entry starts there."""
    m = _ENTRY.match(text, pos, limit)
    if not m:
        return None
    role, original = _role_parts(m)
    name = m["name"]
    cut = _NEXT_ROLE.search(name, 1)
    next_at = None
    if cut:  # the name runs into the next entry's role
        name = name[: cut.start()]
        next_at = m.start("name") + cut.start()
    if m["colon"] in ("，", ",") and role not in _REPRESENTATIVE_ROLES:
        return None
    names = _names(name)
    if not names or name.endswith(_CONNECTIVES):
        return None
    end = next_at if next_at is not None else _entry_end(text, m.end(), limit)
    # A sentence that begins with a role but tells the procedure (原告张某与被告李某…纠纷一案，…) ends the
    # block; where the name runs into the next role, only a colon after that role says it is an entry.
    sentence_end = end if next_at is None else _sentence_end(text, next_at, limit)
    if _PROCEDURE_MARK.search(text, m.start("name"), sentence_end) and (
        next_at is None or not re.match(rf"(?:{_ROLE_ALT})[：:]", text[next_at : next_at + 12])
    ):
        return None
    parties = [
        Party(
            role=role,
            name=n,
            start=m.start(),
            end=end,
            original_role=original,
            representative=role.endswith(_REPRESENTATIVE_ROLES),
        )
        for n in names
    ]
    return parties, end


def _entry_end(text: str, pos: int, limit: int) -> int:
    """Where an entry's sentence ends: after its 。, at a line break, before a role that follows a run
    of spaces (one paragraph per party, separated by spaces), or before a role right after an address
    whose line had no 。 (…督统府大街10号第三人隆化县财政局 when the lines were joined)."""
    end = _sentence_end(text, pos, limit)
    for m in _ENTRY_INSIDE.finditer(text, pos, end):
        after = m.end()
        if _ENTRY.match(text, after, limit) and not re.match(
            rf"(?:{_ROLE_ALT})[，,]", text[after : after + 12]
        ):
            return m.start()
    return end


_CONTINUATION_MAX = 6  # sentences after a party's entry that still describe that party


def _parties(text: str, start: int) -> tuple[list[Party], tuple[int, int] | None]:
    """The block of party entries right after the header, and its span."""
    limit = min(len(text), start + 20000)
    parties: list[Party] = []
    span_start = span_end = None
    pos = start
    skipped = continuation = 0
    while pos < limit:
        while pos < limit and text[pos] in _WS:
            pos += 1
        if pos >= limit:
            break
        found = _entry_at(text, pos, limit)
        if found:
            entry, end = found
            parties.extend(entry)
            span_start = pos if span_start is None else span_start
            span_end = end
            continuation = 0
            pos = max(end, pos + 1)
            continue
        end = _sentence_end(text, pos, limit)
        if not parties:
            skipped += end - pos
            if skipped > 200:
                break
        else:
            continuation += 1
            if (
                continuation > _CONTINUATION_MAX
                or _PROCEDURE_MARK.search(text, pos, end)
                or CASE_NUMBER.search(text, pos, end)
                or _is_section_start(text, pos)
            ):
                break
            span_end = end
        pos = max(end, pos + 1)
    if span_start is None:
        return [], None
    return _dedupe(parties), (span_start, span_end)


def _dedupe(parties: list[Party]) -> list[Party]:
    seen, out = set(), []
    for p in parties:
        key = (p.role, p.original_role, p.name)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


# ----------------------------------------------------------------------------------------- sections

_CLAIMS = re.compile(
    r"诉讼请求|上诉请求|再审请求|诉称|辩称|述称|起诉请求|指控|答辩|诉请|申请称|被诉[\u4e00-\u9fff]{0,12}(?:决定|行为)认定"
)
_FACTS = re.compile(
    r"(?:本院)?经(?:审理|审查|二审|再审)?(?:查明|审理查明|审查查明)|本院(?:二审|再审)?(?:查明|认定)"
    r"|认定(?:以下|如下|本案)?事实如下|认定事实：|认定事实如下|(?:一审|原审)法院(?:经审理)?(?:查明|认定)"
)
# …，本院认定事实如下： a sentence that leads to the facts found.
_FACTS_LEAD = re.compile(
    r"(?:认定|查明|确认)(?:以下|如下|本案)?(?:案件)?事实(?:如下)?[：:]|(?:认定|查明|确认)(?:以下|如下)?事实如下"
)
_REASONING = re.compile(
    r"(?:(?:经(?:审查|审理|复查|评议|合议庭评议)|对此)[，,]?\s*)?"
    r"(?P<at>(?:本院|合议庭)(?:经审查|经审理|经复查|二审|再审|审查)?认为)"
)
_REASONING_LOOSE = re.compile(
    r"(?<=[\u4e00-\u9fff）)])(?<!对此)(?P<at>本院(?:经审查|经审理|经复查|二审|再审|审查)?认为)"
)
_REASONING_AFTER = re.compile(r"(?<=[，,])\s*对此[，,]?\s*(?P<at>本院认为)")
# 本院认为 about a piece of evidence (证据1.…。本院认为，该份证据…) is not the court's reasoning on the case.
_EVIDENCE = re.compile(r"[，,：:\s]*[^，,。；]{0,8}?(?:证据|认证|采信|真实性|证明力|质证)")
_DECISION = re.compile(
    r"(?:判决|裁定|决定|调解协议)如下|(?:达成|自愿达成)(?:如下)?(?:调解)?协议|发出如下支付令"
)
_DECISION_LEAD = re.compile(r"(?<=[，,；;])(?:依照|依据|根据|按照|据此|综上|遂|故|现)")
_JUDGE_ROLES = ("审判长", "代理审判员", "审判员", "人民陪审员", "陪审员", "执行员")
_CLERK_ROLES = ("代理书记员", "书记员", "法官助理")
_SIGNATURE_ROLE = re.compile(_alternation(_JUDGE_ROLES + _CLERK_ROLES))


def _is_section_start(text: str, pos: int) -> bool:
    m = _REASONING.match(text, pos)
    return bool(m or _FACTS.match(text, pos))


def _reasoning_start(text: str, units: list[int]) -> int | None:
    """The court's own 本院认为: the first that opens a sentence (or follows 对此, or a line whose 。 was
    lost) and is not about a piece of evidence. One inside a sentence (…，本院认为…) or a quotation is not."""
    if not units:
        return None
    found = [m for m in (_REASONING.match(text, u) for u in units) if m]
    found += list(_REASONING_AFTER.finditer(text, units[0]))
    found += [m for m in _REASONING_LOOSE.finditer(text, units[0])]
    for m in sorted(found, key=lambda m: m.start("at")):
        if not _EVIDENCE.match(text, m.end(), min(len(text), m.end() + 30)):
            return m.start("at")
    return None


def _decision_start(text: str, search_from: int, units: list[int]) -> int | None:
    """The sentence that leads to the operative 判决如下 (依照……之规定，判决如下：): the first after the
    reasoning, so that a lower court's decision quoted earlier is passed over. A sentence begins after
    。！？；： (a line break inside a sentence does not begin one), else at a line or paragraph start."""
    m = _DECISION.search(text, search_from)
    if not m:
        return None
    starts = [u for u in units if search_from <= u <= m.start()]
    after_stop = [u for u in starts if _after_sentence_end(text, u)]
    start = (after_stop or starts or [search_from])[-1]
    if start > search_from or search_from == 0:
        return start
    # 本院认为，……，依照……之规定，裁定如下： the reasoning and the decision share one sentence; the
    # decision begins with the clause that leads to it.
    clauses = [c.start() for c in _DECISION_LEAD.finditer(text, start, m.start())]
    return clauses[-1] if clauses else m.start()


def _after_sentence_end(text: str, pos: int) -> bool:
    i = pos - 1
    while i >= 0 and text[i] in _WS:
        i -= 1
    return i < 0 or text[i] in "。！？；;：:!?"


def _body_sections(text: str, units: list[int], after: int) -> dict[str, int]:
    """Procedure, claims and facts between the parties and the reasoning."""
    starts: dict[str, int] = {}
    body = [u for u in units if u >= after]
    if not body:
        return starts
    starts["procedure"] = body[0]
    for i, u in enumerate(body):
        if u >= starts.get("reasoning", len(text)):
            break
        head = text[u : min(u + 60, _sentence_end(text, u))]
        if (
            i > 0
            and "claims" not in starts
            and "facts" not in starts
            and _CLAIMS.search(head)
            and not _FACTS.match(text, u)
        ):
            starts["claims"] = u
        if "facts" not in starts and (
            _FACTS.match(text, u) or _FACTS_LEAD.search(text, u, _sentence_end(text, u))
        ):
            starts["facts"] = u
    return starts


def _ordered_sections(text: str, starts: dict[str, int]) -> list[Section]:
    ordered = sorted(
        ((pos, kind) for kind, pos in starts.items()), key=lambda t: (t[0], SECTION_KINDS.index(t[1]))
    )
    # A later kind found before an earlier one (odd layouts) is dropped rather than reordering the text.
    cleaned: list[tuple[int, str]] = []
    for pos, kind in ordered:
        if cleaned and SECTION_KINDS.index(kind) < SECTION_KINDS.index(cleaned[-1][1]):
            continue
        if cleaned and cleaned[-1][0] == pos:
            cleaned.pop()
        cleaned.append((pos, kind))
    out = []
    for i, (pos, kind) in enumerate(cleaned):
        end = cleaned[i + 1][0] if i + 1 < len(cleaned) else len(text)
        while end > pos and text[end - 1] in _WS:
            end -= 1
        if end > pos:
            out.append(Section(kind, pos, end))
    return out


# ------------------------------------------------------------------------------------- signatures

_SIG_NAME = r"[\u4e00-\u9fff\U00020000-\U0003134F·×＊*某]"
_DATE_AHEAD = r"(?:[〇○零一二三四五六七八九OＯ]{4}年|(?:19|20)\d\d年)"
# What may follow the last signature on the same line once the lines are joined: 附：相关法律条文, 本件与原本核对无异.
_TRAILER = r"附[：:件录注]|附相关|附本|附法律|附适用|本件|本案|注[：:]|提示[：:]"
_SIGNATURE = re.compile(rf"(?P<role>{_alternation(_JUDGE_ROLES + _CLERK_ROLES)})(?P<name>{_SIG_NAME}{{1,5}})")
# Where a signer's name ends when no space follows it (one-line judgments).
_NAME_STOP = re.compile(rf"{_alternation(_JUDGE_ROLES + _CLERK_ROLES)}|{_DATE_AHEAD}|{_TRAILER}")


@dataclass
class _Closing:
    start: int | None = None
    judges: list[tuple[str, str]] = field(default_factory=list)
    clerk: str = ""
    date: str = ""


def _closing(text: str, search_from: int) -> _Closing:
    """The signatures (审判长 …, 审 判 员 …, the date, 书记员 …) after the decision, read with spaces
    removed, so that a one-line judgment's 审判长张三审判员李四二〇一九年…书记员王五 reads the same."""
    flat = _Flat.of(text, search_from)
    out = _Closing()
    pos = 0
    while True:
        m = _SIGNATURE.search(flat.text, pos)
        if not m:
            break
        if out.start is None and not _opens_signatures(flat, m):
            pos = m.start() + 1
            continue
        name = _signature_name(flat, m)
        if out.start is None:
            out.start = flat.orig(m.start())
        if m["role"] in _CLERK_ROLES:
            if m["role"] != "法官助理" and not out.clerk:
                out.clerk = name
        else:
            out.judges.append((m["role"], name))
        pos = m.start("name") + len(name)
        date = _date_at(flat, pos)
        if date:
            out.date = out.date or date[0]
            pos = date[1]
        elif out.clerk and not _SIGNATURE.match(flat.text, pos):
            break
    return out


def _opens_signatures(flat: _Flat, m: re.Match) -> bool:
    """A signature role opens the closing when a name, then another signature or a date, follows."""
    after = m.start("name") + len(_signature_name(flat, m))
    return bool(_SIGNATURE.match(flat.text, after) or _date_at(flat, after)) or after >= len(flat.text)


def _signature_name(flat: _Flat, m: re.Match) -> str:
    """The signer's name, cut where the original text had a space after it (书记员 王五 附：…)."""
    name = m["name"]
    start = m.start("name")
    spaced = flat.gap_before(start + 1)  # 王　树: spaces between the characters of one name
    for i in range(1, len(name)):
        if (flat.gap_before(start + i) and not spaced) or _NAME_STOP.match(flat.text, start + i):
            return name[:i]
    return name


def _date_at(flat: _Flat, pos: int) -> tuple[str, int] | None:
    m = CN_DATE.match(flat.text, pos) or AR_DATE.match(flat.text, pos)
    if not m:
        return None
    date = parse_date(m.group())
    return (date, m.end()) if date else None


# ------------------------------------------------------------------------------------------ cause

_ADMIN_CAUSES = (
    "行政处罚",
    "行政许可",
    "行政强制",
    "行政复议",
    "行政登记",
    "行政协议",
    "行政赔偿",
    "政府信息公开",
    "行政确认",
    "行政征收",
    "行政裁决",
    "行政给付",
    "工伤认定",
    "不履行法定职责",
)
_CAUSE_STOP = "与诉因及和、的"
# A party's name written just before the cause ends with one of these (杭州某科技公司不正当竞争纠纷).
_NAME_END = re.compile(
    r".*(?:公司|集团|银行|局|厂|店|中心|委员会|政府|学校|医院|研究所|事务所|合作社|某|、|等)"
)


def _known_tail(run: str, known: tuple[str, ...]) -> str:
    """The longest known cause that ends `run`."""
    best = ""
    for name in known:
        if len(name) > len(best) and run.endswith(name):
            best = name
    return best


def _charge_at(text: str, pos: int) -> tuple[str, int] | None:
    """The charge named at pos: the longest in the official list, else a run up to 罪 (盗窃罪)."""
    known = legal_lists.cause_names()
    for n in range(min(40, len(text) - pos), 2, -1):
        if text[pos : pos + n] in known:
            return text[pos : pos + n], pos + n
    # 掩饰、隐瞒犯罪所得罪: a 罪 inside the name (犯罪所得) is not its end.
    m = re.compile(r"[\u4e00-\u9fff][\u4e00-\u9fff、]{0,30}?罪(?![\u4e00-\u9fff]{0,3}罪)").match(text, pos)
    return (m.group(), m.end()) if m else None


def _criminal_cause(window: str) -> str:
    """犯盗窃罪 / 犯参加黑社会性质组织罪、寻衅滋事罪: the first charge a defendant is said to commit and
    those named with it (罪犯 and 犯罪 are not that 犯)."""
    for m in re.finditer(r"(?<!罪)犯(?!罪)", window):
        charge = _charge_at(window, m.end())
        if not charge:
            continue
        names, pos = [charge[0]], charge[1]
        while pos < len(window) and window[pos] in "、和及":
            more = _charge_at(window, pos + 1)
            if not more:
                break
            names.append(more[0])
            pos = more[1]
        return "、".join(names)
    return ""


def _known_cause(window: str, kind: str) -> str:
    """The known cause of action (of this kind) named first in the window: 申请支付令, 房屋登记管理 …"""
    names = [c.name for c in legal_lists.causes() if c.kind == kind]
    if kind == "行政":
        names += _ADMIN_CAUSES
    found = [(i, -len(n), n) for n in names if (i := window.find(n)) >= 0]
    return min(found)[2] if found else ""


def _civil_cause(window: str, names: list[str]) -> str:
    m = re.search(r"([\u4e00-\u9fff、]{2,60}?(?:纠纷|争议))(?:一案|两案|[二三四五六七八九十]+案|案)", window)
    if not m:
        return ""
    run = m[1]
    known = _known_tail(run, legal_lists.cause_names())
    if known:
        return known
    cut = 0
    for name in names:  # 原告张三与被告李四民间借贷纠纷: the names go
        i = run.rfind(name)
        if i >= 0:
            cut = max(cut, i + len(name))
    run = run[cut:]
    for marker in ("因与", "诉", "与"):
        i = run.rfind(marker)
        if i >= 0 and len(run) - i - len(marker) >= 4:
            run = run[i + len(marker) :]
            break
    n = _NAME_END.match(run)
    if n and len(run) - n.end() >= 4:
        run = run[n.end() :]
    run = run.lstrip(_CAUSE_STOP)
    for role in sorted(_PARTY_ROLES, key=len, reverse=True):
        if run.startswith(role):
            run = run[len(role) :]
    return run


def _cause(text: str, kind: str, names: list[str], window_end: int) -> str:
    window = text[:window_end]
    if kind.startswith("刑事"):
        return _criminal_cause(window)
    return _civil_cause(window, names) or (_known_cause(window, kind) if kind in ("民事", "行政") else "")


# ----------------------------------------------------------------------------------------- titles

_HEADLINE_MAX = 60


def headline(text: str) -> str:
    """A report's headline: its first line, when that line is short and not a sentence of the body."""
    for line in text.splitlines():
        line = line.strip(_WS)
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


# ------------------------------------------------------------------------------------------- detect


def _apply_header(s: JudgmentStructure, h: _Header) -> None:
    s.court, s.document_type, s.case_kind, s.case_number = h.court, h.document_type, h.kind, h.case_number
    if s.case_number:
        kind, s.procedure = _case_facts(s.case_number)
        s.case_kind = s.case_kind or kind
        s.year = int(s.case_number[1:5])


def _cited_cases(text: str, own: str) -> list[str]:
    return list(dict.fromkeys(n for n, _a, _b in find_case_numbers(text) if n != own))


def _apply_closing(s: JudgmentStructure, text: str, decision_at: int | None, after: int) -> int | None:
    closing = _closing(text, decision_at if decision_at is not None else after)
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
    units = _unit_starts(text, after, len(text))
    starts: dict[str, int] = {"header": 0}
    if parties_span:
        starts["parties"] = parties_span[0]
    reasoning = _reasoning_start(text, units)
    decision_from = reasoning if reasoning is not None else after
    decision = _decision_start(text, decision_from, units)
    if reasoning is not None:
        starts["reasoning"] = reasoning
    if decision is not None:
        starts["decision"] = decision
    closing = _apply_closing(s, text, decision, after)
    if closing is not None and closing > (decision if decision is not None else after):
        starts["closing"] = closing
    for kind, pos in _body_sections(text, units, after).items():
        if pos < starts.get("reasoning", starts.get("decision", len(text))):
            starts.setdefault(kind, pos)
    s.sections = _ordered_sections(text, starts)


def detect(text: str) -> JudgmentStructure:
    """Find what a judgment says about itself. Offsets are code points over `text`."""
    s = JudgmentStructure()
    header = _header(text)
    _apply_header(s, header)
    s.cited_cases = _cited_cases(text, s.case_number)
    parties_span = None
    if s.found:
        s.parties, parties_span = _parties(text, header.end)
        _sections(s, text, header.end, parties_span)  # sections only mean something in a judgment
    else:
        _apply_closing(s, text, None, max(0, len(text) - 400))
    names = [p.name for p in s.parties if not p.representative]
    names += re.findall(r"以下简称([\u4e00-\u9fff]{2,12})", text[:3000])
    procedure = next((x for x in s.sections if x.kind == "procedure"), None)
    window_end = (procedure.end if procedure else min(len(text), 1500)) + 300
    s.cause = _cause(text, s.case_kind, names, min(len(text), window_end))
    s.citations = find_citations(text)
    return s
