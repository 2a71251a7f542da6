"""Opening a project file: connection settings, schema version, migrations with a backup first."""

from __future__ import annotations

import errno
import os
import re
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from peewee import DatabaseError, PeeweeException, SqliteDatabase

from annotator.core.errors import DamagedProjectError, DiskFullError, ProjectError, ReadOnlyProjectError
from annotator.core.inputs import check_regular, display, open_input
from annotator.core.messages import QT_TRANSLATE_NOOP, Message
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


class SqliteProjectDatabase(SqliteDatabase):
    def _initialize_connection(self, conn) -> None:
        super()._initialize_connection(conn)
        # A new connection (peewee reconnects after a close) finds a new -wal: watch that one.
        self.wal_identity = None


def connect(path: str | Path, *, read_only: bool = False) -> SqliteDatabase:
    # IMMEDIATE: a transaction takes the write lock when it begins. A deferred one that reads first and
    # then writes fails at once ("database is locked", no busy wait) when another process committed in
    # between, which is exactly the two-windows-on-one-file case.
    if read_only:
        # Nothing may be written, not even the journal mode: open through a read-only URI. On a read-only
        # disk without the -shm file SQLite cannot open a WAL file read-only; "immutable" can (nobody
        # can write there either).
        pragmas = {"foreign_keys": 1, "busy_timeout": PRAGMAS["busy_timeout"]}
        for params in ({"mode": "ro"}, {"mode": "ro", "immutable": "1"}):
            db = SqliteProjectDatabase(sqlite_uri(path, **params), pragmas=pragmas, uri=True)
            try:
                db.connect()
                db.execute_sql("SELECT count(*) FROM sqlite_master").fetchone()
                return db
            except (DatabaseError, sqlite3.DatabaseError) as exc:
                db.close()
                if "unable to open" not in str(exc):
                    if _damaged(exc):
                        raise DamagedProjectError(_DAMAGED, path=str(path), problems=[str(exc)]) from None
                    raise explain(exc, path) from None
        raise ProjectError("the project file is read-only and cannot be opened", path=str(path))
    else:
        db = SqliteProjectDatabase(str(path), pragmas=PRAGMAS, lock_type="IMMEDIATE")
    try:
        db.connect()
    except (DatabaseError, sqlite3.DatabaseError) as exc:
        if _damaged(exc):
            raise DamagedProjectError(_DAMAGED, path=str(path), problems=[str(exc)]) from None
        raise explain(exc, path) from None
    return db


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


def reading_connection(path: str | Path) -> sqlite3.Connection:
    """A connection that only reads a file that is not (yet) the open project: a probe, a backup being
    checked, a colleague's project being merged. `query_only` refuses every write; the file is opened
    read-write where allowed (mode=rw never creates a file) because a read-only connection leaves the
    -wal and -shm it opened behind, while a read-write one removes them when it closes."""
    timeout = PRAGMAS["busy_timeout"] / 1000
    if not is_read_only(path):
        con = sqlite3.connect(sqlite_uri(path, mode="rw"), uri=True, timeout=timeout)
        con.execute("PRAGMA query_only = 1")
        return con
    if not Path(f"{path}-wal").exists():
        # No -wal: no connection has the file open (SQLite keeps it while one does) and it holds no
        # unfolded changes, so the file alone is the whole project. Read it as immutable: a read-only
        # connection would create a -wal and -shm it can never remove, next to a file that is not ours.
        return sqlite3.connect(sqlite_uri(path, mode="ro", immutable="1"), uri=True, timeout=timeout)
    con = sqlite3.connect(sqlite_uri(path, mode="ro"), uri=True, timeout=timeout)
    try:
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return con
    except sqlite3.OperationalError as exc:
        con.close()
        if "unable to open" not in str(exc):
            raise
    # A WAL file on a read-only disk without its -shm (see `connect`).
    return sqlite3.connect(sqlite_uri(path, mode="ro", immutable="1"), uri=True, timeout=timeout)


def probe(path: str | Path) -> int:
    """The schema version of an existing file, read through a read-only connection so that a file that
    is not a project (another program's database, an empty file) is refused byte-for-byte unchanged:
    only `init` creates a schema."""
    path = Path(path)
    check_regular(path)
    if path.stat().st_size == 0:
        raise ProjectError("the file is empty, not a project (`annotator init` creates one)", path=str(path))
    if not _looks_like_sqlite(path):
        raise ProjectError("not a project file (not an SQLite database)", path=str(path))
    try:
        con = reading_connection(path)
    except sqlite3.Error as exc:
        raise explain(exc, path) from None
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "project_info" not in tables:
            problems = [str(r[0]) for r in con.execute("PRAGMA quick_check").fetchall()]
            if problems != ["ok"]:  # a damaged project, not someone else's database
                raise DamagedProjectError(_DAMAGED, path=str(path), problems=problems)
            raise ProjectError(
                "not a project of this program (an SQLite database without its tables); "
                "only `annotator init` creates a project",
                path=str(path),
            )
        row = con.execute("SELECT value FROM project_info WHERE key = 'schema_version'").fetchone()
        return parse_schema_version(row[0] if row else None, path)
    except sqlite3.Error as exc:
        if _damaged(exc):
            raise DamagedProjectError(_DAMAGED, path=str(path), problems=[str(exc)]) from None
        raise explain(exc, path) from None
    finally:
        con.close()


def schema_version(db: SqliteDatabase) -> int:
    if "project_info" not in db.get_tables():
        return 0
    row = db.execute_sql("SELECT value FROM project_info WHERE key = 'schema_version'").fetchone()
    return parse_schema_version(row[0], db.database) if row else 0


def is_read_only(path: str | Path) -> bool:
    """True when this process cannot write the file, or the folder that must hold its -wal and -shm."""
    path = Path(path)
    return not os.access(path, os.W_OK) or not os.access(path.absolute().parent, os.W_OK)


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
            read_only = is_read_only(path)
        if read_only and version < LATEST:
            raise ProjectError(
                f"the project file is read-only and was written by an older version (schema "
                f"{version}); make it writable once so it can be upgraded",
                path=str(path),
            )
    db = connect(path, read_only=read_only)
    try:
        if not create:
            problems = integrity_problems(db, quick=True)
            if problems:
                raise DamagedProjectError(_DAMAGED, path=str(path), problems=problems)
        if version < LATEST:
            if version > 0:
                backup_copy(db, path, f"before-v{LATEST}")
            migrate(db, version)
    except DatabaseError as exc:
        db.close()
        if _damaged(exc):
            raise DamagedProjectError(_DAMAGED, path=str(path), problems=[str(exc)]) from None
        raise explain(exc, path) from None
    except ProjectError:
        db.close()
        raise
    db.read_only = read_only
    db.project_path = path
    _track_wal(db, path)
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
        db = connect(path, read_only=True)
        db.read_only = True
        db.project_path = path
        _track_wal(db, path)
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


def change_stamp(db: SqliteDatabase) -> tuple[int, int, int] | None:
    """A value that differs once anything was committed to the file since it was taken: by another
    connection (`PRAGMA data_version`) or by this one (`total_changes`, which also counts changes
    rolled back: a false "changed", never a missed one). None on a team server, where other members'
    writes cannot be seen this way: the caller must assume a change."""
    if server.on_server(db):
        return None
    conn = db.connection()
    return id(conn), int(db.execute_sql("PRAGMA data_version").fetchone()[0]), conn.total_changes


def backup_to(target: str | Path) -> None:
    """A consistent copy of the open project (the database the models are bound to) through SQLite's
    online backup (safe while others write). SQLITE-ONLY: a team project is copied with `pull`.

    Refused while this connection is inside a transaction (a timer's backup during a merge's progress
    report): SQLite's backup would wait forever for the lock its own connection holds."""
    if models.database.in_transaction():
        raise ProjectError("the project is in the middle of a change; the backup is made after it")
    dest = sqlite3.connect(str(target))
    try:
        models.database.connection().backup(dest)
    finally:
        dest.close()


_DAMAGED = (
    "the project file is damaged (SQLite's integrity check failed); restore it from a backup "
    "(File → Restore from backup, or `annotator backups`)"
)


def _damaged(exc: Exception) -> bool:
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text or "corrupt" in text


def sqlite_uri(path: str | Path, **params: str) -> str:
    """An SQLite `file:` URI for a path, every special character escaped: a name with `#`, `?`, `%`,
    `&` or a space would otherwise be cut off or read as parameters, and open a different file."""
    from urllib.parse import quote, urlencode

    uri = "file:" + quote(os.fsencode(Path(path).absolute()), safe="/")
    return uri + ("?" + urlencode(params) if params else "")


def check_file(path: str | Path) -> list[str]:
    """Integrity problems of a project file that is not open (a backup before it is restored)."""
    try:
        con = reading_connection(path)
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
    with open_input(path) as fh:
        return fh.read(16) == b"SQLite format 3\x00"


# Turning database errors into messages ------------------------------------------------------------

# What a database call can raise besides our own errors; callers above `store/` catch these by name.
DATABASE_ERRORS: tuple[type[BaseException], ...] = (sqlite3.Error, PeeweeException)


def explain(exc: BaseException, path: str | Path | None = None) -> ProjectError:
    """A message for a database error that says what happened to the user's work."""
    where = str(path) if path else None
    # A commit that failed (disk full) rolls the transaction back itself; peewee's rollback then fails
    # with "no transaction is active" and hides the cause, which is in the exception's context.
    causes, seen = [exc], exc
    while seen.__context__ is not None and len(causes) < 5:
        seen = seen.__context__
        causes.append(seen)
    text = " | ".join(str(c) for c in causes).lower()
    if any(getattr(c, "errno", None) == errno.ENOSPC for c in causes):
        text += " no space"
    if "disk i/o error" in text and where and _nearly_full(where):
        text += " no space"  # SQLite reports a failed write to a full disk as an I/O error
    if _damaged(exc):
        return DamagedProjectError(_DAMAGED, path=where, problems=[str(exc)])
    if "readonly" in text or "read-only" in text:
        return ReadOnlyProjectError(
            Message(
                QT_TRANSLATE_NOOP(
                    "Messages",
                    "the project file is read-only; nothing was changed (open a writable copy to make "
                    "changes)",
                )
            ),
            path=where,
        )
    if "disk is full" in text or "no space" in text or getattr(exc, "errno", None) == errno.ENOSPC:
        return DiskFullError(
            Message(
                QT_TRANSLATE_NOOP(
                    "Messages",
                    "no space left on the disk holding {name}; this action was not saved (everything "
                    "confirmed before it is kept). Free some space and try again",
                ),
                name=where or Message(QT_TRANSLATE_NOOP("Messages", "the project")),
            ),
            path=where,
        )
    if "locked" in text or "busy" in text:
        return ProjectError(
            Message(
                QT_TRANSLATE_NOOP(
                    "Messages",
                    "the project is busy: another window or program has held its write lock longer than "
                    "{s} s; nothing was changed, try again",
                ),
                s=PRAGMAS["busy_timeout"] // 1000,
            ),
            path=where,
        )
    if "disk i/o error" in text:
        return ProjectError(
            Message(
                QT_TRANSLATE_NOOP(
                    "Messages",
                    "the disk holding the project reported an error while writing; this action was not "
                    "saved (everything confirmed before it is kept)",
                )
            ),
            path=where,
        )
    if "unable to open" in text:
        return ProjectError(
            Message(
                QT_TRANSLATE_NOOP(
                    "Messages", "the project file cannot be opened (is its folder readable and writable?)"
                )
            ),
            path=where,
        )
    return ProjectError(f"the project file cannot be used ({exc})", path=where)


def _nearly_full(path: str) -> bool:
    import shutil

    try:
        return shutil.disk_usage(Path(path).absolute().parent).free < 1024 * 1024
    except OSError:
        return False


def current_path() -> str | None:
    db = models.database.obj
    return str(getattr(db, "project_path", "")) or None if db is not None else None


# The write-ahead log we hold --------------------------------------------------------------------------


def _wal_id(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path.with_name(path.name + "-wal"))
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _track_wal(db: SqliteDatabase, path: Path) -> None:
    db.wal_identity = None if db.read_only else _wal_id(path)


def wal_lost(db: SqliteDatabase) -> bool:
    """True when the -wal file this connection writes to was deleted or replaced by someone else (an
    outside fault: actions confirmed since the last checkpoint would be lost when the file closes)."""
    if getattr(db, "read_only", True) or not hasattr(db, "project_path") or db.is_closed():
        return False  # closing the last connection removes the WAL itself
    if getattr(db, "wal_identity", None) is None:  # not created yet when the project was opened
        db.wal_identity = _wal_id(db.project_path)
        return False
    return _wal_id(db.project_path) != db.wal_identity


# Other processes on the same file ----------------------------------------------------------------


class InUseError(ProjectError):
    """Another connection (another process: a window, a command) has the project file open."""


def hold_exclusively(path: str | Path, timeout: float = 2.0) -> sqlite3.Connection | None:
    """A connection that alone holds the project file, on every platform SQLite runs on: no other
    connection, in any process, can read or write it until this one closes. Raises InUseError when
    another holds it (an open window keeps a shared lock for as long as it has the project open).
    Returns None for a file SQLite cannot read as a database (damaged): nobody can be working in it.

    Exclusive locking mode keeps the lock after the transaction that took it ends, and keeps the
    write-ahead log's index in this process's memory instead of the -shm others use."""
    con = sqlite3.connect(sqlite_uri(path, mode="rw"), uri=True, timeout=timeout, isolation_level=None)
    try:
        con.execute("PRAGMA locking_mode = EXCLUSIVE")
        con.execute("BEGIN EXCLUSIVE")
        # In WAL mode the lock that shuts out readers too is taken at the first write, and then kept:
        # write the header's user version (unused by the program) with the value it has.
        version = con.execute("PRAGMA user_version").fetchone()[0]
        con.execute(f"PRAGMA user_version = {int(version)}")
        con.execute("COMMIT")
        return con
    except sqlite3.OperationalError as exc:
        con.close()
        if "locked" in str(exc) or "busy" in str(exc):
            raise InUseError("another program has this project open", path=str(path)) from None
        if _damaged(exc):
            return None
        raise explain(exc, path) from None
    except sqlite3.DatabaseError as exc:
        con.close()
        if _damaged(exc):
            return None
        raise explain(exc, path) from None


def copy_held(held: sqlite3.Connection, target: str | Path) -> bool:
    """Copy the file `held` holds (with what its write-ahead log adds) into a new file `target`,
    through the held connection: opening and closing the file any other way would drop this process's
    locks on it (POSIX locks belong to the process, and any close releases them). False when SQLite
    cannot read it whole (a damaged file); `target` is removed then."""
    dest = sqlite3.connect(str(target))
    try:
        held.backup(dest)
        return True
    except sqlite3.Error:
        return False
    finally:
        dest.close()
        if not Path(target).stat().st_size or not _looks_like_sqlite(Path(target)):
            Path(target).unlink(missing_ok=True)


def replace_contents(held: sqlite3.Connection, source: str | Path) -> bool:
    """Write the project file `source` over the file `held` holds (see `hold_exclusively`), in one
    transaction inside the held file: whoever opens the project afterwards reads `source`'s contents,
    and nobody can have read or written anything in between. False when SQLite cannot copy into it
    (a write-ahead-log file takes no other page size): nothing was changed then."""
    src = reading_connection(source)
    try:
        src.backup(held)
        return True
    except sqlite3.Error:
        return False
    finally:
        src.close()


# SQLite's unix VFS takes POSIX record locks in this range of the main file: every connection that is
# reading or has the file open in WAL mode holds a shared lock here (the SHARED range after the
# PENDING and RESERVED bytes at 1 GiB). F_GETLK asks without taking anything.
_SHARED_FIRST = 0x40000000 + 2
_SHARED_SIZE = 510


def held_by_another_process(path: str | Path) -> int | None:
    """The id of another process that has the project file open through SQLite, or None.

    Only this process's own locks are invisible to F_GETLK, which is what a restore needs: the caller
    has closed its own connection. Linux only (the struct layout); elsewhere None."""
    import struct
    import sys

    if not sys.platform.startswith("linux"):
        return None
    import fcntl

    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    try:
        query = struct.pack("hhqqi4x", fcntl.F_WRLCK, os.SEEK_SET, _SHARED_FIRST, _SHARED_SIZE, 0)
        kind, _whence, _start, _len, pid = struct.unpack("hhqqi4x", fcntl.fcntl(fd, fcntl.F_GETLK, query))
    except OSError:
        return None
    finally:
        # Closing a descriptor drops every POSIX lock this process holds on the file; callers have
        # no open connection to it, so nothing of theirs is lost.
        os.close(fd)
    return pid if kind != fcntl.F_UNLCK else None
