"""Opening a long document reads the tags in view first and the rest page by page between paints: whatever
the user does before the last page is in (tag, delete, undo, click a tag, scroll, open another document),
nothing is lost or shown twice, and once idle the tag list, the view, the overview strip and the counts
hold every tag."""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import QSettings

from annotator.services import Project
from annotator.ui.common.document_view import DocumentView
from annotator.ui.main_window.tag_fill import TagFill

PARAGRAPH = "本院认为，被告未经许可抓取𠮷平台数据，其行为违反商业道德，构成不正当竞争。\n"
TEXT = PARAGRAPH * 1500  # about 60,000 code points, one outside the BMP in every paragraph
TAGS = 360


@pytest.fixture
def long_project(tmp_path):
    p = Project.create(tmp_path / "fill.sqlite")
    p.documents.add_text("短文", "本院认为，数据携带权不能对抗平台的竞争权益。")
    doc = p.documents.add_text("长文", TEXT).documents_added[0]
    me = p.annotators.ensure("测试员")
    cats = [c.id for c in p.codebook.list()][:4]
    rng = random.Random(18)
    for _ in range(TAGS):
        start = rng.randrange(len(TEXT) - 30)
        p.annotations.add(doc.id, start, start + rng.randint(2, 30), rng.choice(cats), me.id)
    p.doc_id = doc.id  # type: ignore[attr-defined]
    yield p


@pytest.fixture
def paged(monkeypatch):
    """Small pages, so that a few hundred tags take many turns of the event loop."""
    monkeypatch.setattr(TagFill, "FIRST", 20)
    monkeypatch.setattr(TagFill, "PAGE", 40)


def _open(open_window, project, tmp_path):
    settings = QSettings(str(tmp_path / "fill.ini"), QSettings.Format.IniFormat)
    settings.setValue(f"document/{project.uuid}", project.doc_id)
    w = open_window(project, "测试员", settings, wait=False)
    assert w.document_id == project.doc_id
    return w


def _stored(project) -> list[tuple[int, int, int]]:
    c = project.annotations.columns(project.doc_id)
    return list(zip(c.starts, c.ends, c.ids, strict=True))


def _shown(w) -> tuple[list[tuple[int, int, int]], list[tuple[int, int, int]]]:
    """(the tag list's rows, the view's spans) as (start, end, id), without waiting for the fill."""
    c = w.ann_model.shown_columns
    return list(zip(c.starts, c.ends, c.ids, strict=True)), list(w.view.spans)


def _wait_filled(qtbot, w) -> None:
    qtbot.waitUntil(lambda: not w.tag_fill.pending, timeout=10_000)


def test_the_screenful_first_then_everything_when_idle(qtbot, open_window, long_project, tmp_path, paged):
    w = _open(open_window, long_project, tmp_path)
    stored = _stored(long_project)
    assert w.tag_fill.pending
    rows, spans = _shown(w)
    assert rows == spans and len(rows) < len(stored)  # not all read yet
    a, b = w.view.visible_range()
    in_view = [t for t in stored if t[0] < b and t[1] > a]
    assert in_view and set(in_view) <= set(spans)  # every tag on screen is painted at once

    finished = []
    w.tag_fill.finished.connect(finished.append)
    _wait_filled(qtbot, w)
    assert finished == [long_project.doc_id]
    rows, spans = _shown(w)
    assert rows == spans == stored  # all, in order, none twice
    assert w.ann_model.rowCount() == TAGS
    # The overview strip shows what a view given every tag at once shows.
    fresh = DocumentView()
    qtbot.addWidget(fresh)
    fresh.resize(w.view.size())
    c = long_project.annotations.columns(long_project.doc_id)
    fresh.set_document_columns(
        TEXT, c.starts, c.ends, c.ids, w._palette_indexes(c.category_ids), w.view.palette_names()[:-1]
    )
    fresh.overview.resize(w.view.overview.size())
    assert w.view.overview.tick_rows() == fresh.overview.tick_rows()
    # The codebook counts every tag, not the first pages.
    counted = {cid: list(c.category_ids).count(cid) for cid in set(c.category_ids)}
    assert w.ann_model.category_counts() == counted
    assert f"{TAGS} tags" in w.statusBar().currentMessage()
    w.close()


def test_tagging_deleting_and_undoing_before_the_fill_ends(qtbot, open_window, long_project, tmp_path, paged):
    w = _open(open_window, long_project, tmp_path)
    assert w.tag_fill.pending
    cat = next(iter(w._categories))
    # A tag made far below what was read so far (a passage found by search, say).
    start = len(TEXT) - 200
    w.view.select_range(start, start + 6)
    changes = w.tag_selection(cat)
    assert changes is not None
    added = changes.annotations_added[0]
    assert not w.tag_fill.pending  # the edit read the rest first
    assert w.active_annotation == added.id
    # A tag of the first screenful deleted, then the deletion undone.
    first = w.ann_model.shown_columns.ids[0]
    w.select_annotation(first)
    w.delete_active()
    assert w.ann_model.row_of(first) < 0 and first not in w.view.spans
    w.undo_stack.undo()
    qtbot.wait(50)  # any page still queued would come now
    rows, spans = _shown(w)
    assert rows == spans == _stored(long_project)
    assert len(rows) == TAGS + 1 and len({r[2] for r in rows}) == TAGS + 1
    assert added.id in w.view.spans and first in w.view.spans
    w.close()


def test_a_memo_written_before_the_fill_ends_is_kept(qtbot, open_window, long_project, tmp_path, paged):
    w = _open(open_window, long_project, tmp_path)
    first = w.ann_model.shown_columns.ids[0]
    w.select_annotation(first)
    assert w.tag_fill.pending and w.active_annotation == first
    w.memo_edit.setPlainText("先看这一处")
    w.save_memo()
    _wait_filled(qtbot, w)
    assert long_project.annotations.get(first).memo == "先看这一处"
    assert _shown(w)[0] == _stored(long_project)
    w.close()


def test_choosing_a_tag_not_read_yet(qtbot, open_window, long_project, tmp_path, paged):
    w = _open(open_window, long_project, tmp_path)
    last = _stored(long_project)[-1]
    assert w.tag_fill.pending and last[2] not in w.view.spans
    w.select_annotation(last[2])  # e.g. from the search panel or the review dock
    assert w.active_annotation == last[2]
    assert w.ann_model.rows[w.ann_model.row_of(last[2])].id == last[2]
    assert w.view.reveal_span(last[2])
    assert _shown(w)[0] == _shown(w)[1] == _stored(long_project)
    w.close()


def test_scrolling_ahead_of_the_fill_shows_the_tags_there(qtbot, open_window, long_project, tmp_path, paged):
    w = _open(open_window, long_project, tmp_path)
    assert w.tag_fill.pending
    bar = w.view.verticalScrollBar()
    bar.setValue(bar.maximum() * 3 // 4)
    a, b = w.view.visible_range()
    spans = set(w.view.spans)
    assert {t for t in _stored(long_project) if t[0] < b and t[1] > a} <= spans
    _wait_filled(qtbot, w)
    assert _shown(w)[0] == _stored(long_project)
    w.close()


def test_another_document_before_the_fill_ends(qtbot, open_window, long_project, tmp_path, paged):
    w = _open(open_window, long_project, tmp_path)
    assert w.tag_fill.pending
    short = next(d.id for d in long_project.documents.list() if d.id != long_project.doc_id)
    me = w.annotator.id
    cat = next(iter(w._categories))
    long_project.annotations.add(short, 0, 4, cat, me)
    w.open_document(short)
    qtbot.wait(100)  # pages of the long document must not arrive in the short one
    assert not w.tag_fill.pending
    rows, spans = _shown(w)
    assert rows == spans and len(rows) == 1 and rows[0][:2] == (0, 4)
    # And back: the long document fills again, completely.
    w.open_document(long_project.doc_id)
    _wait_filled(qtbot, w)
    assert _shown(w)[0] == _shown(w)[1] == _stored(long_project)
    w.close()


def test_a_short_document_is_read_at_once(qtbot, open_window, long_project, tmp_path):
    w = _open(open_window, long_project, tmp_path)  # pages of the usual size: 360 tags fit the first read
    assert not w.tag_fill.pending
    assert _shown(w)[0] == _stored(long_project)
    w.close()
