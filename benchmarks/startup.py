"""Start-up: a fresh process until the main window with the sample project is shown and the event loop idle,
against a fresh process showing an empty PySide6 window, alternated in the same run, medians of REPEATS.

excludes: the first-ever creation of the sample project (made once before timing), and the suggestions'
helper process (its own start and work, and its processor time), which starts with the first document
and works on after the window is idle. Settings and
the sample live in a temporary folder (XDG_* variables).

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/startup.py [--repeats N]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

IDLE = """
def idle(app):
    from PySide6.QtCore import QObject
    class F(QObject):
        n = 0
        def eventFilter(self, o, e):
            F.n += 1
            return False
    f = F(); app.installEventFilter(f)
    empty = 0
    while empty < 2:
        before = F.n; app.processEvents(); app.sendPostedEvents()
        empty = empty + 1 if F.n == before else 0
"""
EMPTY = (
    IDLE
    + """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1]); w = QMainWindow(); w.resize(1360, 860); w.show(); idle(app)
"""
)
APP = (
    IDLE
    + """
from annotator.ui.app import application, create_window
app = application(); w = create_window([], ask_name=False); w.resize(1360, 860); w.show(); idle(app)
"""
)


def once(code: str, env: dict[str, str], cpu: list[float] | None = None) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    # Errors to a file, not a pipe: the suggestions' helper process inherits stderr, and reading a pipe
    # to its end would wait for the helper too, which the user does not.
    with tempfile.TemporaryFile() as errors:
        # From this checkout's root: `-c` puts the working folder first on the import path.
        out = subprocess.run(
            [sys.executable, "-c", code + "\nimport os; os._exit(0)\n"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=errors,
            check=False,
        )
        wall = (time.perf_counter() - t) * 1000
        if out.returncode != 0:
            errors.seek(0)
            raise SystemExit(errors.read()[-2000:].decode(errors="replace"))
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if cpu is not None:  # the processor time the process used: less at the mercy of the machine's load
        cpu.append((after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000)
    return wall


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="bench-startup-"))
    env = dict(
        os.environ,
        QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        PYTHONPATH=str(ROOT),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
        HOME=str(home),
    )
    print(__doc__.split("\n\n")[1].replace("\n", " "))
    once(APP, env)  # creates the sample project and the settings once
    empty, app, empty_cpu, app_cpu = [], [], [], []
    for _ in range(args.repeats):
        empty.append(once(EMPTY, env, empty_cpu))
        app.append(once(APP, env, app_cpu))
    e, a = statistics.median(empty), statistics.median(app)
    ec, ac = statistics.median(empty_cpu), statistics.median(app_cpu)
    print(
        f"fresh process → idle main window with the sample project: {a:.0f} ms (runs: "
        f"{', '.join(str(round(x)) for x in app)}); processor time {ac:.0f} ms"
    )
    print(
        f"floor, fresh process → idle empty PySide6 window: {e:.0f} ms (runs: {', '.join(str(round(x)) for x in empty)}); "
        f"processor time {ec:.0f} ms"
    )
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (a shared machine)")
    print(
        f"RESULT startup_ms={a:.0f} floor_ms={e:.0f} ratio={a / e:.2f} cpu_ms={ac:.0f} floor_cpu_ms={ec:.0f} "
        f"cpu_ratio={ac / ec:.2f}"
    )


if __name__ == "__main__":
    main()
