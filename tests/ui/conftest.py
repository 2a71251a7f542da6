"""GUI fixtures: a main window on a fresh project, with settings in a temporary INI file."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402

from annotator.services import Project  # noqa: E402

JUDGMENT = (
    "浙江省某某市人民法院\n民事判决书\n（2021）浙0192民初1234号\n"
    "原告：王𠮷，男，住浙江省某某市。\n被告：某某科技有限公司。\n"
    "本院认为，被告未经用户同意擅自抓取用户数据，其行为违反商业道德，构成不正当竞争。\n"
    "判决如下：被告赔偿原告经济损失十万元。\n"
)


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def gui_project(tmp_path):
    p = Project.create(tmp_path / "gui.sqlite")
    p.documents.add_text("某某科技不正当竞争案", JUDGMENT)
    p.documents.add_text("第二份文书", "本院认为，数据携带权不能对抗平台的竞争权益。")
    return p


@pytest.fixture
def window(open_window, gui_project, settings):
    w = open_window(gui_project, "测试员", settings)
    w.activateWindow()
    yield w
    w.close()


@pytest.fixture
def open_chinese(qtbot, settings):
    """`open_chinese(path)`: the program started on the project file `path` with the interface in
    Chinese, as a user who chose 简体中文 sees it; English again afterwards."""
    from PySide6.QtWidgets import QApplication

    from annotator.ui.app import create_window
    from annotator.ui.common import i18n

    opened = []

    def open_(path):
        settings.setValue(i18n.SETTING, "zh_CN")
        w = create_window([str(path)], settings, ask_name=False)
        qtbot.addWidget(w)
        w.show()
        qtbot.waitExposed(w)
        opened.append(w)
        return w

    yield open_
    for w in opened:
        w.close()
    i18n.load_translations(QApplication.instance(), "en")


@pytest.fixture
def warnings(monkeypatch):
    """The texts of the warning dialogs shown (QMessageBox.warning), instead of showing them."""
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    return shown
