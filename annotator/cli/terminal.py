"""What every command shares about the terminal: one-line errors, progress bars, names looked up."""

from __future__ import annotations

import argparse
import sys

from annotator.core.errors import NotFoundError


def printable(text: str) -> str:
    """One line that any terminal can print: undecodable file-name bytes escaped, line breaks folded."""
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return " ".join(text.splitlines())


def fail(message: str, status: int = 1) -> int:
    print(f"annotator: error: {printable(message)}", file=sys.stderr)
    return status


def os_error(exc: OSError, args: argparse.Namespace) -> str:
    import errno

    where = exc.filename or getattr(args, "project", "") or ""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"{where}: no space left on the disk holding {where}; the last action was not saved"
    return f"{where}: {exc.strerror or exc}"


def terminal_progress(label: str, stream=None):
    """A progress bar on stderr when it is a terminal (nothing when output goes to a file or a pipe)."""
    stream = stream or sys.stderr
    if not stream.isatty():
        return None

    def show(done: int, total: int) -> bool:
        width = 30
        filled = width * done // max(total, 1)
        end = "\n" if done >= total else ""
        stream.write(
            f"\r{label} [{'#' * filled}{'.' * (width - filled)}] {100 * done // max(total, 1):3d}%{end}"
        )
        stream.flush()
        return True

    return show


def say_changes(changes) -> None:
    """What an edit did, in one line on stderr (stdout stays for what scripts read)."""
    n = len(changes.annotations_updated) + len(changes.annotations_removed)
    print(changes.action + (f" ({n} tags)" if n else ""), file=sys.stderr)


def annotator_ids(project, names: list[str]) -> list[int]:
    """The ids of the annotators named, in order; an unknown name is an error that names it."""
    known = {a.name: a.id for a in project.annotators.list()}
    missing = [n for n in names if n not in known]
    if missing:
        raise NotFoundError(
            f"no annotator named {', '.join(map(repr, missing))} (annotators: {', '.join(known) or 'none'})"
        )
    return [known[n] for n in names]
