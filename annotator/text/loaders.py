"""Loading a file of any supported format into normalised text.

Each format is one function `(data: bytes, path: str) -> Extracted` in `LOADERS`; `load_file` reads the
bytes, picks the function by file extension and applies the steps common to all formats.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from annotator.core.errors import InputError
from annotator.text.docx_loader import load_docx
from annotator.text.encoding import decode_bytes
from annotator.text.extracted import Extracted
from annotator.text.html_loader import load_html
from annotator.text.normalise import count_joins, normalise_with_warnings
from annotator.text.normalise import reflow as reflow_text
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
    text: str
    title: str
    source_name: str
    source_format: str  # 'txt', 'md', 'docx', 'html' or 'pdf'
    encoding: str | None  # the decoding used for txt, md and html; None for docx and pdf
    warnings: list[str] = field(default_factory=list)


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


def load_file(path: str | Path, *, reflow: bool = False) -> LoadedText:
    """Read a .txt/.text, .md/.markdown, .docx, .html/.htm or .pdf file (extension in any case).

    The text is normalised (see `normalise`); with `reflow=True`, sentences broken across lines are
    joined too (see `reflow`). Every problem with the file raises InputError naming it.
    """
    path = Path(path)
    name = str(path)
    ext = path.suffix.lower()
    if ext not in LOADERS:
        supported = ", ".join(SUPPORTED_EXTENSIONS)
        shown = f"'{path.suffix}'" if path.suffix else "no extension"
        raise InputError(f"files with {shown} cannot be imported; supported are {supported}", path=name)

    data = _read(path, MAX_TEXT_BYTES if FORMATS[ext] in _TEXT_FORMATS else MAX_FILE_BYTES)
    extracted = LOADERS[ext](data, name)
    text, warnings = normalise_with_warnings(extracted.text)
    if not text.strip():
        raise InputError("the file is empty (it contains no text)", path=name)
    warnings = extracted.warnings + warnings
    if reflow:
        joins = count_joins(text)
        if joins:
            text = reflow_text(text)
            warnings.append(f"{joins} line break(s) inside sentences were joined.")
    return LoadedText(
        text=text,
        title=(extracted.title or "").strip() or path.stem,
        source_name=path.name,
        source_format=FORMATS[ext],
        encoding=extracted.encoding,
        warnings=warnings,
    )


def _read(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    name = str(path)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise InputError("this is a folder, not a file", path=name)
        if size > limit:
            raise InputError(
                f"the file is too large to import ({size // (1024 * 1024)} MiB; the limit is "
                f"{limit // (1024 * 1024)} MiB)",
                path=name,
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError("the file does not exist", path=name) from None
    except PermissionError:
        raise InputError("the file cannot be read (permission denied)", path=name) from None
    except OSError as exc:
        raise InputError(f"the file cannot be read ({exc.strerror or exc})", path=name) from None
