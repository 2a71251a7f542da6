"""Temporary files that become a user's file when complete (exports, backups, shared copies, pulls).

Each is written next to its target and renamed into place, so a failed write never leaves half a file
under the user's name. A process killed mid-write cannot clean up after itself, so the temporary name
says whose it is: `NAME.<host>-<pid>.partial` (and, for a project being built, its `-wal`/`-shm`/
`-journal`). A later run removes those whose process on this computer is gone — when it opens a project
in that folder or writes into it — and never one that a running process (or another computer on a
shared drive) may still be writing.
"""

from __future__ import annotations

import os
import re
import socket
import sys
from pathlib import Path

SUFFIX = ".partial"
_SIDES = ("", "-wal", "-shm", "-journal")
_OURS = re.compile(
    r"^(?P<name>.+)\.(?P<host>[A-Za-z0-9_-]{1,40})-(?P<pid>\d{1,10})\.partial(?:-wal|-shm|-journal)?$"
)


def _host() -> str:
    name = re.sub(r"[^A-Za-z0-9_-]", "_", socket.gethostname().split(".")[0] or "host")
    return name[:40] or "host"


def partial_path(target: str | Path) -> Path:
    """The temporary file to write `target` through, named after this process."""
    target = Path(target)
    return target.with_name(f"{target.name}.{_host()}-{os.getpid()}{SUFFIX}")


def remove(partial: Path) -> None:
    """Remove a temporary file and the SQLite files beside it (a project being built has them)."""
    for side in _SIDES:
        try:
            partial.with_name(partial.name + side).unlink(missing_ok=True)
        except OSError:
            pass


def pid_alive(pid: int) -> bool:
    """Whether a process with this id runs on this computer (unknown counts as alive: keep its file)."""
    if pid <= 0:
        return True
    if sys.platform == "win32":
        import ctypes

        process = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not process:
            return ctypes.windll.kernel32.GetLastError() == 5  # access denied: it exists
        code = ctypes.c_ulong()
        ctypes.windll.kernel32.GetExitCodeProcess(process, ctypes.byref(code))
        ctypes.windll.kernel32.CloseHandle(process)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)  # signal 0 asks without signalling
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def clear_stale(folder: str | Path) -> list[Path]:
    """Remove the temporary files in `folder` left by processes of this computer that are gone (killed
    mid-write). Returns what was removed; a folder that cannot be read is left alone."""
    removed: list[Path] = []
    host = _host()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if SUFFIX not in entry.name:
            continue
        m = _OURS.match(entry.name)
        if m is None or m.group("host") != host or not entry.is_file(follow_symlinks=False):
            continue
        pid = int(m.group("pid"))
        if pid == os.getpid() or pid_alive(pid):
            continue
        try:
            os.unlink(entry.path)
            removed.append(Path(entry.path))
        except OSError:
            pass
    return removed
