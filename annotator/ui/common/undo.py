"""Undo and redo over the services.

Every action is done by a service first (and committed); the window then records the `Changes` it
returned. Undo asks the services to revert those changes, which is itself a committed action whose
`Changes`, reverted again, is the redo. Nothing here touches the database directly.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from annotator.core.changes import Changes
from annotator.ui.common.i18n import action_text


class ChangesCommand(QUndoCommand):
    """An action already done; undo/redo call `revert` and hand the result to `apply`."""

    def __init__(
        self, changes: Changes, revert: Callable[[Changes], Changes], apply: Callable[[Changes], None]
    ) -> None:
        super().__init__(action_text(changes.action))  # in the interface language
        self._changes = changes
        self._revert = revert
        self._apply = apply
        self._done = True  # the first redo() that QUndoStack.push() calls must not act again

    def redo(self) -> None:
        if self._done:
            return
        self._step()
        self._done = True

    def undo(self) -> None:
        self._step()
        self._done = False

    def _step(self) -> None:
        self._changes = self._revert(self._changes)
        self._apply(self._changes)
