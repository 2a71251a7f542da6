"""THE BACKEND INTERFACE: what differs between the two engines a project lives in, for the open
project. A project file is `store.sqlite.SqliteBackend` (WAL, -shm, quick_check, online backup, data
version, checkpoint on close); a team project on a PostgreSQL server is `store.server.ServerBackend`.
Services hold the open project's `Backend` (`Project.backend`) and never branch on the engine
themselves.

Also engine-specific, and kept with their engine: a project file's connection settings and error
messages (`store/sqlite.py`), files that are not the open project (`store/project_files.py`), the
server's connection, placeholders and error translation (`store/server.py`), the server's roles,
notices and copies (`store/team.py`, `store/live.py`, `store/transfer.py`). A store module whose SQL
differs by engine branches on `server.on_server()` (the full-text index in `store/search.py`, the
section queries in `store/structure.py`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from peewee import Database

from annotator.store import models, server, sqlite


class Backend(Protocol):
    """The open project's database, as services see it."""

    database: Database  # the peewee database the models are bound to
    on_server: bool

    @property
    def read_only(self) -> bool: ...

    def integrity_problems(self, *, quick: bool = True) -> list[str]:
        """What the engine's own check finds wrong; empty when it is sound."""
        ...

    def wrote_anything(self) -> bool:
        """Whether this connection has changed a row since it was opened."""
        ...

    def data_version(self) -> int:
        """Changes when another process commits (0 where that cannot be seen)."""
        ...

    def change_stamp(self) -> tuple[int, int, int] | None:
        """Differs once anything was committed since it was taken; None when that cannot be told."""
        ...

    def wal_lost(self) -> bool:
        """The write-ahead log this process holds was deleted or replaced from outside."""
        ...

    def backup_to(self, target: str | Path) -> None:
        """A consistent copy of the open project in a new file `target`."""
        ...

    def close(self) -> None:
        """Close the connection, leaving the project whole (a file's WAL folded back in)."""
        ...


def of(database: Database) -> Backend:
    """The backend of an opened database (`store.db.open_project_db`)."""
    if server.on_server(database):
        return server.ServerBackend(database)
    return sqlite.SqliteBackend(database)


def current() -> Backend:
    """The backend of the open project (the database the models are bound to)."""
    return of(models.database.obj)
