"""The one way every command and dialog writes a file the user named (exports, reports, codebooks,
tables): never over the open project, its -wal/-shm, its backups or any other SQLite database; through
a temporary file renamed into place, so a failed or cancelled write leaves no half file; and with a
message that names the chosen file (not the temporary one) and says when the disk is full.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path

from annotator.core import partials
from annotator.core.errors import DiskFullError, InputError
from annotator.core.inputs import display
from annotator.core.messages import QT_TRANSLATE_NOOP, Message

_SQLITE = b"SQLite format 3\x00"


def protected_reason(
    project_path: str | Path | None, target: str | Path, *, any_database: bool = True
) -> Message | None:
    """Why `target` must not be written, or None when it may be. `any_database=False` allows replacing
    another SQLite file (a new project over an old one, which the save dialog confirmed)."""
    target = Path(target)
    if target.is_dir():
        return Message(QT_TRANSLATE_NOOP("Messages", "this is a folder; choose a file name"))
    if project_path is not None:
        project_path = Path(project_path).absolute()
        stem, name = project_path.stem, project_path.name
        siblings = {project_path.with_name(name + s) for s in ("", "-wal", "-shm", "-journal")}
        if any(_same(target, p) for p in siblings):
            return Message(
                QT_TRANSLATE_NOOP(
                    "Messages", "this is the open project (or its -wal/-shm file); an export would destroy it"
                )
            )
        here = target.absolute()
        parent = _real(here.parent)
        if parent == _real(project_path.parent) and (
            here.name.startswith((f"{stem}.replaced-", f"{stem}.before-v"))
        ):
            return Message(
                QT_TRANSLATE_NOOP(
                    "Messages",
                    "this is a copy the program keeps of the project (a replaced or pre-upgrade file)",
                )
            )
        from annotator.core.paths import user_data_dir

        for folder in (project_path.with_name(f"{stem}-backups"), user_data_dir() / "backups" / stem):
            if folder.exists() and parent == _real(folder):
                return Message(QT_TRANSLATE_NOOP("Messages", "this is in the project's backup folder"))
    if any_database and target.is_file():
        try:
            with target.open("rb") as fh:
                if fh.read(16) == _SQLITE:
                    return Message(
                        QT_TRANSLATE_NOOP(
                            "Messages",
                            "this is an SQLite database (a project or a "
                            "backup?); an export never replaces one",
                        )
                    )
        except OSError:
            pass
    return None


def check_target(project_path: str | Path | None, target: str | Path) -> Path:
    target = Path(target)
    reason = protected_reason(project_path, target)
    if reason:
        raise InputError(
            Message(QT_TRANSLATE_NOOP("Messages", "{reason}; nothing was written"), reason=reason),
            path=display(target),
        )
    if not target.absolute().parent.is_dir():
        raise InputError(
            Message(QT_TRANSLATE_NOOP("Messages", "the folder for this file does not exist")),
            path=display(target),
        )
    return target


def write_file(project_path: str | Path | None, target: str | Path, write: Callable[[Path], object]):
    """Call `write(temporary_path)` and move the result to `target`; returns what `write` returned.

    The temporary file sits next to the target (so the move is a rename on one disk), is named after
    this process (core/partials.py) and is removed whatever happens; those that killed runs left in the
    folder are removed first."""
    target = check_target(project_path, target)
    partials.clear_stale(target.absolute().parent)
    target.with_name(target.name + ".partial").unlink(missing_ok=True)  # an earlier version's name
    partial = partials.partial_path(target)
    try:
        result = write(partial)
        partial.replace(target)
        return result
    except OSError as exc:
        raise write_error(exc, target) from None
    finally:
        try:
            partial.unlink(missing_ok=True)
        except OSError:
            pass


def write_error(exc: OSError, target: str | Path) -> InputError:
    """An OSError while writing `target`, as a message naming `target` (not a temporary file)."""
    name = display(target)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return DiskFullError(
            Message(
                QT_TRANSLATE_NOOP(
                    "Messages",
                    "no space left on the disk holding {name}; nothing was written (the project is "
                    "unchanged)",
                ),
                name=name,
            ),
            path=name,
        )
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return InputError(
            Message(
                QT_TRANSLATE_NOOP(
                    "Messages",
                    "cannot write here (permission denied or a read-only disk); nothing was written",
                )
            ),
            path=name,
        )
    return InputError(
        Message(
            QT_TRANSLATE_NOOP("Messages", "cannot write the file ({error}); nothing was written"),
            error=exc.strerror or str(exc),
        ),
        path=name,
    )


def _same(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return _real(a) == _real(b)


def _real(p: Path) -> Path:
    try:
        return p.resolve()
    except OSError:
        return p.absolute()
