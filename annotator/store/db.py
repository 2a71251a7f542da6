"""Opening a project file: connection settings, schema version, migrations with a backup first."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from peewee import DatabaseError, SqliteDatabase

from annotator.core.errors import DamagedProjectError, ProjectError
from annotator.store import models, server
from annotator.store.migrations import LATEST, MIGRATIONS
from annotator.store.views import create_views

# WAL lets a second process read while we write; FULL sync keeps every confirmed action through a
# power cut; the busy timeout lets a second writer (another window, the CLI) wait instead of failing.
PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": 10000,
    "synchronous": "full",
}


def connect(path: str | Path) -> SqliteDatabase:
    # IMMEDIATE: a transaction takes the write lock when it begins. A deferred one that reads first and
    # then writes fails at once ("database is locked", no busy wait) when another process committed in
    # between, which is exactly the two-windows-on-one-file case.
    db = SqliteDatabase(str(path), pragmas=PRAGMAS, lock_type="IMMEDIATE")
    try:
        db.connect()
    except (DatabaseError, sqlite3.DatabaseError) as exc:
        if _damaged(exc):
            raise DamagedProjectError(_DAMAGED, path=str(path), problems=[str(exc)]) from None
        raise ProjectError(f"cannot open project: {exc}", path=str(path)) from None
    return db


def schema_version(db: SqliteDatabase) -> int:
    if "project_info" not in db.get_tables():
        return 0
    row = db.execute_sql("SELECT value FROM project_info WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


def open_project_db(path: str | Path, *, create: bool = False) -> SqliteDatabase:
    """Open (or create) a project file, or a project in a database on a team server
    (`postgresql://…`), migrate it to the current schema and bind the models to it."""
    if server.is_server_location(path):
        return open_server_db(str(path), create=create)
    path = Path(path)
    if not create and not path.exists():
        raise ProjectError("project file not found", path=str(path))
    if create and path.exists():
        raise ProjectError("a file with this name already exists", path=str(path))
    if path.exists() and not _looks_like_sqlite(path):
        raise ProjectError("not a project file (not an SQLite database)", path=str(path))
    db = connect(path)
    try:
        if not create:
            problems = integrity_problems(db, quick=True)
            if problems:
                raise DamagedProjectError(_DAMAGED, path=str(path), problems=problems)
        version = schema_version(db)
        if version > LATEST:
            raise ProjectError(
                f"this project was written by a newer version (schema {version}, this program knows {LATEST})",
                path=str(path),
            )
        if version < LATEST:
            if version > 0:
                backup_copy(db, path, f"before-v{LATEST}")
            migrate(db, version)
    except DatabaseError as exc:
        db.close()
        if _damaged(exc):
            raise DamagedProjectError(_DAMAGED, path=str(path), problems=[str(exc)]) from None
        raise ProjectError(f"cannot read project: {exc}", path=str(path)) from None
    except ProjectError:
        db.close()
        raise
    models.database.initialize(db)
    return db


def open_server_db(url: str, *, create: bool = False):
    """A project in a PostgreSQL database: `create` puts a new project into an empty database; opening
    migrates an older schema (one member at a time, under an advisory lock) and refuses a newer one."""
    where = server.without_password(url)
    db = server.connect(url)
    try:
        version = schema_version(db)
        if create and version > 0:
            raise ProjectError("this database already holds a project", path=where)
        if not create and version == 0:
            raise ProjectError("this database holds no project yet (`annotator init URL` or "
                               "`annotator server init URL` prepares it)", path=where)
        if version > LATEST:
            raise ProjectError(
                f"this project was written by a newer version (schema {version}, this program knows {LATEST})",
                path=where)
        if version < LATEST:
            migrate(db, version)
    except DatabaseError as exc:
        db.close()
        raise ProjectError(f"cannot prepare the project on the server: {_first_line(exc)}", path=where) from None
    except ProjectError:
        db.close()
        raise
    models.database.initialize(db)
    return db


def server_holds_project(url: str) -> bool:
    """Whether a server database already holds a project (without binding the models to it)."""
    db = server.connect(url)
    try:
        return schema_version(db) > 0
    finally:
        db.close()


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


_UPSERT_INFO = ("INSERT INTO project_info (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value")


def migrate(db, current: int) -> None:
    with db.atomic():
        if server.on_server(db):
            # Two members opening an older project at once: the second waits, then finds it migrated.
            db.execute_sql("SELECT pg_advisory_xact_lock(7261001)")
            current = schema_version(db)
            if current >= LATEST:
                return
        for migration in MIGRATIONS:
            if migration.VERSION > current:
                migration.apply(db)
        create_views(db)
        now = datetime.now(UTC).isoformat(timespec="seconds")
        db.execute_sql(_UPSERT_INFO, ("schema_version", str(LATEST)))
        if current == 0:
            db.execute_sql(_UPSERT_INFO, ("created", now))


def backup_copy(db: SqliteDatabase, path: Path, label: str) -> Path:
    """Copy the project with SQLite's online backup, so a consistent copy exists even in WAL mode."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.{label}-{stamp}{path.suffix}")
    dest = sqlite3.connect(str(target))
    try:
        db.connection().backup(dest)
    finally:
        dest.close()
    return target


def integrity_problems(db: SqliteDatabase, *, quick: bool = True) -> list[str]:
    """What SQLite's own check finds wrong with the file; empty when it is sound. `quick` skips the
    index-content comparison (fast enough for every open)."""
    if server.on_server(db):
        return []  # the server keeps its own files sound (and its administrator backs them up)
    pragma = "quick_check" if quick else "integrity_check"
    try:
        rows = db.execute_sql(f"PRAGMA {pragma}").fetchall()
    except (DatabaseError, sqlite3.DatabaseError) as exc:
        return [str(exc)]
    problems = [str(r[0]) for r in rows]
    return [] if problems == ["ok"] else problems


def wrote_anything(db: SqliteDatabase) -> bool:
    """Whether this connection has inserted, changed or deleted a row since it was opened."""
    if server.on_server(db) or db.is_closed():
        return False
    return db.connection().total_changes > 0


def data_version(db: SqliteDatabase) -> int:
    """A number that changes when another connection (another process) commits to the file. On a
    team server the window listens for the server's notifications instead, so this stays 0 there."""
    if server.on_server(db):
        return 0
    return int(db.execute_sql("PRAGMA data_version").fetchone()[0])


def backup_to(db: SqliteDatabase, target: str | Path) -> None:
    """A consistent copy of the open project through SQLite's online backup (safe while others write)."""
    dest = sqlite3.connect(str(target))
    try:
        db.connection().backup(dest)
    finally:
        dest.close()


_DAMAGED = ("the project file is damaged (SQLite's integrity check failed); restore it from a backup "
            "(File → Restore from backup, or `annotator backups`)")


def _damaged(exc: Exception) -> bool:
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text or "corrupt" in text


def check_file(path: str | Path) -> list[str]:
    """Integrity problems of a project file that is not open (a backup before it is restored)."""
    try:
        con = sqlite3.connect(f"file:{Path(path)}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        return [str(exc)]
    try:
        rows = con.execute("PRAGMA integrity_check").fetchall()
        problems = [str(r[0]) for r in rows]
        return [] if problems == ["ok"] else problems
    except sqlite3.Error as exc:
        return [str(exc)]
    finally:
        con.close()


def _looks_like_sqlite(path: Path) -> bool:
    if path.stat().st_size == 0:
        return True
    with path.open("rb") as fh:
        return fh.read(16) == b"SQLite format 3\x00"


