"""Rights are the server's: each member connects as their own PostgreSQL login, and the server refuses
what their role does not allow, whether it comes through the app or as raw SQL."""

from __future__ import annotations

import psycopg2
import pytest

from annotator.cli import main
from annotator.core.errors import RefusedError
from annotator.services import Project

from .conftest import TEXT


def _raw(url: str):
    con = psycopg2.connect(url)
    con.autocommit = True
    return con


def _refused(con, sql: str, params=None) -> str:
    with pytest.raises(psycopg2.Error) as caught, con.cursor() as cur:
        cur.execute(sql, params)
    assert caught.value.pgcode == "42501", caught.value
    return str(caught.value)


def _one(con, sql: str, params=None):
    with con.cursor() as cur:
        cur.execute(sql, params)
        return cur.fetchone()


def test_an_annotator_cannot_touch_anothers_tags_the_codebook_or_adjudication(team):
    passage = "擅自抓取用户数据"
    start = TEXT.index(passage)
    with Project.open(team.url("乙")) as b:
        me, role = b.team.me()
        assert (me.name, role) == ("乙", "annotator")
        cat = b.codebook.find("破坏性利用")
        b_tag = b.annotations.add(
            1, start, start + len(passage), cat.id, me.id, memo="乙的备注"
        ).annotations_added[0]

    a = _raw(team.url("甲"))
    before = _one(
        a, 'SELECT memo, start, "end", deleted_at, annotator_id FROM annotation WHERE id = %s', (b_tag.id,)
    )
    assert before[0] == "乙的备注"  # everyone reads everything
    message = _refused(a, "UPDATE annotation SET memo = '甲改的' WHERE id = %s", (b_tag.id,))
    assert "may not change what another annotator wrote" in message
    _refused(a, "UPDATE annotation SET annotator_id = team_annotator() WHERE id = %s", (b_tag.id,))
    _refused(a, "DELETE FROM annotation WHERE id = %s", (b_tag.id,))
    b_id = before[4]
    _refused(
        a,
        'INSERT INTO annotation (uuid, document_id, annotator_id, category_id, start, "end", text, before, '
        "after, memo, created, updated) VALUES ('x', 1, %s, %s, 0, 2, '本院', '', '', '', 'now', 'now')",
        (b_id, cat.id),
    )
    assert (
        _one(
            a,
            'SELECT memo, start, "end", deleted_at, annotator_id FROM annotation WHERE id = %s',
            (b_tag.id,),
        )
        == before
    )
    # The codebook, the documents, the members and the agreed layer's table are not theirs either.
    assert "category" in _refused(a, "UPDATE category SET name = '改名' WHERE id = %s", (cat.id,))
    _refused(
        a,
        "INSERT INTO category (uuid, name, name_en, description, color, shortcut, sort_order, archived, "
        "created) VALUES ('c', '新类别', '', '', '#888888', '', 99, false, 'now')",
    )
    _refused(a, "UPDATE document SET title = '改' WHERE id = 1")
    _refused(a, "UPDATE member SET role = 'owner'")
    assert "adjudication" in _refused(
        a,
        "INSERT INTO adjudication (document_id, annotation_id, decision, decided_by, decided_at, sources) "
        "VALUES (1, NULL, 'reject', team_annotator(), 'now', '[]')",
    )
    # Their own tags they may add, change and remove.
    with a.cursor() as cur:
        cur.execute(
            'INSERT INTO annotation (uuid, document_id, annotator_id, category_id, start, "end", text, '
            "before, after, memo, created, updated) VALUES ('mine', 1, team_annotator(), %s, 0, 2, '本院', "
            "'', '', '', 'now', 'now')",
            (cat.id,),
        )
        cur.execute("UPDATE annotation SET memo = '我的' WHERE uuid = 'mine'")
        assert cur.rowcount == 1
        cur.execute("DELETE FROM annotation WHERE uuid = 'mine'")
        assert cur.rowcount == 1
    a.close()


def test_the_app_reports_a_refusal_and_changes_nothing(team):
    with Project.open(team.url("乙")) as b:
        me, _ = b.team.me()
        cat = b.codebook.find("破坏性利用")
        b_tag = b.annotations.add(1, 0, 4, cat.id, me.id).annotations_added[0]
    with Project.open(team.url("甲")) as a:
        with pytest.raises(RefusedError, match="refused this change"):
            a.annotations.remove(b_tag.id)
        with pytest.raises(RefusedError):
            a.codebook.rename(cat.id, "改名")
        assert [t.id for t in a.annotations.list()] == [b_tag.id]
        assert a.codebook.find("破坏性利用").id == cat.id
        mine = a.team.annotator_or("ignored")
        assert mine.name == "甲"
        a.annotations.add(1, 5, 9, cat.id, mine.id)  # their own: fine


def test_an_adjudicator_writes_the_agreed_layer_and_an_owner_everything(team):
    with Project.open(team.url("甲")) as a:
        cat = a.codebook.find("破坏性利用")
        a.annotations.add(1, 0, 4, cat.id, a.team.annotator_or("").id)
    with Project.open(team.url("乙")) as b:
        b.annotations.add(1, 0, 4, cat.id, b.team.annotator_or("").id)
    with Project.open(team.url("丙")) as c:
        me, role = c.team.me()
        assert role == "adjudicator"
        ids = {x.name: x.id for x in c.annotators.list()}
        changes = c.review.accept_agreements(ids["甲"], ids["乙"], me.id)
        agreed = changes.annotations_added
        assert len(agreed) == 1 and agreed[0].annotator_id == c.review.agreed_annotator_id()
        assert c.review.provenance(agreed[0].id)["decided_by"] == me.id
        theirs = [t for t in c.annotations.list() if t.annotator_id == ids["甲"]][0]
        with pytest.raises(RefusedError):
            c.annotations.remove(theirs.id)
    with Project.open(team.url()) as owner:
        _, role = owner.team.me()
        assert role == "owner"
        owner.codebook.rename(cat.id, "破坏性利用（改）")
        assert owner.codebook.get(cat.id).name == "破坏性利用（改）"
        assert {(m.login, m.role) for m in owner.team.members()} == {
            ("team_owner", "owner"),
            ("甲", "annotator"),
            ("乙", "annotator"),
            ("丙", "adjudicator"),
        }


def test_members_cannot_add_members_and_the_cli_says_why(team, capsys):
    assert main(["server", "add-member", team.url("甲"), "丁"]) == 1
    err = capsys.readouterr().err
    assert "annotator: error:" in err and "refused" in err
    assert main(["server", "members", team.url("甲")]) == 0
    assert "丙\tadjudicator" in capsys.readouterr().out
