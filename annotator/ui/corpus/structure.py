"""The judgment's structure beside the open document: case number, court, date, cause, parties, judges,
its sections and the statutes it cites. Clicking a section or a citation selects it in the text.
Tools → Detect judgment structure runs the detector again over every document (with progress, can be
cancelled)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QTreeWidget, QTreeWidgetItem

from annotator.core.shorten import shorten
from annotator.text.numerals import written_number
from annotator.text.section_kinds import SECTION_KINDS, SECTION_LABELS
from annotator.text.sentences import sentence_at
from annotator.ui.common.progress import Progress

RANGE_ROLE = Qt.ItemDataRole.UserRole + 2

# Marked for lupdate under the panel's own context, so that `self.tr(label)` finds the translations.
_FACTS = (
    ("case_number", QT_TRANSLATE_NOOP("StructurePanel", "Case number")),
    ("court", QT_TRANSLATE_NOOP("StructurePanel", "Court")),
    ("document_type", QT_TRANSLATE_NOOP("StructurePanel", "Document type")),
    ("case_kind", QT_TRANSLATE_NOOP("StructurePanel", "Kind")),
    ("procedure", QT_TRANSLATE_NOOP("StructurePanel", "Procedure")),
    ("date", QT_TRANSLATE_NOOP("StructurePanel", "Date")),
    ("year", QT_TRANSLATE_NOOP("StructurePanel", "Year")),
    ("cause", QT_TRANSLATE_NOOP("StructurePanel", "Cause of action")),
    ("clerk", QT_TRANSLATE_NOOP("StructurePanel", "Clerk")),
)


SENTENCE_CHARS = 60
LABEL_SHARE = (
    0.55  # of the panel's width at most for the labels; beyond, a label is cut (its tooltip is whole)
)
MIN_LABEL_WIDTH = 120


def citation_label(c: dict) -> str:
    """A citation as a judgment writes it: 《反不正当竞争法》第二条第一款第三项, 第十二条之一."""
    label = f"《{c['statute']}》第{written_number(c['article'])}条"
    if c["article_suffix"]:
        label += f"之{written_number(c['article_suffix'])}"
    if c["paragraph"]:
        label += f"第{written_number(c['paragraph'])}款"
    if c["item"]:
        label += f"第{written_number(c['item'])}项"
    return label


class StructurePanel(QTreeWidget):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.setObjectName("structureTree")
        self.setColumnCount(2)
        self.setHeaderLabels([self.tr("Item"), self.tr("Value")])
        # The first column fits its longest label (《中华人民共和国反不正当竞争法》第二条); the values, often
        # whole sentences, take the rest and are cut with "…" (their tooltip shows them whole).
        self.header().setStretchLastSection(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setWordWrap(False)
        self.itemClicked.connect(self._clicked)
        self.itemExpanded.connect(self._fit_first_column)
        self.itemCollapsed.connect(self._fit_first_column)

    def show_document(self, document_id: int | None) -> None:
        self.clear()
        if document_id is None:
            return
        project = self.window.project
        info = project.documents.info(document_id)
        facts = self._add_facts(info.meta)
        self._add_parties(info.meta.get("parties") or [])
        self._add_people(info.meta)
        self._add_sections(project.structure.sections(document_id), info.length)
        self._add_citations(document_id, project.structure.citations(document_id))
        facts.setExpanded(True)
        self._fit_first_column()

    def _add_facts(self, meta: dict) -> QTreeWidgetItem:
        """The judgment's facts (case number, court, date …), or a note that none were recognised."""
        facts = QTreeWidgetItem(self, [self.tr("Judgment"), ""])
        for key, label in _FACTS:
            if meta.get(key):
                QTreeWidgetItem(facts, [self.tr(label), str(meta[key])])
        if facts.childCount() == 0:
            facts.setText(1, self.tr("not recognised as a judgment"))
        return facts

    def _add_parties(self, parties: list[dict]) -> None:
        """The parties, counted without their representatives (who are listed, greyed)."""
        if not parties:
            return
        node = QTreeWidgetItem(
            self, [self.tr("Parties"), str(sum(not p.get("representative") for p in parties))]
        )
        for p in parties:
            role = p["role"] + (f"（{p['original_role']}）" if p.get("original_role") else "")
            item = QTreeWidgetItem(node, [role, p["name"]])
            if p.get("representative"):
                item.setForeground(0, self.palette().placeholderText())

    def _add_people(self, meta: dict) -> None:
        """The cases the judgment cites and its judges."""
        cited = meta.get("cited_cases") or []
        if cited:
            node = QTreeWidgetItem(self, [self.tr("Cases cited"), str(len(cited))])
            for number in cited:
                QTreeWidgetItem(node, [number, ""])
        judges = meta.get("judges") or []
        if judges:
            node = QTreeWidgetItem(self, [self.tr("Judges"), str(len(judges))])
            for j in judges:
                QTreeWidgetItem(node, [j["role"], j["name"]])

    def _add_sections(self, sections, text_len: int) -> None:
        """The sections, each selecting its range (kept inside the text) when clicked."""
        if not sections:
            return
        node = QTreeWidgetItem(self, [self.tr("Sections"), str(len(sections))])
        for kind, start, end in sections:
            item = QTreeWidgetItem(
                node,
                [
                    SECTION_LABELS.get(kind, kind),
                    self.tr("{start}–{end} ({n} characters)").format(start=start, end=end, n=end - start),
                ],
            )
            item.setData(0, RANGE_ROLE, (start, min(end, text_len)))
        node.setExpanded(True)

    def _add_citations(self, document_id: int, citations) -> None:
        """The statutes cited, each with the sentence that cites it (shortened; whole in its tooltip)."""
        if not citations:
            return
        project = self.window.project
        # The open document's text is at hand in the view; another one is read once.
        text = (
            self.window.view.text
            if self.window.document_id == document_id
            else project.documents.get(document_id).text
        )
        node = QTreeWidgetItem(self, [self.tr("Statutes cited"), str(len(citations))])
        for c in citations:
            label = citation_label(c)
            start, end = sentence_at(text, min(c["start"], max(len(text) - 1, 0))) if text else (0, 0)
            sentence = text[start:end].strip()
            item = QTreeWidgetItem(node, [label, shorten(" ".join(sentence.split()), SENTENCE_CHARS)])
            item.setToolTip(0, label)
            item.setToolTip(1, sentence)
            item.setData(0, RANGE_ROLE, (c["start"], c["end"]))

    def _fit_first_column(self, *_args) -> None:
        """Wide enough for the labels shown (Qt's own fit skips rows under a folded node only when asked
        to look at them), but never more than a little over half the panel: the values need room too."""
        metrics = self.fontMetrics()
        widest = 0
        for i in range(self.topLevelItemCount()):
            top = self.topLevelItem(i)
            widest = max(widest, metrics.horizontalAdvance(top.text(0)))
            if top.isExpanded():
                for j in range(top.childCount()):
                    widest = max(widest, metrics.horizontalAdvance(top.child(j).text(0)) + self.indentation())
        limit = max(MIN_LABEL_WIDTH, int(self.viewport().width() * LABEL_SHARE))
        self.setColumnWidth(0, min(widest + self.indentation() + 2 * metrics.averageCharWidth(), limit))

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self._fit_first_column()

    def _clicked(self, item, _column) -> None:
        rng = item.data(0, RANGE_ROLE)
        if not rng or self.window.document_id is None:
            return
        self.window.view.select_range(rng[0], rng[1])
        self.window.view.reveal_range(rng[0], rng[1])


def mark_section(window, kind: str):
    """Mark the selected passage as a section of the judgment: the user's correction of the detector."""
    rng = window.view.selected_range()
    if window.document_id is None or not rng or rng[0] == rng[1]:
        window.statusBar().showMessage(window.tr("Select the passage that forms the section first."), 4000)
        return None
    return window.run(lambda: window.project.structure.set_section(window.document_id, kind, *rng))


def detect_all(window, *, ask: bool = True):
    """Run the structure detector again over every document, with a cancellable progress dialog."""
    project = window.project
    dialog = progress = Progress(
        window,
        window.tr("Finding the structure of each judgment…"),
        title=window.tr("Detect judgment structure"),
        delay_ms=300,
    )

    try:
        changes = window.run(lambda: project.structure.detect(progress=progress), record=False)
    except InterruptedError:
        changes = None
    dialog.close()
    if changes is None:
        window.statusBar().showMessage(window.tr("Structure detection cancelled; nothing changed."), 5000)
        return None
    window.record(changes)
    window.statusBar().showMessage(
        window.tr("Structure found again in {n} documents.").format(n=len(changes.documents_updated)), 5000
    )
    if window.document_id is not None:
        window.features.structure_panel.show_document(window.document_id)
    return changes


def install(window) -> None:
    panel = StructurePanel(window)
    dock = QDockWidget(window.tr("Judgment structure"), window)
    dock.setObjectName("structureDock")
    dock.setWidget(panel)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    if hasattr(window, "annotations_dock"):
        window.tabifyDockWidget(window.annotations_dock, dock)
        window.annotations_dock.raise_()
    window.features.structure_panel = panel
    window.features.structure_dock = dock
    window.menus["view"].addAction(dock.toggleViewAction())
    act = QAction(window.tr("Detect judgment &structure again"), window)
    act.setObjectName("actionDetectStructure")
    act.triggered.connect(lambda: detect_all(window))
    window.menus["tools"].addAction(act)
    window.documentOpened.connect(panel.show_document)
    window.projectChanged.connect(
        lambda _path: panel.show_document(None)
    )  # a new project may have no document
    marks = window.menus["tools"].addMenu(window.tr("Mark selection as &section"))
    marks.setObjectName("menuMarkSection")
    for kind in SECTION_KINDS:
        mark = marks.addAction(SECTION_LABELS.get(kind, kind))
        mark.setObjectName(f"actionMarkSection_{kind}")
        mark.triggered.connect(lambda checked=False, k=kind: mark_section(window, k))

    def on_changes(changes) -> None:
        ids = {d.id for d in changes.documents_updated} | {d for d, _b, _a in changes.sections_updated}
        if window.document_id in ids:
            panel.show_document(window.document_id)

    window.changesApplied.connect(on_changes)
