"""Loading a file of any supported format into its text as delivered.

Each format is one function `(data: bytes, path: str) -> Extracted` in `LOADERS`; `load_file` reads the
bytes, picks the function by file extension and makes the line breaks LF (see `normalise.deliver`).
What may change the text afterwards is a recorded step (`normalise.prepare`), not part of loading.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from annotator.core.errors import InputError
from annotator.core.inputs import clean_title, display, has_visible_text, read_input, storable
from annotator.core.textmap import newline_style
from annotator.text.docx_loader import load_docx
from annotator.text.encoding import decode_bytes
from annotator.text.extracted import Extracted
from annotator.text.html_loader import load_html
from annotator.text.normalise import deliver
from annotator.text.pdf_loader import load_pdf

# Refuse files that would exhaust memory long before they could be shown; the largest real inputs
# (compiled corpora of ~1M characters, PDFs with images) are far below this.
MAX_FILE_BYTES = 256 * 1024 * 1024
# Plain text, Markdown and HTML become the document itself: 64 MiB is tens of millions of characters,
# far beyond any judgment or corpus file, and refusing above it keeps memory bounded (decoding and
# normalising need several times the file's size).
MAX_TEXT_BYTES = 64 * 1024 * 1024
_TEXT_FORMATS = ("txt", "md", "html")

Loader = Callable[[bytes, str], Extracted]


@dataclass(frozen=True)
class LoadedText:
    text: str  # as delivered: decoded, line breaks made LF, nothing else changed
    title: str
    source_name: str
    source_format: str  # 'txt', 'md', 'docx', 'html' or 'pdf'
    encoding: str | None  # the decoding used for txt, md and html; None for docx and pdf
    warnings: list[str] = field(default_factory=list)
    newlines: str = ""  # the file's line breaks before they were made LF: lf, crlf, cr, mixed or ''


def _load_plain(data: bytes, path: str) -> Extracted:
    decoded = decode_bytes(data, path=path)
    return Extracted(decoded.text, encoding=decoded.encoding, warnings=list(decoded.warnings))


# Extension (lower case, with the dot) → format name.
FORMATS: Mapping[str, str] = MappingProxyType(
    {
        ".txt": "txt",
        ".text": "txt",
        ".md": "md",
        ".markdown": "md",
        ".docx": "docx",
        ".html": "html",
        ".htm": "html",
        ".pdf": "pdf",
    }
)

_BY_FORMAT: dict[str, Loader] = {
    "txt": _load_plain,
    "md": _load_plain,  # Markdown is kept as written: its markup is part of what the researcher sees
    "docx": load_docx,
    "html": load_html,
    "pdf": load_pdf,
}

# Extension (lower case, with the dot) → loader.
LOADERS: Mapping[str, Loader] = MappingProxyType({ext: _BY_FORMAT[fmt] for ext, fmt in FORMATS.items()})

# For file dialogs: ('.docx', '.htm', ...), sorted.
SUPPORTED_EXTENSIONS: tuple[str, ...] = tuple(sorted(FORMATS))


def load_file(path: str | Path) -> LoadedText:
    """Read a .txt/.text, .md/.markdown, .docx, .html/.htm or .pdf file (extension in any case).

    The text is what the file holds after decoding (or what the docx/html/pdf reader extracted),
    with CR LF and CR made LF; nothing else is changed. Every problem with the file raises InputError
    naming it.
    """
    path = Path(path)
    name = display(path)
    ext = path.suffix.lower()
    if ext not in LOADERS:
        supported = ", ".join(SUPPORTED_EXTENSIONS)
        shown = f"'{path.suffix}'" if path.suffix else "no extension"
        raise InputError(f"files with {shown} cannot be imported; supported are {supported}", path=name)

    data = _read(path, MAX_TEXT_BYTES if FORMATS[ext] in _TEXT_FORMATS else MAX_FILE_BYTES)
    extracted = LOADERS[ext](data, name)
    text, warnings = deliver(extracted.text)
    if FORMATS[ext] not in ("txt", "md"):
        # docx, html and pdf have no text file another tool could have counted in: their text is
        # what our extractor makes of them, tidied of the blank lines that markup leaves.
        text = _tidy_extracted(text)
    if not has_visible_text(text):
        # Whitespace and invisible characters only (e.g. a zero-width space): nothing a reader can tag.
        raise InputError("the file is empty (it contains no visible text)", path=name)
    return LoadedText(
        text=text,
        title=clean_title(extracted.title or "") or clean_title(storable(path.stem)) or "untitled",
        source_name=clean_title(storable(path.name)),
        source_format=FORMATS[ext],
        encoding=extracted.encoding,
        warnings=extracted.warnings + warnings,
        newlines=newline_style(extracted.text),
    )


_TRAILING_SPACE = re.compile(r"[^\S\n]+$", re.MULTILINE)
_MANY_NEWLINES = re.compile(r"\n{3,}")


def _tidy_extracted(text: str) -> str:
    """Spaces at line ends removed, at most one blank line between lines, none at the ends."""
    return _MANY_NEWLINES.sub("\n\n", _TRAILING_SPACE.sub("", text)).strip("\n")


def _read(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    # The shared reader: regular files only (a FIFO or /dev/zero is refused, not read), bounded.
    return read_input(path, limit)
