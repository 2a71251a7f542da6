"""Members and their rights on a team server, enforced by PostgreSQL itself. POSTGRESQL ONLY.

Each member is a PostgreSQL login. Three group roles per project database carry the table privileges:

- `<db>_members`: read every table; write tags (`annotation`) and progress (`document_status`);
- `<db>_adjudicators`: also write the `adjudication` table (and the agreed layer's tags);
- `<db>_owners`: everything (codebook, documents, members, project info).

Row-level security narrows the tag tables to rows: a member inserts, changes and deletes only rows whose
`annotator_id` is their own (table `member` maps each login to its annotator), an adjudicator also the
agreed layer's (审定), an owner every row. Rows the member may not change are refused with an error
(SQLSTATE 42501) rather than silently skipped, so a client is never left believing a change was made.
The database's owner login (the one the IT department created) is always an owner.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from annotator.store.models import database

ROLES = ("annotator", "adjudicator", "owner")
AGREED_KEY = "agreed_annotator_uuid"  # the project_info key naming the agreed layer's annotator
REFUSED = "42501"  # SQLSTATE insufficient_privilege
# Tables everybody reads and only owners write; the tag tables are handled row by row.
_OWNER_TABLES = (
    "project_info",
    "annotator",
    "document",
    "category",
    "document_section",
    "statute_citation",
    "document_version",
    "document_source",
    "project_word",
    "suggestion_setting",
    "member",
)
_TAG_TABLES = ("annotation", "document_status", "suggestion_decision")


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def group_names() -> dict[str, str]:
    """The three group roles of this database (role names are server-wide, so they name the database;
    long names are shortened with a hash to stay within PostgreSQL's 63 bytes)."""
    db = database.execute_sql("SELECT current_database()").fetchone()[0]
    stem = (
        db
        if len(db.encode()) <= 40
        else db.encode()[:30].decode(errors="ignore") + "_" + hashlib.sha1(db.encode()).hexdigest()[:8]
    )
    return {"annotator": f"{stem}_members", "adjudicator": f"{stem}_adjudicators", "owner": f"{stem}_owners"}


def is_prepared() -> bool:
    return "member" in database.get_tables()


def _exec(sql: str, params=None) -> None:
    database.execute_sql(sql, params)


def prepare() -> None:
    """Create the member table, the group roles, the privileges, the row policies and the guards
    (idempotent: run again after an upgrade brought new tables). Run by the database's owner login."""
    groups = group_names()
    members, adjudicators, owners = groups["annotator"], groups["adjudicator"], groups["owner"]
    _exec("""CREATE TABLE IF NOT EXISTS member (
                 login TEXT PRIMARY KEY,
                 annotator_id INTEGER NOT NULL REFERENCES annotator (id) ON DELETE RESTRICT,
                 role TEXT NOT NULL CHECK (role IN ('annotator', 'adjudicator', 'owner')),
                 added TEXT NOT NULL)""")
    for role in (members, adjudicators, owners):
        exists = database.execute_sql("SELECT 1 FROM pg_roles WHERE rolname = ?", (role,)).fetchone()
        if not exists:
            _exec(f"CREATE ROLE {_ident(role)} NOLOGIN")
    _exec(f"GRANT {_ident(members)} TO {_ident(adjudicators)}")
    _exec(f"GRANT {_ident(adjudicators)} TO {_ident(owners)}")
    _exec(f"GRANT CONNECT ON DATABASE {_ident(_current_database())} TO {_ident(members)}")
    _exec(f"GRANT USAGE ON SCHEMA {_ident(_current_schema())} TO {_ident(members)}")
    _exec(f"GRANT SELECT ON ALL TABLES IN SCHEMA {_ident(_current_schema())} TO {_ident(members)}")
    _exec(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {_ident(_current_schema())} TO {_ident(members)}")
    for table in _TAG_TABLES:
        _exec(f"GRANT INSERT, UPDATE, DELETE ON {table} TO {_ident(members)}")
    _exec(f"GRANT INSERT, UPDATE, DELETE ON adjudication TO {_ident(adjudicators)}")
    _exec(f"GRANT ALL ON ALL TABLES IN SCHEMA {_ident(_current_schema())} TO {_ident(owners)}")
    _exec(f"GRANT ALL ON ALL SEQUENCES IN SCHEMA {_ident(_current_schema())} TO {_ident(owners)}")

    _exec(f"""CREATE OR REPLACE FUNCTION team_role() RETURNS text LANGUAGE sql STABLE AS $$
        SELECT CASE
            WHEN pg_has_role(current_user, (SELECT datdba FROM pg_database WHERE datname = current_database()),
                             'USAGE') THEN 'owner'
            WHEN pg_has_role(current_user, {_literal(owners)}, 'USAGE') THEN 'owner'
            WHEN pg_has_role(current_user, {_literal(adjudicators)}, 'USAGE') THEN 'adjudicator'
            WHEN pg_has_role(current_user, {_literal(members)}, 'USAGE') THEN 'annotator'
        END $$""")
    _exec("""CREATE OR REPLACE FUNCTION team_annotator() RETURNS integer LANGUAGE sql STABLE AS $$
        SELECT annotator_id FROM member WHERE login = current_user $$""")
    _exec(f"""CREATE OR REPLACE FUNCTION team_may_write(tag_annotator integer) RETURNS boolean
        LANGUAGE sql STABLE AS $$
        SELECT team_role() = 'owner'
            OR tag_annotator = team_annotator()
            OR (team_role() = 'adjudicator' AND tag_annotator = (
                SELECT a.id FROM annotator a JOIN project_info p ON p.value = a.uuid
                WHERE p.key = {_literal(AGREED_KEY)}))
        $$""")
    _exec("""CREATE OR REPLACE FUNCTION team_guard() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NOT coalesce(team_may_write(OLD.annotator_id), false) THEN
                RAISE EXCEPTION 'permission denied: % may not change what another annotator wrote', current_user
                    USING ERRCODE = '42501';
            END IF;
            IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
            RETURN NEW;
        END $$""")
    for table in _TAG_TABLES:
        _exec(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        _policies(table, read="true", write="coalesce(team_may_write(annotator_id), false)")
        _exec(f"DROP TRIGGER IF EXISTS {table}_guard ON {table}")
        _exec(
            f"CREATE TRIGGER {table}_guard BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION team_guard()"
        )
    _exec("ALTER TABLE adjudication ENABLE ROW LEVEL SECURITY")
    # Only adjudicators and owners have write privileges on it at all; among them, rows are checked.
    adjudicating = "team_role() = 'owner' OR (team_role() = 'adjudicator' AND decided_by = team_annotator())"
    _policies("adjudication", read="true", write=adjudicating, guarded=adjudicating)


def _policies(table: str, *, read: str, write: str, guarded: str = "true") -> None:
    for name in ("team_read", "team_insert", "team_update", "team_delete"):
        _exec(f"DROP POLICY IF EXISTS {name} ON {table}")
    _exec(f"CREATE POLICY team_read ON {table} FOR SELECT USING ({read})")
    _exec(f"CREATE POLICY team_insert ON {table} FOR INSERT WITH CHECK ({write})")
    # Every row may be addressed, so that a refusal is an error and not a silent "0 rows": the guard
    # trigger (tag tables) refuses the old row, the policy's check the new one.
    _exec(f"CREATE POLICY team_update ON {table} FOR UPDATE USING ({guarded}) WITH CHECK ({write})")
    _exec(f"CREATE POLICY team_delete ON {table} FOR DELETE USING ({guarded})")


def _current_database() -> str:
    return database.execute_sql("SELECT current_database()").fetchone()[0]


def _current_schema() -> str:
    return database.execute_sql("SELECT current_schema()").fetchone()[0]


def current_login() -> str:
    return database.execute_sql("SELECT current_user").fetchone()[0]


def login_exists(login: str) -> bool:
    return bool(database.execute_sql("SELECT 1 FROM pg_roles WHERE rolname = ?", (login,)).fetchone())


def create_login(login: str, password: str | None) -> None:
    if login_exists(login):
        if password is not None:
            _exec(f"ALTER ROLE {_ident(login)} LOGIN PASSWORD ?", (password,))
        return
    if password is None:
        _exec(f"CREATE ROLE {_ident(login)} LOGIN")
    else:
        _exec(f"CREATE ROLE {_ident(login)} LOGIN PASSWORD ?", (password,))


def set_role(login: str, role: str) -> None:
    """Put a login into the group roles of `role` (and out of the higher ones)."""
    groups = group_names()
    wanted = {
        "annotator": [groups["annotator"]],
        "adjudicator": [groups["annotator"], groups["adjudicator"]],
        "owner": [groups["annotator"], groups["adjudicator"], groups["owner"]],
    }[role]
    for group in groups.values():
        if group in wanted:
            _exec(f"GRANT {_ident(group)} TO {_ident(login)}")
        else:
            _exec(f"REVOKE {_ident(group)} FROM {_ident(login)}")


def put_member(login: str, annotator_id: int, role: str) -> None:
    _exec(
        "INSERT INTO member (login, annotator_id, role, added) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (login) DO UPDATE SET annotator_id = excluded.annotator_id, role = excluded.role",
        (login, annotator_id, role, datetime.now(UTC).isoformat(timespec="seconds")),
    )


def members() -> list[tuple[str, int, str, str]]:
    """(login, annotator id, annotator name, role) of every member."""
    return [
        tuple(r)
        for r in database.execute_sql(
            "SELECT m.login, m.annotator_id, a.name, m.role FROM member m JOIN annotator a ON a.id = m.annotator_id "
            "ORDER BY m.login"
        ).fetchall()
    ]


def my_membership() -> tuple[int | None, str | None]:
    """(annotator id, role) of the connected login; (None, 'owner') for the database's owner login
    when it is not a member, (None, None) on a project without members."""
    if not is_prepared():
        return None, None
    row = database.execute_sql("SELECT team_annotator(), team_role()").fetchone()
    return row[0], row[1]
