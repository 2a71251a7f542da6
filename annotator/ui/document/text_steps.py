"""Tools → Restore line breaks as delivered / Remove inserted paragraph breaks: undo a recorded
normalisation of the open document after import (see services/documents.py `drop_step`). Each tag
keeps its characters; the replaced text stays in the document's history."""

from __future__ import annotations

from PySide6.QtGui import QAction

from annotator.core.errors import AnnotatorError


def drop_step(window, step: str) -> bool:
    doc_id = window.document_id
    if doc_id is None:
        return False
    # The Changes names the replaced text: the window forgets the undo steps that name offsets in the old
    # one and shows the document afresh.
    changes = window.run(
        lambda: window.project.documents.drop_step(doc_id, step), title=window.tr("Text as delivered")
    )
    if changes is None:
        return False
    if changes.messages:
        window.statusBar().showMessage(changes.messages[0], 10000)
    return True


def install(window) -> None:
    reflow = QAction(window.tr("Restore &line breaks as delivered"), window)
    reflow.setObjectName("actionRestoreLineBreaks")
    reflow.setToolTip(window.tr("Put back the line breaks that were joined when this document was imported"))
    reflow.triggered.connect(lambda: drop_step(window, "reflow"))
    paragraphs = QAction(window.tr("Remove inserted &paragraph breaks"), window)
    paragraphs.setObjectName("actionRemoveParagraphBreaks")
    paragraphs.setToolTip(window.tr("Give this document back the layout it came with (one line)"))
    paragraphs.triggered.connect(lambda: drop_step(window, "paragraphs"))
    for act in (reflow, paragraphs):
        act.setEnabled(False)
        window.menus["tools"].addAction(act)

    def update(doc_id: int) -> None:
        try:
            names = window.project.documents.recorded_steps(doc_id)  # not the text: this runs on every open
        except AnnotatorError:
            names = []
        reflow.setEnabled("reflow" in names)
        paragraphs.setEnabled("paragraphs" in names)

    window.documentOpened.connect(update)
