"""Turning the bytes of a plain-text file into text.

Chinese texts reach researchers in UTF-8 (with or without a byte-order mark), in the mainland legacy
encodings (GB2312, GBK, GB18030) and in the Taiwan/Hong Kong ones (Big5, HKSCS, CP950). The order of
attempts is:

1. a byte-order mark: UTF-32, UTF-16 or UTF-8;
2. UTF-16 without a byte-order mark, little- or big-endian alike (what some Windows tools save), tried
   where the file has NULs or control bytes (UTF-16 of ASCII and of CJK punctuation has them) or is a
   longer file that is not UTF-8: taken only when one byte order decodes to text that is almost all CJK,
   punctuation and printable ASCII and the other does not, so UTF-8 and the legacy encodings never pass;
3. a check that the bytes are text at all (no NUL bytes, few control bytes);
4. strict UTF-8 (pure ASCII is UTF-8 too);
5. strict GB18030 and strict Big5 (HKSCS, then CP950). GB18030 stands for GB2312 and GBK because it is a
   superset of both, so a file labelled GBK never loses a character.

When both step-5 decodings succeed (common, since both use the same byte ranges) the one whose characters
are plausible for real text wins: real GB text is almost all GB2312 level-1 characters, real Big5 text
almost all Big5 common characters, while the wrong decoding produces rare characters. When that does not
decide, charset-normalizer is asked; when nothing decides (a very short file), GB18030 is assumed and a
warning says so.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from annotator.core.errors import InputError
from annotator.core.messages import QT_TRANSLATE_NOOP, Message

# Bytes that do not occur in text in any of the encodings above: C0 controls other than
# TAB, LF, VT, FF, CR, and ESC (kept for files with terminal colour codes).
_CONTROL_BYTES = bytes(b for b in range(0x20) if b not in b"\t\n\x0b\x0c\r\x1b")
_CONTROL = re.compile(b"[" + re.escape(_CONTROL_BYTES) + b"]")
# Fraction of control bytes above which a file is treated as binary even without a NUL.
_BINARY_RATIO = 0.02
# How much of a file the binary check and the detectors look at.
_SAMPLE = 64 * 1024
# Up to this many bytes a file may be a few GB or Big5 characters that also form valid UTF-8.
_SHORT = 32

_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its little-endian mark begins with the UTF-16 one.
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

TRIED_ENCODINGS = (
    "UTF-8",
    "UTF-16/UTF-32 with a byte-order mark",
    "UTF-16 (LE or BE) without one",
    "GB18030 (GB2312, GBK)",
    "Big5-HKSCS",
    "CP950",
)

# Names charset-normalizer (or a document) may use, mapped onto the codecs tried here.
_ALIASES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "cp936": "gb18030",
    "ms936": "gb18030",
    "gb18030": "gb18030",
    "euc-cn": "gb18030",
    "euc_cn": "gb18030",
    "x-gbk": "gb18030",
    "big5": "big5hkscs",
    "big5-hkscs": "big5hkscs",
    "big5hkscs": "big5hkscs",
    "cp950": "cp950",
    "ms950": "cp950",
    "x-big5": "big5hkscs",
}


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def canonical_encoding(name: str) -> str | None:
    """Map a declared encoding name (e.g. from an HTML meta tag) onto the codec this module would use.

    Chinese legacy names become their superset (GBK → gb18030, Big5 → big5hkscs); any other name
    Python knows is returned in Python's spelling; an unknown name gives None.
    """
    key = name.strip().lower().replace("_", "-")
    if key in _ALIASES:
        return _ALIASES[key]
    if key.replace("-", "_") in _ALIASES:
        return _ALIASES[key.replace("-", "_")]
    try:
        return codecs.lookup(key).name
    except LookupError:
        return None


def find_binary(data: bytes) -> int | None:
    """Offset of the first byte showing that `data` is not text, or None if it looks like text.

    A NUL byte is decisive; otherwise a file is binary when more than 2% of its first 64 KiB are
    control bytes (stray controls do occur in old text files, but not in that number).
    """
    sample = data[:_SAMPLE]
    nul = sample.find(b"\x00")
    if nul >= 0:
        return nul
    first = _CONTROL.search(sample)
    if first is None:
        return None
    count = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return first.start() if count > _BINARY_RATIO * len(sample) else None


def decode_bytes(data: bytes, *, path: str) -> Decoded:
    """Decode the bytes of a text file; `path` only names the file in error messages.

    Raises InputError for an empty file, binary content, or bytes no supported encoding can decode.
    """
    if not data:
        raise InputError(Message(QT_TRANSLATE_NOOP("Messages", "the file is empty")), path=path)

    for bom, codec in _BOMS:
        if data.startswith(bom):
            name = "utf-8" if codec == "utf-8-sig" else codec
            try:
                return Decoded(data.decode(codec), name)
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"the file starts with a {name.upper()} byte-order mark but is not valid "
                    f"{name.upper()} (bad bytes at byte {exc.start})",
                    path=path,
                ) from None

    binary_at = find_binary(data)
    # A few bytes of GB or Big5 can pair up into CJK code units too: without NULs or control bytes
    # (which UTF-16 of ASCII and of CJK punctuation has) UTF-16 is taken only from a longer file that is
    # not UTF-8.
    if binary_at is not None or (len(data) >= _UTF16_MIN_PLAIN and not _is_utf8(data)):
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return utf16
    if binary_at is not None:
        raise InputError(
            Message(
                QT_TRANSLATE_NOOP("Messages", "this is not a text file (binary content at byte {byte})"),
                byte=binary_at,
            ),
            path=path,
        )

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        damaged = _damaged_utf8(data)
        if damaged is not None:
            return damaged
    else:
        short_legacy = _short_legacy_text(data, text)
        return short_legacy if short_legacy is not None else Decoded(text, "utf-8")

    candidates = _legacy_candidates(data)
    if not candidates:
        raise InputError(
            Message(
                QT_TRANSLATE_NOOP(
                    "Messages",
                    "the text encoding could not be recognised; tried {tried}. Save the file as UTF-8 and "
                    "import it again",
                ),
                tried=", ".join(TRIED_ENCODINGS),
            ),
            path=path,
        )
    if len(candidates) == 1:
        codec, text = next(iter(candidates.items()))
        return Decoded(text, codec)
    return _choose(data, candidates)


# Share of UTF-16 code units that must be text-like for a file without a byte-order mark to be read
# as UTF-16 (the wrong byte order, UTF-8 or GB/Big5 bytes paired up score far lower; see below).
_UTF16_TEXTLIKE = 0.95
# Bytes from which a file with neither NULs nor control bytes may be read as UTF-16 without a mark.
_UTF16_MIN_PLAIN = 32


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _utf16_textlike(ch: str) -> bool:
    """A character real Chinese or English text is made of (Hangul, private use, rare blocks are not)."""
    o = ord(ch)
    return (
        ch in "\t\n\r"
        or 0x20 <= o < 0x7F
        or 0xA0 <= o < 0x250  # ASCII, Latin-1, Latin Extended
        or 0x2000 <= o < 0x2070
        or 0x3000 <= o < 0x3040  # general and CJK punctuation
        or 0x3400 <= o < 0x4DC0
        or 0x4E00 <= o < 0xA000  # CJK Extension A, Unified Ideographs
        or 0xFF00 <= o < 0xFFF0
        or 0x20000 <= o < 0x323B0  # full-width forms, Extensions B–H
        or o == 0xFEFF
    )


def _utf16_without_bom(data: bytes) -> Decoded | None:
    """UTF-16 text saved without a byte-order mark, in either byte order, or None.

    Both byte orders are tried the same way. Plain ASCII in UTF-16 has a NUL in every other byte, so the
    wrong order turns "Ab" into U+4100 U+6200 (CJK!): a decoding where many code units have a zero low
    byte is the swapped one. UTF-8, GB18030 or Big5 bytes read as UTF-16 give Hangul, private-use or
    unpaired surrogates far more often than one unit in twenty, so they never reach the threshold."""
    if len(data) < 4 or len(data) % 2:
        return None
    sample = data[: _SAMPLE - _SAMPLE % 2]
    found: list[tuple[str, str]] = []
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            # A sample may end inside a surrogate pair: decode it leniently, judge the whole file strictly.
            text = sample.decode(codec, errors="strict" if len(sample) == len(data) else "ignore")
        except UnicodeDecodeError:
            continue
        if not text:
            continue
        swapped = sum(1 for ch in text if ord(ch) & 0xFF == 0 and 0x20 <= ord(ch) >> 8 < 0x7F)
        good = sum(1 for ch in text if _utf16_textlike(ch))
        if good >= _UTF16_TEXTLIKE * len(text) and swapped <= 0.02 * len(text):
            found.append((codec, text))
    if len(found) != 1:
        return None  # neither, or (a few bytes) both: leave it to the checks below
    codec, _ = found[0]
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    if text.count("\x00") or not text.strip():
        return None
    return Decoded(
        text,
        codec,
        [
            f"The file has no byte-order mark; it was read as {codec.upper()} because its bytes form text only "
            "in that encoding."
        ],
    )


def _legacy_candidates(data: bytes) -> dict[str, str]:
    """The strict decodings of `data` in the GB and the Big5 family (at most one of each)."""
    candidates: dict[str, str] = {}
    for family in (("gb18030",), ("big5hkscs", "cp950")):
        for codec in family:
            try:
                candidates[codec] = data.decode(codec)
                break
            except UnicodeDecodeError:
                continue
    return candidates


def _short_legacy_text(data: bytes, utf8_text: str) -> Decoded | None:
    """A few GB or Big5 characters that happen to form valid UTF-8 as well.

    Two-byte UTF-8 sequences have the same shape as many GB and Big5 characters, so a file holding only
    "平台" in GB18030 is also valid UTF-8 (for two Latin letters with a combining mark). A short file of
    only non-ASCII characters, none of them CJK in UTF-8 and all of them common characters in a legacy
    encoding, is read in that encoding, with a warning.
    """
    if len(data) > _SHORT or any(0x41 <= b <= 0x5A or 0x61 <= b <= 0x7A for b in data):
        return None
    if all(ord(ch) < 0x80 for ch in utf8_text) or any(ord(ch) >= 0x800 for ch in utf8_text):
        return None
    candidates = {
        codec: text for codec, text in _legacy_candidates(data).items() if _plausibility(codec, text) == 1.0
    }
    if not candidates:
        return None
    return _choose(data, candidates)


def _damaged_utf8(data: bytes) -> Decoded | None:
    """UTF-8 with a few bad bytes (a file cut mid-character, one pasted fragment in another encoding).

    Decoding such a file as GB18030 would turn every character into a wrong one, so as long as the bad
    bytes are rare next to well-formed multi-byte characters the file is read as UTF-8 and the bad bytes
    become U+FFFD, with a warning.
    """
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    multibyte = sum(1 for ch in text if ord(ch) > 0x7F and ch != "\ufffd")
    if bad <= 0 or multibyte < 20 or bad > max(2, multibyte // 1000):
        return None
    return Decoded(
        text,
        "utf-8",
        [f"The file is UTF-8 with {bad} invalid byte sequence(s); they were replaced by U+FFFD (\ufffd)."],
    )


def _choose(data: bytes, candidates: dict[str, str]) -> Decoded:
    scores = {codec: _plausibility(codec, text) for codec, text in candidates.items()}
    best = max(scores.values())
    # Within a few percent the scores do not decide (short files, symbol-heavy files).
    contenders = [codec for codec, score in scores.items() if best - score < 0.05]
    if len(contenders) == 1:
        return Decoded(candidates[contenders[0]], contenders[0])

    guess = _ask_charset_normalizer(data, contenders)
    if guess is not None:
        return Decoded(candidates[guess], guess)
    codec = "gb18030" if "gb18030" in contenders else contenders[0]
    return Decoded(
        candidates[codec],
        codec,
        [
            f"The text encoding could not be determined with confidence; "
            f"{codec.upper()} was assumed. Check the text and re-save the file as UTF-8 if it looks wrong."
        ],
    )


def _plausibility(codec: str, text: str) -> float:
    """Share of the non-ASCII characters of `text` that are common characters or punctuation of `codec`.

    The test re-encodes each character: a character of real GB text lands in GB2312's symbol rows or its
    3,755 level-1 (frequent) hanzi; one of real Big5 text in Big5's symbols or its 5,401 common hanzi.
    """
    sample = [ch for ch in text[:_SAMPLE] if ord(ch) > 0x7F]
    if not sample:
        return 1.0
    good = 0
    if codec == "gb18030":
        for ch in sample:
            try:
                b = ch.encode("gb2312")
            except UnicodeEncodeError:
                continue
            if 0xA1 <= b[0] <= 0xA3 or 0xB0 <= b[0] <= 0xD7:
                good += 1
    else:
        for ch in sample:
            try:
                b = ch.encode("big5")
            except UnicodeEncodeError:
                continue
            code = (b[0] << 8) | b[1]
            if 0xA140 <= code <= 0xA2FE or 0xA440 <= code <= 0xC67E:
                good += 1
    return good / len(sample)


def _ask_charset_normalizer(data: bytes, contenders: list[str]) -> str | None:
    # Imported here: it is only needed for the rare files the cheaper checks cannot place.
    import charset_normalizer

    isolation = ["gb18030" if c == "gb18030" else "big5" for c in contenders]
    # charset-normalizer's verdict on a few bytes is noise; below this size fall back to the default.
    if len(data) < 64:
        return None
    match = charset_normalizer.from_bytes(data[:_SAMPLE], cp_isolation=isolation).best()
    if match is None:
        return None
    codec = canonical_encoding(match.encoding)
    if codec in contenders:
        return codec
    if codec in ("big5hkscs", "cp950"):
        return next((c for c in contenders if c in ("big5hkscs", "cp950")), None)
    return None
