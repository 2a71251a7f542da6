"""The block of party entries after the header: one entry per party and representative, from its
role to the end of its sentence, found wherever the layout put the entries."""

from __future__ import annotations

import re

from annotator.text.judgment.header import CASE_NUMBER
from annotator.text.judgment.layout import WS, end_of_sentence
from annotator.text.judgment.records import Party
from annotator.text.judgment.roles import ENTRY, PARTY_ROLES, REPRESENTATIVE_ROLES, ROLE_ALT, alternation
from annotator.text.judgment.sections import is_section_start

_ORIGINAL_ROLE = re.compile(r"^(?:原审|一审|二审|再审|原|反诉|一审、二审)")
# A role word inside a name marks where the next entry begins (原告：李茂华委托代理人：叶根贵 on one line).
_NEXT_ROLE = re.compile(
    rf"(?:{alternation(PARTY_ROLES + ('委托诉讼代理人', '委托代理人', '法定代表人', '辩护人'))})"
)
# What shows that a sentence beginning with a role tells the procedure, not who the party is.
_PROCEDURE_MARK = re.compile(
    r"一案|[纠纷争议罪]案|向本院|本院(?:受理|立案|于\d|依法|审理|提起)|起诉书|提起(?:公诉|上诉|诉讼|自诉|再审)|"
    r"不服|诉至|诉称|辩称|述称|申请(?:执行|强制执行|再审|撤诉|撤回|支付令|诉前|财产|保全|减刑|假释)|"
    r"提出(?:减刑|假释|申请|诉讼)|作出|起诉|于\d{4}年\d{1,2}月\d{1,2}日(?:向|以|在)"
)
_ENTRY_INSIDE = re.compile(
    rf"[ \t\u3000\xa0]+|(?<=[0-9０-９号室楼栋组）)])(?=(?:{alternation(PARTY_ROLES)}))"
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
    m = ENTRY.match(text, pos, limit)
    if not m:
        return None
    role, original = _role_parts(m)
    name = m["name"]
    cut = _NEXT_ROLE.search(name, 1)
    next_at = None
    if cut:  # the name runs into the next entry's role
        name = name[: cut.start()]
        next_at = m.start("name") + cut.start()
    if m["colon"] in ("，", ",") and role not in REPRESENTATIVE_ROLES:
        return None
    names = _names(name)
    if not names or name.endswith(_CONNECTIVES):
        return None
    end = next_at if next_at is not None else _entry_end(text, m.end(), limit)
    # A sentence that begins with a role but tells the procedure (原告张某与被告李某…纠纷一案，…) ends the
    # block; where the name runs into the next role, only a colon after that role says it is an entry.
    sentence_end = end if next_at is None else end_of_sentence(text, next_at, limit)
    if _PROCEDURE_MARK.search(text, m.start("name"), sentence_end) and (
        next_at is None or not re.match(rf"(?:{ROLE_ALT})[：:]", text[next_at : next_at + 12])
    ):
        return None
    parties = [
        Party(
            role=role,
            name=n,
            start=m.start(),
            end=end,
            original_role=original,
            representative=role.endswith(REPRESENTATIVE_ROLES),
        )
        for n in names
    ]
    return parties, end


def _entry_end(text: str, pos: int, limit: int) -> int:
    """Where an entry's sentence ends: after its 。, at a line break, before a role that follows a run
    of spaces (one paragraph per party, separated by spaces), or before a role right after an address
    whose line had no 。 (…督统府大街10号第三人隆化县财政局 when the lines were joined)."""
    end = end_of_sentence(text, pos, limit)
    for m in _ENTRY_INSIDE.finditer(text, pos, end):
        after = m.end()
        if ENTRY.match(text, after, limit) and not re.match(
            rf"(?:{ROLE_ALT})[，,]", text[after : after + 12]
        ):
            return m.start()
    return end


_CONTINUATION_MAX = 6  # sentences after a party's entry that still describe that party


def find_parties(text: str, start: int) -> tuple[list[Party], tuple[int, int] | None]:
    """The block of party entries right after the header, and its span."""
    limit = min(len(text), start + 20000)
    parties: list[Party] = []
    span_start = span_end = None
    pos = start
    skipped = continuation = 0
    while pos < limit:
        while pos < limit and text[pos] in WS:
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
        end = end_of_sentence(text, pos, limit)
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
                or is_section_start(text, pos)
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
