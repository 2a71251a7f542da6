"""Backups while the project is open, File → Restore from backup…, and the offer to restore when a
project file turns out to be damaged on open."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError, DamagedProjectError
from annotator.services import Project
from annotator.services import backup as backups
from annotator.ui.common.i18n import error_text
from annotator.ui.common.runner import attempt

BACKUP_EVERY_S = 3600
FIRST_BACKUP_MS = 1500  # after the window is up, so opening stays quick


# lupdate collects `translate("Recovery", "…")` calls; a wrapper taking only the text would hide its
# strings from the .ts files (and so from the Chinese interface).
translate = QApplication.translate


def _describe(b: backups.BackupInfo) -> str:
    local = b.created.astimezone().strftime("%Y-%m-%d %H:%M:%S")
    return f"{local}    {b.size / 1024:,.0f} KB    {b.path.name}"


class BackupKeeper(QObject):
    """Backs the open project up once after it opens and then every hour while it stays open."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self._project = None
        self._last = 0.0
        self.made: list[Path] = []
        self.timer = QTimer(self, interval=60_000)
        self.timer.timeout.connect(self.tick)
        self.timer.start()
        QTimer.singleShot(FIRST_BACKUP_MS, self, self.tick)

    def tick(self) -> Path | None:
        project = self.window.project
        if getattr(project, "on_server", False):
            return None  # the server's administrator backs a team project up
        if project is self._project and time.monotonic() - self._last < BACKUP_EVERY_S:
            return None
        self._project = project
        return self.backup_now()

    def backup_now(self) -> Path | None:
        try:
            path = backups.make_backup(self.window.project)
        except AnnotatorError as exc:
            self.window.statusBar().showMessage(
                translate("Recovery", "Backup failed: {error}").format(error=error_text(exc)), 8000
            )
            return None
        except Exception:  # noqa: BLE001 (the project closed while the window shuts down)
            return None
        self._last = time.monotonic()
        self.made.append(path)
        return path


class RestoreDialog(QDialog):
    def __init__(self, project_path: Path, parent: QWidget | None = None, intro: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Restore from backup"))
        self.chosen: Path | None = None
        self.items = backups.list_backups(project_path)
        layout = QVBoxLayout(self)
        text = intro or self.tr(
            "Choose the backup to put in place of {name}. The current file is kept "
            "next to it, renamed, so nothing is lost."
        ).format(name=project_path.name)
        label = QLabel(text)
        label.setWordWrap(True)
        layout.addWidget(label)
        self.list = QListWidget()
        for b in self.items:
            item = QListWidgetItem(_describe(b))
            item.setData(Qt.ItemDataRole.UserRole, str(b.path))
            self.list.addItem(item)
        if self.items:
            self.list.setCurrentRow(0)
        else:
            layout.addWidget(QLabel(self.tr("There are no backups of this project yet.")))
        layout.addWidget(self.list)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = buttons.addButton(self.tr("Restore"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setEnabled(bool(self.items))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        self.list.itemDoubleClicked.connect(lambda _item: self._accept())
        layout.addWidget(buttons)
        self.resize(560, 360)

    def _accept(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.chosen = Path(item.data(Qt.ItemDataRole.UserRole))
            self.accept()


def choose_backup(parent: QWidget | None, project_path: Path, intro: str = "") -> Path | None:
    """Ask which backup to restore (tests replace this)."""
    dialog = RestoreDialog(project_path, parent, intro)
    return dialog.chosen if dialog.exec() else None


def restore_into(window, backup: Path) -> Path | None:
    """Close the window's project, put `backup` in its place and show it; returns the set-aside file."""
    path = window.project.path
    window.save_memo()
    window.project.close()
    aside = attempt(
        window, lambda: backups.restore(path, backup), title=translate("Recovery", "Restore from backup")
    )
    window.switch_project(Project.open(path))
    if aside is None:
        return None
    window.statusBar().showMessage(
        translate("Recovery", "Restored the backup {backup}; the replaced file is kept as {aside}.").format(
            backup=backup.name, aside=aside.name
        ),
        10000,
    )
    return aside


def restore_dialog(window) -> None:
    chosen = choose_backup(window, window.project.path)
    if chosen is not None:
        restore_into(window, chosen)


def offer_recovery(parent: QWidget | None, error: DamagedProjectError, path: Path) -> Project | None:
    """Explain that the file is damaged and offer its backups; the restored project, or None."""
    found = backups.list_backups(path)
    detail = "; ".join(error.problems[:3])
    if not found:
        QMessageBox.warning(
            parent,
            translate("Recovery", "Damaged project"),
            translate(
                "Recovery",
                "{name} is damaged and cannot be opened safely ({detail}). No backup of it was found.",
            ).format(name=path.name, detail=detail),
        )
        return None
    intro = translate(
        "Recovery",
        "{name} is damaged and cannot be opened safely ({detail}). Restore a backup? "
        "The damaged file is kept next to it, renamed.",
    ).format(name=path.name, detail=detail)
    chosen = choose_backup(parent, path, intro)
    if chosen is None:
        return None

    def restore() -> Project:
        backups.restore(path, chosen)
        return Project.open(path)

    return attempt(parent, restore, title=translate("Recovery", "Restore from backup"))


def open_or_recover(parent: QWidget | None, path: str | Path) -> Project | None:
    """Open a project, offering a backup when it is damaged; other errors are shown. None if not opened."""
    path = Path(path)

    def open_it() -> Project | None:
        try:
            return Project.open(path)
        except DamagedProjectError as exc:
            return offer_recovery(parent, exc, path)

    return attempt(parent, open_it, title=translate("Recovery", "Judgment Annotator"))


def install(window) -> None:
    window.features.backups = BackupKeeper(window)
    action = QAction(window.tr("Restore from backup…"), window)
    action.triggered.connect(lambda: restore_dialog(window))
    menu = window.menus["file"]
    # With the other commands on the project file: just above the separator that precedes Quit.
    actions = menu.actions()
    quit_keys = QKeySequence(QKeySequence.StandardKey.Quit)
    at = next((i for i, a in enumerate(actions) if not a.isSeparator() and a.shortcut() == quit_keys), None)
    if at is None:
        menu.addAction(action)
    else:
        menu.insertAction(
            actions[at - 1] if at > 0 and actions[at - 1].isSeparator() else actions[at], action
        )
    window.features.restore_action = action
