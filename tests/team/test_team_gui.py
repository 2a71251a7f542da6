"""The desktop app on a team server: File → Connect to team project…, tagging, a colleague's tag
appearing without a reload, undo that leaves the colleague's work alone, a lost connection shown."""

from __future__ import annotations

import subprocess
import sys

import psycopg2
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QInputMethodEvent, QTextCursor
from PySide6.QtWidgets import QApplication

from annotator.services import Project
from annotator.ui.team import link as team_ui

from .conftest import TEXT

PASSAGE = "擅自抓取用户数据"


def _type(qtbot, widget, text: str) -> None:
    """Type like a user: ASCII as key presses, Chinese as an input method's commit."""
    widget.setFocus()
    if text.isascii():
        qtbot.keyClicks(widget, text)
    else:
        event = QInputMethodEvent()
        event.setCommitString(text)
        QApplication.sendEvent(widget, event)


def _select(view, text: str, passage: str) -> None:
    cp = text.index(passage)
    u16_start = len(text[:cp].encode("utf-16-le")) // 2
    cursor = view.textCursor()
    cursor.setPosition(u16_start)
    cursor.setPosition(u16_start + len(passage.encode("utf-16-le")) // 2, QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)


def _window(open_window, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    local = Project.create(tmp_path / "local.sqlite")
    w = open_window(local, "本地用户", settings)
    w.activateWindow()
    return w, settings


def _connect(qtbot, window, monkeypatch, team, user: str, password: str = "", remember: bool = False):
    def fill(dialog):
        dialog.host.clear()
        _type(qtbot, dialog.host, "127.0.0.1")
        dialog.port.setValue(team.server.port)
        _type(qtbot, dialog.database, team.database)
        _type(qtbot, dialog.user, user)
        dialog.sslmode.setCurrentIndex(dialog.sslmode.findText("prefer"))
        if password:
            _type(qtbot, dialog.password, password)
        if remember:
            qtbot.mouseClick(dialog.keep, Qt.MouseButton.LeftButton)
        return 1

    monkeypatch.setattr(team_ui.ConnectDialog, "exec", fill)
    window.features.act_connect_team.trigger()


def test_connect_tag_see_a_colleague_and_undo_only_mine(qtbot, open_window, tmp_path, team, monkeypatch):
    window, settings = _window(open_window, tmp_path)
    password = team.server.password_of("甲")
    pgpass = tmp_path / "own.pgpass"
    monkeypatch.setenv("PGPASSFILE", str(pgpass))  # an empty password file: the typed password is used
    _connect(qtbot, window, monkeypatch, team, "甲", password=password, remember=True)
    assert window.project.on_server and window.annotator.name == "甲"
    assert "甲" in window.features.team_link.label.text() and window.features.team_link.connected
    assert window.view.toPlainText() == TEXT
    # Nothing secret in the settings; the password went to libpq's own file, for the user alone.
    settings.sync()
    ini = (tmp_path / "settings.ini").read_text(encoding="utf-8")
    assert password not in ini and team.database in ini
    assert password in pgpass.read_text(encoding="utf-8") and (pgpass.stat().st_mode & 0o077) == 0
    monkeypatch.setenv("PGPASSFILE", str(team.server.pgpass))  # the other members' programs use theirs

    _select(window.view, TEXT, PASSAGE)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    [mine] = window.project.annotations.list()
    assert mine.text == PASSAGE and window.project.annotators.get(mine.annotator_id).name == "甲"

    # 乙 tags in another program; the window shows it without being asked.
    updates = window.features.team_link.updates
    out = subprocess.run(
        [sys.executable, "-m", "annotator", "tag", team.url("乙"), "1", "0", "4", "破坏性利用"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    qtbot.waitUntil(lambda: window.ann_model.rowCount() == 2, timeout=5000)
    assert window.features.team_link.updates > updates
    theirs = [a for a in window.project.annotations.list() if a.id != mine.id][0]
    assert theirs.id in window.view.spans

    # Undo takes back my tag only.
    window.undo_stack.undo()
    con = psycopg2.connect(team.url())
    with con.cursor() as cur:
        cur.execute(
            "SELECT a.text, u.name FROM annotation a JOIN annotator u ON u.id = a.annotator_id "
            "WHERE a.deleted_at IS NULL"
        )
        assert cur.fetchall() == [(TEXT[0:4], "乙")]
    con.close()
    assert window.ann_model.rowCount() == 1

    # The recent server comes back in the dialog, without a password.
    dialog = team_ui.ConnectDialog(settings)
    assert (dialog.host.text(), dialog.database.text(), dialog.user.text()) == (
        "127.0.0.1",
        team.database,
        "甲",
    )
    assert dialog.password.text() == ""
    window.close()


def test_a_lost_connection_is_shown_and_the_window_reconnects(
    qtbot, open_window, tmp_path, team, monkeypatch
):
    window, _settings = _window(open_window, tmp_path)
    _connect(qtbot, window, monkeypatch, team, "乙")
    link = window.features.team_link
    assert link.connected
    link.retry.setInterval(200)
    team.server.admin_sql(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s "
        "AND application_name LIKE 'judgment-annotator%%'",
        (team.database,),
    )
    qtbot.waitUntil(lambda: not link.connected, timeout=5000)
    assert "lost" in link.label.text()
    qtbot.waitUntil(lambda: link.connected, timeout=10000)
    assert "connected as 乙" in link.label.text()
    # And it is live again: a colleague's change arrives.
    out = subprocess.run(
        [sys.executable, "-m", "annotator", "tag", team.url("甲"), "1", "5", "9", "破坏性利用"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    qtbot.waitUntil(lambda: window.ann_model.rowCount() == 1, timeout=5000)
    window.close()
