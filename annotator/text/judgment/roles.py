"""The roles a judgment names people by (parties, their representatives, judges and clerks) and the
shape of a party entry (原告：张三，…), shared by the header, the party block, the signatures and the cause."""

from __future__ import annotations

import re

PARTY_ROLES = (
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
REPRESENTATIVE_ROLES = (
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


def alternation(words) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


ROLE_ALT = alternation(PARTY_ROLES + REPRESENTATIVE_ROLES)
# 二被上诉人共同委托诉讼代理人: representatives shared by several parties.
_SHARED = rf"(?:[二三四五六七八九十两]?(?:{alternation(PARTY_ROLES)})(?:共同)?)"
ENTRY = re.compile(
    rf"(?P<role>{_SHARED}?(?:{ROLE_ALT}))(?:\s*[（(](?P<paren>[^（()）]{{1,24}})[）)])?\s*(?P<colon>[：:，,])?\s*"
    r"(?P<name>(?:&[a-zA-Z]{2,8};|&#[0-9]{2,6};|[^，,。；;：:（(\s]){1,80})"
)  # HTML entities as delivered

# Who signs the closing (signatures.py).
JUDGE_ROLES = ("审判长", "代理审判员", "审判员", "人民陪审员", "陪审员", "执行员")
CLERK_ROLES = ("代理书记员", "书记员", "法官助理")
