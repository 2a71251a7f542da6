"""Chinese word segmentation with jieba and the legal user dictionary.

jieba takes about a second to load its dictionary, so it is imported and loaded on first use (or by
`preload()` from a background thread), never when this module is imported. Its cache lives in the
application's cache folder, not the system temp folder.

All offsets are code points into the text given, the same unit as annotation offsets.

Segmenting a whole long judgment takes seconds, so `word_at` and `snap_to_words` look only at the
stretch of text jieba would treat as one block: jieba cuts its input at every character outside
`_JIEBA_BLOCK` (punctuation, spaces, line breaks) and segments each block on its own, so segmenting
that block gives exactly the words that segmenting the whole text would.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import threading
import warnings
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from annotator.core.errors import OffsetError
from annotator.core.paths import resource, user_cache_dir
from annotator.text import legal_lists

if TYPE_CHECKING:
    import jieba

# jieba's own definition of a block character (jieba.re_han_default); a test checks they agree.
_JIEBA_BLOCK = "\u4e00-\u9fd5a-zA-Z0-9+#&._%\\-"
_BLOCK_CHAR = re.compile(f"[{_JIEBA_BLOCK}]")
_BLOCK_RUN = re.compile(f"[{_JIEBA_BLOCK}]+")
# A block longer than this (a page of CJK with no punctuation at all) is segmented in a window of
# this many characters on each side of the position; far from its ends the words are the same.
_WINDOW = 2000

_lock = threading.Lock()
_tokenizer: jieba.Tokenizer | None = None
# The open project's own words (word -> jieba frequency, None: computed) and, for the loaded tokenizer,
# what each word replaced (its earlier frequency, the amount added to jieba's total), so that removing
# a word gives back exactly the segmentation without it.
_project_words: dict[str, int | None] = {}
_applied: dict[str, tuple[int | None, int]] = {}
# A project word's frequency is this many times what it needs to beat its best split, as for the
# shipped lists (scripts/build_legal_resources.py).
WORD_MARGIN = 200
_MIN_FREQ = 20
# Raise when `tokenize` itself changes what it gives (which tokens it keeps): stored words found by the
# earlier rule are then found again.
_TOKENIZE_RULE = 1
_fingerprint: str | None = None  # of the segmentation as it stands; None: to be computed


def preload() -> None:
    """Load jieba and the dictionaries now (e.g. in a worker thread at start-up)."""
    _get_tokenizer()


def is_loaded() -> bool:
    return _tokenizer is not None


def reset_tokenizer() -> None:
    """Forget the loaded tokenizer; the next call loads it again, reading the cache folder and the
    user dictionary afresh. For tests and after the user dictionary has changed."""
    global _tokenizer, _fingerprint
    with _lock:
        _tokenizer = None
        _fingerprint = None
        _applied.clear()


def set_project_words(words: dict[str, int | None]) -> None:
    """Make these the project's own words (replacing the previous project's): from now on
    segmentation, word selection and search keep each whole. Cheap when jieba is not loaded yet
    (the words are added when it loads); otherwise only the difference is applied."""
    global _project_words, _fingerprint
    with _lock:
        _project_words = {w: f for w, f in words.items() if w}
        _fingerprint = None
        if _tokenizer is not None:
            _sync(_tokenizer)


def project_words() -> dict[str, int | None]:
    return dict(_project_words)


def fingerprint() -> str:
    """What `tokenize` gives depends on, as one short string: jieba's version, the shipped user
    dictionaries, the project's own words and this module's rule. Words stored under another
    fingerprint are out of date. Computed without loading jieba (reading its version and the two small
    dictionary files takes milliseconds), so stored words can be used without waiting for it."""
    global _fingerprint
    with _lock:
        if _fingerprint is None:
            try:
                version = metadata.version("jieba")
            except metadata.PackageNotFoundError:
                version = "unknown"
            digest = hashlib.sha256(f"{version}\n{_TOKENIZE_RULE}\n".encode())
            for path in (resource("legal_dict.txt"), legal_lists.jieba_dictionary()):
                digest.update(Path(path).read_bytes())
            digest.update(json.dumps(sorted(_project_words.items()), ensure_ascii=False).encode())
            _fingerprint = f"jieba {version} {digest.hexdigest()[:16]}"
        return _fingerprint


def whole_word_frequency(word: str) -> int:
    """The jieba frequency at which `word` comes out whole (WORD_MARGIN times what it needs to beat
    its best split over the loaded dictionaries)."""
    tok = _get_tokenizer()
    with _lock:
        return _frequency(tok, word)


def split_frequency(tok: jieba.Tokenizer, word: str) -> float:
    """The frequency `word` needs to beat the best route through its parts (jieba's suggest_freq, but
    computed with the word itself taken out of the dictionary). scripts/build_legal_resources.py sizes
    the shipped lists with it too."""
    saved = tok.FREQ.get(word)
    if saved:
        tok.FREQ[word] = 0
    try:
        p = 1.0
        for part in tok.cut(word, HMM=False):
            p *= tok.FREQ.get(part, 1) / tok.total
    finally:
        if saved:
            tok.FREQ[word] = saved
    return p * tok.total


def _frequency(tok: jieba.Tokenizer, word: str) -> int:
    return max(tok.FREQ.get(word) or 0, _MIN_FREQ, int(split_frequency(tok, word) * WORD_MARGIN) + 1)


def _sync(tok: jieba.Tokenizer) -> None:
    """Bring the tokenizer in line with `_project_words`; the caller holds `_lock`."""
    for word in [w for w in _applied if w not in _project_words]:
        previous, added = _applied.pop(word)
        tok.total -= added
        if previous is None:
            tok.FREQ.pop(word, None)
        else:
            tok.FREQ[word] = previous
    for word, freq in _project_words.items():
        if word in _applied:
            continue
        previous = tok.FREQ.get(word)
        value = freq if freq else _frequency(tok, word)
        if previous and previous >= value:
            _applied[word] = (previous, 0)
            continue
        # Like jieba's add_word, without its side effects on forced splits: prefixes must be known.
        for i in range(1, len(word)):
            tok.FREQ.setdefault(word[:i], 0)
        tok.FREQ[word] = value
        added = value - (previous or 0)
        tok.total += added
        _applied[word] = (previous, added)


def tokenize(text: str) -> list[tuple[int, int]]:
    """[start, end) spans of the words of `text`, in order.

    Punctuation marks and other symbols are one-character words; whitespace is not a word. This
    segments all of `text`: for one position in a long document use `word_at`.
    """
    return _spans(_get_tokenizer(), text, 0)


def words(text: str) -> list[str]:
    """The words of `text` as strings (the spans of `tokenize`)."""
    return [text[start:end] for start, end in tokenize(text)]


def word_at(text: str, pos: int) -> tuple[int, int]:
    """The [start, end) span of the word that contains the character at `pos` (0 <= pos < len(text)).

    A space or line break at `pos` gives a span of that one character.
    """
    if not 0 <= pos < len(text):
        raise OffsetError(f"position {pos} is outside the text (length {len(text)})")
    if not _BLOCK_CHAR.match(text, pos):
        return pos, pos + 1
    start, end = _block_around(text, pos)
    for span in _spans(_get_tokenizer(), text[start:end], start):
        if span[0] <= pos < span[1]:
            return span
    # jieba covers every character of its input, so this is not reached; be safe all the same.
    return pos, pos + 1


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Extend the selection [start, end) so that it neither begins nor ends inside a word.

    Only the words at the two ends are segmented, so the cost does not grow with the selection or the
    document. An empty selection is returned unchanged.
    """
    if not 0 <= start <= end <= len(text):
        raise OffsetError(f"selection [{start}, {end}) is not inside the text (length {len(text)})")
    if start == end:
        return start, end
    return word_at(text, start)[0], word_at(text, end - 1)[1]


def _block_around(text: str, pos: int) -> tuple[int, int]:
    """The jieba block containing `pos` (a block character), cut to the window around `pos`."""
    lower = max(0, pos - _WINDOW)
    start = pos
    while start > lower and _BLOCK_CHAR.match(text, start - 1):
        start -= 1
    run = _BLOCK_RUN.match(text, pos, min(len(text), pos + _WINDOW))
    end = run.end() if run else pos + 1
    return start, end


def _spans(tokenizer: jieba.Tokenizer, text: str, offset: int) -> list[tuple[int, int]]:
    return [
        (offset + start, offset + end) for word, start, end in tokenizer.tokenize(text) if not word.isspace()
    ]


def _get_tokenizer() -> jieba.Tokenizer:
    tokenizer = _tokenizer
    if tokenizer is None:
        with _lock:
            if _tokenizer is None:
                _load()
            tokenizer = _tokenizer
    assert tokenizer is not None
    return tokenizer


def plain_tokenizer() -> jieba.Tokenizer:
    """A new jieba tokenizer with jieba's main dictionary only (cached in the application's cache
    folder), and jieba quiet. The app's tokenizer adds the legal dictionaries to one of these; the
    script that builds them and the benchmarks start from one too."""
    with warnings.catch_warnings():
        # Scoped to this import: jieba's regular expressions use invalid escape sequences and it
        # imports pkg_resources, both of which warn on newer Pythons and setuptools.
        warnings.filterwarnings("ignore", message=r"invalid escape sequence", category=DeprecationWarning)
        warnings.filterwarnings("ignore", message=r"invalid escape sequence", category=SyntaxWarning)
        warnings.filterwarnings("ignore", message=r"pkg_resources is deprecated", category=UserWarning)
        import jieba

    # jieba logs its progress at DEBUG to its own stderr handler.
    for name in ("jieba", "jieba._compat"):
        logging.getLogger(name).setLevel(logging.WARNING)

    tokenizer = jieba.Tokenizer()
    tokenizer.tmp_dir = str(user_cache_dir())
    # The cache holds the main dictionary only; named by version so an upgrade does not reuse it.
    tokenizer.cache_file = f"jieba-{jieba.__version__}.cache"
    tokenizer.initialize()
    return tokenizer


def _load() -> None:
    """Build the tokenizer; the caller holds `_lock`."""
    global _tokenizer
    tokenizer = plain_tokenizer()
    # The user dictionaries are small and added after the cache is read, so editing them needs no
    # rebuild: first the hand-made data and competition terms, then the lists built from the official
    # reference data (statutes, charges, causes, procedural terms; ~4,000 words, ~25 ms).
    # Passed as open files: given a path, jieba opens the file and never closes it.
    for path in (resource("legal_dict.txt"), legal_lists.jieba_dictionary()):
        with open(path, "rb") as user_dict:
            tokenizer.load_userdict(user_dict)
    _applied.clear()
    _sync(tokenizer)  # the open project's own words
    _tokenizer = tokenizer
