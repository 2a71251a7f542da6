"""Settling disagreements into the agreed layer (审定), with provenance, undo and export."""

from __future__ import annotations

import json

import pytest

from annotator.core.errors import InputError

TEXT = "𠮷某诉称：被告擅自抓取用户数据，构成不正当竞争。本院认为，平台对数据资源享有竞争性权益。"


@pytest.fixture
def pair(project):
    doc = project.documents.add_text("数据抓取案", TEXT).documents_added[0]
    a = project.annotators.ensure("张三")
    b = project.annotators.ensure("李四")

    def tag(quote, cat, who):
        s = TEXT.index(quote)
        return project.annotations.add(
            doc.id, s, s + len(quote), project.codebook.find(cat).id, who.id
        ).annotations_added[0]

    tags = {
        "agree_a": tag("擅自抓取用户数据", "用户数据权益", a),
        "agree_b": tag("擅自抓取用户数据", "用户数据权益", b),
        "cat_a": tag("构成不正当竞争", "破坏性利用", a),
        "cat_b": tag("构成不正当竞争", "用户数据权益", b),
        "only_b": tag("平台对数据资源", "平台数据资源竞争权益", b),
    }
    return project, doc, a, b, tags


def agreed_tags(project):
    agreed = project.review.agreed_annotator()
    return project.annotations.list(annotator_ids=[agreed.id])


def test_accept_agreements_in_bulk_once(pair):
    project, doc, a, b, tags = pair
    changes = project.review.accept_agreements(a.id, b.id, decided_by=a.id)
    [copy] = changes.annotations_added
    assert (copy.start, copy.end, copy.category_id) == (
        tags["agree_a"].start,
        tags["agree_a"].end,
        tags["agree_a"].category_id,
    )
    assert project.review.agreed_annotator().name == "审定"
    prov = project.review.provenance(copy.id)
    assert prov["decision"] == "agree" and prov["decided_by"] == a.id
    assert set(prov["sources"]) == {tags["agree_a"].uuid, tags["agree_b"].uuid}
    assert prov["decided_at"]
    assert project.review.accept_agreements(a.id, b.id, decided_by=a.id).empty  # settled already


def test_each_decision_and_its_undo(pair):
    project, doc, a, b, tags = pair
    changes = project.review.decide(tags["cat_a"].id, tags["cat_b"].id, "accept_b", decided_by=b.id)
    assert changes.annotations_added[0].category_id == tags["cat_b"].category_id
    assert {tags["cat_a"].uuid, tags["cat_b"].uuid} <= project.review.decided([doc.id])
    project.revert(changes)
    assert agreed_tags(project) == []
    assert tags["cat_a"].uuid not in project.review.decided([doc.id])  # an undone decision no longer stands

    s = TEXT.index("构成")
    edited = project.review.decide(
        tags["cat_a"].id, tags["cat_b"].id, "edit", decided_by=a.id, start=s, end=s + 2
    )
    assert edited.annotations_added[0].text == "构成"
    assert edited.annotations_added[0].category_id == tags["cat_a"].category_id
    rejected = project.review.decide(None, tags["only_b"].id, "reject", decided_by=a.id)
    assert not rejected.annotations_added and tags["only_b"].uuid in project.review.decided()
    # A rejection adds no tag but is a decision all the same: undo takes it back, redo makes it again.
    redo = project.revert(rejected)
    assert tags["only_b"].uuid not in project.review.decided()
    project.revert(redo)
    assert tags["only_b"].uuid in project.review.decided()
    both = project.review.decide(tags["agree_a"].id, tags["agree_b"].id, "accept_both", decided_by=a.id)
    assert len(both.annotations_added) == 2
    with pytest.raises(InputError, match="no tag of annotator A"):
        project.review.decide(None, tags["only_b"].id, "accept_a", decided_by=a.id)
    with pytest.raises(InputError, match="unknown decision"):
        project.review.decide(tags["cat_a"].id, None, "maybe", decided_by=a.id)


def test_agreed_layer_exports_like_any_annotator(pair, tmp_path):
    project, doc, a, b, tags = pair
    project.review.accept_agreements(a.id, b.id, decided_by=a.id)
    from annotator.formats.base import ExportOptions

    agreed = project.review.agreed_annotator()
    out = tmp_path / "agreed.json"
    project.exports.export("json", out, ExportOptions(annotator_ids=frozenset({agreed.id})))
    bundle = json.loads(out.read_text(encoding="utf-8"))
    assert [u["name"] for u in bundle["annotators"]] == ["审定"]
    assert [x["text"] for x in bundle["annotations"]] == ["擅自抓取用户数据"]
