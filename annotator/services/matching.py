"""Which project document an annotation file's document is, and how its offsets land on our text.

The one place that answers this for every importer (qdpx, jsonl/doccano, brat, Label Studio, …) and
for merging. Another tool's offsets count characters of the file as *it* read it; the project stores
the text as delivered, possibly after recorded steps (joined lines, paragraph breaks; see
`annotator.text.normalise.prepare`), and keeps the map between the two (`document_source`). A
document is found:

1. by uuid, when the file carries ours;
2. by the SHA-256 of the file's text (UTF-8, after CR LF / CR → LF) against the stored text;
3. by the same hash against the text as delivered (`document_source.sha256`): the file was made on
   the original file, and its offsets go through the recorded map.

A file whose text still has CR LF line breaks (a tool that counted CR as a character) is matched
after making them LF, and its offsets are carried through that step too. `DocumentMatch.span` then
gives, for a span over the file's text, the span over the stored text, or None when nothing of it
is left (it covered only characters a step removed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from annotator import store
from annotator.core.model import text_sha256
from annotator.core.textmap import Edit, Step, TextMap

UUID_OTHER_TEXT = "uuid, other text"


@dataclass(frozen=True)
class DocumentMatch:
    document_id: int
    title: str
    how: str  # 'uuid', 'stored text', 'delivered text', or UUID_OTHER_TEXT
    stored: str  # the document's stored text
    file_text: str | None  # the text the file carries (None when it names the document only)
    map: TextMap  # from the file's text to the stored text (empty: the same)

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        return (start, end) if not self.map else self.map.span_to_stored(start, end)

    def quote_ok(self, start: int, end: int, quote: str | None) -> bool:
        """Whether the file's quote is what the file's own text (or, without one, ours) has there."""
        if quote is None:
            return True
        if self.file_text is not None and self.map:
            return self.file_text[start:end] == quote
        return self.stored[start:end] == quote


class DocumentIndex:
    """The project's documents, read once per intake: by uuid (removed ones included, so that a merge
    can bring one back) and by the SHA-256 of their stored text (live ones, the oldest for a text)."""

    def __init__(self) -> None:
        self.uuids: dict[str, tuple[int, str, bool]] = (
            store.documents.documents_by_uuid()
        )  # uuid → (id, sha256, removed)
        self.shas: dict[str, int] = store.documents.live_documents_by_sha()

    def by_uuid(self, uuid: str | None, *, removed: bool = False) -> tuple[int, str, bool] | None:
        """(id, sha256, removed) of the document with this uuid; a removed one only if `removed`."""
        found = self.uuids.get(uuid) if uuid else None
        return found if found is not None and (removed or not found[2]) else None

    def by_sha(self, sha256: str) -> int | None:
        return self.shas.get(sha256)


def match_document(
    *, uuid: str | None = None, text: str | None = None, index: DocumentIndex | None = None
) -> DocumentMatch | None:
    """The project document the file's document is (see the module docstring), or None. `index` is
    the project's documents read once, when many documents are matched."""
    index = index or DocumentIndex()
    lf_step = _crlf_step(text) if text is not None else Step("newlines", [])
    lf_text = lf_step.apply(text) if text is not None and lf_step.edits else text
    found = index.by_uuid(uuid)
    if found is not None:
        doc = store.documents.get_document(found[0])
        if doc is not None:
            how_map = _map_for(doc.id, doc.sha256, lf_text)
            how = "uuid"
            if how_map is not None:
                tmap = TextMap([lf_step, *how_map.steps])
            elif lf_text is not None and text_sha256(lf_text) == doc.sha256:
                tmap = TextMap([lf_step])  # the same text with CR LF line ends
            else:
                tmap = TextMap()
                if lf_text is not None:
                    # Same uuid, another text (a sentence added): no map relates the two, so the
                    # file's offsets mean nothing here; tags are found by their passage (`UUID_OTHER_TEXT`).
                    how = UUID_OTHER_TEXT
            return DocumentMatch(doc.id, doc.title, how, doc.text, text, tmap)
    if lf_text is None:
        return None
    digest = text_sha256(lf_text)
    found_id = index.by_sha(digest)
    if found_id is not None:
        doc = store.documents.get_document(found_id)
        if doc is not None:
            return DocumentMatch(doc.id, doc.title, "stored text", doc.text, text, TextMap([lf_step]))
    for delivered in store.sources.find(digest):
        doc = store.documents.get_document(delivered.document_id)
        if doc is not None:
            return DocumentMatch(
                doc.id, doc.title, "delivered text", doc.text, text, TextMap([lf_step, *delivered.map.steps])
            )
    return None


def _map_for(document_id: int, stored_sha: str, lf_text: str | None) -> TextMap | None:
    """For a document found by uuid: the map from the file's text, if that text is our delivered one."""
    if lf_text is None or text_sha256(lf_text) == stored_sha:
        return None
    delivered = store.sources.get(document_id)
    if delivered is not None and delivered.sha256 == text_sha256(lf_text):
        return delivered.map
    return None


_CR = re.compile("\r\n?")


def _crlf_step(text: str) -> Step:
    return Step("newlines", (Edit(m.start(), m.end(), m.group(), "\n") for m in _CR.finditer(text)))
