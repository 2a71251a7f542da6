"""Opening from columns: the view and the tag list take a document's tags as integer columns, show the same
as from objects, and read full records only for the rows on screen."""

from __future__ import annotations

import random
from array import array
from dataclasses import replace

import pytest
from PySide6.QtGui import QImage

from annotator.core.model import Annotation
from annotator.core.span_table import TagColumns
from annotator.ui.common.document_view import DocumentView
from annotator.ui.main_window.models import AnnotationTableModel

COLOURS = ["#e53935", "#1e88e5", "#43a047"]
TEXT = "本院认为，被告未经许可抓取𠮷平台数据，构成不正当竞争。\n" * 300


def seeded_spans(n: int = 900) -> list[tuple[int, int, int, int]]:
    rng = random.Random(18)
    out = []
    for key in range(1, n + 1):
        start = rng.randrange(len(TEXT) - 40)
        out.append((start, start + rng.randint(1, 40), key * 7, rng.randrange(len(COLOURS))))
    return sorted(out)


@pytest.fixture
def views(qtbot):
    made = []
    for _ in range(2):
        view = DocumentView()
        qtbot.addWidget(view)
        view.resize(600, 400)
        view.show()
        qtbot.waitExposed(view)
        made.append(view)
    return made


def grab(view: DocumentView) -> QImage:
    view.viewport().repaint()
    return view.viewport().grab().toImage()


def test_columns_show_what_objects_show(qtbot, views) -> None:
    spans = seeded_spans()
    by_objects, by_columns = views
    by_objects.set_document(
        TEXT, [(s, e, k) for s, e, k, _c in spans], {k: COLOURS[c] for _s, _e, k, c in spans}
    )
    by_columns.set_document_columns(
        TEXT,
        array("q", [s for s, *_ in spans]),
        [e for _s, e, *_ in spans],
        [k for _s, _e, k, _c in spans],
        [c for *_, c in spans],
        COLOURS,
    )
    assert list(by_columns.spans) == list(by_objects.spans) == [(s, e, k) for s, e, k, _c in spans]
    assert dict(by_columns.span_colors) == dict(by_objects.span_colors)
    for view in views:
        view.setCursorWidth(0)  # no caret: it blinks, and only the focused view would show it
        view.reveal_position(len(TEXT) // 2)
    qtbot.wait(20)
    assert by_columns.verticalScrollBar().value() == by_objects.verticalScrollBar().value()
    assert grab(by_columns) == grab(by_objects)
    strip = by_columns.overview
    strip.repaint()
    scale = (strip.height() - 2) / len(TEXT)
    expected = sorted({(int(s * scale), COLOURS[c]) for s, _e, _k, c in spans})
    assert [(row, colour.name()) for row, colour in strip.tick_rows()] == expected
    assert by_objects.overview.tick_rows() == strip.tick_rows()


def test_edits_on_a_view_opened_from_columns(qtbot, views) -> None:
    view = views[0]
    spans = seeded_spans(50)
    view.set_document_columns(
        TEXT,
        [s for s, *_ in spans],
        [e for _s, e, *_ in spans],
        [k for _s, _e, k, _c in spans],
        [c for *_, c in spans],
        COLOURS,
    )
    key = spans[10][2]
    view.add_span(key, 5, 9)  # moved, colour kept
    assert view.spans.get(key) == (5, 9, key) and view.span_colors[key] == COLOURS[spans[10][3]]
    view.set_span_color(key, "#123456")
    assert view.span_colors[key] == "#123456"
    view.add_span(99_999, 20, 30, "#abcdef")
    assert view.span_colors[99_999] == "#abcdef" and 99_999 in view.spans
    assert view.remove_span(key) and key not in view.spans and key not in view.span_colors
    strip = view.overview
    strip.repaint()
    scale = (strip.height() - 2) / len(TEXT)
    live = {k: (s, view.span_colors[k]) for s, _e, k in view.spans}
    assert [(r, c.name()) for r, c in strip.tick_rows()] == sorted(
        {(int(s * scale), c) for s, c in live.values()}
    )


def test_bad_columns_leave_the_view_as_it_was(views) -> None:
    view = views[0]
    view.set_document("甲乙丙丁", [(0, 2, 1)], {1: "#e53935"})
    with pytest.raises(ValueError, match="palette"):
        view.set_document_columns("新的文本", [0], [2], [5], [3], COLOURS)
    with pytest.raises(ValueError, match="empty or reversed"):
        view.set_document_columns("新的文本", [2], [2], [5], [0], COLOURS)
    assert view.text == "甲乙丙丁" and list(view.spans) == [(0, 2, 1)]


def _records(n: int) -> list[Annotation]:
    return [
        Annotation(
            id=i,
            uuid=f"u{i}",
            document_id=1,
            annotator_id=1 + i % 2,
            category_id=10 + i % 3,
            start=i * 3,
            end=i * 3 + 2,
            text=f"段落{i}",
            memo="备注" if i % 5 == 0 else "",
        )
        for i in range(1, n + 1)
    ]


def test_tag_list_reads_records_only_for_rows_asked_for(qtbot) -> None:
    records = {a.id: a for a in _records(5000)}
    asked: list[list[int] | None] = []

    def fetch(ids):
        asked.append(ids)
        return [records[i] for i in ids] if ids is not None else list(records.values())

    model = AnnotationTableModel()
    ordered = sorted(records.values(), key=lambda a: (a.start, a.end, a.id))
    model.set_columns(
        TagColumns.from_rows([(a.start, a.end, a.id, a.category_id, a.annotator_id) for a in ordered]), fetch
    )
    assert model.rowCount() == 5000 and asked == []
    assert model.rows[2500] == ordered[2500]
    assert len(asked) == 1 and 0 < len(asked[0]) <= model.PAGE and ordered[2500].id in asked[0]
    assert model.data(model.index(2501, 0)) == ordered[2501].text and len(asked) == 1  # same page
    assert model.row_of(ordered[4000].id) == 4000 and len(asked) == 1  # from the columns, no record read
    # Edits keep the (start, end, id) order, and the records they bring are used as they are.
    new = Annotation(
        id=9001, uuid="n", document_id=1, annotator_id=1, category_id=10, start=7, end=8, text="新"
    )
    row = model.add(new)
    assert model.rows[row] is new and model.row_of(9001) == row
    moved = replace(new, start=20_000, end=20_001)  # past every other tag: the last row
    model.update(moved)
    assert model.rows[len(model.rows) - 1] is moved
    model.remove(ordered[0].id)
    assert model.row_of(ordered[0].id) == -1 and model.rowCount() == 5000
    listed = list(model.rows)  # iteration reads what is missing in one go, not page by page
    assert [(a.start, a.end, a.id) for a in listed] == sorted((a.start, a.end, a.id) for a in listed)
    assert asked[-1] is None and len(listed) == 5000
    assert len(model._records) <= model.KEEP


def test_window_opens_a_document_without_reading_every_record(
    qtbot, window, gui_project, monkeypatch
) -> None:
    from tests.ui.conftest import JUDGMENT

    doc = gui_project.documents.list()[0]
    me = gui_project.annotators.ensure("甲").id
    cats = [c.id for c in gui_project.codebook.list()][:3]
    for i in range(300):
        start = (i * 7) % (len(JUDGMENT) - 6)
        gui_project.annotations.add(doc.id, start, start + 1 + i % 5, cats[i % 3], me)
    window.open_document(gui_project.documents.list()[1].id)
    listed: list[object] = []
    every = gui_project.annotations.list
    monkeypatch.setattr(
        gui_project.annotations, "list", lambda *a, **k: listed.append(a or k) or every(*a, **k)
    )
    window.open_document(doc.id)
    qtbot.wait(20)
    assert listed == [], "opening read every tag's record"
    assert window.ann_model.rowCount() == 300 and len(window.view.spans) == 300
    first = min(every(document_ids=[doc.id]), key=lambda a: (a.start, a.end, a.id))
    assert window.ann_model.data(window.ann_model.index(0, 0)) == first.text
    colours = {c.id: c.color for c in gui_project.codebook.list()}
    assert window.view.span_colors[first.id] == colours[first.category_id]
