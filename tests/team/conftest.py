"""A team on the test server: an owner (the database's owner login), two annotators and an adjudicator,
each a real PostgreSQL login whose password libpq reads from the pgpass file."""

from __future__ import annotations

import io
from dataclasses import dataclass

import pytest

from annotator.cli import main

TEXT = "本院认为，被告擅自抓取用户数据，违反商业道德，构成不正当竞争。原告王𠮷的数据权益应受保护。"


@dataclass
class Team:
    server: object
    database: str

    def url(self, user: str = "team_owner") -> str:
        return self.server.url(self.database, user)


MEMBERS = (("甲", "annotator"), ("乙", "annotator"), ("丙", "adjudicator"))


@pytest.fixture
def team(pg_server, capsys, monkeypatch):
    database = pg_server.new_database("team")
    url = pg_server.url(database)
    assert main(["server", "init", url, "--owner", "team_owner"]) == 0
    for name, role in MEMBERS:
        # Logins are the server's, shared by its databases: a later test's team meets them again.
        if name not in pg_server.known_logins():
            assert main(["server", "add-member", url, name, "--role", role]) == 0
            out = capsys.readouterr().out
            password = out.split("~/.pgpass): ")[1].split()[0]
            pg_server.remember_password(name, password)
        else:
            monkeypatch.setattr("sys.stdin", io.StringIO(pg_server.password_of(name) + "\n"))
            assert main(["server", "add-member", url, name, "--role", role, "--password-stdin"]) == 0
    from annotator.services import Project

    with Project.open(url) as owner:
        owner.documents.add_text("某某科技案", TEXT)
    yield Team(pg_server, database)
    pg_server.admin_sql(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
