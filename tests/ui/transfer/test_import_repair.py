"""The import dialog shows the stray line breaks it will join and lets the user keep any of them."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialogButtonBox


def test_user_keeps_one_break_and_the_rest_are_joined(qtbot, gui_project, seed_article, tmp_path):
    from annotator.ui.transfer.import_dialog import ImportDialog

    path = tmp_path / "article.txt"
    path.write_text(seed_article, encoding="utf-8")
    dialog = ImportDialog(gui_project, None, paths=[str(path)])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.reflow.isChecked()  # repair is on by default
    rows = [dialog.preview.item(i) for i in range(dialog.preview.count())]
    assert len(rows) == 7 and all(r.checkState() == Qt.CheckState.Checked for r in rows)
    assert rows[0].text() == "量人力、物力，经过长⏎期经营积累聚集而成的"
    assert "7 broken line" in dialog.summary.text()
    # the user clicks the first row's check box: that break is kept
    rect = dialog.preview.visualItemRect(rows[0])
    qtbot.mouseClick(
        dialog.preview.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.left() + 10, rect.center().y())
    )
    assert rows[0].checkState() == Qt.CheckState.Unchecked
    button = next(b for b in dialog.findChildren(QDialogButtonBox)[0].buttons() if b.text() == "Import")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    [doc] = dialog.changes.documents_added
    text = gui_project.documents.get(doc.id).text
    assert "经过长\n\n期经营" in text  # kept
    assert "应当有权请求" in text and "生态的底线" in text  # joined
    delivered, record = gui_project.documents.delivered(doc.id)
    assert delivered == seed_article and record.map.names == ["reflow"]


def test_repair_off_joins_nothing(qtbot, gui_project, seed_article, tmp_path):
    from annotator.ui.transfer.import_dialog import ImportDialog

    path = tmp_path / "article.txt"
    path.write_text(seed_article, encoding="utf-8")
    dialog = ImportDialog(gui_project, None, paths=[str(path)])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.reflow, Qt.MouseButton.LeftButton)
    assert not dialog.reflow.isChecked()
    assert all(
        dialog.preview.item(i).checkState() == Qt.CheckState.Unchecked for i in range(dialog.preview.count())
    )
    dialog._import()
    [doc] = dialog.changes.documents_added
    assert gui_project.documents.get(doc.id).text == seed_article


def test_user_restores_the_line_breaks_after_import(qtbot, window, gui_project, seed_article, tmp_path):
    from PySide6.QtGui import QAction

    path = tmp_path / "article.txt"
    path.write_text(seed_article, encoding="utf-8")
    changes = gui_project.documents.import_files([path])
    window.apply_changes(changes)
    doc_id = changes.documents_added[0].id
    window.open_document(doc_id)
    restore = window.findChild(QAction, "actionRestoreLineBreaks")
    paragraphs = window.findChild(QAction, "actionRemoveParagraphBreaks")
    assert restore.isEnabled() and not paragraphs.isEnabled()  # the article was repaired, not paragraphed
    assert "经过长期经营" in window.view.text
    restore.trigger()
    assert "经过长\n\n期经营" in window.view.text and window.view.text == seed_article
    assert not restore.isEnabled() or window.document_id != doc_id
    window.open_document(doc_id)
    assert not restore.isEnabled()
