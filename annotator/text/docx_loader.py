"""Text of a Word .docx file: body paragraphs and tables in reading order."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

from annotator.core.errors import InputError
from annotator.text.extracted import Extracted

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def load_docx(data: bytes, path: str) -> Extracted:
    """Paragraphs one per line; a table row per line with its cells separated by tabs.

    Content controls (w:sdt) are opened so that text inside them is not lost. Headers, footers, comments
    and footnotes are left out: they are not part of the judgment's running text.
    """
    if data.startswith(_OLE_MAGIC):
        # Word 97-2003 files and password-protected .docx files are both OLE containers.
        raise InputError(
            "this is an old-style Word .doc file or a password-protected .docx; open it in Word "
            "and save it as an unprotected .docx",
            path=path,
        )
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise InputError(
            "this is not a valid .docx file (it is not a zip archive, or it is truncated)", path=path
        )
    _refuse_bomb(data, path)
    # Imported here so that importing annotator.text stays fast.
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise InputError(f"this .docx file is damaged or incomplete ({_describe(exc)})", path=path) from None
    except Exception as exc:  # lxml parse errors and other failures deep inside python-docx
        raise InputError(f"this .docx file could not be read ({_describe(exc)})", path=path) from None

    try:
        lines = list(_body_lines(document))
    except Exception as exc:  # malformed XML that only shows when the body is walked
        raise InputError(f"this .docx file could not be read ({_describe(exc)})", path=path) from None
    title = (document.core_properties.title or "").strip() or None
    return Extracted("\n".join(lines), title=title)


# python-docx unpacks every part into memory: refuse archives that would unpack to far more than any
# judgment (a zip bomb) before it starts.
MAX_UNPACKED_BYTES = 512 * 1024 * 1024
MAX_RATIO = 200  # Word's XML deflates about 5-20:1; bombs 1000:1


def _refuse_bomb(data: bytes, path: str) -> None:
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, EOFError, OSError) as exc:
        raise InputError(f"this .docx file is damaged or incomplete ({exc})", path=path) from None
    total = sum(i.file_size for i in infos)
    if total > MAX_UNPACKED_BYTES:
        raise InputError(
            f"this .docx file would unpack to {total // (1 << 20):,} MiB; refusing to open it (a zip bomb?)",
            path=path,
        )
    for i in infos:
        if i.file_size > 1 << 20 and i.compress_size and i.file_size / i.compress_size > MAX_RATIO:
            raise InputError(
                f"part {i.filename!r} of this .docx file is compressed "
                f"{i.file_size // i.compress_size}:1; refusing to open it (a zip bomb?)",
                path=path,
            )


def _body_lines(document) -> Iterator[str]:
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    p_tag, tbl_tag, sdt_tag, sdt_content = qn("w:p"), qn("w:tbl"), qn("w:sdt"), qn("w:sdtContent")

    def walk(parent) -> Iterator[str]:
        for child in parent.iterchildren():
            if child.tag == p_tag:
                yield Paragraph(child, document).text
            elif child.tag == tbl_tag:
                yield from _table_lines(Table(child, document))
            elif child.tag == sdt_tag:
                content = child.find(sdt_content)
                if content is not None:
                    yield from walk(content)

    yield from walk(document.element.body)


def _table_lines(table) -> Iterator[str]:
    for row in table.rows:
        cells = []
        previous = None
        for cell in row.cells:
            # A horizontally merged cell is reported once per grid column it spans.
            if previous is not None and cell._tc is previous:
                continue
            previous = cell._tc
            # A cell's own paragraphs are joined with spaces so that one row stays one line.
            cells.append(" ".join(p for p in (para.text.strip() for para in cell.paragraphs) if p))
        yield "\t".join(cells)


def _describe(exc: Exception) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
