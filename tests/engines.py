"""The `project` fixture on either engine: the directories whose tests run on SQLite and on PostgreSQL
define `project` with `params=ENGINES` and yield from `engine_project`."""

from __future__ import annotations

from annotator.services import Project

ENGINES = ("sqlite", "postgresql")


def server_project(pg_server, template: str) -> tuple[Project, str]:
    """A new project on the test server, copied from the template, with its own project uuid."""
    from annotator import store
    from annotator.core.model import new_uuid

    name = pg_server.new_database("test")
    pg_server.admin_sql(f'DROP DATABASE "{name}"')
    pg_server.admin_sql(f'CREATE DATABASE "{name}" OWNER team_owner TEMPLATE "{template}"')
    p = Project.open(pg_server.url(name))
    store.project.set_info("project_uuid", new_uuid())
    return p, name


def engine_project(request, tmp_path):
    """The `project` fixture on the engine of `request.param` (a generator for a fixture to yield from)."""
    if request.param == "sqlite":
        p = Project.create(tmp_path / "test.sqlite")
        yield p
        p.close()
        return
    server = request.getfixturevalue("pg_server")
    p, name = server_project(server, request.getfixturevalue("pg_template"))
    yield p
    p.close()
    server.admin_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def other_connection(project: Project):
    """A second, plain DB-API connection to the project (as R, pandas or a colleague's program would
    open it): sqlite3 for a file, psycopg2 for a server. Statements without parameters read the same."""
    if project.on_server:
        import psycopg2

        return psycopg2.connect(project.location)
    import sqlite3

    return sqlite3.connect(project.path)


def rows(con, sql: str) -> list[tuple]:
    cur = con.cursor()
    cur.execute(sql)
    return [tuple(r) for r in cur.fetchall()]
