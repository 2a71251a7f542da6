"""The researcher's path: tag ten passages of real judgments by keyboard, see suggestions appear as
dashed outlines, step through them with Tab, accept with Enter and reject with Backspace, and the
suggestions get measurably better."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor

from tests.suggest.conftest import reasoning_sentences


@pytest.fixture
def gui(open_window, judgments, tmp_path):
    project, docs = judgments
    w = open_window(project, "研究者", name="settings.ini")
    yield w, project, docs
    w.close()


def _separation(project, me, docs, truth, category_id):
    """Mean score of reasoning sentences minus that of the other sentences, in unseen documents."""
    snap = project.suggestions.snapshot([me], for_annotator=me, extra_documents=[d for d, _, _ in docs])
    model = snap.build().model
    inside, outside = [], []
    for doc_id, _text, _t in docs:
        units, scores = model.score_units(snap.data.docs[doc_id], snap.cache)[category_id]
        for (s, _e), p in zip(units, scores, strict=True):
            (inside if truth[doc_id][0] <= s < truth[doc_id][1] else outside).append(p)
    return sum(inside) / len(inside) - sum(outside) / len(outside)


def test_tag_ten_then_accept_and_reject_suggestions_by_keyboard(qtbot, gui):
    window, project, docs = gui
    view = window.view
    layer = window.features.suggestion_layer
    key, category = next((k, c) for k, c in sorted(project.codebook.by_shortcut().items()))
    truth = {d: (t["reasoning_start"], t["decision_start"]) for d, _, t in docs}

    # Ten passages tagged the usual way: select, press the category's key.
    tagged = 0
    for doc_id, text, t in docs[:3]:
        window.open_document(doc_id)
        for s, e in reasoning_sentences(text, t)[:4]:
            if tagged == 10:
                break
            view.setFocus()
            view.select_range(s, e)
            qtbot.keyClick(view, getattr(Qt.Key, f"Key_{key}"))
            tagged += 1
    assert len(project.annotations.list()) == 10
    me = window.annotator.id
    held_out = docs[6:]
    before = _separation(project, me, held_out, truth, category.id)

    # A judgment not yet read: suggestions appear, outlined in the category's colour.
    doc_id, text, t = docs[4]
    window.open_document(doc_id)
    qtbot.waitUntil(lambda: bool(layer.suggestions) and not layer.busy, timeout=30000)
    first = layer.suggestions[0]
    assert first.category_id == category.id and first.document_id == doc_id
    view.reveal_position(first.start)
    image = view.viewport().grab().toImage()
    rect = view.range_rects(first.start, first.end, view.viewport().rect().toRectF())[0]
    border = [
        image.pixelColor(QPoint(int(x), int(rect.top()) + 1))
        for x in range(int(rect.left()) + 2, int(rect.right()) - 2)
    ]
    outline = QColor(category.color).darker(120)
    assert any(
        abs(c.red() - outline.red()) + abs(c.green() - outline.green()) + abs(c.blue() - outline.blue()) < 60
        for c in border
    ), "no dashed outline in the category's colour"
    assert "0." in layer.tooltip(first) or "1.00" in layer.tooltip(first)
    assert layer.suggestion_at(view.position_at(QPointF(rect.center()))) is not None

    # Tab, then Enter on the right ones and Backspace on the wrong ones; in the second document with
    # "learn fastest", which also shows the less certain ones, most uncertain first.
    accepted = rejected = 0
    for doc_id, _text, _t in docs[4:6]:
        if doc_id == docs[5][0]:
            window.features.suggestion_actions["fastest"].trigger()
            assert layer.learn_fastest
        window.open_document(doc_id)
        qtbot.waitUntil(lambda: not layer.busy, timeout=30000)
        for _ in range(8):
            if not layer.suggestions:
                break
            view.setFocus()
            qtbot.keyClick(view, Qt.Key.Key_Tab)
            s = layer.current
            assert s is not None and view.selected_range() == (s.start, s.end)
            if truth[doc_id][0] <= s.start < truth[doc_id][1]:
                qtbot.keyClick(view, Qt.Key.Key_Return)
                accepted += 1
                assert any(
                    (a.start, a.end, a.category_id) == (s.start, s.end, s.category_id)
                    for a in project.annotations.list(document_ids=[doc_id])
                )
            else:
                qtbot.keyClick(view, Qt.Key.Key_Backspace)
                rejected += 1
                assert s.key not in {x.key for x in layer.suggestions}
            qtbot.waitUntil(lambda: not layer.busy, timeout=30000)
    assert accepted >= 2 and rejected >= 1 and accepted + rejected >= 6
    assert len(project.suggestions.rejected([me])) == rejected

    # An accepted suggestion is a normal tag: Ctrl+Z takes it back.
    count = len(project.annotations.list())
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(project.annotations.list()) in (
        count - 1,
        count,
    )  # the last decision may have been a rejection
    qtbot.keyClick(view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)

    # Measurably better on judgments nobody has looked at.
    after = _separation(project, me, held_out, truth, category.id)
    assert after > before + 0.02, (before, after)


def _tag_reasoning_of(project, docs, who_id, category_id):
    for doc_id, text, t in docs:
        for s, e in reasoning_sentences(text, t):
            project.annotations.add(doc_id, s, e, category_id, who_id)


def test_batch_dialog_previews_and_decides_in_bulk(qtbot, gui):
    from annotator.ui.suggest.batch import BatchSuggestDialog

    window, project, docs = gui
    me = window.annotator.id
    cat = project.codebook.find("商业道德").id
    _tag_reasoning_of(project, docs[:4], me, cat)
    dialog = BatchSuggestDialog(window)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.findChild(type(dialog.accept_button), "suggestFind"), Qt.MouseButton.LeftButton)
    table = dialog.table
    assert table.rowCount() > 2 and table.columnCount() == 4
    headers = [table.horizontalHeaderItem(c).text() for c in range(4)]
    assert headers == ["Passage", "Category", "Score", "Document"]
    assert {table.item(r, 1).text() for r in range(table.rowCount())} == {"商业道德"}
    assert all(0.6 <= float(table.item(r, 2).text()) <= 1.0 for r in range(table.rowCount()))
    first = dialog.suggestions[0]
    assert table.item(0, 0).text() == first.text.replace("\n", " ")
    # Reject the first, accept the next two, in bulk.
    dialog._check(False)
    table.item(0, 0).setCheckState(Qt.CheckState.Checked)
    qtbot.mouseClick(dialog.reject_button, Qt.MouseButton.LeftButton)
    assert [r.start for r in project.suggestions.rejected([me])] == [first.start]
    assert all(s.key != first.key for s in dialog.suggestions)
    window.undo_stack.undo()  # a rejection is undoable: the passage may be suggested again
    assert project.suggestions.rejected([me]) == []
    window.undo_stack.redo()
    assert [r.start for r in project.suggestions.rejected([me])] == [first.start]
    dialog._check(False)
    chosen = dialog.suggestions[:2]
    for r in range(2):
        table.item(r, 0).setCheckState(Qt.CheckState.Checked)
    before = len(project.annotations.list())
    qtbot.mouseClick(dialog.accept_button, Qt.MouseButton.LeftButton)
    added = {(a.document_id, a.start, a.end) for a in project.annotations.list()}
    assert len(added) == before + 2 and all((s.document_id, s.start, s.end) in added for s in chosen)
    window.undo_stack.undo()  # both in one step
    assert len(project.annotations.list()) == before


def test_settings_dialog_sets_threshold_and_switch(qtbot, gui):
    from annotator.ui.suggest.batch import SuggestionSettingsDialog

    window, project, _docs = gui
    cat = project.codebook.find("商业道德").id
    dialog = SuggestionSettingsDialog(window)
    qtbot.addWidget(dialog)
    row = next(i for i, st in enumerate(dialog.rows) if st.category_id == cat)
    dialog.thresholds[row].setValue(0.8)
    dialog.modes[row].setCurrentIndex(dialog.modes[row].findData(True))
    dialog.save()
    setting = next(s for s in project.suggestions.settings() if s.category_id == cat)
    assert (setting.threshold, setting.enabled, setting.active) == (0.8, True, True)


def test_the_category_key_takes_a_suggestion_and_hovering_shows_its_score(qtbot, gui):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QToolTip

    window, project, docs = gui
    view, layer = window.view, window.features.suggestion_layer
    me = window.annotator.id
    key, category = next((k, c) for k, c in sorted(project.codebook.by_shortcut().items()))
    _tag_reasoning_of(project, docs[:4], me, category.id)
    window.open_document(docs[5][0])
    qtbot.waitUntil(lambda: bool(layer.suggestions) and not layer.busy, timeout=30000)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    s = layer.current
    rect = view.range_rects(s.start, s.end, view.viewport().rect().toRectF())[0]
    point = rect.center().toPoint()
    QApplication.sendEvent(
        view.viewport(), QHelpEvent(QEvent.Type.ToolTip, point, view.viewport().mapToGlobal(point))
    )
    assert f"{s.score:.2f}" in QToolTip.text()
    qtbot.keyClick(view, getattr(Qt.Key, f"Key_{key}"))  # the window's own tagging shortcut
    tags = project.annotations.list(document_ids=[s.document_id])
    assert [(a.start, a.end, a.category_id) for a in tags] == [(s.start, s.end, s.category_id)]
    setting = next(x for x in project.suggestions.settings([me]) if x.category_id == s.category_id)
    assert (setting.accepted, setting.rejected) == (1, 0)
    assert s.key not in {x.key for x in layer.suggestions}


def test_a_corpus_sized_document_gets_no_suggestions_while_tagging(
    qtbot, open_window, file_project, tmp_path
):
    """A passage tagged ten times elsewhere is suggested in a judgment-sized document, but a compiled
    corpus file past AUTO_MAX_CHARS is not scanned after every edit (the window would lose seconds of
    processor to it); the status bar points to the batch dialog instead."""

    from annotator.ui.suggest.layer import AUTO_MAX_CHARS

    project = file_project
    sentences = [f"本院认为，被告第{n}次抓取原告平台数据的行为违反商业道德。" for n in range(1, 13)]
    source = project.documents.add_text("已标注", "\n".join(sentences)).documents_added[0].id
    window = open_window(project, "研究者", name="settings.ini")
    me = window.annotator.id
    category = sorted(project.codebook.by_shortcut().items())[0][1]
    text = project.documents.get(source).text
    for sentence in sentences[:10]:
        start = text.index(sentence)
        project.annotations.add(source, start, start + len(sentence), category.id, me)
    repeated = sentences[10]
    project.annotations.add(
        source, text.index(repeated), text.index(repeated) + len(repeated), category.id, me
    )
    filler = "原告诉称，双方签订的合同合法有效。" * (AUTO_MAX_CHARS // 17 + 1)
    small = project.documents.add_text("短", "审理查明。\n" + repeated).documents_added[0].id
    huge = project.documents.add_text("长", filler + "\n" + repeated).documents_added[0].id
    layer = window.features.suggestion_layer

    window.open_document(small)
    qtbot.waitUntil(lambda: bool(layer.suggestions) and not layer.busy, timeout=30000)

    window.open_document(huge)
    assert layer.suggestions == [] and not layer.busy
    qtbot.waitUntil(lambda: "Suggest tags in documents" in window.statusBar().currentMessage(), timeout=2000)
