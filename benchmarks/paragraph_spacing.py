"""What paragraph spacing costs in the document view (annotator/ui/document/reading.py).

Run:  QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/paragraph_spacing.py

QPlainTextEdit ignores block margins and line heights; the view gets paragraph spacing from a document
layout whose `blockBoundingRect` (a Python override) adds the space. That override runs for every block
the view paints, scrolls past or hit-tests, so it is measured on a 1,000,000-character document against
the same view without it (the baseline), in the same process: loading the text and painting the first
screen, 60 scroll steps through the whole text each followed by a synchronous repaint, and 200 clicks
mapped to a text position. Ratios near 1.0 mean the spacing is free.

The last line is machine-readable: `RESULT key=value ...` (times in ms, ratios plain).
"""

from __future__ import annotations

import os
import statistics
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPoint  # noqa: E402
from PySide6.QtWidgets import QApplication, QPlainTextEdit  # noqa: E402

from annotator.ui.common.document_view import cjk_font  # noqa: E402
from annotator.ui.document.reading import set_paragraph_spacing  # noqa: E402

PARAGRAPH = "本院认为，被告未经用户同意擅自抓取用户数据，其行为违反商业道德，构成不正当竞争。" * 3
TEXT = "\n".join([PARAGRAPH] * (1_000_000 // (len(PARAGRAPH) + 1)))


def measure(app: QApplication, spacing_em: float | None) -> dict[str, float]:
    view = QPlainTextEdit()
    view.setReadOnly(True)
    view.setFont(cjk_font(view.font()))
    view.resize(900, 700)
    view.show()
    if spacing_em is not None:
        set_paragraph_spacing(view, spacing_em)
    t = time.perf_counter()
    view.setPlainText(TEXT)
    view.viewport().repaint()
    app.processEvents()
    load = time.perf_counter() - t
    bar = view.verticalScrollBar()
    steps = []
    for i in range(60):
        t = time.perf_counter()
        bar.setValue(bar.maximum() * i // 59)
        view.viewport().repaint()
        steps.append(time.perf_counter() - t)
    t = time.perf_counter()
    for i in range(200):
        view.cursorForPosition(QPoint(50 + i, 30 + (i * 7) % 600))
    clicks = time.perf_counter() - t
    view.close()
    return {"load": load * 1000, "scroll": statistics.median(steps) * 1000, "clicks": clicks * 1000 / 200}


def main() -> None:
    app = QApplication.instance() or QApplication([])
    print(f"document: {len(TEXT):,} characters, {TEXT.count(chr(10)) + 1:,} paragraphs")
    runs = {"plain": [], "spaced": []}
    for _ in range(3):  # alternate, so drift on a shared machine hits both
        runs["plain"].append(measure(app, None))
        runs["spaced"].append(measure(app, 0.5))
    best = {k: {m: min(r[m] for r in v) for m in v[0]} for k, v in runs.items()}
    for key in ("load", "scroll", "clicks"):
        p, s = best["plain"][key], best["spaced"][key]
        print(f"{key:7s} plain {p:9.3f} ms   spaced {s:9.3f} ms   ratio {s / p:5.2f}")
    print(
        "RESULT "
        + " ".join(
            [
                f"{k}_plain_ms={best['plain'][k]:.3f} {k}_spaced_ms={best['spaced'][k]:.3f} "
                f"{k}_ratio={best['spaced'][k] / best['plain'][k]:.2f}"
                for k in ("load", "scroll", "clicks")
            ]
        )
    )


if __name__ == "__main__":
    main()
