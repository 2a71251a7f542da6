"""Tools → Legal words: words a user adds, accepts from the suggestions or removes change what a double
click selects at once."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QInputMethodEvent, QTextCursor
from PySide6.QtWidgets import QApplication

TEXT = (
    "上诉人蒋家畅因与被上诉人刘秀碧环境污染责任纠纷一案，不服一审判决。蒋家畅上诉请求撤销原判。"
    "刘秀碧答辩称，蒋家畅的上诉理由不能成立。本院认为，蒋家畅、刘秀碧均应承担责任；"
    "对蒋家畅的上诉请求，刘秀碧未提出异议。蒋家畅于本院审理期间未提交新证据，刘秀碧亦同。"
)


def type_text(widget, text: str) -> None:
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def double_click(qtbot, view, cp: int) -> str:
    cursor = QTextCursor(view.document())
    cursor.setPosition(view._to_u16(cp))
    left = view.cursorRect(cursor)
    cursor.setPosition(view._to_u16(cp + 1))
    right = view.cursorRect(cursor)
    qtbot.mouseDClick(
        view.viewport(),
        Qt.MouseButton.LeftButton,
        pos=QPoint((left.left() + right.left()) // 2, left.center().y()),
    )
    return view.textCursor().selectedText()


def test_add_accept_and_remove_words_change_double_click(qtbot, window, gui_project):
    changes = gui_project.documents.add_text("上诉案", TEXT)
    window.apply_changes(changes)
    window.open_document(changes.documents_added[0].id)
    view = window.view
    name_at = TEXT.index("蒋家畅") + 1
    assert double_click(qtbot, view, name_at) == "蒋家"  # plain jieba splits the name

    window.findChild(QAction, "actionLegalWords").trigger()
    dialog = window.features.legal_words_dialog
    qtbot.waitExposed(dialog)
    qtbot.mouseClick(dialog.suggest_button, Qt.MouseButton.LeftButton)
    rows = {
        dialog.suggestions.item(i).data(Qt.ItemDataRole.UserRole): dialog.suggestions.item(i)
        for i in range(dialog.suggestions.count())
    }
    assert "蒋家畅" in rows and "刘秀碧" in rows
    row = rows["蒋家畅"]
    rect = dialog.suggestions.visualItemRect(row)
    qtbot.mouseClick(
        dialog.suggestions.viewport(),
        Qt.MouseButton.LeftButton,
        pos=QPoint(rect.left() + 10, rect.center().y()),
    )
    assert row.checkState() == Qt.CheckState.Checked
    qtbot.mouseClick(dialog.accept_button, Qt.MouseButton.LeftButton)
    assert [w.word for w in gui_project.words.list()] == ["蒋家畅"]
    assert double_click(qtbot, view, name_at) == "蒋家畅"  # at once, no restart

    # a word typed in by the user
    other_at = TEXT.index("刘秀碧") + 1
    assert double_click(qtbot, view, other_at) != "刘秀碧"
    type_text(dialog.entry, "刘秀碧")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert double_click(qtbot, view, other_at) == "刘秀碧"
    assert "刘秀碧" in dialog.status.text()

    # removing gives back jieba's own split
    dialog.words.item(0).setSelected(True)
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert [w.word for w in gui_project.words.list()] == ["刘秀碧"]
    assert double_click(qtbot, view, name_at) == "蒋家"

    # a word jieba cannot hold is refused with a message; nothing changes
    type_text(dialog.entry, "蒋家，畅")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert "punctuation" in dialog.status.text() and len(gui_project.words.list()) == 1
    dialog.close()
