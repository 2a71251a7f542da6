"""Opening a document through the whole stack: database → services → main window → first paint.

A generated 1,000,000-character document with 10,000 and then 100,000 tags (seeded, 8 categories) is
opened in the real MainWindow. The baseline, measured in the same process, is showing the same text in a
plain QPlainTextEdit with no tags at all: the ratio is what the tags cost on top of the text.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/open_project.py
"""

from __future__ import annotations

import os
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QPlainTextEdit  # noqa: E402

from annotator.services import Project  # noqa: E402
from annotator.store import repo  # noqa: E402
from annotator.store.models import Annotation  # noqa: E402
from annotator.ui.app import application  # noqa: E402
from annotator.ui.main_window import MainWindow  # noqa: E402

CHARS = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经"
LENGTH = 1_000_000


def make_text(rng: random.Random) -> str:
    parts, n = [], 0
    while n < LENGTH:
        para = "".join(rng.choice(CHARS) for _ in range(rng.randint(100, 300))) + "。\n"
        parts.append(para)
        n += len(para)
    text = "".join(parts)[:LENGTH]
    return text[:500] + "𠮷" + text[501:]  # one character outside the BMP near the start


def fill(project: Project, doc_id: int, text: str, n: int, rng: random.Random) -> None:
    me = project.annotators.ensure("bench")
    cats = [c.id for c in project.codebook.list()][:8]
    now = repo.stamp()
    rows = []
    for i in range(n):
        s = rng.randrange(0, LENGTH - 200)
        e = s + rng.randint(4, 120)
        rows.append({"uuid": f"bench-{n}-{i}", "document": doc_id, "annotator": me.id,
                     "category": rng.choice(cats), "start": s, "end": e, "text": text[s:e],
                     "before": text[max(0, s - 20):s], "after": text[e:e + 20], "memo": "",
                     "created": now, "updated": now})
    with repo.transaction():
        for j in range(0, n, 2000):
            Annotation.insert_many(rows[j:j + 2000]).execute()


def timed(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main() -> None:
    app = application()
    rng = random.Random(20261128)
    text = make_text(rng)
    results: dict[str, float] = {}
    folder = Path(tempfile.mkdtemp(prefix="bench-open-"))

    plain = QPlainTextEdit()
    plain.resize(900, 700)
    plain.show()

    def baseline() -> None:
        plain.setPlainText(text)
        plain.viewport().repaint()
        app.processEvents()

    results["baseline_ms"] = timed(baseline)

    for n in (10_000, 100_000):
        project = Project.create(folder / f"p{n}.sqlite")
        doc = project.documents.add_text("bench", text).documents_added[0]
        fill(project, doc.id, text, n, rng)
        settings = QSettings(str(folder / f"s{n}.ini"), QSettings.Format.IniFormat)
        window = MainWindow(project, "bench", settings)
        window.resize(1360, 860)
        window.show()
        app.processEvents()

        def open_doc(window=window, doc_id=doc.id) -> None:
            window.open_document(doc_id)
            window.view.viewport().repaint()
            app.processEvents()

        key = f"open{n // 1000}k_ms"
        results[key] = timed(open_doc)
        print(f"open a 1,000,000-character document with {n:,} tags: {results[key]:.1f} ms")
        window.close()

    results["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    results["ratio10k"] = results["open10k_ms"] / results["baseline_ms"]
    results["ratio100k"] = results["open100k_ms"] / results["baseline_ms"]
    print(f"baseline: plain QPlainTextEdit, same text, no tags: {results['baseline_ms']:.1f} ms")
    print(f"peak RSS {results['rss_mb']:.0f} MB")
    print("RESULT " + " ".join(f"{k}={v:.2f}" if "ratio" in k else f"{k}={v:.1f}" for k, v in results.items()))


if __name__ == "__main__":
    main()
