"""Another project file, read for merging a colleague's work without touching the open project's
connection: its live documents, categories, annotators and tags as the intake pipeline's `Incoming`."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from annotator.core.errors import ProjectError
from annotator.core.inputs import open_input
from annotator.core.intake import Incoming, IncomingAnnotator, IncomingCategory, IncomingDocument, IncomingTag
from annotator.core.messages import QT_TRANSLATE_NOOP, Message
from annotator.core.model import TAG_ROW_FIELDS
from annotator.store.db import parse_schema_version
from annotator.store.migrations import LATEST
from annotator.store.sqlite import reading_connection

_TABLES = ("project_info", "annotator", "document", "category", "annotation")


def read_project(path: str | Path) -> Incoming:
    """Every live document, category, annotator and tag of another project file (and the uuids of the
    tags it holds as removed), keyed by their uuids.

    The file is opened read-only through its own `sqlite3` connection: the open project's database
    binding is not touched, and the other file is never changed (nor migrated)."""
    path = Path(path)
    with open_input(path) as fh:
        if fh.read(16) != b"SQLite format 3\x00":
            raise ProjectError(
                Message(QT_TRANSLATE_NOOP("Messages", "not a project file (not an SQLite database)")),
                path=str(path),
            )
    try:
        con = reading_connection(path)
    except sqlite3.Error as exc:
        raise ProjectError(
            Message(QT_TRANSLATE_NOOP("Messages", "cannot open project: {detail}"), detail=str(exc)),
            path=str(path),
        ) from None
    con.row_factory = sqlite3.Row
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        missing = [t for t in _TABLES if t not in tables]
        if missing:
            raise ProjectError(
                Message(
                    QT_TRANSLATE_NOOP("Messages", "not a project file (no table {tables})"),
                    tables=", ".join(missing),
                ),
                path=str(path),
            )

        def columns(table: str) -> set[str]:
            return {r[1] for r in con.execute(f"PRAGMA table_info({table})")}

        def live(table: str, column: str) -> str:
            return f" WHERE {column} IS NULL" if column in columns(table) else ""

        info = dict(con.execute("SELECT key, value FROM project_info").fetchall())
        version = parse_schema_version(info.get("schema_version"), path)
        if version > LATEST:
            raise ProjectError(
                f"this project file was written by a newer version (schema {version}, this program "
                f"knows {LATEST}); update the program to merge it",
                path=str(path),
            )
        return _incoming(
            str(path),
            {
                "project_uuid": info.get("project_uuid", ""),
                "annotators": [
                    dict(r) for r in con.execute("SELECT id, uuid, name FROM annotator ORDER BY id")
                ],
                "categories": [
                    dict(r)
                    for r in con.execute(
                        "SELECT id, uuid, parent_id, name, name_en, description, color, shortcut FROM category"
                        + live("category", "removed_at")
                        + " ORDER BY sort_order, id"
                    )
                ],
                "documents": [
                    dict(r)
                    for r in con.execute(
                        "SELECT id, uuid, title, text, sha256, source_name, source_format, meta FROM document"
                        + live("document", "removed_at")
                        + " ORDER BY id"
                    )
                ],
                # Plain tuples in the order of ANNOTATION_COLUMNS: 100,000 Row objects turned into dicts cost a second.
                "annotations": _tuples(
                    con,
                    "SELECT "
                    + ", ".join(f'"{c}"' for c in ANNOTATION_COLUMNS)
                    + " FROM annotation"
                    + live("annotation", "deleted_at")
                    + " ORDER BY id",
                ),
                # Removed there: a colleague's deletion of a tag that is still live here.
                "deleted": dict(
                    con.execute(
                        "SELECT uuid, deleted_at FROM annotation WHERE deleted_at IS NOT NULL"
                    ).fetchall()
                )
                if "deleted_at" in columns("annotation")
                else {},
                "info": {str(k): str(v) for k, v in info.items()},
            },
        )
    except sqlite3.Error as exc:
        raise ProjectError(
            Message(QT_TRANSLATE_NOOP("Messages", "cannot read project: {detail}"), detail=str(exc)),
            path=str(path),
        ) from None
    finally:
        con.close()


ANNOTATION_COLUMNS = TAG_ROW_FIELDS[1:]


def _tuples(con: sqlite3.Connection, sql: str) -> list[tuple]:
    cursor = con.cursor()
    cursor.row_factory = None
    return cursor.execute(sql).fetchall()


def _incoming(path: str, rows: Mapping[str, Any]) -> Incoming:
    source = Incoming(
        path=path,
        format="project",
        project_uuid=str(rows.get("project_uuid") or ""),
        deleted=dict(rows.get("deleted") or {}),
        info=dict(rows.get("info") or {}),
    )
    cat_uuid = {r["id"]: r["uuid"] for r in rows["categories"]}
    for r in rows["categories"]:
        source.categories.append(
            IncomingCategory(
                key=r["uuid"],
                uuid=r["uuid"],
                name=r["name"],
                parent_key=cat_uuid.get(r["parent_id"]),
                name_en=r["name_en"] or "",
                description=r["description"] or "",
                color=r["color"] or "#888888",
                shortcut=r["shortcut"] or "",
            )
        )
    user_uuid = {r["id"]: r["uuid"] for r in rows["annotators"]}
    source.users = [
        IncomingAnnotator(key=r["uuid"], name=r["name"], uuid=r["uuid"]) for r in rows["annotators"]
    ]
    doc_uuid = {}
    for r in rows["documents"]:
        doc_uuid[r["id"]] = r["uuid"]
        try:
            meta = json.loads(r["meta"] or "{}")
        except json.JSONDecodeError:
            meta = {}
        source.documents.append(
            IncomingDocument(
                key=r["uuid"],
                uuid=r["uuid"],
                title=r["title"],
                sha256=r["sha256"],
                length=len(r["text"]),
                text=r["text"],
                source_name=r["source_name"] or "",
                source_format=r["source_format"] or "",
                meta=meta if isinstance(meta, dict) else {},
            )
        )
    append = source.annotations.append
    # Rows in the order of ANNOTATION_COLUMNS (plain tuples: there may be 100,000s). A tag's `where`
    # is its uuid: the file has no other name for it.
    for uuid, doc, user, cat, start, end, text, before, after, memo, created, updated in rows["annotations"]:
        if doc not in doc_uuid:
            continue  # its document was removed there
        append(
            IncomingTag(
                doc_uuid[doc],
                start,
                end,
                cat_uuid[cat],
                uuid,
                user_uuid[user],
                uuid,
                memo or "",
                text,
                created or None,
                before or "",
                after or "",
                updated or None,
            )
        )
    return source
