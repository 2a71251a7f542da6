"""Statute citations in a judgment, normalised to (statute, article, paragraph, item).

A citation is a statute's name followed by one or more article references:
- the name in 《》 (also nested: 《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》, or with the inner
  title in 《》 and the outer one bare), or bare (依照刑法第…), or a reference back (本法, 该法, 同法, 该解释,
  前述司法解释), or a short name the text defines (（以下简称《若干解释》）);
- articles alone or in lists: 第二条、第十二条 / 第二十五、二十六、二十七条 / 第二百五十三条之一, each with its
  款 and 项 (第一款第（二）项), a 款 or 项 alone continuing the list (…第一款、第二款、第（三）项), and 该条/本条/
  前款 referring to the last article.
Names are normalised against the list of law titles (annotator.text.legal_lists): no 《》〈〉, no
中华人民共和国, and a bare name is cut where the longest title the list knows begins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from annotator.text import legal_lists
from annotator.text.numerals import NUMERAL, chinese_number


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


_NUM = f"{NUMERAL}{{1,8}}"
_SEP_NUM = r"\s*[、，,和及]\s*第?\s*"
# 第二十五、二十六、二十七条之一; a stray 条 before 零 (第一百条零一条) is a typo for one number.
_ARTICLE = re.compile(
    rf"第\s*(?P<nums>{_NUM}(?:条(?=零){_NUM})?(?:{_SEP_NUM}{_NUM})*)\s*条(?:之(?P<sub>{NUMERAL}{{1,3}}))?"
    rf"|第\s*(?P<bare>{_NUM})(?=之?(?:的)?规定)"
)
_PARAGRAPH = re.compile(rf"第\s*(?P<nums>{_NUM}(?:{_SEP_NUM}{_NUM})*)\s*款")
_ITEM = re.compile(rf"第\s*[（(]?\s*(?P<nums>{_NUM})\s*[）)]?(?:{_SEP_NUM}[（(]?{_NUM}[）)]?)*\s*项")
_LIST_SEP = re.compile(r"\s*(?:、|，|,|；|和|及|以及|与|或者|或|并|、以及)\s*")
_SPLIT_NUMS = re.compile(_SEP_NUM + "|条")
_ANGLES = str.maketrans({"<": "〈", ">": "〉", "＜": "〈", "＞": "〉", "﹤": "〈", "﹥": "〉"})
# 最高人民法院关于适用的解释: a title whose statute was lost (stripped as markup) names nothing.
_BROKEN_TITLE = re.compile(r"关于(?:适用|执行)\s*(?:的|若干|$)")

_NAME_END = "法|法典|条例|规定|解释|办法|决定|规则|意见|通知|细则|批复|纪要|章程|准则|规程|标准"
_BARE_NAME = re.compile(
    rf"[\u4e00-\u9fff〈〉（）()]{{2,60}}?(?:{_NAME_END})(?:[（(][一二三四五六七八九十]{{1,3}}[）)])?(?=\s*第)"
)
_REFS = (
    "前述司法解释",
    "上述司法解释",
    "该司法解释",
    "前述法律",
    "上述法律",
    "前述规定",
    "该解释",
    "本解释",
    "该条例",
    "本条例",
    "该规定",
    "本规定",
    "该办法",
    "本办法",
    "本法",
    "该法",
    "同法",
    "此法",
)
_REF = re.compile("(?P<ref>" + "|".join(_REFS) + r")(?=\s*第)")
_SAME_ARTICLE = re.compile(r"(?:该条|本条|同条|前条|前款|该款|本款)(?=\s*第)")
# 《行政诉讼法》第二十五条规定，“……”。第四十九条规定，“……”: a sentence that opens with an article and
# says what it provides goes on citing the statute of the sentence before.
_CONTINUED = re.compile(rf"(?:[。；;]|[”\"]。?)\s*(?P<at>第\s*{_NUM}\s*条)(?=[^。，]{{0,16}}规定)")
_CONTINUED_GAP = 400
_DEFINED = re.compile(
    r"\s*[（(]\s*(?:以下|下)简称\s*[《〈]?(?P<alias>[^《》〈〉）)，,。]{2,30})[》〉]?\s*[）)]"
)
_INTERPRETATION_HEAD = re.compile(r"(?:最高人民法院|最高人民检察院)[\u4e00-\u9fff、]{0,40}$")
_INTERPRETATION_TAIL = re.compile(
    rf"[\u4e00-\u9fff]{{0,30}}?(?:{_NAME_END})(?:[（(][一二三四五六七八九十]{{1,3}}[）)])?"
)
# Words that run into a statute's name when it is written without 《》 (依照消费者权益保护法第…): when the
# list of titles does not know the name, it starts after the last of them.
_LEAD = (
    "依照",
    "依据",
    "根据",
    "按照",
    "参照",
    "违反",
    "属于",
    "适用",
    "符合",
    "构成",
    "援引",
    "引用",
    "对照",
    "规定",
    "关于",
    "结合",
    "以及",
    "认为",
    "本院",
    "系",
    "即",
    "亦",
    "也",
    "了",
    "的",
    "于",
    "对",
    "是",
    "为",
    "在",
    "并",
    "而",
    "但",
    "或",
    "及",
    "与",
    "和",
    "按",
    "依",
    "据",
    "犯",
    "从",
)


# Abbreviations courts use for the procedure laws and their interpretations (not in the list of titles).
ABBREVIATIONS = {
    "民诉法": "民事诉讼法",
    "刑诉法": "刑事诉讼法",
    "行诉法": "行政诉讼法",
    "民诉法解释": "最高人民法院关于适用民事诉讼法的解释",
    "民事诉讼法解释": "最高人民法院关于适用民事诉讼法的解释",
    "刑诉法解释": "最高人民法院关于适用刑事诉讼法的解释",
    "刑事诉讼法解释": "最高人民法院关于适用刑事诉讼法的解释",
    "行诉法解释": "最高人民法院关于适用行政诉讼法的解释",
    "行政诉讼法解释": "最高人民法院关于适用行政诉讼法的解释",
}
_REVISION = re.compile(r"\s*[（(](?:\d{4}年)?[^（()）]{0,12}(?:修正|修订|修正案|施行)[）)]$")


def normalise_statute(name: str) -> str:
    """《中华人民共和国刑法》 -> 刑法; 最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释 ->
    最高人民法院关于适用民事诉讼法的解释; a name the list of titles knows -> its short name."""
    bare = name.strip().translate(_ANGLES).strip("《》")
    short = legal_lists.short_statute_name(_REVISION.sub("", bare))
    known = legal_lists.statute_short_name(short) or ABBREVIATIONS.get(short)
    if known:
        return known
    # 关于适用民事诉讼法解释 for 关于适用民事诉讼法的解释: the title the list knows.
    for variant in (re.sub(r"(?<!的)(解释|规定)$", r"的\1", short),):
        known = legal_lists.statute_short_name(variant)
        if known:
            return known
    return short


def _known(name: str) -> bool:
    short = legal_lists.short_statute_name(name)
    return legal_lists.statute_short_name(short) is not None or short in ABBREVIATIONS


def _longest_known_suffix(run: str) -> int:
    """Length of the longest tail of `run` that names a known statute (0 if none)."""
    for i in range(len(run) - 1):
        if _known(run[i:]):
            return len(run) - i
    return 0


def _titles(text: str) -> list[tuple[int, int, str]]:
    """Every title in 《》, nesting allowed: (start, end, name inside the outer brackets)."""
    out, depth, start = [], 0, -1
    for i, ch in enumerate(text):
        if ch == "《":
            if depth == 0:
                start = i
            depth += 1
        elif ch == "》" and depth:
            depth -= 1
            if depth == 0:
                name = text[start + 1 : i]
                if 2 <= len(name) <= 120 and "\n" not in name:
                    out.append((start, i + 1, name))
        elif ch == "\n":
            depth = 0
    return out


def _bare_statute(run: str) -> tuple[int, str]:
    """Where in a run of characters ending in 法/条例/… the statute's name starts, and the name."""
    for ref in _REFS:
        if run.endswith(ref):
            return len(run) - len(ref), "ref:" + ref
    known = _longest_known_suffix(run)
    if known:
        return len(run) - known, "name:" + run[len(run) - known :]
    i = run.rfind("中华人民共和国")
    if i >= 0:
        return i, "name:" + run[i:]
    cut = 0
    for word in _LEAD:
        j = run.rfind(word, 0, len(run) - 2)
        if j >= 0:
            cut = max(cut, j + len(word))
    return cut, "name:" + run[cut:]


def _aliases(text: str, titles: list[tuple[int, int, str]]) -> dict[str, str]:
    """Short names the text defines: 《…条例》（以下简称《条例》） -> {条例: …条例}."""
    out = {}
    for _start, end, name in titles:
        defined = _DEFINED.match(text, end)
        if defined:
            out[defined["alias"]] = name
    return out


def _title_anchor(text: str, start: int, end: int, name: str) -> tuple[int, int, str] | None:
    """The anchor of one title in 《》, with the issuer before it, an outer title written bare around it,
    or a definition after it taken in."""
    if _BROKEN_TITLE.search(name.translate(_ANGLES).replace("〈", "").replace("〉", "")):
        return None
    # 最高人民法院《关于审理……的规定》: the issuer stands before the title.
    issuer = re.search(r"(最高人民法院|最高人民检察院)\s*$", text[max(0, start - 12) : start])
    if issuer and name.startswith("关于"):
        name = issuer[1] + name
        start -= len(issuer.group())
    # 最高人民法院关于适用《中华人民共和国民事诉讼法》的解释第九十条: the outer title is bare.
    head = _INTERPRETATION_HEAD.search(text, max(0, start - 40), start)
    tail = _INTERPRETATION_TAIL.match(text, end) if head else None
    if head and tail and re.match(r"\s*第", text[tail.end() : tail.end() + 3]):
        return head.start(), tail.end(), "name:" + text[head.start() : tail.end()]
    defined = _DEFINED.match(text, end)
    if defined:  # 《…》（以下简称《若干解释》）第四条: the articles follow the definition
        end = defined.end()
    return start, end, "name:" + name


def _named_anchors(text: str) -> list[tuple[int, int, str]]:
    """Statutes named in 《》, by a short name the text defines, or bare (依照刑法第…)."""
    anchors: list[tuple[int, int, str]] = []
    titles = _titles(text)
    aliases = _aliases(text, titles)
    for start, end, name in titles:
        anchor = _title_anchor(
            text, start, end, aliases.get(name, name)
        )  # 《条例》 after （以下简称《条例》）
        if anchor:
            anchors.append(anchor)
    for alias, name in aliases.items():
        for m in re.finditer(rf"《?{re.escape(alias)}》?(?=\s*第)", text):
            if not _inside(m.start(), anchors):
                anchors.append((m.start(), m.end(), "name:" + name))
    for m in _BARE_NAME.finditer(text):
        if not (_inside(m.start(), anchors) or _inside(m.end() - 1, anchors)):
            offset, what = _bare_statute(m.group())
            anchors.append((m.start() + offset, m.end(), what))
    return anchors


def _inside(pos: int, anchors: list[tuple[int, int, str]]) -> bool:
    return any(a <= pos < b for a, b, _ in anchors)


def _anchors(text: str) -> list[tuple[int, int, str]]:
    """Where statutes are named or referred to: (start, end of the name, "name:…" / "ref:…" / "article"
    / "continued")."""
    anchors = _named_anchors(text)
    anchors += [
        (m.start(), m.end(), "ref:" + m["ref"])
        for m in _REF.finditer(text)
        if not _inside(m.start(), anchors)
    ]
    anchors += [(m.start(), m.end(), "article") for m in _SAME_ARTICLE.finditer(text)]
    anchors += [(m.start("at"), m.start("at"), "continued") for m in _CONTINUED.finditer(text)]
    anchors.sort()
    return anchors


def _numbers(nums: str) -> list[int]:
    out = []
    for piece in _SPLIT_NUMS.split(nums):
        n = chinese_number(piece)
        if n is not None:
            out.append(n)
    if "条" in nums and len(out) == 2:  # 第一百条零一条
        return [out[0] + out[1]]
    return out


@dataclass
class _Cursor:
    """What a list of article references refers to as it is read."""

    statute: str
    article: int | None = None
    suffix: int | None = None
    paragraph: int | None = None


def _read_refs(text: str, pos: int, cur: _Cursor, start: int, out: list[Citation]) -> int:
    """Read 第…条第…款第…项, 、 …, from pos; append the citations; return where the list ends."""
    first = start
    while True:
        m = _ARTICLE.match(text, pos)
        if m:
            end = _read_article(text, m, cur, first, out)
        elif cur.article is not None:
            end = _read_paragraphs_alone(text, pos, cur, first, out)
        else:
            end = None
        if end is None:
            return pos
        pos = end
        sep = _LIST_SEP.match(text, pos)
        if not sep or not text.startswith("第", sep.end()):
            return pos
        first = pos = sep.end()


def _read_article(text: str, m: re.Match, cur: _Cursor, first: int, out: list[Citation]) -> int | None:
    """第二十五、二十六条 / 第七十三条第二、第三款第（一）项: one citation per article and 款."""
    numbers = [
        n for n in (_numbers(m["nums"]) if m["nums"] else [chinese_number(m["bare"])]) if n is not None
    ]
    if not numbers:
        return None
    suffix = chinese_number(m["sub"]) if m["sub"] else None
    out.extend(Citation(cur.statute, n, None, None, first, m.end()) for n in numbers[:-1])
    cur.article, cur.suffix, cur.paragraph = numbers[-1], suffix, None
    pos, paragraphs, item = _read_paragraphs(text, m.end())
    for p in paragraphs or [None]:
        out.append(
            Citation(
                cur.statute,
                cur.article,
                p,
                item if p == (paragraphs or [None])[-1] else None,
                first,
                pos,
                suffix,
            )
        )
    cur.paragraph = paragraphs[-1] if paragraphs else None
    return pos


def _read_paragraphs_alone(text: str, pos: int, cur: _Cursor, first: int, out: list[Citation]) -> int | None:
    """…、第二款 / …、第（三）项 continuing the last article; an item alone adds nothing to count."""
    end, paragraphs, item = _read_paragraphs(text, pos)
    if end == pos:
        return None
    out.extend(Citation(cur.statute, cur.article, p, item, first, end, cur.suffix) for p in paragraphs)
    if paragraphs:
        cur.paragraph = paragraphs[-1]
    return end


def _read_paragraphs(text: str, pos: int) -> tuple[int, list[int], int | None]:
    """第一款、第二款第（三）项 right at pos: (end, [paragraphs], item)."""
    paragraphs: list[int] = []
    item = None
    m = _PARAGRAPH.match(text, pos)
    if m:
        paragraphs = _numbers(m["nums"])
        pos = m.end()
    m = _ITEM.match(text, pos)
    if m:
        item = chinese_number(m["nums"])
        pos = m.end()
    return pos, paragraphs, item


@dataclass
class _Context:
    """What references back (本法, 该解释, 该条, a following 第X条规定) resolve to while reading."""

    statute: str = ""
    interpretation: str = ""
    previous: _Cursor | None = None


def _resolve(what: str, start: int, ctx: _Context, out: list[Citation]) -> str:
    """The statute an anchor names or refers to, "" if none."""
    if what == "continued":
        if not out or start - out[-1].end > _CONTINUED_GAP or any(c.start <= start < c.end for c in out[-3:]):
            return ""
        return out[-1].statute
    if what.startswith("name:"):
        return normalise_statute(what[5:])
    return ctx.interpretation if "解释" in what else ctx.statute


def find_citations(text: str) -> list[Citation]:
    """Statute citations normalised to (statute, article, paragraph, item), in text order."""
    out: list[Citation] = []
    ctx = _Context()
    for start, end, what in _anchors(text):
        pos = end
        while pos < len(text) and text[pos].isspace():  # 附：《刑法》⏎第三百一十二条…, whatever the layout
            pos += 1
        if what == "article":  # 该条第三款: the last article read
            prev = ctx.previous
            if prev is not None and prev.article is not None:
                ctx.previous = _Cursor(prev.statute, prev.article, prev.suffix, prev.paragraph)
                _read_refs(text, pos, ctx.previous, start, out)
            continue
        statute = _resolve(what, start, ctx, out)
        if not statute:
            continue
        # A name mentioned without an article still becomes what 该法 refers to.
        ctx.statute = statute
        if "解释" in statute:
            ctx.interpretation = statute
        cur = _Cursor(statute)
        _read_refs(text, pos, cur, start, out)
        if cur.article is not None:
            ctx.previous = cur
    return out
