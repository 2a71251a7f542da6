"""The Review menu as a user meets it: merge with preview, layers, colours, comparison, report."""

from __future__ import annotations

import pytest

from annotator.services import Project  # noqa: E402

TEXT = "𠮷某诉称：被告擅自抓取用户数据，构成不正当竞争。本院认为，平台对数据资源享有竞争性权益。"


def _tag(p, doc, quote, category, who):
    s = TEXT.index(quote)
    return p.annotations.add(
        doc.id, s, s + len(quote), p.codebook.find(category).id, who.id
    ).annotations_added[0]


@pytest.fixture
def two_projects(tmp_path):
    theirs = tmp_path / "li.sqlite"
    p = Project.create(theirs)
    doc = p.documents.add_text("数据抓取案", TEXT).documents_added[0]
    li = p.annotators.ensure("李四")
    _tag(p, doc, "擅自抓取用户数据", "用户数据权益", li)
    _tag(p, doc, "平台对数据资源", "平台数据资源竞争权益", li)
    p.close()
    mine = Project.create(tmp_path / "zhang.sqlite")
    doc = mine.documents.add_text("数据抓取案", TEXT).documents_added[0]
    me = mine.annotators.ensure("测试员")
    _tag(mine, doc, "擅自抓取用户数据", "用户数据权益", me)
    _tag(mine, doc, "构成不正当竞争", "破坏性利用", me)
    return mine, theirs


@pytest.fixture
def review_window(open_window, two_projects):
    project, theirs = two_projects
    w = open_window(project, "测试员")
    w.open_document(project.documents.list()[0].id)
    yield w, theirs
    w.close()
    project.close()


def _merge(window, path):
    from annotator.ui.review.merge import MergeDialog

    dialog = MergeDialog(window, str(path))
    assert dialog.load()
    dialog.accept()
    window.record(dialog.changes)
    return dialog


def test_merge_dialog_previews_then_merges_undoably(review_window):
    window, theirs = review_window
    assert "reviewMenu" in [
        m.objectName() for m in window.menuBar().findChildren(type(window.menus["review"]))
    ]
    from annotator.ui.review.merge import MergeDialog

    dialog = MergeDialog(window, str(theirs))
    assert dialog.load()
    assert "2 new tags by 李四" in dialog.summary.text()
    assert dialog.mapping.rowCount() == 2  # the file's categories its tags use, each mapped here
    assert len(window.view.spans) == 2  # nothing written yet
    dialog.accept()
    window.record(dialog.changes)
    assert len(window.view.spans) == 4
    window.undo_stack.undo()
    assert len(window.view.spans) == 2
    window.undo_stack.redo()
    assert len(window.view.spans) == 4


def test_layers_hide_an_annotator_and_colour_by_annotator(review_window):
    window, theirs = review_window
    _merge(window, theirs)
    layers = window.features.review_layers
    li = next(a for a in window.project.annotators.list() if a.name == "李四")
    layers.set_visible(li.id, False)
    shown = {a.annotator_id for a in window.project.annotations.list() if a.id in window.view.spans}
    assert shown == {window.annotator.id}
    layers.set_visible(li.id, True)
    assert len(window.view.spans) == 4
    layers.set_color_mode("annotator")
    colours = {a.annotator_id: window.view.span_colors[a.id] for a in window.project.annotations.list()}
    assert colours[li.id] != colours[window.annotator.id]
    # A new tag of a hidden annotator does not appear; the user's own do.
    layers.show_only([window.annotator.id])
    window.view.select_range(TEXT.index("本院"), TEXT.index("本院") + 4)
    changes = window.tag_selection(window.project.codebook.find("破坏性利用").id)
    assert changes.annotations_added[0].id in window.view.spans
    assert not any(a.id in window.view.spans for a in window.project.annotations.list(annotator_ids=[li.id]))


def test_compare_dock_lists_differences_and_steps_through_them(review_window):
    window, theirs = review_window
    _merge(window, theirs)
    li = next(a for a in window.project.annotators.list() if a.name == "李四")
    dock = window.features.compare_dock
    dock.open()
    dock.panel.choose(window.annotator.id, li.id)
    kinds = [d.kind for d in dock.panel.items]
    assert kinds == ["agree", "only_a", "only_b"]
    window.features.review_next.trigger()
    row = dock.panel.table.currentRow()
    assert dock.panel.items[row].kind == "only_a"
    # The passage is selected in the text (code points, with 𠮷 before it).
    assert window.view.selected_range() == (TEXT.index("构成"), TEXT.index("构成") + len("构成不正当竞争"))
    window.features.review_next.trigger()
    assert dock.panel.items[dock.panel.table.currentRow()].kind == "only_b"
    window.features.review_previous.trigger()
    assert dock.panel.items[dock.panel.table.currentRow()].kind == "only_a"


def test_report_dialog_shows_categories_documents_confusion_and_exports(review_window, tmp_path):
    window, theirs = review_window
    _merge(window, theirs)
    from annotator.ui.review.report import report_dialog

    dialog = report_dialog(window)
    dialog.compute()
    table = dialog.categories
    names = [table.item(r, 0).text() for r in range(table.rowCount())]
    assert "用户数据权益" in names and names[-1] == dialog.tr("(overall)")
    row = names.index("用户数据权益")
    assert table.item(row, 2).text() == "1.000"  # α: both tagged exactly the same passage
    assert dialog.documents.rowCount() == 1
    assert dialog.confusion.rowCount() > 0
    out = tmp_path / "report.csv"
    dialog.export(str(out))
    assert "用户数据权益" in out.read_text(encoding="utf-8-sig")
    dialog.close()


def test_review_shortcuts_clash_with_no_other_action(review_window):
    from PySide6.QtGui import QAction

    window, _ = review_window
    owners: dict[str, list[str]] = {}
    for act in window.findChildren(QAction):
        for key in act.shortcuts():
            owners.setdefault(key.toString(), []).append(act.text())
    review = [a for a in window.menus["review"].actions() if not a.shortcut().isEmpty()]
    assert len(review) >= 5
    for act in review:
        assert owners[act.shortcut().toString()] == [act.text()]


def test_adjudicate_from_the_compare_dock(review_window):
    window, theirs = review_window
    _merge(window, theirs)
    li = next(a for a in window.project.annotators.list() if a.name == "李四")
    panel = window.features.compare_dock.panel
    window.features.compare_dock.open()
    panel.choose(window.annotator.id, li.id)
    panel.accept_agreements()
    agreed = window.project.review.agreed_annotator()
    assert [a.text for a in window.project.annotations.list(annotator_ids=[agreed.id])] == [
        "擅自抓取用户数据"
    ]
    assert panel.settled[0]  # the agreement row is marked settled
    window.features.review_next.trigger()
    assert panel.current().kind == "only_a"
    panel.decision_buttons["reject"].click()
    assert panel.settled[[d.kind for d in panel.items].index("only_a")]
    assert panel.current().kind == "only_b"  # moved on to the next unsettled disagreement
    panel.decision_buttons["accept_b"].click()
    texts = sorted(a.text for a in window.project.annotations.list(annotator_ids=[agreed.id]))
    assert texts == ["平台对数据资源", "擅自抓取用户数据"]
    window.undo_stack.undo()
    assert len(window.project.annotations.list(annotator_ids=[agreed.id])) == 1


def test_report_leaves_the_agreed_layer_unticked(review_window):
    window, theirs = review_window
    _merge(window, theirs)
    li = next(a for a in window.project.annotators.list() if a.name == "李四")
    window.project.review.accept_agreements(window.annotator.id, li.id, decided_by=window.annotator.id)
    from annotator.ui.review.report import report_dialog

    dialog = report_dialog(window)
    assert sorted(dialog.chosen()) == sorted([window.annotator.id, li.id])
    dialog.close()
