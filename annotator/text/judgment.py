"""What a Chinese court judgment says about itself: case number, court, type, date, cause of action,
parties, judges, its sections and the statutes it cites.

Pure text rules, no database: `detect(text)` returns a `JudgmentStructure` whose offsets are code
points over `text`. The rules follow the layout courts use (最高人民法院《人民法院民事裁判文书制作规范》
and its criminal and administrative counterparts): a header (court, document type, case number), one
line per party and representative, a paragraph on the procedure, the claims and defences, the facts
found, the court's reasoning (本院认为), the decision (判决如下 …) and the signatures and date. Anything
that is not found is left empty; nothing here raises on odd input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

# Section kinds in document order (stored in the project as these English keys).
SECTION_KINDS = ("header", "parties", "procedure", "claims", "facts", "reasoning", "decision", "closing")
SECTION_LABELS = {
    "header": "首部", "parties": "当事人", "procedure": "审理经过", "claims": "诉辩意见",
    "facts": "事实", "reasoning": "本院认为", "decision": "裁判主文", "closing": "尾部",
}

# ---------------------------------------------------------------------------------- Chinese numerals

_DIGITS = {"〇": 0, "○": 0, "零": 0, "O": 0, "Ｏ": 0, "一": 1, "壹": 1, "二": 2, "两": 2, "贰": 2, "三": 3,
           "叁": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8,
           "捌": 8, "九": 9, "玖": 9}
_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
NUMERAL = "[0-9０-９〇○零一二两三四五六七八九十百千万壹贰叁肆伍陆柒捌玖拾佰仟]"


def chinese_number(text: str) -> int | None:
    """二百六十 -> 260, 一千零三十二 -> 1032, 十七 -> 17, 2019 -> 2019; None when it is not a number."""
    text = text.strip().translate(_FULLWIDTH_DIGITS)
    if not text:
        return None
    if text.isdigit():
        return int(text)
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch.isdigit():
            digit = int(ch)
        elif ch in _UNITS:
            section += (1 if digit is None else digit) * _UNITS[ch]
            digit = None
        elif ch == "万":
            total += (section + (digit or 0)) * 10000
            section, digit = 0, None
        else:
            return None
    return total + section + (digit or 0)


_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def _year_digits(text: str) -> int | None:
    """二〇一九 -> 2019 (a year is written digit by digit)."""
    digits = [_DIGITS.get(ch, int(ch) if ch.isdigit() else None) for ch in text.translate(_FULLWIDTH_DIGITS)]
    if len(digits) != 4 or None in digits:
        return None
    return int("".join(str(d) for d in digits))


# ------------------------------------------------------------------------------------------- records

@dataclass(frozen=True, slots=True)
class Party:
    role: str  # 原告, 上诉人, 被告人, 委托诉讼代理人 …
    name: str
    start: int  # the line it is written on
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


@dataclass(frozen=True, slots=True)
class Citation:
    statute: str  # normalised: no 《》, no 中华人民共和国 prefix
    article: int
    paragraph: int | None
    item: int | None
    start: int
    end: int
    article_suffix: int | None = None  # 1 in 第二百五十三条之一, a separate article

    def key(self) -> tuple[str, int, int | None, int | None]:
        return (self.statute, self.article, self.paragraph, self.article_suffix)

    def label(self) -> str:
        out = f"{self.statute}第{self.article}条"
        if self.article_suffix:
            out += f"之{self.article_suffix}"
        if self.paragraph:
            out += f"第{self.paragraph}款"
        if self.item:
            out += f"第{self.item}项"
        return out


@dataclass
class JudgmentStructure:
    case_number: str = ""
    cited_cases: list[str] = field(default_factory=list)
    court: str = ""
    document_type: str = ""  # 民事判决书, 行政裁定书 …
    case_kind: str = ""  # 民事, 刑事, 行政, 执行, 国家赔偿
    procedure: str = ""  # 一审, 二审, 再审, 审查, 执行
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
        for key in ("case_number", "court", "document_type", "case_kind", "procedure", "date", "cause",
                    "clerk"):
            value = getattr(self, key)
            if value:
                out[key] = value
        if self.year:
            out["year"] = self.year
        if self.cited_cases:
            out["cited_cases"] = list(self.cited_cases)
        if self.parties:
            out["parties"] = [
                {"role": p.role, "name": p.name, **({"original_role": p.original_role} if p.original_role else {}),
                 **({"representative": True} if p.representative else {})}
                for p in self.parties]
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


# ------------------------------------------------------------------------------------------- lines

@dataclass(frozen=True, slots=True)
class _Line:
    start: int
    end: int  # without the line break
    text: str


def _lines(text: str) -> list[_Line]:
    out, pos = [], 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85")
        out.append(_Line(pos, pos + len(body), body))
        pos += len(raw)
    return out


_SPACE = re.compile(r"[\s\u3000]+")

# ------------------------------------------------------------------------------------- header facts

_BRACKET_OPEN, _BRACKET_CLOSE = "（(〔[［【", "）)〕]］】"
CASE_NUMBER = re.compile(
    rf"[{re.escape(_BRACKET_OPEN)}]\s*(?P<year>(?:19|20)[0-9０-９]{{2}})\s*[{re.escape(_BRACKET_CLOSE)}]\s*"
    r"(?P<body>[\u4e00-\u9fff0-9０-９]{1,16}?[\u4e00-\u9fff])\s*(?P<num>[0-9０-９]{1,6})\s*号"
    rf"(?P<suffix>之{NUMERAL}{{1,3}})?")
_DOC_TYPE = re.compile(
    r"(?P<kind>民事|刑事附带民事|刑事|行政|执行|国家赔偿|赔偿)?(?P<type>判决书|裁定书|调解书|决定书|支付令|通知书)")
_COURT = re.compile(r"[\u4e00-\u9fff]{2,40}?(?:人民法院|法院|人民法庭|法庭)")
_PROCEDURE_CODES = (("再", "再审"), ("申", "审查"), ("监", "审查"), ("终", "二审"), ("初", "一审"),
                    ("执", "执行"))
_KIND_CODES = (("刑", "刑事"), ("行", "行政"), ("赔", "国家赔偿"), ("执", "执行"), ("民", "民事"))


def normalise_case_number(match: re.Match) -> str:
    year = match["year"].translate(_FULLWIDTH_DIGITS)
    number = match["num"].translate(_FULLWIDTH_DIGITS)
    return f"（{year}）{match['body'].translate(_FULLWIDTH_DIGITS)}{number}号{match['suffix'] or ''}"


def find_case_numbers(text: str) -> list[tuple[str, int, int]]:
    """Every case number in the text, normalised to full-width brackets: (number, start, end)."""
    return [(normalise_case_number(m), m.start(), m.end()) for m in CASE_NUMBER.finditer(text)]


_CN_DATE = re.compile(rf"(?P<y>[〇○零一二三四五六七八九OＯ]{{4}})\s*年\s*(?P<m>{NUMERAL}{{1,3}})\s*月\s*(?P<d>{NUMERAL}{{1,3}})\s*日")
_AR_DATE = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")


def parse_date(text: str) -> str | None:
    """二〇一九年十月二十日 or 2019年10月20日 -> "2019-10-20"; None if it is not a valid date."""
    text = text.translate(_FULLWIDTH_DIGITS)
    m = _CN_DATE.fullmatch(text.strip())
    if m:
        y, mo, d = _year_digits(m["y"]), chinese_number(m["m"]), chinese_number(m["d"])
    else:
        m = _AR_DATE.fullmatch(text.strip())
        if not m:
            return None
        y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    if y is None or mo is None or d is None or not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


# ------------------------------------------------------------------------------------------ parties

_PARTY_ROLES = (
    "附带民事诉讼原告人", "附带民事诉讼被告人", "申请再审人", "再审申请人", "被申请再审人", "原审第三人",
    "原审原告", "原审被告", "被上诉人", "上诉人", "被申请人", "申请人", "申请执行人", "被执行人", "第三人",
    "公诉机关", "抗诉机关", "自诉人", "被告人", "罪犯", "原告", "被告",
)
_REPRESENTATIVE_ROLES = (
    "委托诉讼代理人", "委托代理人", "诉讼代理人", "指定辩护人", "辩护人", "法定代表人", "法定代理人",
    "主要负责人", "出庭负责人", "负责人", "诉讼代表人", "经营者", "投资人",
)
_ROLE_ALT = "|".join(sorted(_PARTY_ROLES + _REPRESENTATIVE_ROLES, key=len, reverse=True))
_PARTY_LINE = re.compile(
    rf"^[\s\u3000]*(?P<role>{_ROLE_ALT})(?:[（(](?P<orig>[^）)]{{1,12}})[）)])?\s*(?P<colon>[：:])?\s*"
    r"(?P<name>[^，,。；;：:（(\s]{1,60})")
# Roles written without a colon in criminal judgments (公诉机关某某人民检察院。/ 被告人张某，男 …).
_NO_COLON_ROLES = {"公诉机关", "抗诉机关", "被告人", "自诉人", "罪犯", "辩护人", "指定辩护人", "法定代理人",
                   "附带民事诉讼原告人", "附带民事诉讼被告人"}


def _party(line: _Line) -> Party | None:
    m = _PARTY_LINE.match(line.text)
    if not m:
        return None
    role = m["role"]
    if not m["colon"] and (role not in _NO_COLON_ROLES or "一案" in line.text or len(line.text) > 400):
        return None
    name = m["name"].rstrip("。")
    if not name:
        return None
    return Party(role=role, name=name, start=line.start, end=line.end, original_role=m["orig"] or "",
                 representative=role in _REPRESENTATIVE_ROLES)


# ----------------------------------------------------------------------------------------- sections

_CLAIMS = re.compile(r"诉讼请求|上诉请求|再审请求|诉称|辩称|述称|起诉请求|指控|答辩|诉请|申请称|被诉[\u4e00-\u9fff]{0,12}(?:决定|行为)认定")
_FACTS = re.compile(r"^(?:本院)?经(?:审理|审查|二审|再审)?(?:查明|审理查明|审查查明)|^本院(?:二审|再审)?(?:查明|认定)"
                    r"|认定(?:以下|如下|本案)?事实如下|认定事实：|认定事实如下|^(?:一审|原审)法院(?:经审理)?(?:查明|认定)")
_REASONING = re.compile(r"^(?:本院|合议庭)(?:经审查|经审理|二审|再审)?认为")
_DECISION = re.compile(r"(?:判决|裁定|决定|调解协议)如下|(?:达成|自愿达成)(?:如下)?(?:调解)?协议")
_SIGNATURE = re.compile(r"^(?:审判长|审判员|代理审判员|人民陪审员|陪审员|执行员|法官助理|书记员|代理书记员)")


def _signature(text: str) -> tuple[str, str] | None:
    flat = _SPACE.sub("", text)
    m = re.fullmatch(r"(审判长|代理审判员|审判员|人民陪审员|陪审员|执行员|法官助理|代理书记员|书记员)"
                     r"([\u4e00-\u9fff\U00020000-\U0003134F·]{1,8})", flat)
    return (m[1], m[2]) if m else None


def _sections(text: str, lines: list[_Line], parties_span: tuple[int, int] | None,
              header_end: int) -> list[Section]:
    starts: dict[str, int] = {"header": 0}
    after = header_end
    if parties_span:
        starts["parties"] = parties_span[0]
        after = parties_span[1]
    body = [ln for ln in lines if ln.start >= after and ln.text.strip()]
    for i, ln in enumerate(body):
        # The first paragraph often names the charge or claim in passing (…起诉书指控…): it is the
        # procedure unless it opens with the facts or the reasoning.
        if i > 0 and "claims" not in starts and _CLAIMS.search(ln.text[:60]) and not _FACTS.search(ln.text.strip()):
            starts["claims"] = ln.start
        if "facts" not in starts and _FACTS.search(ln.text.strip()):
            starts["facts"] = ln.start
        if "reasoning" not in starts and _REASONING.search(ln.text.strip()):
            starts["reasoning"] = ln.start
    # The paragraph on the procedure comes first, unless the text goes straight to claims or reasoning.
    if body and body[0].start not in starts.values():
        starts["procedure"] = body[0].start
    search_from = starts.get("reasoning", starts.get("facts", after))
    m = _DECISION.search(text, search_from)
    if m:
        # The decision starts with the sentence that leads to it (依照……之规定，判决如下：).
        sentence = max(text.rfind("。", search_from, m.start()), text.rfind("\n", search_from, m.start()),
                       search_from - 1)
        starts["decision"] = sentence + 1
    decision_at = starts.get("decision", after)
    for ln in lines:
        if ln.start >= decision_at and _SIGNATURE.match(_SPACE.sub("", ln.text)) and _signature(ln.text):
            starts["closing"] = ln.start
            break
    ordered = sorted(((pos, kind) for kind, pos in starts.items()), key=lambda t: (t[0], SECTION_KINDS.index(t[1])))
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
        while end > pos and text[end - 1] in "\r\n":
            end -= 1
        if end > pos:
            out.append(Section(kind, pos, end))
    return out


# ------------------------------------------------------------------------------------------ cause

_ADMIN_CAUSES = ("行政处罚", "行政许可", "行政强制", "行政复议", "行政登记", "行政协议", "行政赔偿", "政府信息公开",
                 "行政确认", "行政征收", "行政裁决", "行政给付", "工伤认定", "不履行法定职责")
_CAUSE_STOP = "与诉因及和、的"


def _cause(text: str, kind: str, names: list[str], window_end: int) -> str:
    window = text[:window_end]
    if kind == "刑事":
        m = re.search(r"犯([\u4e00-\u9fff、]{2,40}?罪)", window)
        return m[1] if m else ""
    m = re.search(r"([\u4e00-\u9fff]{2,60}?(?:纠纷|争议))(?:一案|两案|[二三四五六七八九十]+案|案)", window)
    if m:
        run = m[1]
        # Cut away party names written just before the cause (原告张三与被告李四民间借贷纠纷).
        cut = 0
        for name in names:
            i = run.rfind(name)
            if i >= 0:
                cut = max(cut, i + len(name))
        run = run[cut:]
        for marker in ("因与", "诉", "与"):
            i = run.rfind(marker)
            if i >= 0 and len(run) - i - len(marker) >= 4:
                run = run[i + len(marker):]
                break
        run = run.lstrip(_CAUSE_STOP)
        for role in sorted(_PARTY_ROLES, key=len, reverse=True):
            if run.startswith(role):
                run = run[len(role):]
        return run
    if kind == "行政":
        for cause in _ADMIN_CAUSES:
            if cause in window:
                return cause
    return ""


# ---------------------------------------------------------------------------------------- statutes

_ARTICLE = rf"第(?P<a>{NUMERAL}{{1,8}})条(?:之(?P<asub>{NUMERAL}{{1,3}}))?"
_PARAGRAPH = rf"第(?P<p>{NUMERAL}{{1,4}})款"
_ITEM = rf"第[（(]?(?P<i>{NUMERAL}{{1,4}})[）)]?项"
_CITE_TAIL = re.compile(rf"{_ARTICLE}(?:{_PARAGRAPH})?(?:{_ITEM})?")
_PARA_TAIL = re.compile(rf"{_PARAGRAPH}(?:{_ITEM})?")
_LIST_SEP = re.compile(r"\s*(?:、|，|,|和|及|以及|与|或者|或)\s*")
_BRACKETED = re.compile(r"《(?P<name>[^《》\n]{2,80})》")
_BARE_NAME = re.compile(r"[\u4e00-\u9fff〈〉]{2,40}(?:法|法典|条例|规定|解释|办法|决定|规则)(?=第)")
_REFS = ("前述司法解释", "上述司法解释", "前述法律", "上述法律", "该解释", "本解释", "该条例", "本条例", "该规定",
         "本规定", "本法", "该法", "同法")
_REF = re.compile("(?P<ref>" + "|".join(_REFS) + ")(?=第)")
_SAME_ARTICLE = re.compile(r"(?:该条|本条|同条|前条)(?=第)")
# Statutes often cited without 《》; a known name is taken whole, so that 对外贸易法 keeps its 对.
KNOWN_STATUTES = (
    "反不正当竞争法", "反垄断法", "民法典", "民法总则", "合同法", "侵权责任法", "物权法", "担保法", "著作权法",
    "商标法", "专利法", "公司法", "证券法", "劳动法", "劳动合同法", "消费者权益保护法", "个人信息保护法",
    "数据安全法", "网络安全法", "电子商务法", "广告法", "价格法", "产品质量法", "食品安全法", "刑法",
    "刑事诉讼法", "民事诉讼法", "行政诉讼法", "行政处罚法", "行政许可法", "行政强制法", "行政复议法",
    "国家赔偿法", "对外贸易法", "未成年人保护法", "治安管理处罚法", "电信条例", "计算机软件保护条例",
)
# Words that run into a statute's name when it is written without 《》 (依照消费者权益保护法第…):
# the name starts after the last of them.
_LEAD = ("依照", "依据", "根据", "按照", "参照", "违反", "属于", "适用", "符合", "构成", "援引", "引用", "对照",
         "规定", "关于", "结合", "以及", "认为", "本院", "系", "即", "亦", "也", "了", "的", "于", "对", "是",
         "为", "在", "并", "而", "但", "或", "及", "与", "和", "按", "依", "据", "犯", "从")
_PREFIX = "中华人民共和国"


def _bare_statute(run: str) -> tuple[int, str]:
    """Where in a run of characters ending in 法/条例/… the statute's name starts, and the name
    ("ref:该法" when the run ends with a reference back)."""
    for ref in _REFS:
        if run.endswith(ref):
            return len(run) - len(ref), "ref:" + ref
    i = run.rfind(_PREFIX)
    if i >= 0:
        return i, "name:" + run[i:]
    known = [k for k in KNOWN_STATUTES if run.endswith(k)]
    if known:
        name = max(known, key=len)
        return len(run) - len(name), "name:" + name
    cut = 0
    for word in _LEAD:
        j = run.rfind(word, 0, len(run) - 2)
        if j >= 0:
            cut = max(cut, j + len(word))
    return cut, "name:" + run[cut:]


def normalise_statute(name: str) -> str:
    name = name.strip().strip("《》〈〉")
    if name.startswith(_PREFIX) and len(name) > len(_PREFIX) + 1:
        name = name[len(_PREFIX):]
    return name.replace("〈中华人民共和国", "〈")


def find_citations(text: str) -> list[Citation]:
    """Statute citations normalised to (statute, article, paragraph, item), in text order.

    Handles 《中华人民共和国X法》第二条, bare X法第二条, lists (第二条、第十七条 / 第一款、第二款),
    and references back to the last statute (本法, 该法, 同法, 前述司法解释) or article (该条第二款)."""
    anchors: list[tuple[int, int, str]] = []  # (start, end of the name, kind or statute)
    for m in _BRACKETED.finditer(text):
        anchors.append((m.start(), m.end(), "name:" + m["name"]))
    for m in _BARE_NAME.finditer(text):
        if any(a <= m.start() < b for a, b, _ in anchors):
            continue
        offset, what = _bare_statute(m.group())
        anchors.append((m.start() + offset, m.end(), what))
    for m in _REF.finditer(text):
        if not any(a <= m.start() < b for a, b, _ in anchors):
            anchors.append((m.start(), m.end(), "ref:" + m["ref"]))
    for m in _SAME_ARTICLE.finditer(text):
        anchors.append((m.start(), m.end(), "article"))
    anchors.sort()

    out: list[Citation] = []
    last_statute = ""
    last_interpretation = ""
    for start, end, what in anchors:
        pos = end
        if what == "article":
            m = _PARA_TAIL.match(text, pos)
            if not m or not out:
                continue
            prev = out[-1]
            out.append(Citation(prev.statute, prev.article, chinese_number(m["p"]),
                                chinese_number(m["i"]) if m["i"] else None, start, m.end(), prev.article_suffix))
            continue
        if what.startswith("name:"):
            statute = normalise_statute(what[5:])
        else:
            ref = what[4:]
            statute = last_interpretation if "解释" in ref else last_statute
        if not statute:
            continue
        m = _CITE_TAIL.match(text, pos)
        if not m:
            # A name mentioned without an article still becomes what 该法 refers to.
            if what.startswith("name:"):
                last_statute = statute
                if "解释" in statute:
                    last_interpretation = statute
            continue
        last_statute = statute
        if "解释" in statute:
            last_interpretation = statute
        first = start
        article = suffix = None
        while m:
            if m.groupdict().get("a") is not None:
                article = chinese_number(m["a"])
                suffix = chinese_number(m["asub"]) if m["asub"] else None
            paragraph = chinese_number(m["p"]) if m["p"] else None
            item = chinese_number(m["i"]) if m["i"] else None
            if article is not None:
                out.append(Citation(statute, article, paragraph, item, first, m.end(), suffix))
            pos = m.end()
            sep = _LIST_SEP.match(text, pos)
            if not sep:
                break
            nxt = sep.end()
            m = _CITE_TAIL.match(text, nxt) or (_PARA_TAIL.match(text, nxt) if article is not None else None)
            first = nxt
    return out


# ------------------------------------------------------------------------------------------- detect

def detect(text: str) -> JudgmentStructure:
    """Find what a judgment says about itself. Offsets are code points over `text`."""
    s = JudgmentStructure()
    lines = _lines(text)
    nonblank = [ln for ln in lines if ln.text.strip()]
    head = nonblank[:8]

    # Header: court, document type and case number, on their own lines or run together.
    header_end = 0
    for ln in head:
        flat = _SPACE.sub("", ln.text)
        if not s.document_type:
            dm = _DOC_TYPE.search(flat)
            if dm and len(flat) <= 60 and (dm.end() == len(flat) or flat[dm.end():].startswith(("（", "("))):
                s.document_type = (dm["kind"] or "") + dm["type"]
                if dm["kind"]:
                    s.case_kind = {"赔偿": "国家赔偿", "刑事附带民事": "刑事"}.get(dm["kind"], dm["kind"])
                cm = _COURT.match(flat[:dm.start()])
                if cm and not s.court:
                    s.court = cm.group()
                header_end = max(header_end, ln.end)
        if not s.court:
            cm = _COURT.fullmatch(flat)
            if cm:
                s.court = cm.group()
                header_end = max(header_end, ln.end)
        if not s.case_number:
            km = CASE_NUMBER.search(ln.text)
            if km and len(_SPACE.sub("", ln.text)) <= len(km.group()) + 40:
                s.case_number = normalise_case_number(km)
                header_end = max(header_end, ln.end)
    if s.case_number:
        body = s.case_number[s.case_number.index("）") + 1:]
        for code, label in _PROCEDURE_CODES:
            if re.search(code + r"(?:字第)?\d*号", body) or re.search(code + r"\d", body):
                s.procedure = label
                break
        if not s.case_kind:
            for code, label in _KIND_CODES:
                if code in body:
                    s.case_kind = label
                    break
        s.year = int(s.case_number[1:5])
    s.cited_cases = [n for n, _a, _b in find_case_numbers(text) if n != s.case_number]
    s.cited_cases = list(dict.fromkeys(s.cited_cases))

    # Parties: the block of party lines right after the header.
    parties_span = None
    started = False
    for ln in lines:
        if ln.start < header_end or not ln.text.strip():
            continue
        party = _party(ln)
        if party is None:
            if started:
                break
            if s.parties or ln.start > header_end + 200:
                break
            continue
        if not started:
            parties_span = (ln.start, ln.end)
            started = True
        s.parties.append(party)
        parties_span = (parties_span[0], ln.end)
    if parties_span:
        parties_span = (parties_span[0], parties_span[1] + 1)

    # Sections only mean something in a judgment; a report about one has none.
    s.sections = _sections(text, lines, parties_span, header_end) if s.found else []

    # Signatures and date at the end.
    closing = next((x for x in s.sections if x.kind == "closing"), None)
    tail_from = closing.start if closing else max(0, len(text) - 400)
    for ln in lines:
        if ln.start < tail_from:
            continue
        sig = _signature(ln.text)
        if sig:
            if "书记员" in sig[0]:
                s.clerk = s.clerk or sig[1]
            elif sig[0] != "法官助理":
                s.judges.append(sig)
    dates = [m for m in _CN_DATE.finditer(text, tail_from)]
    date = parse_date(dates[-1].group()) if dates else None
    if date is None and closing:
        arabic = list(_AR_DATE.finditer(text, closing.start))
        date = parse_date(arabic[-1].group()) if arabic else None
    if date:
        s.date = date
        s.year = int(date[:4])

    names = [p.name for p in s.parties if not p.representative]
    names += re.findall(r"以下简称([\u4e00-\u9fff]{2,12})", text[:3000])
    procedure = next((x for x in s.sections if x.kind == "procedure"), None)
    window_end = (procedure.end if procedure else min(len(text), 1500)) + 300
    s.cause = _cause(text, s.case_kind, names, min(len(text), window_end))
    s.citations = find_citations(text)
    return s
