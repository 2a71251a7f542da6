"""The judgment-structure dock shows what was found in the open document; clicking a section selects
it; re-running the detector is one undoable action."""

from __future__ import annotations

from annotator.ui.corpus.structure import RANGE_ROLE, detect_all


def _children(item):
    return [item.child(i) for i in range(item.childCount())]


def test_structure_of_the_open_document(window, gui_project):
    doc_id = gui_project.documents.list()[0].id
    window.open_document(doc_id)
    tree = window.features.structure_panel
    tops = {tree.topLevelItem(i).text(0): tree.topLevelItem(i) for i in range(tree.topLevelItemCount())}
    facts = {c.text(0): c.text(1) for c in _children(tops["Judgment"])}
    assert facts["Case number"] == "（2021）浙0192民初1234号"
    assert facts["Court"] == "浙江省某某市人民法院"
    assert [(c.text(0), c.text(1)) for c in _children(tops["Parties"])] == [
        ("原告", "王𠮷"),
        ("被告", "某某科技有限公司"),
    ]
    sections = _children(tops["Sections"])
    reasoning = next(c for c in sections if c.text(0) == "本院认为")
    tree._clicked(reasoning, 0)
    start, end = reasoning.data(0, RANGE_ROLE)
    assert window.view.selected_range() == (start, end)
    text = window.view.text
    assert (text() if callable(text) else text)[start:end].startswith("本院认为")


def test_a_text_that_is_not_a_judgment_says_so(window, gui_project):
    window.open_document(gui_project.documents.list()[1].id)
    top = window.features.structure_panel.topLevelItem(0)
    assert top.text(1) == "not recognised as a judgment"


def test_detect_again_is_recorded_and_undoable(window, gui_project):
    doc_id = gui_project.documents.list()[0].id
    info = gui_project.documents.info(doc_id)
    gui_project.documents.update(doc_id, meta={**info.meta, "court": "手改的法院"})
    changes = detect_all(window)
    assert len(changes.documents_updated) == 2
    assert gui_project.documents.info(doc_id).meta["court"] == "浙江省某某市人民法院"
    window.undo_stack.undo()
    assert gui_project.documents.info(doc_id).meta["court"] == "手改的法院"
