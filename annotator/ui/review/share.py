"""Blind second coding: File → Share a copy for a colleague… writes a copy of the project with the chosen
documents and with or without my tags; the copy asks the colleague to confirm their name when first
opened; Review → Merge back a shared copy lists the copies this project shared, each merged back in one
step (the merge preview shows what changed on both sides)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from annotator.services.sharing import KEEP_ALL, KEEP_NONE, KEEP_OTHERS
from annotator.ui.common import file_dialogs
from annotator.ui.common.lists import checkable_list
from annotator.ui.common.runner import attempt


class ShareDialog(QDialog):
    """Choose whom the copy is for, which documents it holds and which tags it keeps."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.setObjectName("shareDialog")
        self.window_ = window
        self.shared = None
        self.setWindowTitle(self.tr("Share a copy for a colleague"))
        self.resize(620, 560)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.colleague = QLineEdit(self)
        self.colleague.setObjectName("shareColleague")
        self.colleague.setPlaceholderText(self.tr("The colleague's name, as their tags will carry it"))
        self.colleague.textChanged.connect(self._suggest_path)
        form.addRow(self.tr("For"), self.colleague)
        row = QHBoxLayout()
        self.path = QLineEdit(self)
        self.path.setObjectName("sharePath")
        browse = QPushButton(self.tr("Choose…"), self)
        browse.clicked.connect(self._browse)
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        box = QWidget(self)
        box.setLayout(row)
        row.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Copy"), box)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Tags in the copy:"), self))
        self.tags = QButtonGroup(self)
        self.tag_buttons = {}
        for choice, text in (
            (
                KEEP_OTHERS,
                self.tr("Leave out my tags — blind second coding, so that agreement means something"),
            ),
            (KEEP_NONE, self.tr("Leave out every tag")),
            (KEEP_ALL, self.tr("Keep every tag — for reading or for going on together")),
        ):
            button = QRadioButton(text, self)
            button.setObjectName(f"shareTags_{choice}")
            self.tags.addButton(button)
            self.tag_buttons[choice] = button
            layout.addWidget(button)
        self.tag_buttons[KEEP_OTHERS].setChecked(True)
        layout.addWidget(QLabel(self.tr("Documents:"), self))
        self.documents = checkable_list(
            self, "shareDocuments", ((d.title, d.id) for d in window.project.documents.list()), checked=True
        )
        layout.addWidget(self.documents, 1)
        picks = QHBoxLayout()
        for text, state in (
            (self.tr("All"), Qt.CheckState.Checked),
            (self.tr("None"), Qt.CheckState.Unchecked),
        ):
            button = QPushButton(text, self)
            button.clicked.connect(lambda checked=False, s=state: self._check_all(s))
            picks.addWidget(button)
        picks.addStretch(1)
        layout.addLayout(picks)
        self.error = QLabel(self)
        self.error.setObjectName("shareError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #B00020")
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.share_button = buttons.addButton(
            self.tr("&Write the copy"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.share_button.setObjectName("shareButton")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._suggest_path()

    def _suggest_path(self) -> None:
        if self.path.isModified():
            return  # the user chose a file
        project = Path(self.window_.project.path)
        name = self.colleague.text().strip() or self.tr("colleague")
        self.path.setText(str(project.with_name(f"{project.stem}-{name}.sqlite")))

    def _browse(self) -> None:
        path = file_dialogs.save_file(
            self,
            "share",
            self.tr("Share a copy for a colleague"),
            self.path.text(),
            self.tr("Projects (*.sqlite)"),
        )
        if path:
            self.path.setText(path if path.endswith(".sqlite") else path + ".sqlite")
            self.path.setModified(True)

    def _check_all(self, state) -> None:
        for i in range(self.documents.count()):
            self.documents.item(i).setCheckState(state)

    def chosen_documents(self) -> list[int]:
        return [
            self.documents.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.documents.count())
            if self.documents.item(i).checkState() == Qt.CheckState.Checked
        ]

    def chosen_tags(self) -> str:
        return next(choice for choice, button in self.tag_buttons.items() if button.isChecked())

    def accept(self) -> None:
        window = self.window_
        everything = len(self.chosen_documents()) == self.documents.count()
        shared = attempt(
            self,
            lambda: window.project.sharing.share(
                self.path.text().strip(),
                self.colleague.text(),
                by_annotator_id=window.annotator.id,
                document_ids=None if everything else self.chosen_documents(),
                tags=self.chosen_tags(),
            ),
            show_error=self.error.setText,
        )
        if shared is None:
            return
        self.shared = shared
        window.statusBar().showMessage(
            self.tr(
                "Copy for {name} written to {path}. When it comes back: Review → Merge back a shared copy."
            ).format(name=self.shared.colleague, path=self.shared.path),
            12000,
        )
        super().accept()


class ConfirmColleague(QDialog):
    """Shown when a shared copy is first opened: whose tags will this be?"""

    def __init__(self, window, origin) -> None:
        super().__init__(window)
        self.setObjectName("confirmColleague")
        self.window_ = window
        self.setWindowTitle(self.tr("A copy shared with you"))
        layout = QVBoxLayout(self)
        text = QLabel(
            self.tr(
                "{by} shared this copy of a project for {name} on {when}.\n"
                "Your tags in it will carry the name below; please confirm it."
            ).format(by=origin.shared_by, name=origin.colleague, when=origin.shared_at[:10]),
            self,
        )
        text.setWordWrap(True)
        layout.addWidget(text)
        self.name = QLineEdit(origin.colleague, self)
        self.name.setObjectName("confirmColleagueName")
        layout.addWidget(self.name)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Confirm"))
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)

    def accept(self) -> None:
        name = self.name.text().strip()
        if not name:
            return
        window = self.window_
        window.annotator = window.project.sharing.confirm_colleague(name)
        window.refresh_documents()
        window.statusBar().showMessage(self.tr("You tag as {name} in this copy.").format(name=name), 8000)
        super().accept()
        window.activateWindow()  # the category keys act in the window again


def share_dialog(window) -> ShareDialog:
    dialog = ShareDialog(window)
    window.features.share_dialog = dialog  # tests find it here
    dialog.open()
    return dialog


def follow_origin(window) -> None:
    """In a shared copy, tag under the colleague's confirmed name; ask for it on the first open."""
    origin = window.project.sharing.origin()
    window.features.confirm_colleague_dialog = None
    if origin is None:
        return
    if origin.confirmed:
        if window.annotator.name != origin.confirmed:
            window.annotator = window.project.annotators.ensure(origin.confirmed)
            window.refresh_documents()
        return
    dialog = ConfirmColleague(window, origin)
    window.features.confirm_colleague_dialog = dialog
    dialog.open()


def _fill_merge_back(window, menu) -> None:
    from annotator.ui.review import merge as review_merge

    menu.clear()
    copies = window.project.sharing.copies()
    for c in reversed(copies):
        act = menu.addAction(
            window.tr("{name} — {file} ({when})").format(
                name=c.colleague, file=Path(c.path).name, when=c.shared_at[:10]
            )
        )
        act.setEnabled(Path(c.path).is_file())
        act.triggered.connect(lambda checked=False, p=c.path: review_merge.merge_dialog(window, p))
    if not copies:
        none = menu.addAction(window.tr("No copy shared yet (File → Share a copy for a colleague…)"))
        none.setEnabled(False)


def merge_back(window, path: str):
    """Merge a shared copy back (the Review menu entry's action)."""
    from annotator.ui.review import merge as review_merge

    return review_merge.merge_dialog(window, path)


def install(window) -> None:
    action = QAction(window.tr("Share a copy for a &colleague…"), window)
    action.setObjectName("shareCopyAction")
    action.triggered.connect(lambda: share_dialog(window))
    menu = window.menus["file"]
    before = getattr(window, "act_export", None)
    actions = menu.actions()
    at = actions.index(before) + 1 if before in actions else len(actions)
    if at < len(actions):
        menu.insertAction(actions[at], action)
    else:
        menu.addAction(action)
    window.features.act_share = action
    review = window.menus.get("review")
    if review is not None:
        back = review.addMenu(window.tr("Merge &back a shared copy"))
        back.setObjectName("mergeBackMenu")
        back.aboutToShow.connect(lambda: _fill_merge_back(window, back))
        first = review.actions()[1] if len(review.actions()) > 1 else None
        if first is not None:  # beside Merge a colleague's work
            review.insertMenu(first, back)
        window.features.merge_back_menu = back
    window.projectChanged.connect(lambda _path: QTimer.singleShot(0, lambda: follow_origin(window)))
    QTimer.singleShot(0, lambda: follow_origin(window))
