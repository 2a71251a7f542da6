"""Merging a colleague's copy gives exactly the project the merge rules describe: the result, read
back from the file, is compared with one computed here from both projects' rows by the rules alone
(the module docstring of services/merge.py), for every way of settling conflicts and deletions, from
the project file and from a json bundle of it. It guards the fast paths of the matcher and the
writer: whatever they skip, the contents (tags, their memos and context, categories, annotators,
documents) and the conflicts listed must not change."""

from __future__ import annotations

import random
import sqlite3

import pytest

from annotator.services import Project
from annotator.services.merge import BOTH, OURS, THEIRS
from annotator.services.merge_plan import both_uuid

SEED = 18
TEXTS = [
    "原告诉称：被告未经许可抓取用户数据，构成不正当竞争，请求赔偿损失。𠮷某作为平台经营者享有竞争性权益。"
    "本院认为，数据资源的收集与利用应当遵循合法、正当、必要的原则。",
    "被告辩称：其使用的数据系公开信息，不构成侵权。本院经审理查明，被告的群控软件破坏了平台的数据安全，"
    "损害了用户的个人隐私与平台的经营秩序。",
    "法院判决：被告立即停止侵害，赔偿原告经济损失及合理开支。案件受理费由被告负担。",
]


def _content(path) -> dict:
    """The project file's contents by identity: what a user would call the merged project."""
    con = sqlite3.connect(path)
    try:
        docs = {i: u for i, u in con.execute("SELECT id, uuid FROM document WHERE removed_at IS NULL")}
        cats = {i: u for i, u in con.execute("SELECT id, uuid FROM category WHERE removed_at IS NULL")}
        people = {i: u for i, u in con.execute("SELECT id, uuid FROM annotator")}
        tags = {}
        for row in con.execute(
            'SELECT uuid, document_id, category_id, annotator_id, start, "end", text, before, after, memo, '
            "created, deleted_at FROM annotation"
        ):
            uuid, doc, cat, who, start, end, text, before, after, memo, created, deleted = row
            tags[uuid] = (
                docs.get(doc),
                cats.get(cat),
                people[who],
                start,
                end,
                text,
                before,
                after,
                memo,
                created,
                deleted is not None,
            )
        return {
            "documents": sorted(
                con.execute("SELECT uuid, title, sha256 FROM document WHERE removed_at IS NULL").fetchall()
            ),
            "categories": sorted(
                con.execute("SELECT uuid, name FROM category WHERE removed_at IS NULL").fetchall()
            ),
            "annotators": sorted(con.execute("SELECT uuid, name FROM annotator").fetchall()),
            "tags": tags,
        }
    finally:
        con.close()


DOC, CAT, WHO, START, END, TEXT, BEFORE, AFTER, MEMO, CREATED, DELETED = range(11)


def expected(
    mine: dict, theirs: dict, how: str, take_deletions: bool, removals: bool = True
) -> tuple[dict, set, set]:
    """The merged tags by the rules (uuid → row as `_content` gives it), the uuids in conflict, and
    the uuids whose removal there is listed (a json bundle carries no removals: `removals` False)."""
    out = {u: list(r) for u, r in mine["tags"].items()}
    live_keys = {(r[DOC], r[START], r[END], r[CAT], r[WHO]) for r in mine["tags"].values() if not r[DELETED]}
    conflicts, deletions = set(), set()
    for uuid, t in theirs["tags"].items():
        ours = mine["tags"].get(uuid)
        if t[DELETED]:
            if removals and ours is not None and not ours[DELETED]:
                deletions.add(uuid)
                if take_deletions:
                    out[uuid][DELETED] = True
            continue
        if ours is None:
            if (t[DOC], t[START], t[END], t[CAT], t[WHO]) not in live_keys:
                out[uuid] = list(t)
            continue
        if ours[DELETED]:
            continue  # removed here since: not brought back
        fields = (START, END, MEMO, DOC, CAT)
        if all(ours[f] == t[f] for f in fields):
            continue
        conflicts.add(uuid)
        if how == THEIRS:
            for f in (*fields, TEXT, BEFORE, AFTER):
                out[uuid][f] = t[f]
        elif how == BOTH:
            out[both_uuid(uuid, t[START], t[END], t[CAT], t[MEMO])] = list(t)
    return {u: tuple(r) for u, r in out.items()}, conflicts, deletions


@pytest.fixture
def copies(tmp_path):
    """甲's project (3 documents, ~300 tags by 甲 and 丙), a copy shared with 乙, and 乙's work in it:
    new tags (some on a new category, some on a new document, some repeating one of ours by span),
    resized, recategorised and re-memoed tags, removals; and 甲's own changes since: removals and a
    memo."""
    rng = random.Random(SEED)
    mine, copy = tmp_path / "jia.sqlite", tmp_path / "yi.sqlite"
    with Project.create(mine) as p:
        jia, bing = p.annotators.ensure("甲"), p.annotators.ensure("丙")
        cats = p.codebook.list()
        docs = [p.documents.add_text(f"判决{i}", t).documents_added[0] for i, t in enumerate(TEXTS)]
        for _ in range(300):
            d = rng.randrange(len(docs))
            s = rng.randrange(0, len(TEXTS[d]) - 12)
            p.annotations.add(
                docs[d].id,
                s,
                s + rng.randint(2, 12),
                rng.choice(cats).id,
                rng.choice((jia, bing)).id,
                memo=rng.choice(("", "", "甲：待核")),
            )
        p.sharing.share(copy, "乙", by_annotator_id=jia.id)
        ours = p.annotations.list()
        for a in rng.sample(ours[1:], 15):
            p.annotations.remove(a.id)  # removed here after sharing
        p.annotations.set_memo(ours[0].id, "甲：改过的备忘")
    with Project.open(copy) as c:
        yi = c.annotators.ensure("乙")
        theirs = c.annotations.list()
        cats = c.codebook.list()
        rng.shuffle(theirs)
        for a in theirs[:20]:
            c.annotations.set_extent(a.id, a.start, a.end - 1 if a.end - a.start > 1 else a.end + 1)
        for a in theirs[20:35]:
            c.annotations.set_category(a.id, next(x.id for x in cats if x.id != a.category_id))
        for a in theirs[35:50]:
            c.annotations.set_memo(a.id, "乙：此处存疑")
        for a in theirs[50:60]:
            c.annotations.remove(a.id)
        for a in theirs[60:65]:  # the same span, category and annotator as one of ours, no uuid in common
            c.annotations.remove(a.id)
            c.annotations.add(a.document_id, a.start, a.end, a.category_id, a.annotator_id)
        new_cat = c.codebook.add("乙的新类别").categories_added[0]
        doc_ids = [d.id for d in c.documents.list()]
        new_doc = c.documents.add_text("乙的新判决", TEXTS[2] + "另查明：被告曾受行政处罚。").documents_added[
            0
        ]
        for i in range(60):
            d = doc_ids[i % len(doc_ids)] if i % 4 else new_doc.id
            s = rng.randrange(0, 30)
            cat = new_cat.id if i % 3 == 0 else rng.choice(cats).id
            c.annotations.add(d, s, s + rng.randint(2, 9), cat, yi.id, memo="乙：新增" if i % 5 == 0 else "")
    return mine, copy


@pytest.mark.parametrize(
    ("how", "take_deletions", "via"),
    [
        (OURS, False, "project"),
        (THEIRS, True, "project"),
        (BOTH, False, "project"),
        (THEIRS, False, "bundle"),
    ],
)
def test_the_merged_project_is_what_the_rules_give(copies, tmp_path, how, take_deletions, via):
    mine, copy = copies
    source = copy
    if via == "bundle":
        source = tmp_path / "yi.json"
        with Project.open(copy) as c:
            c.exports.export("json", source)
    before, theirs = _content(mine), _content(copy)
    want_tags, want_conflicts, want_deletions = expected(
        before, theirs, how, take_deletions, removals=via == "project"
    )
    with Project.open(mine) as p:
        plan = p.merge.preview(source, resolve_all=how, take_deletions=take_deletions)
        assert {c.uuid for c in plan.tag_conflicts} == want_conflicts
        assert {d.ours.uuid for d in plan.deletions} == want_deletions
        assert plan.documents_new == ["乙的新判决"] and plan.categories_new == ["乙的新类别"]
        assert plan.annotators_new == ["乙"] and not plan.unplaced
        assert [str(m) for m in plan.conflicts] == []
        added = {u for u in want_tags if u not in before["tags"]}
        assert plan.tags_new_total == len(added) - (len(want_conflicts) if how == BOTH else 0)
        changes = p.merge.apply(plan)
        assert {a.uuid for a in changes.annotations_added} == added
        after = _content(mine)
        assert after["documents"] == sorted({*before["documents"], *theirs["documents"]})
        assert after["categories"] == sorted({*before["categories"], *theirs["categories"]})
        assert after["annotators"] == sorted({*before["annotators"], *theirs["annotators"]})
        assert after["tags"] == want_tags
        # Merging the same file again changes nothing (with the removals taken, the tags 乙 re-made
        # over ours are new again: ours are gone), and undo gives back the project as it was.
        if not take_deletions:
            assert p.merge.preview(source, resolve_all=how).empty
        p.revert(changes)
        reverted = _content(mine)
        assert {u: r for u, r in reverted["tags"].items() if not r[DELETED]} == {
            u: r for u, r in before["tags"].items() if not r[DELETED]
        }
