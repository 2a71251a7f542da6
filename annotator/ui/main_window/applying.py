"""How the window shows what a service changed: the span in the document view, the row in the tag list,
the counts in the document list and the codebook, without reloading the document; then every other
panel hears of it through `changesApplied`.

A mixin of `MainWindow` (`record()` and the undo stack call `apply_changes`; the rooms call it for
changes they made themselves outside `window.run`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from annotator.core.changes import Changes
    from annotator.ui.main_window.window import MainWindow


class ChangesShown:
    """`apply_changes(changes)` and the counts kept in step with it."""

    def apply_changes(self: MainWindow, changes: Changes) -> None:
        """Update the views from what a service reports as changed, without reloading the document."""
        self.tag_fill.complete()  # an edit while the tags are being read: first all of them
        self._quiet_rows += 1
        try:
            self._apply_changes(changes)
        finally:
            self._quiet_rows -= 1
        if self.active_annotation is not None and self.ann_model.row_of(self.active_annotation) < 0:
            self.select_annotation(None)
        self.changesApplied.emit(changes)

    def _apply_changes(self: MainWindow, changes: Changes) -> None:
        if changes.codebook_changed:
            self.refresh_codebook()  # first, so spans below get the new colours
        elif any(
            a.annotator_id not in self.ann_model.annotators
            for a in (*changes.annotations_added, *changes.annotations_updated)
        ):
            # A merge or an import brought a new annotator: the tag list names them at once.
            self.ann_model.set_lookups(list(self._categories.values()), self.project.annotators.list())
        for a in changes.annotations_added:
            if a.document_id == self.document_id and self.ann_model.row_of(a.id) < 0:
                self.view.add_span(a.id, a.start, a.end, self._category_colors.get(a.category_id, "#888888"))
                self.ann_model.add(a)
        for a in changes.annotations_removed:
            if a.document_id == self.document_id:
                self.view.remove_span(a.id)
                self.ann_model.remove(a.id)
        for a in changes.annotations_updated:
            if a.document_id == self.document_id:
                self.view.add_span(a.id, a.start, a.end, self._category_colors.get(a.category_id, "#888888"))
                self.ann_model.update(a)
        if changes.documents_added:
            self._refresh_counts()
        elif changes.annotations_added or changes.annotations_removed or changes.annotations_updated:
            self._update_counts(changes)
        for a in changes.annotations_updated:
            if a.id == self.active_annotation and a.memo != self.memo_edit.toPlainText():
                self.memo_edit.blockSignals(True)
                self.memo_edit.setPlainText(a.memo)
                self.memo_edit.blockSignals(False)
        if changes.messages:
            from annotator.ui.common.i18n import message_text

            for message in changes.messages:
                self.statusBar().showMessage(message_text(message), 8000)

    def _update_counts(self: MainWindow, changes: Changes) -> None:
        """Adjust the document list's and the codebook's counts by what changed, instead of counting
        again: recounting a document with 100,000 tags costs a noticeable pause after every tag."""
        per_doc: dict[int, int] = {}
        for sign, tags in ((1, changes.annotations_added), (-1, changes.annotations_removed)):
            for a in tags:
                if a.annotator_id == self.annotator.id:
                    per_doc[a.document_id] = per_doc.get(a.document_id, 0) + sign
        for doc_id, delta in per_doc.items():
            self.doc_model.adjust_count(doc_id, delta)
        if changes.annotations_added or changes.annotations_removed or changes.annotations_updated:
            self.codebook_model.set_counts(self._current_counts())

    def _current_counts(self: MainWindow) -> dict[int, int]:
        return self.ann_model.category_counts()

    def _refresh_counts(self: MainWindow) -> None:
        current = self.document_id
        self.refresh_documents()
        row = self.doc_model.row_of(current) if current is not None else -1
        if row >= 0:
            self.doc_table.blockSignals(True)
            self.doc_table.selectionModel().blockSignals(True)
            self.doc_table.setCurrentIndex(self.doc_proxy.mapFromSource(self.doc_model.index(row, 0)))
            self.doc_table.selectionModel().blockSignals(False)
            self.doc_table.blockSignals(False)
        self.refresh_codebook()
