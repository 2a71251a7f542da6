"""The main window: documents on the left, the text in the middle, codebook and tags on the right."""

from __future__ import annotations

from array import array
from collections.abc import Callable, Sequence
from itertools import repeat
from typing import TypeVar

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QHeaderView,
    QMainWindow,
    QWidget,
)

from annotator.core.changes import Changes
from annotator.core.codebook import SHORTCUT_KEYS
from annotator.core.model import Annotation
from annotator.core.shorten import shorten
from annotator.core.span_table import TagColumns
from annotator.services import Project
from annotator.ui.common.categories import CATEGORY_ID_ROLE
from annotator.ui.common.document_view import DocumentView
from annotator.ui.common.runner import attempt
from annotator.ui.main_window import layout
from annotator.ui.main_window.applying import ChangesShown
from annotator.ui.main_window.files import ProjectFiles
from annotator.ui.main_window.registry import Features
from annotator.ui.main_window.tag_fill import TagFill

T = TypeVar("T")


class MainWindow(ProjectFiles, ChangesShown, QMainWindow):
    """The workbench. The rooms hook in through `menus`, `changesApplied`, `documentOpened`, `run()` and
    `record()`, and keep what they install in `features` (see `ui/main_window/registry.py`)."""

    projectChanged = Signal(str)
    changesApplied = Signal(object)  # a Changes, after the views were updated
    documentOpened = Signal(int)

    def __init__(self, project: Project, annotator_name: str, settings: QSettings | None = None) -> None:
        super().__init__()
        self.settings = settings or QSettings()
        self.project: Project = project
        self.user_name = annotator_name  # who uses the program; a shared copy may say otherwise
        # On a team server, the connected member's own annotator (the server refuses any other).
        self.annotator = project.team.annotator_or(annotator_name)
        self.document_id: int | None = None
        self.active_annotation: int | None = None
        self._category_colors: dict[int, str] = {}
        # Above zero while the window itself moves the tag list's current row (a row removed, a tag picked
        # in the text): such moves are not the user choosing a tag in the list.
        self._quiet_rows = 0
        self.undo_stack = QUndoStack(self)
        self.menus: dict[str, object] = {}
        # What the rooms install (ui/main_window/registry.py): one typed object, not attributes of the window.
        self.features = Features()
        self._opened: tuple[str, int] = ("", 0)  # the open document's title and length

        self.view = DocumentView(self)
        self.view.setObjectName("documentView")
        self.setCentralWidget(self.view)
        self.tag_fill = TagFill(self)
        layout.build_documents_dock(self)
        layout.build_codebook_dock(self)
        layout.build_annotations_dock(self)
        layout.build_menus(self)
        self.statusBar()

        self.view.spanClicked.connect(self.select_annotation)
        self.view.emptyClicked.connect(lambda: self.select_annotation(None))
        self.view.tooltip_provider = self._span_tooltip
        self.resize(1360, 860)
        self.resizeDocks([self.documents_dock, self.codebook_dock], [370, 420], Qt.Orientation.Horizontal)
        self.resizeDocks([self.codebook_dock, self.annotations_dock], [330, 470], Qt.Orientation.Vertical)
        from annotator.ui.main_window.registry import install_all

        install_all(self)
        # Features add their File entries after Quit; Quit goes back to the end, where every program has it.
        file_menu = self.menus["file"]
        for act in (self._quit_separator, self.act_quit):
            file_menu.removeAction(act)
            file_menu.addAction(act)
        self._restore_layout()
        self._load_project()

    # Project --------------------------------------------------------------------------------------

    def _load_project(self) -> None:
        self.setWindowTitle(self.tr("{name} — Judgment Annotator").format(name=self.project.path.stem))
        if self.project.read_only:
            # A file this user may not write (a shared folder, a read-only disk): reading works, changes not.
            self.setWindowTitle(
                self.tr("{name} (read-only) — Judgment Annotator").format(name=self.project.path.stem)
            )
        self.refresh_codebook()
        self.refresh_documents()
        self.settings.setValue("project/last", str(self.project.path))
        docs = self.doc_model.docs
        if docs:
            last = self.settings.value(f"document/{self.project.uuid}", None)
            wanted = next((d.id for d in docs if str(d.id) == str(last)), docs[0].id)
            self.open_document(wanted)
            if self.project.read_only:
                self.statusBar().showMessage(
                    self.tr(
                        "This project file is read-only: you can read, search and export, but not change it."
                    )
                )
        else:
            self.view.set_document("", [], {})
            self.statusBar().showMessage(self.tr("No documents yet: File → Import documents (Ctrl+I)."))

    def switch_project(self, project: Project) -> None:
        """Show another project: every panel, dock and cached id starts afresh (features listen to
        `projectChanged`), so nothing of the previous project stays on screen or in a button."""
        self.save_memo()
        self.tag_fill.stop()
        self.project.close()
        self.project = project
        self.undo_stack.clear()
        self.annotator = project.team.annotator_or(self.user_name)
        self.document_id = None
        self.active_annotation = None
        self.memo_edit.blockSignals(True)
        self.memo_edit.clear()
        self.memo_edit.blockSignals(False)
        self.memo_edit.setEnabled(False)
        self.ann_model.set_annotations([])
        self.view.set_document("", [], {})
        self.projectChanged.emit(str(project.path))
        self._load_project()

    def refresh_codebook(self) -> None:
        cats = self.project.codebook.list()
        self._categories = {c.id: c for c in cats}
        self._category_colors = {c.id: c.color for c in cats}
        self._shortcuts = {c.shortcut: c for c in cats if c.shortcut}
        self.codebook_model.set_categories(cats, self._current_counts())
        self.codebook_tree.expandAll()
        self.codebook_tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2):
            self.codebook_tree.header().setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.codebook_tree.header().setStretchLastSection(False)
        self.ann_model.set_lookups(cats, self.project.annotators.list())
        self.tag_menu.clear()
        for key in SHORTCUT_KEYS:
            cat = self._shortcuts.get(key)
            if cat:
                act = self.tag_menu.addAction(f"{cat.name}  ({cat.name_en})")
                act.setShortcut(QKeySequence(key))
                # The window-level action does the work; this entry shows the key in the menu.
                act.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
                act.triggered.connect(lambda checked=False, k=key: self.tag_with_shortcut(k))

    def refresh_documents(self) -> None:
        self.doc_model.set_documents(self.project.documents.list(self.annotator.id))

    # Documents ------------------------------------------------------------------------------------

    def _document_row_changed(self, current, _previous) -> None:
        if not current.isValid():
            return
        row = self.doc_proxy.mapToSource(current).row()
        doc_id = self.doc_model.docs[row].id
        if doc_id != self.document_id:
            self.open_document(doc_id)

    def open_document(self, document_id: int) -> None:
        self.save_memo()
        doc = self.project.documents.get(document_id)
        self.document_id = doc.id
        self._opened = (doc.title, len(doc.text))
        # The text first, with no tag: the tags in view are read once the reading position is back
        # (documentOpened), the others page by page (ui/main_window/tag_fill.py). Tags come as columns of
        # five integers, no object per tag; the list reads the records of the rows it shows.
        palette = [*self._category_colors.values(), "#888888"]
        self.view.set_document_columns(doc.text, (), (), (), (), palette)
        self.ann_model.set_columns(TagColumns.from_rows([]), self._tag_reader(doc.id))
        self.tag_fill.begin(doc.id, self._palette_indexes)
        self.refresh_codebook()
        self._set_active(None)
        row = self.doc_model.row_of(doc.id)
        if row >= 0:
            index = self.doc_proxy.mapFromSource(self.doc_model.index(row, 0))
            if self.doc_table.currentIndex().row() != index.row():
                self.doc_table.setCurrentIndex(index)
        self.settings.setValue(f"document/{self.project.uuid}", doc.id)
        self.documentOpened.emit(doc.id)
        self.tag_fill.read_first()

    def tags_complete(self) -> None:
        """Every tag of the open document is in (tag_fill): the counts and the status line say so."""
        self.codebook_model.set_counts(self._current_counts())
        title, length = self._opened
        self.statusBar().showMessage(
            self.tr("{title}: {n:,} characters, {k} tags").format(
                title=title, n=length, k=len(self.ann_model.shown_columns)
            ),
            5000,
        )

    def _palette_indexes(self, category_ids: Sequence[int]) -> array:
        """Each tag's index into the palette of the categories' colours (unknown: grey, the last)."""
        order = {cid: i for i, cid in enumerate(self._category_colors)}
        return array("q", map(order.get, category_ids, repeat(len(order))))

    def _tag_reader(self, document_id: int):
        """How the tag list reads records: some by id, or (None) all of the document's live tags."""
        annotations = self.project.annotations

        def fetch(ids: list[int] | None) -> list[Annotation]:
            if ids is None:
                return annotations.list(document_ids=[document_id])
            return annotations.get_many(ids)

        return fetch

    # Tagging --------------------------------------------------------------------------------------

    def tag_with_shortcut(self, key: str) -> None:
        cat = self._shortcuts.get(key)
        if cat is None:
            self.statusBar().showMessage(self.tr("No category has the key {key}.").format(key=key), 4000)
            return
        self.tag_selection(cat.id)

    def _category_clicked(self, index) -> None:
        cat_id = index.siblingAtColumn(0).data(CATEGORY_ID_ROLE)
        if cat_id is not None and self.view.selected_range():
            self.tag_selection(int(cat_id))

    def tag_selection(self, category_id: int) -> Changes | None:
        rng = self.view.selected_range()
        editing = self.features.editing  # ui/document/editing.py: the key re-categorises a tag
        if not rng and self.active_annotation is not None and editing is not None:
            return editing.set_category(self.active_annotation, category_id)
        if self.document_id is None or not rng or rng[0] == rng[1]:
            self.statusBar().showMessage(
                self.tr("Select a passage first, then press a category's key."), 4000
            )
            return None
        changes = self.run(
            lambda: self.project.annotations.add(
                self.document_id, rng[0], rng[1], category_id, self.annotator.id
            )
        )
        if changes:
            added = changes.annotations_added[0]
            # The passage is now the active tag: drop the selection (the caret stays where the pointer let
            # go, so nothing scrolls), and the next category key changes the tag's category.
            cursor = self.view.textCursor()
            cursor.clearSelection()
            self.view.setTextCursor(cursor)
            self.select_annotation(added.id)
            self.statusBar().showMessage(
                self.tr("Tagged “{text}” as {cat}").format(
                    text=shorten(added.text, 24), cat=self._categories[category_id].name
                ),
                4000,
            )
        return changes

    def delete_active(self) -> None:
        if self.active_annotation is None:
            self.statusBar().showMessage(self.tr("Click a tag first to delete it."), 4000)
            return
        changes = self.run(lambda: self.project.annotations.remove(self.active_annotation), record=False)
        if changes:
            # Nothing is chosen afterwards: a second Delete must not remove a neighbour never clicked.
            self.select_annotation(None)
            self.record(changes)

    def record(self, changes: Changes) -> None:
        """Show an action that a service has done and make it undoable."""
        from annotator.ui.common.undo import ChangesCommand

        if changes.texts_replaced:
            # A text replaced is not undone here, and every step before it names offsets in the old text.
            self.undo_stack.clear()
            self.refresh_documents()
            if self.document_id in changes.texts_replaced:
                self.open_document(self.document_id)
            self.apply_changes(changes)
            return
        self.apply_changes(changes)
        if not changes.empty:
            self.undo_stack.push(ChangesCommand(changes, self._revert, self._apply_undo))

    def _revert(self, changes: Changes) -> Changes:
        return self.project.revert(changes)

    def _apply_undo(self, changes: Changes) -> None:
        self.apply_changes(changes)
        if self.active_annotation is not None and self.ann_model.row_of(self.active_annotation) < 0:
            self._set_active(None)

    # Selection of a tag ---------------------------------------------------------------------------

    def select_annotation(self, annotation_id: int | None) -> None:
        """Make a tag the active one (or none) without moving the text: it was clicked or made where the
        reader is looking. Callers that go to a tag elsewhere reveal it themselves."""
        row = self.ann_model.row_of(annotation_id) if annotation_id is not None else -1
        self._quiet_rows += 1
        try:
            if row >= 0:
                self.ann_table.selectRow(row)
                self.ann_table.scrollTo(self.ann_model.index(row, 0))
            else:
                self.ann_table.selectionModel().clearCurrentIndex()
                self.ann_table.clearSelection()
        finally:
            self._quiet_rows -= 1
        self._set_active(annotation_id if row >= 0 else None)

    def _annotation_row_changed(self, current, _previous) -> None:
        if self._quiet_rows:
            return
        if current.isValid():
            a = self.ann_model.rows[current.row()]
            if a.id != self.active_annotation:
                self._set_active(a.id)
                self.view.reveal_span(a.id)

    def _set_active(self, annotation_id: int | None) -> None:
        if annotation_id != self.active_annotation:
            self.save_memo()
        self.active_annotation = annotation_id
        self.view.set_active_span(annotation_id)
        row = self.ann_model.row_of(annotation_id) if annotation_id is not None else -1
        self.memo_edit.blockSignals(True)
        self.memo_edit.setPlainText(self.ann_model.rows[row].memo if row >= 0 else "")
        self.memo_edit.blockSignals(False)
        self.memo_edit.setEnabled(row >= 0)

    def save_memo(self) -> None:
        self._memo_timer.stop()
        if self.active_annotation is None or not self.memo_edit.isEnabled():
            return
        row = self.ann_model.row_of(self.active_annotation)
        if row < 0:
            return
        text = self.memo_edit.toPlainText()
        if text != self.ann_model.rows[row].memo:
            self.run(lambda: self.project.annotations.set_memo(self.active_annotation, text))

    def _span_tooltip(self, keys: list[int]) -> str:
        lines = []
        for key in keys:
            row = self.ann_model.row_of(key)
            if row < 0:
                continue
            a = self.ann_model.rows[row]
            cat = self._categories.get(a.category_id)
            who = self.ann_model.annotators.get(a.annotator_id)
            line = f"{cat.name if cat else '?'} — {who.name if who else '?'}"
            if a.memo:
                line += f"\n  {shorten(a.memo, 80)}"
            lines.append(line)
        return "\n".join(lines)

    # Helpers --------------------------------------------------------------------------------------

    def run(
        self,
        call: Callable[[], T],
        *,
        title: str = "",
        record: bool = True,
        show_error: Callable[[str], object] | None = None,
        parent: QWidget | None = None,
    ) -> T | None:
        """Run a service call for the user (see ui/common/runner.py): its error is shown in the
        interface language (a message box titled `title` over `parent`, or through `show_error`) and
        None returned; a `Changes` it returns is recorded (shown, undoable) unless `record` is False
        or it is empty."""
        result = attempt(parent or self, call, title=title, show_error=show_error)
        if record and isinstance(result, Changes) and (not result.empty or result.messages):
            self.record(result)
        return result

    def _restore_layout(self) -> None:
        geometry = self.settings.value("window/geometry")
        state = self.settings.value("window/state")
        if geometry is not None:
            self.restoreGeometry(geometry)
        if state is not None:
            self.restoreState(state)

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        self.save_memo()
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.project.close()
        super().closeEvent(event)
