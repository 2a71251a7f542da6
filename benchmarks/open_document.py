"""How fast a long document opens, highlighted, in the document view, against a naive baseline.

Run:  QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/open_document.py

A seeded 1,000,000-character Chinese text (common characters, punctuation, paragraphs of 100–300
characters, a few characters outside the BMP) with seeded spans over 8 categories, some overlapping, is
opened in `DocumentView` (spans painted per visible line from an index) and in a plain `QPlainTextEdit` where
each span is one `QTextCursor.mergeCharFormat` inside one edit block. Machines here are shared and noisy, so
the ratios between the two, measured in the same process, matter more than the absolute times.

The last line is machine-readable: `RESULT key=value ...` (times in ms, memory in MB).
"""

from __future__ import annotations

import os
import random
import resource
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QEvent, QEventLoop, QObject  # noqa: E402
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor  # noqa: E402
from PySide6.QtWidgets import QApplication, QPlainTextEdit  # noqa: E402

from annotator.core.offsets import OffsetMap  # noqa: E402
from annotator.ui.common.document_view import DocumentView, cjk_font  # noqa: E402

SEED = 20240601
DOC_CHARS = 1_000_000
SMALL_CHARS = 1_000
VIEW_SIZE = (1000, 800)
# Small enough that the 1,000-character document fills it, so both documents paint as much text.
EDIT_VIEW_SIZE = (600, 400)
REPEATS = 3

COMMON = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而"
    "方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应"
    "开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命"
    "此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求"
    "老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处府研究界"
    "院判决原告被告诉称本认为权益数据平台用户竞争不正当行为构成侵害赔偿损失请求依照规定条款审理查明事实证据"
    "软件微信群控营销账号经营信息商业道德秩序合法授权使用收集利用保护个人隐私法律责任民事诉讼"
)
PUNCT = "，，，。。、；：“”（）《》？"
ASTRAL = "𠮷𠀀𪚥𩸽𡈽"
CATEGORY_COLORS = ["#e53935", "#1e88e5", "#43a047", "#fb8c00", "#8e24aa", "#00897b", "#6d4c41", "#c0ca33"]


def make_text(rng: random.Random, length: int) -> str:
    paragraphs: list[str] = []
    total = 0
    while total < length:
        size = rng.randint(100, 300)
        chars = rng.choices(COMMON, k=size)
        for i in range(rng.randrange(8, 20), size, rng.randrange(8, 20)):
            chars[i] = rng.choice(PUNCT)
        if rng.random() < 0.02:
            chars[rng.randrange(size)] = rng.choice(ASTRAL)
        chars[-1] = "。"
        paragraphs.append("".join(chars))
        total += size + 1
    return "\n".join(paragraphs)[:length]


def make_spans(
    rng: random.Random, length: int, count: int
) -> tuple[list[tuple[int, int, int]], dict[int, str]]:
    """Mostly short passages, some paragraphs, a few long stretches; random starts make some overlap."""
    spans: list[tuple[int, int, int]] = []
    colors: dict[int, str] = {}
    for key in range(1, count + 1):
        r = rng.random()
        size = rng.randint(4, 40) if r < 0.8 else rng.randint(40, 200) if r < 0.98 else rng.randint(200, 1500)
        size = min(size, length // 2)
        start = rng.randrange(length - size)
        spans.append((start, start + size, key))
        colors[key] = CATEGORY_COLORS[rng.randrange(len(CATEGORY_COLORS))]
    return spans, colors


class PaintCounter(QObject):
    """Counts paint events that reach a viewport, to be sure a measured repaint really painted."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def first_paint(app: QApplication, open_doc: Callable[[], QPlainTextEdit]) -> tuple[float, QPlainTextEdit]:
    """Wall time from before loading the text to the end of the first paint of a new, shown widget."""
    counter = PaintCounter()
    t0 = time.perf_counter()
    view = open_doc()
    view.viewport().installEventFilter(counter)
    view.show()
    # A widget paints only once its window is exposed, which takes a turn of the event loop; the paint
    # event is handled inside the processEvents() call that delivers it.
    deadline = t0 + 60
    while counter.count == 0 and time.perf_counter() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    elapsed = time.perf_counter() - t0
    if counter.count == 0:
        raise RuntimeError("the first paint did not happen")
    view.viewport().removeEventFilter(counter)
    return elapsed, view


def open_view(text: str, spans: list[tuple[int, int, int]], colors: dict[int, str]) -> QPlainTextEdit:
    view = DocumentView()
    view.resize(*VIEW_SIZE)
    view.set_document(text, spans, colors)
    return view


def open_baseline(text: str, spans: list[tuple[int, int, int]], colors: dict[int, str]) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setReadOnly(True)
    edit.setFont(cjk_font(edit.font()))
    edit.resize(*VIEW_SIZE)
    edit.setPlainText(text)
    offsets = OffsetMap(text)
    formats: dict[str, QTextCharFormat] = {}
    cursor = QTextCursor(edit.document())
    cursor.beginEditBlock()
    for start, end, key in spans:
        name = colors[key]
        fmt = formats.get(name)
        if fmt is None:
            color = QColor(name)
            color.setAlpha(80)
            fmt = formats[name] = QTextCharFormat()
            fmt.setBackground(color)
        cursor.setPosition(offsets.to_utf16(start))
        cursor.setPosition(offsets.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(fmt)
    cursor.endEditBlock()
    return edit


def scroll_to_end(view: QPlainTextEdit) -> float:
    t0 = time.perf_counter()
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum())
    view.viewport().repaint()
    return time.perf_counter() - t0


def edit_cost(view: DocumentView, rng: random.Random, repeats: int = 30) -> tuple[float, float]:
    """Median time to add one span and repaint, and to remove it and repaint, near the visible text."""
    view.resize(*EDIT_VIEW_SIZE)
    QApplication.processEvents()
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum() // 2)
    view.viewport().repaint()
    first = view.cursorForPosition(view.viewport().rect().topLeft()).position()
    adds: list[float] = []
    removes: list[float] = []
    for i in range(repeats):
        start = first + rng.randrange(200)
        key = 10_000_000 + i
        t0 = time.perf_counter()
        view.add_span(key, start, start + rng.randint(4, 40), CATEGORY_COLORS[i % 8])
        view.viewport().repaint()
        t1 = time.perf_counter()
        view.remove_span(key)
        view.viewport().repaint()
        t2 = time.perf_counter()
        adds.append(t1 - t0)
        removes.append(t2 - t1)
    return statistics.median(adds), statistics.median(removes)


def peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    rng = random.Random(SEED)
    t0 = time.perf_counter()
    text = make_text(rng, DOC_CHARS)
    small_text = make_text(rng, SMALL_CHARS)
    data = {n: make_spans(rng, len(text), n) for n in (10_000, 100_000)}
    # Same span density on the small document, so the comparison isolates the document's size.
    small_spans = make_spans(rng, len(small_text), SMALL_CHARS // 10)
    print(
        f"generated {len(text):,} characters ({sum(c in ASTRAL for c in text)} outside the BMP), "
        f"{text.count(chr(10)) + 1:,} paragraphs in {ms(time.perf_counter() - t0)} ms"
    )

    # Warm up fonts and glyph caches for both widgets so neither pays the one-off cost in its figures.
    first_paint(app, lambda: open_view(small_text, *small_spans))[1].deleteLater()
    first_paint(app, lambda: open_baseline(small_text, *small_spans))[1].deleteLater()
    app.processEvents()

    results: dict[str, float] = {}
    rows: list[tuple[str, float, str]] = []

    for n in (10_000, 100_000):
        spans, colors = data[n]
        times = []
        for _ in range(REPEATS):
            elapsed, view = first_paint(
                app, lambda spans=spans, colors=colors: open_view(text, spans, colors)
            )
            times.append(elapsed)
            if len(times) < REPEATS:
                view.deleteLater()
                app.processEvents()
        tag = f"{n // 1000}k"
        results[f"paint{tag}_ms"] = ms(statistics.median(times))
        rows.append(
            (f"DocumentView first paint, {n:,} spans (median of {REPEATS})", results[f"paint{tag}_ms"], "ms")
        )
        if n == 100_000:
            assert isinstance(view, DocumentView)
            results["scroll_end_ms"] = ms(scroll_to_end(view))
            rows.append(
                ("DocumentView scroll to end and paint, 100,000 spans", results["scroll_end_ms"], "ms")
            )
            add_big, remove_big = edit_cost(view, rng)
        view.deleteLater()
        app.processEvents()

    small_view = first_paint(app, lambda: open_view(small_text, *small_spans))[1]
    assert isinstance(small_view, DocumentView)
    add_small, remove_small = edit_cost(small_view, rng)
    small_view.deleteLater()
    app.processEvents()
    results["add_span_ms"] = ms(add_big)
    results["remove_span_ms"] = ms(remove_big)
    results["add_span_small_ms"] = ms(add_small)
    results["add_ratio"] = round(add_big / add_small, 2)
    results["remove_ratio"] = round(remove_big / remove_small, 2)
    rows += [
        ("add one span + repaint, 1M chars / 100,000 spans (median)", results["add_span_ms"], "ms"),
        ("add one span + repaint, 1,000 chars / 100 spans (median)", results["add_span_small_ms"], "ms"),
        ("  ratio big / small (1.0 = independent of size)", results["add_ratio"], "x"),
        ("remove one span + repaint, 1M chars / 100,000 spans", results["remove_span_ms"], "ms"),
        ("  ratio big / small", results["remove_ratio"], "x"),
    ]
    results["rss_mb"] = peak_rss_mb()
    rows.append(("peak RSS after the DocumentView runs", results["rss_mb"], "MB"))

    for n in (10_000, 100_000):
        spans, colors = data[n]
        elapsed, edit = first_paint(
            app, lambda spans=spans, colors=colors: open_baseline(text, spans, colors)
        )
        tag = f"{n // 1000}k"
        results[f"baseline{tag}_ms"] = ms(elapsed)
        rows.append(
            (f"baseline mergeCharFormat first paint, {n:,} spans", results[f"baseline{tag}_ms"], "ms")
        )
        if n == 100_000:
            results["baseline_scroll_end_ms"] = ms(scroll_to_end(edit))
            rows.append(
                ("baseline scroll to end and paint, 100,000 spans", results["baseline_scroll_end_ms"], "ms")
            )
        edit.deleteLater()
        app.processEvents()
    results["rss_total_mb"] = peak_rss_mb()
    rows.append(("peak RSS after the baseline too", results["rss_total_mb"], "MB"))

    for tag in ("10k", "100k"):
        results[f"ratio{tag}"] = round(results[f"baseline{tag}_ms"] / results[f"paint{tag}_ms"], 2)
        rows.append((f"baseline / DocumentView first paint, {tag} spans", results[f"ratio{tag}"], "x"))

    width = max(len(label) for label, _, _ in rows)
    print()
    print(f"{'measure':<{width}}  {'value':>10}")
    print("-" * (width + 14))
    for label, value, unit in rows:
        print(f"{label:<{width}}  {value:>10} {unit}")
    targets_met = results["paint10k_ms"] <= 150 and results["paint100k_ms"] <= 300
    print(
        f"\ntargets (first paint <= 150 ms at 10k, <= 300 ms at 100k): {'met' if targets_met else 'NOT met'}"
    )
    print("RESULT " + " ".join(f"{key}={value}" for key, value in results.items()))


if __name__ == "__main__":
    main()
