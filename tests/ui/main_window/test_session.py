"""A long tagging session on a long document, played with the mouse and the keyboard: the text never moves
under the reader, Delete removes only the chosen tag, Ctrl+Y redoes, the find bar hands the hit to the
category keys, a double click inside a selection picks the word, a drag lands on the intended characters."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QInputMethodEvent, QTextCursor
from PySide6.QtWidgets import QApplication

from annotator.services import Project

PARAGRAPH = (
    "第{i}段。本院认为，被告未经用户同意擅自抓取用户数据，其行为违反商业道德，构成不正当竞争。"
    "原告主张的数据权益应当受到《反不正当竞争法》第二条的保护。"
)
TEXT = "\n".join(PARAGRAPH.format(i=i) for i in range(1, 201))


@pytest.fixture
def long_project(tmp_path):
    p = Project.create(tmp_path / "long.sqlite")
    p.documents.add_text("长篇判决", TEXT)
    return p


@pytest.fixture
def win(open_window, long_project, settings):
    w = open_window(long_project, "测试员", settings, size=(1300, 800))
    w.activateWindow()
    bar = w.view.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)  # the middle of the document, where scrolling can go both ways
    QApplication.processEvents()
    yield w
    w.close()


def u16(text: str, cp: int) -> int:
    return len(text[:cp].encode("utf-16-le")) // 2


def char_box(view, cp: int) -> tuple[float, float, int]:
    """Left and right x of the character at code point `cp` (as laid out, sub-pixel), and the y of its
    line's middle, in viewport coordinates."""
    pos = u16(view.text, cp)
    block = view.document().findBlock(pos)
    line = block.layout().lineForTextPosition(pos - block.position())
    offset = view.contentOffset()
    top = view.blockBoundingGeometry(block).translated(offset).top() + line.y()
    left = line.cursorToX(pos - block.position())[0] + offset.x()
    right = line.cursorToX(u16(view.text, cp + 1) - block.position())[0] + offset.x()
    return left, right, round(top + line.height() / 2)


def point_in(view, cp: int, fraction: float = 0.5) -> QPoint:
    left, right, y = char_box(view, cp)
    return QPoint(round(left + (right - left) * fraction), y)


def on_screen(view, first_wanted: int = 0) -> int:
    """A paragraph start well inside the viewport (a few lines below its top)."""
    first, last = view.visible_range()
    start = view.text.index("\n第", first + 200) + 1
    assert start + len(PARAGRAPH) + 10 < last
    return start + first_wanted


def drag(qtbot, view, start: int, end: int) -> None:
    """Press in the middle of the first character, move, let go in the middle of the last one."""
    vp = view.viewport()
    a, b = point_in(view, start), point_in(view, end - 1)
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=a)
    qtbot.mouseMove(vp, QPoint((a.x() + b.x()) // 2, (a.y() + b.y()) // 2))
    qtbot.mouseMove(vp, b)
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=b)
    # Far enough in time from the next press that the two never count as a double click.
    qtbot.wait(1)


def click(qtbot, view, cp: int) -> None:
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point_in(view, cp))
    qtbot.wait(1)


def test_tagging_clicking_and_deleting_on_screen_never_scroll(qtbot, win, long_project):
    view = win.view
    bar = view.verticalScrollBar()
    start = on_screen(view, view.text.index("被告") - view.text.index("第"))
    view.setFocus()
    scroll = bar.value()

    drag(qtbot, view, start, start + 8)
    qtbot.keyClick(view, Qt.Key.Key_1)
    [first] = long_project.annotations.list()
    assert (first.start, first.end, first.text) == (start, start + 8, TEXT[start : start + 8])
    assert bar.value() == scroll and win.active_annotation == first.id

    second_start = start + 12
    drag(qtbot, view, second_start, second_start + 6)
    qtbot.keyClick(view, Qt.Key.Key_2)
    assert len(long_project.annotations.list()) == 2 and bar.value() == scroll

    click(qtbot, view, start + 3)  # on the first tag
    assert win.active_annotation == first.id and bar.value() == scroll

    qtbot.keyClick(view, Qt.Key.Key_Delete)
    left = long_project.annotations.list()
    assert [a.start for a in left] == [second_start] and bar.value() == scroll
    # Nothing is chosen now: a second Delete removes nothing, the neighbour stays.
    assert win.active_annotation is None and not win.ann_table.selectionModel().hasSelection()
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert [a.start for a in long_project.annotations.list()] == [second_start]
    assert bar.value() == scroll


def test_undo_of_a_tag_does_not_choose_another(qtbot, win, long_project):
    view = win.view
    start = on_screen(view, 5)
    view.setFocus()
    drag(qtbot, view, start, start + 4)
    qtbot.keyClick(view, Qt.Key.Key_1)
    drag(qtbot, view, start + 10, start + 14)
    qtbot.keyClick(view, Qt.Key.Key_2)
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert win.active_annotation is None
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert len(long_project.annotations.list()) == 1


def test_choosing_a_tag_off_screen_in_the_list_scrolls_only_as_far_as_needed(qtbot, win, long_project):
    view = win.view
    bar = view.verticalScrollBar()
    first, last = view.visible_range()
    below = TEXT.index("第", last + 300)  # a few lines under the bottom edge
    doc = win.document_id
    long_project.annotations.add(
        doc, below, below + 6, long_project.codebook.by_shortcut()["3"].id, win.annotator.id
    )
    win.open_document(doc)  # shows the tag added behind the window's back
    bar.setValue(bar.maximum() // 2)
    QApplication.processEvents()
    scroll = bar.value()
    table = win.ann_table
    rect = table.visualRect(win.ann_model.index(0, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert win.active_annotation is not None
    assert bar.value() > scroll
    cursor = QTextCursor(view.document())
    cursor.setPosition(u16(TEXT, below + 6))
    end = view.cursorRect(cursor)
    cursor.setPosition(u16(TEXT, below))
    # Now in view, and at the bottom edge (scrolled as little as needed), not centred.
    assert 0 <= view.cursorRect(cursor).top() and end.bottom() <= view.viewport().height()
    assert end.bottom() > view.viewport().height() - 2 * view.fontMetrics().lineSpacing()


def test_ctrl_y_redoes_as_well_as_ctrl_shift_z(qtbot, win, long_project):
    view = win.view
    start = on_screen(view, 5)
    view.setFocus()
    drag(qtbot, view, start, start + 4)
    qtbot.keyClick(view, Qt.Key.Key_1)
    assert len(long_project.annotations.list()) == 1
    ctrl = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(view, Qt.Key.Key_Z, ctrl)
    assert long_project.annotations.list() == []
    qtbot.keyClick(view, Qt.Key.Key_Y, ctrl)
    assert len(long_project.annotations.list()) == 1
    qtbot.keyClick(view, Qt.Key.Key_Z, ctrl)
    qtbot.keyClick(view, Qt.Key.Key_Z, ctrl | Qt.KeyboardModifier.ShiftModifier)
    assert len(long_project.annotations.list()) == 1


def type_chinese(widget, text: str) -> None:
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def test_find_enter_moves_to_the_hit_where_category_keys_tag_it(qtbot, win, long_project):
    view = win.view
    bar = view.verticalScrollBar()
    start = on_screen(view)
    view.setFocus()
    click(qtbot, view, start)  # the caret here: the search starts from it
    scroll = bar.value()
    top = view.visible_range()[0]
    qtbot.keyClick(view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    find = win.features.find_bar
    assert find.field.hasFocus()
    type_chinese(find.field, "商业道德")
    qtbot.waitUntil(lambda: not find._timer.isActive() and bool(find.hits), timeout=2000)
    hit = TEXT.index("商业道德", start)
    assert view.selected_range() == (hit, hit + 4)
    assert win.statusBar().currentMessage() == find.hint_text()  # says how to tag it

    qtbot.keyClick(find.field, Qt.Key.Key_Return)
    assert view.hasFocus() and view.selected_range() == (hit, hit + 4)
    qtbot.keyClick(view, Qt.Key.Key_1)
    [a] = long_project.annotations.list()
    assert (a.start, a.end, a.category_id) == (hit, hit + 4, long_project.codebook.by_shortcut()["1"].id)
    assert find.field.text() == "商业道德"  # the key did not go into the box
    assert bar.value() == scroll and view.visible_range()[0] == top

    qtbot.keyClick(view, Qt.Key.Key_Return)  # the next hit, one paragraph down
    nxt = TEXT.index("商业道德", hit + 1)
    assert view.selected_range() == (nxt, nxt + 4)
    qtbot.keyClick(view, Qt.Key.Key_2)
    assert sorted(x.start for x in long_project.annotations.list()) == [hit, nxt]

    # Digits typed in the box search for them (第12段, 2019): they are not category keys there.
    find.field.setFocus()
    find.field.clear()
    type_chinese(find.field, "第")
    qtbot.keyClicks(find.field, "12")
    type_chinese(find.field, "段")
    qtbot.keyClick(find.field, Qt.Key.Key_Return)
    assert find.field.text() == "第12段" and len(long_project.annotations.list()) == 2
    twelve = TEXT.index("第12段")
    assert view.selected_range() == (twelve, twelve + 4) and view.hasFocus()
    qtbot.keyClick(view, Qt.Key.Key_Escape)  # Esc in the text closes the bar too
    assert not find.isVisible()


def test_double_click_inside_a_selection_selects_the_word_under_the_pointer(qtbot, win):
    view = win.view
    start = on_screen(view)
    word = view.text.index("商业道德", start)
    drag(qtbot, view, start, word + 10)  # a selection that covers the word
    assert view.selected_range() == (start, word + 10)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point_in(view, word + 1))
    assert view.selected_range() == (word, word + 4)
    assert view.textCursor().selectedText() == "商业道德"


@pytest.mark.parametrize("reverse", [False, True])
def test_a_drag_lands_on_the_characters_meant_at_many_positions(qtbot, win, reverse):
    """Within a quarter character of a boundary a drag means that boundary; further inside a character,
    that character is included. Qt alone takes the nearest boundary and is one off about half the time."""
    view = win.view
    base = on_screen(view)
    vp = view.viewport()
    misses = []
    cases = 0
    for i, (u, v) in enumerate(
        (u, v) for u in (-0.15, 0.0, 0.3, 0.55, 0.65) for v in (-0.65, -0.4, 0.0, 0.15)
    ):
        start = base + 2 + i % 7
        end = start + 3 + i % 11
        # Points given as fractions of a character from the boundary they mean.
        a_left, a_right, ay = char_box(view, start) if u >= 0 else char_box(view, start - 1)
        width = a_right - a_left
        ax = (a_left if u >= 0 else a_right) + u * width
        b_left, b_right, by = char_box(view, end - 1) if v <= 0 else char_box(view, end)
        bx = (b_right if v <= 0 else b_left) + v * (b_right - b_left)
        p, q = QPoint(round(ax), ay), QPoint(round(bx), by)
        if reverse:
            p, q = q, p
        qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=p)
        qtbot.mouseMove(vp, QPoint((p.x() + q.x()) // 2, (p.y() + q.y()) // 2))
        qtbot.mouseMove(vp, q)
        qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=q)
        qtbot.wait(1)
        cases += 1
        if view.selected_range() != (start, end):
            misses.append((u, v, start, end, view.selected_range()))
    assert not misses, f"{len(misses)} of {cases} drags missed: {misses}"


def test_a_drag_past_the_end_of_a_line_takes_the_line_to_its_end(qtbot, win):
    view = win.view
    start = on_screen(view)
    end = view.text.index("\n", start)  # the paragraph's end
    left, right, y = char_box(view, end - 1)
    vp = view.viewport()
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=point_in(view, start, 0.4))
    qtbot.mouseMove(vp, QPoint(round(right) + 40, y))
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=QPoint(round(right) + 40, y))
    assert view.selected_range() == (start, end)


def test_a_read_only_cli_export_is_not_reported_as_a_change(qtbot, win, long_project, tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    from PySide6.QtCore import QEvent

    root = str(Path(__file__).resolve().parents[3])
    env = dict(os.environ, PYTHONPATH=root)
    win.statusBar().clearMessage()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "annotator",
            "export",
            str(long_project.path),
            "--format",
            "json",
            "-o",
            str(tmp_path / "out.json"),
        ],
        env=env,
        check=True,
        capture_output=True,
        timeout=60,
    )
    QApplication.sendEvent(win, QEvent(QEvent.Type.WindowActivate))
    assert win.features.external_changes.refreshes == 0 and "another" not in win.statusBar().currentMessage()
    # A change made elsewhere is still shown (the refresh tests run the CLI for that).
    other = Project.open(long_project.path)
    other.annotations.add(
        win.document_id, 0, 2, long_project.codebook.by_shortcut()["1"].id, win.annotator.id
    )
    other.close()
    QApplication.sendEvent(win, QEvent(QEvent.Type.WindowActivate))
    assert win.features.external_changes.refreshes == 1 and win.ann_model.rowCount() == 1


def test_one_click_on_a_search_hit_goes_there_and_ctrl_click_only_selects(qtbot, win, long_project):
    long_project.documents.add_text("另一份", "首段。\n本院认为，平台的竞争权益应受保护。")
    win.refresh_documents()
    panel = win.features.search_panel
    qtbot.keyClick(
        win.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert win.features.search_dock.isVisible()
    panel.query.setText("竞争权益")  # Chinese is set, never typed through QTest
    qtbot.keyClick(panel.query, Qt.Key.Key_Return)
    table = panel.table
    rows = {
        panel.model.hits[panel.proxy.mapToSource(panel.proxy.index(r, 0)).row()].document_id: r
        for r in range(panel.proxy.rowCount())
    }
    other = next(d for d in rows if d != win.document_id)
    rect = table.visualRect(panel.proxy.index(rows[other], 2))
    qtbot.mouseClick(
        table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier, rect.center()
    )
    assert win.document_id != other  # Ctrl+click chose the row for tagging, and stayed
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    hit = next(h for h in panel.model.hits if h.document_id == other)
    assert win.document_id == other and win.view.selected_range() == (hit.start, hit.end)
    assert win.view.hasFocus()


def test_quit_is_the_last_entry_of_the_file_menu(win):
    entries = [a for a in win.menus["file"].actions() if not a.isSeparator()]
    assert entries[-1] is win.act_quit
    assert len(entries) > 6  # the features' entries (restore from backup, import annotations, …) came first


def test_the_export_dialog_remembers_its_format_and_folder(qtbot, win, tmp_path):
    from PySide6.QtWidgets import QDialogButtonBox

    from annotator.ui.transfer.export_dialog import ExportDialog

    dialog = ExportDialog(win.project, win, annotator_id=win.annotator.id)
    qtbot.addWidget(dialog)
    dialog.show()
    combo = dialog.format
    csv_row = combo.findData("csv")
    combo.setFocus()
    while combo.currentIndex() != csv_row:  # the keyboard walks the list, as a user would
        qtbot.keyClick(combo, Qt.Key.Key_Down if combo.currentIndex() < csv_row else Qt.Key.Key_Up)
    assert dialog.path.text().endswith(".csv")
    folder = tmp_path / "导出"
    folder.mkdir()
    dialog.path.setText(str(folder / "标注.csv"))
    button = next(
        b for b in dialog.findChildren(QDialogButtonBox)[0].buttons() if b.text() == dialog.tr("Export")
    )
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert (folder / "标注.csv").is_file()

    again = ExportDialog(win.project, win, annotator_id=win.annotator.id)
    qtbot.addWidget(again)
    assert again.format.currentData() == "csv"
    assert again.path.text() == str(folder / (win.project.path.stem + ".csv"))


def test_file_dialogs_open_where_the_same_dialog_was_used_last(qtbot, win, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    asked: list[str] = []
    chosen = tmp_path / "编码本" / "codebook.json"
    chosen.parent.mkdir()

    def answer(parent, caption, folder, filters="", selected=""):
        asked.append(folder)
        return str(chosen), filters.split(";;")[0]

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(answer))
    win.export_codebook()
    win.export_codebook()
    assert Path(asked[1]).parent == chosen.parent  # the second time in the folder of the first
    # Another dialog keeps its own folder.
    monkeypatch.setattr(
        QFileDialog,
        "getOpenFileName",
        staticmethod(
            lambda parent, caption, folder, filters="", selected="": (asked.append(folder), ("", ""))[1]
        ),
    )
    win.open_project_dialog()
    assert asked[2] == str(win.project.path.parent)


@pytest.fixture
def chinese(qapp):
    from annotator.ui.common import i18n

    i18n.load_translations(qapp, "zh_CN")
    yield
    i18n.load_translations(qapp, "en")


def test_in_chinese_the_structure_dock_names_its_facts_and_the_statutes_with_their_sentence(
    qtbot, open_window, chinese, settings, tmp_path
):
    from tests.ui.conftest import JUDGMENT

    project = Project.create(tmp_path / "判决.sqlite")
    text = JUDGMENT.replace(
        "构成不正当竞争。", "违反《中华人民共和国反不正当竞争法》第二条第一款的规定，构成不正当竞争。"
    )
    project.documents.add_text("某某科技不正当竞争案", text)
    w = open_window(project, "测试员", settings)
    w.features.structure_dock.raise_()
    tree = w.features.structure_panel
    tops = {tree.topLevelItem(i).text(0): tree.topLevelItem(i) for i in range(tree.topLevelItemCount())}
    facts = {tops["裁判文书"].child(i).text(0) for i in range(tops["裁判文书"].childCount())}
    assert {"案号", "法院"} <= facts and not any(label.isascii() for label in facts)
    [cited] = [tops[k] for k in tops if k.startswith("引用")]
    item = cited.child(0)
    assert item.text(0) == "《反不正当竞争法》第二条第一款"
    assert item.text(1).startswith("本院认为") and "第二条" in item.text(1)
    # Unfolded (click the node, then →), the label is shown whole, and the values keep room.
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(cited).center())
    qtbot.keyClick(tree, Qt.Key.Key_Right)
    assert cited.isExpanded()
    assert tree.columnWidth(0) >= tree.fontMetrics().horizontalAdvance(item.text(0))
    assert tree.columnWidth(0) <= 0.56 * tree.viewport().width()
    # A click selects the citation in the text.
    tree.scrollToItem(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(item).center())
    start, end = w.view.selected_range()
    assert text[start:end].startswith("《中华人民共和国反不正当竞争法》第二条") or "第二条" in text[start:end]
    w.close()


def test_a_duplicate_import_is_reported_in_chinese(qtbot, chinese, win, tmp_path):
    source = tmp_path / "重复.txt"
    source.write_text(TEXT, encoding="utf-8")
    changes = win.project.documents.import_files([source])
    [message] = changes.messages
    assert "already" in message  # the CLI and logs read it in English
    win.apply_changes(changes)  # what the import dialog hands the window
    shown = win.statusBar().currentMessage()
    assert "长篇判决" in shown and "already" not in shown and "已" in shown


def _chars_per_line(view) -> int:
    """Characters on the longest full line shown (wrapped lines of a long paragraph)."""
    return max(ln.end - ln.start for ln in view._visible_lines())


def test_reading_width_keeps_lines_to_about_forty_characters(qtbot, win, settings):
    view = win.view
    win.resize(1900, 1000)
    for dock in (win.documents_dock,):
        dock.hide()
    QApplication.processEvents()
    menu = next(
        m
        for m in win.menus["view"].findChildren(type(win.menus["view"]))
        if m.objectName() == "menuReadingWidth"
    )
    actions = {a.text(): a for a in menu.actions()}
    assert win.features.reading.width_actions[40].isChecked()  # the default
    assert 38 <= _chars_per_line(view) <= 42  # digits are narrower than ideographs
    top = view.visible_range()[0]
    win.features.reading.width_actions[0].trigger()  # View → Reading width → Whole width
    QApplication.processEvents()
    assert _chars_per_line(view) > 45
    assert abs(view.visible_range()[0] - top) < 60  # the same place, not the same line number
    win.features.reading.width_actions[30].trigger()
    QApplication.processEvents()
    assert 28 <= _chars_per_line(view) <= 32
    assert settings.value("ui/reading_width") in (30, "30") and len(actions) == 7
    # The column is centred, and a click on a character still finds it.
    assert abs(view.viewport().geometry().left() - (view.width() - view.viewport().geometry().right())) < 40
    start = on_screen(view)
    drag(qtbot, view, start, start + 5)
    assert view.selected_range() == (start, start + 5)


def test_a_category_key_typed_into_the_find_box_says_how_to_tag(qtbot, win):
    view = win.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    find = win.features.find_bar
    type_chinese(find.field, "商业道德")
    qtbot.waitUntil(lambda: not find._timer.isActive() and bool(find.hits), timeout=2000)
    qtbot.keyClick(find.field, Qt.Key.Key_1)
    qtbot.waitUntil(lambda: not find._timer.isActive(), timeout=2000)
    assert not find.hits and "Enter" in win.statusBar().currentMessage()


def test_in_chinese_qt_file_dialogs_have_no_english_labels(qtbot, chinese):
    from PySide6.QtWidgets import QFileDialog, QLabel

    dialog = QFileDialog(None, "打开项目")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    labels = [label.text() for label in dialog.findChildren(QLabel) if label.text()]
    assert labels and not [
        t
        for t in labels
        if any(c.isascii() and c.isalpha() for c in t.replace("&", ""))
        and not any("\u4e00" <= c <= "\u9fff" for c in t)
    ]
    from PySide6.QtCore import QFileInfo
    from PySide6.QtWidgets import QFileIconProvider

    assert QFileIconProvider().type(QFileInfo(str(Path.home()))) == "文件夹"  # the list's type column
