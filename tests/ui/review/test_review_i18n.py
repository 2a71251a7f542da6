"""Review in the Chinese interface: the merge preview, its conflicts, errors and the Undo menu's labels
come from structured messages, translated with their parameters (no English left)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from annotator.services import Project
from annotator.ui.common import i18n

TEXT = "𠮷某诉称：被告擅自抓取用户数据，构成不正当竞争。本院认为，平台对数据资源享有竞争性权益。"


@pytest.fixture
def chinese(qapp):
    i18n.load_translations(QApplication.instance(), "zh_CN")
    yield
    i18n.load_translations(QApplication.instance(), "en")


@pytest.fixture
def setup(open_window, tmp_path, chinese):
    mine, copy = tmp_path / "jia.sqlite", tmp_path / "yi.sqlite"
    with Project.create(mine) as p:
        doc = p.documents.add_text("数据抓取案", TEXT).documents_added[0]
        jia = p.annotators.ensure("甲")
        s = TEXT.index("擅自抓取用户数据")
        t = p.annotations.add(doc.id, s, s + 8, p.codebook.find("用户数据权益").id, jia.id).annotations_added[
            0
        ]
        p.sharing.share(copy, "乙", by_annotator_id=jia.id)
    with Project.open(copy) as c:
        c.annotations.set_extent(c.annotations.find(t.uuid).id, s - 2, s + 8)
        yi = c.annotators.ensure("乙")
        c.annotations.add(
            1, TEXT.index("构成"), TEXT.index("构成") + 7, c.codebook.find("破坏性利用").id, yi.id
        )
    w = open_window(Project.open(mine), "甲", wait=False)
    yield w, copy, t
    w.close()


def test_merge_preview_conflicts_and_undo_labels_in_chinese(setup, qtbot):
    from annotator.ui.review.merge import MergeDialog

    window, copy, t = setup
    dialog = MergeDialog(window, str(copy))
    qtbot.addWidget(dialog)
    assert dialog.load()
    summary = dialog.summary.text()
    assert "乙 的新标注 1 条" in summary and "双方都改动过（冲突）" in summary
    assert "tags" not in summary and "conflicts" not in summary
    dialog.resolve_all("theirs")
    assert "采用对方 1" in dialog.summary.text()
    dialog.accept()
    window.record(dialog.changes)
    assert window.undo_stack.undoText() == "合并 yi.sqlite"
    # An adjudication and a rejection: both on the Undo menu, in Chinese.
    people = {a.name: a.id for a in window.project.annotators.list()}
    changes = window.project.review.decide(
        None,
        window.project.annotations.list(annotator_ids=[people["乙"]])[0].id,
        "reject",
        decided_by=people["甲"],
    )
    window.record(changes)
    assert window.undo_stack.undoText() == "裁决：驳回"
    assert "已驳回" in window.statusBar().currentMessage()
    # A service error, shown translated with its parameter.
    from annotator.core.errors import InputError

    try:
        window.project.review.decide(None, None, "maybe", decided_by=people["甲"])
    except InputError as exc:
        assert i18n.error_text(exc).startswith("未知的裁决 'maybe'")
    # Merging the open file into itself, refused in Chinese.
    with pytest.raises(InputError) as refused:
        window.project.merge.preview(window.project.path)
    assert "不能合并到自身" in i18n.error_text(refused.value)


def test_tags_that_cannot_be_placed_are_listed_in_chinese(setup, tmp_path):
    import json

    window, copy, _t = setup
    bundle = tmp_path / "no-text.json"
    with Project.open(copy) as c:
        c.exports.export("json", bundle)
    data = json.loads(bundle.read_text(encoding="utf-8"))
    for d in data["documents"]:  # a bundle without the texts, of a document this project does not have
        d.pop("text", None)
        d["uuid"], d["sha256"] = "00000000-0000-4000-8000-000000000000", "0" * 64
    for i, a in enumerate(data["annotations"]):
        a["document"] = "00000000-0000-4000-8000-000000000000"
        a["uuid"] = f"00000000-0000-4000-8000-{i:012d}"  # tags this project has not seen
    bundle.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    plan = window.project.merge.preview(bundle)
    shown = i18n.message_text(plan.unplaced[0])
    assert "文件不含该文书的正文" in shown and "does not carry" in plan.unplaced[0]
