"""The first word selection: what loading jieba's dictionary costs the window, in a fresh process.

The window no longer loads the dictionary in the background after start-up; the first word selection
(double click, Alt+W, word steps, snapping) loads it. Each run is a new Python process with jieba's
cache already written (as after the first start ever) that imports the segmenter, then times the first
`word_at` (wall and processor time) and the RSS it adds; a second `word_at` shows the cost once
loaded. Floor: the same process's second `word_at`. Medians of REPEATS runs.

    .venv/bin/python benchmarks/segmenter_load.py [--repeats N]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = """
import json, os, time
PAGE = os.sysconf("SC_PAGE_SIZE")
def rss():
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * PAGE / 2**20
from annotator.text import segment
text = "本院认为，被告未经许可抓取原告平台数据的行为违反反不正当竞争法的规定。" * 3
before, cpu, t = rss(), time.process_time(), time.perf_counter()
first = segment.word_at(text, 30)
wall, cpu, grown = time.perf_counter() - t, time.process_time() - cpu, rss() - before
t = time.perf_counter()
segment.word_at(text, 60)
again = time.perf_counter() - t
print(json.dumps({"wall_ms": wall * 1000, "cpu_ms": cpu * 1000, "rss_mb": grown, "again_ms": again * 1000,
                  "word": text[first[0]:first[1]]}, ensure_ascii=False))
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    cache = tempfile.mkdtemp(prefix="bench-jieba-")
    env = dict(os.environ, PYTHONPATH=str(ROOT), ANNOTATOR_CACHE_DIR=cache)
    print(__doc__.split("\n\n")[1].replace("\n", " "))
    runs = []
    for i in range(args.repeats + 1):
        out = subprocess.run(
            [sys.executable, "-c", CHILD], env=env, capture_output=True, text=True, check=True
        )
        if i:  # the first run writes jieba's cache
            runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    assert all(r["word"] == "反不正当竞争法" for r in runs), runs
    med = {k: statistics.median(r[k] for r in runs) for k in ("wall_ms", "cpu_ms", "rss_mb", "again_ms")}
    print(
        f"first word selection: {med['wall_ms']:.0f} ms ({med['cpu_ms']:.0f} ms of processor), "
        f"+{med['rss_mb']:.0f} MB; once loaded: {med['again_ms']:.2f} ms (the floor)"
    )
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (a shared machine)")
    print(
        f"RESULT first_ms={med['wall_ms']:.0f} first_cpu_ms={med['cpu_ms']:.0f} rss_mb={med['rss_mb']:.1f} "
        f"floor_ms={med['again_ms']:.2f} ratio={med['wall_ms'] / max(med['again_ms'], 1e-3):.0f}"
    )


if __name__ == "__main__":
    main()
