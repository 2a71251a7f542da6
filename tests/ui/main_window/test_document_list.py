"""The documents list: status per annotator, filtering, properties, removal with confirmation and undo."""

from __future__ import annotations

from annotator.ui.main_window.document_list import DocumentPropertiesDialog


def visible_titles(window) -> list[str]:
    proxy = window.doc_proxy
    return [proxy.index(r, 0).data() for r in range(proxy.rowCount())]


def row_of_title(window, title: str):
    proxy = window.doc_proxy
    return next(proxy.index(r, 0) for r in range(proxy.rowCount()) if proxy.index(r, 0).data() == title)


def test_status_column_set_from_the_panel_and_filtered(window, gui_project):
    panel = window.features.document_panel
    model = window.doc_model
    assert [model.index(r, 3).data() for r in range(model.rowCount())] == ["Not started", "Not started"]
    window.doc_table.setCurrentIndex(row_of_title(window, "第二份文书"))
    panel.status_actions["done"].trigger()
    assert {d.title: d.status for d in gui_project.documents.list(window.annotator.id)}[
        "第二份文书"
    ] == "done"
    assert (
        model.index(model.row_of(next(d.id for d in model.docs if d.title == "第二份文书")), 3).data()
        == "Done"
    )
    window.undo_stack.undo()
    assert {d.title: d.status for d in gui_project.documents.list(window.annotator.id)}[
        "第二份文书"
    ] == "not_started"
    window.undo_stack.redo()
    panel.status_filter.setCurrentIndex(panel.status_filter.findData("done"))
    assert visible_titles(window) == ["第二份文书"]
    panel.status_filter.setCurrentIndex(panel.status_filter.findData("not_started"))
    assert visible_titles(window) == ["某某科技不正当竞争案"]
    panel.status_filter.setCurrentIndex(0)
    window.doc_filter.setText("第二")
    assert visible_titles(window) == ["第二份文书"]


def test_status_is_per_annotator(window, gui_project):
    other = gui_project.annotators.ensure("另一位")
    doc_id = window.doc_model.docs[0].id
    gui_project.documents.set_status(doc_id, other.id, "done")
    assert gui_project.documents.list(window.annotator.id)[0].status == "not_started"
    assert gui_project.documents.list(other.id)[0].status == "done"


def test_properties_edit_title_and_metadata_and_undo(window, gui_project, qtbot):
    panel = window.features.document_panel
    doc_id = window.document_id
    panel.edit_properties = lambda info: ("新的标题", {**info.meta, "案号": "（2021）浙0192民初1234号"})
    panel.act_properties.trigger()  # the menu entry, on the current document
    info = gui_project.documents.info(doc_id)
    assert (info.title, info.meta["案号"]) == ("新的标题", "（2021）浙0192民初1234号")
    assert "新的标题" in visible_titles(window)
    window.undo_stack.undo()
    assert gui_project.documents.info(doc_id).title == "某某科技不正当竞争案"
    assert "某某科技不正当竞争案" in visible_titles(window)


def test_properties_dialog_reads_back_edits(qtbot, gui_project):
    info = gui_project.documents.list()[0]
    dialog = DocumentPropertiesDialog(info)
    qtbot.addWidget(dialog)
    dialog.title_edit.setText("改过的标题")
    dialog.add_row("法院", "杭州互联网法院")
    dialog.add_row("", "ignored without a key")
    assert dialog.title() == "改过的标题"
    assert dialog.meta() == {**info.meta, "法院": "杭州互联网法院"}


def test_remove_asks_then_hides_and_undo_brings_back(window, gui_project):
    panel = window.features.document_panel
    doc_id = window.document_id
    start = window.view.toPlainText().index("被告未经")
    gui_project.annotations.add(
        doc_id, start, start + 4, gui_project.codebook.list()[0].id, window.annotator.id
    )
    panel.confirm = lambda text: False
    panel.remove(doc_id)
    assert len(gui_project.documents.list()) == 2
    asked = []
    panel.confirm = lambda text: asked.append(text) or True
    panel.remove(doc_id)
    assert "1" in asked[0]
    assert [d.title for d in gui_project.documents.list()] == ["第二份文书"]
    assert visible_titles(window) == ["第二份文书"]
    assert window.document_id != doc_id  # another document is shown instead
    window.undo_stack.undo()
    assert len(gui_project.documents.list()) == 2
    assert len(gui_project.annotations.list(document_ids=[doc_id])) == 1
    assert "某某科技不正当竞争案" in visible_titles(window)


def test_delete_key_in_the_list_removes_the_document_after_asking(window, gui_project, qtbot):
    from PySide6.QtCore import Qt

    panel = window.features.document_panel
    asked = []
    panel.confirm = lambda text: asked.append(text) or False
    window.doc_table.setFocus()
    window.doc_table.setCurrentIndex(row_of_title(window, "第二份文书"))
    qtbot.keyClick(window.doc_table, Qt.Key.Key_Delete)
    assert asked and "第二份文书" in asked[0]
    assert len(gui_project.documents.list()) == 2
