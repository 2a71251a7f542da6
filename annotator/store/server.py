"""A project that lives in a PostgreSQL database on a team server (`postgresql://…` locations).

The same models, migrations and services run over it as over an SQLite file; this module holds what
differs: connecting (libpq reads passwords from its own pgpass or service files, never from our
settings), the placeholder style, and the engine test the few engine-specific queries branch on.

Raw SQL in `store/` is written with SQLite's `?` placeholders. `ServerDatabase.execute_sql` turns them
into psycopg2's `%s` (and doubles literal `%`), so one statement serves both engines and nobody has to
remember which style a query is in.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, unquote, urlsplit

from peewee import InterfaceError, OperationalError, PostgresqlDatabase

from annotator.core.errors import AnnotatorError, ConnectionLostError, ProjectError, RefusedError
from annotator.core.messages import QT_TRANSLATE_NOOP, Message
from annotator.store.drivers import load_postgres_driver
from annotator.store.models import database

SCHEMES = ("postgresql://", "postgres://")
APPLICATION = "judgment-annotator"


def is_server_location(location: object) -> bool:
    """Whether a project location names a database on a server rather than a file."""
    return isinstance(location, str) and location.lower().startswith(SCHEMES)


def normalise_url(url: str) -> str:
    """libpq accepts both schemes; we keep one spelling."""
    if url.lower().startswith("postgres://"):
        return "postgresql://" + url[len("postgres://") :]
    return url


def describe(url: str) -> dict[str, str]:
    """The parts of a location a person reads (no password): host, port, database, user."""
    parts = urlsplit(normalise_url(url))
    query = dict(parse_qsl(parts.query))
    return {
        "host": query.get("host", parts.hostname or ""),
        "port": str(parts.port or query.get("port", "")),
        "database": unquote(parts.path.lstrip("/")) or query.get("dbname", ""),
        "user": unquote(parts.username or "") or query.get("user", ""),
        "sslmode": query.get("sslmode", ""),
    }


def build_url(
    host: str, port: int, database: str, user: str, *, sslmode: str = "", password: str | None = None
) -> str:
    """A location from its parts, each quoted (Chinese logins and database names included)."""
    from urllib.parse import quote

    who = quote(user, safe="")
    if password:
        who += ":" + quote(password, safe="")
    url = f"postgresql://{who}@{quote(host, safe='')}:{int(port)}/{quote(database, safe='')}"
    return url + (f"?sslmode={sslmode}" if sslmode else "")


def without_password(url: str) -> str:
    """The location with any password taken out, for titles, messages and lists of recent projects."""
    parts = urlsplit(normalise_url(url))
    if parts.password is None:
        return normalise_url(url)
    host = parts.hostname or ""
    if parts.port:
        host += f":{parts.port}"
    user = parts.username or ""
    return parts._replace(netloc=f"{user}@{host}" if user else host).geturl()


def _qmark_to_pyformat(sql: str) -> str:
    """`?` placeholders outside quotes become `%s`; every literal `%` is doubled for psycopg2."""
    out: list[str] = []
    quote = ""
    for ch in sql:
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "'\"":
            quote = ch
        elif ch == "?":
            out.append("%s")
            continue
        out.append("%%" if ch == "%" else ch)
    return "".join(out)


def _has_qmark(sql: str) -> bool:
    quote = ""
    for ch in sql:
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "'\"":
            quote = ch
        elif ch == "?":
            return True
    return False


class ServerDatabase(PostgresqlDatabase):
    """peewee's PostgreSQL database that also takes the `?` placeholders of the store's raw SQL."""

    def __init__(self, *args, **kwargs) -> None:
        load_postgres_driver()  # peewee was imported without it (store/drivers.py)
        super().__init__(*args, **kwargs)

    def execute_sql(self, sql, params=None):
        if "?" in sql and _has_qmark(sql):
            sql = _qmark_to_pyformat(sql)
        elif "%" in sql and not params:
            sql = sql.replace("%", "%%")  # no placeholders: a `%` is a literal (LIKE 'x%')
        try:
            return super().execute_sql(sql, params)
        except (OperationalError, InterfaceError) as exc:
            # A read outside any transaction on a connection that broke while idle (server restart,
            # network drop) is simply asked again on a new one: reading twice changes nothing.
            if self.in_transaction() or not sql.lstrip()[:6].upper() == "SELECT" or not _is_lost(exc):
                raise
            try:
                self.close()
            except Exception:  # noqa: BLE001 (closing a broken connection may fail too)
                self._state.reset()
            return super().execute_sql(sql, params)


def connect(url: str) -> ServerDatabase:
    """Open a connection to the server. Passwords come from the URL, from libpq's pgpass file
    (~/.pgpass, PGPASSFILE) or service file (PGSERVICEFILE), never from the app's settings."""
    url = normalise_url(url)
    db = ServerDatabase(url, application_name=APPLICATION, connect_timeout=10)
    try:
        db.connect()
    except Exception as exc:  # noqa: BLE001 (psycopg2 and peewee wrap connection failures differently)
        raise ProjectError(
            Message(
                QT_TRANSLATE_NOOP("Messages", "cannot connect to the team server: {detail}"),
                detail=_first_line(exc),
            ),
            path=without_password(url),
        ) from None
    return db


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def on_server(db=None) -> bool:
    """Whether the open project (or `db`) is on PostgreSQL."""
    target = db if db is not None else database.obj
    return isinstance(target, PostgresqlDatabase)


def _is_lost(exc: BaseException) -> bool:
    code = getattr(getattr(exc, "orig", exc), "pgcode", None)
    return isinstance(exc, InterfaceError) or (
        isinstance(exc, OperationalError)
        and (code is None or code.startswith("08") or code in ("57P01", "57P02", "57P03"))
    )


def translate(exc: BaseException) -> AnnotatorError | None:
    """The user's message for a server error: a refused right, or a lost connection (the transaction
    it happened in was rolled back by the server, so nothing was half written). None: not ours."""
    if not on_server():
        return None
    orig = getattr(exc, "orig", exc)
    code = getattr(orig, "pgcode", None)
    if code == "42501":
        detail = _first_line(orig).removeprefix("permission denied: ")
        return RefusedError(
            Message(
                QT_TRANSLATE_NOOP(
                    "Messages", "the team server refused this change ({detail}); nothing was changed"
                ),
                detail=detail,
            )
        )
    if _is_lost(exc):
        if not database.in_transaction():  # else the outermost transaction's end gets here again
            try:
                database.close()  # the next action connects again
            except Exception:  # noqa: BLE001 (closing a broken connection may fail too)
                database.obj._state.reset()
        return ConnectionLostError(
            Message(
                QT_TRANSLATE_NOOP(
                    "Messages",
                    "the connection to the team server was lost ({detail}); nothing was changed — "
                    "try again when it is back",
                ),
                detail=_first_line(orig),
            )
        )
    return None


class ServerBackend:
    """POSTGRESQL BACKEND: a team project, as `store.backend.Backend`. The server keeps its own files
    sound and is backed up by its administrator; the window hears of other members' commits through
    the server's notifications (`store/live.py`), not by polling a data version."""

    on_server = True
    read_only = False  # what a member may change is the server's to refuse (row-level security)

    def __init__(self, database: ServerDatabase) -> None:
        self.database = database

    def integrity_problems(self, *, quick: bool = True) -> list[str]:
        return []

    def wrote_anything(self) -> bool:
        return False

    def data_version(self) -> int:
        return 0

    def change_stamp(self) -> tuple[int, int, int] | None:
        return None  # other members' writes cannot be seen this way: the caller must assume a change

    def wal_lost(self) -> bool:
        return False

    def backup_to(self, target) -> None:
        raise ProjectError(
            "a team project is copied with `annotator pull URL FILE.sqlite`, not backed up here"
        )

    def close(self) -> None:
        if not self.database.is_closed():
            self.database.close()
