"""File dialogs that remember, each on its own, the folder last used and the file type last chosen.

A researcher exports to the same folder all afternoon and imports from another: every dialog (named by
the caller: "export", "import-documents", "open-project", …) keeps its own folder and filter in the
window's settings (`dialogs/NAME/folder`, `dialogs/NAME/filter`). A dialog never used starts where the
caller suggests (the project's folder, say), else in the home folder.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QWidget


def settings_of(widget: QWidget | None) -> QSettings:
    """The settings of the window a widget belongs to (tests and several windows each have their own)."""
    while widget is not None:
        found = getattr(widget, "settings", None)
        if isinstance(found, QSettings):
            return found
        widget = widget.parentWidget()
    return QSettings()


def remembered_folder(widget: QWidget | None, name: str, fallback: str | Path | None = None) -> Path:
    """The folder dialog `name` used last, if it still exists; else `fallback`, else the home folder."""
    saved = str(settings_of(widget).value(f"dialogs/{name}/folder", "") or "")
    if saved and Path(saved).is_dir():
        return Path(saved)
    if fallback and Path(fallback).is_dir():
        return Path(fallback)
    return Path.home()


def remember(widget: QWidget | None, name: str, path: str | Path, selected_filter: str = "") -> None:
    """Keep the folder of `path` (a file, or a folder itself) and the chosen filter for dialog `name`."""
    store = settings_of(widget)
    chosen = Path(path)
    store.setValue(f"dialogs/{name}/folder", str(chosen if chosen.is_dir() else chosen.parent))
    if selected_filter:
        store.setValue(f"dialogs/{name}/filter", selected_filter)


def _filter(widget: QWidget | None, name: str, filters: str) -> str:
    saved = str(settings_of(widget).value(f"dialogs/{name}/filter", "") or "")
    return saved if saved and saved in filters.split(";;") else ""


def open_file(
    parent: QWidget | None, name: str, caption: str, filters: str = "", fallback: str | Path | None = None
) -> str:
    folder = remembered_folder(parent, name, fallback)
    path, chosen = QFileDialog.getOpenFileName(
        parent, caption, str(folder), filters, _filter(parent, name, filters)
    )
    if path:
        remember(parent, name, path, chosen)
    return path


def open_files(
    parent: QWidget | None, name: str, caption: str, filters: str = "", fallback: str | Path | None = None
) -> list[str]:
    folder = remembered_folder(parent, name, fallback)
    paths, chosen = QFileDialog.getOpenFileNames(
        parent, caption, str(folder), filters, _filter(parent, name, filters)
    )
    if paths:
        remember(parent, name, paths[0], chosen)
    return list(paths)


def save_file(
    parent: QWidget | None,
    name: str,
    caption: str,
    file_name: str,
    filters: str = "",
    fallback: str | Path | None = None,
) -> str:
    """Ask where to save `file_name` (a bare name, or a path whose folder is the fallback)."""
    suggested = Path(file_name)
    if suggested.parent != Path("."):
        fallback = fallback or suggested.parent
    folder = remembered_folder(parent, name, fallback)
    path, chosen = QFileDialog.getSaveFileName(
        parent, caption, str(folder / suggested.name), filters, _filter(parent, name, filters)
    )
    if path:
        remember(parent, name, path, chosen)
    return path
