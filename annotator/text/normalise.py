"""The text as delivered, and the recorded normalisations that may follow it.

Annotations point into the stored text by offset, and annotation files made by other programs point
into the file as delivered. So import keeps the text exactly as the file holds it after decoding,
with one change only: CR LF and lone CR become LF (every program we exchange with counts a line break
as one character). Everything else that changes the text — removing control characters, joining
stray line breaks (`reflow`), putting paragraph breaks into a one-line judgment
(`annotator.text.paragraphs`) — is a separate step with its own edits, recorded with the document as
a `TextMap` (`annotator.core.textmap`), so that offsets over the delivered text can be carried to the
stored text and back, and the step can be undone.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field

from annotator.core.textmap import Edit, Step, TextMap

# C0 controls except TAB and LF, DEL, and the C1 controls. C1 characters in a decoded Chinese text are
# always debris from a wrong decoding; they are invisible and break search.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Other line and page separators become plain newlines rather than vanish, so words on either side of
# them stay apart. Form feeds separate pages in text exported from PDFs.
_SEPARATORS = re.compile("[\x0b\x0c\x85\u2028\u2029]")
_NEWLINES = re.compile("\r\n?")
_SURROGATES = re.compile("[\ud800-\udfff]")


def deliver(text: str) -> tuple[str, list[str]]:
    """The text as delivered: what decoding gave, with a leading byte-order mark removed, CR LF and
    CR made LF, and lone surrogates (which cannot be stored) replaced by U+FFFD one for one, with a
    warning. Nothing else changes: not spaces, not blank lines, not Unicode normalisation."""
    warnings: list[str] = []
    if text.startswith("\ufeff"):
        text = text[1:]
    text, surrogates = _SURROGATES.subn("\ufffd", text)
    if surrogates:
        warnings.append(f"{surrogates} invalid character(s) (lone surrogates) were replaced by U+FFFD.")
    return _NEWLINES.sub("\n", text), warnings


def controls_step(text: str) -> Step:
    """Control characters removed (all C0 but TAB and LF, DEL, C1), other line and page separators
    (VT, FF, NEL, U+2028, U+2029) made LF."""
    edits = []
    for m in re.finditer(f"{_CONTROLS.pattern}|{_SEPARATORS.pattern}", text):
        ch = m.group()
        edits.append(Edit(m.start(), m.end(), ch, "\n" if _SEPARATORS.fullmatch(ch) else ""))
    return Step("controls", edits)


def normalise(text: str) -> str:
    """`text` as delivered and with control characters removed: what is stored without the optional
    layout steps."""
    delivered, _ = deliver(text)
    return controls_step(delivered).apply(delivered)


def normalise_with_warnings(text: str) -> tuple[str, list[str]]:
    delivered, warnings = deliver(text)
    return controls_step(delivered).apply(delivered), warnings


@dataclass
class Prepared:
    """A delivered text made ready to store: the stored text and the map from the delivered one."""

    delivered: str
    text: str
    map: TextMap
    joins: list[tuple[int, str, str]] = field(default_factory=list)  # reflow_preview of the joins made
    skipped_joins: list[tuple[int, str, str]] = field(default_factory=list)  # offered, not made
    breaks: int = 0  # paragraph breaks put into long lines
    warnings: list[str] = field(default_factory=list)


def prepare(
    delivered: str, *, reflow: bool = True, paragraphs: bool = True, skip_joins: Collection[int] = ()
) -> Prepared:
    """Apply the recorded steps to a delivered text: control characters, then (by default) stray
    line breaks joined where the evidence is clear (`skip_joins`: offsets of joins, as
    `reflow_preview` of the cleaned text gives them, that the user chose to keep), then paragraph
    breaks in one-line judgments."""
    from annotator.text.paragraphs import paragraph_step

    steps = [controls_step(delivered)]
    text = steps[0].apply(delivered)
    warnings = []
    if steps[0].edits:
        warnings.append(f"{len(steps[0].edits)} control character(s) were removed or made line breaks.")
    offered = reflow_preview(text)
    joins, skipped = [], []
    if reflow and offered:
        keep = set(skip_joins)
        edits = [Edit(s, e, text[s:e], r) for s, e, r in _find_joins(text) if s not in keep]
        joins = [j for j in offered if j[0] not in keep]
        skipped = [j for j in offered if j[0] in keep]
        step = Step("reflow", edits)
        text = step.apply(text)
        steps.append(step)
        if joins:
            warnings.append(f"{len(joins)} line break(s) inside sentences were joined.")
    else:
        skipped = offered
    breaks = 0
    if paragraphs:
        step = paragraph_step(text)
        breaks = len(step.edits)
        if breaks:
            text = step.apply(text)
            steps.append(step)
            warnings.append(f"{breaks} paragraph break(s) were put into a text that came as one line.")
    return Prepared(delivered, text, TextMap(steps), joins, skipped, breaks, warnings)


# --- reflow -------------------------------------------------------------------------------------------

# A line ending in one of these finishes a sentence, a clause introduced by a colon, a quotation or a
# bracketed heading such as （一）: the break after it is meant.
_FINAL = set("。！？；：…」』”’）)》〉】〕］]!?;:—.")
# Clause punctuation that shows a line is prose rather than a title. Not the colon: headings are often
# written "平台：拦截是为了守住买家信息" or "法院：先分清是谁的数据".
_PROSE_PUNCT = re.compile(r"[，、；。！？,;.!?]")
# Lines that start a heading or a list item, in Chinese documents and in Markdown.
_HEADING_START = re.compile(
    r"^(?:[#>*+\-◆◇■□●○◎★☆【〔\[]"
    r"|[一二三四五六七八九十百]+[、.．]"
    r"|[（(][一二三四五六七八九十百\d]+[）)]"
    r"|\d+[、.．)）]"
    r"|第[一二三四五六七八九十百千零〇\d]+[章节编部分条款项])"
)
# The next line is a label ("审判长：张三", "原告：…") when a colon comes in its first few characters.
_LABEL = re.compile(r"^[^，。：:]{1,10}[：:]")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_BREAK = re.compile(r"\n(?:[^\S\n]*\n)*")
# A line at least this long counts as prose even without punctuation.
_LONG_LINE = 40
# Characters of context on each side in `reflow_preview`.
_PREVIEW = 10


def reflow(text: str) -> str:
    """Join lines that were broken in the middle of a sentence; keep real paragraph breaks.

    Texts copied from web pages and PDFs often break a sentence with a newline or a blank line
    (…原告对此应 / 当有权请求…). A line break, with any blank lines in it, is removed when all of these hold:

    - the line before it does not end with sentence-final, closing or heading punctuation
      (。！？；：… closing quotes and brackets, and their ASCII counterparts);
    - the line before it and the line after it both read as prose: each contains clause or sentence
      punctuation (，、；。！？ or their ASCII forms; a colon alone does not count, as in the heading
      "法院：先分清是谁的数据") or is at least 40 characters long. Titles and headings such as
      "本院认定的事实" have neither, so the breaks around them stay;
    - neither line starts like a heading or list item (一、 （一） 1. 第三章 # - ◆ 【…);
    - the line after it is not indented (indentation opens a paragraph) and is not a label
      such as "审判长：…";
    - the line after it starts with a CJK character, or with a lower-case letter after a line that ends in
      a letter, a digit or a comma (a broken English sentence).

    The break is removed without a trace between CJK text, and replaced by one space between two words
    of Latin script. The rule is deliberately cautious: a missed join costs the reader a glance, a wrong
    join merges a heading into a paragraph.
    """
    joins = _find_joins(text)
    if not joins:
        return text
    parts: list[str] = []
    last = 0
    for start, end, replacement in joins:
        parts.append(text[last:start])
        parts.append(replacement)
        last = end
    parts.append(text[last:])
    return "".join(parts)


def reflow_preview(text: str) -> list[tuple[int, str, str]]:
    """The joins `reflow` would make: (offset of the break in `text`, up to 10 characters before it,
    up to 10 characters after it), each side cut at the nearest other line break."""
    preview = []
    for start, end, _ in _find_joins(text):
        line_start = text.rfind("\n", 0, start) + 1
        before = text[max(line_start, start - _PREVIEW) : start]
        after = text[end : end + _PREVIEW].split("\n", 1)[0]
        preview.append((start, before, after))
    return preview


def count_joins(text: str) -> int:
    return len(_find_joins(text))


def _find_joins(text: str) -> list[tuple[int, int, str]]:
    """(start, end, replacement) for every line break that `reflow` removes, in text order."""
    joins = []
    for match in _BREAK.finditer(text):
        start, end = match.span()
        line_start = text.rfind("\n", 0, start) + 1
        next_end = text.find("\n", end)
        if next_end < 0:
            next_end = len(text)
        before = text[line_start:start].rstrip()
        after = text[end:next_end]
        replacement = _join(before, after)
        if replacement is not None:
            # Trailing spaces on the line before go too, so that the joined sentence has no gap.
            joins.append((line_start + len(before), end, replacement))
    return joins


def _join(before: str, after: str) -> str | None:
    """What replaces the break between these two lines, or None to keep it."""
    if not before or not after:
        return None
    last, first = before[-1], after[0]
    if last in _FINAL or first.isspace():
        return None
    if not (_reads_as_prose(before) and _reads_as_prose(after)):
        return None
    if _HEADING_START.match(before.lstrip()) or _HEADING_START.match(after) or _LABEL.match(after):
        return None
    if _CJK.match(first):
        return ""
    if first.islower() and first.isascii() and last.isascii() and (last.isalnum() or last == ","):
        return " "
    return None


def _reads_as_prose(line: str) -> bool:
    return len(line) >= _LONG_LINE or _PROSE_PUNCT.search(line) is not None
