"""Editing tags in the main window: boundaries, category, extent, split, merge, overlaps, navigation — and
undo/redo of each, checked in the database, the highlights and the tag list."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import JUDGMENT
from tests.ui.document.test_word_selection import char_center

SENTENCE = "本院认为，被告未经用户同意擅自抓取用户数据，其行为违反商业道德，构成不正当竞争。"


def span(part: str) -> tuple[int, int]:
    i = JUDGMENT.index(part)
    return i, i + len(part)


def tag(window, part: str, key: str = "1") -> int:
    window.view.select_range(*span(part))
    window.tag_with_shortcut(key)
    return window.active_annotation


def extent(window, key: int) -> tuple[int, int, str]:
    a = window.project.annotations.get(key)
    shown = window.view.spans.get(key)
    listed = window.ann_model.rows[window.ann_model.row_of(key)]
    assert shown == (a.start, a.end, key), "the highlight shows what is stored"
    assert (listed.start, listed.end) == (a.start, a.end), "the list shows what is stored"
    return a.start, a.end, a.text


def boundary_point(view, cp: int) -> QPoint:
    """The viewport point between the characters cp - 1 and cp."""
    a, b = char_center(view, cp - 1), char_center(view, cp)
    return QPoint((a.x() + b.x()) // 2, a.y())


def press(qtbot, window, key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    window.view.setFocus()
    qtbot.keyClick(window.view, key, modifiers)


ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def test_keys_move_the_selection_by_words_characters_and_sentences(qtbot, window):
    view = window.view
    view.select_range(*span("用户"))  # half of 用户同意
    press(qtbot, window, Qt.Key.Key_Right, ALT)
    assert view.textCursor().selectedText() == "用户同意"
    press(qtbot, window, Qt.Key.Key_Right, ALT)
    assert view.textCursor().selectedText() == "用户同意擅自"
    press(qtbot, window, Qt.Key.Key_Left, ALT | SHIFT)
    assert view.textCursor().selectedText() == "未经用户同意擅自"
    press(qtbot, window, Qt.Key.Key_Right, ALT | SHIFT)
    assert view.textCursor().selectedText() == "用户同意擅自"
    press(qtbot, window, Qt.Key.Key_Left, CTRL | ALT)
    assert view.textCursor().selectedText() == "用户同意擅"
    press(qtbot, window, Qt.Key.Key_Left, CTRL | ALT | SHIFT)
    assert view.textCursor().selectedText() == "经用户同意擅"
    press(qtbot, window, Qt.Key.Key_Up, ALT)
    assert view.selected_range() == span(SENTENCE)
    press(qtbot, window, Qt.Key.Key_Up, ALT)  # the next sentence is on the next line
    assert view.selected_range() == (span(SENTENCE)[0], span("判决如下：被告赔偿原告经济损失十万元。")[1])
    press(qtbot, window, Qt.Key.Key_Down, ALT)
    assert view.selected_range() == span(SENTENCE)
    assert window.project.annotations.list() == []  # moving a selection tags nothing


def test_keys_resize_the_active_tag_and_undo_redo(qtbot, window):
    key = tag(window, "抓取用户数据")
    window.view.select_range(0, 0)  # nothing selected: the keys act on the active tag
    assert window.active_annotation == key
    press(qtbot, window, Qt.Key.Key_Left, ALT | SHIFT)
    assert extent(window, key)[2] == "擅自抓取用户数据"
    press(qtbot, window, Qt.Key.Key_Right, CTRL | ALT)
    assert extent(window, key)[2] == "擅自抓取用户数据，"
    assert window.undo_stack.undoText().startswith("Resize tag")
    window.undo_stack.undo()
    assert extent(window, key)[2] == "擅自抓取用户数据"
    window.undo_stack.undo()
    assert extent(window, key)[2] == "抓取用户数据"
    window.undo_stack.redo()
    assert extent(window, key)[2] == "擅自抓取用户数据"


def test_category_key_on_an_active_tag_changes_its_category(qtbot, window, gui_project):
    cats = gui_project.codebook.by_shortcut()
    key = tag(window, "违反商业道德", "1")
    window.view.select_range(0, 0)
    press(qtbot, window, Qt.Key.Key_3)
    assert gui_project.annotations.get(key).category_id == cats["3"].id
    assert window.view.span_colors[key] == cats["3"].color
    assert len(gui_project.annotations.list()) == 1
    assert window.undo_stack.undoText() == f"Change tag to {cats['3'].name}"
    window.undo_stack.undo()
    assert gui_project.annotations.get(key).category_id == cats["1"].id
    assert window.view.span_colors[key] == cats["1"].color
    window.undo_stack.redo()
    assert gui_project.annotations.get(key).category_id == cats["3"].id


def test_several_categories_on_one_passage(qtbot, window, gui_project):
    cats = gui_project.codebook.by_shortcut()
    window.view.select_range(*span("违反商业道德"))
    press(qtbot, window, Qt.Key.Key_1)
    press(qtbot, window, Qt.Key.Key_2, ALT)  # Alt + key: the same passage, another category
    first, second = gui_project.annotations.list()
    assert {first.category_id, second.category_id} == {cats["1"].id, cats["2"].id}
    assert (first.start, first.end) == (second.start, second.end)
    assert window.undo_stack.undoText() == f"Tag {cats['2'].name}"
    # From the context menu's "Also tag this passage as": a third.
    window.features.editing.add_category(first.id, cats["3"].id)
    assert len(gui_project.annotations.list()) == 3
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert [a.category_id for a in gui_project.annotations.list()] == [cats["1"].id]
    window.undo_stack.redo()
    assert len(gui_project.annotations.list()) == 2 and len(window.view.spans) == 2


def test_reselect_then_set_extent(qtbot, window, gui_project):
    key = tag(window, "用户数据")
    window.view.select_range(*span("擅自抓取用户数据"))
    assert window.active_annotation == key
    press(qtbot, window, Qt.Key.Key_R, CTRL)
    assert extent(window, key)[2] == "擅自抓取用户数据"
    window.undo_stack.undo()
    assert extent(window, key)[2] == "用户数据"
    window.undo_stack.redo()
    assert extent(window, key)[2] == "擅自抓取用户数据"


def test_split_at_caret_and_merge_back_with_undo(qtbot, window, gui_project):
    key = tag(window, "擅自抓取用户数据", "2")
    window.view.select_range(span("用户数据")[0], span("用户数据")[0])  # caret before 用户数据
    press(qtbot, window, Qt.Key.Key_S, CTRL | SHIFT)
    texts = sorted(a.text for a in gui_project.annotations.list())
    assert texts == ["擅自抓取", "用户数据"]
    assert window.ann_model.rowCount() == 2 and len(window.view.spans) == 2
    assert window.undo_stack.undoText().startswith("Split tag")
    window.undo_stack.undo()
    assert [a.text for a in gui_project.annotations.list()] == ["擅自抓取用户数据"]
    assert len(window.view.spans) == 1 and window.ann_model.rowCount() == 1
    window.undo_stack.redo()
    assert len(gui_project.annotations.list()) == 2

    window.select_annotation(key)
    press(qtbot, window, Qt.Key.Key_J, CTRL | SHIFT)  # join with the next tag of its category
    [merged] = gui_project.annotations.list()
    assert merged.id == key and merged.text == "擅自抓取用户数据"
    assert len(window.view.spans) == 1 and window.ann_model.rowCount() == 1
    window.undo_stack.undo()
    assert sorted(a.text for a in gui_project.annotations.list()) == ["擅自抓取", "用户数据"]
    assert len(window.view.spans) == 2
    window.undo_stack.redo()
    assert [a.text for a in gui_project.annotations.list()] == ["擅自抓取用户数据"]
    assert extent(window, key)[2] == "擅自抓取用户数据" and window.ann_model.rowCount() == 1


def test_merge_refuses_another_category(qtbot, window, gui_project):
    tag(window, "擅自", "1")
    tag(window, "抓取", "2")
    window.select_annotation(window.ann_model.rows[0].id)
    window.features.editing.merge_neighbour(+1)
    assert len(gui_project.annotations.list()) == 2
    assert "No other tag" in window.statusBar().currentMessage()


def test_dragging_the_end_edge_resizes_the_active_tag(qtbot, window, gui_project):
    view = window.view
    key = tag(window, "抓取用户")
    view.select_range(0, 0)
    view.viewport().repaint()
    edge = boundary_point(view, span("抓取用户")[1])
    assert view._edge_at(edge.toPointF()) == "end"
    target = boundary_point(view, span("用户数据")[1])
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=edge)
    qtbot.mouseMove(view.viewport(), target)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=target)
    assert extent(window, key)[2] == "抓取用户数据"
    assert view.selected_range() is None  # the drag moved the edge; it selected nothing
    window.undo_stack.undo()
    assert extent(window, key)[2] == "抓取用户"
    # The start edge, dragged to the left.
    view.viewport().repaint()
    edge = boundary_point(view, span("抓取用户")[0])
    assert view._edge_at(edge.toPointF()) == "start"
    target = boundary_point(view, span("擅自")[0])
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=edge)
    qtbot.mouseMove(view.viewport(), target)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=target)
    assert extent(window, key)[2] == "擅自抓取用户"
    window.undo_stack.undo()
    assert extent(window, key)[2] == "抓取用户"
    window.undo_stack.redo()
    assert extent(window, key)[2] == "擅自抓取用户"


def test_click_on_overlapping_tags_offers_a_choice(qtbot, window, gui_project):
    view = window.view
    outer = tag(window, "擅自抓取用户数据", "1")
    inner = tag(window, "抓取", "2")
    window.select_annotation(None)
    view.select_range(0, 0)
    view.viewport().repaint()
    chosen: list[list[str]] = []

    def pick_second() -> None:
        menu = QApplication.activePopupWidget()
        chosen.append([a.text() for a in menu.actions()])
        menu.setActiveAction(menu.actions()[1])
        QTest.keyClick(menu, Qt.Key.Key_Return)

    QTimer.singleShot(50, pick_second)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=char_center(view, span("抓取")[0]))
    qtbot.waitUntil(lambda: bool(chosen))
    assert len(chosen[0]) == 2 and "抓取" in chosen[0][0]
    assert window.active_annotation == outer  # the second entry: the longer, lower tag
    assert {inner, outer} == {a.id for a in gui_project.annotations.list()}


def test_hover_names_category_annotator_and_memo(qtbot, window, gui_project):
    key = tag(window, "抓取", "1")
    gui_project.annotations.set_memo(key, "关键行为")
    window.ann_model.set_annotations(gui_project.annotations.list())
    tip = window.view.tooltip_provider([key])
    assert gui_project.codebook.by_shortcut()["1"].name in tip and "测试员" in tip and "关键行为" in tip


def test_next_and_previous_tag_in_text_order_and_by_category(qtbot, window, gui_project):
    cats = gui_project.codebook.by_shortcut()
    later = tag(window, "商业道德", "1")
    first = tag(window, "本院认为", "2")
    middle = tag(window, "用户数据", "1")
    window.select_annotation(None)
    window.view.select_range(0, 0)
    press(qtbot, window, Qt.Key.Key_Period, CTRL)
    assert window.active_annotation == first
    press(qtbot, window, Qt.Key.Key_Period, CTRL)
    assert window.active_annotation == middle
    press(qtbot, window, Qt.Key.Key_PageDown, ALT)
    assert window.active_annotation == later
    press(qtbot, window, Qt.Key.Key_Period, CTRL)  # wraps around
    assert window.active_annotation == first
    press(qtbot, window, Qt.Key.Key_Comma, CTRL)
    assert window.active_annotation == later
    assert window.statusBar().currentMessage() == "Tag 3 of 3"
    # With a category selected in the codebook panel, only its tags.
    model = window.codebook_model
    index = next(
        model.index(r, 0) for r in range(model.rowCount()) if model.index(r, 0).data() == cats["2"].name
    )
    window.codebook_tree.selectionModel().select(
        index, window.codebook_tree.selectionModel().SelectionFlag.ClearAndSelect
    )
    window.codebook_tree.setFocus()  # the keys work wherever the focus is
    qtbot.keyClick(window.codebook_tree, Qt.Key.Key_Period, CTRL)
    assert window.active_annotation == first
    qtbot.keyClick(window.codebook_tree, Qt.Key.Key_Period, CTRL)
    assert window.active_annotation == first
    assert window.statusBar().currentMessage() == f"Tag 1 of 1 — {cats['2'].name}"


def test_snap_option_is_in_the_view_menu_and_remembered(open_window, gui_project, settings):
    w = open_window(gui_project, "测试员", settings, show=False)
    snap = w.features.editing.actions["snap"]
    assert snap in w.menus["view"].actions() and not w.view.snap_to_words
    snap.trigger()
    assert w.view.snap_to_words
    w.close()
    w2 = open_window(type(gui_project).open(gui_project.path), "测试员", settings, show=False)
    assert w2.features.editing.actions["snap"].isChecked() and w2.view.snap_to_words
    w2.close()


def test_keyboard_only_selection_from_the_caret(qtbot, window):
    view = window.view
    caret = span("用户同意")[0]
    view.select_range(caret, caret)
    press(qtbot, window, Qt.Key.Key_W, ALT)  # the keyboard's double click
    assert view.textCursor().selectedText() == "用户同意"
    view.select_range(caret, caret)
    press(qtbot, window, Qt.Key.Key_Right, ALT)  # from the caret, one word to the right
    assert view.textCursor().selectedText() == "用户同意"
    press(qtbot, window, Qt.Key.Key_1)
    assert [a.text for a in window.project.annotations.list()] == ["用户同意"]


def test_context_menu_offers_the_edits_of_the_tag_under_the_pointer(qtbot, window, gui_project):
    from PySide6.QtWidgets import QMenu

    cats = gui_project.codebook.by_shortcut()
    key = tag(window, "擅自抓取用户数据", "1")
    window.view.select_range(0, 0)
    menu = QMenu()
    at = span("用户数据")[0]
    window.features.editing.fill_context_menu(menu, at, [key])

    def entry(m: QMenu, text: str):
        return next(a for a in m.actions() if a.text() == text)

    entry(menu, "Split here").trigger()
    assert sorted(a.text for a in gui_project.annotations.list()) == ["擅自抓取", "用户数据"]
    window.undo_stack.undo()

    menu = QMenu()
    window.features.editing.fill_context_menu(menu, at, [key])
    assert not entry(menu, "Set extent to selection").isEnabled()  # nothing is selected
    change = entry(menu, "Change category to").menu()
    entry(change, cats["2"].name).trigger()
    assert gui_project.annotations.get(key).category_id == cats["2"].id
    entry(menu, "Delete tag").trigger()
    assert gui_project.annotations.list() == []
    window.undo_stack.undo()
    assert [a.id for a in gui_project.annotations.list()] == [key]


def test_editing_keys_clash_with_no_other_action(window):
    """Two actions with one key, both active at once, make Qt do neither: check against every other."""
    from PySide6.QtGui import QAction

    mine = set(window.features.editing.actions.values())
    others: dict[str, str] = {}
    for act in window.findChildren(QAction):
        if act in mine or act.shortcutContext() == Qt.ShortcutContext.WidgetShortcut:
            continue
        for seq in act.shortcuts():
            others[seq.toString()] = act.text()
    for act in mine:
        for seq in act.shortcuts():
            assert seq.toString() not in others, (
                f"{act.text()} and {others.get(seq.toString())} share {seq.toString()}"
            )
