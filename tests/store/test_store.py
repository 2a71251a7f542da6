import sqlite3
import types

import pytest
from engines import other_connection, rows

from annotator.core.errors import ProjectError
from annotator.services import Project
from annotator.store import db as store_db
from annotator.store import migrations


@pytest.mark.sqlite_only
def test_project_file_settings(project):
    con = project._db
    assert con.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert con.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    assert con.execute_sql("PRAGMA busy_timeout").fetchone()[0] >= 5000
    assert store_db.schema_version(con) == migrations.LATEST


def test_views_give_one_readable_row_per_annotation(project, tmp_path):
    location = project.location
    doc = project.documents.add_text("判决", "本院认为，被告的行为构成不正当竞争。").documents_added[0]
    me = project.annotators.ensure("张三")
    cat = project.codebook.find("破坏性利用")
    added = project.annotations.add(doc.id, 5, 17, cat.id, me.id, memo="关键").annotations_added[0]
    gone = project.annotations.add(doc.id, 0, 4, cat.id, me.id).annotations_added[0]
    project.annotations.remove(gone.id)
    project.close()

    # A researcher opens the project with plain sqlite3 or psycopg2 (as R or pandas would).
    con = other_connection(project)
    assert location == str(tmp_path / "test.sqlite") or location.startswith("postgresql://")
    assert rows(
        con,
        "SELECT document_title, category, annotator, start_offset, end_offset, passage, memo "
        "FROM annotation_view",
    ) == [("判决", "破坏性利用", "张三", 5, 17, added.text, "关键")]
    assert rows(con, "SELECT title, characters, annotations FROM document_view") == [("判决", 18, 1)]
    assert rows(con, "SELECT category, annotator, annotations FROM category_count_view") == [
        ("破坏性利用", "张三", 1)
    ]
    if not project.on_server:
        assert rows(con, "PRAGMA integrity_check") == [("ok",)]
    con.close()


def test_a_migration_backs_up_the_file_first(tmp_path, monkeypatch):
    path = tmp_path / "old.sqlite"
    Project.create(path).close()
    applied = []

    def apply(db):
        applied.append(True)
        db.execute_sql("CREATE TABLE extra (id INTEGER PRIMARY KEY)")

    fake = types.SimpleNamespace(VERSION=migrations.LATEST + 1, apply=apply)
    monkeypatch.setattr(store_db, "MIGRATIONS", [*migrations.MIGRATIONS, fake])
    monkeypatch.setattr(store_db, "LATEST", fake.VERSION)
    p = Project.open(path)
    try:
        assert applied == [True]
        assert store_db.schema_version(p._db) == fake.VERSION
    finally:
        p.close()
    backups = list(tmp_path.glob("old.before-v*.sqlite"))
    assert len(backups) == 1
    con = sqlite3.connect(backups[0])
    assert con.execute("SELECT value FROM project_info WHERE key='schema_version'").fetchone()[0] == str(
        migrations.LATEST
    )
    assert con.execute("SELECT COUNT(*) FROM category").fetchone()[0] > 0


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "new.sqlite"
    Project.create(path).close()
    con = sqlite3.connect(path)
    con.execute("UPDATE project_info SET value='999' WHERE key='schema_version'")
    con.commit()
    con.close()
    with pytest.raises(ProjectError, match="newer version"):
        Project.open(path)


@pytest.mark.parametrize("content", [b"hello, not a database", b"\x00" * 100])
def test_not_a_project_file(tmp_path, content):
    path = tmp_path / "x.sqlite"
    path.write_bytes(content)
    with pytest.raises(ProjectError, match="x.sqlite"):
        Project.open(path)


def test_missing_file_and_existing_target(tmp_path):
    with pytest.raises(ProjectError, match="not found"):
        Project.open(tmp_path / "missing.sqlite")
    Project.create(tmp_path / "a.sqlite").close()
    with pytest.raises(ProjectError, match="already exists"):
        Project.create(tmp_path / "a.sqlite")
