"""Progress for long work: a window-modal dialog with Cancel, usable as the `progress` callback that
services take ((done, total) -> keep going?)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget


class Progress:
    def __init__(self, parent: QWidget, label: str, *, title: str = "", delay_ms: int = 400) -> None:
        # The default Cancel button is translated by Qt's own catalogue.
        self.dialog = QProgressDialog(parent)
        self.dialog.setLabelText(label)
        if title:
            self.dialog.setWindowTitle(title)
        self.dialog.setRange(0, 100)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(delay_ms)

    def __call__(self, done: int, total: int) -> bool:
        self.dialog.setMaximum(max(total, 1))
        self.dialog.setValue(done)
        QApplication.processEvents()
        return not self.dialog.wasCanceled()

    def cancelled(self) -> bool:
        return self.dialog.wasCanceled()

    def close(self) -> None:
        self.dialog.close()

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
