"""Fixtures for the reliability tests: a main window on a fresh project with one judgment."""

from __future__ import annotations

import pytest

from annotator.services import Project

JUDGMENT = (
    "某某市人民法院民事判决书\n原告：王𠮷。被告：某某科技有限公司。\n"
    "本院认为，被告未经用户同意抓取数据，违反商业道德，构成不正当竞争。\n"
)


@pytest.fixture
def window(open_window, tmp_path):
    project = Project.create(tmp_path / "gui.sqlite")
    project.documents.add_text("判决", JUDGMENT)
    w = open_window(project, "测试员", name="settings.ini")
    yield w
    w.close()
