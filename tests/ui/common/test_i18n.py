"""Two languages: the interface shows in Chinese or English, chosen from the system or the View menu,
and the shipped .qm is built from the .ts in resources/translations/."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from unittest import mock

import pytest
from PySide6.QtWidgets import QApplication

from annotator.services import Project
from annotator.ui.common import i18n

ROOT = Path(__file__).resolve().parents[3]
TS = ROOT / "resources" / "translations" / "annotator_zh_CN.ts"


@pytest.fixture
def project_file(tmp_path):
    path = tmp_path / "lang.sqlite"
    with Project.create(path) as p:
        p.documents.add_text("某某科技不正当竞争案", "本院认为，被告王𠮷的行为构成不正当竞争。")
    return path


@pytest.fixture
def english_afterwards(qapp):
    yield
    i18n.load_translations(QApplication.instance(), "en")


def start(qtbot, project_file, settings):
    from annotator.ui.app import create_window

    window = create_window([str(project_file)], settings, ask_name=False)
    qtbot.addWidget(window)
    return window


@pytest.mark.parametrize(
    ("language", "file_menu", "documents", "editor_title"),
    [
        ("zh_CN", "文件(&F)", "文书", "编码本编辑器"),
        ("en", "&File", "Documents", "Codebook editor"),
    ],
)
def test_known_strings_show_in_the_chosen_language(
    qtbot, project_file, settings, english_afterwards, language, file_menu, documents, editor_title
):
    settings.setValue(i18n.SETTING, language)
    window = start(qtbot, project_file, settings)
    try:
        assert window.menus["file"].title() == file_menu
        assert window.documents_dock.windowTitle() == documents
        window.features.act_edit_codebook.trigger()
        assert window.features.codebook_editor.windowTitle() == editor_title
    finally:
        window.close()


def test_language_menu_choice_is_saved_for_the_next_start(qtbot, project_file, settings, english_afterwards):
    settings.setValue(i18n.SETTING, "en")
    window = start(qtbot, project_file, settings)
    try:
        with (
            mock.patch("annotator.ui.common.i18n.QMessageBox.exec") as told,
            mock.patch("annotator.ui.common.i18n.QProcess.startDetached") as started,
        ):  # "Later"
            window.features.language_actions["zh_CN"].trigger()
        assert told.called and not started.called
        assert settings.value(i18n.SETTING) == "zh_CN"
        assert i18n.chosen_language(settings) == "zh_CN"
    finally:
        window.close()
    again = start(qtbot, project_file, settings)
    try:
        assert again.menus["file"].title() == "文件(&F)"
        assert again.features.language_actions["zh_CN"].isChecked()
    finally:
        again.close()


@pytest.mark.parametrize(("lang", "expected"), [("zh_CN.UTF-8", "zh_CN"), ("en_GB.UTF-8", "en")])
def test_system_locale_decides_when_nothing_was_chosen(tmp_path, lang, expected):
    code = (
        "from PySide6.QtCore import QSettings\nfrom annotator.ui.common import i18n\n"
        "import sys\nprint(i18n.chosen_language(QSettings(sys.argv[1], QSettings.Format.IniFormat)))"
    )
    env = dict(os.environ, LANG=lang, LC_ALL=lang, LANGUAGE="")
    proc = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "s.ini")],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == expected


def test_every_message_is_translated():
    root = ET.parse(TS).getroot()
    untranslated = [
        m.findtext("source")
        for m in root.iter("message")
        if m.find("translation").get("type") == "unfinished" or not m.findtext("translation")
    ]
    assert untranslated == []
    assert sum(1 for _ in root.iter("message")) > 100


def test_shipped_qm_is_built_from_the_ts(tmp_path):
    lrelease = i18n._tool("lrelease")  # ships with PySide6
    out = tmp_path / "check.qm"
    subprocess.run([lrelease, "-silent", str(TS), "-qm", str(out)], check=True, timeout=60)
    assert out.read_bytes() == TS.with_suffix(".qm").read_bytes(), (
        "resources/translations/*.qm is stale: run `python -m annotator.ui.common.i18n`"
    )


def test_every_string_in_the_code_is_in_the_ts(tmp_path):
    """lupdate over annotator/ finds no visible string the shipped .ts lacks or leaves untranslated."""
    lupdate = i18n._tool("lupdate")
    copy = tmp_path / TS.name
    copy.write_bytes(TS.read_bytes())
    sources = sorted(str(p) for p in (ROOT / "annotator").rglob("*.py"))
    subprocess.run(
        [lupdate, "-no-obsolete", "-locations", "none", *sources, "-ts", str(copy)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    root = ET.parse(copy).getroot()
    missing = [
        m.findtext("source")
        for m in root.iter("message")
        if m.find("translation").get("type") == "unfinished"
    ]
    assert missing == [], (
        "strings without a Chinese translation: run `.venv/bin/python -m annotator.ui.common.i18n`, "
        f"translate the unfinished entries in {TS.name}, and run it again: {missing}"
    )


def test_undo_menu_names_the_action_in_the_interface_language(
    qtbot, project_file, settings, english_afterwards
):
    settings.setValue(i18n.SETTING, "zh_CN")
    window = start(qtbot, project_file, settings)
    try:
        cat = window.project.codebook.list()[0]
        window.record(window.project.annotations.add(window.document_id, 0, 4, cat.id, window.annotator.id))
        assert window.undo_stack.undoText() == f"标注 {cat.name}"
        other = next(c for c in window.project.codebook.list() if c.parent_id is None and c.id != cat.id)
        window.record(window.project.codebook.merge(cat.id, other.id))
        assert window.undo_stack.undoText().startswith(f"将 {cat.name} 合并到 ")
        assert i18n.action_text("Something new") == "Something new"
    finally:
        window.close()


def test_strings_found_under_another_context_are_still_translated(qapp, english_afterwards):
    from PySide6.QtCore import QCoreApplication

    i18n.load_translations(QApplication.instance(), "zh_CN")
    # `window.tr(...)` in a module function: lupdate files it under "window", Qt asks "MainWindow".
    assert QCoreApplication.translate("SomeOtherContext", "Codebook editor") == "编码本编辑器"
    assert QCoreApplication.translate("SomeOtherContext", "not a known string") == "not a known string"
    i18n.load_translations(QApplication.instance(), "en")
    assert QCoreApplication.translate("SomeOtherContext", "Codebook editor") == "Codebook editor"


def test_service_errors_show_in_the_interface_language(qapp, english_afterwards):
    i18n.load_translations(QApplication.instance(), "zh_CN")
    from annotator.core.messages import Message

    # The codebook service's refusal, as it makes it (services/codebook.py).
    refusal = Message("a category named {name!r} already exists", name="商业道德")
    assert refusal == "a category named '商业道德' already exists"
    assert i18n.message_text(refusal) == "已有名为 '商业道德' 的类别"
    assert i18n.message_text("something unforeseen") == "something unforeseen"


def test_restart_now_closes_and_starts_again_on_the_same_project(
    qtbot, project_file, settings, english_afterwards
):
    settings.setValue(i18n.SETTING, "en")
    window = start(qtbot, project_file, settings)
    window.show()
    with mock.patch("annotator.ui.common.i18n.QProcess.startDetached", return_value=(True, 1)) as started:
        assert i18n.restart_program(window)
    assert not window.isVisible()
    program, args = started.call_args.args[:2]
    assert program == sys.executable and args == ["-m", "annotator", str(project_file)]


def test_export_format_names_are_translated(qapp, english_afterwards):
    from annotator.formats import registry

    missing = {m.LABEL for m in registry.exporters()} - set(i18n.FORMAT_LABELS)
    assert not missing, f"add these format names to FORMAT_LABELS in annotator/ui/common/i18n.py: {missing}"
    i18n.load_translations(QApplication.instance(), "zh_CN")
    assert i18n.format_label("CSV table (Excel)") == "CSV 表格（Excel）"
