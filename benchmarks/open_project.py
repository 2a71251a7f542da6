"""What a user waits for when opening a long document: a click in the document list of the real main window
until the document is painted and the event loop is idle, in a fresh process each time.

A project database holds a short document and a generated 1,000,000-character document (one character
outside the BMP) with 10,000 and then 100,000 seeded tags over 8 categories. Each run is a new Python
process: it opens the project in the real `MainWindow` (which shows the short document first, as the last
one read), waits for the window to be idle and for the suggestions of that document (worked out in a
helper process) to arrive, then clicks the
long document's row with the mouse and times until the view has painted and two passes of the event loop
found nothing left to do. The floor, measured in the same run with the same number of fresh processes, is a
plain `QPlainTextEdit` (same font, same size) showing the same text: `setPlainText` + paint + idle. Medians
of REPEATS runs; the runs of floor and open alternate so that the machine's load falls on both.

The window reads the tags in view before the paint and the others page by page afterwards, one page per
turn of the event loop (ui/main_window/tag_fill.py): a pass of the event loop that did nothing but such a
turn and what it brought (rows added to the tag list, ticks to the overview strip) counts as idle, once
the document was painted. Two more figures say how long until every tag is in (`full_ms`) and the longest
pass of the event loop meanwhile, about what an input waits at most then (`turn_max_ms`). The run fails if the tag list does not end up with every tag.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/open_project.py [--repeats N]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CHARS = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经"
LENGTH = 1_000_000
SIZES = (10_000, 100_000)
VIEW_SIZE = (1360, 860)
EXCLUDES = (
    "excludes: interpreter start-up, building the window, the first (short) document and the "
    "suggestions' first run (in a helper process), all done before the click; jieba is not loaded (the first word selection loads it); the database is warm in the OS cache (it was just written). "
    "includes: the click, reading the document and the tags in view, the tag table, the paint, the "
    "event loop until idle but for the window's background reading of the other tags (timed apart: "
    "until every tag is in, and its longest turn)"
)


def make_text(rng: random.Random) -> str:
    parts, n = [], 0
    while n < LENGTH:
        para = "".join(rng.choice(CHARS) for _ in range(rng.randint(100, 300))) + "。\n"
        parts.append(para)
        n += len(para)
    text = "".join(parts)[:LENGTH]
    return text[:500] + "𠮷" + text[501:]  # one character outside the BMP near the start


def build(path: Path, n: int, text: str, rng: random.Random) -> None:
    from seeded_corpus import random_tags

    from annotator.services import Project

    project = Project.create(path)
    project.documents.add_text("short", "本院认为，被告的行为构成不正当竞争。\n" * 20)
    doc = project.documents.add_text("long", text).documents_added[0]
    random_tags(project, doc.id, text, n, rng, f"bench-{n}-")
    project.close()


# The child side: one measurement in a fresh process -------------------------------------------------------


def peak_rss_mb() -> float:
    """This process's peak resident memory. Not `getrusage`'s ru_maxrss: Linux keeps that across exec, so
    a child started by this script would report the parent's peak (the generated text and its tags)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class _Watch:
    """Counts every event the application delivers, and notes when `widget` was last painted."""

    def __init__(self, app, widget) -> None:
        from PySide6.QtCore import QEvent, QObject

        watch = self

        class Filter(QObject):
            def eventFilter(self, obj, event):  # noqa: N802 - Qt's name
                if obj is watch.background and obj is not None:
                    watch.turns.append(time.perf_counter())
                    return False
                watch.events += 1
                if obj is watch.widget and event.type() == QEvent.Type.Paint:
                    watch.painted = time.perf_counter()
                return False

        self.events = 0
        self.painted = 0.0
        self.widget = widget
        # The window's background reading of tags (its timer's turns): not counted as activity, but
        # timed, since an input waits at most for one turn.
        self.background = None
        self.turns: list[float] = []
        self.app = app
        self._filter = Filter()
        app.installEventFilter(self._filter)

    def idle(self) -> float:
        """Run the event loop until two passes in a row deliver no event, or nothing but a turn of the
        window's background reading of tags and what it brought (its rows added to the tag list, ticks to
        the overview strip); return when that happened."""
        empty = 0
        while empty < 2:
            before, turns = self.events, len(self.turns)
            self.app.processEvents()
            self.app.sendPostedEvents()
            empty = empty + 1 if self.events == before or len(self.turns) > turns else 0
        return time.perf_counter()


def child_floor(path: Path) -> dict[str, float]:
    from PySide6.QtWidgets import QPlainTextEdit

    from annotator.services import Project
    from annotator.ui.app import application
    from annotator.ui.common.document_view import cjk_font

    app = application()
    project = Project.open(path)
    long_id = max(project.documents.list(), key=lambda d: d.length).id
    text = project.documents.get(long_id).text
    plain = QPlainTextEdit()
    plain.setFont(cjk_font(plain.font()))
    plain.resize(*VIEW_SIZE)
    plain.show()
    watch = _Watch(app, plain.viewport())
    watch.idle()
    t = time.perf_counter()
    plain.setPlainText(text)
    plain.viewport().update()
    end = watch.idle()
    return {
        "ms": (end - t) * 1000,
        "paint_ms": (watch.painted - t) * 1000 if watch.painted > t else -1,
        "rss_mb": peak_rss_mb(),
    }


def child_open(path: Path, settings_path: Path, lean: bool = False) -> dict[str, float]:
    from PySide6.QtCore import QPoint, QSettings, Qt
    from PySide6.QtTest import QTest

    from annotator.services import Project
    from annotator.ui.app import application
    from annotator.ui.main_window.window import MainWindow

    app = application()
    project = Project.open(path)
    docs = project.documents.list()
    short_id = min(docs, key=lambda d: d.length).id
    long_id = max(docs, key=lambda d: d.length).id
    settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
    settings.setValue(f"document/{project.uuid}", short_id)
    if lean:
        # No tag suggestions: their helper process does not compete with the open for the machine.
        settings.setValue("suggestions/show", False)
    window = MainWindow(project, "bench", settings)
    window.resize(*VIEW_SIZE)
    window.show()
    from PySide6.QtCore import QTimer

    watch = _Watch(app, window.view.viewport())
    watch.background = window.findChild(QTimer, "tagFill")
    watch.idle()
    # The suggestions for the first document (trained in a helper process, whose results
    # arrive on a reader thread that lives as long as the process): a user reading the short document
    # gives them these seconds.
    for thread in threading.enumerate():
        if thread is not threading.main_thread() and thread.name != "suggestion-results":
            thread.join(timeout=60)
    deadline = time.perf_counter() + 60
    while window.features.suggestion_layer.busy and time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.01)
    watch.idle()
    rss_before = peak_rss_mb()
    assert window.document_id == short_id
    index = window.doc_proxy.mapFromSource(window.doc_model.index(window.doc_model.row_of(long_id), 0))
    window.doc_table.scrollTo(index)
    watch.idle()
    centre: QPoint = window.doc_table.visualRect(index).center()
    watch.painted = 0.0
    t = time.perf_counter()
    QTest.mouseClick(
        window.doc_table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre
    )
    end = watch.idle()
    if watch.painted <= t:
        raise SystemExit("idle before the document was painted")
    passes = [0.0]
    while window.tag_fill.pending:  # the rest of the tags, read page by page between paints
        before = time.perf_counter()
        app.processEvents()
        passes.append(time.perf_counter() - before)
    full = watch.idle()
    if window.document_id != long_id:
        raise SystemExit("the click did not open the long document")
    if window.ann_model.rowCount() != len(window.project.annotations.columns(long_id).ids):
        raise SystemExit("the tag list does not hold every tag")
    return {
        "ms": (end - t) * 1000,
        "full_ms": (full - t) * 1000,
        "turn_max_ms": max(passes) * 1000,  # the longest pass of the event loop while the rest came in
        "paint_ms": (watch.painted - t) * 1000 if watch.painted > t else -1,
        "rss_mb": peak_rss_mb(),
        "rss_before_mb": rss_before,
    }


# The parent side ------------------------------------------------------------------------------------------


def run_child(*args: str) -> dict[str, float]:
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    out = subprocess.run(
        [sys.executable, __file__, "--child", *args], capture_output=True, text=True, env=env, check=False
    )
    if out.returncode != 0:
        raise SystemExit(f"child {args} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument(
        "--lean",
        action="store_true",
        help="tag suggestions off (their helper process does not compete for the machine)",
    )
    parser.add_argument("--child", nargs="+")
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        result = (
            child_floor(Path(rest[0]))
            if kind == "floor"
            else child_open(Path(rest[0]), Path(rest[1]), lean=rest[2:] == ["lean"])
        )
        print(json.dumps(result), flush=True)
        # Worker threads (suggestions) may still run; leaving through Qt's and Python's teardown with
        # them alive can abort the process after the figure is out, so leave at once.
        os._exit(0)

    print(EXCLUDES)
    if args.lean:
        print("lean: tag suggestions off in every open run")
    folder = Path(tempfile.mkdtemp(prefix="bench-open-"))
    rng = random.Random(20261128)
    text = make_text(rng)
    paths = {}
    for n in SIZES:
        paths[n] = folder / f"p{n}.sqlite"
        build(paths[n], n, text, rng)
    floors: list[dict[str, float]] = []
    opens: dict[int, list[dict[str, float]]] = {n: [] for n in SIZES}
    for i in range(args.repeats):
        for n in SIZES:
            floors.append(run_child("floor", str(paths[n])))
            opens[n].append(
                run_child(
                    "open", str(paths[n]), str(folder / f"s{n}-{i}.ini"), *(["lean"] if args.lean else [])
                )
            )
    floor = statistics.median(r["ms"] for r in floors)
    results: dict[str, float] = {
        "floor_ms": floor,
        "floor_rss_mb": statistics.median(r["rss_mb"] for r in floors),
    }
    for n in SIZES:
        key = f"open{n // 1000}k"
        ms = statistics.median(r["ms"] for r in opens[n])
        results[f"{key}_ms"] = ms
        results[f"{key}_paint_ms"] = statistics.median(r["paint_ms"] for r in opens[n])
        results[f"{key}_full_ms"] = statistics.median(r["full_ms"] for r in opens[n])
        results[f"{key}_turn_max_ms"] = statistics.median(r["turn_max_ms"] for r in opens[n])
        results[f"{key}_rss_mb"] = statistics.median(r["rss_mb"] for r in opens[n])
        results[f"{key}_ratio"] = ms / floor
        print(
            f"click → painted and idle, 1,000,000 characters with {n:,} tags: {ms:.0f} ms "
            f"(runs: {', '.join(str(round(r['ms'])) for r in opens[n])}; first paint after "
            f"{results[f'{key}_paint_ms']:.0f} ms; peak RSS {results[f'{key}_rss_mb']:.0f} MB)"
        )
        print(
            f"  every tag read (the rest page by page after the paint): {results[f'{key}_full_ms']:.0f} ms; "
            f"longest turn of the event loop meanwhile (what an input waits at most): "
            f"{results[f'{key}_turn_max_ms']:.0f} ms"
        )
    print(
        f"floor: plain QPlainTextEdit setPlainText + paint + idle, same text: {floor:.0f} ms "
        f"(runs: {', '.join(str(round(r['ms'])) for r in floors)}; peak RSS {results['floor_rss_mb']:.0f} MB)"
    )
    print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (a shared machine)")
    print(
        "RESULT " + " ".join(f"{k}={v:.2f}" if "ratio" in k else f"{k}={v:.0f}" for k, v in results.items())
    )


if __name__ == "__main__":
    main()
