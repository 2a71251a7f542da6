"""Store reads for reviewing: tags as plain tuples or one array, fast enough for agreement over 100,000s
of tags, and the documents' stored word units (schema 10)."""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Mapping

import numpy as np

from annotator.store.models import Annotation, Document, TokenUnit, database

# A tag as agreement reads it: (document id, annotator id, category id, start, end).
_TAG = np.dtype([(name, np.int64) for name in ("document", "annotator", "category", "start", "end")])


def document_lengths(document_ids: Iterable[int] | None = None) -> dict[int, int]:
    """Live documents: id → length in code points."""
    query = Document.select(Document.id, Document.length).where(Document.removed_at.is_null())
    if document_ids is not None:
        query = query.where(Document.id.in_(list(document_ids)))
    return dict(query.tuples())


def tag_tuples(
    annotator_ids: Iterable[int],
    document_ids: Iterable[int] | None = None,
    category_ids: Iterable[int] | None = None,
) -> list[tuple[int, int, int, int, int]]:
    """(document id, annotator id, category id, start, end) of the live tags of these annotators."""
    query = (
        Annotation.select(
            Annotation.document, Annotation.annotator, Annotation.category, Annotation.start, Annotation.end
        )
        .join(Document, on=(Annotation.document == Document.id))
        .where(
            Annotation.deleted_at.is_null()
            & Document.removed_at.is_null()
            & Annotation.annotator.in_(list(annotator_ids))
        )
    )
    if document_ids is not None:
        query = query.where(Annotation.document.in_(list(document_ids)))
    if category_ids is not None:
        query = query.where(Annotation.category.in_(list(category_ids)))
    # The driver's own tuples: these are plain integers, and peewee's conversion of each value was
    # two thirds of reading 300,000 tags.
    return database.execute(query).fetchall()


def tag_array(annotator_ids: Iterable[int], document_ids: Iterable[int] | None = None) -> np.ndarray:
    """`tag_tuples` as an (n, 5) int64 array, in document order: what agreement sweeps.

    The five columns come from the live tags' covering index (schema version 8) in its own order,
    without touching the rows full of quotes and context and without a sort; the unary plus keeps the
    engine from taking the annotator index instead (that is a look-up of the whole row per tag). The
    rows go from the cursor straight into the array, with no list of tuples in between: together a
    third of what `tag_tuples` and converting its list cost at 300,000 tags."""
    who = list(dict.fromkeys(annotator_ids))
    if not who:
        return np.zeros((0, 5), dtype=np.int64)
    q = database.quote[0], database.quote[-1]
    marks = ", ".join([database.param] * len(who))
    cursor = database.execute_sql(
        f"SELECT document_id, annotator_id, category_id, start, {q[0]}end{q[1]} FROM annotation "
        f"WHERE deleted_at IS NULL AND +annotator_id IN ({marks}) ORDER BY document_id, start",
        who,
    )
    rows = np.fromiter(cursor, dtype=_TAG).view(np.int64).reshape(-1, 5)
    live = document_lengths() if document_ids is None else None
    wanted = np.fromiter(live if live is not None else document_ids, dtype=np.int64)
    return rows[np.isin(rows[:, 0], wanted)]


def coded_documents(annotator_ids: Iterable[int] | None = None) -> dict[int, set[int]]:
    """annotator id → the live documents in which they have live tags."""
    query = (
        Annotation.select(Annotation.annotator, Annotation.document)
        .distinct()
        .join(Document, on=(Annotation.document == Document.id))
        .where(Annotation.deleted_at.is_null() & Document.removed_at.is_null())
    )
    if annotator_ids is not None:
        query = query.where(Annotation.annotator.in_(list(annotator_ids)))
    out: dict[int, set[int]] = {}
    for who, doc in query.tuples():
        out.setdefault(who, set()).add(doc)
    return out


_CHUNK = 500  # bound parameters per IN (...): well under every engine's limit
_SPANS = np.dtype("<i4")  # a stored word boundary: a code point offset, little-endian


def token_units(document_ids: Iterable[int], segmenter: str) -> dict[int, np.ndarray]:
    """Document → its stored word units, an (n, 2) array of [start, end) code points, for the live
    documents of `document_ids` whose units were found in their current text by `segmenter` (a
    `text.segment.fingerprint()`); the others are missing (not stored, or out of date)."""
    ids = list(dict.fromkeys(document_ids))
    out: dict[int, np.ndarray] = {}
    for i in range(0, len(ids), _CHUNK):
        query = (
            TokenUnit.select(TokenUnit.document, TokenUnit.spans)
            .join(Document, on=(TokenUnit.document == Document.id))
            .where(
                TokenUnit.document.in_(ids[i : i + _CHUNK])
                & (TokenUnit.sha256 == Document.sha256)
                & (TokenUnit.segmenter == segmenter)
                & Document.removed_at.is_null()
            )
        )
        for doc, blob in database.execute(query):
            out[doc] = (
                np.frombuffer(zlib.decompress(bytes(blob)), dtype=_SPANS).astype(np.int64).reshape(-1, 2)
            )
    return out


def save_token_units(units: Mapping[int, tuple[str, np.ndarray]], segmenter: str) -> None:
    """Store word units: document → (SHA-256 of the text they were found in, (n, 2) spans), replacing
    what the documents had; in the caller's transaction or one of its own."""
    rows = [
        {
            "document": doc,
            "sha256": sha256,
            "segmenter": segmenter,
            # Words follow one another, so the boundaries compress to about a third.
            "spans": zlib.compress(np.ascontiguousarray(spans, dtype=_SPANS).tobytes(), 1),
        }
        for doc, (sha256, spans) in units.items()
    ]
    with database.atomic():
        for i in range(0, len(rows), 100):
            (
                TokenUnit.insert_many(rows[i : i + 100])
                .on_conflict(
                    conflict_target=[TokenUnit.document],
                    preserve=[TokenUnit.sha256, TokenUnit.segmenter, TokenUnit.spans],
                )
                .execute()
            )
