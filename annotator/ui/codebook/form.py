"""The codebook editor's form for the selected category: its Chinese and English names, colour,
number key and coding rule. The form only shows and collects; the editor saves each field through a
service when the user leaves it (names), picks (colour, key) or presses Save rule."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from annotator.core.codebook import SHORTCUT_KEYS
from annotator.core.model import Category
from annotator.ui.common.categories import color_icon


class CategoryForm(QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("categoryName")
        self.name_en_edit = QLineEdit()
        self.name_en_edit.setObjectName("categoryNameEn")
        self.color_button = QPushButton()
        self.color_button.setObjectName("categoryColor")
        self.key_combo = QComboBox()
        self.key_combo.setObjectName("categoryKey")
        self.key_combo.addItem(self.tr("none"), "")
        for key in SHORTCUT_KEYS:
            self.key_combo.addItem(key, key)
        self.rule_edit = QPlainTextEdit()
        self.rule_edit.setObjectName("categoryRule")
        self.rule_edit.setPlaceholderText(self.tr("When to use this category, with an example"))
        self.rule_save = QPushButton(self.tr("Save rule"))
        self.rule_save.setShortcut(QKeySequence("Ctrl+Return"))

        form = QFormLayout(self)
        form.addRow(self.tr("Name (Chinese)"), self.name_edit)
        form.addRow(self.tr("Name (English)"), self.name_en_edit)
        form.addRow(self.tr("Colour"), self.color_button)
        form.addRow(self.tr("Key"), self.key_combo)
        form.addRow(self.tr("Coding rule"), self.rule_edit)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.rule_save)
        form.addRow(row)

    def show_category(self, cat: Category | None) -> None:
        """Fill the fields with `cat`, or disable them all when no category is selected."""
        for w in (
            self.name_edit,
            self.name_en_edit,
            self.color_button,
            self.key_combo,
            self.rule_edit,
            self.rule_save,
        ):
            w.setEnabled(cat is not None)
        if cat is None:
            return
        self.name_edit.setText(cat.name)
        self.name_en_edit.setText(cat.name_en)
        self.color_button.setIcon(color_icon(cat.color, 16))
        self.color_button.setText(cat.color)
        self.key_combo.setCurrentIndex(max(0, self.key_combo.findData(cat.shortcut)))
        self.rule_edit.setPlainText(cat.description)

    def names(self) -> tuple[str, str]:
        """The Chinese and English names as typed, without surrounding spaces."""
        return self.name_edit.text().strip(), self.name_en_edit.text().strip()
