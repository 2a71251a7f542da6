"""Fixtures for the text layer: a jieba tokenizer loaded once per session, and file builders."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from annotator.text import segment


@pytest.fixture(scope="session")
def segmenter(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """The segment module with jieba loaded once for the whole session.

    jieba's cache goes to pytest's own cache folder (kept between runs, so later runs load faster),
    never to the user's cache folder or the system temp folder.
    """
    cache = getattr(request.config, "cache", None)
    cache_dir = cache.mkdir("annotator-jieba") if cache is not None else tmp_path_factory.mktemp("jieba")
    previous = os.environ.get("ANNOTATOR_CACHE_DIR")
    os.environ["ANNOTATOR_CACHE_DIR"] = str(cache_dir)
    try:
        segment.reset_tokenizer()
        segment.preload()
    finally:
        if previous is None:
            del os.environ["ANNOTATOR_CACHE_DIR"]
        else:
            os.environ["ANNOTATOR_CACHE_DIR"] = previous
    return segment


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, bytes], Path]:
    """write(name, data) -> path of a new file in tmp_path."""

    def _write(name: str, data: bytes) -> Path:
        path = tmp_path / name
        path.write_bytes(data)
        return path

    return _write


def build_pdf(pages: list[list[str]]) -> bytes:
    """A minimal PDF with one text line per string, using the CJK font STSong-Light.

    STSong-Light is one of the standard Adobe CJK fonts a reader must know, so no font is embedded; with
    the UniGB-UCS2-H encoding the strings are UTF-16BE (BMP only). An empty list makes a page without text.
    """
    page_ids = [6 + 2 * i for i in range(len(pages))]
    objects: dict[int, bytes] = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids ["
        + b" ".join(b"%d 0 R" % p for p in page_ids)
        + b"] /Count %d >>" % len(pages),
        3: b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
        b"/DescendantFonts [4 0 R] >>",
        4: b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo "
        b"<< /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 5 0 R /DW 1000 >>",
        5: b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900] "
        b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>",
    }
    for page_id, lines in zip(page_ids, pages, strict=True):
        ops = [b"BT /F1 12 Tf 14 TL 72 770 Td"]
        ops += [b"<" + line.encode("utf-16-be").hex().upper().encode() + b"> Tj T*" for line in lines]
        ops.append(b"ET")
        stream = b"\n".join(ops) if lines else b""
        objects[page_id] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (page_id + 1)
        )
        objects[page_id + 1] = b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream"

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    size = max(objects) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    out += b"".join(b"%010d 00000 n \n" % offsets[n] for n in range(1, size))
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    return bytes(out)


@pytest.fixture
def make_pdf() -> Callable[[list[list[str]]], bytes]:
    return build_pdf
