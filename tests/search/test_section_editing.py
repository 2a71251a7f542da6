"""The user corrects the detected structure: marking a passage as a section, undo and redo."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextCursor

from annotator.cli import main
from annotator.core.errors import InputError, OffsetError
from annotator.services.structure import with_section

JUDGMENT = (
    "明川市云湖区人民法院\n民事判决书\n（2023）浙0196民初88号\n原告：王𠮷。\n被告：某某科技有限公司。\n"
    "原告诉称，被告抓取其平台数据。\n经审理查明，被告使用爬虫抓取点评。\n"
    "本院认为，被告的行为违反商业道德，构成不正当竞争。\n判决如下：被告赔偿原告十万元。\n审判员　李某\n"
)


def test_marking_trims_and_splits_neighbouring_sections():
    sections = [("facts", 0, 10), ("reasoning", 10, 20), ("decision", 20, 30)]
    assert with_section(sections, "claims", 5, 12) == [
        ("facts", 0, 5),
        ("claims", 5, 12),
        ("reasoning", 12, 20),
        ("decision", 20, 30),
    ]
    assert with_section(sections, "claims", 12, 15) == [
        ("facts", 0, 10),
        ("reasoning", 10, 12),
        ("claims", 12, 15),
        ("reasoning", 15, 20),
        ("decision", 20, 30),
    ]
    assert with_section(sections, "closing", 0, 30) == [("closing", 0, 30)]


def test_set_section_is_one_undoable_action(project):
    doc = project.documents.add_text("判决", JUDGMENT).documents_added[0]
    found = project.structure.sections(doc.id)
    assert any(kind == "reasoning" for kind, _s, _e in found)
    start = JUDGMENT.index("原告诉称")
    end = JUDGMENT.index("经审理查明")
    changes = project.structure.set_section(doc.id, "claims", start, end)
    assert ("claims", start, end) in project.structure.sections(doc.id)
    undo = project.revert(changes)
    assert project.structure.sections(doc.id) == found
    project.revert(undo)
    assert ("claims", start, end) in project.structure.sections(doc.id)
    with pytest.raises(InputError, match="unknown section kind"):
        project.structure.set_section(doc.id, "preface", 0, 3)
    with pytest.raises(OffsetError):
        project.structure.set_section(doc.id, "facts", 5, 5000)


def test_section_from_the_cli(tmp_path, capsys):
    path = tmp_path / "p.sqlite"
    src = tmp_path / "判决.txt"
    src.write_text(JUDGMENT, encoding="utf-8")
    main(["init", str(path)])
    main(["import", str(path), str(src)])
    capsys.readouterr()
    start = JUDGMENT.index("本院认为")
    assert main(["section", str(path), "1", "reasoning", str(start), str(start + 10)]) == 0
    assert f"reasoning\t{start}\t{start + 10}" in capsys.readouterr().out
    assert main(["section", str(path), "1", "reasoning", "0", "99999"]) == 1


def test_mark_selection_as_section_in_the_window(open_window, tmp_path):
    from PySide6.QtGui import QAction

    from annotator.services import Project

    project = Project.create(tmp_path / "gui.sqlite")
    project.documents.add_text("判决", JUDGMENT)
    window = open_window(project, "测试员", name="settings.ini", show=False)
    text = window.view.toPlainText()
    start = text.index("经审理查明")
    end = text.index("本院认为")
    u16 = lambda cp: len(text[:cp].encode("utf-16-le")) // 2  # noqa: E731 (Qt counts UTF-16 units)
    cursor = window.view.textCursor()
    cursor.setPosition(u16(start))
    cursor.setPosition(u16(end), QTextCursor.MoveMode.KeepAnchor)
    window.view.setTextCursor(cursor)
    window.findChild(QAction, "actionMarkSection_facts").trigger()
    assert ("facts", start, end) in project.structure.sections(window.document_id)
    assert "事实" in window.undo_stack.undoText()  # names the section, in either language
    window.undo_stack.undo()
    assert ("facts", start, end) not in project.structure.sections(window.document_id)
    window.close()
