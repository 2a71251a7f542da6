"""The statistics dialog: counts as bars, co-occurrence, statutes, CSV of the current table."""

from __future__ import annotations

import csv

from PySide6.QtCore import Qt

from annotator.ui.corpus.statistics import BAR_ROLE


def test_statistics_dialog_counts_and_saves_csv(window, gui_project, tmp_path):
    doc = gui_project.documents.list()[0]
    text = gui_project.documents.get(doc.id).text
    me = gui_project.annotators.ensure("测试员")
    ethics = gui_project.codebook.find("商业道德")
    legal = gui_project.codebook.find("法律依据")
    s = text.index("违反商业道德")
    gui_project.annotations.add(doc.id, s, s + 6, ethics.id, me.id)
    gui_project.annotations.add(doc.id, s + 2, s + 6, legal.id, me.id)
    gui_project.annotations.add(doc.id, 0, 4, legal.id, me.id)
    act = [a for a in window.actions() if a.objectName() == "actionStatistics"][0]
    assert act.shortcut().toString() == "Ctrl+Alt+S"
    act.trigger()
    dialog = window.features.statistics_dialog
    tabs = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    assert tabs == [
        "Categories",
        "Documents",
        "Courts",
        "Years",
        "Co-occurrence",
        "Statutes",
        "Categories × statutes",
    ]
    table = dialog.tabs.widget(0)
    rows = {table.item(r, 0).text(): table.item(r, 1) for r in range(table.rowCount())}
    assert rows["法律依据"].data(Qt.ItemDataRole.UserRole) == 2 and rows["法律依据"].data(BAR_ROLE) == 1.0
    assert rows["商业道德"].data(BAR_ROLE) == 0.5
    co = dialog.tabs.widget(4)
    assert (co.item(0, 0).text(), co.item(0, 1).text(), co.item(0, 2).data(Qt.ItemDataRole.UserRole)) == (
        "商业道德",
        "法律依据",
        1,
    )
    years = dialog.tabs.widget(3)
    assert years.item(0, 0).text() == "2021"
    dialog.tabs.setCurrentIndex(0)
    out = dialog.save_csv(str(tmp_path / "cats.csv"))
    with open(out, encoding="utf-8-sig") as fh:
        saved = list(csv.reader(fh))
    assert saved[0] == ["Category", "Tags"] and ["法律依据", "2"] in saved
    png = dialog.save_image(str(tmp_path / "cats.png"))
    assert open(png, "rb").read(8) == b"\x89PNG\r\n\x1a\n"
    svg = dialog.save_image(str(tmp_path / "cats.svg"))
    assert "<svg" in open(svg, encoding="utf-8").read()
    assert dialog.show_words(top=5) > 0
    words = dialog.tabs.currentWidget()
    assert dialog.tabs.tabText(dialog.tabs.currentIndex()) == "Characteristic words"
    found = {(words.item(r, 0).text(), words.item(r, 2).text()) for r in range(words.rowCount())}
    assert ("商业道德", "商业道德") in found
    dialog.close()
