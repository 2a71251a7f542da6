"""From files to text: loading (encodings, docx, html, pdf), normalisation, word segmentation.

Importing this package is cheap: jieba, python-docx and pdfminer are imported when first needed.
"""

from annotator.text.loaders import LOADERS, SUPPORTED_EXTENSIONS, LoadedText, load_file
from annotator.text.normalise import normalise, reflow, reflow_preview
from annotator.text.segment import snap_to_words, tokenize, word_at, words

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
