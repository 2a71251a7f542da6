"""The rooms' parts of the main window: which modules are loaded at start, and the one typed object
(`window.features`) through which the window, other rooms and tests reach what they installed.

Each listed module is a `Feature`: its `install(window)` adds actions to `window.menus[...]` ("file",
"edit", "view", "tools", "review"), may add dock widgets, listens to `window.changesApplied` /
`window.documentOpened`, and puts the objects others need in its fields of `window.features` (nothing
is set on the window itself). Actions that change the project go through `window.run(call)`, which
shows a refusal in the interface language and records the Changes, so they show at once and undo.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import import_module
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QDialog, QDockWidget, QMenu

    from annotator.ui.codebook.dock import DockDropFilter
    from annotator.ui.codebook.editor import CodebookEditor
    from annotator.ui.corpus.legal_words import LegalWordsDialog
    from annotator.ui.corpus.search import SearchPanel
    from annotator.ui.corpus.segments import SegmentsDialog
    from annotator.ui.corpus.statistics import StatisticsDialog
    from annotator.ui.corpus.structure import StructurePanel
    from annotator.ui.document.editing import Editing
    from annotator.ui.document.find_bar import FindBar
    from annotator.ui.document.reading import ReadingPreferences
    from annotator.ui.main_window.document_list import DocumentPanel
    from annotator.ui.main_window.external_changes import ExternalChanges
    from annotator.ui.main_window.recovery import BackupKeeper
    from annotator.ui.main_window.window import MainWindow
    from annotator.ui.review.compare import CompareDock
    from annotator.ui.review.curation import CurationView
    from annotator.ui.review.menu import ReviewLayers
    from annotator.ui.review.merge import MergeDialog
    from annotator.ui.review.report import ReportDialog
    from annotator.ui.review.share import ConfirmColleague, ShareDialog
    from annotator.ui.suggest.layer import SuggestionLayer
    from annotator.ui.team.link import TeamLink
    from annotator.ui.transfer.search_indexing import SearchIndexing


class Feature(Protocol):
    """A module the window loads at start."""

    def install(self, window: MainWindow) -> None: ...


@dataclass
class Features:
    """What the rooms installed, by room. A field stays None until its feature is installed (dialogs:
    until first opened); a window without some feature simply leaves it None."""

    # main_window
    document_panel: DocumentPanel | None = None
    external_changes: ExternalChanges | None = None
    backups: BackupKeeper | None = None
    restore_action: QAction | None = None
    language_actions: dict[str, QAction] = field(default_factory=dict)
    # document
    editing: Editing | None = None
    reading: ReadingPreferences | None = None  # fonts, zoom, paragraph spacing, palette, position
    find_bar: FindBar | None = None
    # codebook
    codebook_editor: CodebookEditor | None = None
    codebook_drop_filter: DockDropFilter | None = None
    act_edit_codebook: QAction | None = None
    # transfer
    corrected_action: QAction | None = None
    flagged_action: QAction | None = None
    act_import_annotations: QAction | None = None
    search_indexing: SearchIndexing | None = None  # imported documents indexed after the import
    # corpus
    search_panel: SearchPanel | None = None
    search_dock: QDockWidget | None = None
    structure_panel: StructurePanel | None = None
    structure_dock: QDockWidget | None = None
    statistics_dialog: StatisticsDialog | None = None
    show_statistics: Callable[[], object] | None = None
    segments_dialog: SegmentsDialog | None = None
    show_segments: Callable[[], object] | None = None
    legal_words_dialog: LegalWordsDialog | None = None
    show_legal_words: Callable[[], object] | None = None
    # review
    review_layers: ReviewLayers | None = None
    review_merge_action: QAction | None = None
    review_next: QAction | None = None
    review_previous: QAction | None = None
    curation_action: QAction | None = None
    export_agreed_action: QAction | None = None
    export_agreed_dialog: QDialog | None = None
    review_report_dialog: ReportDialog | None = None
    compare_dock: CompareDock | None = None
    review_merge_dialog: MergeDialog | None = None
    curation_view: CurationView | None = None
    share_dialog: ShareDialog | None = None
    confirm_colleague_dialog: ConfirmColleague | None = None
    act_share: QAction | None = None
    merge_back_menu: QMenu | None = None
    # suggest
    suggestion_layer: SuggestionLayer | None = None
    # "show", "fastest", "everyone" (the Tools toggles), "batch", "settings" (the dialogs)
    suggestion_actions: dict[str, QAction] = field(default_factory=dict)
    # team
    act_connect_team: QAction | None = None
    team_link: TeamLink | None = None


FEATURES: tuple[str, ...] = (
    "annotator.ui.codebook.dock",
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
    "annotator.ui.transfer.search_indexing",
    "annotator.ui.review.menu",
    "annotator.ui.review.share",
    "annotator.ui.suggest.layer",
    "annotator.ui.team.link",
)


def install_all(window: MainWindow) -> None:
    for name in FEATURES:
        feature: Feature = import_module(name)  # type: ignore[assignment]  (a module meeting the protocol)
        feature.install(window)
