"""Copying a whole project between an SQLite file and a team server, in either direction.

Every row of every project table goes across as it is — ids, uuids, removed tags and documents, earlier
texts, adjudication, project info — so the copy is the same project, not an import of it. The target
is written in one transaction (push) or into a temporary file renamed into place at the end (pull), so
a failure leaves nothing half copied. Server-only tables (`member`) stay on the server; SQLite's search
index is rebuilt by its triggers as the documents arrive.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

from psycopg2.extras import execute_values

from annotator.core import partials
from annotator.core.errors import ProjectError
from annotator.store import server
from annotator.store.db import migrate, schema_version
from annotator.store.migrations import LATEST
from annotator.store.sqlite import connect, reading_connection

SERVER_ONLY = {"member"}
_BATCH = 2000
Progress = Callable[[int, int], None] | None


def _sqlite_tables(con: sqlite3.Connection) -> list[str]:
    rows = con.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND name NOT LIKE 'document_fts%' AND name <> 'search_pending'"  # SQLite's search index only
    ).fetchall()
    return [r[0] for r in rows]


def _sqlite_columns(con: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in con.execute(f'PRAGMA table_info("{table}")')]


def _order(tables: list[str], parents: dict[str, set[str]]) -> list[str]:
    """Tables so that each comes after the tables its foreign keys point to."""
    done: list[str] = []

    def visit(t: str, path: tuple[str, ...]) -> None:
        if t in done or t in path:
            return
        for p in sorted(parents.get(t, ())):
            if p != t and p in tables:
                visit(p, (*path, t))
        done.append(t)

    for t in sorted(tables):
        visit(t, ())
    return done


def _self_parent_first(rows: list[tuple], columns: list[str], self_fk: str | None) -> list[tuple]:
    """Rows of a table that points to itself (categories' parents), parents before children."""
    if not self_fk:
        return rows
    i_id, i_parent = columns.index("id"), columns.index(self_fk)
    by_id = {r[i_id]: r for r in rows}
    out, seen = [], set()

    def put(r: tuple, depth: int = 0) -> None:
        if r[i_id] in seen or depth > 1000:
            return
        parent = by_id.get(r[i_parent])
        if parent is not None:
            put(parent, depth + 1)
        seen.add(r[i_id])
        out.append(r)

    for r in rows:
        put(r)
    return out


def _key(columns: list[str]) -> str:
    return "id" if "id" in columns else columns[0]


# Push: SQLite file → empty server database -------------------------------------------------------


def push(source: str | Path, url: str, progress: Progress = None) -> dict[str, int]:
    """Copy the project file `source` (at the current schema) into the server database `url`, which
    must hold no project yet. Returns rows copied per table."""
    source = Path(source)
    where = server.without_password(url)
    db = server.connect(url)
    # The reading connection every reader of a file that is not the open project uses: it leaves no
    # -wal/-shm behind next to the source (a read-only URI connection would).
    src = reading_connection(source.resolve())
    counts: dict[str, int] = {}
    try:
        if schema_version(db) > 0:
            raise ProjectError(
                "this database already holds a project; push copies into an empty one "
                "(bring work into a team project with merge)",
                path=where,
            )
        with db.atomic():
            migrate(db, 0)
            db.execute_sql("DELETE FROM project_info")  # the source's own rows come across below
            target_tables = set(db.get_tables())
            tables = [t for t in _sqlite_tables(src) if t in target_tables and t not in SERVER_ONLY]
            fks = {t: {fk.dest_table for fk in db.get_foreign_keys(t)} for t in tables}
            self_fks = {
                t: next((fk.column for fk in db.get_foreign_keys(t) if fk.dest_table == t), None)
                for t in tables
            }
            ordered = _order(tables, fks)
            total = sum(src.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in ordered)
            done = 0
            cur = db.cursor()
            for table in ordered:
                target_cols = {c.name: c.data_type for c in db.get_columns(table)}
                columns = [c for c in _sqlite_columns(src, table) if c in target_cols]
                booleans = [i for i, c in enumerate(columns) if target_cols[c] == "boolean"]
                names = ", ".join(f'"{c}"' for c in columns)
                rows = src.execute(f'SELECT {names} FROM "{table}" ORDER BY "{_key(columns)}"').fetchall()
                rows = _self_parent_first(rows, columns, self_fks[table])
                if booleans:
                    rows = [
                        tuple(bool(v) if i in booleans and v is not None else v for i, v in enumerate(r))
                        for r in rows
                    ]
                for i in range(0, len(rows), _BATCH):
                    if progress is not None:
                        progress(done + i, total)
                    execute_values(
                        cur,
                        f'INSERT INTO "{table}" ({names}) VALUES %s',
                        rows[i : i + _BATCH],
                        page_size=_BATCH,
                    )
                done += len(rows)
                counts[table] = len(rows)
                if "id" in columns:  # the next id the server hands out follows the copied ones
                    db.execute_sql(
                        f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                        f'COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM "{table}"'
                    )
            if progress is not None:
                progress(total, total)
    except sqlite3.Error as exc:
        raise ProjectError(f"cannot read the project file: {exc}", path=str(source)) from None
    except ProjectError:
        raise
    except Exception as exc:  # noqa: BLE001 (peewee/psycopg2 errors from the server)
        raise ProjectError(
            f"the push failed and nothing was copied: {_first_line(exc)}", path=where
        ) from None
    finally:
        src.close()
        db.close()
    return counts


# Pull: server database → new SQLite file --------------------------------------------------------


def pull(url: str, target: str | Path, progress: Progress = None) -> dict[str, int]:
    """Copy the team project at `url` into a new project file `target` (which must not exist)."""
    target = Path(target)
    if target.exists():
        raise ProjectError("a file with this name already exists", path=str(target))
    where = server.without_password(url)
    db = server.connect(url)
    partials.clear_stale(target.absolute().parent)
    partial = partials.partial_path(target)
    counts: dict[str, int] = {}
    try:
        if schema_version(db) == 0:
            raise ProjectError("this database holds no project", path=where)
        if schema_version(db) > LATEST:
            raise ProjectError("this project was written by a newer version of the program", path=where)
        local = connect(partial)
        try:
            migrate(local, 0)
            con = local.connection()
            # One snapshot of the server: a colleague's commit during the pull is wholly in or out.
            with db.atomic():
                db.execute_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                server_tables = set(db.get_tables())
                tables = [t for t in _sqlite_tables(con) if t in server_tables and t not in SERVER_ONLY]
                fks = {t: {fk.dest_table for fk in db.get_foreign_keys(t)} for t in tables}
                self_fks = {
                    t: next((fk.column for fk in db.get_foreign_keys(t) if fk.dest_table == t), None)
                    for t in tables
                }
                ordered = _order(tables, fks)
                total = sum(db.execute_sql(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in ordered)
                done = 0
                with con:
                    con.execute("DELETE FROM project_info")
                    for table in ordered:
                        server_cols = {c.name for c in db.get_columns(table)}
                        columns = [c for c in _sqlite_columns(con, table) if c in server_cols]
                        names = ", ".join(f'"{c}"' for c in columns)
                        rows = db.execute_sql(
                            f'SELECT {names} FROM "{table}" ORDER BY "{_key(columns)}"'
                        ).fetchall()
                        rows = _self_parent_first(rows, columns, self_fks[table])
                        marks = ", ".join("?" * len(columns))
                        for i in range(0, len(rows), _BATCH):
                            if progress is not None:
                                progress(done + i, total)
                            con.executemany(
                                f'INSERT INTO "{table}" ({names}) VALUES ({marks})', rows[i : i + _BATCH]
                            )
                        done += len(rows)
                        counts[table] = len(rows)
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            local.close()
        for suffix in ("-wal", "-shm"):
            Path(str(partial) + suffix).unlink(missing_ok=True)
        os.replace(partial, target)
        if progress is not None:
            progress(total, total)
    except ProjectError:
        raise
    except Exception as exc:  # noqa: BLE001 (server or file errors: the partial file is removed)
        raise ProjectError(
            f"the pull failed and no file was written: {_first_line(exc)}", path=where
        ) from None
    finally:
        db.close()
        for p in (partial, Path(str(partial) + "-wal"), Path(str(partial) + "-shm")):
            p.unlink(missing_ok=True)
    return counts


def dump(location: str | Path) -> dict[str, list[tuple]]:
    """Every row of every project table, in key order, with booleans as 0/1: what two copies of one
    project must agree on (server-only tables and SQLite's search index left out)."""
    if server.is_server_location(str(location)):
        db = server.connect(str(location))
        try:
            tables = [t for t in db.get_tables() if t not in SERVER_ONLY]
            out = {}
            for t in tables:
                cols = sorted(c.name for c in db.get_columns(t))
                names = ", ".join(f'"{c}"' for c in cols)
                rows = db.execute_sql(f'SELECT {names} FROM "{t}" ORDER BY "{_key(cols)}"').fetchall()
                out[t] = [tuple(int(v) if isinstance(v, bool) else v for v in r) for r in rows]
            return out
        finally:
            db.close()
    con = reading_connection(Path(location).resolve())  # leaves the folder as it was
    try:
        out = {}
        for t in _sqlite_tables(con):
            cols = sorted(_sqlite_columns(con, t))
            names = ", ".join(f'"{c}"' for c in cols)
            out[t] = [tuple(r) for r in con.execute(f'SELECT {names} FROM "{t}" ORDER BY "{_key(cols)}"')]
        return out
    finally:
        con.close()


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
