"""Review → Merge on a colleague's copy: the tags both sides changed are listed side by side and
settled per tag or for all, the colleague's removals are taken only when ticked, merged tags name
their annotator at once, and the whole merge undoes in one step."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from annotator.services import Project

TEXT = "𠮷某诉称：被告擅自抓取用户数据，构成不正当竞争。本院认为，平台对数据资源享有竞争性权益。"


def tag(p, doc_id, quote, category, who):
    s = TEXT.index(quote)
    return p.annotations.add(
        doc_id, s, s + len(quote), p.codebook.find(category).id, who.id
    ).annotations_added[0]


@pytest.fixture
def window_and_copy(open_window, tmp_path):
    mine, copy = tmp_path / "jia.sqlite", tmp_path / "yi.sqlite"
    with Project.create(mine) as p:
        doc = p.documents.add_text("数据抓取案", TEXT).documents_added[0]
        jia = p.annotators.ensure("甲")
        t1 = tag(p, doc.id, "擅自抓取用户数据", "用户数据权益", jia)
        t2 = tag(p, doc.id, "构成不正当竞争", "破坏性利用", jia)
        t3 = tag(p, doc.id, "平台对数据资源享有竞争性权益", "平台数据资源竞争权益", jia)
        p.sharing.share(copy, "乙", by_annotator_id=jia.id)
    with Project.open(copy) as c:
        yi = c.annotators.ensure("乙")
        tag(c, c.documents.list()[0].id, "被告擅自抓取用户数据", "用户数据权益", yi)
        c.annotations.set_extent(c.annotations.find(t1.uuid).id, t1.start - 2, t1.end)
        c.annotations.set_category(c.annotations.find(t2.uuid).id, c.codebook.find("用户数据权益").id)
        c.annotations.remove(c.annotations.find(t3.uuid).id)
    w = open_window(Project.open(mine), "甲")
    yield w, copy, (t1, t2, t3)
    w.close()


def test_conflicts_side_by_side_settled_per_tag_and_for_all(window_and_copy, qtbot):
    from annotator.ui.review.merge import MergeDialog

    window, copy, (t1, t2, t3) = window_and_copy
    dialog = MergeDialog(window, str(copy))
    qtbot.addWidget(dialog)
    assert dialog.load()
    dialog.show()
    table = dialog.conflicts
    assert table.isVisible() and table.rowCount() == 2
    rows = {table.cellWidget(r, 3).property("tag_uuid"): r for r in range(2)}
    resized = rows[t1.uuid]
    assert "擅自抓取用户数据" in table.item(resized, 1).text() and "甲" in table.item(resized, 1).text()
    assert "被告擅自抓取用户数据" in table.item(resized, 2).text()
    assert "乙 · yi.sqlite" in table.item(resized, 2).text()  # who changed it: the copy was 乙's
    assert (
        "破坏性利用" in table.item(rows[t2.uuid], 1).text()
        and "用户数据权益" in table.item(rows[t2.uuid], 2).text()
    )
    assert "category" in table.item(rows[t2.uuid], 2).toolTip()
    assert "1 new tags by 乙" in dialog.summary.text() and dialog.merge_button.isEnabled()
    # For all: take theirs; then keep both for the recategorised one.
    qtbot.mouseClick(dialog.all_buttons["theirs"], Qt.MouseButton.LeftButton)
    assert dialog.plan.taken == {"ours": 0, "theirs": 2, "both": 0}
    dialog.set_resolution(t2.uuid, "both")
    assert table.cellWidget(rows[t2.uuid], 3).currentData() == "both"
    assert dialog.plan.taken == {"ours": 0, "theirs": 1, "both": 1}
    # The colleague's removal: listed, taken only when ticked.
    assert (
        dialog.take_deletions.isVisible() and "平台对数据资源享有竞争性权益" in dialog.deletions.toPlainText()
    )
    dialog.take_deletions.click()
    assert dialog.plan.take_deletions
    before = len(window.view.spans)
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    window.record(dialog.changes)
    by_uuid = {a.uuid: a for a in window.ann_model.rows}
    assert by_uuid[t1.uuid].text == "被告擅自抓取用户数据" and t3.uuid not in by_uuid
    assert len(window.view.spans) == before + 2 - 1  # 乙's tag and 乙's version of t2; t3 removed
    # Merged tags name their annotator at once, not "?".
    col = window.ann_model.HEADERS.index("Annotator")
    shown = {window.ann_model.index(r, col).data() for r in range(window.ann_model.rowCount())}
    assert shown == {"甲", "乙"}
    window.undo_stack.undo()
    assert {a.uuid for a in window.ann_model.rows} == {t1.uuid, t2.uuid, t3.uuid}
    assert next(a for a in window.ann_model.rows if a.uuid == t1.uuid).text == "擅自抓取用户数据"
    window.undo_stack.redo()
    assert t3.uuid not in {a.uuid for a in window.ann_model.rows}
