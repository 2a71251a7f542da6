"""Full-text search backend. SQLITE-ONLY: this is the one module in `store/` that uses SQLite-specific
SQL (FTS5 with the trigram tokenizer, `instr`, the `document_fts` table and its triggers created by
migration 2). Another engine needs its own version of these few functions.

The trigram index answers "which documents contain this string" for strings of 3 or more characters.
A trigram `MATCH`/`LIKE` with fewer than 3 characters silently matches nothing, so 1- and 2-character
terms are answered with `instr` over the stored text instead (fast in C, no index needed). Positions of
the hits are found afterwards in the candidate documents' text, so the index only has to be a filter.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence

from annotator.store.models import Annotation, Document, database

TRIGRAM = 3


def has_index() -> bool:
    return bool(database.execute_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'document_fts'").fetchone())


def _fts_phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _has_ascii_letters(term: str) -> bool:
    return any("a" <= ch.lower() <= "z" for ch in term)


def _contains_sql(term: str, use_index: bool) -> tuple[str, list[str]]:
    """SQL condition on `d` for "the document contains `term`" (case-insensitive for ASCII letters)."""
    if use_index and len(term) >= TRIGRAM:
        return ("d.id IN (SELECT rowid FROM document_fts WHERE document_fts MATCH ?)", [_fts_phrase(term)])
    if _has_ascii_letters(term):
        return "instr(lower(d.text), lower(?)) > 0", [term]
    return "instr(d.text, ?) > 0", [term]


def candidate_documents(groups: Sequence[tuple[Sequence[str], Sequence[str]]],
                        document_ids: Iterable[int] | None = None) -> list[int]:
    """Live documents that match any group: all its positive terms present, none of its negative ones.
    In id order. `document_ids` restricts the answer (None: all documents)."""
    use_index = has_index()
    found: set[int] = set()
    for positive, negative in groups:
        where, params = ["d.removed_at IS NULL"], []
        for term in positive:
            sql, p = _contains_sql(term, use_index)
            where.append(sql)
            params += p
        for term in negative:
            sql, p = _contains_sql(term, use_index)
            where.append(f"NOT ({sql})")
            params += p
        rows = database.execute_sql(f"SELECT d.id FROM document d WHERE {' AND '.join(where)}", params)
        found.update(r[0] for r in rows)
    if document_ids is not None:
        found &= set(document_ids)
    return sorted(found)


def live_documents(document_ids: Iterable[int] | None = None) -> list[int]:
    rows = database.execute_sql("SELECT id FROM document WHERE removed_at IS NULL ORDER BY id").fetchall()
    ids = [r[0] for r in rows]
    if document_ids is not None:
        keep = set(document_ids)
        ids = [i for i in ids if i in keep]
    return ids


def texts(document_ids: Sequence[int], batch: int = 32) -> Iterator[tuple[int, str]]:
    """(id, text) of the given documents in the given order, read a few at a time so that a search
    that stops after its first hits reads little."""
    for i in range(0, len(document_ids), batch):
        chunk = list(document_ids[i:i + batch])
        rows = dict(Document.select(Document.id, Document.text).where(Document.id.in_(chunk)).tuples())
        for doc_id in chunk:
            if doc_id in rows:
                yield doc_id, rows[doc_id]


def document_metas() -> dict[int, tuple[str, dict]]:
    """(title, meta) of every live document, for filtering by metadata in Python (a few ms for
    thousands of documents, and the same on any engine)."""
    rows = Document.select(Document.id, Document.title, Document.meta).where(Document.removed_at.is_null())
    return {i: (t, json.loads(m or "{}")) for i, t, m in rows.tuples()}


def tag_spans(document_ids: Iterable[int], category_ids: Iterable[int],
              annotator_ids: Iterable[int] | None = None) -> dict[int, list[tuple[int, int]]]:
    """(start, end) of live tags of the given categories, per document, sorted."""
    query = (Annotation.select(Annotation.document, Annotation.start, Annotation.end)
             .where(Annotation.deleted_at.is_null() & Annotation.document.in_(list(document_ids))
                    & Annotation.category.in_(list(category_ids)))
             .order_by(Annotation.document, Annotation.start))
    if annotator_ids is not None:
        query = query.where(Annotation.annotator.in_(list(annotator_ids)))
    out: dict[int, list[tuple[int, int]]] = {}
    for doc, start, end in query.tuples():
        out.setdefault(doc, []).append((start, end))
    return out


def index_size() -> int | None:
    """Bytes the full-text index takes in the file (None without the index or the dbstat table)."""
    try:
        row = database.execute_sql(
            "SELECT SUM(pgsize) FROM dbstat WHERE name LIKE 'document_fts%'").fetchone()
    except Exception:  # noqa: BLE001 (dbstat is an optional SQLite build feature)
        return None
    return row[0] if row else None
