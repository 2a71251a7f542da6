"""Chinese-aware selection in the document view: double click a word, triple click a sentence, snap a drag."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor

from annotator.ui.common.document_view import DocumentView

PARAGRAPH = (
    "本院认为，被告的行为违反了《反不正当竞争法》第二条的规定，侵害了原告的数据权益。"
    "证人王𠮷诉称群控软件破坏了微信的数据安全；法院予以支持。\n第二段从这里开始。"
)


def u16(text: str, cp: int) -> int:
    return len(text[:cp].encode("utf-16-le")) // 2


def char_center(view: DocumentView, cp: int) -> QPoint:
    """Viewport point in the middle of the character at code point `cp`."""
    text = view.text
    cursor = QTextCursor(view.document())
    cursor.setPosition(u16(text, cp))
    left = view.cursorRect(cursor)
    cursor.setPosition(u16(text, cp + 1))
    right = view.cursorRect(cursor)
    assert left.top() == right.top(), "the character must not sit at the end of a line"
    return QPoint((left.left() + right.left()) // 2, left.center().y())


@pytest.fixture
def view(qtbot):
    widget = DocumentView()
    qtbot.addWidget(widget)
    widget.resize(900, 400)
    widget.show()
    qtbot.waitExposed(widget)
    widget.set_document(PARAGRAPH, [], {})
    return widget


def double_click(qtbot, view: DocumentView, cp: int) -> str:
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=char_center(view, cp))
    return view.textCursor().selectedText()


@pytest.mark.parametrize(
    ("inside", "word"),
    [
        ("正当", "反不正当竞争法"),
        ("权益", "数据权益"),
        ("控软", "群控软件"),  # after 𠮷, where code points and UTF-16 units differ
        ("安全", "数据安全"),
        ("认", "本院认为"),
        ("诉称", "诉称"),
    ],
)
def test_double_click_selects_the_jieba_word(qtbot, view, inside, word):
    cp = PARAGRAPH.index(inside)
    assert double_click(qtbot, view, cp) == word
    start = PARAGRAPH.index(word)
    assert view.selected_range() == (start, start + len(word))


def test_double_click_on_punctuation_selects_that_mark(qtbot, view):
    assert double_click(qtbot, view, PARAGRAPH.index("《")) == "《"


def test_triple_click_selects_the_sentence(qtbot, view):
    cp = PARAGRAPH.index("群控")
    double_click(qtbot, view, cp)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=char_center(view, cp))
    sentence = "证人王𠮷诉称群控软件破坏了微信的数据安全；"
    assert view.textCursor().selectedText() == sentence
    start = PARAGRAPH.index(sentence)
    assert view.selected_range() == (start, start + len(sentence))


def test_a_single_click_after_the_double_click_interval_only_places_the_caret(qtbot, view, monkeypatch):
    cp = PARAGRAPH.index("群控")
    double_click(qtbot, view, cp)
    monkeypatch.setattr(
        "annotator.ui.common.document_view.pointer.QApplication.doubleClickInterval", lambda: -1
    )
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=char_center(view, cp))
    assert view.selected_range() is None


def test_drag_snaps_outward_to_words_when_asked(qtbot, view):
    start = PARAGRAPH.index("不正当")  # inside 反不正当竞争法
    end = PARAGRAPH.index("数据权益") + 2  # inside 数据权益

    def drag(a: int, b: int) -> tuple[int, int] | None:
        """From the middle of character a to the middle of character b: both are selected."""
        qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=char_center(view, a))
        qtbot.mouseMove(view.viewport(), char_center(view, b))
        qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=char_center(view, b))
        return view.selected_range()

    assert drag(start, end - 1) == (start, end)
    view.snap_to_words = True
    view.select_range(0, 0)  # a press inside a selection would start dragging the text instead
    whole = (PARAGRAPH.index("反不正当竞争法"), PARAGRAPH.index("数据权益") + 4)
    # Dragged backwards this time (a second press where the first began would count as a double click).
    assert drag(end - 1, start) == whole
    assert view.caret() == whole[0]  # the caret stays at the end the pointer was at
