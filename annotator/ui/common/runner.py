"""One way to run a service call from the interface (as Anki's CollectionOp does for its collection).

A room hands the window a call; the window runs it, shows an AnnotatorError in the interface language
(in a message box, or where the caller says: a dialog's own status line), and when the call returns a
`Changes` records it: the panels are told what changed (`changesApplied`) and the step goes on the undo
stack — or, when a document's text was replaced, the steps that name its old offsets are forgotten.
Rooms reach it as `window.run(call)`; this module holds the part that needs no window.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from annotator.core.errors import AnnotatorError
from annotator.ui.common.i18n import error_text

T = TypeVar("T")


def attempt(
    parent: QWidget | None,
    call: Callable[[], T],
    *,
    title: str = "",
    show_error: Callable[[str], object] | None = None,
) -> T | None:
    """`call()`, or None after telling the user why it failed (its AnnotatorError, translated)."""
    try:
        return call()
    except AnnotatorError as exc:
        text = error_text(exc)
        if show_error is not None:
            show_error(text)
        else:
            QMessageBox.warning(
                parent, title or QCoreApplication.translate("MainWindow", "Judgment Annotator"), text
            )
        return None
