"""Find in the document (Ctrl+F, F3, Shift+F3) with every hit painted, and the overview strip of tags."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor

from annotator.ui.common.document_view import HIT_COLOR
from annotator.ui.document.find_bar import find_all
from tests.ui.conftest import JUDGMENT
from tests.ui.document.test_word_selection import char_center

F3 = Qt.Key.Key_F3


def search(qtbot, window, query: str):
    qtbot.keyClick(window.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = window.features.find_bar
    assert bar.isVisible() and bar.field.hasFocus()
    bar.field.setText(query)  # Chinese cannot be typed through QTest
    qtbot.waitUntil(lambda: bar.field.text() == query and not bar._timer.isActive(), timeout=2000)
    return bar


def occurrences(text: str, query: str) -> list[int]:
    out, i = [], text.find(query)
    while i >= 0:
        out.append(i)
        i = text.find(query, i + 1)
    return out


def test_find_highlights_every_hit_and_steps_with_f3(qtbot, window):
    view = window.view
    view.setFocus()
    view.select_range(0, 0)
    bar = search(qtbot, window, "用户")
    expected = occurrences(JUDGMENT, "用户")
    assert len(expected) == 2 and JUDGMENT.index("𠮷") < expected[0]  # the hits come after 𠮷
    assert view.find_hits() == (expected, 2)
    assert view.selected_range() == (expected[0], expected[0] + 2)
    assert view.textCursor().selectedText() == "用户"
    assert bar.count.text() == "1 of 2"
    qtbot.keyClick(view, F3)
    assert view.selected_range() == (expected[1], expected[1] + 2) and bar.count.text() == "2 of 2"
    qtbot.keyClick(view, F3)  # wraps around
    assert view.selected_range() == (expected[0], expected[0] + 2)
    qtbot.keyClick(view, F3, Qt.KeyboardModifier.ShiftModifier)
    assert view.selected_range() == (expected[1], expected[1] + 2)
    # Enter in the field moves the focus to the current hit; Enter in the text goes on to the next.
    bar.field.setFocus()
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    assert view.selected_range() == (expected[1], expected[1] + 2) and view.hasFocus()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert view.selected_range() == (expected[0], expected[0] + 2)

    # The other hit is outlined in the hit colour.
    view.viewport().repaint()
    image = view.viewport().grab().toImage()
    left = char_center(view, expected[1])
    right = char_center(view, expected[1] + 1)
    box = QRect(QPoint(left.x() - 14, left.y() - 14), QPoint(right.x() + 14, right.y() + 14))
    want = QColor(HIT_COLOR)
    found = any(
        abs(QColor(image.pixel(x, y)).red() - want.red()) < 40
        and abs(QColor(image.pixel(x, y)).green() - want.green()) < 40
        and abs(QColor(image.pixel(x, y)).blue() - want.blue()) < 40
        for x in range(max(box.left(), 0), min(box.right(), image.width()))
        for y in range(max(box.top(), 0), min(box.bottom(), image.height()))
    )
    assert found

    # Escape closes the bar and the hits go.
    bar.field.setFocus()
    qtbot.keyClick(bar.field, Qt.Key.Key_Escape)
    assert not bar.isVisible() and view.find_hits() == ([], 0)


def test_find_counts_code_points_around_characters_outside_the_bmp(qtbot, window):
    view = window.view
    bar = search(qtbot, window, "𠮷")
    at = JUDGMENT.index("𠮷")
    assert view.find_hits()[0] == [at]
    assert view.textCursor().selectedText() == "𠮷"
    bar.field.setText("，男")  # right after 𠮷
    bar.search()
    assert view.find_hits()[0] == [at + 1]
    assert view.selected_range() == (at + 1, at + 3)
    assert view.textCursor().selectedText() == "，男"


def test_no_match_says_so_and_a_found_hit_can_be_tagged(qtbot, window, gui_project):
    bar = search(qtbot, window, "不存在的词")
    assert bar.count.text() == "No match" and window.view.find_hits() == ([], 0)
    search(qtbot, window, "商业道德")
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    [a] = gui_project.annotations.list()
    assert a.text == "商业道德"


def test_find_all_ignores_case_unless_asked():
    assert find_all("Data data DATA", "data") == [0, 5, 10]
    assert find_all("Data data DATA", "data", match_case=True) == [5]
    assert find_all("甲乙甲乙甲", "") == []
    assert find_all("甲" * 10, "甲", limit=3) == [0, 1, 2]


def test_overview_strip_marks_tags_and_hits_and_jumps(qtbot, window, gui_project):
    view = window.view
    strip = view.overview
    assert strip.isVisible() and strip.width() > 0
    assert strip.geometry().left() >= view.viewport().geometry().right()
    assert strip.tick_rows() == []
    view.select_range(JUDGMENT.index("判决如下"), JUDGMENT.index("判决如下") + 4)
    window.tag_with_shortcut("1")
    [(row, colour)] = strip.tick_rows()
    cat = gui_project.codebook.by_shortcut()["1"]
    assert colour == QColor(cat.color)
    # Proportional to the offset: the tag sits near the end of the text, so low on the strip.
    assert row == int(JUDGMENT.index("判决如下") * (strip.height() - 2) / len(JUDGMENT))
    window.undo_stack.undo()
    assert strip.tick_rows() == []
    search(qtbot, window, "被告")
    assert len(strip.hit_rows()) >= 2
    qtbot.mouseClick(strip, Qt.MouseButton.LeftButton, pos=QPoint(3, strip.height() - 3))
    assert view.caret() > len(JUDGMENT) // 2


def test_overview_ticks_after_edits_match_a_fresh_drawing(qtbot):
    from annotator.ui.common.document_view import DocumentView

    view = DocumentView()
    qtbot.addWidget(view)
    view.resize(500, 300)
    view.show()
    qtbot.waitExposed(view)
    text = "本院认为，数据权益应当受到保护。\n" * 400
    view.set_document(
        text, [(i * 37, i * 37 + 5, i) for i in range(1, 150)], {i: "#1e88e5" for i in range(150)}
    )
    strip = view.overview
    qtbot.wait(20)  # the scroll bar appears and the strip takes its final size
    strip.repaint()
    drawn = strip._tick_layer()
    for key in range(1, 60):  # the top third of the strip empties
        view.remove_span(key)
    for key in range(1000, 1040):
        view.add_span(key, (key - 1000) * 41, (key - 1000) * 41 + 4, "#e53935")
    view.set_span_color(100, "#43a047")
    edited = strip._tick_layer().copy()
    assert strip._tick_layer() is drawn, "the edits were drawn into the same image, not a new one"
    strip.invalidate()
    assert strip._tick_layer() == edited
