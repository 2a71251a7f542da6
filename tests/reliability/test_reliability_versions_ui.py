"""File → Import corrected version…: the window shows the new text with its tags re-anchored."""

from __future__ import annotations

from annotator.ui.transfer import corrected_text as versions


def test_importing_a_corrected_version_moves_tags_and_reports_doubtful_ones(window, tmp_path):
    text = window.view.text
    cat = window.project.codebook.list()[0].id
    who = window.annotator.id
    s1 = text.index("违反商业道德")
    s2 = text.index("未经用户同意")
    kept = window.project.annotations.add(window.document_id, s1, s1 + 6, cat, who).annotations_added[0]
    typo = window.project.annotations.add(window.document_id, s2, s2 + 6, cat, who).annotations_added[0]
    window.open_document(window.document_id)
    corrected = tmp_path / "更正版.txt"
    corrected.write_text("更正：\n" + text.replace("未经用户同意", "未经用戶同意"), encoding="utf-8")
    report = versions.import_corrected(window, corrected, show_report=False)
    assert window.view.text.startswith("更正：")
    assert {r.annotation_id: r.method for r in report} == {kept.id: "exact", typo.id: "fuzzy"}
    moved = window.project.annotations.get(kept.id)
    assert window.view.text[moved.start : moved.end] == "违反商业道德"
    assert kept.id in window.view.spans and typo.id in window.view.spans
    assert window.undo_stack.count() == 0
    dialog = versions.ReanchorReport(window, report, "summary")
    texts = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert any("similarity" in t for t in texts)
    assert "Import &corrected version of this document…" in [a.text() for a in window.menus["file"].actions()]


def test_flagged_tags_can_be_shown_and_marked_reviewed(window, tmp_path):
    text = window.view.text
    cat = window.project.codebook.list()[0].id
    s = text.index("未经用户同意")
    typo = window.project.annotations.add(window.document_id, s, s + 6, cat, window.annotator.id)
    typo_id = typo.annotations_added[0].id
    corrected = tmp_path / "更正版.txt"
    corrected.write_text(text.replace("未经用户同意", "未经用戶同意"), encoding="utf-8")
    versions.import_corrected(window, corrected, show_report=False)
    dialog = versions.FlaggedDialog(window)
    assert dialog.list.count() == 1 and "similarity" in dialog.list.item(0).text()
    dialog.show_current()
    assert window.active_annotation == typo_id
    dialog.mark_current()
    assert dialog.list.count() == 0
    assert window.project.versions.review(typo_id)[0] is None
