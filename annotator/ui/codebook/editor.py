"""The codebook editor: add, rename, recolour, move (drag and drop), merge, archive and delete
categories, edit coding rules and number keys, with tag counts in this document and the project.

Every edit is one service call recorded on the window's undo stack; the tree is rebuilt from the
services after each change, never edited in place, so what it shows is what is stored.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QColor, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QColorDialog,
    QDialog,
    QInputDialog,
    QMessageBox,
    QSplitter,
    QToolBar,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import Category
from annotator.ui.codebook.form import CategoryForm
from annotator.ui.codebook.tree import CodebookTree


class CodebookEditor(QDialog):
    """Non-modal editor over the window's project; stays open while tagging."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window_ = window
        self.setObjectName("codebookEditor")
        self.setWindowTitle(self.tr("Codebook editor"))
        self.setModal(False)
        self.resize(1080, 600)
        # Replaced in tests; by default they ask the user.
        self.confirm: Callable[[str], bool] = self._confirm
        self.choose_category: Callable[[str, list[Category]], Category | None] = self._choose_category
        self.choose_color: Callable[[str], str | None] = self._choose_color
        self._categories: dict[int, Category] = {}
        self._loading = False

        self.tree = CodebookTree(self.move, self)
        self.tree.setObjectName("codebookEditorTree")
        self.tree.set_headers(
            [
                self.tr("Category"),
                self.tr("English"),
                self.tr("Key"),
                self.tr("This document"),
                self.tr("Project"),
            ]
        )
        self.tree.currentItemChanged.connect(self._show_current)

        self.show_archived = QCheckBox(self.tr("Show archived categories"))
        self.show_archived.toggled.connect(self.refresh)

        self.toolbar = QToolBar()
        self.act_add = self._tool(
            self.tr("Add"), "Ctrl+N", self.add_category, self.tr("Add a category at the top level")
        )
        self.act_add_child = self._tool(
            self.tr("Add subcategory"),
            "Ctrl+Shift+N",
            self.add_subcategory,
            self.tr("Add a category inside the selected one"),
        )
        self.act_up = self._tool(
            self.tr("Move up"),
            "Alt+Up",
            lambda: self.shift(-1),
            self.tr("Move the category before its previous sibling"),
        )
        self.act_down = self._tool(
            self.tr("Move down"),
            "Alt+Down",
            lambda: self.shift(1),
            self.tr("Move the category after its next sibling"),
        )
        self.act_merge = self._tool(
            self.tr("Merge into…"),
            "",
            self.merge_current,
            self.tr("Move all tags of this category to another and remove it"),
        )
        self.act_archive = self._tool(
            self.tr("Archive"),
            "",
            self.toggle_archive,
            self.tr("Hide the category from tagging; its tags are kept"),
        )
        self.act_delete = self._tool(
            self.tr("Delete…"),
            QKeySequence.StandardKey.Delete,
            self.delete_current,
            self.tr("Delete the category; its tags are removed (undo restores them)"),
        )

        self.form = CategoryForm()
        self.form.name_edit.editingFinished.connect(self._save_names)
        self.form.name_en_edit.editingFinished.connect(self._save_names)
        self.form.color_button.clicked.connect(self.recolor_current)
        self.form.key_combo.activated.connect(self._save_key)
        self.form.rule_save.clicked.connect(self.save_rule)

        left = QWidget()
        left_lay = QVBoxLayout(left)
        left_lay.setContentsMargins(0, 0, 0, 0)
        left_lay.addWidget(self.tree)
        left_lay.addWidget(self.show_archived)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(self.form)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([640, 420])
        lay = QVBoxLayout(self)
        lay.addWidget(self.toolbar)
        lay.addWidget(split, 1)

        window.changesApplied.connect(self._changes_applied)
        window.documentOpened.connect(lambda _doc: self.refresh())
        self.refresh()

    def _tool(self, text: str, shortcut, slot, tip: str) -> QAction:
        act = QAction(text, self)
        if shortcut:
            act.setShortcut(QKeySequence(shortcut))
            # Keys act on the tree only, so typing in the name or rule fields never deletes or moves.
            act.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            self.tree.addAction(act)
        act.setToolTip(tip)
        act.triggered.connect(lambda _checked=False: slot())
        self.toolbar.addAction(act)
        return act

    # Showing -------------------------------------------------------------------------------------

    @property
    def project(self):
        return self.window_.project

    def current_id(self) -> int | None:
        return self.tree.current_id()

    def item_of(self, category_id: int) -> QTreeWidgetItem | None:
        return self.tree.item_of(category_id)

    def select(self, category_id: int) -> None:
        item = self.item_of(category_id)
        if item is not None:
            self.tree.setCurrentItem(item)

    def refresh(self) -> None:
        if not self.isVisible() and self._categories:
            self._stale = True
            return
        self._stale = False
        keep = self.current_id()
        cats = self.project.codebook.list(include_archived=self.show_archived.isChecked())
        self._categories = {c.id: c for c in cats}
        doc_id = self.window_.document_id
        in_doc = self.project.codebook.counts(document_id=doc_id) if doc_id is not None else {}
        in_project = self.project.codebook.counts()
        self._loading = True
        items = self.tree.fill(
            cats, in_doc, in_project, lambda name: self.tr("{name} (archived)").format(name=name)
        )
        self._loading = False
        if keep is not None and keep in items:
            self.tree.setCurrentItem(items[keep])
        elif self.tree.topLevelItemCount():
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        self._show_current()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        if getattr(self, "_stale", False):
            self.refresh()

    def _show_current(self, *_args) -> None:
        if self._loading:
            return
        cid = self.current_id()
        cat = self._categories.get(cid) if cid is not None else None
        self.form.show_category(cat)
        for act in (
            self.act_add_child,
            self.act_up,
            self.act_down,
            self.act_merge,
            self.act_archive,
            self.act_delete,
        ):
            act.setEnabled(cat is not None)
        if cat is None:
            return
        self.act_archive.setText(self.tr("Unarchive") if cat.archived else self.tr("Archive"))

    def _changes_applied(self, changes) -> None:
        if (
            changes.codebook_changed
            or changes.annotations_added
            or changes.annotations_removed
            or changes.annotations_updated
            or changes.documents_removed
            or changes.documents_added
        ):
            self.refresh()

    # Editing -------------------------------------------------------------------------------------

    def _do(self, call) -> object | None:
        return self.window_.run(call)

    def add_category(self, parent_id: int | None = None) -> int | None:
        base = self.tr("New category")
        existing = {c.name for c in self.project.codebook.list(include_archived=True)}
        name, n = base, 2
        while name in existing:
            name, n = f"{base} {n}", n + 1
        changes = self._do(
            lambda: self.project.codebook.add(name, parent_id=parent_id, color=_next_color(len(existing)))
        )
        if changes is None:
            return None
        new_id = changes.categories_added[0].id
        self.select(new_id)
        self.form.name_edit.setFocus()
        self.form.name_edit.selectAll()
        return new_id

    def add_subcategory(self) -> int | None:
        return self.add_category(self.current_id())

    def _save_names(self) -> None:
        cid = self.current_id()
        cat = self._categories.get(cid) if cid is not None else None
        if cat is None or self._loading:
            return
        name, name_en = self.form.names()
        if (name, name_en) == (cat.name, cat.name_en):
            return
        if self._do(lambda: self.project.codebook.rename(cid, name=name, name_en=name_en)) is None:
            self.form.name_edit.setText(cat.name)
            self.form.name_en_edit.setText(cat.name_en)

    def rename(self, category_id: int, name: str, name_en: str | None = None) -> None:
        self._do(lambda: self.project.codebook.rename(category_id, name=name, name_en=name_en))

    def recolor_current(self) -> None:
        cid = self.current_id()
        if cid is None:
            return
        color = self.choose_color(self._categories[cid].color)
        if color:
            self._do(lambda: self.project.codebook.recolor(cid, color))

    def _save_key(self, _index: int = 0) -> None:
        cid = self.current_id()
        if cid is not None:
            self.set_key(cid, self.form.key_combo.currentData())

    def set_key(self, category_id: int, key: str) -> None:
        if self._categories.get(category_id) and self._categories[category_id].shortcut != key:
            self._do(lambda: self.project.codebook.set_shortcut(category_id, key))

    def save_rule(self) -> None:
        cid = self.current_id()
        if cid is not None and self.form.rule_edit.toPlainText() != self._categories[cid].description:
            text = self.form.rule_edit.toPlainText()
            self._do(lambda: self.project.codebook.set_rule(cid, text))

    def move(self, category_id: int, parent_id: int | None, position: int | None) -> None:
        self._do(lambda: self.project.codebook.move(category_id, parent_id, position))
        self.select(category_id)

    def shift(self, step: int) -> None:
        cid = self.current_id()
        if cid is None:
            return
        cat = self._categories[cid]
        siblings = sorted(
            (c for c in self._categories.values() if c.parent_id == cat.parent_id),
            key=lambda c: (c.order, c.id),
        )
        pos = [c.id for c in siblings].index(cid) + step
        if 0 <= pos < len(siblings):
            self.move(cid, cat.parent_id, pos)

    def toggle_archive(self) -> None:
        cid = self.current_id()
        if cid is not None:
            self._do(lambda: self.project.codebook.archive(cid, not self._categories[cid].archived))

    def merge_current(self) -> None:
        cid = self.current_id()
        if cid is None:
            return
        source = self._categories[cid]
        others = [c for c in self.project.codebook.list() if c.id != cid]
        target = self.choose_category(
            self.tr("Merge “{name}” into which category? Its tags move there.").format(name=source.name),
            others,
        )
        if target is not None and self._do(lambda: self.project.codebook.merge(cid, target.id)):
            self.select(target.id)

    def delete_current(self) -> None:
        cid = self.current_id()
        if cid is None:
            return
        cat = self._categories[cid]
        n = self.project.codebook.tag_count(cid)
        if n and not self.confirm(
            self.tr(
                "“{name}” has {n} tags in this project. Deleting it removes them too (Undo brings them "
                "back). Delete it?"
            ).format(name=cat.name, n=n)
        ):
            return
        self._do(lambda: self.project.codebook.remove(cid))

    # Dialogs (replaceable in tests) --------------------------------------------------------------

    def _confirm(self, text: str) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Delete category"),
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _choose_category(self, text: str, choices: list[Category]) -> Category | None:
        labels = [f"{c.name}  ({c.name_en})" if c.name_en else c.name for c in choices]
        label, ok = QInputDialog.getItem(self, self.tr("Merge categories"), text, labels, 0, False)
        return choices[labels.index(label)] if ok and label in labels else None

    def _choose_color(self, current: str) -> str | None:
        color = QColorDialog.getColor(QColor(current), self, self.tr("Category colour"))
        return color.name().upper() if color.isValid() else None


# The colours new categories take in turn.
_PALETTE = (
    "#E57373",
    "#64B5F6",
    "#81C784",
    "#FFB74D",
    "#BA68C8",
    "#4DB6AC",
    "#F06292",
    "#A1887F",
    "#90A4AE",
    "#DCE775",
)


def _next_color(n: int) -> str:
    return _PALETTE[n % len(_PALETTE)]


def open_editor(window, category_id: int | None = None) -> CodebookEditor:
    editor = window.features.codebook_editor
    if editor is None:
        editor = window.features.codebook_editor = CodebookEditor(window)
    editor.show()
    editor.refresh()
    editor.raise_()
    editor.activateWindow()
    if category_id is not None:
        editor.select(category_id)
    return editor
