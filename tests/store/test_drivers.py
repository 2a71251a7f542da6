"""The PostgreSQL driver is not loaded by a start on a SQLite project, and is there for a team server."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CHILD = """
import sys
from annotator.services import Project
project = Project.create(sys.argv[1])
project.documents.add_text("一", "本院认为。")
project.close()
assert "psycopg2" not in sys.modules, "psycopg2 was imported"
import peewee
assert peewee.psycopg2 is None
from annotator.store.server import ServerDatabase
db = ServerDatabase("postgresql://nobody@localhost/none")  # made, not connected
import psycopg2.extensions as ext
assert peewee.psycopg2 is sys.modules["psycopg2"]
adapter = db._adapter
assert type(adapter) is peewee.Psycopg2Adapter
adapter.check_driver()
assert (adapter.txn_idle, adapter.txn_inerror, adapter.txn_unknown) == (
    ext.TRANSACTION_STATUS_IDLE, ext.TRANSACTION_STATUS_INERROR, ext.TRANSACTION_STATUS_UNKNOWN)
assert adapter.json_type is __import__("psycopg2.extras").extras.Json
print("ok")
"""


def test_sqlite_projects_start_without_the_postgres_driver(tmp_path):
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path / "p.sqlite")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"
