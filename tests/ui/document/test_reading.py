"""Reading comfort: zoom, separate fonts, paragraph spacing, palettes, and state kept across restarts."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFont, QTextCursor
from PySide6.QtWidgets import QApplication

from annotator.services import Project
from annotator.ui.document import reading as comfort

PARAGRAPH = "本院认为，被告未经用户同意擅自抓取用户数据，其行为违反商业道德，构成不正当竞争。"
LONG = "\n".join(f"第{i}段。{PARAGRAPH}" for i in range(400))


def point_size(window) -> float:
    return window.view.font().pointSizeF()


def test_zoom_keys_change_only_the_document_font(window, qtbot):
    ui_size = QApplication.font().pointSizeF()
    start = point_size(window)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert point_size(window) == start + 2
    qtbot.keyClick(window.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert point_size(window) == start + 1
    assert int(window.settings.value(comfort.ZOOM)) == 1
    qtbot.keyClick(window.view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert point_size(window) == start
    assert QApplication.font().pointSizeF() == ui_size


def test_interface_font_leaves_document_font_alone(window):
    before = QApplication.font()
    doc_font = QFont(window.view.font())
    try:
        window.features.reading.set_interface_font(QFont(before.family(), 17))
        assert QApplication.font().pointSize() == 17
        assert window.view.font().pointSizeF() == doc_font.pointSizeF()
        window.features.reading.set_document_font(QFont(doc_font.family(), 19))
        assert window.view.font().pointSize() == 19 and QApplication.font().pointSize() == 17
    finally:
        QApplication.setFont(before)


def test_paragraph_spacing_adds_space_and_clicks_still_hit_the_right_character(window):
    view = window.view
    window.features.reading.set_spacing(0.0)
    block = view.document().findBlockByNumber(3)
    plain = view.blockBoundingRect(block).height()
    window.features.reading.set_spacing(1.0)
    spaced = view.blockBoundingRect(block).height()
    assert spaced > plain
    assert window.settings.value(comfort.SPACING) in (1.0, "1.0")
    # A click on the first character of a later paragraph lands on that character.
    cursor = QTextCursor(block)
    rect = view.cursorRect(cursor)
    hit = view.cursorForPosition(QPoint(rect.left() + 3, rect.center().y()))
    assert hit.blockNumber() == 3 and hit.positionInBlock() <= 1


def test_dark_and_light_palettes(window):
    before = QApplication.palette()
    try:
        window.features.reading.set_scheme("dark")
        assert comfort.is_dark(QApplication.palette())
        window.features.reading.set_scheme("light")
        assert not comfort.is_dark(QApplication.palette())
        assert window.settings.value(comfort.SCHEME) == "light"
    finally:
        window.features.reading.set_scheme("")
        QApplication.setPalette(before)


@pytest.fixture
def project_file(tmp_path):
    path = tmp_path / "restart.sqlite"
    with Project.create(path) as p:
        p.documents.add_text("短文书", PARAGRAPH)
        p.documents.add_text("长文书", LONG)
    return path


def test_project_document_position_zoom_and_docks_restored_on_restart(qtbot, project_file, settings):
    from annotator.ui.app import create_window

    first = create_window([str(project_file)], settings, ask_name=False)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    long_id = next(d.id for d in first.doc_model.docs if d.title == "长文书")
    first.open_document(long_id)
    first.features.reading.scroll_to_paragraph(120)
    top = first.features.reading.top_paragraph()
    assert top >= 100
    first.features.reading.zoom_by(2)
    size = point_size(first)
    first.annotations_dock.hide()  # the reader closed the tags panel
    assert first.annotations_dock.isHidden()
    first.close()

    settings.sync()
    second = create_window([], settings, ask_name=False)  # no path: the last project
    qtbot.addWidget(second)
    second.show()
    qtbot.waitExposed(second)
    try:
        assert second.project.path == project_file
        assert second.document_id == long_id
        assert second.features.reading.top_paragraph() == top
        assert point_size(second) == size
        assert second.annotations_dock.isHidden()
    finally:
        second.close()
