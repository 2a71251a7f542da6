"""The cause of action (案由) a judgment names: the charge in a criminal case, the 纠纷 or 争议 of a civil
or administrative one, preferring the names of the official lists."""

from __future__ import annotations

import re

from annotator.text import legal_lists
from annotator.text.judgment.roles import PARTY_ROLES

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
    for role in sorted(PARTY_ROLES, key=len, reverse=True):
        if run.startswith(role):
            run = run[len(role) :]
    return run


def find_cause(text: str, kind: str, names: list[str], window_end: int) -> str:
    window = text[:window_end]
    if kind.startswith("刑事"):
        return _criminal_cause(window)
    return _civil_cause(window, names) or (_known_cause(window, kind) if kind in ("民事", "行政") else "")
