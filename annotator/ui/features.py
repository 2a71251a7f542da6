"""Features that add menus, panels and dialogs to the main window.

Each listed module has `install(window)`: it adds its actions to `window.menus[...]` ("file", "edit",
"view", "tools"), may add dock widgets, and listens to `window.changesApplied` / `window.documentOpened`.
Actions that change the project go through a service and then `window.record(changes)`, so they show
at once and can be undone.
"""

from __future__ import annotations

from importlib import import_module

FEATURES: tuple[str, ...] = (
    "annotator.ui.codebook_editor",
    "annotator.ui.document_panel",
    "annotator.ui.i18n",
    "annotator.ui.comfort",
    "annotator.ui.refresh",
    "annotator.ui.recovery",
    "annotator.ui.versions",
    "annotator.ui.search_dock",
    "annotator.ui.search_structure",
    "annotator.ui.search_stats",
    "annotator.ui.search_segments",
    "annotator.ui.legal_words",
    "annotator.ui.text_steps",
    "annotator.ui.editing",
    "annotator.ui.find_bar",
    "annotator.ui.import_annotations",
    "annotator.ui.review_menu",
    "annotator.ui.review_share",
    "annotator.ui.suggestions",
    "annotator.ui.team",
)


def install_all(window) -> None:
    for name in FEATURES:
        import_module(name).install(window)
