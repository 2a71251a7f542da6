"""A project in a PostgreSQL database: creating, opening, migrating, refusing (on the real test server)."""

from __future__ import annotations

import psycopg2
import pytest

from annotator.cli import main
from annotator.core.errors import ProjectError
from annotator.services import Project
from annotator.store import db as store_db
from annotator.store import migrations
from annotator.store import server as store_server


def _sql(url: str, sql: str, params=None) -> list[tuple]:
    con = psycopg2.connect(url)
    con.autocommit = True
    try:
        with con.cursor() as cur:
            cur.execute(sql, params)
            return cur.fetchall() if cur.description else []
    finally:
        con.close()


def test_init_and_commands_take_a_server_location(pg_server, capsys):
    url = pg_server.url(pg_server.new_database())
    assert main(["init", url]) == 0
    assert _sql(url, "SELECT value FROM project_info WHERE key = 'schema_version'") == [
        (str(migrations.LATEST),)
    ]
    assert _sql(url, "SELECT indexname FROM pg_indexes WHERE indexname = 'document_text_trgm'")
    capsys.readouterr()
    # A second init on the same database is refused and changes nothing.
    before = _sql(url, "SELECT key, value FROM project_info ORDER BY key")
    assert main(["init", url]) == 1
    assert "already holds a project" in capsys.readouterr().err
    assert _sql(url, "SELECT key, value FROM project_info ORDER BY key") == before

    assert main(["tag", url, "1", "0", "2", "破坏性利用"]) == 1  # no document 1 yet: a clear error
    assert "annotator: error:" in capsys.readouterr().err


def test_open_refuses_an_empty_database_and_a_newer_schema(pg_server):
    url = pg_server.url(pg_server.new_database())
    with pytest.raises(ProjectError, match="holds no project"):
        Project.open(url)
    Project.create(url).close()
    _sql(url, "UPDATE project_info SET value = '999' WHERE key = 'schema_version'")
    with pytest.raises(ProjectError, match="newer version"):
        Project.open(url)


def test_unreachable_server_gives_a_message_without_the_password(pg_server):
    url = f"postgresql://someone:topsecret@127.0.0.1:{pg_server.port}/nowhere"
    with pytest.raises(ProjectError) as caught:
        Project.open(url)
    assert "cannot connect to the team server" in str(caught.value)
    assert "topsecret" not in str(caught.value)


def test_migrations_run_on_the_server_from_version_1(pg_server):
    from annotator.store.migrations import m001_initial

    url = pg_server.url(pg_server.new_database())
    db = store_server.connect(url)
    m001_initial.apply(db)
    db.execute_sql("INSERT INTO project_info (key, value) VALUES ('schema_version', '1')")
    db.execute_sql(
        "INSERT INTO category (uuid, name, name_en, description, color, shortcut, sort_order, "
        "archived, created) VALUES ('u1', '旧类别', '', '', '#888888', '', 0, false, 'x')"
    )
    db.close()
    with Project.open(url) as p:
        assert [c.name for c in p.codebook.list()] == ["旧类别"]
        assert store_db.schema_version(p._db) == migrations.LATEST
        tables = set(p._db.get_tables())
        assert {"document_status", "document_version", "adjudication", "document_section"} <= tables
        cat = p.codebook.find("旧类别")
        doc = p.documents.add_text("旧文书", "本院认为，数据抓取构成不正当竞争。").documents_added[0]
        me = p.annotators.ensure("王𠮷")
        p.annotations.add(doc.id, 5, 9, cat.id, me.id)
        assert [h.start for h in p.search.search("数据", limit=None).hits] == [5]


def test_placeholders_of_raw_sql_become_the_drivers():
    translate = store_server._qmark_to_pyformat
    assert (
        translate("SELECT a FROM t WHERE x = ? AND y LIKE 'a%'")
        == "SELECT a FROM t WHERE x = %s AND y LIKE 'a%%'"
    )
    assert translate("SELECT '?' , \"q?\" , ?") == "SELECT '?' , \"q?\" , %s"
    assert store_server.without_password("postgresql://ann:pw@host:5433/db?sslmode=verify-full") == (
        "postgresql://ann@host:5433/db?sslmode=verify-full"
    )
    assert store_server.describe("postgres://%E5%BC%A0@h/%E9%A1%B9") == {
        "host": "h",
        "port": "",
        "database": "项",
        "user": "张",
        "sslmode": "",
    }
