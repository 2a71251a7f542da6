"""The Review menu: merge a colleague's work, choose whose tags are shown and how they are coloured,
compare two annotators, read the agreement report.

Whose tags are shown is a layer per annotator: the document view keeps painting from its span index,
and hidden annotators' spans are simply taken out of it when a document opens or tags change.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence

from annotator.core.changes import Changes

# Colours for colouring by annotator: distinct and light enough to read black text on.
ANNOTATOR_PALETTE = ("#8ECAE6", "#FFB703", "#B5E48C", "#F4A261", "#CDB4DB", "#FF8FA3", "#90E0EF", "#E9C46A")
BY_CATEGORY, BY_ANNOTATOR = "category", "annotator"


class ReviewLayers(QObject):
    """Which annotators' tags the document view shows, and whether colour says category or annotator."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window_ = window
        self.hidden: set[int] = set()
        self.color_mode = BY_CATEGORY
        # A newly opened document already shows every tag in its category colour: re-applying the
        # default layers would add each of its tags a second time.
        window.documentOpened.connect(lambda _doc: None if self.default else self.apply())
        window.changesApplied.connect(self.changes_applied)
        window.projectChanged.connect(self.reset)

    def reset(self, *_args) -> None:
        """Another project: its annotators are other people, so every layer shows again."""
        self.hidden = set()

    @property
    def default(self) -> bool:
        return not self.hidden and self.color_mode == BY_CATEGORY

    def annotator_color(self, annotator_id: int) -> str:
        ids = [a.id for a in self.window_.project.annotators.list()]
        k = ids.index(annotator_id) if annotator_id in ids else annotator_id
        return ANNOTATOR_PALETTE[k % len(ANNOTATOR_PALETTE)]

    def color_of(self, a) -> str:
        if self.color_mode == BY_ANNOTATOR:
            return self.annotator_color(a.annotator_id)
        return self.window_._category_colors.get(a.category_id, "#888888")

    def set_visible(self, annotator_id: int, visible: bool) -> None:
        (self.hidden.discard if visible else self.hidden.add)(annotator_id)
        self.apply()

    def show_only(self, annotator_ids) -> None:
        self.hidden = {a.id for a in self.window_.project.annotators.list()} - set(annotator_ids)
        self.apply()

    def set_color_mode(self, mode: str) -> None:
        self.color_mode = mode
        self.apply()

    def apply(self) -> None:
        """Show the open document's tags as the layers say."""
        window = self.window_
        if window.document_id is None:
            return
        # From the tag list's integer columns, in one go: no record and no search per tag.
        c = window.ann_model.columns
        if self.color_mode == BY_ANNOTATOR:
            colour_of = {aid: self.annotator_color(aid) for aid in set(c.annotator_ids)}
            colours = [colour_of[aid] for aid in c.annotator_ids]
        else:
            category = window._category_colors
            colours = [category.get(cid, "#888888") for cid in c.category_ids]
        shown = [i for i, aid in enumerate(c.annotator_ids) if aid not in self.hidden]
        window.view.replace_spans(
            [(c.starts[i], c.ends[i], c.ids[i]) for i in shown],
            {c.ids[i]: colours[i] for i in shown},
            keep_active=True,
        )

    def changes_applied(self, changes: Changes) -> None:
        if self.default:
            return
        view = self.window_.view
        for a in (*changes.annotations_added, *changes.annotations_updated):
            if a.document_id != self.window_.document_id:
                continue
            if a.annotator_id in self.hidden:
                view.remove_span(a.id)
            elif a.id in view.spans:
                view.set_span_color(a.id, self.color_of(a))


def _fill_annotators_menu(menu, layers: ReviewLayers) -> None:
    menu.clear()
    for a in layers.window_.project.annotators.list():
        act = menu.addAction(a.name)
        act.setCheckable(True)
        act.setChecked(a.id not in layers.hidden)
        act.toggled.connect(lambda on, i=a.id: layers.set_visible(i, on))
    menu.addSeparator()
    everyone = menu.addAction(menu.tr("Show everyone"))
    everyone.triggered.connect(
        lambda: layers.show_only([a.id for a in layers.window_.project.annotators.list()])
    )
    me = menu.addAction(menu.tr("Only mine"))
    me.triggered.connect(lambda: layers.show_only([layers.window_.annotator.id]))


def install(window) -> None:
    menu = window.menuBar().addMenu(window.tr("&Review"))
    menu.setObjectName("reviewMenu")
    window.menus["review"] = menu
    layers = ReviewLayers(window)
    window.features.review_layers = layers

    def action(text: str, shortcut: str | None, slot) -> QAction:
        act = QAction(text, window)
        if shortcut:
            act.setShortcut(QKeySequence(shortcut))
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        act.triggered.connect(lambda checked=False: slot())
        menu.addAction(act)
        return act

    from annotator.ui.review import compare as review_compare
    from annotator.ui.review import report as review_report

    def merge() -> None:
        # With the merging service: imported when first used.
        from annotator.ui.review import merge as review_merge

        review_merge.merge_dialog(window)

    window.features.review_merge_action = action(window.tr("&Merge a colleague's work…"), "Ctrl+Alt+M", merge)
    menu.addSeparator()
    shown = menu.addMenu(window.tr("&Show tags of"))
    shown.setObjectName("reviewAnnotatorsMenu")
    shown.aboutToShow.connect(lambda: _fill_annotators_menu(shown, layers))
    colour = menu.addMenu(window.tr("&Colour tags by"))
    group = QActionGroup(window)
    for text, mode in ((window.tr("Category"), BY_CATEGORY), (window.tr("Annotator"), BY_ANNOTATOR)):
        act = colour.addAction(text)
        act.setCheckable(True)
        act.setChecked(mode == layers.color_mode)
        act.setData(mode)
        group.addAction(act)
        act.triggered.connect(lambda checked=False, m=mode: layers.set_color_mode(m))
    menu.addSeparator()
    compare = review_compare.install(window)
    action(window.tr("&Compare two annotators"), "Ctrl+Alt+D", compare.open)
    window.features.review_next = action(window.tr("&Next disagreement"), "F9", compare.next_disagreement)
    window.features.review_previous = action(
        window.tr("&Previous disagreement"), "Shift+F9", compare.previous_disagreement
    )
    from annotator.ui.review import curation as review_curation

    window.features.curation_action = action(
        window.tr("C&uration view: two readings side by side"),
        "Ctrl+Alt+U",
        lambda: review_curation.open_curation(window),
    )
    window.features.export_agreed_action = action(
        window.tr("&Export the agreed layer…"), None, lambda: export_agreed(window)
    )
    menu.addSeparator()
    action(window.tr("&Agreement report…"), "Ctrl+Alt+R", lambda: review_report.report_dialog(window))


def export_agreed(window):
    """The export dialog for the agreed layer (审定) only: what a team publishes after adjudicating."""
    agreed = window.project.review.agreed_annotator_id()
    if agreed is None:
        window.statusBar().showMessage(
            window.tr(
                "Nothing is agreed yet: settle disagreements in the curation view or the compare dock first."
            ),
            6000,
        )
        return None
    dialog = window.new_export_dialog(agreed)
    dialog.setObjectName("exportAgreedDialog")
    dialog.only_mine.setText(window.tr("Only the agreed layer (审定)"))
    dialog.only_mine.setChecked(True)
    window.features.export_agreed_dialog = dialog  # tests find it here
    dialog.exec()
    return dialog
