"""`apply()` takes the preview's matching only while the project is unchanged; any commit in between
(by this window or by another process) makes it match again."""

from __future__ import annotations

import sqlite3

import pytest

from annotator.services import Project
from annotator.services.merge import MergeService

TEXT = "𠮷某诉称：被告擅自抓取用户数据，构成不正当竞争。本院认为，平台对数据资源享有竞争性权益。"
OTHER = "第二份判决：原告主张被告的群控软件破坏了平台的数据安全。"


@pytest.fixture
def bundle(tmp_path):
    p = Project.create(tmp_path / "lisi.sqlite")
    li = p.annotators.ensure("李四")
    for title, text, quote in (("数据抓取案", TEXT, "擅自抓取用户数据"), ("群控案", OTHER, "群控软件")):
        doc = p.documents.add_text(title, text).documents_added[0]
        start = text.index(quote)
        cat = p.codebook.find("用户数据权益")
        p.annotations.add(doc.id, start, start + len(quote), cat.id, li.id)
    path = tmp_path / "lisi.json"
    p.exports.export("json", path)
    p.close()
    return path


@pytest.fixture
def mine(bundle, tmp_path):
    """Opened after the colleague's project is closed (one project open at a time)."""
    p = Project.create(tmp_path / "zhang.sqlite")
    p.documents.add_text("数据抓取案（本人导入）", TEXT)
    yield p
    p.close()


@pytest.fixture
def matchings(monkeypatch):
    calls: list[str] = []
    original = MergeService._resolve

    def counted(self, source, category_map):
        calls.append(source.path)
        return original(self, source, category_map)

    monkeypatch.setattr(MergeService, "_resolve", counted)
    return calls


def test_unchanged_project_applies_the_previews_matching(mine, bundle, matchings):
    plan = mine.merge.preview(bundle)
    assert plan.documents_new == ["群控案"] and plan.tags_new == {"李四": 2}
    changes = mine.merge.apply(plan)
    assert len(matchings) == 1  # the preview's only
    assert len(changes.annotations_added) == 2 and [d.title for d in changes.documents_added] == ["群控案"]
    assert plan.category_map and all(plan.category_map.values())  # the caller's plan as previewed
    # Applying the same plan again matches anew (the project changed) and adds nothing.
    again = mine.merge.apply(plan)
    assert len(matchings) == 2
    assert not again.annotations_added and not again.documents_added


def test_a_change_here_after_the_preview_is_matched_again(mine, bundle, matchings):
    plan = mine.merge.preview(bundle)
    assert plan.documents_new == ["群控案"]
    mine.documents.add_text("群控案（本人）", OTHER)  # the same text, added after the preview
    changes = mine.merge.apply(plan)
    assert len(matchings) == 2
    assert not changes.documents_added  # found by its text, not created twice
    assert sorted(d.title for d in mine.documents.list()) == ["数据抓取案（本人导入）", "群控案（本人）"]
    assert len(changes.annotations_added) == 2


def test_a_commit_by_another_process_after_the_preview_is_matched_again(mine, bundle, matchings):
    plan = mine.merge.preview(bundle)
    stamp = mine.change_stamp()
    other = sqlite3.connect(mine.path)
    with other:
        other.execute("UPDATE document SET title = title || '。'")
    other.close()
    assert mine.change_stamp() != stamp
    changes = mine.merge.apply(plan)
    assert len(matchings) == 2
    assert len(changes.annotations_added) == 2


def test_an_edited_category_map_is_matched_again(mine, bundle, matchings):
    plan = mine.merge.preview(bundle)
    plan.category_map.clear()
    mine.merge.apply(plan)
    assert len(matchings) == 2
