"""Resizing, splitting and merging tags: quotes and context follow, and revert undoes each exactly."""

from __future__ import annotations

import pytest

from annotator.core.errors import InputError, OffsetError

TEXT = "原告王𠮷诉称，被告使用群控软件抓取微信用户数据，破坏了平台的数据安全。本院认为，被告的行为构成不正当竞争。"


@pytest.fixture
def doc(project):
    return project.documents.add_text("群控案", TEXT).documents_added[0]


@pytest.fixture
def me(project):
    return project.annotators.ensure("研究员")


def tag(project, doc, me, passage: str, shortcut: str = "1", memo: str = ""):
    start = TEXT.index(passage)
    cat = project.codebook.by_shortcut()[shortcut]
    return project.annotations.add(
        doc.id, start, start + len(passage), cat.id, me.id, memo
    ).annotations_added[0]


def live(project) -> list[tuple[int, int, str, str]]:
    return [(a.start, a.end, a.text, a.memo) for a in project.annotations.list()]


def test_set_extent_rereads_quote_and_context_and_reverts(project, doc, me):
    a = tag(project, doc, me, "群控软件")
    start = TEXT.index("使用群控软件抓取")
    changes = project.annotations.set_extent(a.id, start, start + len("使用群控软件抓取"))
    [updated] = changes.annotations_updated
    assert updated.text == "使用群控软件抓取"
    assert updated.before == TEXT[max(0, start - 20) : start]
    assert updated.after == TEXT[updated.end : updated.end + 20]
    assert changes.action.startswith("Resize tag")
    undo = project.annotations.revert(changes)
    assert project.annotations.get(a.id).text == "群控软件"
    assert project.annotations.get(a.id).before == a.before
    project.annotations.revert(undo)
    assert project.annotations.get(a.id).text == "使用群控软件抓取"


def test_set_extent_outside_the_text_changes_nothing(project, doc, me):
    a = tag(project, doc, me, "群控软件")
    with pytest.raises(OffsetError):
        project.annotations.set_extent(a.id, a.start, len(TEXT) + 5)
    with pytest.raises(OffsetError):
        project.annotations.set_extent(a.id, a.end, a.start)
    assert project.annotations.get(a.id) == a


def test_extent_after_an_astral_character_is_in_code_points(project, doc, me):
    a = tag(project, doc, me, "诉称")
    changes = project.annotations.set_extent(a.id, TEXT.index("王𠮷"), a.end)
    assert changes.annotations_updated[0].text == "王𠮷诉称"


def test_split_keeps_category_memo_and_reverts(project, doc, me):
    a = tag(project, doc, me, "抓取微信用户数据", memo="关键")
    at = TEXT.index("微信")
    changes = project.annotations.split(a.id, at)
    assert sorted(live(project)) == [(a.start, at, "抓取", "关键"), (at, a.end, "微信用户数据", "关键")]
    [new] = changes.annotations_added
    assert new.category_id == a.category_id and new.annotator_id == a.annotator_id
    undo = project.annotations.revert(changes)
    assert live(project) == [(a.start, a.end, "抓取微信用户数据", "关键")]
    project.annotations.revert(undo)
    assert len(live(project)) == 2
    with pytest.raises(OffsetError):
        project.annotations.split(a.id, a.start)


def test_merge_joins_neighbours_of_one_category_and_reverts(project, doc, me):
    first = tag(project, doc, me, "群控软件", memo="工具")
    second = tag(project, doc, me, "微信用户数据", memo="对象")
    changes = project.annotations.merge([first.id, second.id])
    start = TEXT.index("群控软件")
    end = TEXT.index("微信用户数据") + len("微信用户数据")
    assert live(project) == [(start, end, TEXT[start:end], "工具\n对象")]
    assert [r.id for r in changes.annotations_removed] == [second.id]
    undo = project.annotations.revert(changes)
    assert sorted(live(project)) == sorted(
        [(first.start, first.end, "群控软件", "工具"), (second.start, second.end, "微信用户数据", "对象")]
    )
    project.annotations.revert(undo)
    assert len(live(project)) == 1


def test_merge_refuses_different_categories(project, doc, me):
    first = tag(project, doc, me, "群控软件", "1")
    second = tag(project, doc, me, "微信用户数据", "2")
    with pytest.raises(InputError, match="different categories"):
        project.annotations.merge([first.id, second.id])
    with pytest.raises(InputError):
        project.annotations.merge([first.id])
    assert len(live(project)) == 2
