"""Cleaning loaded text before it is stored, and the optional repair of broken lines.

Annotations point into the stored text by offset, so everything here happens once, at import, and never
to a text that already has annotations.
"""

from __future__ import annotations

import re
import unicodedata

# C0 controls except TAB and LF, DEL, and the C1 controls. C1 characters in a decoded Chinese text are
# always debris from a wrong decoding; they are invisible and break search.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Other line and page separators become plain newlines rather than vanish, so words on either side of
# them stay apart. Form feeds separate pages in text exported from PDFs.
_LINE_SEPARATORS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
_SURROGATES = re.compile("[\ud800-\udfff]")
_TRAILING_SPACE = re.compile(r"[^\S\n]+$", re.MULTILINE)
_MANY_NEWLINES = re.compile(r"\n{3,}")


def normalise(text: str) -> str:
    """The text as it will be stored. See `normalise_with_warnings` for the steps."""
    return normalise_with_warnings(text)[0]


def normalise_with_warnings(text: str) -> tuple[str, list[str]]:
    """Normalise `text` and say what was repaired.

    Steps, in order:
    - a leading byte-order mark (U+FEFF) is removed;
    - lone surrogates (which cannot be stored or encoded) become U+FFFD, with a warning;
    - CR LF, CR, VT, FF, NEL, U+2028 and U+2029 become LF;
    - other C0 controls (all but TAB and LF), DEL and the C1 controls are removed;
    - Unicode NFC (this also maps CJK compatibility ideographs to their unified forms);
    - whitespace at the end of each line is removed (leading indentation, e.g. full-width spaces, stays);
    - at most one blank line is kept between two lines (three or more newlines become two);
    - blank lines at the start and end of the text are removed.

    Full-width punctuation and full-width letters are left as they are: they are part of the source.
    """
    warnings: list[str] = []
    if text.startswith("\ufeff"):
        text = text[1:]
    text, surrogates = _SURROGATES.subn("\ufffd", text)
    if surrogates:
        warnings.append(f"{surrogates} invalid character(s) (lone surrogates) were replaced by U+FFFD.")
    text = _LINE_SEPARATORS.sub("\n", text)
    text = _CONTROLS.sub("", text)
    text = unicodedata.normalize("NFC", text)
    text = _TRAILING_SPACE.sub("", text)
    text = _MANY_NEWLINES.sub("\n\n", text)
    return text.strip("\n"), warnings


# --- reflow -------------------------------------------------------------------------------------------

# A line ending in one of these finishes a sentence, a clause introduced by a colon, a quotation or a
# bracketed heading such as （一）: the break after it is meant.
_FINAL = set("。！？；：…」』”’）)》〉】〕］]!?;:—.")
# Clause punctuation that shows a line is prose rather than a title.
_PROSE_PUNCT = re.compile(r"[，、；：。！？,;:.!?]")
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
      punctuation (，、；：。！？ or their ASCII forms) or is at least 40 characters long. Titles and headings such as
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
