"""Editing the codebook through the services: every edit is one action that undo reverses exactly."""

from __future__ import annotations

import pytest

from annotator.core.errors import InputError
from annotator.store import sqlite

TEXT = "本院认为，被告王𠮷未经同意抓取用户数据，构成不正当竞争。"


@pytest.fixture
def doc(project):
    return project.documents.add_text("测试文书", TEXT).documents_added[0]


@pytest.fixture
def me(project):
    return project.annotators.ensure("测试员")


def names(project) -> list[str]:
    return [c.name for c in project.codebook.list(include_archived=True)]


def tag(project, doc, me, passage: str, category_id: int):
    start = TEXT.index(passage)
    return project.annotations.add(doc.id, start, start + len(passage), category_id, me.id).annotations_added[
        0
    ]


def test_add_rename_recolour_rule_and_undo_each(project):
    before = project.codebook.list(include_archived=True)
    added = project.codebook.add("合规审查", "Compliance review", color="#12ab34")
    cat = added.categories_added[0]
    assert (cat.name, cat.name_en, cat.color) == ("合规审查", "Compliance review", "#12AB34")
    renamed = project.codebook.rename(cat.id, name="合规审查义务", name_en="Duty of compliance review")
    recoloured = project.codebook.recolor(cat.id, "#000080")
    ruled = project.codebook.set_rule(cat.id, "平台对第三方软件负有审查义务的论述。")
    now = project.codebook.get(cat.id)
    assert (now.name, now.name_en, now.color, now.description) == (
        "合规审查义务",
        "Duty of compliance review",
        "#000080",
        "平台对第三方软件负有审查义务的论述。",
    )
    project.revert(ruled)
    assert project.codebook.get(cat.id).description == ""
    project.revert(recoloured)
    assert project.codebook.get(cat.id).color == "#12AB34"
    project.revert(renamed)
    assert project.codebook.get(cat.id).name == "合规审查"
    undo_add = project.revert(added)
    assert project.codebook.list(include_archived=True) == before
    project.revert(undo_add)  # redo
    assert "合规审查" in names(project)


def test_bad_input_is_refused_and_changes_nothing(project):
    first = project.codebook.list()[0]
    before = project.codebook.list(include_archived=True)
    for call in (
        lambda: project.codebook.add("  "),
        lambda: project.codebook.add(first.name),
        lambda: project.codebook.recolor(first.id, "red"),
        lambda: project.codebook.set_shortcut(first.id, "A"),
    ):
        with pytest.raises(InputError):
            call()
    assert project.codebook.list(include_archived=True) == before


def test_move_reparents_reorders_and_refuses_cycles(project):
    parent = project.codebook.add("父类").categories_added[0]
    child = project.codebook.add("子类", parent_id=parent.id).categories_added[0]
    other = project.codebook.add("另一类").categories_added[0]
    moved = project.codebook.move(other.id, parent.id, 0)
    kids = sorted((c for c in project.codebook.list() if c.parent_id == parent.id), key=lambda c: c.order)
    assert [c.name for c in kids] == ["另一类", "子类"]
    with pytest.raises(InputError):
        project.codebook.move(parent.id, child.id)
    project.revert(moved)
    assert project.codebook.get(other.id).parent_id is None
    assert project.codebook.get(child.id).parent_id == parent.id


def test_shortcut_moves_from_its_old_holder_and_back_on_undo(project):
    holder = project.codebook.by_shortcut()["1"]
    new = project.codebook.add("新类别").categories_added[0]
    changes = project.codebook.set_shortcut(new.id, "1")
    assert project.codebook.by_shortcut()["1"].id == new.id
    assert project.codebook.get(holder.id).shortcut == ""
    project.revert(changes)
    assert project.codebook.by_shortcut()["1"].id == holder.id
    assert project.codebook.get(new.id).shortcut == ""


def test_archive_hides_subtree_but_keeps_tags(project, doc, me):
    parent = project.codebook.add("父类").categories_added[0]
    child = project.codebook.add("子类", parent_id=parent.id).categories_added[0]
    a = tag(project, doc, me, "王𠮷", child.id)
    changes = project.codebook.archive(parent.id)
    visible = {c.id for c in project.codebook.list()}
    assert parent.id not in visible and child.id not in visible
    assert {c.id for c in project.codebook.list(include_archived=True)} >= {parent.id, child.id}
    assert [x.id for x in project.annotations.list()] == [a.id]
    with pytest.raises(InputError):
        tag(project, doc, me, "抓取", child.id)
    project.revert(changes)
    assert {parent.id, child.id} <= {c.id for c in project.codebook.list()}


def test_merge_moves_tags_and_children_and_undo_splits_again(project, doc, me):
    source = project.codebook.add("数据抓取").categories_added[0]
    sub = project.codebook.add("爬虫", parent_id=source.id).categories_added[0]
    target = project.codebook.add("破坏性利用（合并）").categories_added[0]
    a = tag(project, doc, me, "抓取用户数据", source.id)
    a2 = tag(project, doc, me, "不正当竞争", source.id)
    b = tag(project, doc, me, "王𠮷", target.id)
    changes = project.codebook.merge(source.id, target.id)
    assert {x.category_id for x in project.annotations.list()} == {target.id}
    assert project.codebook.get(sub.id).parent_id == target.id
    assert source.id not in {c.id for c in project.codebook.list(include_archived=True)}
    assert project.codebook.counts()[target.id] == 3
    redo = project.revert(changes)
    cats = {x.id: x.category_id for x in project.annotations.list()}
    assert cats == {a.id: source.id, a2.id: source.id, b.id: target.id}
    assert project.codebook.get(sub.id).parent_id == source.id
    assert source.id in {c.id for c in project.codebook.list()}
    again = project.revert(redo)
    assert {x.category_id for x in project.annotations.list()} == {target.id}
    project.revert(again)
    assert {x.id: x.category_id for x in project.annotations.list()} == cats


def test_delete_removes_tags_to_the_audit_trail_and_undo_restores(project, doc, me):
    doomed = project.codebook.add("待删除").categories_added[0]
    kid = project.codebook.add("待删除的子类", parent_id=doomed.id).categories_added[0]
    a = tag(project, doc, me, "王𠮷", doomed.id)
    assert project.codebook.tag_count(doomed.id) == 1
    changes = project.codebook.remove(doomed.id)
    assert project.annotations.list() == []
    assert changes.annotations_removed[0].id == a.id
    assert doomed.id not in {c.id for c in project.codebook.list(include_archived=True)}
    assert project.codebook.get(kid.id).parent_id is None  # moved up, not lost
    # The tag is still in the file, marked deleted (audit trail).
    row = project._db.execute_sql(
        "SELECT deleted_at, category_id FROM annotation WHERE id = ?", (a.id,)
    ).fetchone()
    assert row[0] is not None and row[1] == doomed.id
    project.revert(changes)
    assert [(x.id, x.category_id) for x in project.annotations.list()] == [(a.id, doomed.id)]
    assert project.codebook.get(kid.id).parent_id == doomed.id


def test_counts_per_document_and_project(project, doc, me):
    other = project.documents.add_text("另一份", "用户数据的抓取。").documents_added[0]
    cat = project.codebook.list()[0]
    tag(project, doc, me, "王𠮷", cat.id)
    project.annotations.add(other.id, 0, 4, cat.id, me.id)
    assert project.codebook.counts(document_id=doc.id)[cat.id] == 1
    assert project.codebook.counts()[cat.id] == 2


def test_document_remove_status_properties_and_undo(project, doc, me):
    cat = project.codebook.list()[0]
    a = tag(project, doc, me, "王𠮷", cat.id)
    assert project.documents.list(me.id)[0].status == "in_progress"
    marked = project.documents.set_status(doc.id, me.id, "done")
    assert project.documents.list(me.id)[0].status == "done"
    redo = project.revert(marked)  # back to no stored status: derived from the tags again
    assert project.documents.list(me.id)[0].status == "in_progress"
    project.revert(redo)
    assert project.documents.list(me.id)[0].status == "done"
    with pytest.raises(InputError):
        project.documents.set_status(doc.id, me.id, "finished")
    edit = project.documents.update(doc.id, title="新标题", meta={"案号": "（2021）浙0192民初1号"})
    project.revert(edit)
    assert (project.documents.info(doc.id).title, project.documents.info(doc.id).meta) == ("测试文书", {})
    removed = project.documents.remove(doc.id)
    assert project.documents.list() == [] and project.annotations.list() == []
    project.revert(removed)
    assert [d.id for d in project.documents.list()] == [doc.id]
    assert [x.id for x in project.annotations.list()] == [a.id]


def test_migration_from_version_1_adds_status_and_keeps_data(tmp_path):
    from annotator.store.migrations import m001_initial

    path = tmp_path / "old.sqlite"
    db = sqlite.connect(path)
    m001_initial.apply(db)
    db.execute_sql("INSERT INTO project_info (key, value) VALUES ('schema_version', '1')")
    db.execute_sql(
        "INSERT INTO category (uuid, name, name_en, description, color, shortcut, sort_order, "
        "archived, created) VALUES ('u1', '旧类别', '', '', '#888888', '', 0, 0, 'x')"
    )
    db.close()
    from annotator.services import Project

    with Project.open(path) as p:
        assert [c.name for c in p.codebook.list()] == ["旧类别"]
        assert "document_status" in p._db.get_tables()


def test_cli_edits_the_codebook_and_documents(tmp_path, capsys):
    from annotator.cli import main
    from annotator.services import Project

    path = tmp_path / "cli.sqlite"
    assert main(["init", str(path)]) == 0
    with Project.open(path) as p:
        doc = p.documents.add_text("命令行文书", TEXT).documents_added[0]
    capsys.readouterr()
    assert main(["category", "add", str(path), "合规审查", "--en", "Compliance", "--key", "1"]) == 0
    new_id = int(capsys.readouterr().out.strip())
    assert main(["category", "set", str(path), "Compliance", "--color", "#abcdef", "--rule", "审查义务"]) == 0
    assert main(["category", "move", str(path), "合规审查", "--parent", "商业道德"]) == 0
    assert main(["tag", str(path), str(doc.id), "0", "4", "合规审查", "--annotator", "甲"]) == 0
    assert main(["category", "merge", str(path), "合规审查", "商业道德"]) == 0
    assert main(["doc-status", str(path), str(doc.id), "done", "--annotator", "甲"]) == 0
    assert main(["category", "rename", str(path), "nonexistent", "--name", "x"]) == 1
    with Project.open(path) as p:
        ethics = p.codebook.find("商业道德")
        assert new_id not in {c.id for c in p.codebook.list(include_archived=True)}
        assert [a.category_id for a in p.annotations.list()] == [ethics.id]
        assert p.documents.list(p.annotators.ensure("甲").id)[0].status == "done"
    assert main(["remove-doc", str(path), str(doc.id)]) == 0
    with Project.open(path) as p:
        assert p.documents.list() == []
