"""Memory: open 100 documents one after another in the main window and watch the process's RSS.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/memory.py [--opens 100] [--chars 100000]

Ten documents of --chars characters with 500 tags each are opened in turn, 100 opens in all. RSS is
read after a warm-up (every document opened three times, then a pause for lazy loading: caches, fonts,
jieba) and again at the end; the growth after warm-up is what a leak would show. Baseline: the memory one
document's text takes as a Python string, measured in the same process.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from annotator.services import Project  # noqa: E402

DOCS = 10
PAGE = os.sysconf("SC_PAGE_SIZE")


def rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * PAGE / 2**20


def helper_peak_mb(window) -> float:
    """The peak RSS of the suggestions' helper process (services/suggest_process.py), which trains
    outside the window's process; 0 when it was not started."""
    layer = window.features.suggestion_layer
    pid = getattr(getattr(layer, "_process", None), "pid", None)
    if pid is None:
        return 0.0
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def make_project(path: Path, chars: int) -> None:
    rng = random.Random(7)
    pool = "本院认为被告未经许可抓取平台数据构成不正当竞争原告王𠮷主张赔偿损失依法应予支持，。\n"
    with Project.create(path) as p:
        cats = [c.id for c in p.codebook.list()][:8]
        who = p.annotators.ensure("甲").id
        for i in range(DOCS):
            text = f"第{i}号判决\n" + "".join(rng.choice(pool) for _ in range(chars))
            doc = p.documents.add_text(f"判决{i}", text).documents_added[0]
            for _ in range(500):
                s = rng.randrange(0, len(text) - 30)
                p.annotations.add(doc.id, s, s + rng.randint(2, 30), rng.choice(cats), who)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--opens", type=int, default=100)
    ap.add_argument("--chars", type=int, default=100_000)
    args = ap.parse_args()

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from annotator.ui.main_window.window import MainWindow

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory(prefix="memory-") as tmp:
        path = Path(tmp) / "memory.sqlite"
        make_project(path, args.chars)
        base0 = rss_mb()
        one = "".join(random.Random(1).choice("本院认为被告数据") for _ in range(args.chars))
        text_mb = (rss_mb() - base0) or sys.getsizeof(one) / 2**20
        text_mb = max(text_mb, sys.getsizeof(one) / 2**20)
        del one

        settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(Project.open(path), "甲", settings)
        window.show()
        app.processEvents()
        ids = [d.id for d in window.project.documents.list()]

        def open_doc(i: int) -> None:
            window.open_document(ids[i % len(ids)])
            window.view.repaint()
            app.processEvents()

        first = rss_mb()
        # Warm-up: three rounds, then let timers run, so parts loaded lazily (caches, fonts, the
        # suggestions' helper process, which lives outside this process) are in before the measurement
        # starts. jieba's dictionary (about 80 MB) is loaded by the first word selection, which opening
        # documents does not make.
        for i in range(3 * len(ids)):
            open_doc(i)

        def pause(seconds: float) -> None:
            until = time.perf_counter() + seconds
            while time.perf_counter() < until:
                app.processEvents()
                time.sleep(0.01)

        previous, give_up = -1.0, time.perf_counter() + 20
        while abs(rss_mb() - previous) > 0.5 and time.perf_counter() < give_up:  # until RSS settles
            previous = rss_mb()
            for i in range(len(ids)):
                open_doc(i)
            pause(1.0)
        gc.collect()
        start = rss_mb()
        samples = [start]
        t0 = time.perf_counter()
        for i in range(args.opens):
            open_doc(i)
            if (i + 1) % 10 == 0:
                gc.collect()
                samples.append(rss_mb())
        elapsed = time.perf_counter() - t0
        end = samples[-1]
        helper_mb = helper_peak_mb(window)
        window.close()
        app.processEvents()

    growth = end - start
    per_open_kb = growth * 1024 / args.opens
    # The second half shows what keeps growing once every lazily loaded part is in.
    half = samples[len(samples) // 2]
    steady_kb = (end - half) * 1024 / (args.opens - (len(samples) // 2) * 10)
    late = sorted(m for m in sys.modules if m.split(".")[0] in ("jieba", "openpyxl", "pdfminer", "docx"))
    print(
        f"documents: {DOCS} × {args.chars:,} characters, 500 tags each; opens: {args.opens} "
        f"({elapsed * 1000 / args.opens:.1f} ms each)"
    )
    print("RSS every 10 opens (MB): " + " ".join(f"{s:.1f}" for s in samples))
    print(f"RSS with the window open {first:.1f} MB (warm-up and lazy loading add {start - first:+.1f} MB)")
    print(
        f"RSS after warm-up {start:.1f} MB, after {args.opens} opens {end:.1f} MB: growth {growth:+.1f} MB "
        f"({per_open_kb:+.1f} KB per open); one document's text as a str: {text_mb:.2f} MB "
        f"(growth = {growth / text_mb:.2f}x one text)"
    )
    print(
        f"second half: {steady_kb:+.1f} KB per open; heavy modules loaded: "
        f"{sorted({m.split('.')[0] for m in late}) or 'none'}"
    )
    print(f"the suggestions' helper process (outside this RSS): peak {helper_mb:.0f} MB")
    print(
        f"RESULT helper_peak_mb={helper_mb:.0f} opens={args.opens} rss_window_mb={first:.1f} rss_start_mb={start:.1f} rss_end_mb={end:.1f} rss_growth_mb={growth:.1f} "
        f"growth_per_open_kb={per_open_kb:.1f} steady_kb_per_open={steady_kb:.1f} text_mb={text_mb:.2f} growth_vs_text={growth / text_mb:.2f} "
        f"open_ms={elapsed * 1000 / args.opens:.1f}"
    )


if __name__ == "__main__":
    main()
