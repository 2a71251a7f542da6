"""The window's one runner for service calls: errors shown in the interface language, changes recorded
(shown at once, undoable) and announced to the panels."""

from __future__ import annotations

import re
from unittest import mock

import pytest
from PySide6.QtWidgets import QApplication

from annotator.core.changes import Changes
from annotator.ui.common import i18n


@pytest.fixture
def chinese(qapp):
    i18n.load_translations(QApplication.instance(), "zh_CN")
    yield
    i18n.load_translations(QApplication.instance(), "en")


def test_a_refused_call_is_explained_in_chinese_and_changes_nothing(chinese, window):
    before = window.undo_stack.count()
    with mock.patch("annotator.ui.common.runner.QMessageBox.warning") as warn:
        result = window.run(lambda: window.project.codebook.add("   "))
    assert result is None
    assert window.undo_stack.count() == before
    (parent, title, text), _ = warn.call_args
    assert parent is window and title == window.tr("Judgment Annotator")
    assert text and not re.search(r"[A-Za-z]{2,}", text), text  # "a category needs a name", translated


def test_a_refusal_can_be_shown_where_the_caller_says(window):
    shown = []
    with mock.patch("annotator.ui.common.runner.QMessageBox.warning") as warn:
        assert window.run(lambda: window.project.codebook.add(""), show_error=shown.append) is None
    warn.assert_not_called()
    assert shown == ["a category needs a name"]


def test_changes_are_recorded_and_announced_once(window, qtbot):
    cat = window.project.codebook.list()[0].id
    seen: list[Changes] = []
    window.changesApplied.connect(seen.append)
    changes = window.run(
        lambda: window.project.annotations.add(window.document_id, 0, 4, cat, window.annotator.id)
    )
    assert seen == [changes] and window.undo_stack.count() == 1
    assert window.ann_model.row_of(changes.annotations_added[0].id) >= 0
    window.undo_stack.undo()
    assert window.ann_model.row_of(changes.annotations_added[0].id) < 0
    # Not recorded when the caller records it itself (or only reads).
    window.run(
        lambda: window.project.annotations.add(window.document_id, 5, 8, cat, window.annotator.id),
        record=False,
    )
    assert window.undo_stack.count() == 1 and len(seen) == 2  # the undo's own Changes, nothing more
