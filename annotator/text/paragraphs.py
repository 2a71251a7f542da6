"""Paragraph breaks for judgments that arrive as one line, or with paragraphs separated by spaces.

Public datasets deliver many judgments with the whole text on one line, or with a space where each
paragraph ended. `paragraph_step` finds where the paragraphs were and returns a recorded
normalisation step (`annotator.core.textmap.Step`) that puts a line break there; the court's
characters stay as they are:

- a space that separates two paragraphs is replaced by the line break, one for one, so offsets do
  not move at all (several spaces: the first one is replaced);
- where paragraphs were run together with nothing between them, a line break is inserted;
- full-width indentation (　　) stays at the start of its paragraph.

A paragraph starts after the court's name, the document type and the case number at the head; after
sentence-final punctuation when what follows opens a paragraph in judgments (a party's role in the
party block, 本院认为, 经审理查明, …诉称/辩称, 判决如下：, list items 一、 （一）, 如不服本判决, 附：, the
signature block); before the judges, the clerk and the date of the signature block; and, in the
space-separated layout, at every space that follows sentence-final punctuation.

Only lines of at least `LONG_LINE` characters, in a text with few line breaks for its length, are
touched: a judgment delivered one paragraph per line is left exactly as it came.
"""

from __future__ import annotations

import re

from annotator.core.textmap import Edit, Step

LONG_LINE = 300
# A text with more line breaks than one per this many characters already has its paragraphs.
_CHARS_PER_BREAK = 1500
_FINAL = "。！？；："
_SPACE_RUN = re.compile("[ \u00a0\u3000]+")


def _spaced(*words: str) -> str:
    """An alternation of `words` that also matches them written with spaces between the characters
    (民 事 判 决 书, 审　判　长), as court websites print titles and signatures."""
    return "(?:" + "|".join(r"[ \u3000]*".join(map(re.escape, w)) for w in words) + ")"


_DOC_TYPE = (
    _spaced("民事", "刑事附带民事", "刑事", "行政", "执行", "国家赔偿", "赔偿")
    + r"?[ \u3000]*"
    + _spaced("判决书", "裁定书", "调解书", "决定书", "支付令", "通知书")
)
_PAGE_DATE = re.compile(r"发布日期[：:]")
_PAGE_VIEWS = re.compile(r"浏览[：:]?\s*\d+\s*次")
_HEADER = re.compile(
    r"(?P<court>(?:中华人民共和国)?[\u4e00-\u9fff]{2,40}?(?:人民法院|法院))[ \u3000]*"
    rf"(?P<type>{_DOC_TYPE})[ \u3000]*"
    r"(?P<case>[（(〔\[]\s*(?:19|20)\d{2}\s*[）)〕\]][^，。；\s]{1,30}?号(?:之[一二三四五六七八九十])?)?"
)
_ROLE = (
    r"(?:公诉机关|附带民事诉讼原告人|附带民事诉讼被告人|被上诉人|上诉人|原审被告人|原审原告|原审被告|"
    r"原审第三人|第三人|再审申请人|被申请人|申请执行人|被执行人|申请人|被告人|被告|原告|罪犯|"
    r"指定辩护人|辩护人|委托诉讼代理人|委托代理人|诉讼代理人|法定代表人|法定代理人|诉讼代表人|负责人|"
    r"代表人|[一二三]?[原被]?上诉人共同委托|二?被上诉人共同委托)"
)
_STAFF = _spaced(
    "审判长", "代理审判员", "审判员", "人民陪审员", "代理书记员", "代书记员", "书记员", "法官助理"
)
_CN_DATE = (
    r"(?:[二一][〇零○Ｏ0一二三四五六七八九]{3}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十×]{1,3}日)"
)
# What opens a paragraph after sentence-final punctuation, anywhere in the text.
_OPENS = re.compile(
    r"(?:本院(?:经审查|经审理)?认为|经审查[，,]?本院认为|(?:经本院|本院经)?审理(?:查明|认定)|本院查明|经审查查明|"
    r"经查明|另查明|上述事实|上记事实|以上事实|综上|据此|经审理(?:查明|认定)|经审理[，,]本院认定|"
    r"(?:一审|原审|二审)(?:法院)?(?:经审理|经审查)?(?:查明|认为|认定|审理查明)|"
    r"[^。；，：\s]{1,40}?(?:诉称|辩称|述称|上诉称|申请称|请求称|指控(?!的)|提出上诉|申请再审|提起上诉|"
    r"提起公诉|上诉请求|起诉请求|诉讼请求[：:]|答辩称|未作答辩|未答辩|不服)|"
    r"(?:判决|裁定|调解协议)如下|如不服本|如果未按|如未按|本判决为终审判决|本裁定为终审裁定|本判决书|本裁定书|"
    r"本裁定送达后|本裁定立即|本裁定一经|本件与原本核对无异|（此页无正文）|"
    r"(?:[一二]审|本案)?案件(?:受理|申请)费|申请费|"
    r"附[：:]|附(?:本判决|本裁定)?(?:适用的)?(?:相关)?法律条文|"
    r"[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]|"
    rf"{_STAFF}|{_CN_DATE})"
)
_ITEM = re.compile(r"[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]")
_PARTY = re.compile(_ROLE)
# Where the party block ends: from here on a role opens no paragraph (被告人 starts many sentences).
_PARTIES_END = re.compile(
    r"一案|提起公诉|提起上诉|向本院(?:提起|申请|起诉)|本院(?:于[^。]{0,16})?(?:受理|立案)"
)
# In the signature block the judges, the clerk and the date follow each other without punctuation.
_CLOSING = re.compile(rf"{_STAFF}|{_CN_DATE}|本案适用的|附(?:本判决|本裁定)?(?:适用的)?(?:相关)?法律|附[：:]")
_STAFF_RE = re.compile(_STAFF)
_DECIDE = re.compile(r"(?:判决|裁定|调解协议)如下[：:]|审理终结。")
_CLOSING_ZONE = 400
_SPACED_END = re.compile("[。；：][ \u3000]")


def paragraph_step(text: str) -> Step:
    """The step that puts paragraph breaks into the long one-line stretches of `text` (no edits when
    the text already has its paragraphs)."""
    if len(text) < LONG_LINE or text.count("\n") > len(text) / _CHARS_PER_BREAK:
        return Step("paragraphs", [])
    edits: list[Edit] = []
    pos = 0
    for line in text.split("\n"):
        if len(line) >= LONG_LINE:
            edits.extend(_breaks(line, pos))
        pos += len(line) + 1
    return Step("paragraphs", edits)


def _breaks(line: str, offset: int) -> list[Edit]:
    points, body = _head_breaks(line)
    # Paragraphs separated by spaces: then only the spaces (and the head) are breaks; sentences run
    # together inside a paragraph stay together.
    spaced = len(_SPACED_END.findall(line)) >= 3
    parties_end = m.start() if (m := _PARTIES_END.search(line, body)) else len(line)
    closing = max(line.rfind("。"), len(line) - _CLOSING_ZONE)
    points.update(i for i in range(1, len(line)) if _starts_paragraph(line, i, spaced, parties_end, closing))
    # A break next to separating spaces takes the first of them.
    points = {_first_space(line, p) for p in points} - {0, len(line)}
    edits = []
    for p in sorted(points):
        if line[p : p + 1] == " " or line[p : p + 1] == "\u00a0":
            edits.append(Edit(offset + p, offset + p + 1, line[p], "\n"))  # the space becomes the break
        else:
            edits.append(Edit(offset + p, offset + p, "", "\n"))
    return edits


def _head_breaks(line: str) -> tuple[set[int], int]:
    """Where paragraphs start in the head of the line (a crawled page's title, date and view count, the
    court, the document type, the case number), and where the body after the head begins."""
    points: set[int] = set()  # positions in `line` where a paragraph starts
    search_from = 0
    # a crawled page's title, then its date and view count, before the judgment's own head
    if (m := _PAGE_DATE.search(line, 0, 200)) and m.start() > 0:
        points.add(m.start())
    if m := _PAGE_VIEWS.search(line, 0, 300):
        points.add(m.end())
        search_from = m.end()
    head = _HEADER.search(line, search_from, search_from + 200)
    if head:
        for name in ("court", "type", "case"):
            if head.group(name):
                points.add(head.end(name))
        if head.start() > 0:  # a page title before the court's name
            points.add(head.start())
    return points, head.end() if head else search_from


def _starts_paragraph(line: str, i: int, spaced: bool, parties_end: int, closing: int) -> bool:
    """Whether a paragraph starts at `i` in the body of the line."""
    prev = line[i - 1]
    # skip the separating spaces: the paragraph starts after them
    if prev in " \u00a0\u3000":
        return False
    run = _SPACE_RUN.match(line, i)
    after = run.end() if run else i
    if after >= len(line) or (spaced and not run):
        return False
    if prev in _FINAL:
        if prev in "：:" and _ITEM.match(line, after):
            return False  # 判决如下：一、… keeps its first item on the line, as courts print it
        return bool(run or _opens(line, after, parties_end) or _DECIDE.search(line, max(0, i - 8), i))
    if run and _opens(line, after, parties_end):
        return True
    return bool(
        (after > closing or _STAFF_RE.search(line, max(0, after - 30), after))
        and _CLOSING.match(line, after)
        and line[max(0, after - 2) : after] != "代理"
        and line[after - 1 : after] != "代"
    )


def _opens(line: str, at: int, parties_end: int) -> bool:
    """A paragraph's opening words at `at` (本院认为, 原告…诉称, …), or a party named before the parties end."""
    return bool(_OPENS.match(line, at) or (at < parties_end and _PARTY.match(line, at)))


def _first_space(line: str, p: int) -> int:
    while p > 0 and line[p - 1] in " \u00a0":
        p -= 1
    return p
