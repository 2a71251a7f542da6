"""Merging a colleague's copy of this very project: by content, with conflicts shown and settled,
deletions listed and taken only when asked, and a second merge that changes nothing."""

from __future__ import annotations

import pytest

from annotator.core.errors import InputError
from annotator.services import Project
from annotator.services.merge import BOTH, OURS, THEIRS

TEXT = "𠮷某诉称：被告擅自抓取用户数据，构成不正当竞争。本院认为，平台对数据资源享有竞争性权益。"


def tag(p, doc_id, quote, category, who, memo=""):
    s = TEXT.index(quote)
    return p.annotations.add(
        doc_id, s, s + len(quote), p.codebook.find(category).id, who.id, memo=memo
    ).annotations_added[0]


@pytest.fixture
def team(tmp_path):
    """甲's project with three tags, a copy for 乙 (every tag kept), and 乙's work in the copy:
    one new tag, one of 甲's tags resized, one given a memo, one removed."""
    mine = tmp_path / "jia.sqlite"
    copy = tmp_path / "yi.sqlite"
    with Project.create(mine) as p:
        doc = p.documents.add_text("数据抓取案", TEXT).documents_added[0]
        jia = p.annotators.ensure("甲")
        t1 = tag(p, doc.id, "擅自抓取用户数据", "用户数据权益", jia)
        t2 = tag(p, doc.id, "构成不正当竞争", "破坏性利用", jia)
        t3 = tag(p, doc.id, "平台对数据资源享有竞争性权益", "平台数据资源竞争权益", jia)
        p.sharing.share(copy, "乙", by_annotator_id=jia.id)
    with Project.open(copy) as c:
        yi = c.annotators.ensure("乙")
        doc_id = c.documents.list()[0].id
        tag(c, doc_id, "被告擅自抓取用户数据", "用户数据权益", yi)
        theirs = {a.uuid: a for a in c.annotations.list()}
        c.annotations.set_extent(theirs[t1.uuid].id, t1.start - 2, t1.end)  # 被告擅自抓取用户数据
        c.annotations.set_memo(theirs[t2.uuid].id, "乙：此处应为不正当竞争的结论")
        c.annotations.remove(theirs[t3.uuid].id)
    p = Project.open(mine)
    yield p, copy, (t1, t2, t3)
    p.close()


def dump(p):
    return sorted(
        (a.uuid, a.start, a.end, a.category_id, a.memo, a.annotator_id) for a in p.annotations.list()
    )


def test_a_copy_of_this_project_merges_and_shows_every_conflict(team):
    p, copy, (t1, t2, t3) = team
    before = dump(p)
    plan = p.merge.preview(copy)
    assert plan.tags_new == {"乙": 1}
    assert {c.uuid for c in plan.tag_conflicts} == {t1.uuid, t2.uuid}
    resized = next(c for c in plan.tag_conflicts if c.uuid == t1.uuid)
    assert (resized.mine.start, resized.mine.end) == (t1.start, t1.end)
    assert (resized.theirs.start, resized.theirs.end, resized.theirs.text) == (
        t1.start - 2,
        t1.end,
        "被告擅自抓取用户数据",
    )
    assert resized.mine.annotator == resized.theirs.annotator == "甲"
    assert resized.theirs.updated is not None and resized.theirs.updated >= resized.mine.updated
    memo = next(c for c in plan.tag_conflicts if c.uuid == t2.uuid)
    assert memo.mine.memo == "" and memo.theirs.memo == "乙：此处应为不正当竞争的结论"
    assert [d.ours.uuid for d in plan.deletions] == [t3.uuid]
    assert any("conflicts" in line for line in plan.summary())
    assert dump(p) == before  # a preview writes nothing


def test_keep_ours_drops_nothing_silently_and_takes_only_new_tags(team):
    p, copy, (t1, t2, t3) = team
    changes = p.merge.merge(copy)  # the default: keep ours, keep the colleague's removals out
    assert (
        len(changes.annotations_added) == 1
        and not changes.annotations_updated
        and not changes.annotations_removed
    )
    current = {a.uuid: a for a in p.annotations.list()}
    assert (current[t1.uuid].start, current[t2.uuid].memo) == (t1.start, "")
    assert t3.uuid in current
    again = p.merge.preview(copy)
    assert again.empty and again.tags_new_total == 0 and len(again.tag_conflicts) == 2  # still shown


def test_take_theirs_keep_both_and_the_deletion_then_merging_again_is_a_no_op(team):
    p, copy, (t1, t2, t3) = team
    plan = p.merge.preview(copy)
    plan.resolve(THEIRS, t1.uuid)
    plan.resolve(BOTH, t2.uuid)
    plan.take_deletions = True
    changes = p.merge.apply(plan)
    assert [a.uuid for a in changes.annotations_updated] == [t1.uuid]
    assert [a.uuid for a in changes.annotations_removed] == [t3.uuid]
    assert len(changes.annotations_added) == 2  # 乙's new tag, and 乙's version of t2 beside ours
    current = {a.uuid: a for a in p.annotations.list()}
    assert (
        p.documents.get(current[t1.uuid].document_id).text[current[t1.uuid].start : current[t1.uuid].end]
        == "被告擅自抓取用户数据"
        == current[t1.uuid].text
    )
    assert current[t2.uuid].memo == ""
    assert any(a.memo == "乙：此处应为不正当竞争的结论" for a in current.values())
    assert t3.uuid not in current
    after = dump(p)
    again = p.merge.preview(copy, take_deletions=True)
    assert again.empty and not again.tag_conflicts and not again.deletions and again.tags_known == 3
    assert p.merge.apply(again).empty
    assert dump(p) == after
    # The whole merge is one undoable action, conflicts and deletions included.
    p.revert(changes)
    assert dump(p) == sorted(
        (t.uuid, t.start, t.end, t.category_id, t.memo, t.annotator_id) for t in (t1, t2, t3)
    )


def test_a_json_bundle_of_the_copy_merges_the_same_way(team, tmp_path):
    p, copy, (t1, t2, _t3) = team
    p.close()
    bundle = tmp_path / "yi.json"
    with Project.open(copy) as c:
        c.exports.export("json", bundle)
    p2 = Project.open(p.path)
    try:
        plan = p2.merge.preview(bundle, resolve_all=THEIRS)
        assert plan.tags_new == {"乙": 1} and {c.uuid for c in plan.tag_conflicts} == {t1.uuid, t2.uuid}
        assert plan.taken == {OURS: 0, THEIRS: 2, BOTH: 0}
        assert not plan.deletions  # a bundle carries only live tags: it cannot say what was removed
        p2.merge.apply(plan)
        assert p2.merge.preview(bundle).empty
    finally:
        p2.close()


def test_only_the_open_file_itself_is_refused(team, tmp_path):
    p, _copy, _tags = team
    with pytest.raises(InputError, match="itself"):
        p.merge.preview(p.path)
    link = tmp_path / "link.sqlite"
    link.symlink_to(p.path)
    with pytest.raises(InputError, match="itself"):
        p.merge.preview(link)
    with pytest.raises(InputError):
        p.merge.preview(p.path).resolve("mine")
