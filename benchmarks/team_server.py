"""A team project on a real PostgreSQL server, against the same work on an SQLite file in the same run.

Run:  QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/team_server.py

The script starts its own server (initdb + pg_ctl in a temporary folder on a free local port, as the
tests do: tests/pgserver.py) and measures:

- `tag_ms` / `tag_sqlite_ms`: one tag added through the service (one transaction, commit and read back),
  median of 200, on the server (over TCP on 127.0.0.1, with the team's row-level security) and on a file;
- `open_ms` / `open_sqlite_ms`: the main window opening a 1,000,000-character document with 10,000 tags
  and painting it, from the server and from a file (median of 3, after one warm-up);
- `writers`, `tags_each`, `errors`, `lost`, `tags_per_s`: 8 processes, each a member with their own
  login, add 500 tags each at once; errors are failed adds, lost are confirmed adds not in the table;
- `notify_median_ms` / `notify_p95_ms`: from another member's commit (in another process) to the
  window having shown it (notification received, tags re-read, view updated), 60 commits 150 ms apart.

Tag suggestions are turned off in these windows (their background model is measured by
benchmarks/suggestions.py and would compete with what is measured here). The server here runs with fsync off (a test server); a production server syncs each commit to disk, which
adds its disk's flush time to every tag. The last line is `RESULT key=value …` (times in ms).
"""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("ANNOTATOR_CACHE_DIR", str(Path(tempfile.gettempdir()) / "annotator-bench-cache"))
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from seeded_corpus import random_tags  # noqa: E402

from annotator.services import Project  # noqa: E402

CHARS = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经"
LENGTH, TAGS = 1_000_000, 10_000
WRITERS, TAGS_EACH = 8, 500
SHORT_TEXT = "本院认为，被告擅自抓取用户数据，违反商业道德，构成不正当竞争。" * 40


def make_text(rng: random.Random) -> str:
    parts, n = [], 0
    while n < LENGTH:
        para = "".join(rng.choice(CHARS) for _ in range(rng.randint(100, 300))) + "。\n"
        parts.append(para)
        n += len(para)
    return "".join(parts)[:LENGTH]


def fill(project: Project, doc_id: int, text: str, rng: random.Random) -> None:
    random_tags(project, doc_id, text, TAGS, rng, "bench-")


def tag_round_trip(location: str, create: bool) -> float:
    project = Project.create(location) if create else Project.open(location)
    try:
        doc = project.documents.add_text("短文", SHORT_TEXT).documents_added[0]
        me = project.team.annotator_or("bench")
        cat = project.codebook.find("破坏性利用")
        times = []
        for i in range(200):
            s = (i * 7) % (len(SHORT_TEXT) - 10)
            t = time.perf_counter()
            project.annotations.add(doc.id, s, s + 6, cat.id, me.id)
            times.append((time.perf_counter() - t) * 1000)
        return statistics.median(times)
    finally:
        project.close()


def quiet_settings(path: Path):
    """Window settings with the tag suggestions off: their background model (benchmarks/suggestions.py)
    would compete with what is measured here."""
    from PySide6.QtCore import QSettings

    settings = QSettings(str(path), QSettings.Format.IniFormat)
    settings.setValue("suggestions/show", False)
    return settings


def open_time(location: str, text: str, rng: random.Random, folder: Path, app) -> float:

    from annotator.ui.main_window.window import MainWindow

    project = Project.create(location)
    doc = project.documents.add_text("bench", text).documents_added[0]
    fill(project, doc.id, text, rng)
    window = MainWindow(project, "bench", quiet_settings(folder / f"{abs(hash(location))}.ini"))
    window.resize(1360, 860)
    window.show()
    app.processEvents()
    times = []
    for _ in range(4):
        t = time.perf_counter()
        window.open_document(doc.id)
        window.view.viewport().repaint()
        app.processEvents()
        times.append((time.perf_counter() - t) * 1000)
    window.close()
    window.deleteLater()  # its timers and features must not run on during the next measurements
    app.processEvents()
    return statistics.median(times[1:])


# Workers: `team_server.py --writer URL N` and `--notifier URL N` -----------------------------------


def writer(url: str, n: int, start_at: float) -> None:
    errors, confirmed = 0, []
    with Project.open(url) as p:
        me, _ = p.team.me()
        cat = p.codebook.find("破坏性利用")
        while time.time() < start_at:
            time.sleep(0.005)
        t = time.perf_counter()
        for i in range(n):
            s = (i * 13) % (len(SHORT_TEXT) - 10)
            try:
                confirmed.append(p.annotations.add(1, s, s + 5, cat.id, me.id).annotations_added[0].uuid)
            except Exception:  # noqa: BLE001 (counted: a failed add is an error)
                errors += 1
        elapsed = time.perf_counter() - t
    print(json.dumps({"errors": errors, "confirmed": confirmed, "seconds": elapsed}))


def notifier(url: str, n: int) -> None:
    stamps = []
    with Project.open(url) as p:
        me, _ = p.team.me()
        cat = p.codebook.find("破坏性利用")
        for i in range(n):
            time.sleep(0.15)
            p.annotations.add(1, i % 50, i % 50 + 3, cat.id, me.id)
            stamps.append(time.time())
    print(json.dumps(stamps))


def main() -> None:
    import pgserver

    from annotator.ui.app import application

    app = application()
    server = pgserver.start_server()
    if server is None:
        sys.exit("PostgreSQL's initdb/pg_ctl are not installed (Debian: apt-get install postgresql)")
    folder = Path(tempfile.mkdtemp(prefix="bench-team-"))
    results: dict[str, float] = {}
    try:
        # Tag round trip, with the team's rights in force, against a file.
        url = server.url(server.new_database("tags"))
        Project.create(url).close()
        with Project.open(url) as p:
            p.team.prepare("team_owner")
        results["tag_ms"] = tag_round_trip(url, create=False)
        results["tag_sqlite_ms"] = tag_round_trip(str(folder / "tags.sqlite"), create=True)
        print(
            f"tag add round trip: server {results['tag_ms']:.2f} ms, SQLite {results['tag_sqlite_ms']:.2f} ms"
        )

        # Opening 1,000,000 characters with 10,000 tags, to first paint.
        rng = random.Random(20261201)
        text = make_text(rng)
        results["open_sqlite_ms"] = open_time(
            str(folder / "open.sqlite"), text, random.Random(1), folder, app
        )
        results["open_ms"] = open_time(
            server.url(server.new_database("open")), text, random.Random(1), folder, app
        )
        print(
            f"open 1M characters, 10k tags: server {results['open_ms']:.1f} ms, "
            f"SQLite {results['open_sqlite_ms']:.1f} ms"
        )

        # Eight members writing at once.
        team_db = server.new_database("team")
        url = server.url(team_db)
        with Project.create(url) as p:
            p.team.prepare("team_owner")
            p.documents.add_text("共用文书", SHORT_TEXT)
            for w in range(WRITERS + 1):
                name = f"member{w}"
                server.remember_password(
                    name, p.team.add_member(name, "annotator", f"pw-{name}") or f"pw-{name}"
                )
        start_at = time.time() + 2.0
        procs = [
            subprocess.Popen(
                [
                    sys.executable,
                    __file__,
                    "--writer",
                    server.url(team_db, f"member{w}"),
                    str(TAGS_EACH),
                    str(start_at),
                ],
                stdout=subprocess.PIPE,
                text=True,
            )
            for w in range(WRITERS)
        ]
        outs = [json.loads(proc.communicate(timeout=600)[0].strip().splitlines()[-1]) for proc in procs]
        wall = max(o["seconds"] for o in outs)
        confirmed = {u for o in outs for u in o["confirmed"]}
        with Project.open(url) as p:
            stored = {t.uuid for t in p.annotations.list()}
        results.update(
            writers=WRITERS,
            tags_each=TAGS_EACH,
            errors=sum(o["errors"] for o in outs),
            lost=len(confirmed - stored),
            tags_per_s=len(confirmed) / wall,
        )
        print(
            f"{WRITERS} processes x {TAGS_EACH} tags: {results['errors']} errors, {results['lost']} lost, "
            f"{results['tags_per_s']:.0f} tags/s"
        )

        # Notification latency: another member's commit → this window showing it.
        from annotator.ui.main_window.window import MainWindow

        window = MainWindow(
            Project.open(server.url(team_db, "member8")), "member8", quiet_settings(folder / "live.ini")
        )
        window.show()
        app.processEvents()
        shown: list[float] = []
        link = window.features.team_link
        original = link._apply_pending

        def recorded() -> None:
            original()
            app.processEvents()
            shown.append(time.time())

        link._apply.timeout.disconnect()
        link._apply.timeout.connect(recorded)
        n = 60
        proc = subprocess.Popen(
            [sys.executable, __file__, "--notifier", server.url(team_db, "member0"), str(n)],
            stdout=subprocess.PIPE,
            text=True,
        )
        end = time.time() + 60
        from PySide6.QtTest import QTest

        while proc.poll() is None and time.time() < end:
            QTest.qWait(5)  # the window's own event loop, as in use (not a hand-made polling loop)
        stamps = json.loads(proc.communicate(timeout=60)[0].strip().splitlines()[-1])
        settle = time.time() + 2
        while len(shown) < len(stamps) and time.time() < settle:
            QTest.qWait(5)
        latencies = []
        for committed in stamps:  # each commit is answered by the first update after it
            after = [s for s in shown if s >= committed - 0.002]
            if after:
                latencies.append((after[0] - committed) * 1000)
        window.close()
        latencies.sort()
        results["notify_seen"] = len(latencies)
        results["notify_median_ms"] = statistics.median(latencies)
        results["notify_p95_ms"] = latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))]
        print(
            f"notification to window: median {results['notify_median_ms']:.1f} ms, "
            f"p95 {results['notify_p95_ms']:.1f} ms ({len(latencies)}/{n} seen)"
        )
    finally:
        server.stop()
    ints = {"writers", "tags_each", "errors", "lost", "notify_seen"}
    print("RESULT " + " ".join(f"{k}={int(v)}" if k in ints else f"{k}={v:.2f}" for k, v in results.items()))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--writer":
        writer(sys.argv[2], int(sys.argv[3]), float(sys.argv[4]))
    elif len(sys.argv) > 1 and sys.argv[1] == "--notifier":
        notifier(sys.argv[2], int(sys.argv[3]))
    else:
        main()
