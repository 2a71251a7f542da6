"""Where the sections of a judgment begin: the procedure, the claims and defences, the facts found, the
court's reasoning (本院认为) and the decision (判决如下 …), each at the start of a sentence or paragraph."""

from __future__ import annotations

import re

from annotator.text.judgment.layout import WS, end_of_sentence
from annotator.text.judgment.records import Section
from annotator.text.section_kinds import SECTION_KINDS

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


def is_section_start(text: str, pos: int) -> bool:
    m = _REASONING.match(text, pos)
    return bool(m or _FACTS.match(text, pos))


def reasoning_start(text: str, units: list[int]) -> int | None:
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


def decision_start(text: str, search_from: int, units: list[int]) -> int | None:
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
    while i >= 0 and text[i] in WS:
        i -= 1
    return i < 0 or text[i] in "。！？；;：:!?"


def body_sections(text: str, units: list[int], after: int) -> dict[str, int]:
    """Procedure, claims and facts between the parties and the reasoning."""
    starts: dict[str, int] = {}
    body = [u for u in units if u >= after]
    if not body:
        return starts
    starts["procedure"] = body[0]
    for i, u in enumerate(body):
        if u >= starts.get("reasoning", len(text)):
            break
        head = text[u : min(u + 60, end_of_sentence(text, u))]
        if (
            i > 0
            and "claims" not in starts
            and "facts" not in starts
            and _CLAIMS.search(head)
            and not _FACTS.match(text, u)
        ):
            starts["claims"] = u
        if "facts" not in starts and (
            _FACTS.match(text, u) or _FACTS_LEAD.search(text, u, end_of_sentence(text, u))
        ):
            starts["facts"] = u
    return starts


def ordered_sections(text: str, starts: dict[str, int]) -> list[Section]:
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
        while end > pos and text[end - 1] in WS:
            end -= 1
        if end > pos:
            out.append(Section(kind, pos, end))
    return out
