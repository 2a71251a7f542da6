"""Team projects in the window: File → Connect to team project…, the connection's state in the status
bar, and other members' commits shown as they arrive.

The window watches the socket of a listening connection (QSocketNotifier): the server's notification
wakes it, nothing polls. While the connection is lost the status bar says so and a timer tries to
reconnect every few seconds; once back, the window reloads what changed meanwhile. Passwords are never
written to the settings: libpq reads them from its own ~/.pgpass (which the dialog can add a line to),
or they are typed for this session only.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QEvent, QObject, QSocketNotifier, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.services import Project
from annotator.services.team import remember_password, server_url

RECENT_KEY = "team/recent"  # JSON list of {host, port, database, user, sslmode}: never a password
RECENT_MAX = 8
RECONNECT_MS = 3000
SSL_MODES = ("prefer", "require", "verify-ca", "verify-full", "disable")


def recent_servers(settings) -> list[dict]:
    try:
        found = json.loads(settings.value(RECENT_KEY, "[]") or "[]")
    except (TypeError, ValueError):
        return []
    return [r for r in found if isinstance(r, dict)][:RECENT_MAX]


def remember_server(settings, entry: dict) -> None:
    keep = {k: str(entry.get(k, "")) for k in ("host", "port", "database", "user", "sslmode")}
    rest = [r for r in recent_servers(settings) if r != keep]
    settings.setValue(RECENT_KEY, json.dumps([keep, *rest][:RECENT_MAX], ensure_ascii=False))


class ConnectDialog(QDialog):
    """Host, database and user of a team project; a password only when libpq has none for it."""

    def __init__(self, settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("Connect to team project"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.recent = QComboBox(objectName="teamRecent")
        self.recent.addItem(self.tr("(new connection)"), None)
        for entry in recent_servers(settings):
            self.recent.addItem(f"{entry['user']}@{entry['host']}:{entry['port']}/{entry['database']}", entry)
        self.recent.currentIndexChanged.connect(self._fill_recent)
        form.addRow(self.tr("Recent"), self.recent)
        self.host = QLineEdit(objectName="teamHost", placeholderText="db.university.edu")
        self.port = QSpinBox(objectName="teamPort", minimum=1, maximum=65535, value=5432)
        self.database = QLineEdit(objectName="teamDatabase")
        self.user = QLineEdit(objectName="teamUser")
        self.sslmode = QComboBox(objectName="teamSsl")
        self.sslmode.addItems(SSL_MODES)
        self.password = QLineEdit(objectName="teamPassword", echoMode=QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("empty: from ~/.pgpass or the service file"))
        self.keep = QCheckBox(
            self.tr("Remember the password in ~/.pgpass (libpq's password file)"), objectName="teamRemember"
        )
        form.addRow(self.tr("Server"), self.host)
        form.addRow(self.tr("Port"), self.port)
        form.addRow(self.tr("Database"), self.database)
        form.addRow(self.tr("User"), self.user)
        form.addRow(self.tr("Encryption (sslmode)"), self.sslmode)
        form.addRow(self.tr("Password"), self.password)
        form.addRow("", self.keep)
        layout.addLayout(form)
        hint = QLabel(
            self.tr(
                "Use verify-full with a server certificate your IT department signed (its CA in "
                "~/.postgresql/root.crt); the password is never saved in the settings."
            )
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Connect"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if self.recent.count() > 1:
            self.recent.setCurrentIndex(1)

    def _fill_recent(self, index: int) -> None:
        entry = self.recent.itemData(index)
        if not entry:
            return
        self.host.setText(entry.get("host", ""))
        self.port.setValue(int(entry.get("port") or 5432))
        self.database.setText(entry.get("database", ""))
        self.user.setText(entry.get("user", ""))
        mode = entry.get("sslmode") or "prefer"
        self.sslmode.setCurrentIndex(max(0, self.sslmode.findText(mode)))

    def entry(self) -> dict:
        return {
            "host": self.host.text().strip(),
            "port": str(self.port.value()),
            "database": self.database.text().strip(),
            "user": self.user.text().strip(),
            "sslmode": self.sslmode.currentText(),
        }

    def url(self, with_password: bool = True) -> str:
        e = self.entry()
        return server_url(
            e["host"],
            int(e["port"]),
            e["database"],
            e["user"],
            sslmode=e["sslmode"],
            password=self.password.text() if with_password and self.password.text() else None,
        )


def connect_dialog(window) -> Project | None:
    """Ask for a team project and open it; the window switches to it."""
    dialog = ConnectDialog(window.settings, window)
    if not dialog.exec():
        return None
    entry = dialog.entry()
    if not (entry["host"] and entry["database"] and entry["user"]):
        window.statusBar().showMessage(window.tr("Server, database and user are needed to connect."), 8000)
        return None
    project = window.run(lambda: Project.open(dialog.url()))
    if project is None:
        return None
    remember_server(window.settings, entry)
    if dialog.keep.isChecked() and dialog.password.text():
        window.run(
            lambda: remember_password(
                entry["host"], int(entry["port"]), entry["database"], entry["user"], dialog.password.text()
            )
        )
    window.switch_project(project)
    return project


class TeamLink(QObject):
    """Follows the window's project: on a team server, listens for other members' commits."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.subscription = None
        self.notifier: QSocketNotifier | None = None
        self.connected = False
        self.updates = 0
        self.label = QLabel(objectName="teamStatus")
        window.statusBar().addPermanentWidget(self.label)
        self._pending: list = []
        self._apply = QTimer(self, singleShot=True, interval=20)  # one reload for a burst of notices
        self._apply.timeout.connect(self._apply_pending)
        self.retry = QTimer(self, interval=RECONNECT_MS)
        self.retry.timeout.connect(self.reconnect)
        window.projectChanged.connect(lambda _path: self.follow())
        window.installEventFilter(self)
        self.follow()

    def follow(self) -> None:
        self.stop()
        project = self.window.project
        if not getattr(project, "on_server", False):
            self.label.clear()
            self.label.hide()
            return
        self.label.show()
        self._listen()

    def _listen(self) -> bool:
        try:
            self.subscription = self.window.project.live.subscribe()
        except AnnotatorError:
            self._lost()
            return False
        self.notifier = QSocketNotifier(self.subscription.fileno(), QSocketNotifier.Type.Read, self)
        self.notifier.activated.connect(self._readable)
        self.connected = True
        self.retry.stop()
        mine, role = self.window.project.team.me()
        who = mine.name if mine else ""
        roles = {
            "owner": self.tr("owner"),
            "adjudicator": self.tr("adjudicator"),
            "annotator": self.tr("annotator"),
        }
        self.label.setText(
            self.tr("Team server: connected as {name} ({role})").format(
                name=who, role=roles.get(role or "", role or "")
            )
            if who
            else self.tr("Team server: connected")
        )
        return True

    def _readable(self, *_args) -> None:
        if self.subscription is None:
            return
        try:
            found = self.subscription.changes()
        except AnnotatorError:
            self._lost()
            return
        if found:
            self._pending += found
            self._apply.start()

    def _apply_pending(self) -> None:
        found, self._pending = self._pending, []
        if not found:
            return
        names = sorted({c.by for c in found})
        try:
            self.window.features.external_changes.reload(
                self.tr("Updated with changes by {names}.").format(names=", ".join(names))
            )
        except Exception:  # noqa: BLE001 (the server went away between the notice and the reload)
            self._lost()
            return
        self.updates += 1

    def _lost(self) -> None:
        self._drop_listener()
        self.connected = False
        self.label.setText(self.tr("Team server: connection lost — reconnecting…"))
        self.window.statusBar().showMessage(
            self.tr(
                "The connection to the team server was lost. Changes made now fail with a message and are "
                "not saved; the window reconnects by itself."
            ),
            10000,
        )
        self.retry.start()

    def reconnect(self) -> bool:
        if not getattr(self.window.project, "on_server", False):
            self.retry.stop()
            return False
        if not self.window.project.live.reachable() or not self._listen():
            return False
        try:
            self.window.features.external_changes.reload(
                self.tr("Reconnected to the team server; showing what changed.")
            )
        except Exception:  # noqa: BLE001 (lost again at once)
            self._lost()
            return False
        return True

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt API)
        if obj is self.window and event.type() == QEvent.Type.Close:
            self.stop()  # the project closes with the window: nothing more to listen for
        return False

    def _drop_listener(self) -> None:
        if self.notifier is not None:
            self.notifier.setEnabled(False)
            self.notifier.deleteLater()
            self.notifier = None
        if self.subscription is not None:
            self.subscription.close()
            self.subscription = None

    def stop(self) -> None:
        self.retry.stop()
        self._drop_listener()
        self.connected = False


def install(window) -> None:
    """The feature hook (ui/main_window/registry.py)."""
    from PySide6.QtGui import QAction

    menu = window.menus["file"]
    act = QAction(window.tr("Connect to &team project…"), window, objectName="actConnectTeam")
    act.setShortcut("Ctrl+Shift+O")
    act.triggered.connect(lambda: connect_dialog(window))
    before = next((a for a in menu.actions() if a.isSeparator()), None)
    menu.insertAction(before, act) if before else menu.addAction(act)
    window.features.act_connect_team = act
    window.features.team_link = TeamLink(window)
