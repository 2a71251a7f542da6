"""Live changes on a team server: the server tells every open window what another member committed.
POSTGRESQL ONLY.

Statement-level triggers on the tag, codebook and document tables call `pg_notify` in the writing
transaction itself, so a notification is delivered exactly when (and only if) the change is committed,
and a bulk merge of 100,000 tags sends one notification per statement, not one per row. Each names the
table, the operation, the documents concerned (null when there are too many to list) and the server
process that wrote it, so a window can pass over its own changes.

A window listens on a connection of its own (`Listener`), whose socket it watches: no polling.
"""

from __future__ import annotations

import json
import select
from dataclasses import dataclass

import psycopg2
import psycopg2.extensions

from annotator.store.models import database

CHANNEL = "annotator_changes"
_MAX_LISTED = 400  # document ids per notification; the payload must stay under 8000 bytes
TABLES = ("annotation", "category", "document", "document_status", "adjudication", "document_section")

_FUNCTION = f"""CREATE OR REPLACE FUNCTION annotator_notify() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    docs integer[];
BEGIN
    -- TG_ARGV[0]: the column naming the document ('' for the codebook, which concerns every document).
    IF TG_ARGV[0] = '' THEN
        docs := ARRAY[]::integer[];
    ELSIF TG_OP = 'DELETE' THEN
        EXECUTE format('SELECT array_agg(DISTINCT %I) FROM old_rows', TG_ARGV[0]) INTO docs;
    ELSE
        EXECUTE format('SELECT array_agg(DISTINCT %I) FROM new_rows', TG_ARGV[0]) INTO docs;
    END IF;
    IF docs IS NULL THEN
        RETURN NULL;  -- the statement touched no row
    END IF;
    PERFORM pg_notify('{CHANNEL}', json_build_object(
        'table', TG_TABLE_NAME, 'op', TG_OP, 'pid', pg_backend_pid(), 'by', current_user,
        'documents', CASE WHEN cardinality(docs) > {_MAX_LISTED} THEN NULL ELSE to_json(docs) END)::text);
    RETURN NULL;
END $$"""
_DOCUMENT_COLUMN = {
    "annotation": "document_id",
    "category": "",
    "document": "id",
    "document_status": "document_id",
    "adjudication": "document_id",
    "document_section": "document_id",
}


def install(db) -> None:
    """Create (or renew) the notifying triggers. Run with the migrations, by the database's owner."""
    db.execute_sql(_FUNCTION)
    for table in TABLES:
        for op, ref in (
            ("INSERT", "NEW TABLE AS new_rows"),
            ("UPDATE", "NEW TABLE AS new_rows"),
            ("DELETE", "OLD TABLE AS old_rows"),
        ):
            name = f"{table}_notify_{op.lower()}"
            db.execute_sql(f"DROP TRIGGER IF EXISTS {name} ON {table}")
            db.execute_sql(
                f"CREATE TRIGGER {name} AFTER {op} ON {table} REFERENCING {ref} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION annotator_notify('{_DOCUMENT_COLUMN[table]}')"
            )


def backend_pid() -> int:
    """The server process of this session's own connection (its notifications are its own changes)."""
    return database.execute_sql("SELECT pg_backend_pid()").fetchone()[0]


@dataclass(frozen=True)
class Notice:
    table: str
    op: str
    pid: int
    by: str
    documents: tuple[int, ...] | None  # None: too many to list (reload everything)


class Listener:
    """A connection of its own that LISTENs; `fileno()` is its socket for a select loop or a
    QSocketNotifier, `poll()` returns what arrived (raises psycopg2.Error when the connection broke)."""

    def __init__(self, dsn: str) -> None:
        self.con = psycopg2.connect(
            dsn,
            application_name="judgment-annotator listener",
            connect_timeout=10,
            keepalives=1,
            keepalives_idle=10,
            keepalives_interval=5,
            keepalives_count=3,
        )
        self.con.set_isolation_level(psycopg2.extensions.ISOLATION_LEVEL_AUTOCOMMIT)
        with self.con.cursor() as cur:
            cur.execute(f"LISTEN {CHANNEL}")

    def fileno(self) -> int:
        return self.con.fileno()

    def poll(self) -> list[Notice]:
        self.con.poll()
        out: list[Notice] = []
        while self.con.notifies:
            note = self.con.notifies.pop(0)
            try:
                data = json.loads(note.payload)
            except ValueError:
                continue
            docs = data.get("documents")
            out.append(
                Notice(
                    str(data.get("table", "")),
                    str(data.get("op", "")),
                    int(data.get("pid", 0)),
                    str(data.get("by", "")),
                    None if docs is None else tuple(docs),
                )
            )
        return out

    def wait(self, timeout: float) -> list[Notice]:
        """Block up to `timeout` seconds for notifications (for scripts and benchmarks)."""
        found = self.poll()
        if found:
            return found
        ready, _, _ = select.select([self.con], [], [], timeout)
        return self.poll() if ready else []

    def alive(self) -> bool:
        try:
            with self.con.cursor() as cur:
                cur.execute("SELECT 1")
            return True
        except psycopg2.Error:
            return False

    def close(self) -> None:
        try:
            self.con.close()
        except psycopg2.Error:
            pass


def connection_dsn() -> str:
    """The open project's connection string (with whatever password it was given, kept in memory)."""
    return database.obj.database
