"""Starting the GUI: application object, settings, which project to open, who is annotating."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

from annotator.core.errors import AnnotatorError, DamagedProjectError
from annotator.core.paths import user_config_dir
from annotator.services import Project
from annotator.services.annotators import default_name
from annotator.services.sample import ensure_sample_project
from annotator.ui.common.i18n import error_text
from annotator.ui.main_window.window import MainWindow


def settings() -> QSettings:
    """Settings in an INI file in the user config folder (readable, and easy to isolate in tests)."""
    return QSettings(str(user_config_dir() / "settings.ini"), QSettings.Format.IniFormat)


def application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Judgment Annotator")
    app.setOrganizationName("judgment-annotator")
    font = app.font()
    # Prefer a CJK UI font where one is installed so Chinese in lists and menus is not a fallback mix.
    for family in ("Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei"):
        if family in _families():
            font = QFont(family, font.pointSize())
            break
    app.setFont(font)
    return app


def _families() -> set[str]:
    from PySide6.QtGui import QFontDatabase

    return set(QFontDatabase.families())


def annotator_name(store: QSettings, parent=None, ask: bool = True) -> str:
    name = store.value("annotator/name", "")
    if not name and ask:
        name, ok = QInputDialog.getText(
            parent,
            QCoreApplication.translate("App", "Judgment Annotator"),
            QCoreApplication.translate(
                "App", "Your name as annotator (it is saved with every tag you make):"
            ),
            text=default_name(),
        )
        name = name.strip() if ok and name.strip() else default_name()
    name = name or default_name()
    store.setValue("annotator/name", name)
    return name


def choose_project(argv: list[str], store: QSettings) -> Path:
    if argv:
        return Path(argv[0])
    last = store.value("project/last", "")
    if last and Path(last).is_file():
        return Path(last)
    return ensure_sample_project()


def create_window(argv: list[str], store: QSettings | None = None, ask_name: bool = True) -> MainWindow:
    store = store or settings()
    from annotator.ui.common import i18n

    i18n.load_from_settings(QApplication.instance(), store)  # before the first dialog or window
    path = choose_project(argv, store)
    try:
        project = (
            Project.create(path)
            if not path.exists() and path.suffix == ".sqlite" and argv
            else Project.open(path)
        )
    except DamagedProjectError as exc:
        from annotator.ui.main_window.recovery import offer_recovery

        project = offer_recovery(None, exc, path) or Project.open(ensure_sample_project())
    except AnnotatorError as exc:
        QMessageBox.warning(
            None,
            QCoreApplication.translate("App", "Judgment Annotator"),
            QCoreApplication.translate("App", "{error}\n\nThe sample project opens instead.").format(
                error=error_text(exc)
            ),
        )
        project = Project.open(ensure_sample_project())
    return MainWindow(project, annotator_name(store, ask=ask_name), store)


def run(argv: list[str]) -> int:
    app = application()
    window = create_window(argv)
    window.show()
    return app.exec()
