"""Imported documents are indexed for search after the import commits (store/migrations/
m009_search_pending.py): search finds them at once, a crash or a kill at any moment leaves each one
indexed or listed as waiting (never half), and removing, restoring or correcting a waiting document
keeps the full-text index sound."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from annotator.services import Project

WORDS = ["甲乙丙丁", "戊己庚辛", "子丑寅卯", "辰巳午未", "申酉戌亥"]


def _jsonl(path, n=5, chars=2000):
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            text = f"第{i}号判决。本院认为{WORDS[i % len(WORDS)]}{i:04d}号。" + "数据权益平台" * (chars // 6)
            fh.write(json.dumps({"text": text, "label": [[0, 3, "争议焦点"]]}, ensure_ascii=False) + "\n")
    return path


def _indexed(project, term: str) -> set[int]:
    """Documents the full-text index itself holds the term in (not search's fallback)."""
    rows = project._db.execute_sql(
        "SELECT rowid FROM document_fts WHERE document_fts MATCH ?", ('"' + term + '"',)
    ).fetchall()
    return {r[0] for r in rows}


def _index_sound(project) -> None:
    project._db.execute_sql("INSERT INTO document_fts(document_fts) VALUES ('integrity-check')")


def _found(project, term: str) -> set[int]:
    return {h.document_id for h in project.search.search(term).hits}


@pytest.fixture
def imported(tmp_path):
    project = Project.create(tmp_path / "p.sqlite")
    changes = project.imports.import_file(_jsonl(tmp_path / "in.jsonl"), annotator="甲", add_categories=True)
    yield project, changes
    project.close()


def test_search_finds_imported_documents_before_and_after_they_are_indexed(imported):
    project, changes = imported
    ids = {d.id for d in changes.documents_added}
    assert len(ids) == 5
    assert project.search.pending_indexing() == 5
    assert _indexed(project, "本院认为") == set()  # waiting: not in the index yet
    assert _found(project, "本院认为") == ids  # and found all the same
    assert _found(project, "戊己庚辛0001") == {changes.documents_added[1].id}
    assert _found(project, "认为 -子丑寅卯") == ids - {changes.documents_added[2].id}
    _index_sound(project)
    assert project.search.index_pending(2) == 3
    assert project.search.index_pending(10) == 0
    assert _indexed(project, "本院认为") == ids
    assert _found(project, "本院认为") == ids
    _index_sound(project)
    # Documents added afterwards, outside an import, are indexed as they go in, as before.
    doc = project.documents.add_text("另案", "本院认为另案的事实清楚。").documents_added[0]
    assert _indexed(project, "另案的事实") == {doc.id}
    assert project.search.pending_indexing() == 0


def test_removing_and_restoring_waiting_documents_keeps_the_index_sound(imported):
    project, changes = imported
    first, second = changes.documents_added[:2]
    removed = project.documents.remove(first.id)
    _index_sound(project)
    assert first.id not in _found(project, "本院认为")
    project.revert(removed)  # restored while still waiting
    assert first.id in _found(project, "本院认为")
    project.documents.remove(second.id)
    _index_sound(project)
    assert project.search.index_pending(10) == 0
    _index_sound(project)
    live = {d.id for d in changes.documents_added} - {second.id}
    assert _indexed(project, "本院认为") == live
    assert _found(project, "本院认为") == live


def test_undoing_an_import_before_it_is_indexed_keeps_the_index_sound(imported):
    project, changes = imported
    project.revert(changes)
    _index_sound(project)
    assert _found(project, "本院认为") == set()
    project.search.index_pending(10)
    _index_sound(project)
    assert _indexed(project, "本院认为") == set()
    assert project.search.pending_indexing() == 0


def test_a_failed_batch_leaves_its_documents_waiting_and_searchable(imported, monkeypatch):
    project, changes = imported
    from annotator.store import search as backend

    real = backend.index_pending

    def fails(batch=8):
        real(batch)  # indexed inside the transaction, then the process "dies"
        raise OSError("power cut")

    monkeypatch.setattr(backend, "index_pending", fails)
    with pytest.raises(OSError):
        project.search.index_pending(3)
    monkeypatch.setattr(backend, "index_pending", real)
    assert project.search.pending_indexing() == 5
    assert _indexed(project, "本院认为") == set()
    assert _found(project, "本院认为") == {d.id for d in changes.documents_added}
    _index_sound(project)


def test_a_refused_import_leaves_no_switch_behind(tmp_path):
    project = Project.create(tmp_path / "p.sqlite")
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        json.dumps({"text": "本院认为如此。", "label": [[0, 99, "争议焦点"]]}, ensure_ascii=False) + "\n"
    )
    with pytest.raises(Exception):  # noqa: B017 (the span problem stops the import)
        project.imports.import_file(bad, add_categories=True)
    rows = project._db.execute_sql("SELECT document_id FROM search_pending").fetchall()
    assert rows == []
    doc = project.documents.add_text("新", "本院认为新的事实。").documents_added[0]
    assert _indexed(project, "新的事实") == {doc.id}
    project.close()


_CHILD = textwrap.dedent(
    """
    import sys
    from annotator.services import Project
    p = Project.open(sys.argv[1])
    print("ready", flush=True)
    while p.search.index_pending(1):
        pass
    print("done", flush=True)
    """
)


def test_a_kill_while_indexing_leaves_every_document_indexed_or_waiting(tmp_path):
    path = tmp_path / "kill.sqlite"
    with Project.create(path) as project:
        project.imports.import_file(
            _jsonl(tmp_path / "in.jsonl", n=40, chars=20000), annotator="甲", add_categories=True
        )
        assert project.search.pending_indexing() == 40
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert child.stdout.readline().strip() == "ready"
    time.sleep(0.3)
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=60)
    with Project.open(path) as project:
        _index_sound(project)
        ids = {d.id for d in project.documents.list()}
        waiting = {r[0] for r in project._db.execute_sql("SELECT document_id FROM search_pending").fetchall()}
        indexed = _indexed(project, "本院认为")
        assert indexed | waiting == ids and not indexed & waiting
        assert _found(project, "本院认为") == ids
        while project.search.index_pending(8):
            pass
        assert _indexed(project, "本院认为") == ids
        _index_sound(project)
