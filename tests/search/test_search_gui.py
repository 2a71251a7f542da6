"""The search dock: Ctrl+Shift+F, KWIC rows aligned on the hit, sorting, opening a hit, tagging hits as
one undoable step."""

from __future__ import annotations

from PySide6.QtCore import Qt

from annotator.ui.corpus.search import COL_COURT, COL_HIT, COL_LEFT, COL_POS, COL_RIGHT, COL_YEAR


def _panel(window, qtbot, query):
    act = [a for a in window.actions() if a.objectName() == "actionSearchProject"][0]
    assert act.shortcut().toString() == "Ctrl+Shift+F"
    act.trigger()
    panel = window.features.search_panel
    assert window.features.search_dock.isVisible()
    panel.query.setText(query)  # Chinese text is set, never typed (keyClicks aborts on it)
    panel.run_search()
    return panel


def test_kwic_rows_align_and_sort(window, qtbot):
    panel = _panel(window, qtbot, "商业道德")
    model = panel.proxy
    assert model.rowCount() == 1
    assert model.index(0, COL_HIT).data() == "商业道德"
    assert model.index(0, COL_LEFT).data().endswith("抓取数据，违反")
    assert (model.index(0, COL_YEAR).data(), model.index(0, COL_COURT).data()) == (
        "2021",
        "浙江省某某市人民法院",
    )
    assert model.index(0, COL_LEFT).data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    assert model.index(0, COL_RIGHT).data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignLeft

    panel.query.setText("数据")
    panel.run_search()
    assert panel.status.text().startswith("2 hits in 2 documents")
    panel.table.sortByColumn(COL_RIGHT, Qt.SortOrder.AscendingOrder)
    rights = [model.index(r, COL_RIGHT).data() for r in range(model.rowCount())]
    assert rights == sorted(rights)
    panel.table.sortByColumn(COL_POS, Qt.SortOrder.DescendingOrder)
    docs = [panel.model.hits[model.mapToSource(model.index(r, 0)).row()].document_id for r in range(2)]
    assert docs == sorted(docs, reverse=True)


def test_double_click_opens_the_document_at_the_hit(window, qtbot, gui_project):
    panel = _panel(window, qtbot, "竞争权益")
    hit = panel.model.hits[0]
    assert window.document_id != hit.document_id
    panel.open_hit(panel.proxy.index(0, COL_HIT))
    assert window.document_id == hit.document_id
    assert window.view.selected_range() == (hit.start, hit.end)
    text = gui_project.documents.get(hit.document_id).text
    assert text[hit.start : hit.end] == "竞争权益"


def test_tag_hits_is_one_undo_step(window, qtbot, gui_project):
    panel = _panel(window, qtbot, "本院认为")
    assert len(panel.model.hits) == 2
    cat = gui_project.codebook.find("法律依据")
    panel.tag_category.setCurrentIndex(panel.tag_category.findData(cat.id))
    panel.extend.setCurrentIndex(panel.extend.findData("sentence"))
    changes = panel.tag_hits(confirm=False)
    assert len(changes.annotations_added) == 2
    assert {a.text for a in changes.annotations_added} == {
        "本院认为，被告擅自抓取数据，违反商业道德。",
        "本院认为，数据携带权不能对抗平台的竞争权益。",
    }
    assert len(gui_project.annotations.list(category_ids=[cat.id])) == 2
    window.undo_stack.undo()
    assert gui_project.annotations.list(category_ids=[cat.id]) == []
    window.undo_stack.redo()
    assert len(gui_project.annotations.list(category_ids=[cat.id])) == 2


def test_bad_regex_is_reported_not_raised(window, qtbot):
    panel = _panel(window, qtbot, "第(")
    panel.regex.setChecked(True)
    assert panel.run_search() is None
    assert "regular expression" in panel.status.text()
