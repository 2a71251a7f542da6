"""Store access for merging a colleague's work: reading another project file without touching the open
project's connection, indexes of what this project already holds, and bulk inserts of tags."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from annotator.core import model as core
from annotator.core.errors import ProjectError
from annotator.core.inputs import open_input
from annotator.store.db import parse_schema_version, reading_connection
from annotator.store.migrations import LATEST
from annotator.store.models import Annotation, Annotator, Category, Document, database
from annotator.store.repo import _category, _dt, _info, stamp

_TABLES = ("project_info", "annotator", "document", "category", "annotation")
_CHUNK = 500  # rows per INSERT: well under SQLite's limit of bound variables
_BATCH = 10_000  # rows per executemany, between progress reports


def read_project_file(path: str | Path) -> dict[str, Any]:
    """Every live document, category, annotator and tag of another project file, as plain rows.

    The file is opened read-only through its own `sqlite3` connection: the open project's database
    binding is not touched, and the other file is never changed (nor migrated)."""
    path = Path(path)
    with open_input(path) as fh:
        if fh.read(16) != b"SQLite format 3\x00":
            raise ProjectError("not a project file (not an SQLite database)", path=str(path))
    try:
        con = reading_connection(path)
    except sqlite3.Error as exc:
        raise ProjectError(f"cannot open project: {exc}", path=str(path)) from None
    con.row_factory = sqlite3.Row
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        missing = [t for t in _TABLES if t not in tables]
        if missing:
            raise ProjectError(f"not a project file (no table {', '.join(missing)})", path=str(path))

        def columns(table: str) -> set[str]:
            return {r[1] for r in con.execute(f"PRAGMA table_info({table})")}

        def live(table: str, column: str) -> str:
            return f" WHERE {column} IS NULL" if column in columns(table) else ""

        info = dict(con.execute("SELECT key, value FROM project_info").fetchall())
        version = parse_schema_version(info.get("schema_version"), path)
        if version > LATEST:
            raise ProjectError(f"this project file was written by a newer version (schema {version}, this program "
                               f"knows {LATEST}); update the program to merge it", path=str(path))
        return {
            "project_uuid": info.get("project_uuid", ""),
            "annotators": [dict(r) for r in con.execute("SELECT id, uuid, name FROM annotator ORDER BY id")],
            "categories": [dict(r) for r in con.execute(
                "SELECT id, uuid, parent_id, name, name_en, description, color, shortcut FROM category"
                + live("category", "removed_at") + " ORDER BY sort_order, id")],
            "documents": [dict(r) for r in con.execute(
                "SELECT id, uuid, title, text, sha256, source_name, source_format, meta FROM document"
                + live("document", "removed_at") + " ORDER BY id")],
            # Plain tuples in the order of ANNOTATION_COLUMNS: 100,000 Row objects turned into dicts cost a second.
            "annotations": _tuples(con, "SELECT " + ", ".join(f'"{c}"' for c in ANNOTATION_COLUMNS)
                                   + " FROM annotation" + live("annotation", "deleted_at") + " ORDER BY id"),
            # Removed there: a colleague's deletion of a tag that is still live here.
            "deleted": dict(con.execute("SELECT uuid, deleted_at FROM annotation WHERE deleted_at IS NOT NULL")
                            .fetchall()) if "deleted_at" in columns("annotation") else {},
            "info": {str(k): str(v) for k, v in info.items()},
        }
    except sqlite3.Error as exc:
        raise ProjectError(f"cannot read project: {exc}", path=str(path)) from None
    finally:
        con.close()


ANNOTATION_COLUMNS = ("uuid", "document_id", "annotator_id", "category_id", "start", "end", "text", "before",
                      "after", "memo", "created", "updated")


def _tuples(con: sqlite3.Connection, sql: str) -> list[tuple]:
    cursor = con.cursor()
    cursor.row_factory = None
    return cursor.execute(sql).fetchall()


def documents_by_uuid() -> dict[str, tuple[int, str, bool]]:
    """uuid → (id, sha256, removed) of every document, removed ones included."""
    query = Document.select(Document.uuid, Document.id, Document.sha256, Document.removed_at)
    return {u: (i, sha, removed is not None) for u, i, sha, removed in query.tuples()}


def live_documents_by_sha() -> dict[str, int]:
    query = (Document.select(Document.sha256, Document.id).where(Document.removed_at.is_null())
             .order_by(Document.id.desc()))
    return {sha: i for sha, i in query.tuples()}


def document_titles() -> dict[int, str]:
    return dict(Document.select(Document.id, Document.title).tuples())


def document_text(document_id: int) -> str:
    return Document.select(Document.text).where(Document.id == document_id).scalar() or ""


def all_categories() -> list[tuple[core.Category, bool]]:
    """Every category with whether it was removed."""
    return [(_category(r), r.removed_at is not None) for r in Category.select().order_by(Category.id)]


def annotators_by_uuid() -> dict[str, core.Annotator]:
    return {r.uuid: core.Annotator(id=r.id, uuid=r.uuid, name=r.name) for r in Annotator.select()}


# What comparing a tag by its content needs; the quote and context are read only for the few that differ.
KEY_COLUMNS = ("id", "uuid", "document_id", "category_id", "start", "end", "memo", "deleted_at")
ID, UUID, DOCUMENT, CATEGORY, START, END, MEMO, DELETED = range(len(KEY_COLUMNS))


def annotation_keys(candidates: Sequence[str]) -> dict[str, tuple]:
    """Of the given uuids, the tags already in the project, live or removed: uuid → a plain row of
    `KEY_COLUMNS` (comparing 100,000 tags must not build 100,000 objects nor read their quotes)."""
    wanted = list(dict.fromkeys(candidates))
    if not wanted:
        return {}
    table = Annotation._meta.table_name
    columns = ", ".join(f'"{c}"' for c in KEY_COLUMNS)
    if len(wanted) <= 40 * _CHUNK:
        out: dict[str, tuple] = {}
        for i in range(0, len(wanted), _CHUNK):
            part = wanted[i:i + _CHUNK]
            marks = ", ".join([database.param] * len(part))
            cursor = database.execute_sql(f'SELECT {columns} FROM "{table}" WHERE "uuid" IN ({marks})', part)
            out.update((r[UUID], r) for r in cursor)
        return out
    # Many: one scan of the table beats hundreds of IN (...) look-ups.
    keep = set(wanted)
    cursor = database.execute_sql(f'SELECT {columns} FROM "{table}"')
    return {r[UUID]: r for r in cursor if r[UUID] in keep}


def annotations_by_ids(ids: Sequence[int]) -> dict[int, core.Annotation]:
    """Tags by id, removed ones included, as the domain type (plain driver rows, not model objects)."""
    out: dict[int, core.Annotation] = {}
    ids = list(ids)
    table = Annotation._meta.table_name
    columns = ", ".join(f'"{c}"' for c in ("id", "uuid", "document_id", "annotator_id", "category_id", "start",
                                           "end", "text", "before", "after", "memo", "created", "updated"))
    for i in range(0, len(ids), _CHUNK):
        part = ids[i:i + _CHUNK]
        marks = ", ".join([database.param] * len(part))
        for r in database.execute_sql(f'SELECT {columns} FROM "{table}" WHERE "id" IN ({marks})', part):
            out[r[0]] = core.Annotation(*r[:11], created=_dt(r[11]), updated=_dt(r[12]))
    return out


def update_annotations(rows: Sequence[dict[str, Any]]) -> str:
    """Give existing tags new content in bulk (inside the caller's transaction): each row has id and
    document_id, category_id, start, end, text, before, after, memo. Returns the time stamped."""
    now = stamp()
    fields = ("document_id", "category_id", "start", "end", "text", "before", "after", "memo")
    sets = ", ".join(f'"{f}" = {database.param}' for f in fields)
    sql = f'UPDATE "{Annotation._meta.table_name}" SET {sets}, "updated" = {database.param} WHERE "id" = {database.param}'
    database.cursor().executemany(sql, [(*(r[f] for f in fields), now, r["id"]) for r in rows])
    return now


def annotation_uuids(candidates: Sequence[str]) -> dict[str, bool]:
    """Of the given uuids, those already in the project → whether that tag was removed here."""
    wanted = set(candidates)
    if len(wanted) <= _CHUNK:
        query = Annotation.select(Annotation.uuid, Annotation.deleted_at).where(Annotation.uuid.in_(list(wanted)))
        return {u: deleted is not None for u, deleted in query.tuples()}
    # Many: one scan of the uuid column beats hundreds of IN (...) look-ups.
    cursor = database.execute_sql(f"SELECT uuid, deleted_at FROM {Annotation._meta.table_name}")
    return {u: deleted is not None for u, deleted in cursor if u in wanted}


def restore_document(document_id: int) -> core.DocumentInfo:
    Document.update(removed_at=None).where(Document.id == document_id).execute()
    return _info(Document.get_by_id(document_id))


def restore_category(category_id: int) -> core.Category:
    Category.update(removed_at=None).where(Category.id == category_id).execute()
    return _category(Category.get_by_id(category_id))


def insert_annotations(rows: Sequence[dict[str, Any]],
                       progress: Callable[[int, int], None] | None = None) -> list[core.Annotation]:
    """Insert tags in bulk (inside the caller's transaction) and return them as stored.

    Each row has document_id, annotator_id, category_id, start, end, text, before, after, memo, uuid
    and created (a datetime or None)."""
    if not rows:
        return []
    now = stamp()
    before_max = Annotation.select(Annotation.id).order_by(Annotation.id.desc()).limit(1).scalar() or 0
    fields = [Annotation.uuid, Annotation.document, Annotation.annotator, Annotation.category, Annotation.start,
              Annotation.end, Annotation.text, Annotation.before, Annotation.after, Annotation.memo,
              Annotation.created, Annotation.updated]
    values = [(r["uuid"], r["document_id"], r["annotator_id"], r["category_id"], r["start"], r["end"], r["text"],
               r["before"], r["after"], r["memo"], _created(r.get("created"), now), now) for r in rows]
    # Plain executemany: building the SQL for each row through the query builder costs ten times more.
    # Quoted names and the driver's own placeholder keep it engine-neutral.
    columns = ", ".join(f'"{f.column_name}"' for f in fields)
    marks = ", ".join([database.param] * len(fields))
    sql = f'INSERT INTO "{Annotation._meta.table_name}" ({columns}) VALUES ({marks})'
    with database.atomic():
        cursor = database.cursor()
        for i in range(0, len(values), _BATCH):
            if progress is not None:
                progress(i, len(values))  # may raise to cancel: the caller's transaction rolls back
            cursor.executemany(sql, values[i:i + _BATCH])
    ids = dict(Annotation.select(Annotation.uuid, Annotation.id).where(Annotation.id > before_max).tuples())
    created_at = datetime.fromisoformat(now)
    return [core.Annotation(
        id=ids[r["uuid"]], uuid=r["uuid"], document_id=r["document_id"], annotator_id=r["annotator_id"],
        category_id=r["category_id"], start=r["start"], end=r["end"], text=r["text"], before=r["before"],
        after=r["after"], memo=r["memo"], created=r.get("created") or created_at, updated=created_at)
        for r in rows]


def _created(value: datetime | None, now: str) -> str:
    return stamp(value) if value else now
