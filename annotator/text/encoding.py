"""Turning the bytes of a plain-text file into text.

Chinese texts reach researchers in UTF-8 (with or without a byte-order mark), in the mainland legacy
encodings (GB2312, GBK, GB18030) and in the Taiwan/Hong Kong ones (Big5, HKSCS, CP950). The order of
attempts is:

1. a byte-order mark: UTF-32, UTF-16 or UTF-8;
2. a check that the bytes are text at all (no NUL bytes, few control bytes);
3. strict UTF-8 (pure ASCII is UTF-8 too);
4. strict GB18030 and strict Big5 (HKSCS, then CP950). GB18030 stands for GB2312 and GBK because it is a
   superset of both, so a file labelled GBK never loses a character.

When both step-4 decodings succeed (common, since both use the same byte ranges) the one whose characters
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
        raise InputError("the file is empty", path=path)

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
    if binary_at is not None:
        raise InputError(f"this is not a text file (binary content at byte {binary_at})", path=path)

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
            "the text encoding could not be recognised; tried "
            + ", ".join(TRIED_ENCODINGS)
            + ". Save the file as UTF-8 and import it again",
            path=path,
        )
    if len(candidates) == 1:
        codec, text = next(iter(candidates.items()))
        return Decoded(text, codec)
    return _choose(data, candidates)


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
