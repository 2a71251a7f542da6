"""Reading comfort: separate fonts for the document and the interface, zoom, paragraph spacing,
light/dark palettes that follow the system, and the reading position kept per document.

Paragraph spacing: QPlainTextEdit (kept for its lazy layout, see DESIGN.md) ignores a block format's
line height and margins; its layout only asks `blockBoundingRect` for each block's height, so a layout
that adds the spacing there spaces paragraphs for all painting, scrolling and hit testing alike. It
costs one Python call per visible block when painting (measured in benchmarks/paragraph_spacing.py).
Line spacing inside a paragraph comes from the CJK font's own line gap (about 1.45 em for Noto CJK).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRectF, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QColor,
    QFont,
    QFontInfo,
    QGuiApplication,
    QKeySequence,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import QApplication, QFontDialog, QPlainTextDocumentLayout, QPlainTextEdit

DOCUMENT_FONT = "ui/document_font"
INTERFACE_FONT = "ui/interface_font"
ZOOM = "ui/document_zoom"
SPACING = "ui/paragraph_spacing"  # in em
SCHEME = "ui/color_scheme"  # "", "light", "dark"
SPACINGS = (0.0, 0.5, 1.0)
READING_WIDTH = "ui/reading_width"  # characters per line; 0 = the whole width of the view
READING_WIDTHS = (30, 35, 40, 45, 50, 60, 0)
DEFAULT_READING_WIDTH = 40  # about a printed judgment's line: long texts read like a page
MIN_POINT_SIZE, MAX_POINT_SIZE = 6, 48


class ParagraphSpacedLayout(QPlainTextDocumentLayout):
    """The plain-text layout with `spacing` pixels added below every paragraph."""

    def __init__(self, document) -> None:
        super().__init__(document)
        self.spacing = 0.0

    def blockBoundingRect(self, block) -> QRectF:  # noqa: N802 (Qt API)
        rect = super().blockBoundingRect(block)
        if self.spacing and rect.height():
            return QRectF(rect.x(), rect.y(), rect.width(), rect.height() + self.spacing)
        return rect


def set_paragraph_spacing(view: QPlainTextEdit, em: float) -> ParagraphSpacedLayout:
    """Space the view's paragraphs by `em` times its font's pixel size (0: none)."""
    layout = view.document().documentLayout()
    if not isinstance(layout, ParagraphSpacedLayout):
        # A view's layout cannot be swapped under it: give it a new document built with ours.
        old = view.document()
        doc = QTextDocument(view)
        layout = ParagraphSpacedLayout(doc)
        doc.setDocumentLayout(layout)
        doc.setDefaultTextOption(old.defaultTextOption())
        doc.setDefaultFont(old.defaultFont())
        doc.setDocumentMargin(old.documentMargin())
        doc.setUndoRedoEnabled(False)
        if not old.isEmpty():
            doc.setPlainText(old.toPlainText())
        view.setDocument(doc)
        view._paragraph_layout = layout  # keep the Python side of the override alive
    layout.spacing = round(em * QFontInfo(view.font()).pixelSize())
    layout.requestUpdate()
    view.viewport().update()
    return layout


def dark_palette() -> QPalette:
    p = QPalette()
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    colors = {
        role.Window: "#2b2b2b",
        role.WindowText: "#e6e6e6",
        role.Base: "#1f1f1f",
        role.AlternateBase: "#2a2a2a",
        role.ToolTipBase: "#333333",
        role.ToolTipText: "#eeeeee",
        role.Text: "#e6e6e6",
        role.Button: "#353535",
        role.ButtonText: "#e6e6e6",
        role.BrightText: "#ff6b6b",
        role.Highlight: "#3d6fb6",
        role.HighlightedText: "#ffffff",
        role.Link: "#7fb2ff",
        role.PlaceholderText: "#8c8c8c",
        role.Mid: "#444444",
        role.Dark: "#1a1a1a",
        role.Light: "#505050",
        role.Midlight: "#404040",
        role.Shadow: "#000000",
    }
    for r, c in colors.items():
        p.setColor(r, QColor(c))
    for r in (role.WindowText, role.Text, role.ButtonText):
        p.setColor(group.Disabled, r, QColor("#7a7a7a"))
    return p


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def system_is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hasattr(hints, "colorScheme") and hints.colorScheme() == Qt.ColorScheme.Dark


def apply_color_scheme(choice: str) -> bool:
    """Light or dark palette: the user's choice, else the system's (Qt 6.5+ reports it). True if dark."""
    app = QApplication.instance()
    hints = app.styleHints()
    if hasattr(hints, "setColorScheme"):  # Qt 6.8+: ask the platform theme to follow the choice too
        hints.setColorScheme(
            {"light": Qt.ColorScheme.Light, "dark": Qt.ColorScheme.Dark}.get(choice, Qt.ColorScheme.Unknown)
        )
    dark = choice == "dark" or (choice == "" and system_is_dark())
    if dark and not is_dark(app.palette()):
        app.setPalette(dark_palette())
    elif not dark and is_dark(app.palette()):
        app.setPalette(app.style().standardPalette())
    return dark


class ReadingPreferences(QObject):
    """Owns the View-menu entries and the settings for fonts, zoom, spacing, palette and position."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.settings = window.settings
        self.view = window.view
        self._pending: tuple[int, int] | None = None  # (document id, top paragraph) not yet saved
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(500)
        self._save_timer.timeout.connect(self.save_position)

        self.base_font = self._font(DOCUMENT_FONT) or QFont(self.view.font())
        self.zoom = int(self.settings.value(ZOOM, 0) or 0)
        self.spacing_em = float(self.settings.value(SPACING, 0.5) or 0)
        ui_font = self._font(INTERFACE_FONT)
        if ui_font is not None:
            QApplication.setFont(ui_font)
        self._apply_document_font()
        try:
            self.reading_chars = int(self.settings.value(READING_WIDTH, DEFAULT_READING_WIDTH))
        except (TypeError, ValueError):
            self.reading_chars = DEFAULT_READING_WIDTH
        self.view.set_reading_width(self.reading_chars)
        self.scheme = str(self.settings.value(SCHEME, "") or "")
        apply_color_scheme(self.scheme)
        hints = QGuiApplication.styleHints()
        if hasattr(hints, "colorSchemeChanged"):
            hints.colorSchemeChanged.connect(lambda _s: self.scheme == "" and apply_color_scheme(""))

        self._build_menu()
        self.view.verticalScrollBar().valueChanged.connect(self._scrolled)
        window.documentOpened.connect(self._document_opened)
        window.installEventFilter(self)
        if window.document_id is not None:  # the window opened its first document before we were here
            self._document_opened(window.document_id)

    # Menu -------------------------------------------------------------------------------------------

    def _build_menu(self) -> None:
        view_menu = self.window.menus["view"]
        view_menu.addSeparator()
        self.act_zoom_in = self._add(
            view_menu,
            self.tr("Zoom &in"),
            [QKeySequence("Ctrl+="), QKeySequence(QKeySequence.StandardKey.ZoomIn)],
            lambda: self.zoom_by(1),
        )
        self.act_zoom_out = self._add(
            view_menu,
            self.tr("Zoom &out"),
            [QKeySequence("Ctrl+-"), QKeySequence(QKeySequence.StandardKey.ZoomOut)],
            lambda: self.zoom_by(-1),
        )
        self.act_zoom_reset = self._add(
            view_menu, self.tr("&Actual size"), [QKeySequence("Ctrl+0")], self.zoom_reset
        )
        view_menu.addSeparator()
        self._add(view_menu, self.tr("&Document font…"), [], self.choose_document_font)
        self._add(view_menu, self.tr("I&nterface font…"), [], self.choose_interface_font)
        spacing_menu = view_menu.addMenu(self.tr("Paragraph &spacing"))
        group = QActionGroup(self)
        labels = {0.0: self.tr("None"), 0.5: self.tr("Half a line"), 1.0: self.tr("One line")}
        self.spacing_actions = {}
        for em in SPACINGS:
            act = spacing_menu.addAction(labels[em])
            act.setCheckable(True)
            act.setChecked(abs(em - self.spacing_em) < 0.01)
            act.triggered.connect(lambda _c=False, e=em: self.set_spacing(e))
            group.addAction(act)
            self.spacing_actions[em] = act
        width_menu = view_menu.addMenu(self.tr("Reading &width"))
        width_menu.setObjectName("menuReadingWidth")
        group = QActionGroup(self)
        self.width_actions = {}
        for chars in READING_WIDTHS:
            label = self.tr("{n} characters per line").format(n=chars) if chars else self.tr("Whole width")
            act = width_menu.addAction(label)
            act.setCheckable(True)
            act.setChecked(chars == self.reading_chars)
            act.triggered.connect(lambda _c=False, n=chars: self.set_reading_width(n))
            group.addAction(act)
            self.width_actions[chars] = act
        scheme_menu = view_menu.addMenu(self.tr("A&ppearance"))
        group = QActionGroup(self)
        self.scheme_actions = {}
        for code, label in (
            ("", self.tr("Follow the system")),
            ("light", self.tr("Light")),
            ("dark", self.tr("Dark")),
        ):
            act = scheme_menu.addAction(label)
            act.setCheckable(True)
            act.setChecked(code == self.scheme)
            act.triggered.connect(lambda _c=False, c=code: self.set_scheme(c))
            group.addAction(act)
            self.scheme_actions[code] = act

    def _add(self, menu, text: str, keys: list[QKeySequence], slot) -> QAction:
        act = QAction(text, self.window)
        unique: list[QKeySequence] = []
        for key in keys:  # the platform's standard zoom keys may repeat ours (an ambiguous shortcut)
            if key not in unique and not key.isEmpty():
                unique.append(key)
        if unique:
            act.setShortcuts(unique)
        act.triggered.connect(lambda _checked=False: slot())
        menu.addAction(act)
        return act

    # Fonts and zoom -------------------------------------------------------------------------------

    def _font(self, key: str) -> QFont | None:
        text = self.settings.value(key, "")
        if not text:
            return None
        font = QFont()
        return font if font.fromString(str(text)) else None

    def document_point_size(self) -> float:
        base = self.base_font.pointSizeF() if self.base_font.pointSizeF() > 0 else 12.0
        return max(MIN_POINT_SIZE, min(MAX_POINT_SIZE, base + self.zoom))

    def _apply_document_font(self) -> None:
        font = QFont(self.base_font)
        font.setPointSizeF(self.document_point_size())
        self.view.setFont(font)
        set_paragraph_spacing(self.view, self.spacing_em)

    def zoom_by(self, steps: int) -> None:
        base = self.base_font.pointSizeF() if self.base_font.pointSizeF() > 0 else 12.0
        self.zoom = int(max(MIN_POINT_SIZE - base, min(MAX_POINT_SIZE - base, self.zoom + steps)))
        self.settings.setValue(ZOOM, self.zoom)
        self._keeping_position(self._apply_document_font)

    def zoom_reset(self) -> None:
        self.zoom_by(-self.zoom)

    def set_document_font(self, font: QFont) -> None:
        self.base_font = QFont(font)
        self.zoom = 0
        self.settings.setValue(DOCUMENT_FONT, font.toString())
        self.settings.setValue(ZOOM, 0)
        self._keeping_position(self._apply_document_font)

    def set_interface_font(self, font: QFont) -> None:
        self.settings.setValue(INTERFACE_FONT, font.toString())
        QApplication.setFont(font)
        self.view.setFont(self.view.font())  # the document keeps its own font

    def choose_document_font(self) -> None:
        ok, font = QFontDialog.getFont(self.view.font(), self.window, self.tr("Document font"))
        if ok:
            self.set_document_font(font)

    def choose_interface_font(self) -> None:
        ok, font = QFontDialog.getFont(QApplication.font(), self.window, self.tr("Interface font"))
        if ok:
            self.set_interface_font(font)

    def set_spacing(self, em: float) -> None:
        self.spacing_em = em
        self.settings.setValue(SPACING, em)
        self._keeping_position(lambda: set_paragraph_spacing(self.view, em))

    def set_reading_width(self, chars: int) -> None:
        self.reading_chars = chars
        self.settings.setValue(READING_WIDTH, chars)
        self.view.set_reading_width(chars)
        if chars in self.width_actions and not self.width_actions[chars].isChecked():
            self.width_actions[chars].setChecked(True)

    def set_scheme(self, code: str) -> None:
        self.scheme = code
        self.settings.setValue(SCHEME, code)
        apply_color_scheme(code)

    # Reading position -----------------------------------------------------------------------------

    def top_paragraph(self) -> int:
        return self.view.cursorForPosition(QPoint(0, 0)).blockNumber()

    def scroll_to_paragraph(self, number: int) -> None:
        block = self.view.document().findBlockByNumber(max(0, number))
        if block.isValid():
            self.view.verticalScrollBar().setValue(block.firstLineNumber())

    def _keeping_position(self, change) -> None:
        top = self.top_paragraph()
        change()
        self.scroll_to_paragraph(top)

    def _key(self, document_id: int) -> str:
        return f"position/{self.window.project.uuid}/{document_id}"

    def _scrolled(self, _value: int) -> None:
        doc = self.window.document_id
        if doc is None:
            return
        if self._pending is not None and self._pending[0] != doc:
            self.save_position()  # the previous document's last position
        self._pending = (doc, self.top_paragraph())
        self._save_timer.start()

    def save_position(self) -> None:
        self._save_timer.stop()
        if self._pending is not None:
            doc, top = self._pending
            self.settings.setValue(self._key(doc), top)
            self._pending = None

    def _document_opened(self, document_id: int) -> None:
        saved = int(self.settings.value(self._key(document_id), 0) or 0)
        if self._pending is not None and self._pending[0] == document_id:
            self._pending = None  # the jump to the top while loading, not the reader's doing
        self.scroll_to_paragraph(saved)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt API)
        if obj is self.window and event.type() == QEvent.Type.Close:
            self.save_position()
        return False


def install(window) -> None:
    window.features.reading = ReadingPreferences(window)
