"""Hearing other members' commits on a team server as they happen (see `store/live.py`).

`project.live.subscribe()` gives a `Subscription` whose `fileno()` a window watches; when the socket
is readable, `changes()` says what other members committed (this session's own changes are left out).
"""

from __future__ import annotations

from dataclasses import dataclass

from annotator import store
from annotator.core.errors import ConnectionLostError
from annotator.core.messages import QT_TRANSLATE_NOOP, Message


@dataclass(frozen=True)
class RemoteChange:
    table: str  # annotation, category, document, document_status, adjudication, document_section
    op: str  # INSERT, UPDATE, DELETE
    by: str  # the member's login
    documents: tuple[int, ...] | None  # None: too many to list


class Subscription:
    def __init__(self, project) -> None:
        self.project = project
        try:
            self._listener = store.live.Listener(store.live.connection_dsn())
        except Exception as exc:  # noqa: BLE001 (psycopg2's connection errors)
            raise ConnectionLostError(
                Message(
                    QT_TRANSLATE_NOOP("Messages", "cannot listen for the team's changes: {detail}"),
                    detail=str(exc).strip().splitlines()[0],
                ),
                path=project.location,
            ) from None

    def fileno(self) -> int:
        return self._listener.fileno()

    def changes(self, wait: float = 0.0) -> list[RemoteChange]:
        """What other members committed since the last call (waiting up to `wait` seconds for it).
        Raises ConnectionLostError when the server went away."""
        try:
            notices = self._listener.wait(wait) if wait else self._listener.poll()
        except Exception as exc:  # noqa: BLE001 (psycopg2.OperationalError/InterfaceError)
            raise ConnectionLostError(
                Message(
                    QT_TRANSLATE_NOOP("Messages", "the connection to the team server was lost ({detail})"),
                    detail=exc.__class__.__name__,
                ),
                path=self.project.location,
            ) from None
        if not notices:
            return []
        try:
            mine = store.live.backend_pid()
        except Exception:  # noqa: BLE001 (our own connection broke: then nothing is ours)
            mine = -1
        return [RemoteChange(n.table, n.op, n.by, n.documents) for n in notices if n.pid != mine]

    def alive(self) -> bool:
        return self._listener.alive()

    def close(self) -> None:
        self._listener.close()


class LiveService:
    def __init__(self, project) -> None:
        self.project = project

    def subscribe(self) -> Subscription | None:
        """A subscription to other members' changes; None for a project file (no server to tell)."""
        if not self.project.on_server:
            return None
        return Subscription(self.project)

    def reachable(self) -> bool:
        """Whether the project's own connection works (reconnecting if it had broken)."""
        try:
            with store.project.transaction():
                store.project.get_info("schema_version")
            return True
        except Exception:  # noqa: BLE001 (ConnectionLostError, or the connect itself failing)
            return False
