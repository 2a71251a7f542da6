"""SQLITE BACKEND: a project in one SQLite file. Everything SQLite-specific about the open project
lives here: the connection settings (WAL, FULL sync, busy timeout, IMMEDIATE transactions), the
read-only and reading connections, the integrity check, the online backup, the data version the
window polls, the write-ahead log we hold, and turning SQLite's errors into the user's messages.
`SqliteBackend` is the `store.backend.Backend` of a project file; the team server's is
`store.server.ServerBackend`. Files that are not the open project (a probe, a backup being checked or
restored) are in `store/project_files.py`.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from peewee import DatabaseError, PeeweeException, SqliteDatabase

from annotator.core.errors import DamagedProjectError, DiskFullError, ProjectError, ReadOnlyProjectError
from annotator.core.inputs import open_input
from annotator.core.messages import QT_TRANSLATE_NOOP, Message
from annotator.store import models

# WAL lets a second process read while we write; FULL sync keeps every confirmed action through a
# power cut; the busy timeout lets a second writer (another window, the CLI) wait instead of failing.
PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": 10000,
    "synchronous": "full",
}


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
                    if is_damage(exc):
                        raise DamagedProjectError(DAMAGED, path=str(path), problems=[str(exc)]) from None
                    raise explain(exc, path) from None
        raise ProjectError("the project file is read-only and cannot be opened", path=str(path))
    else:
        db = SqliteProjectDatabase(str(path), pragmas=PRAGMAS, lock_type="IMMEDIATE")
    try:
        db.connect()
    except (DatabaseError, sqlite3.DatabaseError) as exc:
        if is_damage(exc):
            raise DamagedProjectError(DAMAGED, path=str(path), problems=[str(exc)]) from None
        raise explain(exc, path) from None
    return db


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


def is_read_only(path: str | Path) -> bool:
    """True when this process cannot write the file, or the folder that must hold its -wal and -shm."""
    path = Path(path)
    return not os.access(path, os.W_OK) or not os.access(path.absolute().parent, os.W_OK)


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


DAMAGED = (
    "the project file is damaged (SQLite's integrity check failed); restore it from a backup "
    "(File → Restore from backup, or `annotator backups`)"
)


def is_damage(exc: Exception) -> bool:
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text or "corrupt" in text


def sqlite_uri(path: str | Path, **params: str) -> str:
    """An SQLite `file:` URI for a path, every special character escaped: a name with `#`, `?`, `%`,
    `&` or a space would otherwise be cut off or read as parameters, and open a different file."""
    from urllib.parse import quote, urlencode

    uri = "file:" + quote(os.fsencode(Path(path).absolute()), safe="/")
    return uri + ("?" + urlencode(params) if params else "")


def looks_like_sqlite(path: Path) -> bool:
    with open_input(path) as fh:
        return fh.read(16) == b"SQLite format 3\x00"


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
    if is_damage(exc):
        return DamagedProjectError(DAMAGED, path=where, problems=[str(exc)])
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


def _wal_id(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path.with_name(path.name + "-wal"))
    except OSError:
        return None
    return st.st_dev, st.st_ino


def track_wal(db: SqliteDatabase, path: Path) -> None:
    db.wal_identity = None if db.read_only else _wal_id(path)


class SqliteBackend:
    """The open project file, as `store.backend.Backend`."""

    on_server = False

    def __init__(self, database: SqliteDatabase) -> None:
        self.database = database

    @property
    def read_only(self) -> bool:
        return bool(getattr(self.database, "read_only", False))

    def integrity_problems(self, *, quick: bool = True) -> list[str]:
        """What SQLite's own check finds wrong with the file; empty when it is sound. `quick` skips the
        index-content comparison (fast enough for every open)."""
        pragma = "quick_check" if quick else "integrity_check"
        try:
            rows = self.database.execute_sql(f"PRAGMA {pragma}").fetchall()
        except (DatabaseError, sqlite3.DatabaseError) as exc:
            return [str(exc)]
        problems = [str(r[0]) for r in rows]
        return [] if problems == ["ok"] else problems

    def wrote_anything(self) -> bool:
        """Whether this connection has inserted, changed or deleted a row since it was opened."""
        if self.database.is_closed():
            return False
        return self.database.connection().total_changes > 0

    def data_version(self) -> int:
        """A number that changes when another connection (another process) commits to the file."""
        return int(self.database.execute_sql("PRAGMA data_version").fetchone()[0])

    def change_stamp(self) -> tuple[int, int, int] | None:
        """A value that differs once anything was committed to the file since it was taken: by another
        connection (`PRAGMA data_version`) or by this one (`total_changes`, which also counts changes
        rolled back: a false "changed", never a missed one)."""
        conn = self.database.connection()
        return (
            id(conn),
            int(self.database.execute_sql("PRAGMA data_version").fetchone()[0]),
            conn.total_changes,
        )

    def wal_lost(self) -> bool:
        """True when the -wal file this connection writes to was deleted or replaced by someone else (an
        outside fault: actions confirmed since the last checkpoint would be lost when the file closes)."""
        db = self.database
        if getattr(db, "read_only", True) or not hasattr(db, "project_path") or db.is_closed():
            return False  # closing the last connection removes the WAL itself
        if getattr(db, "wal_identity", None) is None:  # not created yet when the project was opened
            db.wal_identity = _wal_id(db.project_path)
            return False
        return _wal_id(db.project_path) != db.wal_identity

    def backup_to(self, target: str | Path) -> None:
        """A consistent copy of the open project through SQLite's online backup (safe while others
        write).

        Refused while this connection is inside a transaction (a timer's backup during a merge's progress
        report): SQLite's backup would wait forever for the lock its own connection holds."""
        if self.database.in_transaction():
            raise ProjectError("the project is in the middle of a change; the backup is made after it")
        dest = sqlite3.connect(str(target))
        try:
            self.database.connection().backup(dest)
        finally:
            dest.close()

    def close(self) -> None:
        if self.database.is_closed():
            return
        if not self.read_only and self.wrote_anything():
            # Fold the WAL back into the file so the project is one self-contained file again. Only
            # after writing: a checkpoint changes the file's data version, so a window open on it
            # would think a read-only `annotator export` had changed the project. (SQLite folds the
            # WAL in by itself when the last connection closes.) A failure here (disk full, another
            # reader) loses nothing: the WAL stays and is read next time.
            try:
                self.database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            except DATABASE_ERRORS:
                pass
        self.database.close()
