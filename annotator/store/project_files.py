"""Project files that are not the open project (SQLite only): probing one before it is opened,
checking a backup, and holding a file alone while a backup is restored over it, which no other
process (a window, a command) may have open meanwhile.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from annotator.core.errors import ProjectError
from annotator.store.sqlite import (
    explain,
    is_damage,
    looks_like_sqlite,
    reading_connection,
    sqlite_uri,
)


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
        if is_damage(exc):
            return None
        raise explain(exc, path) from None
    except sqlite3.DatabaseError as exc:
        con.close()
        if is_damage(exc):
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
        if not Path(target).stat().st_size or not looks_like_sqlite(Path(target)):
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
