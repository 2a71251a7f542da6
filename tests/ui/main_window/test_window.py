"""What a researcher does in the main window: select a passage, press 1, see it tagged everywhere."""

from __future__ import annotations

import csv

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor

from tests.ui.conftest import JUDGMENT

PASSAGE = "未经用户同意擅自抓取用户数据"


def select_like_a_mouse(view, text: str, passage: str) -> None:
    """Select the passage the way Qt would report a mouse selection: in UTF-16 units."""
    cp = text.index(passage)
    u16_start = len(text[:cp].encode("utf-16-le")) // 2
    u16_end = u16_start + len(passage.encode("utf-16-le")) // 2
    cursor = view.textCursor()
    cursor.setPosition(u16_start)
    cursor.setPosition(u16_end, QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)


def test_select_press_1_tagged_highlighted_listed_stored_exported(qtbot, window, gui_project, tmp_path):
    view = window.view
    assert window.document_id is not None and view.toPlainText() == JUDGMENT
    text = gui_project.documents.get(window.document_id).text
    assert "𠮷" in text[: text.index(PASSAGE)]  # a character outside the BMP precedes the passage
    select_like_a_mouse(view, text, PASSAGE)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_1)

    category = gui_project.codebook.by_shortcut()["1"]
    # In the database, with code-point offsets.
    [a] = gui_project.annotations.list()
    start = text.index(PASSAGE)
    assert (a.start, a.end, a.text, a.category_id) == (start, start + len(PASSAGE), PASSAGE, category.id)
    assert gui_project.annotators.get(a.annotator_id).name == "测试员"
    # Highlighted in the view, listed, selected.
    assert a.id in view.spans
    assert window.ann_model.rowCount() == 1
    assert window.ann_model.data(window.ann_model.index(0, 0)) == PASSAGE
    assert window.ann_model.data(window.ann_model.index(0, 1)) == category.name
    assert window.active_annotation == a.id
    # The document list counts it.
    assert window.doc_model.docs[0].annotation_count == 1
    # In the export.
    out = tmp_path / "out.csv"
    gui_project.exports.export("csv", out)
    rows = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert [(r["passage"], r["category"], r["annotator"]) for r in rows] == [
        (PASSAGE, category.name, "测试员")
    ]


def test_highlight_is_painted_in_the_category_colour(qtbot, window, gui_project):
    view = window.view
    text = view.toPlainText()
    select_like_a_mouse(view, text, PASSAGE)
    qtbot.keyClick(view, Qt.Key.Key_1)
    # Clear the selection so only the highlight colours the passage.
    cursor = view.textCursor()
    cursor.clearSelection()
    view.setTextCursor(cursor)
    window.select_annotation(None)
    rect = _rect_of(view, text.index(PASSAGE) + 3)
    image = view.viewport().grab().toImage()
    dpr = image.devicePixelRatio()
    colour = image.pixelColor(int(rect.left() * dpr) + 2, int(rect.top() * dpr) + 2)
    expected = gui_project.codebook.by_shortcut()["1"].color
    from PySide6.QtGui import QColor

    want = QColor(expected)
    assert colour != QColor("white")
    # The highlight is a blend of the category colour over white: its hue matches.
    assert abs(colour.hslHue() - want.hslHue()) <= 12 or want.hslSaturation() < 30


def _rect_of(view, cp: int):
    """Viewport rectangle of the character at code point cp."""
    u16 = len(view.toPlainText()[:cp].encode("utf-16-le")) // 2
    cursor = view.textCursor()
    cursor.setPosition(u16)
    return view.cursorRect(cursor)


def test_click_highlight_selects_tag_and_delete_removes_it(qtbot, window, gui_project):
    view = window.view
    text = view.toPlainText()
    select_like_a_mouse(view, text, PASSAGE)
    qtbot.keyClick(view, Qt.Key.Key_2)
    [a] = gui_project.annotations.list()
    window.select_annotation(None)
    assert window.active_annotation is None
    cursor = view.textCursor()
    cursor.clearSelection()
    view.setTextCursor(cursor)
    rect = _rect_of(view, text.index(PASSAGE) + 4)
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.center().x() + 4, rect.center().y())
    )
    assert window.active_annotation == a.id
    assert window.ann_table.currentIndex().row() == 0
    assert window.doc_model.docs[0].annotation_count == 1
    assert window.codebook_model._count_items[a.category_id].text() == "1"
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert gui_project.annotations.list() == []
    assert a.id not in view.spans and window.ann_model.rowCount() == 0
    # The counts in the document list and the codebook follow without a reload.
    assert window.doc_model.docs[0].annotation_count == 0
    assert window.codebook_model._count_items[a.category_id].text() == ""
    window.undo_stack.undo()
    assert window.doc_model.docs[0].annotation_count == 1
    assert window.codebook_model._count_items[a.category_id].text() == "1"


def test_list_selection_selects_highlight_and_memo_is_saved(qtbot, window, gui_project):
    view = window.view
    text = view.toPlainText()
    select_like_a_mouse(view, text, PASSAGE)
    qtbot.keyClick(view, Qt.Key.Key_3)
    window.select_annotation(None)
    window.ann_table.selectRow(0)
    [a] = gui_project.annotations.list()
    assert window.active_annotation == a.id and view.active_span() == a.id
    assert window.memo_edit.isEnabled()
    window.memo_edit.setFocus()
    window.memo_edit.insertPlainText("法院认定的关键事实")
    qtbot.waitUntil(lambda: gui_project.annotations.get(a.id).memo == "法院认定的关键事实", timeout=3000)
    # Typing a digit in the memo types it; it does not tag.
    qtbot.keyClick(window.memo_edit, Qt.Key.Key_1)
    assert window.memo_edit.toPlainText().endswith("1")
    assert len(gui_project.annotations.list()) == 1


def test_number_key_without_selection_tags_nothing(qtbot, window, gui_project):
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    assert gui_project.annotations.list() == []
    assert "Select a passage" in window.statusBar().currentMessage()


def test_switching_documents_shows_their_text_and_tags(qtbot, window, gui_project):
    second = gui_project.documents.list()[1]
    window.doc_table.selectRow(1)
    assert window.document_id == second.id
    assert window.view.toPlainText() == gui_project.documents.get(second.id).text
    assert window.ann_model.rowCount() == 0


def test_codebook_panel_lists_categories_with_keys(window, gui_project):
    model = window.codebook_model
    names = []

    def walk(parent):
        for r in range(model.rowCount(parent)):
            idx = model.index(r, 0, parent)
            names.append((idx.data(), model.index(r, 1, parent).data()))
            walk(idx)

    from PySide6.QtCore import QModelIndex

    walk(QModelIndex())
    assert ("用户数据权益", "1") in names
    assert len(names) == len(gui_project.codebook.list())


def test_import_and_export_dialogs(qtbot, window, gui_project, tmp_path):
    from annotator.ui.transfer.export_dialog import ExportDialog
    from annotator.ui.transfer.import_dialog import ImportDialog

    good = tmp_path / "新判决.txt"
    good.write_bytes("本院认为，被告的爬虫行为构成不正当竞争。\n".encode("gb18030"))
    bad = tmp_path / "图片.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    dialog = ImportDialog(gui_project, window, paths=[str(good), str(bad)])
    qtbot.addWidget(dialog)
    from unittest.mock import patch

    with patch("annotator.ui.transfer.import_dialog.QMessageBox.warning") as warn:
        dialog._import()
    assert len(dialog.changes.documents_added) == 1
    assert len(dialog.errors) == 1 and "图片.txt" in dialog.errors[0]
    warn.assert_called_once()
    window.apply_changes(dialog.changes)
    assert len(window.doc_model.docs) == 3

    export = ExportDialog(gui_project, window, annotator_id=window.annotator.id)
    qtbot.addWidget(export)
    export.format.setCurrentIndex(export.format.findData("csv"))
    export.path.setText(str(tmp_path / "export.csv"))
    export.run_export()
    assert export.written == 0 and (tmp_path / "export.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_layout_and_last_document_are_remembered(open_window, gui_project, settings):
    w = open_window(gui_project, "测试员", settings, show=False)
    second = gui_project.documents.list()[1]
    w.open_document(second.id)
    w.close()
    reopened = type(gui_project).open(gui_project.path)
    w2 = open_window(reopened, "测试员", settings, show=False)
    assert w2.document_id == second.id
    assert settings.value("project/last") == str(gui_project.path)
    w2.close()


def test_undo_and_redo_of_tag_memo_and_delete(qtbot, window, gui_project):
    view = window.view
    text = view.toPlainText()
    select_like_a_mouse(view, text, PASSAGE)
    qtbot.keyClick(view, Qt.Key.Key_1)
    [a] = gui_project.annotations.list()
    undo = window.undo_stack
    assert undo.undoText() == "Tag " + gui_project.codebook.by_shortcut()["1"].name
    undo.undo()
    assert (
        gui_project.annotations.list() == [] and a.id not in view.spans and window.ann_model.rowCount() == 0
    )
    undo.redo()
    assert [x.id for x in gui_project.annotations.list()] == [a.id] and a.id in view.spans
    window.select_annotation(a.id)
    window.memo_edit.insertPlainText("备注")
    window.save_memo()
    assert gui_project.annotations.get(a.id).memo == "备注"
    undo.undo()
    assert gui_project.annotations.get(a.id).memo == "" and window.memo_edit.toPlainText() == ""
    window.delete_active()
    assert gui_project.annotations.list() == []
    undo.undo()
    assert gui_project.annotations.get(a.id).uuid == a.uuid and window.ann_model.rowCount() == 1
    # Keyboard: Ctrl+Z undoes the restore again.
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert gui_project.annotations.list() == []
