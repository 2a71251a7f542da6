"""The coded-segments dialog: passages of a category with its children, filtered by section, opened at
the passage, exported through the format registry."""

from __future__ import annotations

import csv


def test_segments_dialog_lists_filters_opens_and_exports(window, gui_project, tmp_path):
    me = gui_project.annotators.ensure("测试员")
    first, second = gui_project.documents.list()
    text = gui_project.documents.get(first.id).text
    parent = gui_project.codebook.find("平台数据资源竞争权益")
    child = gui_project.codebook.find("破坏性利用")
    s = text.index("擅自抓取数据")
    gui_project.annotations.add(first.id, s, s + 6, child.id, me.id)
    gui_project.annotations.add(first.id, 0, 4, parent.id, me.id)
    other = gui_project.codebook.find("商业道德")
    gui_project.annotations.add(second.id, 0, 4, other.id, me.id)

    act = [a for a in window.actions() if a.objectName() == "actionCodedSegments"][0]
    act.trigger()
    dialog = window.features.segments_dialog
    dialog.category.setCurrentIndex(dialog.category.findData(parent.id))
    segments = dialog.refresh()
    assert [(x.category, x.text) for x in segments] == [
        ("平台数据资源竞争权益", text[:4]),
        ("破坏性利用", "擅自抓取数据"),
    ]
    assert dialog.status.text() == "2 passages in 1 documents"
    dialog.section.setCurrentIndex(dialog.section.findData("reasoning"))
    assert [x.text for x in dialog.refresh()] == ["擅自抓取数据"]

    window.open_document(second.id)
    dialog.open_segment(dialog.table.model().index(0, 0))
    assert window.document_id == first.id and window.view.selected_range() == (s, s + 6)

    dialog.format.setCurrentIndex(dialog.format.findData("csv"))
    out = tmp_path / "segments.csv"
    assert dialog.export(str(out)) == 1
    with out.open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["passage"] for r in rows] == ["擅自抓取数据"]
    dialog.close()
