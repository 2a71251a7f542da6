"""The codebook editor as a researcher uses it: every edit shows at once, in the dock and the text,
and Ctrl+Z takes it back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt
from PySide6.QtGui import QDropEvent

from annotator.ui.codebook.editor import open_editor
from annotator.ui.codebook.tree import COL_DOC, COL_PROJECT
from tests.ui.main_window.test_window import select_like_a_mouse


@pytest.fixture
def editor(window, qtbot):
    ed = open_editor(window)
    qtbot.waitExposed(ed)
    return ed


def dock_names(window) -> list[str]:
    m = window.codebook_model
    out, stack = [], [m.invisibleRootItem()]
    while stack:
        item = stack.pop()
        for r in range(item.rowCount()):
            out.append(item.child(r, 0).text())
            stack.append(item.child(r, 0))
    return out


def drop(tree, source_id: int, target_id: int, where: str) -> None:
    """Drop the category `source_id` on the row of `target_id` ("on", "above" or "below")."""
    editor = tree.window()
    tree.setCurrentItem(editor.item_of(source_id))
    rect = tree.visualItemRect(editor.item_of(target_id))
    y = {"on": rect.center().y(), "above": rect.top() + 1, "below": rect.bottom() - 1}[where]
    event = QDropEvent(
        QPointF(rect.center().x(), y),
        Qt.DropAction.MoveAction,
        QMimeData(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    tree.dropEvent(event)


def test_add_rename_shows_in_dock_and_undo(window, editor, gui_project):
    before = {c.id for c in gui_project.codebook.list()}
    editor.act_add.trigger()  # the toolbar button, as clicked
    [new_id] = {c.id for c in gui_project.codebook.list()} - before
    assert editor.current_id() == new_id and gui_project.codebook.get(new_id).parent_id is None
    editor.form.name_edit.setText("合规审查")
    editor.form.name_en_edit.setText("Compliance review")
    editor._save_names()
    assert gui_project.codebook.get(new_id).name == "合规审查"
    assert "合规审查" in dock_names(window)
    window.undo_stack.undo()  # the rename
    assert gui_project.codebook.get(new_id).name != "合规审查"
    window.undo_stack.undo()  # the add
    assert new_id not in {c.id for c in gui_project.codebook.list()}
    assert editor.item_of(new_id) is None
    window.undo_stack.redo()
    assert editor.item_of(new_id) is not None


def test_drag_and_drop_reparents_and_reorders(window, editor, gui_project):
    a = gui_project.codebook.add("甲类").categories_added[0]
    b = gui_project.codebook.add("乙类").categories_added[0]
    c = gui_project.codebook.add("丙类").categories_added[0]
    window.apply_changes(gui_project.codebook.rename(a.id, name_en="A"))
    drop(editor.tree, b.id, a.id, "on")
    assert gui_project.codebook.get(b.id).parent_id == a.id
    assert editor.item_of(b.id).parent() is editor.item_of(a.id)
    drop(editor.tree, c.id, b.id, "above")  # becomes b's sibling, before it
    kids = sorted((x for x in gui_project.codebook.list() if x.parent_id == a.id), key=lambda x: x.order)
    assert [x.name for x in kids] == ["丙类", "乙类"]
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert gui_project.codebook.get(b.id).parent_id is None
    assert gui_project.codebook.get(c.id).parent_id is None
    assert editor.item_of(b.id).parent() is None


def test_recolour_repaints_tags_and_key_moves(qtbot, window, editor, gui_project):
    view = window.view
    text = view.toPlainText()
    select_like_a_mouse(view, text, "擅自抓取")
    window.tag_with_shortcut("1")
    [a] = gui_project.annotations.list()
    editor.select(a.category_id)
    editor.choose_color = lambda _current: "#123456"
    editor.recolor_current()
    assert view.span_colors[a.id].upper() == "#123456"
    new = gui_project.codebook.add("新类别").categories_added[0]
    window.apply_changes(gui_project.codebook.recolor(new.id, "#654321"))
    editor.set_key(new.id, "1")
    assert window._shortcuts["1"].id == new.id
    window.undo_stack.undo()
    assert window._shortcuts["1"].id == a.category_id
    window.undo_stack.undo()  # recolour
    assert view.span_colors[a.id].upper() != "#123456"


def test_counts_merge_archive_and_delete_with_confirmation(qtbot, window, editor, gui_project):
    view = window.view
    text = view.toPlainText()
    select_like_a_mouse(view, text, "擅自抓取")
    window.tag_with_shortcut("2")
    [a] = gui_project.annotations.list()
    source = a.category_id
    item = editor.item_of(source)
    assert (item.text(COL_DOC), item.text(COL_PROJECT)) == ("1", "1")
    # Merge into another category: the tag follows and the text shows the new colour.
    target = next(c for c in gui_project.codebook.list() if c.id != source and c.parent_id is None)
    editor.select(source)
    editor.choose_category = lambda _text, choices: next(c for c in choices if c.id == target.id)
    editor.merge_current()
    assert gui_project.annotations.get(a.id).category_id == target.id
    assert editor.item_of(source) is None and editor.item_of(target.id).text(COL_PROJECT) == "1"
    assert window.ann_model.rows[0].category_id == target.id
    window.undo_stack.undo()
    assert gui_project.annotations.get(a.id).category_id == source
    # Delete asks first; saying no keeps everything.
    editor.select(source)
    asked = []
    editor.confirm = lambda text: asked.append(text) or False
    editor.delete_current()
    assert asked and "1" in asked[0] and gui_project.annotations.list()
    editor.confirm = lambda text: True
    editor.delete_current()
    assert gui_project.annotations.list() == [] and a.id not in view.spans
    window.undo_stack.undo()
    assert [x.id for x in gui_project.annotations.list()] == [a.id] and a.id in view.spans
    # Archive hides it from the dock but keeps the tag.
    editor.select(source)
    editor.toggle_archive()
    assert gui_project.codebook.get(source).archived
    assert gui_project.codebook.get(source).name not in dock_names(window)
    assert [x.id for x in gui_project.annotations.list()] == [a.id]


def test_tools_menu_opens_editor(window, qtbot):
    window.features.act_edit_codebook.trigger()
    assert window.features.codebook_editor.isVisible()
    assert window.features.codebook_editor.tree.topLevelItemCount() > 0


def test_drag_and_drop_in_the_codebook_panel(window, gui_project, qtbot):
    from annotator.ui.common.categories import CATEGORY_ID_ROLE

    a = gui_project.codebook.add("甲类").categories_added[0]
    window.apply_changes(gui_project.codebook.add("乙类"))
    b = gui_project.codebook.find("乙类")
    tree, model = window.codebook_tree, window.codebook_model

    def index_of(cat_id):
        return next(
            model.indexFromItem(item) for item in _items(model) if item.data(CATEGORY_ID_ROLE) == cat_id
        )

    tree.setCurrentIndex(index_of(b.id))
    tree.scrollTo(index_of(a.id))
    rect = tree.visualRect(index_of(a.id))
    assert tree.viewport().rect().contains(rect.center())
    event = QDropEvent(
        QPointF(rect.center()),
        Qt.DropAction.MoveAction,
        QMimeData(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    # What Qt hands the panel's viewport at the end of a real drag (sendEvent skips the drag machinery).
    assert window.features.codebook_drop_filter.eventFilter(tree.viewport(), event) is True
    assert gui_project.codebook.get(b.id).parent_id == a.id
    assert index_of(b.id).parent() == index_of(a.id)
    window.undo_stack.undo()
    assert gui_project.codebook.get(b.id).parent_id is None


def _items(model):
    stack = [model.invisibleRootItem()]
    while stack:
        item = stack.pop()
        for r in range(item.rowCount()):
            child = item.child(r, 0)
            yield child
            stack.append(child)


def test_keyboard_only_add_move_and_delete(window, editor, gui_project, qtbot):
    editor.activateWindow()
    editor.tree.setFocus()
    before = {c.id for c in gui_project.codebook.list()}
    qtbot.keyClick(editor.tree, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    [new_id] = {c.id for c in gui_project.codebook.list()} - before
    editor.tree.setFocus()
    siblings = [c for c in gui_project.codebook.list() if c.parent_id is None]
    last = max(siblings, key=lambda c: (c.order, c.id))
    assert last.id == new_id
    qtbot.keyClick(editor.tree, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    siblings = sorted(
        (c for c in gui_project.codebook.list() if c.parent_id is None), key=lambda c: (c.order, c.id)
    )
    assert siblings[-2].id == new_id
    editor.confirm = lambda text: True
    qtbot.keyClick(editor.tree, Qt.Key.Key_Delete)
    assert new_id not in {c.id for c in gui_project.codebook.list()}
