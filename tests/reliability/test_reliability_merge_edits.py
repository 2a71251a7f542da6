"""A colleague's edit of a tag we also have (same uuid, new extent) is never dropped as "already here":
the preview shows it as a conflict and writes nothing; taking it, or keeping both, keeps it."""

from __future__ import annotations

import hashlib

import pytest

from annotator.cli import main
from annotator.services import Project

TEXT = "本院认为，被告未经许可抓取平台数据，破坏了平台的数据安全，构成不正当竞争。"


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def edited(tmp_path):
    mine, copy = tmp_path / "mine.sqlite", tmp_path / "copy.sqlite"
    with Project.create(mine) as p:
        doc = p.documents.add_text("群控案", TEXT).documents_added[0]
        me = p.annotators.ensure("甲")
        s = TEXT.index("抓取平台数据")
        tag = p.annotations.add(doc.id, s, s + 6, p.codebook.find("破坏性利用").id, me.id).annotations_added[
            0
        ]
        p.sharing.share(copy, "乙", by_annotator_id=me.id)
    with Project.open(copy) as c:
        theirs = c.annotations.find(tag.uuid)
        c.annotations.set_extent(theirs.id, TEXT.index("未经许可"), theirs.end)  # 未经许可抓取平台数据
    return mine, copy, tag


def test_an_edited_tag_with_our_uuid_is_a_conflict_not_already_here(edited):
    mine, copy, tag = edited
    with Project.open(mine) as p:
        plan = p.merge.preview(copy)
        assert plan.tags_known == 0 and [c.uuid for c in plan.tag_conflicts] == [tag.uuid]
        assert plan.tag_conflicts[0].theirs.text == "未经许可抓取平台数据"
    before = digest(mine)
    # A dry run and a merge keeping ours leave the project byte for byte as it was.
    assert main(["merge", str(mine), str(copy), "--dry-run"]) == 0
    assert digest(mine) == before
    with Project.open(mine) as p:
        assert p.merge.merge(copy).empty
        assert p.annotations.find(tag.uuid).text == "抓取平台数据"


@pytest.mark.parametrize("how", ["theirs", "both"])
def test_taking_the_edit_or_keeping_both_keeps_the_colleagues_extent(edited, how, capsys):
    mine, copy, tag = edited
    assert main(["merge", str(mine), str(copy), "--conflicts", how]) == 0
    assert "changed on both sides" in capsys.readouterr().err
    with Project.open(mine) as p:
        texts = sorted(a.text for a in p.annotations.list())
        assert texts == (
            ["未经许可抓取平台数据"] if how == "theirs" else ["抓取平台数据", "未经许可抓取平台数据"]
        )
        assert p.merge.preview(copy, resolve_all=how).empty  # merging again adds nothing
