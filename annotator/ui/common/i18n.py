"""The interface language: 简体中文 or English, from the system locale unless the user chose one
(View → Language, saved in the settings and applied at the next start).

Translations are Qt .ts sources in resources/translations/, compiled to .qm files that are committed
next to them, so users need no Qt tools: `python -m annotator.ui.common.i18n` refreshes both from the code
(pyside6-lupdate, pyside6-lrelease; tests/ui/common/test_i18n.py checks the .qm matches its .ts).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QProcess,
    QSettings,
    QTranslator,
)
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMessageBox

from annotator.core.paths import resource

SETTING = "ui/language"
LANGUAGES = {"zh_CN": "简体中文", "en": "English"}  # each name in its own language, as menus show them
_installed: list[QTranslator] = []
# Qt's own file-dialog labels that the qtbase_zh_CN.qm shipped with PySide6 lacks (its entries are the
# older "Look in:" and "Files of type:", without the mnemonics the dialog now uses): translated in our
# file under Qt's context, so the dialog asks our translator for them.
QT_LABELS_MISSING = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
    # The type column's "Folder" (Qt asks with a disambiguation our .qm lacks: the
    # translator that matches by text alone answers it).
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Folder"),
)


def system_language() -> str:
    return "zh_CN" if QLocale.system().name().startswith("zh") else "en"


def chosen_language(settings: QSettings) -> str:
    """The language to show: the user's choice if any, else the system's."""
    choice = str(settings.value(SETTING, "") or "")
    return choice if choice in LANGUAGES else system_language()


def translations_dir() -> Path:
    return resource("translations")


class ContextFreeTranslator(QTranslator):
    """Looks a string up by its text alone, when the exact (context, text) pair is not in the .qm.

    lupdate names the context of `window.tr("…")` in a module function after the variable ("window"),
    while Qt looks it up under the object's class ("MainWindow"); this catches such strings."""

    def __init__(self, ts: Path, parent=None) -> None:
        super().__init__(parent)
        self.table: dict[str, str] = {}
        if ts.is_file():
            import xml.etree.ElementTree as ET

            for message in ET.parse(ts).getroot().iter("message"):
                source, translation = message.findtext("source"), message.find("translation")
                if (
                    source
                    and translation is not None
                    and translation.text
                    and translation.get("type") not in ("unfinished", "obsolete", "vanished")
                ):
                    self.table.setdefault(source, translation.text)

    def translate(self, context, source_text, disambiguation=None, n=-1):  # noqa: ARG002 (Qt API)
        return self.table.get(source_text)  # None: a null string, so Qt asks the next translator

    def isEmpty(self) -> bool:  # noqa: N802 (Qt API)
        return not self.table


def load_translations(app: QCoreApplication, language: str) -> str:
    """Load the translators for `language` into the application (replacing earlier ones)."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if language == "en":  # the source strings are English
        return language
    fallback = ContextFreeTranslator(translations_dir() / f"annotator_{language}.ts", app)
    if fallback.table:  # installed first, so asked last
        app.installTranslator(fallback)
        _installed.append(fallback)
    ours = QTranslator(app)
    if ours.load(f"annotator_{language}", str(translations_dir())):
        app.installTranslator(ours)
        _installed.append(ours)
    # Qt's own strings: the buttons of message boxes, file and colour dialogs.
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    return language


def load_from_settings(app: QCoreApplication, settings: QSettings) -> str:
    return load_translations(app, chosen_language(settings))


def install_menu(window) -> None:
    """View → Language: follow the system, or one of the shipped languages."""
    menu = window.menus["view"].addMenu(QCoreApplication.translate("Language", "&Language"))
    menu.setObjectName("languageMenu")
    group = QActionGroup(window)
    current = str(window.settings.value(SETTING, "") or "")
    window.features.language_actions = {}
    choices = [("", QCoreApplication.translate("Language", "System default"))] + list(LANGUAGES.items())
    for code, label in choices:
        act = QAction(label, window)
        act.setCheckable(True)
        act.setChecked(code == current)
        act.triggered.connect(lambda _checked=False, c=code: choose(window, c))
        group.addAction(act)
        menu.addAction(act)
        window.features.language_actions[code] = act


def choose(window, code: str, *, tell: bool = True) -> None:
    """Remember the choice; it applies when the program starts again (offered at once), because every
    window, menu and dialog is built in the language loaded at start."""
    window.settings.setValue(SETTING, code)
    window.settings.sync()
    if not tell:
        return
    box = QMessageBox(
        QMessageBox.Icon.Information,
        QCoreApplication.translate("Language", "Language"),
        QCoreApplication.translate(
            "Language",
            "The new language is used from the next start of "
            "Judgment Annotator.\n界面语言将在下次启动时切换。",
        ),
        parent=window,
    )
    restart = box.addButton(
        QCoreApplication.translate("Language", "Restart now"), QMessageBox.ButtonRole.AcceptRole
    )
    box.addButton(QCoreApplication.translate("Language", "Later"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if box.clickedButton() is restart:
        restart_program(window)


def restart_program(window) -> bool:
    """Close the window (which saves everything) and start the program again on the same project."""
    if not window.close():
        return False
    return QProcess.startDetached(sys.executable, ["-m", "annotator", str(window.project.path)])[0]


# Names of the exchange formats (annotator/formats/*.py LABEL), for the export dialog: listed here so
# that lupdate collects them; `format_label` looks them up.
FORMAT_LABELS = (
    QT_TRANSLATE_NOOP("Formats", "brat standoff (zip of .txt + .ann)"),
    QT_TRANSLATE_NOOP("Formats", "CoNLL BIO (per character, or per jieba word)"),
    QT_TRANSLATE_NOOP("Formats", "CSV table (Excel)"),
    QT_TRANSLATE_NOOP("Formats", "HTML report (printable)"),
    QT_TRANSLATE_NOOP("Formats", "JSON bundle"),
    QT_TRANSLATE_NOOP("Formats", "doccano JSONL"),
    QT_TRANSLATE_NOOP("Formats", "Label Studio tasks (JSON)"),
    QT_TRANSLATE_NOOP("Formats", "Label Studio labelling config (XML)"),
    QT_TRANSLATE_NOOP("Formats", "UIMA CAS XMI (INCEpTION, zip with the type system)"),
    QT_TRANSLATE_NOOP("Formats", "WebAnno TSV 3.3 (INCEpTION, zip of .tsv)"),
    QT_TRANSLATE_NOOP("Formats", "REFI-QDA codebook"),
    QT_TRANSLATE_NOOP("Formats", "REFI-QDA project (NVivo, ATLAS.ti, MAXQDA)"),
    QT_TRANSLATE_NOOP("Formats", "W3C Web Annotation (JSON-LD)"),
    QT_TRANSLATE_NOOP("Formats", "Excel workbook"),
)


def format_label(label: str) -> str:
    return QCoreApplication.translate("Formats", label)


def structured_text(message) -> str | None:
    """A core.messages.Message in the interface language (its template looked up, its parameters
    filled in); None for a plain string."""
    from annotator.core.messages import CONTEXT, Message

    if not isinstance(message, Message):
        return None
    return message.render(lambda template: QCoreApplication.translate(CONTEXT, template))


def message_text(message: str) -> str:
    """A service's message in the interface language: a Message is translated from its template and
    parameters; a plain string (a detail from outside, such as a database driver's) shows as it is."""
    found = structured_text(message)
    return found if found is not None else message


def error_text(exc: Exception) -> str:
    """An AnnotatorError as the user should read it: its file, then its message translated."""
    message = getattr(exc, "message", None)
    found = structured_text(message)
    if found is None:
        return message_text(str(exc))
    path = getattr(exc, "path", None)
    return f"{path}: {found}" if path else found


def action_text(action) -> str:
    """An action's name from the services (Changes.action, a Message: its template is the action's
    id, its parameters the names in it) in the interface language, for the Undo and Redo entries."""
    found = structured_text(action)
    if found is not None:
        return found
    # Every service names its action with a Message (tests/ui/common/test_action_labels.py); an empty
    # one still gets a name in the interface language.
    return str(action) or QCoreApplication.translate("Actions", "Change")


def install(window) -> None:
    """The feature hook (ui/main_window/registry.py)."""
    install_menu(window)


# Tools for maintainers ---------------------------------------------------------------------------


def _tool(name: str) -> str:
    here = Path(sys.executable).parent
    for candidate in (here / f"pyside6-{name}", shutil.which(f"pyside6-{name}")):
        if candidate and Path(candidate).is_file():
            return str(candidate)
    raise FileNotFoundError(f"pyside6-{name} not found (it comes with PySide6)")


def update_sources(root: Path) -> None:
    """Collect the strings of annotator/ into the .ts files and compile the .qm files."""
    sources = sorted(str(p) for p in (root / "annotator").rglob("*.py"))
    for code in LANGUAGES:
        if code == "en":
            continue
        ts = root / "resources" / "translations" / f"annotator_{code}.ts"
        subprocess.run(
            [_tool("lupdate"), "-no-obsolete", "-locations", "none", *sources, "-ts", str(ts)], check=True
        )
        compile_ts(ts, ts.with_suffix(".qm"))


def compile_ts(ts: Path, qm: Path) -> None:
    subprocess.run([_tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


if __name__ == "__main__":
    update_sources(Path(__file__).resolve().parents[3])
