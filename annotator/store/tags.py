"""Tags in bulk: the one writer every intake (annotation import, merge) ends in, the bulk update of
tags' content, and the look-ups the intake matcher makes before it writes; and, at the end, one tag at
a time (add, edit, remove) and tags as the views read them.

Everything here runs inside the caller's transaction and goes through the driver's own cursor with
plain rows: at 100,000 tags, building SQL through the query builder (~20k rows/s) or one model object
per row costs ten times more than the work itself. The statements use the engine's own identifier
quotes and placeholder, so they run on SQLite and on the team server's PostgreSQL alike.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any

from peewee import Tuple

from annotator.core import model as core
from annotator.core.model import TAG_ROW_FIELDS
from annotator.core.span_table import TagColumns
from annotator.store.models import TAG_ROW_COLUMNS, Annotation, Document, database
from annotator.store.rows import annotation_from_row, annotation_from_tuple, parse_stamp, raw_rows, stamp

_CHUNK = 500  # bound parameters per IN (...): well under every engine's limit
_BATCH = 10_000  # rows per executemany, between progress reports

# The columns a new tag is written with, in the order of the rows `insert_annotations` builds.
_INSERT_COLUMNS = TAG_ROW_FIELDS[1:]
_READ_COLUMNS = TAG_ROW_FIELDS

# What comparing a tag by its content needs; the quote and context are read only for the few that differ.
KEY_COLUMNS = (
    "id",
    "uuid",
    "document_id",
    "category_id",
    "start",
    "end",
    "memo",
    "deleted_at",
    "annotator_id",
)
ID, UUID, DOCUMENT, CATEGORY, START, END, MEMO, DELETED, ANNOTATOR = range(len(KEY_COLUMNS))


def _q(name: str) -> str:
    open_q, close_q = database.quote[0], database.quote[-1]  # the engine's identifier quotes
    return f"{open_q}{name}{close_q}"


def _table() -> str:
    return _q(Annotation._meta.table_name)


def _columns(names: Iterable[str]) -> str:
    return ", ".join(_q(c) for c in names)


def insert_annotations(
    rows: Sequence[dict[str, Any]], progress: Callable[[int, int], Any] | None = None
) -> list[core.Annotation]:
    """Insert tags in bulk from dicts with uuid, document_id, annotator_id, category_id, start, end,
    text, before, after, and optionally memo and created (see `insert_rows`)."""
    return insert_rows(
        [
            (
                r["uuid"],
                r["document_id"],
                r["annotator_id"],
                r["category_id"],
                r["start"],
                r["end"],
                r["text"],
                r["before"],
                r["after"],
                r.get("memo") or "",
                r.get("created"),
            )
            for r in rows
        ],
        progress,
    )


def insert_rows(
    rows: Sequence[tuple], progress: Callable[[int, int], Any] | None = None
) -> list[core.Annotation]:
    """Insert tags in bulk (inside the caller's transaction) and return them as stored: the one writer
    of every intake.

    Each row is (uuid, document_id, annotator_id, category_id, start, end, text, before, after, memo,
    created), `created` a datetime, an ISO stamp, or None for now. `progress(done, total)` is called
    between batches and may raise to cancel: the caller's transaction then rolls back."""
    if not rows:
        return []
    now = stamp()
    before_max = database.execute_sql(f"SELECT MAX({_q('id')}) FROM {_table()}").fetchone()[0] or 0
    values = [(*r[:10], _created(r[10], now), now) for r in rows]
    sql = (
        f"INSERT INTO {_table()} ({_columns(_INSERT_COLUMNS)}) "
        f"VALUES ({', '.join([database.param] * len(_INSERT_COLUMNS))})"
    )
    cursor = database.cursor()
    for i in range(0, len(values), _BATCH):
        if progress is not None:
            progress(i, len(values))
        cursor.executemany(sql, values[i : i + _BATCH])
    # New ids are above the largest before (SQLite's rowid and a server's sequence both only grow);
    # another member's rows among them are left out by uuid.
    ids = dict(
        database.execute_sql(
            f"SELECT {_q('uuid')}, {_q('id')} FROM {_table()} WHERE {_q('id')} > {database.param}",
            (before_max,),
        ).fetchall()
    )
    updated = datetime.fromisoformat(now)
    parsed: dict[str, datetime] = {now: updated}  # most rows share a few stamps
    out = []
    for v in values:
        created = parsed.get(v[10])
        if created is None:
            created = parsed[v[10]] = datetime.fromisoformat(v[10])
        out.append(core.Annotation(ids[v[0]], *v[:10], created=created, updated=updated))
    return out


def _created(value: datetime | str | None, now: str) -> str:
    if not value:
        return now
    return value if isinstance(value, str) else stamp(value)


def update_annotations(rows: Sequence[dict[str, Any]]) -> str:
    """Give existing tags new content in bulk (inside the caller's transaction): each row has id and
    document_id, category_id, start, end, text, before, after, memo. Returns the time stamped."""
    now = stamp()
    fields = ("document_id", "category_id", "start", "end", "text", "before", "after", "memo")
    sets = ", ".join(f"{_q(f)} = {database.param}" for f in fields)
    sql = (
        f"UPDATE {_table()} SET {sets}, {_q('updated')} = {database.param} "
        f"WHERE {_q('id')} = {database.param}"
    )
    database.cursor().executemany(sql, [(*(r[f] for f in fields), now, r["id"]) for r in rows])
    return now


def annotation_keys(candidates: Iterable[str]) -> dict[str, tuple]:
    """Of the given uuids, the tags already in the project, live or removed: uuid → a plain row of
    `KEY_COLUMNS` (comparing 100,000 tags must not build 100,000 objects nor read their quotes)."""
    wanted = list(dict.fromkeys(u for u in candidates if u))
    if not wanted:
        return {}
    columns = _columns(KEY_COLUMNS)
    if len(wanted) <= 40 * _CHUNK:
        out: dict[str, tuple] = {}
        for i in range(0, len(wanted), _CHUNK):
            part = wanted[i : i + _CHUNK]
            marks = ", ".join([database.param] * len(part))
            cursor = database.execute_sql(
                f"SELECT {columns} FROM {_table()} WHERE {_q('uuid')} IN ({marks})", part
            )
            out.update((r[UUID], r) for r in cursor)
        return out
    # Many: one scan of the table beats hundreds of IN (...) look-ups.
    keep = set(wanted)
    cursor = database.execute_sql(f"SELECT {columns} FROM {_table()}")
    return {r[UUID]: r for r in cursor if r[UUID] in keep}


def live_keys(document_ids: Iterable[int]) -> set[tuple[int, int, int, int, int]]:
    """(document, start, end, category, annotator) of the live tags of these documents: how an input
    without our uuids stays idempotent."""
    ids, found = list(dict.fromkeys(document_ids)), set()
    columns = _columns(("document_id", "start", "end", "category_id", "annotator_id"))
    for i in range(0, len(ids), _CHUNK):
        part = ids[i : i + _CHUNK]
        marks = ", ".join([database.param] * len(part))
        found.update(
            database.execute_sql(
                f"SELECT {columns} FROM {_table()} WHERE {_q('document_id')} IN ({marks}) "
                f"AND {_q('deleted_at')} IS NULL",
                part,
            ).fetchall()
        )
    return found


def annotations_by_ids(ids: Iterable[int]) -> dict[int, core.Annotation]:
    """Tags by id, removed ones included, as the domain type (plain driver rows, not model objects)."""
    out: dict[int, core.Annotation] = {}
    ids = list(ids)
    columns = _columns(_READ_COLUMNS)
    for i in range(0, len(ids), _CHUNK):
        part = ids[i : i + _CHUNK]
        marks = ", ".join([database.param] * len(part))
        for r in database.execute_sql(
            f"SELECT {columns} FROM {_table()} WHERE {_q('id')} IN ({marks})", part
        ):
            out[r[0]] = core.Annotation(*r[:11], created=parse_stamp(r[11]), updated=parse_stamp(r[12]))
    return out


def annotations_in_order(ids: Sequence[int]) -> list[core.Annotation]:
    """The tags with these ids, removed ones included, in the order given."""
    found = annotations_by_ids(ids)
    return [found[i] for i in ids if i in found]


def set_categories(category_of: dict[int, int]) -> None:
    """Give many tags new categories at once ({tag id: category id}): merging or un-merging categories."""
    now = stamp()
    by_category: dict[int, list[int]] = {}
    for tag, category in category_of.items():
        by_category.setdefault(category, []).append(tag)
    for category, ids in by_category.items():
        for i in range(0, len(ids), _CHUNK):
            (
                Annotation.update(category=category, updated=now)
                .where(Annotation.id.in_(ids[i : i + _CHUNK]))
                .execute()
            )


# One tag at a time, and tags as the views read them ----------------------------------------------


def insert_annotation(
    *,
    document_id: int,
    annotator_id: int,
    category_id: int,
    start: int,
    end: int,
    text: str,
    before: str,
    after: str,
    memo: str = "",
    uuid: str | None = None,
    created: datetime | None = None,
) -> core.Annotation:
    now = stamp()
    row = Annotation.create(
        uuid=uuid or core.new_uuid(),
        document=document_id,
        annotator=annotator_id,
        category=category_id,
        start=start,
        end=end,
        text=text,
        before=before,
        after=after,
        memo=memo,
        created=stamp(created) if created else now,
        updated=now,
    )
    return annotation_from_row(row)


def get_annotation(annotation_id: int, *, include_deleted: bool = False) -> core.Annotation | None:
    cond = Annotation.id == annotation_id
    if not include_deleted:
        cond &= Annotation.deleted_at.is_null()
    row = Annotation.get_or_none(cond)
    return annotation_from_row(row) if row else None


def find_annotation(uuid: str) -> core.Annotation | None:
    row = Annotation.get_or_none(Annotation.uuid == uuid)
    return annotation_from_row(row) if row else None


def update_annotation(annotation_id: int, **fields) -> core.Annotation:
    Annotation.update(updated=stamp(), **fields).where(Annotation.id == annotation_id).execute()
    return get_annotation(annotation_id, include_deleted=True)


def set_deleted(annotation_id: int, deleted: bool) -> core.Annotation:
    return update_annotation(annotation_id, deleted_at=stamp() if deleted else None)


def set_deleted_many(annotation_ids: Sequence[int], deleted: bool) -> None:
    """Mark many tags removed (or live again) at once: undo of a merge of 100,000 tags."""
    now = stamp()
    # By runs of consecutive ids: the tags one merge or import added were written one after the
    # other, so 100,000 of them are a few `BETWEEN`s instead of 200 lists of 500 ids.
    runs: list[tuple[int, int]] = []
    for i in sorted(set(annotation_ids)):
        if runs and runs[-1][1] == i - 1:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    for first, last in runs:
        (
            Annotation.update(deleted_at=now if deleted else None, updated=now)
            .where(Annotation.id.between(first, last))
            .execute()
        )


def list_annotations(
    document_ids: Iterable[int] | None = None,
    annotator_ids: Iterable[int] | None = None,
    category_ids: Iterable[int] | None = None,
) -> list[core.Annotation]:
    # Plain tuples, not model instances: building 100,000 peewee objects costs seconds.
    query = (
        Annotation.select(*TAG_ROW_COLUMNS)
        .join(Document)
        .where(Annotation.deleted_at.is_null() & Document.removed_at.is_null())
        .order_by(Annotation.document, Annotation.start, Annotation.end, Annotation.id)
    )
    if document_ids is not None:
        query = query.where(Annotation.document.in_(list(document_ids)))
    if annotator_ids is not None:
        query = query.where(Annotation.annotator.in_(list(annotator_ids)))
    if category_ids is not None:
        query = query.where(Annotation.category.in_(list(category_ids)))
    return [annotation_from_tuple(t) for t in raw_rows(query)]


def spans(document_id: int, annotator_ids: Iterable[int] | None = None) -> list[tuple[int, int, int, int]]:
    """(start, end, annotation id, category id) of a document's live annotations: the view's fast path."""
    query = (
        Annotation.select(Annotation.start, Annotation.end, Annotation.id, Annotation.category)
        .where((Annotation.document == document_id) & Annotation.deleted_at.is_null())
        .order_by(Annotation.start)
    )
    if annotator_ids is not None:
        query = query.where(Annotation.annotator.in_(list(annotator_ids)))
    return raw_rows(query)


def annotation_columns(
    document_id: int,
    *,
    after: tuple[int, int, int] | None = None,
    limit: int | None = None,
    meeting: tuple[int, int] | None = None,
) -> TagColumns:
    """A document's live tags as columns in (start, end, id) order: opening a document reads this, one
    row of five integers per tag (from the covering index of schema 8) and no object per tag.

    `after` and `limit` read it a page at a time (the tags whose (start, end, id) comes after `after`, at
    most `limit` of them: a range of the same index, no offset to skip); `meeting=(a, b)` reads only the
    tags that meet `[a, b)`, the screenful a window shows first.

    Measured on 100,000 tags: this is cheaper than making SQLite pack the columns into one string
    (group_concat of printf hex, or of decimals) and parsing it; SQLite's own reading of the index is about
    a quarter of the cost, the rows Python receives the rest."""
    query = Annotation.select(
        Annotation.start, Annotation.end, Annotation.id, Annotation.category, Annotation.annotator
    ).where((Annotation.document == document_id) & Annotation.deleted_at.is_null())
    if after is not None:
        query = query.where(Tuple(Annotation.start, Annotation.end, Annotation.id) > Tuple(*after))
    if meeting is not None:
        query = query.where((Annotation.start < meeting[1]) & (Annotation.end > meeting[0]))
    query = query.order_by(Annotation.start, Annotation.end, Annotation.id)
    if limit is not None:
        query = query.limit(limit)
    return TagColumns.from_rows(raw_rows(query))


_IDS_PER_QUERY = 500  # bound parameters per IN (...): well under every engine's limit


def get_annotations(annotation_ids: Iterable[int], *, include_deleted: bool = False) -> list[core.Annotation]:
    """The annotations with these ids (in id order; unknown ids left out): the rows of a tag list in view."""
    ids, found = list(annotation_ids), []
    for i in range(0, len(ids), _IDS_PER_QUERY):
        query = Annotation.select(*TAG_ROW_COLUMNS).where(Annotation.id.in_(ids[i : i + _IDS_PER_QUERY]))
        if not include_deleted:
            query = query.where(Annotation.deleted_at.is_null())
        found.extend(annotation_from_tuple(t) for t in raw_rows(query.order_by(Annotation.id)))
    return sorted(found, key=lambda a: a.id)


def count_annotations() -> int:
    return Annotation.select().where(Annotation.deleted_at.is_null()).count()
