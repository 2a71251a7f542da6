"""The closing of a judgment: the judges' and the clerk's signatures and the date, read with spaces
removed so that a one-line judgment reads the same as one with a line per signature."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from annotator.text.judgment.layout import Flat
from annotator.text.judgment.roles import CLERK_ROLES, JUDGE_ROLES, alternation
from annotator.text.numerals import AR_DATE, CN_DATE, parse_date

_SIG_NAME = r"[\u4e00-\u9fff\U00020000-\U0003134F·×＊*某]"
_DATE_AHEAD = r"(?:[〇○零一二三四五六七八九OＯ]{4}年|(?:19|20)\d\d年)"
# What may follow the last signature on the same line once the lines are joined: 附：相关法律条文, 本件与原本核对无异.
_TRAILER = r"附[：:件录注]|附相关|附本|附法律|附适用|本件|本案|注[：:]|提示[：:]"
_SIGNATURE = re.compile(rf"(?P<role>{alternation(JUDGE_ROLES + CLERK_ROLES)})(?P<name>{_SIG_NAME}{{1,5}})")
# Where a signer's name ends when no space follows it (one-line judgments).
_NAME_STOP = re.compile(rf"{alternation(JUDGE_ROLES + CLERK_ROLES)}|{_DATE_AHEAD}|{_TRAILER}")


@dataclass
class Closing:
    start: int | None = None
    judges: list[tuple[str, str]] = field(default_factory=list)
    clerk: str = ""
    date: str = ""


def read_closing(text: str, search_from: int) -> Closing:
    """The signatures (审判长 …, 审 判 员 …, the date, 书记员 …) after the decision, read with spaces
    removed, so that a one-line judgment's 审判长张三审判员李四二〇一九年…书记员王五 reads the same."""
    flat = Flat.of(text, search_from)
    out = Closing()
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
        if m["role"] in CLERK_ROLES:
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


def _opens_signatures(flat: Flat, m: re.Match) -> bool:
    """A signature role opens the closing when a name, then another signature or a date, follows."""
    after = m.start("name") + len(_signature_name(flat, m))
    return bool(_SIGNATURE.match(flat.text, after) or _date_at(flat, after)) or after >= len(flat.text)


def _signature_name(flat: Flat, m: re.Match) -> str:
    """The signer's name, cut where the original text had a space after it (书记员 王五 附：…)."""
    name = m["name"]
    start = m.start("name")
    spaced = flat.gap_before(start + 1)  # 王　树: spaces between the characters of one name
    for i in range(1, len(name)):
        if (flat.gap_before(start + i) and not spaced) or _NAME_STOP.match(flat.text, start + i):
            return name[:i]
    return name


def _date_at(flat: Flat, pos: int) -> tuple[str, int] | None:
    m = CN_DATE.match(flat.text, pos) or AR_DATE.match(flat.text, pos)
    if not m:
        return None
    date = parse_date(m.group())
    return (date, m.end()) if date else None
