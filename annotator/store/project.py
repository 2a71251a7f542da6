"""The project as a whole: one transaction around each user action, and the project's own key/values
(`project_info`: schema version, creation time, settings).

Services call every store inside `transaction()`; nothing outside `store/` sees peewee.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from peewee import DatabaseError, InterfaceError

from annotator.core.errors import ConnectionLostError
from annotator.core.messages import QT_TRANSLATE_NOOP, Message
from annotator.store import server
from annotator.store.models import ProjectInfo, database
from annotator.store.sqlite import current_path, explain

# SQLite's page cache during a bulk write (KiB; SQLite's default is 2 MB). Writing 100,000 tags
# updates the tag table's six indexes row by row, the uuid one at random places; with the default
# cache most of that time goes to writing index pages out and reading them back.
_BULK_CACHE_KIB = 64 * 1024


@contextmanager
def bulk_cache() -> Iterator[None]:
    """A large page cache on the open project file while a bulk write runs (put it around the
    transaction, so that the commit has it too); set back afterwards, which frees it, so an open
    project keeps its usual size. SQLite only: a team server manages its own memory."""
    if server.on_server():
        yield
        return
    cache = database.execute_sql("PRAGMA cache_size").fetchone()[0]
    database.execute_sql(f"PRAGMA cache_size = -{_BULK_CACHE_KIB}")
    try:
        yield
    finally:
        database.execute_sql(f"PRAGMA cache_size = {int(cache)}")


@contextmanager
def transaction() -> Iterator[None]:
    """One transaction (a savepoint when nested). On a team server, a change the member has no right
    to make, or a lost connection, comes out as the user's message; either way nothing was written.
    A connection found broken when the transaction begins (the server restarted, the network dropped
    an idle connection) is opened again once and the transaction begun anew: nothing had been sent."""
    ctx = _begin()
    try:
        yield
    except BaseException as exc:
        try:
            ctx.__exit__(type(exc), exc, exc.__traceback__)  # rolls back
        except (DatabaseError, InterfaceError):
            pass  # a broken connection cannot roll back; the server discards the transaction itself
        translated = server.translate(exc) if isinstance(exc, (DatabaseError, InterfaceError)) else None
        if isinstance(exc, ConnectionLostError) and not database.in_transaction():
            server.translate(InterfaceError("connection lost"))  # closes it, for the next action
        if translated is None and isinstance(exc, DatabaseError) and not server.on_server():
            # A project file: disk full, read-only, a write lock held past the busy timeout.
            raise explain(exc, current_path()) from None
        if translated is None:
            raise
        raise translated from None
    try:
        ctx.__exit__(None, None, None)  # commits
    except (DatabaseError, InterfaceError) as exc:
        translated = server.translate(exc)
        if isinstance(translated, ConnectionLostError):
            # Lost while the commit was on its way: the server applied all of it or none of it, and
            # only the server knows which. Say so rather than claim nothing was changed.
            raise ConnectionLostError(
                Message(
                    QT_TRANSLATE_NOOP(
                        "Messages",
                        "the connection to the team server was lost while saving; the change was saved "
                        "whole or not at all — reload to see which",
                    )
                )
            ) from None
        if translated is None:
            if server.on_server():
                raise
            # A project file: disk full, read-only, a write lock held past the busy timeout.
            raise explain(exc, current_path()) from None
        raise translated from None


def _begin():
    for attempt in (1, 2):
        ctx = database.atomic()
        outermost = not database.in_transaction()
        try:
            ctx.__enter__()
            return ctx
        except (DatabaseError, InterfaceError) as exc:
            translated = server.translate(exc)
            if attempt == 1 and outermost and isinstance(translated, ConnectionLostError):
                continue
            if translated is None:
                if server.on_server():
                    raise
                # A project file: BEGIN IMMEDIATE waits for the write lock, up to the busy timeout.
                raise explain(exc, current_path()) from None
            raise translated from None
    raise AssertionError("unreachable")


def get_info(key: str) -> str | None:
    row = ProjectInfo.get_or_none(ProjectInfo.key == key)
    return row.value if row else None


def set_info(key: str, value: str) -> None:
    (
        ProjectInfo.insert(key=key, value=value)
        .on_conflict(conflict_target=[ProjectInfo.key], update={ProjectInfo.value: value})
        .execute()
    )
