"""From files to text: loading (encodings, docx, html, pdf), normalisation, word segmentation.

Importing this package is cheap: its modules are imported when one of the names below is first asked
for (the window imports `text.segment` at start-up and pays for nothing else), and jieba, python-docx
and pdfminer only when first needed.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

# Imported now: the function `normalise` shares its name with its module, and importing the module
# (anyone may) would set this package's `normalise` to the module.
from annotator.text.normalise import normalise, reflow, reflow_preview

if TYPE_CHECKING:
    from annotator.text.loaders import LOADERS, SUPPORTED_EXTENSIONS, LoadedText, load_file
    from annotator.text.segment import snap_to_words, tokenize, word_at, words

_WHERE = {
    "LOADERS": "loaders",
    "SUPPORTED_EXTENSIONS": "loaders",
    "LoadedText": "loaders",
    "load_file": "loaders",
    "snap_to_words": "segment",
    "tokenize": "segment",
    "word_at": "segment",
    "words": "segment",
}

__all__ = [
    "LOADERS",
    "SUPPORTED_EXTENSIONS",
    "LoadedText",
    "load_file",
    "normalise",
    "reflow",
    "reflow_preview",
    "snap_to_words",
    "tokenize",
    "word_at",
    "words",
]


def __getattr__(name: str):
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
