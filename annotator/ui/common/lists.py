"""A list of things to tick (annotators for a report, documents for a shared copy): each row shows a
name, keeps its id under Qt.UserRole and starts ticked or not."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget


def checkable_list(
    parent: QWidget, name: str, rows: Iterable[tuple[str, int]], *, checked: bool
) -> QListWidget:
    widget = QListWidget(parent)
    widget.setObjectName(name)
    state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
    for label, key in rows:
        item = QListWidgetItem(label, widget)
        item.setData(Qt.ItemDataRole.UserRole, key)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(state)
    return widget
