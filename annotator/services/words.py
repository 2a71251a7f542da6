"""The project's own legal dictionary: words researchers add, import or accept from suggestions.

The words live in the project file (`project_word`), so everyone who opens the project segments the
same way. Every change is applied to the segmenter at once (`text.segment.set_project_words`):
jieba word selection (double-click, Alt+W, snapping), search-hit extension and the word statistics
use the new words from the next call on. Nothing here segments a whole document; suggestions read
the documents only when asked.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from annotator import store
from annotator.core.errors import InputError
from annotator.text import legal_lists, segment
from annotator.text.terms import Suggestion, suggest_terms

ORIGINS = ("user", "imported", "suggested")
MAX_WORD = 40  # characters; a statute title is the longest thing worth keeping whole
MAX_LIST_BYTES = 4 * 1024 * 1024


@dataclass(frozen=True)
class ProjectWord:
    word: str
    freq: int | None  # None: the lowest frequency that keeps it whole
    origin: str  # user, imported or suggested


class WordService:
    def __init__(self, project) -> None:
        self.project = project

    def list(self) -> list[ProjectWord]:
        return [ProjectWord(w, f, o) for w, f, o in store.sources.words()]

    def apply(self) -> None:
        """Hand the project's words to the segmenter (done when the project opens and after each change)."""
        segment.set_project_words({w.word: w.freq for w in self.list()})

    def add(self, words: list[str], *, origin: str = "user", freq: int | None = None) -> list[str]:
        """Add words (checked first: all or none); returns those that were new."""
        if origin not in ORIGINS:
            raise InputError(f"origin {origin!r} must be one of {', '.join(ORIGINS)}")
        clean = [check_word(w) for w in words]
        with store.project.transaction():
            added = store.sources.add_words([(w, freq, origin) for w in dict.fromkeys(clean)])
        self.apply()
        return added

    def remove(self, words: list[str]) -> list[str]:
        with store.project.transaction():
            removed = store.sources.remove_words([w.strip() for w in words])
        self.apply()
        return [w for w, _f, _o in removed]

    def import_list(self, path: str | Path) -> list[str]:
        """Add the words of a list file: UTF-8 text, one word per line, optionally followed by a
        frequency (and a jieba tag, ignored) — so a jieba user dictionary works too; `#` starts a
        comment. A line that is not a word stops the import, naming the line; nothing is added."""
        path = Path(path)
        name = str(path)
        try:
            if not path.is_file():
                raise InputError("this is not a regular file", path=name)
            if path.stat().st_size > MAX_LIST_BYTES:
                raise InputError(f"the list is larger than {MAX_LIST_BYTES // (1024 * 1024)} MiB", path=name)
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(f"the file cannot be read ({exc.strerror or exc})", path=name) from None
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InputError("the list is not UTF-8 text", path=name) from None
        items: list[tuple[str, int | None]] = []
        for n, line in enumerate(text.splitlines(), 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            parts = line.replace("\t", " ").split()
            if len(parts) > 3 or (len(parts) >= 2 and not parts[1].isdigit()):
                raise InputError(f"line {n} is not 'word [frequency [tag]]': {line[:40]!r}", path=name)
            try:
                word = check_word(parts[0])
            except InputError as exc:
                raise InputError(f"line {n}: {exc.message}", path=name) from None
            items.append((word, int(parts[1]) if len(parts) >= 2 and int(parts[1]) > 0 else None))
        if not items:
            raise InputError("the list has no words", path=name)
        with store.project.transaction():
            added = store.sources.add_words([(w, f, "imported") for w, f in items])
        self.apply()
        return added

    def suggest(self, limit: int = 50, *, max_chars: int = 2_000_000) -> list[Suggestion]:
        """Terms learnt from the project's documents that jieba splits and no list holds yet
        (see `text.terms`). Reads up to `max_chars` characters of the documents."""
        known = {w.word for w in self.list()} | _shipped_words()
        texts = (self.project.documents.get(d.id).text for d in self.project.documents.list())
        return suggest_terms(texts, segment.words, known=known, limit=limit, max_chars=max_chars)


def check_word(word: str) -> str:
    """The word, stripped, or InputError saying why it cannot be a dictionary word."""
    w = (word or "").strip()
    if not w:
        raise InputError("a word cannot be empty")
    if len(w) > MAX_WORD:
        raise InputError(f"“{w[:20]}…” is longer than {MAX_WORD} characters")
    if not legal_lists.jieba_word_ok(w):
        raise InputError(f"“{w}” has spaces or punctuation, which jieba never keeps inside a word")
    return w


def _shipped_words() -> set[str]:
    lines = Path(legal_lists.jieba_dictionary()).read_text(encoding="utf-8").splitlines()
    return {line.split(" ", 1)[0] for line in lines if line and not line.startswith("#")}
