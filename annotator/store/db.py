"""Opening a project: a file or a team server's database, its schema version, migrations with a
backup first. What is particular to each engine is in `store/sqlite.py` and `store/server.py`."""

from __future__ import annotations

import os
import re
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from peewee import DatabaseError, SqliteDatabase

from annotator.core.errors import DamagedProjectError, ProjectError
from annotator.core.inputs import check_regular, display
from annotator.store import models, server, sqlite
from annotator.store.migrations import LATEST, MIGRATIONS
from annotator.store.views import create_views


def project_location(target: str | Path) -> Path:
    """The file a project location names, for a location that is not a team server's database
    (`server.is_server_location`, handled before this). Any other URL (`mysql://…`, `http://…`, a
    mistyped `postgresq://…`) is refused here instead of becoming a folder named after its scheme."""
    text = os.fspath(target)
    if isinstance(text, bytes):
        text = os.fsdecode(text)
    scheme = re.match(r"^([A-Za-z][A-Za-z0-9+.-]*):(//|\\\\)", text)
    if scheme and len(scheme.group(1)) > 1:  # "C:\\" is a Windows drive, not a scheme
        raise ProjectError(
            f"{scheme.group(1)}:// locations are not supported; a project is a file "
            "(e.g. research.sqlite) or a team server's postgresql://… database",
            path=display(text),
        )
    return Path(text)


def parse_schema_version(value, path: str | Path) -> int:
    """The schema_version of project_info as a whole number; a clear error for anything else."""
    if value is None:
        raise ProjectError(
            "not a project of this program, or damaged: project_info has no schema_version", path=str(path)
        )
    if not re.fullmatch(r"[0-9]{1,6}", str(value).strip()):
        raise ProjectError(
            f"the project's schema_version {str(value)[:40]!r} is not a whole number; the file "
            "is damaged or was not written by this program",
            path=str(path),
        )
    return int(str(value).strip())


def schema_version(db: SqliteDatabase) -> int:
    if "project_info" not in db.get_tables():
        return 0
    row = db.execute_sql("SELECT value FROM project_info WHERE key = 'schema_version'").fetchone()
    return parse_schema_version(row[0], db.database) if row else 0


def open_project_db(
    path: str | Path, *, create: bool = False, read_only: bool | None = None
) -> SqliteDatabase:
    """Open (or create) a project file, or a project in a database on a team server
    (`postgresql://…`), migrate it to the current schema and bind the models to it.
    A file this process cannot write opens read-only (`read_only=None` decides by permissions)."""
    if server.is_server_location(path):
        return open_server_db(str(path), create=create)
    path = project_location(path)
    if create:
        if path.exists() or path.is_symlink():
            raise ProjectError("a file with this name already exists", path=str(path))
        read_only = False
        version = 0
    else:
        if not path.exists():
            raise ProjectError("project file not found", path=str(path))
        version = probe(path)
        if version > LATEST:
            raise ProjectError(
                f"this project was written by a newer version (schema {version}, this program knows {LATEST})",
                path=str(path),
            )
        if read_only is None:
            read_only = sqlite.is_read_only(path)
        if read_only and version < LATEST:
            raise ProjectError(
                f"the project file is read-only and was written by an older version (schema "
                f"{version}); make it writable once so it can be upgraded",
                path=str(path),
            )
    db = sqlite.connect(path, read_only=read_only)
    try:
        if not create:
            problems = sqlite.SqliteBackend(db).integrity_problems(quick=True)
            if problems:
                raise DamagedProjectError(sqlite.DAMAGED, path=str(path), problems=problems)
        if version < LATEST:
            if version > 0:
                sqlite.backup_copy(db, path, f"before-v{LATEST}")
            migrate(db, version)
    except DatabaseError as exc:
        db.close()
        if sqlite.is_damage(exc):
            raise DamagedProjectError(sqlite.DAMAGED, path=str(path), problems=[str(exc)]) from None
        raise sqlite.explain(exc, path) from None
    except ProjectError:
        db.close()
        raise
    db.read_only = read_only
    db.project_path = path
    sqlite.track_wal(db, path)
    models.database.initialize(db)
    return db


def open_for_reading(location: str | Path):
    """A read-only connection to a project that another process (the window) has already opened,
    checked and migrated, bound to the models: no integrity check, no migration, nothing written.
    For a helper process that only reads (tag suggestions); close it as soon as the reading is done,
    so that a restore from backup does not find the file held by another process."""
    if server.is_server_location(location):
        db = server.connect(str(location))
        db.read_only = True
    else:
        path = project_location(location)
        if not path.exists():
            raise ProjectError("project file not found", path=str(path))
        db = sqlite.connect(path, read_only=True)
        db.read_only = True
        db.project_path = path
        sqlite.track_wal(db, path)
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
            raise ProjectError(
                "this database holds no project yet (`annotator init URL` or "
                "`annotator server init URL` prepares it)",
                path=where,
            )
        if version > LATEST:
            raise ProjectError(
                f"this project was written by a newer version (schema {version}, this program knows {LATEST})",
                path=where,
            )
        if version < LATEST:
            migrate(db, version)
    except DatabaseError as exc:
        db.close()
        raise ProjectError(
            f"cannot prepare the project on the server: {_first_line(exc)}", path=where
        ) from None
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


_UPSERT_INFO = (
    "INSERT INTO project_info (key, value) VALUES (?, ?) "
    "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
)


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
        if server.on_server(db):
            from annotator.store import live

            live.install(db)  # windows hear of each other's commits
        now = datetime.now(UTC).isoformat(timespec="seconds")
        db.execute_sql(_UPSERT_INFO, ("schema_version", str(LATEST)))
        if current == 0:
            db.execute_sql(_UPSERT_INFO, ("created", now))


def probe(path: str | Path) -> int:
    """The schema version of an existing file, read through a read-only connection so that a file that
    is not a project (another program's database, an empty file) is refused byte-for-byte unchanged:
    only `init` creates a schema."""
    path = Path(path)
    check_regular(path)
    if path.stat().st_size == 0:
        raise ProjectError("the file is empty, not a project (`annotator init` creates one)", path=str(path))
    if not sqlite.looks_like_sqlite(path):
        raise ProjectError("not a project file (not an SQLite database)", path=str(path))
    try:
        con = sqlite.reading_connection(path)
    except sqlite3.Error as exc:
        raise sqlite.explain(exc, path) from None
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "project_info" not in tables:
            problems = [str(r[0]) for r in con.execute("PRAGMA quick_check").fetchall()]
            if problems != ["ok"]:  # a damaged project, not someone else's database
                raise DamagedProjectError(sqlite.DAMAGED, path=str(path), problems=problems)
            raise ProjectError(
                "not a project of this program (an SQLite database without its tables); "
                "only `annotator init` creates a project",
                path=str(path),
            )
        row = con.execute("SELECT value FROM project_info WHERE key = 'schema_version'").fetchone()
        return parse_schema_version(row[0] if row else None, path)
    except sqlite3.Error as exc:
        if sqlite.is_damage(exc):
            raise DamagedProjectError(sqlite.DAMAGED, path=str(path), problems=[str(exc)]) from None
        raise sqlite.explain(exc, path) from None
    finally:
        con.close()
