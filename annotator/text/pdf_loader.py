"""Text layer of a PDF, page by page, with pdfminer.six."""

from __future__ import annotations

import io

from annotator.core.errors import InputError
from annotator.text.extracted import Extracted


def load_pdf(data: bytes, path: str) -> Extracted:
    """The text of every page; pages are separated by a blank line.

    Only the text layer is read. A scanned judgment is a picture of text and has none: that is reported
    as an error rather than imported as an empty document.
    """
    # The header may follow some junk, but within the first kilobyte.
    if b"%PDF-" not in data[:1024]:
        raise InputError("this is not a PDF file (no %PDF- header)", path=path)
    # Imported here: pdfminer is large and only PDF imports need it.
    from pdfminer.high_level import extract_text
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        raw = extract_text(io.BytesIO(data))
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise InputError(
            "this PDF is password-protected or encrypted; remove the protection and import it again",
            path=path,
        ) from None
    except Exception as exc:  # pdfminer signals damage with many exception types
        detail = str(exc).strip()
        raise InputError(
            f"this PDF file is damaged and could not be read ({type(exc).__name__}{': ' + detail if detail else ''})",
            path=path,
        ) from None

    # pdfminer ends every page with a form feed.
    pages = raw.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    texts = [page.strip("\n") for page in pages]
    non_empty = [t for t in texts if t.strip()]
    if not non_empty:
        if _count_pages(data) == 0:
            raise InputError("this PDF file is damaged: no pages could be found in it", path=path)
        raise InputError(
            "no text could be extracted from this PDF; it may be a scanned image, which needs text "
            "recognition (OCR) before it can be imported",
            path=path,
        )
    warnings = []
    empty = len(texts) - len(non_empty)
    if empty:
        warnings.append(
            f"{empty} of {len(texts)} pages have no text layer (scanned pages?) and were skipped."
        )
    return Extracted("\n\n".join(non_empty), warnings=warnings)


def _count_pages(data: bytes) -> int:
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
        return sum(1 for _ in PDFPage.create_pages(document))
    except Exception:  # the same damage that hid the text
        return 0
