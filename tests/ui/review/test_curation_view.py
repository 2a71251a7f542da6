"""The curation view: two annotators' readings of one document side by side, disagreements marked in
the text and beside the scroll bar, F9 / Shift+F9 to step, decisions taken in place and undoable."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor

from annotator.services import Project

TEXT = (
    "𠮷某诉称：被告擅自抓取用户数据，构成不正当竞争。本院认为，平台对数据资源享有竞争性权益。"
    "被告的群控软件破坏了平台的数据安全。"
)


def tag(p, doc_id, quote, category, who, memo=""):
    s = TEXT.index(quote)
    return p.annotations.add(
        doc_id, s, s + len(quote), p.codebook.find(category).id, who.id, memo=memo
    ).annotations_added[0]


@pytest.fixture
def curation(qtbot, open_window, tmp_path):
    from annotator.ui.review.curation import open_curation

    p = Project.create(tmp_path / "c.sqlite")
    doc = p.documents.add_text("数据抓取案", TEXT).documents_added[0]
    jia, yi = p.annotators.ensure("甲"), p.annotators.ensure("乙")
    tags = {
        "agree_a": tag(p, doc.id, "构成不正当竞争", "破坏性利用", jia),
        "agree_b": tag(p, doc.id, "构成不正当竞争", "破坏性利用", yi),
        "extent_a": tag(p, doc.id, "擅自抓取用户数据", "用户数据权益", jia),
        "extent_b": tag(p, doc.id, "被告擅自抓取用户数据", "用户数据权益", yi, memo="乙：主语也应包括"),
        "only_b": tag(p, doc.id, "群控软件破坏了平台的数据安全", "破坏性利用", yi),
    }
    w = open_window(p, "甲")
    view = open_curation(w, jia.id, yi.id)
    qtbot.addWidget(view)
    qtbot.waitExposed(view)
    yield w, view, tags, (jia, yi)
    view.close()
    w.close()
    p.close()


def test_two_readings_side_by_side_with_disagreements_marked(curation, qtbot):
    window, view, tags, (jia, yi) = curation
    left, right = view.panes
    assert left.text == right.text == TEXT
    assert set(k for _s, _e, k in left.spans) == {tags["agree_a"].id, tags["extent_a"].id}
    assert set(k for _s, _e, k in right.spans) == {tags["agree_b"].id, tags["extent_b"].id, tags["only_b"].id}
    assert "甲" in view.pane_labels[0].text() and "乙" in view.pane_labels[1].text()
    marks = [(s, e) for s, e, _settled in left.marks]
    assert marks == [
        (TEXT.index("被告擅自"), TEXT.index("，构成")),
        (TEXT.index("群控"), TEXT.index("。", TEXT.index("群控"))),
    ]
    # The outline is drawn in the text: red pixels along the first disagreement in both panes.
    for pane in view.panes:
        image = pane.viewport().grab().toImage()
        reds = sum(
            1
            for x in range(0, image.width(), 2)
            for y in range(0, min(image.height(), 120), 2)
            if QColor(image.pixel(x, y)).red() > 180 and QColor(image.pixel(x, y)).green() < 90
        )
        assert reds > 10
        # ... and beside the scroll bar.
        strip = pane.overview.grab().toImage()
        assert any(
            QColor(strip.pixel(1, y)).red() > 180 and QColor(strip.pixel(1, y)).green() < 90
            for y in range(strip.height())
        )
    assert "2 disagreements, 2 open" in view.summary.text()


def test_f9_steps_and_decisions_are_taken_in_place_and_undone(curation, qtbot):
    window, view, tags, _people = curation
    qtbot.keyClick(view, Qt.Key.Key_F9)
    d = view.current()
    assert (d.a.id, d.b.id) == (tags["extent_a"].id, tags["extent_b"].id)
    assert view.panes[1].selected_range() == (d.start, d.end)
    qtbot.keyClick(view, Qt.Key.Key_F9)
    assert view.current().b.id == tags["only_b"].id
    qtbot.keyClick(view, Qt.Key.Key_F9, Qt.KeyboardModifier.ShiftModifier)
    assert view.current().a.id == tags["extent_a"].id
    # Accept B where the passage is: the agreed layer gets 乙's extent; the mark turns settled.
    qtbot.mouseClick(view.decision_buttons["accept_b"], Qt.MouseButton.LeftButton)
    agreed = window.project.review.agreed_annotator()
    assert [a.text for a in window.project.annotations.list(annotator_ids=[agreed.id])] == [
        "被告擅自抓取用户数据"
    ]
    assert sorted(settled for *_x, settled in view.panes[0].marks) == [False, True]
    assert view.current().b.id == tags["only_b"].id  # moved on to the next open one
    # Reject the only-B passage; undo (Ctrl+Z in this view) takes the rejection back, then the acceptance.
    qtbot.mouseClick(view.decision_buttons["reject"], Qt.MouseButton.LeftButton)
    assert "0 open" in view.summary.text()
    assert window.undo_stack.undoText().endswith("reject")
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "1 open" in view.summary.text()
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.project.annotations.list(annotator_ids=[agreed.id]) == []
    assert "2 open" in view.summary.text()


def test_a_click_on_a_marked_passage_makes_it_current_and_an_edited_extent_is_accepted(curation, qtbot):
    window, view, tags, _people = curation
    right = view.panes[1]
    start = TEXT.index("群控")
    rect = right.cursorRect(right.textCursor())
    from PySide6.QtGui import QTextCursor

    cursor = QTextCursor(right.document())
    cursor.setPosition(right._to_u16(start + 1))
    rect = right.cursorRect(cursor)
    qtbot.mouseClick(
        right.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.center().x() + 2, rect.center().y())
    )
    assert view.current().b.id == tags["only_b"].id
    right.setFocus()
    right.select_range(start, start + len("群控软件"))
    qtbot.mouseClick(view.decision_buttons["edit"], Qt.MouseButton.LeftButton)
    agreed = window.project.review.agreed_annotator()
    assert [a.text for a in window.project.annotations.list(annotator_ids=[agreed.id])] == ["群控软件"]
