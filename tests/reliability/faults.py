"""Helpers for the fault and hostile-argument tests: a project's bytes before and after, hostile files
of every kind (FIFO, device, folder, foreign SQLite, empty, non-UTF-8 names), read-only and full disks."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

TEXT = "本院认为，被告王𠮷未经许可抓取数据，构成不正当竞争。原告主张赔偿。\n"


def make_project(path: Path, tags: int = 2) -> list[int]:
    from annotator.services import Project

    with Project.create(path) as p:
        doc = p.documents.add_text("判决", TEXT).documents_added[0]
        cat = p.codebook.list()[0].id
        who = p.annotators.ensure("甲").id
        spans = [(5, 8), (10, 14), (20, 24), (27, 31)][:tags]
        return [p.annotations.add(doc.id, s, e, cat, who).annotations_added[0].id for s, e in spans]


def snapshot(path: Path) -> tuple[str, tuple[str, ...]]:
    """The file's SHA-256 and the names of the files beside it (a -wal or a folder left behind shows)."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "-"
    return digest, tuple(sorted(p.name for p in path.parent.iterdir()))


def foreign_sqlite(path: Path) -> Path:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    con.execute("INSERT INTO contacts VALUES ('张三', '123')")
    con.commit()
    con.close()
    return path


def hostile_files(folder: Path) -> dict[str, Path]:
    """Files no command may hang on, read without end, or change."""
    folder.mkdir(parents=True, exist_ok=True)
    out: dict[str, Path] = {}
    fifo = folder / "pipe.txt"
    os.mkfifo(fifo)
    out["fifo"] = fifo
    zero = folder / "zero.txt"
    zero.symlink_to("/dev/zero")
    out["dev-zero-symlink"] = zero
    rnd = folder / "random.jsonl"
    rnd.symlink_to("/dev/urandom")
    out["dev-urandom-symlink"] = rnd
    d = folder / "folder.sqlite"
    d.mkdir()
    out["folder"] = d
    empty = folder / "empty.sqlite"
    empty.write_bytes(b"")
    out["empty"] = empty
    out["foreign-sqlite"] = foreign_sqlite(folder / "other-app.sqlite")
    junk = folder / "junk.sqlite"
    junk.write_bytes(os.urandom(4096))
    out["random-bytes"] = junk
    gbk = folder.joinpath(os.fsdecode("判决书".encode("gbk")) + ".txt")  # a GBK name, as Windows zips have
    gbk.write_bytes(TEXT.encode("utf-8"))
    out["gbk-name"] = gbk
    out["missing"] = folder / "gone.sqlite"
    return out


@contextlib.contextmanager
def small_disk(folder: Path, size_kb: int = 600):
    """A folder on a tiny filesystem of its own (tmpfs), or None where mounting is not allowed."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or not shutil.which("mount"):
        yield None
        return
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(folder)], capture_output=True
    )
    if done.returncode != 0:
        yield None
        return
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


@contextlib.contextmanager
def read_only_folder(folder: Path):
    """`folder` made read-only for this process: a read-only bind mount when running as root (root
    ignores file modes), else chmod. Yields False when neither is possible."""
    if os.geteuid() == 0:
        done = subprocess.run(["mount", "--bind", str(folder), str(folder)], capture_output=True)
        if done.returncode != 0:
            yield False
            return
        try:
            ro = subprocess.run(["mount", "-o", "remount,bind,ro", str(folder)], capture_output=True)
            yield ro.returncode == 0
        finally:
            subprocess.run(["umount", "-l", str(folder)], capture_output=True)
        return
    modes = {p: p.stat().st_mode for p in [folder, *folder.iterdir()]}
    for p in modes:
        p.chmod(0o555 if p.is_dir() else 0o444)
    try:
        yield True
    finally:
        for p, mode in modes.items():
            p.chmod(mode)
