"""Sections and statute citations found in judgments (tables `document_section`, `statute_citation`).
Plain peewee, engine-neutral."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from annotator.store.models import Document, DocumentSection, StatuteCitation, database
from annotator.store.server import on_server


def replace_structure(
    document_id: int,
    sections: Sequence[tuple[str, int, int]],
    citations: Sequence[tuple[str, int, int | None, int | None, int | None, int, int]],
) -> None:
    """Store what was found in one document, replacing what an earlier run found.

    `citations` rows are (statute, article, article_suffix, paragraph, item, start, end)."""
    DocumentSection.delete().where(DocumentSection.document == document_id).execute()
    StatuteCitation.delete().where(StatuteCitation.document == document_id).execute()
    if sections:
        DocumentSection.insert_many(
            [(document_id, k, s, e) for k, s, e in sections],
            fields=[
                DocumentSection.document,
                DocumentSection.kind,
                DocumentSection.start,
                DocumentSection.end,
            ],
        ).execute()
    if citations:
        StatuteCitation.insert_many(
            [(document_id, *c) for c in citations],
            fields=[
                StatuteCitation.document,
                StatuteCitation.statute,
                StatuteCitation.article,
                StatuteCitation.article_suffix,
                StatuteCitation.paragraph,
                StatuteCitation.item,
                StatuteCitation.start,
                StatuteCitation.end,
            ],
        ).execute()


def replace_sections(document_id: int, sections: Sequence[tuple[str, int, int]]) -> None:
    """Replace one document's sections only (its citations stay)."""
    DocumentSection.delete().where(DocumentSection.document == document_id).execute()
    if sections:
        DocumentSection.insert_many(
            [(document_id, k, s, e) for k, s, e in sections],
            fields=[
                DocumentSection.document,
                DocumentSection.kind,
                DocumentSection.start,
                DocumentSection.end,
            ],
        ).execute()


def sections(document_ids: Iterable[int] | None = None) -> dict[int, list[tuple[str, int, int]]]:
    """(kind, start, end) per document, in text order."""
    query = DocumentSection.select(
        DocumentSection.document, DocumentSection.kind, DocumentSection.start, DocumentSection.end
    ).order_by(DocumentSection.document, DocumentSection.start)
    if document_ids is not None:
        query = query.where(DocumentSection.document.in_(list(document_ids)))
    out: dict[int, list[tuple[str, int, int]]] = {}
    for doc, kind, start, end in query.tuples():
        out.setdefault(doc, []).append((kind, start, end))
    return out


def citations(
    document_ids: Iterable[int] | None = None,
) -> list[tuple[int, str, int, int | None, int | None, int | None, int, int]]:
    """(document id, statute, article, article_suffix, paragraph, item, start, end) of live documents."""
    query = (
        StatuteCitation.select(
            StatuteCitation.document,
            StatuteCitation.statute,
            StatuteCitation.article,
            StatuteCitation.article_suffix,
            StatuteCitation.paragraph,
            StatuteCitation.item,
            StatuteCitation.start,
            StatuteCitation.end,
        )
        .join(Document)
        .where(Document.removed_at.is_null())
        .order_by(StatuteCitation.document, StatuteCitation.start)
    )
    if document_ids is not None:
        query = query.where(StatuteCitation.document.in_(list(document_ids)))
    return list(query.tuples())


# Fast reads for corpus-wide lists and counts: plain SQL (any engine), tuples instead of records, since
# these return tens of thousands of rows.


def _in(column: str, values: Iterable[int] | None, params: list) -> str:
    if values is None:
        return ""
    values = list(values)
    params.extend(values)
    return f" AND {column} IN ({','.join('?' * len(values))})" if values else " AND 1 = 0"


def tag_rows(
    category_ids: Iterable[int] | None = None,
    annotator_ids: Iterable[int] | None = None,
    document_ids: Iterable[int] | None = None,
    *,
    passages: bool = False,
) -> list[tuple]:
    """Live tags of live documents in document order: (id, document_id, category_id, annotator_id,
    start, end) and, with `passages`, also (text, before, after, memo)."""
    params: list = []
    cols = 'a.id, a.document_id, a.category_id, a.annotator_id, a.start, a."end"'
    if passages:
        cols += ", a.text, a.before, a.after, a.memo"
    # Neither a join to `document` (it would read past each document's long text, stored before
    # removed_at, once per tag) nor ORDER BY (SQLite would walk the (document, start) index and fetch
    # rows at random): one scan of the table, filtered and sorted here.
    sql = f"SELECT {cols} FROM annotation a WHERE a.deleted_at IS NULL"
    sql += _in("a.category_id", category_ids, params)
    sql += _in("a.annotator_id", annotator_ids, params)
    sql += _in("a.document_id", document_ids, params)
    live = {r[0] for r in database.execute_sql("SELECT id FROM document WHERE removed_at IS NULL").fetchall()}
    rows = [r for r in database.execute_sql(sql, params).fetchall() if r[1] in live]
    rows.sort(key=lambda r: (r[1], r[4], r[5], r[0]))
    return rows


def all_sections(document_ids: Iterable[int] | None = None) -> dict[int, list[tuple[str, int, int]]]:
    params: list = []
    sql = 'SELECT document_id, kind, start, "end" FROM document_section WHERE 1 = 1'
    sql += _in("document_id", document_ids, params)
    out: dict[int, list[tuple[str, int, int]]] = {}
    for doc, kind, start, end in database.execute_sql(
        sql + " ORDER BY document_id, start", params
    ).fetchall():
        out.setdefault(doc, []).append((kind, start, end))
    return out


def citation_counts() -> list[tuple[str, int, int | None, int]]:
    """(statute, article, article_suffix, citations) over live documents."""
    return database.execute_sql(
        "SELECT c.statute, c.article, c.article_suffix, COUNT(*) FROM statute_citation c "
        "WHERE c.document_id IN (SELECT id FROM document WHERE removed_at IS NULL) "
        "GROUP BY c.statute, c.article, c.article_suffix ORDER BY COUNT(*) DESC, c.statute, c.article"
    ).fetchall()


def _removed_documents() -> list[int]:
    return [
        r[0] for r in database.execute_sql("SELECT id FROM document WHERE removed_at IS NOT NULL").fetchall()
    ]


def tag_counts(annotator_ids: Iterable[int] | None = None) -> list[tuple[int, int, int]]:
    """(document_id, category_id, live tags) for live documents. One scan of the table (`+document_id`
    keeps the planner from walking the document index and fetching rows at random)."""
    params: list = []
    sql = "SELECT document_id, category_id, COUNT(*) FROM annotation WHERE deleted_at IS NULL"
    sql += _in("annotator_id", annotator_ids, params)
    removed = set(_removed_documents())
    # PostgreSQL plans this as one scan anyway, and its GROUP BY must name the selected column.
    group = " GROUP BY document_id, category_id" if on_server() else " GROUP BY +document_id, category_id"
    rows = database.execute_sql(sql + group, params).fetchall()
    return [r for r in rows if r[0] not in removed]


def overlap_counts(annotator_ids: Iterable[int] | None = None) -> list[tuple[int, int, int]]:
    """(category a, category b, pairs of overlapping tags) with a < b, each overlapping pair counted once:
    the database scans the tags once and looks up, per tag, the tags that start inside it on the
    (document, start) index."""
    params: list = []
    who_a = _in("a.annotator_id", annotator_ids, params)
    who_b = _in("b.annotator_id", annotator_ids, params)
    removed = _removed_documents()
    not_removed = f" AND a.document_id NOT IN ({','.join('?' * len(removed))})" if removed else ""
    params += removed
    low, high = ("LEAST", "GREATEST") if on_server() else ("MIN", "MAX")  # of two values, not aggregates
    sql = (
        f"SELECT {low}(a.category_id, b.category_id), {high}(a.category_id, b.category_id), COUNT(*) "
        "FROM annotation a JOIN annotation b ON b.document_id = a.document_id "
        'AND b.start >= a.start AND b.start < a."end" AND (b.start > a.start OR b.id > a.id) '
        "WHERE a.deleted_at IS NULL AND b.deleted_at IS NULL AND a.category_id <> b.category_id"
        f"{who_a}{who_b}{not_removed} GROUP BY 1, 2"
    )
    return database.execute_sql(sql, params).fetchall()


def category_citation_counts(
    annotator_ids: Iterable[int] | None = None,
) -> list[tuple[int, str, int, int | None, int]]:
    """(category_id, statute, article, article_suffix, citations) for statute citations that lie inside
    tagged passages: which articles each category's passages cite."""
    params: list = []
    who = _in("a.annotator_id", annotator_ids, params)
    removed = _removed_documents()
    not_removed = f" AND a.document_id NOT IN ({','.join('?' * len(removed))})" if removed else ""
    params += removed
    sql = (
        "SELECT a.category_id, c.statute, c.article, c.article_suffix, COUNT(*) "
        "FROM statute_citation c JOIN annotation a ON a.document_id = c.document_id "
        'AND c.start >= a.start AND c.start < a."end" AND c."end" <= a."end" '
        f"WHERE a.deleted_at IS NULL{who}{not_removed} "
        "GROUP BY a.category_id, c.statute, c.article, c.article_suffix "
        "ORDER BY COUNT(*) DESC, a.category_id, c.statute, c.article"
    )
    return database.execute_sql(sql, params).fetchall()
