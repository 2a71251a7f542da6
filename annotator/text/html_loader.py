"""Visible text of an HTML page, with its paragraph structure, using only the standard library."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from annotator.core.errors import InputError
from annotator.text.encoding import Decoded, canonical_encoding, decode_bytes, find_binary
from annotator.text.extracted import Extracted

# Elements whose content is never shown.
_HIDDEN = frozenset({"script", "style", "template", "noscript", "head", "svg", "math", "iframe", "object"})
# Elements that start and end a line of their own.
_BLOCKS = frozenset(
    {
        "p",
        "div",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "tr",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "caption",
        "section",
        "article",
        "header",
        "footer",
        "main",
        "nav",
        "aside",
        "blockquote",
        "pre",
        "figure",
        "figcaption",
        "address",
        "form",
        "fieldset",
        "legend",
        "hr",
        "details",
        "summary",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
    }
)
_CELLS = frozenset({"td", "th"})
# Void elements never get an end tag, so they must not open a hidden section.
_VOID = frozenset(
    {
        "br",
        "hr",
        "img",
        "input",
        "meta",
        "link",
        "area",
        "base",
        "col",
        "embed",
        "source",
        "track",
        "wbr",
        "param",
    }
)

# <meta charset="…"> or <meta http-equiv="Content-Type" content="text/html; charset=…">, in the bytes.
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-.]+)""")
_SPACE = re.compile(r"[ \t\n\r\f]+")
_WIDE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003134f]")
# Markers kept in the text until whitespace has been collapsed. They are Unicode noncharacters,
# reserved for exactly this kind of internal use; any in the page itself are removed first.
_SOFT = "\ufdd0"  # a block boundary: one line break however many blocks meet
_HARD = "\ufdd1"  # <br>: always a line break
_PRE_SPACE = "\ufdd2"  # a space inside <pre>
_PRE_TAB = "\ufdd3"  # a tab inside <pre>
_CELL = "\ufdd4"  # between two table cells of a row
_MARKERS = (_SOFT, _HARD, _PRE_SPACE, _PRE_TAB, _CELL)
# What may stand inside <head>; any other element closes it.
_HEAD_CONTENT = frozenset({"title", "meta", "link", "style", "script", "base", "noscript", "template"})


def load_html(data: bytes, path: str) -> Extracted:
    decoded, warnings = _decode(data, path)
    parser = _TextParser()
    try:
        parser.feed(_strip_markers(decoded.text))
        parser.close()
    except Exception as exc:  # html.parser is lenient; anything raised here is an unexpected failure
        raise InputError(
            f"this HTML file could not be read ({type(exc).__name__}: {exc})", path=path
        ) from None
    title = _collapse("".join(parser.title_parts)).strip() or None
    return Extracted(
        _assemble(parser.parts), title=title, encoding=decoded.encoding, warnings=warnings + decoded.warnings
    )


def _strip_markers(text: str) -> str:
    for marker in _MARKERS:
        text = text.replace(marker, "")
    return text


def _decode(data: bytes, path: str) -> tuple[Decoded, list[str]]:
    """Honour a byte-order mark, then a declared charset, then detect as for plain text."""
    head = data[:4096]
    declared = None
    if not head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        match = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
        if match:
            declared = match.group(1).decode("ascii", "replace")
    codec = canonical_encoding(declared) if declared else None
    # A page that declares UTF-16 but has no byte-order mark is mislabelled (the declaration itself is
    # readable as ASCII), so only byte-oriented declarations are trusted.
    if codec is not None and not codec.startswith(("utf-16", "utf-32")) and data.strip():
        if find_binary(data) is None:
            try:
                return Decoded(data.decode(codec), codec), []
            except UnicodeDecodeError:
                pass
    decoded = decode_bytes(data, path=path)
    if declared is None or decoded.encoding == codec:
        return decoded, []
    # A wrong or unknown declaration is common on old pages; the bytes themselves decided.
    return decoded, [f"The page declares the encoding {declared!r}, but it was read as {decoded.encoding}."]


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        # convert_charrefs: entities are decoded by html.unescape, which turns invalid and out-of-range
        # references (&#0; &#xD800; &#x110000;) into U+FFFD instead of failing.
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title_parts: list[str] = []
        self._hidden: list[str] = []  # open hidden elements, innermost last
        self._in_title = False
        self._pre = 0
        self._row_has_cell = False

    def handle_starttag(self, tag: str, attrs) -> None:
        if self._hidden == ["head"] and tag not in _HEAD_CONTENT:
            # Pages often forget </head>; like a browser, a body element ends the head.
            self._hidden.clear()
        if tag == "title" and self._hidden in ([], ["head"]) and not self.title_parts:
            self._in_title = True
            return
        if tag in _HIDDEN and tag not in _VOID:
            self._hidden.append(tag)
            return
        if self._hidden or self._in_title:
            return
        if tag == "br":
            self.parts.append(_HARD)
        elif tag in _BLOCKS:
            self.parts.append(_SOFT)
            if tag == "pre":
                self._pre += 1
            elif tag == "tr":
                self._row_has_cell = False
        elif tag in _CELLS:
            if self._row_has_cell:
                self.parts.append(_CELL)
            self._row_has_cell = True

    def handle_startendtag(self, tag: str, attrs) -> None:
        # <br/>, <p/> and the like: a start with no content.
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self._in_title:
            self._in_title = False
            return
        if self._hidden:
            if tag in self._hidden:
                # Close it and anything left open inside it.
                del self._hidden[len(self._hidden) - 1 - self._hidden[::-1].index(tag) :]
            return
        if tag in _BLOCKS:
            self.parts.append(_SOFT)
            if tag == "pre" and self._pre:
                self._pre -= 1

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title_parts.append(data)
        elif not self._hidden:
            if self._pre:
                # Inside <pre> whitespace is content: protect it from collapsing.
                data = (
                    data.replace("\r\n", "\n")
                    .replace("\n", _HARD)
                    .replace(" ", _PRE_SPACE)
                    .replace("\t", _PRE_TAB)
                )
            self.parts.append(data)


def _collapse(text: str) -> str:
    """Collapse HTML whitespace; a line break in the source between two CJK characters disappears,
    because the page shows no space there (CSS segment-break rules for East Asian text)."""

    def replace(match: re.Match[str]) -> str:
        run = match.group(0)
        if "\n" in run or "\r" in run:
            start, end = match.span()
            s = match.string
            if 0 < start and end < len(s) and _WIDE.match(s[start - 1]) and _WIDE.match(s[end]):
                return ""
        return " "

    return _SPACE.sub(replace, text)


def _assemble(parts: list[str]) -> str:
    text = _collapse("".join(parts))
    # Spaces next to a line break are layout, not content.
    text = re.sub(f" *([{_SOFT}{_HARD}{_CELL}]) *", r"\1", text)
    # A <br> right before the end of a block adds no visible line.
    text = re.sub(f"{_HARD}(?={_SOFT})", "", text)
    # Runs of block boundaries make one line break.
    text = re.sub(f"{_SOFT}+", "\n", text).replace(_HARD, "\n")
    # Non-breaking spaces (&nbsp; indentation) are plain spaces to a reader.
    text = text.replace(_CELL, "\t").replace(_PRE_SPACE, " ").replace(_PRE_TAB, "\t")
    return text.replace("\u00a0", " ")
