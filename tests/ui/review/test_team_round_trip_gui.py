"""The whole round trip a research team does, through the GUI: 甲 shares a blind copy (File → Share a
copy for a colleague…), 乙 opens it, confirms their name, tags and edits a tag that came with the copy,
甲 merges it back (Review → Merge back a shared copy), sees the conflict side by side and takes 乙's
version, compares both readings in the curation view, adjudicates, and exports the agreed layer."""

from __future__ import annotations

import csv

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QInputMethodEvent, QTextCursor
from PySide6.QtWidgets import QApplication

from annotator.services import Project

TEXT = (
    "𠮷某诉称：被告擅自抓取用户数据，构成不正当竞争。本院认为，平台对数据资源享有竞争性权益。"
    "被告的群控软件破坏了平台的数据安全。"
)


def type_text(widget, text: str) -> None:
    """Chinese typed as an input method commits it (qtbot.keyClicks cannot send it)."""
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def click_at(qtbot, view, cp: int) -> None:
    cursor = QTextCursor(view.document())
    cursor.setPosition(view._to_u16(cp))
    rect = view.cursorRect(cursor)
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.center().x() + 3, rect.center().y())
    )


def activate(qtbot, window) -> None:
    """A closed dialog hands activation back to the window on a desktop; the offscreen platform does not."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def tag_by_keys(qtbot, window, quote: str, key) -> None:
    s = TEXT.index(quote)
    window.view.select_range(s, s + len(quote))  # as a drag over the passage leaves it
    qtbot.keyClick(window.view, key)


def when_shown(attr_owner, name: str, act) -> None:
    """Run `act(dialog)` once the modal dialog `attr_owner.name` is up (it runs its own event loop)."""

    def poll():
        dialog = getattr(attr_owner, name, None)
        if dialog is not None and dialog.isVisible():
            act(dialog)
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)


@pytest.fixture
def team(open_window, tmp_path):
    original = tmp_path / "jia.sqlite"
    with Project.create(original) as p:
        doc = p.documents.add_text("数据抓取案", TEXT).documents_added[0]
        pre = p.annotators.ensure("预标注")
        s = TEXT.index("平台对数据资源")
        pre_tag = p.annotations.add(
            doc.id, s, s + 7, p.codebook.find("用户数据权益").id, pre.id
        ).annotations_added[0]
    w = open_window(Project.open(original), "甲")
    w.activateWindow()
    yield w, original, pre_tag, tmp_path
    w.close()


def test_team_round_trip_through_the_gui(team, qtbot):
    window, original, pre_tag, tmp_path = team
    # 甲 codes two passages.
    tag_by_keys(qtbot, window, "擅自抓取用户数据", Qt.Key.Key_1)
    tag_by_keys(qtbot, window, "构成不正当竞争", Qt.Key.Key_3)
    assert len(window.ann_model.rows) == 3

    # File → Share a copy for a colleague…: for 乙, leaving out my tags.
    window.features.act_share.trigger()
    dialog = window.features.share_dialog
    type_text(dialog.colleague, "乙")
    copy = tmp_path / "jia-乙.sqlite"
    assert dialog.path.text() == str(copy)
    assert dialog.tag_buttons["others"].isChecked()
    qtbot.mouseClick(dialog.share_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and copy.is_file()

    # 乙 opens the copy: asked to confirm the name; 甲's tags are not there, the pre-annotation is.
    window.open_project(str(copy))
    qtbot.waitUntil(
        lambda: (
            window.features.confirm_colleague_dialog is not None
            and window.features.confirm_colleague_dialog.isVisible()
        )
    )
    confirm = window.features.confirm_colleague_dialog
    assert confirm.name.text() == "乙"
    qtbot.keyClick(confirm.name, Qt.Key.Key_Return)
    assert window.annotator.name == "乙"
    assert [a.uuid for a in window.ann_model.rows] == [pre_tag.uuid]
    activate(qtbot, window)
    tag_by_keys(qtbot, window, "被告擅自抓取用户数据", Qt.Key.Key_1)
    tag_by_keys(qtbot, window, "构成不正当竞争", Qt.Key.Key_3)
    assert sorted(a.text for a in window.ann_model.rows if a.annotator_id == window.annotator.id) == [
        "构成不正当竞争",
        "被告擅自抓取用户数据",
    ]
    # 乙 edits the tag that came with the copy: clicks it, gives it another category and a memo.
    window.view.select_range(0, 0)
    click_at(qtbot, window.view, pre_tag.start + 2)
    assert window.active_annotation == window.project.annotations.find(pre_tag.uuid).id
    qtbot.keyClick(window.view, Qt.Key.Key_2)
    type_text(window.memo_edit, "乙：这是平台的竞争性权益")
    window.save_memo()
    edited = window.project.annotations.find(pre_tag.uuid)
    assert edited.category_id == window.project.codebook.find("平台数据资源竞争权益").id

    # 甲 opens the original again and merges the copy back from the Review menu.
    window.open_project(str(original))
    activate(qtbot, window)
    assert window.annotator.name == "甲"
    window.features.merge_back_menu.aboutToShow.emit()
    [entry] = window.features.merge_back_menu.actions()
    assert "乙" in entry.text()
    seen = {}

    def settle(merge):
        rows = merge.conflicts.rowCount()
        seen["conflicts"] = rows
        seen["theirs"] = merge.conflicts.item(0, 2).text() if rows else ""
        qtbot.mouseClick(merge.all_buttons["theirs"], Qt.MouseButton.LeftButton)
        qtbot.mouseClick(merge.merge_button, Qt.MouseButton.LeftButton)

    when_shown(window.features, "review_merge_dialog", settle)
    entry.trigger()
    assert seen["conflicts"] == 1 and "平台数据资源竞争权益" in seen["theirs"] and "乙：" in seen["theirs"]
    merged = window.project.annotations.find(pre_tag.uuid)
    assert merged.memo == "乙：这是平台的竞争性权益"
    col = window.ann_model.HEADERS.index("Annotator")
    assert {window.ann_model.index(r, col).data() for r in range(window.ann_model.rowCount())} == {
        "甲",
        "乙",
        "预标注",
    }

    # The curation view: 甲 beside 乙; step to the disagreement, accept 乙's extent, accept the agreement.
    people = {a.name: a.id for a in window.project.annotators.list()}
    window.features.curation_action.trigger()
    view = window.features.curation_view
    qtbot.waitExposed(view)
    view.first.setCurrentIndex(view.first.findData(people["甲"]))
    view.second.setCurrentIndex(view.second.findData(people["乙"]))
    assert "1 disagreements, 1 open" in view.summary.text()
    activate(qtbot, view)
    qtbot.keyClick(view, Qt.Key.Key_F9)
    assert view.current().b.text == "被告擅自抓取用户数据"
    qtbot.mouseClick(view.decision_buttons["accept_b"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(
        view.findChild(type(view.decision_buttons["accept_b"]), "curateAgreements"), Qt.MouseButton.LeftButton
    )
    assert "0 open" in view.summary.text()
    view.close()

    # Review → Export the agreed layer…
    out = tmp_path / "agreed.csv"

    def export(dialog):
        dialog.format.setCurrentIndex(dialog.format.findData("csv"))
        dialog.path.setText(str(out))
        dialog.run_export()

    when_shown(window.features, "export_agreed_dialog", export)
    window.features.export_agreed_action.trigger()
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert sorted(r["passage"] for r in rows) == ["构成不正当竞争", "被告擅自抓取用户数据"]
    assert {r["annotator"] for r in rows} == {"审定"}
