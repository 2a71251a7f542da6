"""Team projects on a PostgreSQL server: preparing the server, members and their rights.

The rights themselves are the server's (group roles, row-level security; see `store/team.py`); this
service only sets them up and says who the connected member is.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from annotator import store
from annotator.core.errors import InputError, ProjectError
from annotator.core.model import Annotator

ROLES = store.team.ROLES


@dataclass(frozen=True)
class Member:
    login: str
    annotator_id: int
    name: str
    role: str


class TeamService:
    def __init__(self, project) -> None:
        self.project = project

    def _require_server(self) -> None:
        if not self.project.on_server:
            raise ProjectError(
                "members and rights belong to a team project on a PostgreSQL server "
                "(`annotator push FILE URL` puts this project on one)",
                path=self.project.location,
            )

    def prepare(self, owner: str, password: str | None = None) -> str | None:
        """Set up the member table, roles and rules, and make `owner` an owner. When `owner` is the
        login connected now, it is simply recorded; otherwise a login is created for it. Returns the
        new login's password when one was generated."""
        self._require_server()
        owner = _login_name(owner)
        with store.project.transaction():
            store.team.prepare()
            self.project.review.agreed_annotator()  # exists before any adjudicator needs it
            if owner == store.team.current_login():
                annotator = self.project.annotators.ensure(owner)
                store.team.put_member(owner, annotator.id, "owner")
                return None
            return self.add_member(owner, "owner", password)

    def add_member(self, name: str, role: str = "annotator", password: str | None = None) -> str | None:
        """A PostgreSQL login for `name` with the rights of `role`, and the annotator its tags name.
        A new login without a given password gets a generated one, returned (and shown once)."""
        self._require_server()
        name = _login_name(name)
        if role not in ROLES:
            raise InputError(f"unknown role {role!r}; one of {', '.join(ROLES)}")
        if not store.team.is_prepared():
            raise ProjectError(
                "this team project has no members yet: run `annotator server init URL --owner NAME` first",
                path=self.project.location,
            )
        with store.project.transaction():
            new = not store.team.login_exists(name)
            if new and password is None:
                password = secrets.token_urlsafe(12)
            store.team.create_login(name, password)
            store.team.set_role(name, role)
            annotator = self.project.annotators.ensure(name)
            store.team.put_member(name, annotator.id, role)
        return password if new else None

    def members(self) -> list[Member]:
        self._require_server()
        return [Member(*row) for row in store.team.members()] if store.team.is_prepared() else []

    def me(self) -> tuple[Annotator | None, str | None]:
        """The connected member's annotator and role; (None, None) on a file or a server project
        without members."""
        if not self.project.on_server:
            return None, None
        annotator_id, role = store.team.my_membership()
        return (self.project.annotators.get(annotator_id) if annotator_id else None), role

    def annotator_or(self, name: str) -> Annotator:
        """Whose tags this session writes: on a team server the connected member's annotator (the server
        would refuse any other), elsewhere the annotator called `name`."""
        mine, _role = self.me()
        # `current`: a read-only project file is not written to just to show it.
        return mine if mine is not None else self.project.annotators.current(name)


def _login_name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise InputError("the member's name is empty")
    if len(name.encode()) > 63:
        raise InputError(f"the member's name {name!r} is longer than PostgreSQL's 63 bytes for a login")
    return name


def server_holds_project(url: str) -> bool:
    return store.db.server_holds_project(url)


def server_url(
    host: str, port: int, database: str, user: str, *, sslmode: str = "", password: str | None = None
) -> str:
    return store.server.build_url(host, port, database, user, sslmode=sslmode, password=password)


def pgpass_path() -> Path:
    """libpq's password file: $PGPASSFILE, else ~/.pgpass (%APPDATA%\\postgresql\\pgpass.conf on Windows)."""
    if os.environ.get("PGPASSFILE"):
        return Path(os.environ["PGPASSFILE"])
    if os.name == "nt":
        return Path(os.environ.get("APPDATA", Path.home())) / "postgresql" / "pgpass.conf"
    return Path.home() / ".pgpass"


def remember_password(host: str, port: int, database: str, user: str, password: str) -> Path:
    """Put (or replace) the line for this server, database and user in libpq's password file, readable
    by the user alone (libpq ignores a file others can read). The app's settings never hold it."""

    def esc(value: str) -> str:
        return value.replace("\\", "\\\\").replace(":", "\\:")

    key = ":".join(esc(v) for v in (host, str(port), database, user)) + ":"
    path = pgpass_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    lines = [line for line in lines if not line.startswith(key)] + [key + esc(password)]
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    os.chmod(path, 0o600)
    return path
