"""Merging a colleague's work from a json bundle or from their project file."""

from __future__ import annotations

import json

import pytest

from annotator.core.errors import InputError
from annotator.services import Project

TEXT = "𠮷某诉称：被告擅自抓取用户数据，构成不正当竞争。本院认为，平台对数据资源享有竞争性权益。"
OTHER = "第二份判决：原告主张被告的群控软件破坏了平台的数据安全。"


def tag(project, doc, quote, category, who, occurrence=0):
    text = project.documents.get(doc.id).text
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(quote, start + 1)
    cat = project.codebook.find(category)
    return project.annotations.add(doc.id, start, start + len(quote), cat.id, who.id).annotations_added[0]


@pytest.fixture
def colleague(tmp_path):
    """李四's own project, exported as a bundle; closed before the main project opens."""
    path = tmp_path / "lisi.sqlite"
    p = Project.create(path)
    doc = p.documents.add_text("数据抓取案", TEXT).documents_added[0]
    doc2 = p.documents.add_text("群控案", OTHER).documents_added[0]
    li = p.annotators.ensure("李四")
    tag(p, doc, "擅自抓取用户数据", "用户数据权益", li)
    tag(p, doc, "平台对数据资源享有竞争性权益", "平台数据资源竞争权益", li)
    tag(p, doc2, "群控软件破坏了平台的数据安全", "破坏性利用", li)
    bundle = tmp_path / "lisi.json"
    p.exports.export("json", bundle)
    p.close()
    return path, bundle


@pytest.fixture
def mine(colleague, tmp_path):
    p = Project.create(tmp_path / "zhang.sqlite")
    doc = p.documents.add_text("数据抓取案（本人导入）", TEXT).documents_added[0]
    zhang = p.annotators.ensure("张三")
    tag(p, doc, "擅自抓取用户数据", "用户数据权益", zhang)
    yield p
    p.close()


def counts(project):
    return {a.name: len(project.annotations.list(annotator_ids=[a.id])) for a in project.annotators.list()}


def test_preview_then_merge_bundle_keeps_identity_and_is_idempotent(mine, colleague):
    _, bundle = colleague
    plan = mine.merge.preview(bundle)
    assert plan.documents_new == ["群控案"] and plan.documents_matched == 1  # same text: matched by SHA-256
    assert plan.tags_new == {"李四": 3} and plan.annotators_new == ["李四"]
    assert counts(mine) == {"张三": 1}  # the preview wrote nothing
    changes = mine.merge.apply(plan)
    assert len(changes.annotations_added) == 3 and len(changes.documents_added) == 1
    li = next(a for a in mine.annotators.list() if a.name == "李四")
    source = json.loads(bundle.read_text(encoding="utf-8"))
    assert li.uuid == source["annotators"][0]["uuid"]
    assert {a.uuid for a in mine.annotations.list(annotator_ids=[li.id])} == {
        a["uuid"] for a in source["annotations"]
    }
    for a in mine.annotations.list():
        assert mine.documents.get(a.document_id).text[a.start : a.end] == a.text
    again = mine.merge.preview(bundle)
    assert again.tags_new_total == 0 and again.tags_known == 3 and again.documents_new == []
    assert mine.merge.apply(again).empty
    assert counts(mine) == {"张三": 1, "李四": 3}


def test_merge_from_project_file_reads_it_without_changing_either_binding(mine, colleague):
    path, bundle = colleague
    before = path.read_bytes()
    changes = mine.merge.merge(path)
    assert len(changes.annotations_added) == 3
    assert path.read_bytes() == before
    # The open project is still the one the services write to.
    doc = mine.documents.list()[0]
    me = mine.annotators.ensure("张三")
    tag(mine, doc, "构成不正当竞争", "破坏性利用", me)
    assert counts(mine) == {"张三": 2, "李四": 3}
    # The bundle of the same project adds nothing more: the same UUIDs.
    assert mine.merge.preview(bundle).tags_new_total == 0


def test_merge_is_one_undoable_action(mine, colleague):
    _, bundle = colleague
    docs_before = len(mine.documents.list())
    changes = mine.merge.merge(bundle)
    undo = mine.revert(changes)
    assert counts(mine) == {"张三": 1, "李四": 0}
    assert len(mine.documents.list()) == docs_before
    mine.revert(undo)
    assert counts(mine) == {"张三": 1, "李四": 3}
    assert len(mine.documents.list()) == docs_before + 1


def test_changed_text_reanchors_by_quote_or_reports(mine, colleague, tmp_path):
    _, bundle = colleague
    data = json.loads(bundle.read_text(encoding="utf-8"))
    mine_doc = mine.documents.list()[0]
    # The colleague's copy of the first judgment is the same document (same UUID) in an older wording:
    # one character (𠮷) fewer at the start, and one passage worded differently.
    old = "某诉称：被告擅自抓取用户数据，构成不正当竞争。本院认为，平台对数据资源享有竞争权益。"
    first = next(d for d in data["documents"] if d["title"] == "数据抓取案")
    first.update(uuid=mine_doc.uuid, text=old, sha256="", length=len(old))
    for a in data["annotations"]:
        if a["document"] != mine_doc.uuid and a["text"] in old:
            a["document"] = mine_doc.uuid
            a["start"] = old.index(a["text"])
            a["end"] = a["start"] + len(a["text"])
            a["context_before"] = old[max(0, a["start"] - 20) : a["start"]]
    quote = "平台对数据资源享有竞争权益"
    for a in data["annotations"]:
        if a["text"].startswith("平台对数据资源"):
            a.update(
                document=mine_doc.uuid, text=quote, start=old.index(quote), end=old.index(quote) + len(quote)
            )
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    plan = mine.merge.preview(changed)
    assert plan.documents_text_differs == ["数据抓取案"]
    assert plan.tags_reanchored == 1
    assert len(plan.unplaced) == 1 and "quote cannot be found" in plan.unplaced[0]
    changes = mine.merge.apply(plan)
    [placed] = [a for a in changes.annotations_added if a.document_id == mine_doc.id]
    assert TEXT[placed.start : placed.end] == "擅自抓取用户数据"
    assert placed.start == TEXT.index("擅自")  # moved by the two characters (one of them 𠮷), not guessed
    assert any("quote cannot be found" in m for m in changes.messages)


def test_category_conflicts_are_listed_and_can_be_mapped(mine, colleague, tmp_path):
    _, bundle = colleague
    data = json.loads(bundle.read_text(encoding="utf-8"))
    cats = {c["name"]: c for root in data["codebook"] for c in _walk(root)}
    renamed = cats["用户数据权益"]
    renamed["name"] = "用户权益"  # same identity, other name
    stranger = cats["破坏性利用"]
    old_uuid = stranger["uuid"]
    stranger["uuid"] = "00000000-0000-4000-8000-000000000001"  # same name, other identity
    for a in data["annotations"]:
        if a["category"] == old_uuid:
            a["category"] = stranger["uuid"]
    data["codebook"].append(
        {"uuid": "00000000-0000-4000-8000-000000000002", "name": "新类别", "color": "#123456"}
    )
    changed = tmp_path / "conflicts.json"
    changed.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    plan = mine.merge.preview(changed)
    assert any("用户权益" in c and "用户数据权益" in c for c in plan.conflicts)
    assert plan.categories_new == ["新类别"]
    assert plan.category_map[stranger["uuid"]] == mine.codebook.find("破坏性利用").id
    target = mine.codebook.find("平台数据资源竞争权益")
    plan = mine.merge.preview(changed, category_map={stranger["uuid"]: target.id})
    changes = mine.merge.apply(plan)
    moved = [a for a in changes.annotations_added if a.text.startswith("群控软件")]
    assert moved[0].category_id == target.id
    assert [c.name for c in changes.categories_added] == ["新类别"]


def _walk(node):
    yield node
    for child in node.get("children", []):
        yield from _walk(child)


def test_bad_files_say_what_and_change_nothing(mine, tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text(
        '{"format": "judgment-annotator-bundle", "version": 1, "annotations": [', encoding="utf-8"
    )
    with pytest.raises(InputError, match="broken.json"):
        mine.merge.preview(broken)
    outside = tmp_path / "outside.json"
    outside.write_text(
        json.dumps(
            {
                "format": "judgment-annotator-bundle",
                "version": 1,
                "codebook": [],
                "annotators": [],
                "documents": [{"uuid": "d", "title": "t", "text": "短文", "sha256": ""}],
                "annotations": [
                    {"uuid": "a", "document": "d", "start": 1, "end": 9, "annotator": "u", "category": "c"}
                ],
            }
        ),
        encoding="utf-8",
    )
    with pytest.raises(InputError, match=r"annotation 1: span \[1, 9\)"):
        mine.merge.preview(outside)
    with pytest.raises(InputError, match="itself"):
        mine.merge.preview(mine.path)
    assert counts(mine) == {"张三": 1}


def test_cancelled_merge_writes_nothing(mine, colleague):
    from annotator.formats.base import Cancelled

    _, bundle = colleague
    plan = mine.merge.preview(bundle)
    with pytest.raises(Cancelled):
        mine.merge.apply(plan, progress=lambda done, total: False)
    assert counts(mine) == {"张三": 1}
    assert len(mine.documents.list()) == 1
    seen = []
    mine.merge.apply(plan, progress=lambda done, total: seen.append((done, total)) or True)
    assert seen[-1] == (3, 3)
