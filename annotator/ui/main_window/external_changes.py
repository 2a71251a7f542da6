"""Show what another process (a second window, the CLI, a colleague's script) wrote to the open project.

SQLite's data version changes only when another connection commits, so checking it is cheap and never
fires for this window's own actions. It is checked when the window regains focus, when the project's
write-ahead log changes on disk (a file watcher), and on a slow timer as a fallback for file systems that
do not report changes.
"""

from __future__ import annotations

import operator

from PySide6.QtCore import QEvent, QFileSystemWatcher, QObject, QTimer

from annotator.core.errors import AnnotatorError
from annotator.core.model import text_sha256
from annotator.ui.common.i18n import error_text

POLL_MS = 3000


class ExternalChanges(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self._project = None
        self._version = -1
        self.refreshes = 0
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(lambda _path: self._soon.start())
        self.watcher.directoryChanged.connect(lambda _path: self._soon.start())
        # File events come in bursts (one per page written): check once after they settle.
        self._soon = QTimer(self, singleShot=True, interval=150)
        self._soon.timeout.connect(self.check)
        self.timer = QTimer(self, interval=POLL_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        window.installEventFilter(self)
        self._follow_project()

    def _follow_project(self) -> None:
        project = self.window.project
        if project is self._project:
            return
        self._project = project
        self._version = self._read_version()
        files = self.watcher.files() + self.watcher.directories()
        if files:
            self.watcher.removePaths(files)
        if getattr(project, "on_server", False):
            self.timer.stop()  # a team server notifies the window itself (ui/team/link.py): nothing to poll
            return
        self.timer.start()
        wal = project.path.with_name(project.path.name + "-wal")
        # The -wal file may come and go with checkpoints; the folder reports its creation.
        self.watcher.addPaths([str(p) for p in (wal, project.path, project.path.parent) if p.exists()])

    def _read_version(self) -> int:
        try:
            return self.window.project.data_version()
        except AnnotatorError:
            return self._version
        except Exception:  # noqa: BLE001 (a closed project while the window shuts down)
            return self._version

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt API)
        if obj is self.window and event.type() == QEvent.Type.WindowActivate:
            self.check()
        elif obj is self.window and event.type() == QEvent.Type.Close:
            # Whether the close goes through is known once the window has handled it (a dialog may
            # still keep it open): look right after.
            QTimer.singleShot(0, self, self._stop_if_closed)
        return False

    def _stop_if_closed(self) -> None:
        """A closed window polls and watches nothing: its project is closed, and a timer left running
        would wake the process every few seconds for as long as it lives."""
        if self.window.isVisible():
            return
        self.stop()

    def stop(self) -> None:
        self.timer.stop()
        self._soon.stop()
        files = self.watcher.files() + self.watcher.directories()
        if files:
            self.watcher.removePaths(files)

    @property
    def polling(self) -> bool:
        """True while the timer or a file watch can wake this window to check the project."""
        return self.timer.isActive() or bool(self.watcher.files() or self.watcher.directories())

    def check(self) -> bool:
        """Reload the views when another process committed since the last check; True if it did."""
        if self.window.project is not self._project:
            self._follow_project()
            return False
        self._check_wal()
        version = self._read_version()
        if version == self._version:
            return False
        self._version = version
        self.reload()
        return True

    def _check_wal(self) -> None:
        """Someone deleted or replaced the -wal file this window writes to (an outside fault). This
        connection still reads the deleted file, so a backup made now holds every confirmed action."""
        project = self.window.project
        if not self.window.isVisible():
            return
        try:
            if getattr(self, "_wal_warned", None) is project or not project.wal_lost():
                return
        except Exception:  # noqa: BLE001 (a project closing while the window shuts down)
            return
        self._wal_warned = project
        from PySide6.QtWidgets import QMessageBox

        from annotator.services import backup as backups

        try:
            rescued = str(backups.make_backup(project))
        except AnnotatorError as exc:
            rescued = self.tr("no backup could be made ({error})").format(error=error_text(exc))
        QMessageBox.warning(
            self.window,
            self.tr("Project file removed"),
            self.tr(
                "The file {name} of the open project was deleted or replaced by another program. What was saved "
                "since the project was opened could be lost when it is closed. A backup holding everything saved "
                "so far was made: {backup}. Restore it now (File → Restore from backup…). Never delete the "
                "-wal and -shm files of an open project."
            ).format(name=project.path.name + "-wal", backup=rescued),
        )

    def _text_replaced(self, document_id: int) -> bool:
        try:
            info = self.window.project.documents.info(document_id)
        except AnnotatorError:
            return False
        return info.length != len(self.window.view.text) or info.sha256 != text_sha256(self.window.view.text)

    def reload(self, message: str | None = None) -> None:
        """Show what another process changed. Nothing is said when nothing visible changed: SQLite's data
        version also moves when another process only folds the write-ahead log into the file."""
        w = self.window
        docs_before, cats_before = list(w.doc_model.docs), list(w._categories.values())
        w.refresh_documents()
        w.refresh_codebook()  # categories another process added, and their colours
        changed = list(w.doc_model.docs) != docs_before or list(w._categories.values()) != cats_before
        if w.document_id is not None and not any(d.id == w.document_id for d in w.doc_model.docs):
            # The open document was removed elsewhere: show the first one left, or nothing.
            w.document_id = None
            w.undo_stack.clear()
            if w.doc_model.docs:
                w.open_document(w.doc_model.docs[0].id)
            else:
                w.view.set_document("", [], {})
                w.ann_model.set_annotations([])
                w._set_active(None)
            changed = True
        elif w.document_id is not None and self._text_replaced(w.document_id):
            # A corrected text was stored (`annotator update-doc`): show it, and forget undo steps whose
            # offsets belong to the old text.
            w.undo_stack.clear()
            w.open_document(w.document_id)
            changed = True
        elif w.document_id is not None:
            doc_id, active = w.document_id, w.active_annotation
            tags = w.project.annotations.list(document_ids=[doc_id])
            by_id = operator.attrgetter("id")
            if sorted(tags, key=by_id) != sorted(w.ann_model.rows, key=by_id):
                changed = True
                colors = w._category_colors
                w.view.replace_spans(
                    [(a.start, a.end, a.id) for a in tags],
                    {a.id: colors.get(a.category_id, "#888888") for a in tags},
                )
                w.ann_model.set_annotations(tags)
                w.refresh_codebook()
                if active is not None and any(a.id == active for a in tags):
                    w.view.set_active_span(active)
                else:
                    w._set_active(None)
        if changed:
            self.refreshes += 1
            w.statusBar().showMessage(
                message or self.tr("Updated with changes saved by another window or program."), 5000
            )


def install(window) -> None:
    window.features.external_changes = ExternalChanges(window)
