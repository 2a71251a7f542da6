"""DocumentView: code-point offsets at the Qt boundary, painted highlights, clicks, and a long document."""

from __future__ import annotations

import random
from collections import Counter

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QColor, QHelpEvent, QImage, QTextCursor
from PySide6.QtWidgets import QApplication

from annotator.ui.common.document_view import DocumentView

PASSAGE = "数据权益应当受到保护"
TEXT = f"案情𠮷简介：原告诉称被告侵权。\n本院认为，{PASSAGE}，被告的行为构成不正当竞争。\n判决如下。"


def u16(text: str, cp: int) -> int:
    return len(text[:cp].encode("utf-16-le")) // 2


@pytest.fixture
def view(qtbot):
    widget = DocumentView()
    qtbot.addWidget(widget)
    widget.resize(700, 400)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def passage_rect(view: DocumentView, start_cp: int, end_cp: int) -> QRect:
    """Viewport rectangle of a one-line passage, from Qt's own caret geometry."""
    text = view.text
    cursor = QTextCursor(view.document())
    cursor.setPosition(u16(text, start_cp))
    left = view.cursorRect(cursor)
    cursor.setPosition(u16(text, end_cp))
    right = view.cursorRect(cursor)
    assert left.top() == right.top(), "test passage must sit on one line"
    return QRect(QPoint(left.left(), left.top()), QPoint(right.left() - 1, left.bottom()))


def grab(view: DocumentView) -> QImage:
    view.viewport().repaint()
    return view.viewport().grab().toImage()


def dominant(image: QImage, rect: QRect) -> QColor:
    """The most common colour in a rectangle: the background under the glyphs."""
    counts = Counter(
        image.pixel(x, y)
        for x in range(rect.left() + 2, rect.right() - 1)
        for y in range(rect.top() + 2, rect.bottom() - 1)
    )
    return QColor.fromRgb(counts.most_common(1)[0][0])


def is_reddish(c: QColor) -> bool:
    return c.red() > c.green() + 40 and c.red() > c.blue() + 40


def is_white(c: QColor) -> bool:
    return min(c.red(), c.green(), c.blue()) > 235


def pixels(image: QImage, rect: QRect) -> list[QColor]:
    return [
        QColor.fromRgb(image.pixel(x, y))
        for x in range(max(rect.left(), 0), min(rect.right() + 1, image.width()))
        for y in range(max(rect.top(), 0), min(rect.bottom() + 1, image.height()))
    ]


def test_selection_is_reported_in_code_points(view, qtbot) -> None:
    view.set_document(TEXT, [], {})
    start = TEXT.index(PASSAGE)
    end = start + len(PASSAGE)
    assert u16(TEXT, start) == start + 1  # the 𠮷 before it takes two UTF-16 units

    cursor = QTextCursor(view.document())
    cursor.setPosition(u16(TEXT, start))
    cursor.setPosition(u16(TEXT, end), QTextCursor.MoveMode.KeepAnchor)
    with qtbot.waitSignal(view.selectionChangedCp) as blocker:
        view.setTextCursor(cursor)
    assert blocker.args == [start, end]
    assert view.selected_range() == (start, end)
    assert view.textCursor().selectedText() == PASSAGE

    view.select_range(0, 3)
    assert view.selected_range() == (0, 3)
    assert view.textCursor().selectedText() == "案情𠮷"
    view.select_range(5, 5)
    assert view.selected_range() is None


def test_keyboard_selection_steps_over_astral_characters(view, qtbot) -> None:
    view.set_document(TEXT, [], {})
    view.setFocus()
    view.select_range(2, 2)  # just before 𠮷
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert view.selected_range() == (2, 3)
    assert view.textCursor().selectedText() == "𠮷"
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert view.selected_range() == (2, 4)


def test_crlf_text_keeps_offsets(view) -> None:
    text = "第一行\r\n第二行\r\n" + PASSAGE
    view.set_document(text, [], {})
    start = text.index(PASSAGE)
    view.select_range(start, start + len(PASSAGE))
    assert view.textCursor().selectedText() == PASSAGE
    assert view.selected_range() == (start, start + len(PASSAGE))


def test_span_is_painted_only_inside_its_passage(view) -> None:
    view.set_document(TEXT, [], {})
    start = TEXT.index(PASSAGE)
    end = start + len(PASSAGE)
    rect = passage_rect(view, start, end)
    assert is_white(dominant(grab(view), rect))

    view.add_span(7, start, end, "#ff0000")
    image = grab(view)
    assert is_reddish(dominant(image, rect))
    after = passage_rect(view, end + 1, end + 8)  # the text just after the passage, same line
    assert is_white(dominant(image, after))
    # Exactly the passage, to the character: the 𠮷 earlier in the text must not shift it.
    assert is_reddish(dominant(image, passage_rect(view, start, start + 1)))
    assert is_reddish(dominant(image, passage_rect(view, end - 1, end)))
    assert is_white(dominant(image, passage_rect(view, start - 1, start)))
    assert is_white(dominant(image, passage_rect(view, end, end + 1)))

    assert view.remove_span(7)
    assert not view.remove_span(7)
    assert is_white(dominant(grab(view), rect))


def test_span_colour_and_active_emphasis(view) -> None:
    start = TEXT.index(PASSAGE)
    end = start + len(PASSAGE)
    view.set_document(TEXT, [(start, end, 1)], {1: "#0000ff"})
    rect = passage_rect(view, start, end)
    normal = dominant(grab(view), rect)
    assert normal.blue() > normal.red() + 40

    view.set_span_color(1, "#ff0000")
    assert is_reddish(dominant(grab(view), rect))

    view.set_active_span(1)
    active = dominant(grab(view), rect)
    assert is_reddish(active) and active.green() < normal.green() - 20  # a stronger fill
    view.set_active_span(None)
    assert dominant(grab(view), rect) != active


def test_overlapping_spans_blend_and_are_underlined(view) -> None:
    start = TEXT.index(PASSAGE)
    view.set_document(TEXT, [], {})
    view.add_span(1, start, start + 6, "#ff0000")
    view.add_span(2, start + 3, start + 9, "#0000ff")
    image = grab(view)
    red_only = dominant(image, passage_rect(view, start, start + 3))
    both_rect = passage_rect(view, start + 3, start + 6)
    both = dominant(image, both_rect)
    blue_only = dominant(image, passage_rect(view, start + 6, start + 9))
    assert is_reddish(red_only) and blue_only.blue() > blue_only.red() + 40
    assert both not in (red_only, blue_only)
    assert both.red() < red_only.red() - 20 and both.blue() < blue_only.blue() - 20

    # The overlap carries a strong red and a strong blue stroke near the bottom of the line.
    bottom_band = QRect(both_rect.left() + 2, both_rect.bottom() - 9, both_rect.width() - 4, 12)
    band = pixels(image, bottom_band)
    assert any(c.red() > 200 and c.green() < 60 and c.blue() < 60 for c in band)
    assert any(c.blue() > 200 and c.red() < 60 and c.green() < 60 for c in band)
    # Where only one span lies there is no such stroke.
    single = passage_rect(view, start, start + 3)
    single_band = pixels(image, QRect(single.left() + 2, single.bottom() - 9, single.width() - 4, 12))
    assert not any(c.red() > 200 and c.green() < 60 and c.blue() < 60 for c in single_band)


def click(qtbot, view: DocumentView, point: QPoint) -> None:
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)


def test_click_on_span_emits_its_key(view, qtbot) -> None:
    start = TEXT.index(PASSAGE)
    end = start + len(PASSAGE)
    view.set_document(TEXT, [(start, end, 5), (start + 2, start + 4, 6)], {5: "#ff0000", 6: "#00aa00"})
    grab(view)
    with qtbot.waitSignal(view.spanClicked) as blocker:
        click(qtbot, view, passage_rect(view, end - 3, end).center())
    assert blocker.args == [5]
    # Inside both spans the shorter one is on top.
    with qtbot.waitSignal(view.spanClicked) as blocker:
        click(qtbot, view, passage_rect(view, start + 2, start + 4).center())
    assert blocker.args == [6]
    # Same length: the one added last wins.
    view.add_span(9, start + 2, start + 4, "#0000ff")
    with qtbot.waitSignal(view.spanClicked) as blocker:
        click(qtbot, view, passage_rect(view, start + 2, start + 4).center())
    assert blocker.args == [9]


def test_click_outside_spans_and_drag_do_not_hit_spans(view, qtbot) -> None:
    start = TEXT.index(PASSAGE)
    end = start + len(PASSAGE)
    view.set_document(TEXT, [(start, end, 5)], {})
    grab(view)
    clicked: list[int] = []
    view.spanClicked.connect(clicked.append)
    with qtbot.waitSignal(view.emptyClicked):
        click(qtbot, view, passage_rect(view, 0, 2).center())
    # Blank space to the right of a short line is not the span below or before it.
    last_line = passage_rect(view, len(TEXT) - 3, len(TEXT))
    with qtbot.waitSignal(view.emptyClicked):
        click(qtbot, view, QPoint(view.viewport().width() - 10, last_line.center().y()))
    # A drag selects text and is not a click.
    rect = passage_rect(view, start, end)
    qtbot.mousePress(
        view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.left() + 3, rect.center().y())
    )
    qtbot.mouseMove(view.viewport(), QPoint(rect.right() - 3, rect.center().y()))
    qtbot.mouseRelease(
        view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.right() - 3, rect.center().y())
    )
    assert view.selected_range() is not None
    assert clicked == []


def test_tooltip_asks_the_provider(view, qtbot) -> None:
    start = TEXT.index(PASSAGE)
    view.set_document(TEXT, [(start, start + 4, 3)], {})
    grab(view)
    asked: list[list[int]] = []

    def provider(keys: list[int]) -> str:
        asked.append(keys)
        return "用户数据权益"

    view.tooltip_provider = provider
    point = passage_rect(view, start, start + 4).center()
    event = QHelpEvent(QEvent.Type.ToolTip, point, view.viewport().mapToGlobal(point))
    QApplication.sendEvent(view.viewport(), event)
    assert asked == [[3]]
    outside = passage_rect(view, 0, 2).center()
    QApplication.sendEvent(
        view.viewport(), QHelpEvent(QEvent.Type.ToolTip, outside, view.viewport().mapToGlobal(outside))
    )
    assert asked == [[3]]


def test_empty_document(view, qtbot) -> None:
    view.set_document("", [], {})
    grab(view)
    assert view.selected_range() is None
    with qtbot.waitSignal(view.emptyClicked):
        click(qtbot, view, QPoint(20, 10))
    view.add_span(1, 0, 1, "#ff0000")  # beyond the text: kept, harmless
    grab(view)
    assert view.spans_at(QPointF(5, 5)) == []


def test_reveal_span_scrolls_to_it(view) -> None:
    rng = random.Random(3)
    paragraphs = ["".join(chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(120)) for _ in range(400)]
    text = "\n".join(paragraphs)
    start = len(text) - 50
    view.set_document(text, [(start, start + 10, 42)], {42: "#ff0000"})
    assert view.verticalScrollBar().value() == 0
    assert view.reveal_span(42)
    assert not view.reveal_span(43)
    assert view.verticalScrollBar().value() > 0
    rect = passage_rect(view, start, start + 3)
    assert view.viewport().rect().contains(rect.center())
    assert is_reddish(dominant(grab(view), rect))


def test_long_document_with_many_spans(view) -> None:
    rng = random.Random(11)
    chars = [chr(c) for c in range(0x4E00, 0x4E00 + 2500)]
    parts, n = [], 0
    while n < 1_000_000:
        k = rng.randint(100, 300)
        parts.append("".join(rng.choices(chars, k=k)) + "。")
        n += k + 2
    text = "\n".join(parts)[:999_990] + "𠮷尾声。"
    length = len(text)
    spans = [
        (s, s + rng.randint(2, 80), key) for key, s in enumerate(rng.sample(range(length - 100), 10_000))
    ]
    spans.append((1, 4, 10_000))
    colors = {key: "#ff0000" for _, _, key in spans}
    view.set_document(text, spans, colors)
    image = grab(view)
    assert is_reddish(dominant(image, passage_rect(view, 1, 4)))

    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    view.add_span(20_000, length - 4, length - 1, "#0000ff")
    image = grab(view)
    c = dominant(image, passage_rect(view, length - 4, length - 1))
    assert c.blue() > c.red() + 40
    view.select_range(length - 4, length)
    assert view.textCursor().selectedText() == "𠮷尾声。"
    assert view.selected_range() == (length - 4, length)
