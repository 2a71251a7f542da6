"""After File → Import annotations… brings in new documents, the window indexes them for search in the
background, saying how many are left in the status bar; search finds them before that is done."""

from __future__ import annotations

import json

from PySide6.QtWidgets import QLabel

from annotator.ui.transfer import import_annotations


def _file(tmp_path, n=6):
    path = tmp_path / "新案.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            text = f"第{i}号。本院认为导入文书{i:03d}的事实清楚。" + "证据确实充分。" * 300
            record = {"text": text, "label": [[0, 3, "争议焦点"]], "title": f"新案{i}"}
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def test_imported_documents_are_indexed_in_the_background(window, qtbot, tmp_path):
    dialog = import_annotations.open_dialog(window, str(_file(tmp_path)))
    dialog.add_categories.setChecked(True)
    assert dialog.import_button.isEnabled()
    project = window.project
    label = window.statusBar().findChild(QLabel, "searchIndexingLabel")
    assert not label.isVisible()
    dialog.import_button.click()
    assert label.isVisible() and label.text() == "Indexing imported documents for search: 6 left"
    new = [d.id for d in project.documents.list() if d.title.startswith("新案")]
    assert len(new) == 6
    # Found by search at once, whether or not the index has them yet.
    assert {h.document_id for h in project.search.search("导入文书003").hits} == {new[3]}
    qtbot.waitUntil(lambda: project.search.pending_indexing() == 0, timeout=20000)
    qtbot.waitUntil(lambda: not label.isVisible(), timeout=5000)
    rows = project._db.execute_sql(
        "SELECT rowid FROM document_fts WHERE document_fts MATCH ?", ('"导入文书003"',)
    ).fetchall()
    assert [r[0] for r in rows] == [new[3]]


def test_documents_left_waiting_are_indexed_when_the_project_opens(open_window, gui_project, tmp_path, qtbot):
    # An import whose window was closed (or killed) before the index had taken its documents up.
    gui_project.imports.import_file(_file(tmp_path, n=3), annotator="甲", add_categories=True)
    assert gui_project.search.pending_indexing() == 3
    w = open_window(gui_project, "测试员")
    qtbot.waitUntil(lambda: gui_project.search.pending_indexing() == 0, timeout=20000)
    w.close()
