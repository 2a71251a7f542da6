"""Full-text search backend, the one module in `store/` with engine-specific SQL: on SQLite FTS5 with
the trigram tokenizer (`document_fts` and its triggers, migration 2) and `instr`; on PostgreSQL the
pg_trgm GIN index over `document.text` (same migration) with `ILIKE`, and `strpos`. Each function that
differs has both versions side by side, and one test runs every search on both engines.

The trigram index answers "which documents contain this string" for strings of 3 or more characters.
A trigram `MATCH`/`LIKE` with fewer than 3 characters silently matches nothing, so 1- and 2-character
terms are answered with `instr` over the stored text instead (fast in C, no index needed). Positions of
the hits are found afterwards in the candidate documents' text, so the index only has to be a filter.
"""

from __future__ import annotations

import heapq
import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import islice

from annotator.store.models import Annotation, database
from annotator.store.server import on_server

TRIGRAM = 3


def has_index() -> bool:
    if on_server():
        return bool(
            database.execute_sql(
                "SELECT 1 FROM pg_indexes WHERE schemaname = current_schema() AND indexname = 'document_text_trgm'"
            ).fetchone()
        )
    return bool(
        database.execute_sql(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'document_fts'"
        ).fetchone()
    )


def _pending_table() -> bool:
    return not on_server() and bool(
        database.execute_sql(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'search_pending'"
        ).fetchone()
    )


@contextmanager
def deferred_indexing() -> Iterator[None]:
    """Inside the caller's transaction: documents inserted in the block are listed in `search_pending`
    instead of being indexed (migration 9 says why and how); `index_pending` indexes them after the
    commit. Nothing changes on the team server or without the index."""
    if not _pending_table():
        yield
        return
    database.execute_sql("INSERT OR IGNORE INTO search_pending(document_id) VALUES (0)")
    try:
        yield
    finally:
        database.execute_sql("DELETE FROM search_pending WHERE document_id = 0")


def pending_count() -> int:
    """Documents waiting to be indexed (their text is searched directly until then)."""
    if not _pending_table():
        return 0
    return database.execute_sql("SELECT COUNT(*) FROM search_pending WHERE document_id > 0").fetchone()[0]


def _pending_live() -> list[int]:
    """Live documents not yet in the index, in id order (nearly always none)."""
    if not _pending_table():
        return []
    rows = database.execute_sql(
        "SELECT d.id FROM search_pending p JOIN document d ON d.id = p.document_id "
        "WHERE d.removed_at IS NULL ORDER BY d.id"
    ).fetchall()
    return [r[0] for r in rows]


def index_pending(batch: int = 8) -> None:
    """Index up to `batch` waiting documents, inside the caller's transaction (each one indexed and
    struck from the list, or neither)."""
    if not _pending_table():
        return
    ids = [
        r[0]
        for r in database.execute_sql(
            "SELECT document_id FROM search_pending WHERE document_id > 0 ORDER BY document_id LIMIT ?",
            (batch,),
        ).fetchall()
    ]
    if ids:
        marks = ", ".join("?" * len(ids))
        database.execute_sql(
            f"INSERT INTO document_fts(rowid, text) SELECT id, text FROM document "
            f"WHERE id IN ({marks}) AND removed_at IS NULL",
            ids,
        )
        database.execute_sql(f"DELETE FROM search_pending WHERE document_id IN ({marks})", ids)


def _like_pattern(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _pg_ids(positive: Sequence[str], negative: Sequence[str]):
    """PostgreSQL: live documents holding every term of `positive` and none of `negative` (3+ characters
    each), answered by the trigram index; ILIKE because SQLite's trigram index ignores ASCII case too."""
    where = ["removed_at IS NULL"]
    params: list[str] = []
    for term in positive:
        where.append("text ILIKE ?")
        params.append(_like_pattern(term))
    for term in negative:
        where.append("text NOT ILIKE ?")
        params.append(_like_pattern(term))
    return database.execute_sql(f"SELECT id FROM document WHERE {' AND '.join(where)} ORDER BY id", params)


def _fts_phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _has_ascii_letters(term: str) -> bool:
    return any("a" <= ch.lower() <= "z" for ch in term)


def _fts_query(terms: Sequence[str]) -> str:
    return " AND ".join(_fts_phrase(t) for t in terms)


def candidate_documents(
    groups: Sequence[tuple[Sequence[str], Sequence[str]]], document_ids: Iterable[int] | None = None
) -> Iterator[int]:
    """Live documents that may match any group (all its positive terms present, none of its negative
    ones), in id order. Only terms of 3+ characters are decided here, by the index; shorter terms are
    checked while the texts are read (see `texts(contains=…)`), so the answer is a superset.

    With one group the ids come lazily from an open cursor, so a search that stops after its first
    hits never walks the whole index for a common term."""
    use_index = has_index()
    allowed = None if document_ids is None else set(document_ids)

    def one(positive: Sequence[str], negative: Sequence[str]) -> Iterator[int]:
        long_pos = [t for t in positive if len(t) >= TRIGRAM]
        long_neg = [t for t in negative if len(t) >= TRIGRAM]
        excluded: set[int] = set()
        if on_server():
            yield from (
                doc_id for (doc_id,) in _pg_ids(long_pos, long_neg) if allowed is None or doc_id in allowed
            )
            return
        if use_index and long_neg:
            excluded = {
                r[0]
                for r in database.execute_sql(
                    "SELECT rowid FROM document_fts WHERE document_fts MATCH ?",
                    (" OR ".join(_fts_phrase(t) for t in long_neg),),
                )
            }
        if use_index and long_pos:
            cursor = database.execute_sql(
                "SELECT f.rowid FROM document_fts f JOIN document d ON d.id = f.rowid "
                "WHERE document_fts MATCH ? AND d.removed_at IS NULL ORDER BY f.rowid",
                (_fts_query(long_pos),),
            )
            # Documents an import added that the index has not taken up yet: candidates all (their
            # text is searched like any candidate's), so a search finds them as soon as they are in.
            pending = _pending_live()
            if pending:
                cursor = heapq.merge(cursor, ((i,) for i in pending))
        else:
            cursor = database.execute_sql("SELECT id FROM document WHERE removed_at IS NULL ORDER BY id")
        for (doc_id,) in cursor:
            if doc_id not in excluded and (allowed is None or doc_id in allowed):
                yield doc_id

    if len(groups) == 1:
        yield from one(*groups[0])
        return
    found: set[int] = set()
    for positive, negative in groups:
        found.update(one(positive, negative))
    yield from sorted(found)


def live_documents(document_ids: Iterable[int] | None = None) -> list[int]:
    rows = database.execute_sql("SELECT id FROM document WHERE removed_at IS NULL ORDER BY id").fetchall()
    ids = [r[0] for r in rows]
    if document_ids is not None:
        keep = set(document_ids)
        ids = [i for i in ids if i in keep]
    return ids


def texts(document_ids: Iterable[int], contains: Sequence[str] = ()) -> Iterator[tuple[int, str]]:
    """(id, text) of the given documents in the given order, read in batches that start small and
    grow, so that a search that stops after its first hits reads little. `contains`: strings every
    returned text must hold, tested by SQLite before the text is handed over (a rare short term then
    costs no Python scan)."""
    find = "strpos" if on_server() else "instr"
    conditions = "".join(
        f" AND {find}(lower(text), lower(?)) > 0" if _has_ascii_letters(t) else f" AND {find}(text, ?) > 0"
        for t in contains
    )
    ids = iter(document_ids)
    size = 2
    while True:
        chunk = list(islice(ids, size))
        if not chunk:
            return
        size = min(size * 2, 64)
        marks = ",".join("?" * len(chunk))
        rows = dict(
            database.execute_sql(
                f"SELECT id, text FROM document WHERE id IN ({marks}){conditions}", [*chunk, *contains]
            ).fetchall()
        )
        for doc_id in chunk:
            if doc_id in rows:
                yield doc_id, rows[doc_id]


def document_metas(document_ids: Iterable[int] | None = None) -> dict[int, tuple[str, dict]]:
    """(title, meta) of live documents (all, or the given ones), for filtering by metadata in Python
    (a few ms for thousands of documents, and the same on any engine)."""
    sql = "SELECT id, title, meta FROM document WHERE removed_at IS NULL"
    params: list[int] = []
    if document_ids is not None:
        params = list(document_ids)
        if not params:
            return {}
        sql += f" AND id IN ({','.join('?' * len(params))})"
    return {i: (t, json.loads(m or "{}")) for i, t, m in database.execute_sql(sql, params).fetchall()}


def sections(document_id: int) -> list[tuple[str, int, int]]:
    """(kind, start, end) of one document's sections; plain SQL, as it runs once per document read."""
    return [
        tuple(r)
        for r in database.execute_sql(
            'SELECT kind, start, "end" FROM document_section WHERE document_id = ? ORDER BY start',
            (document_id,),
        ).fetchall()
    ]


def tag_spans(
    document_ids: Iterable[int], category_ids: Iterable[int], annotator_ids: Iterable[int] | None = None
) -> dict[int, list[tuple[int, int]]]:
    """(start, end) of live tags of the given categories, per document, sorted."""
    query = (
        Annotation.select(Annotation.document, Annotation.start, Annotation.end)
        .where(
            Annotation.deleted_at.is_null()
            & Annotation.document.in_(list(document_ids))
            & Annotation.category.in_(list(category_ids))
        )
        .order_by(Annotation.document, Annotation.start)
    )
    if annotator_ids is not None:
        query = query.where(Annotation.annotator.in_(list(annotator_ids)))
    out: dict[int, list[tuple[int, int]]] = {}
    for doc, start, end in query.tuples():
        out.setdefault(doc, []).append((start, end))
    return out


def index_size() -> int | None:
    """Bytes the full-text index takes in the file (None without the index or the dbstat table)."""
    if on_server():
        if not has_index():
            return None
        return database.execute_sql("SELECT pg_relation_size('document_text_trgm')").fetchone()[0]
    try:
        row = database.execute_sql(
            "SELECT SUM(pgsize) FROM dbstat WHERE name LIKE 'document_fts%'"
        ).fetchone()
    except Exception:  # noqa: BLE001 (dbstat is an optional SQLite build feature)
        return None
    return row[0] if row else None


SUMMARY_KEYS = ("case_number", "court", "year", "date", "cause", "case_kind", "procedure", "document_type")


def document_summaries(document_ids: Iterable[int] | None = None) -> dict[int, tuple[str, dict]]:
    """(title, the few metadata keys lists show) per live document, picked out by SQLite's json_extract
    rather than decoding every document's whole metadata (parties, statutes …) in Python."""
    if on_server():
        # jsonb values arrive as Python values (numbers stay numbers), as json_extract gives them.
        cols = ", ".join(f"meta::jsonb -> '{k}'" for k in SUMMARY_KEYS)
    else:
        cols = ", ".join(f"json_extract(meta, '$.{k}')" for k in SUMMARY_KEYS)
    sql = f"SELECT id, title, {cols} FROM document WHERE removed_at IS NULL"
    params: list[int] = []
    if document_ids is not None:
        params = list(document_ids)
        if not params:
            return {}
        sql += f" AND id IN ({','.join('?' * len(params))})"
    try:
        with database.atomic():  # a savepoint: on PostgreSQL a failed statement spoils the transaction
            rows = database.execute_sql(sql, params).fetchall()
    except Exception:  # noqa: BLE001 (a document whose meta is not JSON: fall back to Python)
        metas = document_metas(params or None)
        return {i: (t, {k: m[k] for k in SUMMARY_KEYS if k in m}) for i, (t, m) in metas.items()}
    return {
        r[0]: (r[1], {k: v for k, v in zip(SUMMARY_KEYS, r[2:], strict=True) if v is not None}) for r in rows
    }
