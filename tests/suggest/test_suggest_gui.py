"""The researcher's path: tag ten passages of real judgments by keyboard, see suggestions appear as
dashed outlines, step through them with Tab, accept with Enter and reject with Backspace, and the
suggestions get measurably better."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor

from tests.suggest.conftest import reasoning_sentences


@pytest.fixture
def gui(qtbot, judgments, tmp_path):
    from PySide6.QtCore import QSettings

    from annotator.ui.main_window import MainWindow

    project, docs = judgments
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    w = MainWindow(project, "研究者", settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
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
    layer = window.suggestion_layer
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
    border = [image.pixelColor(QPoint(int(x), int(rect.top()) + 1)) for x in range(int(rect.left()) + 2,
                                                                                     int(rect.right()) - 2)]
    outline = QColor(category.color).darker(120)
    assert any(abs(c.red() - outline.red()) + abs(c.green() - outline.green()) + abs(c.blue() - outline.blue()) < 60
               for c in border), "no dashed outline in the category's colour"
    assert "0." in layer.tooltip(first) or "1.00" in layer.tooltip(first)
    assert layer.suggestion_at(view.position_at(QPointF(rect.center()))) is not None

    # Tab, then Enter on the right ones and Backspace on the wrong ones; in the second document with
    # "learn fastest", which also shows the less certain ones, most uncertain first.
    accepted = rejected = 0
    for doc_id, _text, _t in docs[4:6]:
        if doc_id == docs[5][0]:
            window.suggestion_actions["fastest"].trigger()
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
                assert any((a.start, a.end, a.category_id) == (s.start, s.end, s.category_id)
                           for a in project.annotations.list(document_ids=[doc_id]))
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
    assert len(project.annotations.list()) in (count - 1, count)  # the last decision may have been a rejection
    qtbot.keyClick(view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)

    # Measurably better on judgments nobody has looked at.
    after = _separation(project, me, held_out, truth, category.id)
    assert after > before + 0.02, (before, after)
