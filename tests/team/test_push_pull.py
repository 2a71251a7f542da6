"""Moving a whole project to a team server and back: nothing lost, nothing changed on the way."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.cli import main
from annotator.core.errors import ProjectError
from annotator.services import Project, transfer

from .conftest import TEXT

SHARED = Path(__file__).resolve().parents[2].parent / "shared"


def _rich_project(path: Path) -> None:
    """A project with something in every table: removed tags, documents and categories, a corrected
    text with its earlier version and re-anchored tags, statuses, sections, citations, adjudication."""
    with Project.create(path) as p:
        texts = [TEXT]
        dev = sorted((SHARED / "realtexts" / "dev").glob("*.txt"))[:2]
        texts += [f.read_text(encoding="utf-8") for f in dev]
        docs = [p.documents.add_text(f"文书{i}", t).documents_added[0] for i, t in enumerate(texts)]
        a, b = p.annotators.ensure("甲"), p.annotators.ensure("乙")
        parent = p.codebook.add("自定义上位类").categories_added[0]
        child = p.codebook.add("自定义下位类", parent_id=parent.id).categories_added[0]
        assert child.id > parent.id
        gone = p.codebook.add("将删除").categories_added[0]
        later = p.codebook.add("后建上位类").categories_added[0]
        p.codebook.move(child.id, later.id)  # a parent with a larger id than its child goes across first
        cat = p.codebook.find("破坏性利用")
        for who in (a, b):
            p.annotations.add(docs[0].id, 5, 15, cat.id, who.id, memo=f"{who.name}的备注")
            p.annotations.add(docs[0].id, 0, 4, child.id, who.id)
        removed = p.annotations.add(docs[0].id, 16, 20, cat.id, a.id).annotations_added[0]
        p.annotations.remove(removed.id)
        p.codebook.remove(gone.id)
        p.documents.set_status(docs[0].id, a.id, "done")
        p.review.accept_agreements(a.id, b.id, a.id)
        p.versions.update_text(docs[0].id, "更正：" + TEXT.replace("擅自", "擅自地"))
        if len(docs) > 2:
            p.documents.remove(docs[2].id)


def test_push_then_pull_gives_back_the_same_project(tmp_path, pg_server, capsys):
    local = tmp_path / "local.sqlite"
    _rich_project(local)
    original = transfer.dump(local)
    assert all(original[t] for t in ("annotation", "adjudication", "document_version", "document_status"))
    url = pg_server.url(pg_server.new_database())
    folder = {p.name: p.read_bytes() for p in local.parent.iterdir() if p.is_file()}
    assert main(["push", str(local), url]) == 0
    assert "rows to the server" in capsys.readouterr().out
    # Pushing only reads the file: its folder is as it was, no -wal/-shm left next to it.
    assert {p.name: p.read_bytes() for p in local.parent.iterdir() if p.is_file()} == folder
    assert transfer.dump(url) == original
    back = tmp_path / "back.sqlite"
    assert main(["pull", url, str(back)]) == 0
    assert transfer.dump(back) == original
    with Project.open(back) as p:  # a sound project file, with its search index rebuilt
        assert p.integrity_problems(quick=False) == []
        assert p.search.search("擅自地", limit=None).hits
    # The server's ids continue after the copied ones.
    with Project.open(url) as p:
        before = max(t.id for t in p.annotations.list())
        cat = p.codebook.find("破坏性利用")
        new = p.annotations.add(1, 0, 2, cat.id, p.annotators.ensure("丁").id).annotations_added[0]
        assert new.id > before


def test_push_and_pull_refuse_and_leave_things_as_they_were(tmp_path, pg_server, capsys):
    local = tmp_path / "local.sqlite"
    Project.create(local).close()
    url = pg_server.url(pg_server.new_database())
    Project.create(url).close()
    before = transfer.dump(url)
    assert main(["push", str(local), url]) == 1
    assert "already holds a project" in capsys.readouterr().err
    assert transfer.dump(url) == before
    assert main(["pull", url, str(local)]) == 1
    assert "already exists" in capsys.readouterr().err
    empty = pg_server.url(pg_server.new_database())
    with pytest.raises(ProjectError, match="holds no project"):
        transfer.pull(empty, tmp_path / "nothing.sqlite")
    assert not (tmp_path / "nothing.sqlite").exists()
    assert not list(tmp_path.glob("*.partial*"))


def test_offline_work_comes_back_through_the_merge(team, tmp_path):
    """A member pulls a copy, tags on the train, and merges it back under their own rights."""
    copy = tmp_path / "offline.sqlite"
    transfer.pull(team.url("甲"), copy)
    with Project.open(copy) as offline:
        me = offline.annotators.ensure("甲")
        cat = offline.codebook.find("破坏性利用")
        tag = offline.annotations.add(1, 5, 9, cat.id, me.id, memo="在火车上").annotations_added[0]
    with Project.open(team.url("甲")) as online:
        plan = online.merge.preview(copy)
        online.merge.apply(plan)
        merged = [t for t in online.annotations.list() if t.uuid == tag.uuid]
        assert merged and merged[0].memo == "在火车上"
        assert online.annotators.get(merged[0].annotator_id).name == "甲"
