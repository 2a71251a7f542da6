"""The window's File commands on whole projects and on the codebook file: new, open, import and export.

A mixin of `MainWindow` (its methods are the window's, named in the menus and the tests); the strings keep
the window's translation context, so the catalogue finds them where it always did.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from annotator.services import Project
from annotator.ui.common import file_dialogs

if TYPE_CHECKING:
    from annotator.ui.main_window.window import MainWindow


class ProjectFiles:
    """File → New/Open project, Import documents, codebook import/export and Export annotations."""

    def new_project(self: MainWindow) -> None:
        path = file_dialogs.save_file(
            self,
            "new-project",
            QCoreApplication.translate("MainWindow", "New project"),
            "project.sqlite",
            QCoreApplication.translate("MainWindow", "Projects (*.sqlite)"),
            fallback=self.project.path.parent,
        )
        if not path:
            return
        if not path.endswith(".sqlite"):
            path += ".sqlite"
        from annotator.services.outputs import protected_reason

        reason = protected_reason(self.project.path, path, any_database=False)
        if reason:  # the open project, its -wal/-shm or a backup: never deleted to make room
            QMessageBox.warning(
                self, QCoreApplication.translate("MainWindow", "New project"), f"{path}: {reason}"
            )
            return
        if Path(path).exists():
            Path(path).unlink()  # the save dialog already asked whether to replace it
        project = self.run(lambda: Project.create(path))
        if project:
            self.switch_project(project)

    def open_project_dialog(self: MainWindow) -> None:
        path = file_dialogs.open_file(
            self,
            "open-project",
            QCoreApplication.translate("MainWindow", "Open project"),
            QCoreApplication.translate("MainWindow", "Projects (*.sqlite);;All files (*)"),
            fallback=self.project.path.parent,
        )
        if path:
            self.open_project(path)

    def open_project(self: MainWindow, path: str) -> None:
        from annotator.ui.main_window.recovery import (
            open_or_recover,  # offers a backup when the file is damaged
        )

        project = open_or_recover(self, path)
        if project:
            self.switch_project(project)

    def import_dialog(self: MainWindow) -> None:
        from annotator.ui.transfer.import_dialog import ImportDialog

        dialog = ImportDialog(self.project, self)
        if dialog.exec() and dialog.changes is not None:
            self.apply_changes(dialog.changes)
            if dialog.changes.documents_added:
                self.open_document(dialog.changes.documents_added[0].id)

    def import_codebook(self: MainWindow, path: str | None = None) -> None:
        if path is None:
            path = file_dialogs.open_file(
                self,
                "codebook",
                QCoreApplication.translate("MainWindow", "Import codebook"),
                QCoreApplication.translate("MainWindow", "Codebooks (*.json)"),
            )
        if path:
            changes = self.run(lambda: self.project.codebook.import_file(path), record=False)
            if changes:
                self.refresh_codebook()
                self.statusBar().showMessage(
                    QCoreApplication.translate("MainWindow", "{n} categories added.").format(
                        n=len(changes.categories_added)
                    ),
                    5000,
                )

    def export_codebook(self: MainWindow, path: str | None = None) -> None:
        if path is None:
            path = file_dialogs.save_file(
                self,
                "codebook",
                QCoreApplication.translate("MainWindow", "Export codebook"),
                str(self.project.path.with_suffix(".codebook.json")),
                QCoreApplication.translate("MainWindow", "Codebooks (*.json)"),
            )
        if path:
            self.run(lambda: self.project.codebook.export_file(path))

    def export_dialog(self: MainWindow) -> None:
        self.new_export_dialog(self.annotator.id).exec()

    def new_export_dialog(self: MainWindow, annotator_id: int):
        """The export dialog, preset to one annotator's tags: other rooms (review) open it through the
        window rather than importing the transfer room."""
        from annotator.ui.transfer.export_dialog import ExportDialog

        return ExportDialog(self.project, self, annotator_id=annotator_id)
