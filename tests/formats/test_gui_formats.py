"""The export dialog offers the new formats and writes them; File → Import annotations previews a file
and imports it as one undoable action."""

from __future__ import annotations

import json
import os
import zipfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from tests.formats.conftest import schema  # noqa: E402

TEXT = "原告𠮷某诉称：被告擅自抓取用户数据，构成不正当竞争。"


@pytest.fixture
def window(open_window, tagged):
    w = open_window(tagged, "测试员")
    yield w
    w.close()


def test_export_dialog_lists_new_formats_and_writes_qdpx(window, tmp_path):
    from annotator.ui.transfer.export_dialog import ExportDialog

    dialog = ExportDialog(window.project, window, annotator_id=window.annotator.id)
    offered = [dialog.format.itemData(i) for i in range(dialog.format.count())]
    for name in (
        "xlsx",
        "qdpx",
        "qdc",
        "jsonl",
        "brat",
        "conll",
        "labelstudio",
        "labelstudio-config",
        "xmi",
        "webanno",
        "w3c",
        "html",
    ):
        assert name in offered
    dialog.format.setCurrentIndex(dialog.format.findData("qdpx"))
    assert dialog.path.text().endswith(".qdpx")
    out = tmp_path / "from-dialog.qdpx"
    dialog.path.setText(str(out))
    dialog.run_export()
    assert dialog.written == 5
    from lxml import etree

    with zipfile.ZipFile(out) as z:
        root = etree.fromstring(z.read("project.qde"))
    xsd = schema("Project-mrt2019.xsd")
    assert xsd.validate(root), xsd.error_log


def test_import_annotations_menu_preview_and_undo(window, qtbot, tmp_path):
    from annotator.ui.transfer import import_annotations

    action = window.features.act_import_annotations
    assert action in window.menus["file"].actions()
    path = tmp_path / "doccano.jsonl"
    path.write_text(
        json.dumps(
            {
                "text": TEXT,
                "label": [[TEXT.index("擅自"), TEXT.index("擅自") + 8, "用户同意"], [0, 4, "共同侵权"]],
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    before = len(window.project.annotations.list())
    dialog = import_annotations.open_dialog(window, str(path))
    summary = dialog.summary.text()
    assert "1 tags to add" in summary and "1 new documents" in summary
    assert "共同侵权" in dialog.details.toPlainText()
    assert not dialog.import_button.isEnabled()  # an unknown category must be accepted first
    assert dialog.add_categories.isVisible()
    dialog.add_categories.setChecked(True)
    assert "2 tags to add" in dialog.summary.text() and dialog.import_button.isEnabled()
    dialog.import_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert len(window.project.annotations.list()) == before + 2
    assert any(c.name == "共同侵权" for c in window.project.codebook.list())
    window.undo_stack.undo()
    assert len(window.project.annotations.list()) == before
    window.undo_stack.redo()
    assert len(window.project.annotations.list()) == before + 2


def test_import_dialog_shows_what_is_wrong(window, tmp_path):
    from annotator.ui.transfer.import_annotations import ImportAnnotationsDialog

    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": 3}\n', encoding="utf-8")
    dialog = ImportAnnotationsDialog(window.project, "测试员", window)
    assert not dialog.load(str(bad))
    assert "bad.jsonl" in dialog.details.toPlainText() and not dialog.import_button.isEnabled()


def test_export_dialog_offers_words_for_conll_only(window, tmp_path):
    from annotator.ui.transfer.export_dialog import ExportDialog

    dialog = ExportDialog(window.project, window, annotator_id=window.annotator.id)
    dialog.format.setCurrentIndex(dialog.format.findData("csv"))
    assert dialog.words.isHidden()
    dialog.format.setCurrentIndex(dialog.format.findData("conll"))
    assert not dialog.words.isHidden()
    dialog.words.setChecked(True)
    out = tmp_path / "words.conll"
    dialog.path.setText(str(out))
    dialog.run_export()
    tokens = [line.split("\t")[0] for line in out.read_text(encoding="utf-8").splitlines() if "\t" in line]
    assert "擅自" in tokens and "抓取" in tokens


def test_export_dialog_chooses_document_categories_and_text(window, tmp_path):
    from PySide6.QtCore import Qt

    from annotator.ui.transfer.export_dialog import ExportDialog

    project = window.project
    first, second = project.documents.list()
    window.open_document(first.id)
    dialog = ExportDialog(project, window, annotator_id=window.annotator.id)
    dialog.format.setCurrentIndex(dialog.format.findData("json"))
    assert not dialog.full_text.isHidden()
    dialog.full_text.setChecked(False)
    dialog.only_document.setChecked(True)
    destructive = project.codebook.find("破坏性利用").id
    for i in range(dialog.categories.count()):
        item = dialog.categories.item(i)
        if item.data(Qt.ItemDataRole.UserRole) == destructive:
            item.setCheckState(Qt.CheckState.Unchecked)
    out = tmp_path / "chosen.json"
    dialog.path.setText(str(out))
    dialog.run_export()
    bundle = json.loads(out.read_text(encoding="utf-8"))
    assert [d["uuid"] for d in bundle["documents"]] == [first.uuid]
    assert all(d["text"] is None for d in bundle["documents"])
    names = {a["category_name"] for a in bundle["annotations"]}
    assert names and "破坏性利用" not in names
    assert len(bundle["annotations"]) == 2  # of the first document's four tags, two are 破坏性利用


def test_import_dialog_names_doccano_columns_and_skips_a_bad_record(window, qtbot, tmp_path):
    from PySide6.QtCore import Qt

    from annotator.ui.transfer.import_annotations import ImportAnnotationsDialog

    path = tmp_path / "custom.jsonl"
    s = TEXT.index("擅自")
    lines = [{"content": TEXT, "spans": [[s, s + 8, "用户数据权益"]]}, {"title": "没有正文", "spans": []}]
    path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
    dialog = ImportAnnotationsDialog(window.project, "测试员", window)
    dialog.show()
    assert not dialog.load(str(path))
    assert dialog.fields_row.isVisible() and "text field" in dialog.details.toPlainText()
    qtbot.keyClicks(dialog.text_field, "content")
    qtbot.keyClick(dialog.text_field, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.label_field, "spans")
    qtbot.keyClick(dialog.label_field, Qt.Key.Key_Return)
    assert "1 tags to add" in dialog.summary.text()
    assert "line 2" in dialog.details.toPlainText()  # the record without text, as a problem
    assert not dialog.import_button.isEnabled() and dialog.skip_bad.isVisible()
    qtbot.mouseClick(dialog.skip_bad, Qt.MouseButton.LeftButton)
    assert dialog.skip_bad.isChecked()
    assert dialog.import_button.isEnabled()
    before = len(window.project.annotations.list())
    dialog.import_button.click()
    assert len(window.project.annotations.list()) == before + 1
