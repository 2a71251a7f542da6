"""Streaming reads for exports: the live tags in document order, a chunk at a time, as plain tuples.

An export of 100,000 tags must not hold them all as objects (that was 1 GB at its peak), so the tags
are read one batch of documents at a time, each batch in one query on the (document, start) index.
Rows are the driver's own tuples, in `ROW_FIELDS` order; times stay the stored ISO text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from peewee import fn

from annotator.core.model import TAG_ROW_FIELDS
from annotator.store.models import TAG_ROW_COLUMNS, Annotation, database
from annotator.store.server import on_server

# The columns of every row `tag_rows` yields, in this order.
ROW_FIELDS = TAG_ROW_FIELDS
_COLUMNS = TAG_ROW_COLUMNS
# Documents per query: few enough that one query stays small (bound parameters, memory), many enough
# that the per-query cost vanishes. A batch holds roughly DOCUMENTS_PER_QUERY × tags-per-document rows.
DOCUMENTS_PER_QUERY = 50
CHUNK = 5000  # rows per chunk: progress and Cancel are seen this often


def _live(query, annotator_ids: Iterable[int] | None, category_ids: Iterable[int] | None):
    query = query.where(Annotation.deleted_at.is_null())
    if annotator_ids is not None:
        query = query.where(Annotation.annotator.in_(list(annotator_ids)))
    if category_ids is not None:
        query = query.where(Annotation.category.in_(list(category_ids)))
    return query


def _chunks(
    columns: Sequence,
    document_ids: Sequence[int],
    annotator_ids: Iterable[int] | None,
    category_ids: Iterable[int] | None,
) -> Iterator[list[tuple]]:
    """The live tags' `columns`, a batch of documents per query, in the order `tag_rows` states."""
    annotator_ids = None if annotator_ids is None else list(annotator_ids)
    category_ids = None if category_ids is None else list(category_ids)
    ids = list(document_ids)
    for i in range(0, len(ids), DOCUMENTS_PER_QUERY):
        batch = ids[i : i + DOCUMENTS_PER_QUERY]
        query = _live(
            Annotation.select(*columns).where(Annotation.document.in_(batch)), annotator_ids, category_ids
        ).order_by(Annotation.document, Annotation.start, Annotation.end, Annotation.id)
        cursor = database.execute(query)
        while rows := cursor.fetchmany(CHUNK):
            yield rows


def tag_rows(
    document_ids: Sequence[int],
    annotator_ids: Iterable[int] | None = None,
    category_ids: Iterable[int] | None = None,
) -> Iterator[list[tuple]]:
    """Chunks of up to `CHUNK` rows (see `ROW_FIELDS`) of the live tags of these documents, in the order of
    `document_ids` (ascending ids, as `documents.get_documents` lists them), then start, end and id: the
    order `tags.list_annotations` returns. The documents are taken as live (the caller listed them)."""
    yield from _chunks(_COLUMNS, document_ids, annotator_ids, category_ids)


# The text columns of ROW_FIELDS: `tag_cells` hands them over as the stored UTF-8 bytes.
_TEXT_FIELDS = frozenset(("uuid", "text", "before", "after", "memo", "created", "updated"))


def tag_cells(
    document_ids: Sequence[int],
    fields: Sequence[str],
    annotator_ids: Iterable[int] | None = None,
    category_ids: Iterable[int] | None = None,
    *,
    raw: bool = True,
) -> Iterator[list[tuple]]:
    """`tag_rows` holding only `fields` (names from `ROW_FIELDS`, in that order): the columns a writer
    does not write are not read. With `raw`, the text columns come as the stored UTF-8 bytes: a writer
    of UTF-8 files (csv, json) then neither decodes 50 MB of text into Python strings nor encodes it
    back."""
    if raw and on_server():
        # PostgreSQL has no BLOB to cast to, and its driver decodes text anyway: encoded here instead.
        for chunk in tag_cells(document_ids, fields, annotator_ids, category_ids, raw=False):
            yield [tuple(v.encode("utf-8") if isinstance(v, str) else v for v in row) for row in chunk]
        return
    columns = Annotation._meta.columns
    selected = [columns[f].cast("BLOB") if raw and f in _TEXT_FIELDS else columns[f] for f in fields]
    yield from _chunks(selected, document_ids, annotator_ids, category_ids)


def tag_counts(
    document_ids: Sequence[int],
    annotator_ids: Iterable[int] | None = None,
    category_ids: Iterable[int] | None = None,
) -> dict[tuple[int, int], int]:
    """(document id, category id) → live tags, with the same choice of tags as `tag_rows`."""
    annotator_ids = None if annotator_ids is None else list(annotator_ids)
    category_ids = None if category_ids is None else list(category_ids)
    ids = list(document_ids)
    out: dict[tuple[int, int], int] = {}
    for i in range(0, len(ids), 500):
        query = _live(
            Annotation.select(Annotation.document, Annotation.category, fn.COUNT(Annotation.id)).where(
                Annotation.document.in_(ids[i : i + 500])
            ),
            annotator_ids,
            category_ids,
        )
        for doc, cat, n in database.execute(
            query.group_by(Annotation.document, Annotation.category)
        ).fetchall():
            out[(doc, cat)] = n
    return out
