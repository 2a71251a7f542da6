"""With the GUI in Chinese, the team server's errors read in Chinese: a server that cannot be reached,
a change the server refuses (an annotator renaming a category), a connection lost under an edit.
The CLI keeps the English sentences (tests/team/)."""

from __future__ import annotations

import socket
import time

import pytest

from annotator.services import Project
from annotator.ui.team import link as team_ui


@pytest.fixture
def window(open_chinese, tmp_path):
    path = tmp_path / "本地.sqlite"
    Project.create(path).close()
    return open_chinese(path)


def connect(window, monkeypatch, port: int, database: str, user: str) -> None:
    """File → Connect to team project…, the dialog filled in as the user would."""

    def fill(dialog):
        dialog.host.setText("127.0.0.1")
        dialog.port.setValue(port)
        dialog.database.setText(database)
        dialog.user.setText(user)
        dialog.sslmode.setCurrentIndex(dialog.sslmode.findText("disable"))
        return 1

    monkeypatch.setattr(team_ui.ConnectDialog, "exec", fill)
    window.features.act_connect_team.trigger()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_server_that_cannot_be_reached_is_said_in_chinese(window, warnings, monkeypatch):
    local = window.project.path
    connect(window, monkeypatch, free_port(), "团队", "甲")
    assert len(warnings) == 1, warnings
    # The sentence is Chinese; what follows its colon is the driver's own words, shown as they come.
    assert ": 无法连接团队服务器：" in warnings[0], warnings[0]
    assert "cannot connect to the team server" not in warnings[0]
    assert window.project.path == local  # still on the local project


def test_a_refused_change_is_said_in_chinese(window, warnings, monkeypatch, team, qtbot):
    from annotator.ui.codebook.editor import open_editor

    connect(window, monkeypatch, team.server.port, team.database, "乙")
    assert window.project.on_server and not warnings, warnings
    editor = open_editor(window)
    qtbot.waitExposed(editor)
    category = window.project.codebook.list()[0]
    editor.select(category.id)
    editor.form.name_edit.setText("改名")
    editor._save_names()  # leaving the field saves the name: an annotator may not
    assert len(warnings) == 1, warnings
    assert "团队服务器拒绝了这项修改" in warnings[0] and "没有任何改动" in warnings[0], warnings[0]
    assert "refused this change" not in warnings[0]
    assert window.project.codebook.get(category.id).name == category.name


def test_a_connection_lost_under_an_edit_is_said_in_chinese(window, warnings, monkeypatch, team):
    from annotator import store

    connect(window, monkeypatch, team.server.port, team.database, "乙")
    assert window.project.on_server and not warnings, warnings
    window.features.team_link.stop()  # the window would reconnect by itself; here the edit meets the loss
    project, me = window.project, window.annotator.id
    document, category = project.documents.list()[0], project.codebook.list()[0]

    def tag_twice_while_the_server_drops_us():
        # Broken in the middle of one change (as in tests/team/test_live.py): the server rolls it back.
        with store.project.transaction():
            project.annotations.add(document.id, 0, 4, category.id, me)
            team.server.admin_sql(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s "
                "AND application_name LIKE 'judgment-annotator%%'",
                (team.database,),
            )
            time.sleep(0.2)
            return project.annotations.add(document.id, 5, 9, category.id, me)

    assert window.run(tag_twice_while_the_server_drops_us) is None
    assert len(warnings) == 1, warnings
    assert "与团队服务器的连接已中断" in warnings[0] and "连接恢复后请重试" in warnings[0], warnings[0]
    assert "connection to the team server was lost" not in warnings[0]
    assert project.annotations.list() == []  # nothing was written
