"""Settling a disagreement into the agreed layer (审定), the same from the comparison table and from
the side-by-side curation view: the decision buttons and the service call behind them."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QBoxLayout, QPushButton, QWidget

from annotator.core.changes import Changes
from annotator.review.compare import Difference

# Each decision the review service takes, with its button's text (its mnemonic letter in the English).
DECISIONS = (
    ("accept_a", QT_TRANSLATE_NOOP("Decisions", "Accept &A")),
    ("accept_b", QT_TRANSLATE_NOOP("Decisions", "Accept &B")),
    ("accept_both", QT_TRANSLATE_NOOP("Decisions", "Accept b&oth")),
    ("edit", QT_TRANSLATE_NOOP("Decisions", "Accept &selection")),
    ("reject", QT_TRANSLATE_NOOP("Decisions", "Re&ject")),
)


def add_decision_buttons(
    parent: QWidget, layout: QBoxLayout, prefix: str, decide: Callable[[str], None]
) -> dict[str, QPushButton]:
    """One button a decision, added to `layout` and named `prefix` + the decision (tests and style
    sheets find them by it); clicking one calls `decide(decision)`."""
    buttons = {}
    for decision, text in DECISIONS:
        button = QPushButton(QCoreApplication.translate("Decisions", text), parent)
        button.setObjectName(f"{prefix}{decision}")
        button.clicked.connect(lambda checked=False, d=decision: decide(d))
        layout.addWidget(button)
        buttons[decision] = button
    return buttons


def run_decision(
    window, d: Difference, decision: str, extent: dict[str, int], show_error: Callable[[str], None]
) -> Changes | None:
    """Record the decision on `d` (a rejection too, so that undo takes it back); None when refused
    (`show_error` has said why)."""
    return window.run(
        lambda: window.project.review.decide(
            d.a.id if d.a else None,
            d.b.id if d.b else None,
            decision,
            decided_by=window.annotator.id,
            **extent,
        ),
        show_error=show_error,
    )
