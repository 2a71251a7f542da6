"""Features that add menus, panels and dialogs to the main window.

Each listed module has `install(window)`: it adds its actions to `window.menus[...]` ("file", "edit",
"view", "tools"), may add dock widgets, and listens to `window.changesApplied` / `window.documentOpened`.
Actions that change the project go through a service and then `window.record(changes)`, so they show
at once and can be undone.
"""

from __future__ import annotations

from importlib import import_module

FEATURES: tuple[str, ...] = (
    "annotator.ui.codebook.editor",
    "annotator.ui.main_window.document_list",
    "annotator.ui.common.i18n",
    "annotator.ui.document.reading",
    "annotator.ui.main_window.external_changes",
    "annotator.ui.main_window.recovery",
    "annotator.ui.transfer.corrected_text",
    "annotator.ui.corpus.search",
    "annotator.ui.corpus.structure",
    "annotator.ui.corpus.statistics",
    "annotator.ui.corpus.segments",
    "annotator.ui.corpus.legal_words",
    "annotator.ui.document.text_steps",
    "annotator.ui.document.editing",
    "annotator.ui.document.find_bar",
    "annotator.ui.transfer.import_annotations",
    "annotator.ui.review.menu",
    "annotator.ui.review.share",
    "annotator.ui.suggestions",
    "annotator.ui.team.link",
)


def install_all(window) -> None:
    for name in FEATURES:
        import_module(name).install(window)
