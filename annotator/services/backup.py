"""Rotating backups of a project, and restoring one.

Backups are consistent copies made with SQLite's online backup (safe while the project is open and
even while another process writes). They live in a folder next to the project, `NAME-backups/`, as
`NAME-YYYYmmdd-HHMMSS.sqlite`; the newest `KEEP` are kept. When that folder cannot be written (a
read-only share), the user data folder's `backups/` is used instead.

Restoring never deletes anything: the current file is set aside as `NAME.replaced-YYYYmmdd-HHMMSS.sqlite`
next to the project before the backup is copied into its place.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from annotator import store
from annotator.core import partials
from annotator.core.errors import DamagedProjectError, InputError, ProjectError
from annotator.core.messages import QT_TRANSLATE_NOOP, Message
from annotator.core.paths import user_data_dir

KEEP = 10
_STAMP = "%Y%m%d-%H%M%S"


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created: datetime  # UTC
    size: int  # bytes


def backup_folder(project_path: str | Path) -> Path:
    project_path = Path(project_path)
    folder = project_path.with_name(f"{project_path.stem}-backups")
    try:
        folder.mkdir(exist_ok=True)
        if os.access(folder, os.W_OK):
            return folder
    except OSError:
        pass
    fallback = user_data_dir() / "backups" / project_path.stem
    fallback.mkdir(parents=True, exist_ok=True)
    return fallback


def list_backups(project_path: str | Path) -> list[BackupInfo]:
    """The project's backups, newest first."""
    project_path = Path(project_path)
    found: list[BackupInfo] = []
    # Looking creates nothing: a listing never leaves an empty NAME-backups folder behind.
    for folder in {
        project_path.with_name(f"{project_path.stem}-backups"),
        user_data_dir() / "backups" / project_path.stem,
    }:
        if not folder.is_dir():
            continue
        for f in folder.glob(f"{project_path.stem}-*.sqlite"):
            stamp = f.stem[len(project_path.stem) + 1 :]
            try:
                created = datetime.strptime(stamp, _STAMP).replace(tzinfo=UTC)
            except ValueError:
                continue  # not one of ours
            found.append(BackupInfo(f, created, f.stat().st_size))
    found.sort(key=lambda b: b.created, reverse=True)
    return found


def make_backup(project, keep: int = KEEP) -> Path:
    """Copy the open project into its backup folder and drop all but the newest `keep` backups."""
    if getattr(project, "on_server", False):
        raise ProjectError(
            Message(
                QT_TRANSLATE_NOOP(
                    "Messages",
                    "a team project is backed up on its server; `annotator pull URL FILE.sqlite` makes a "
                    "complete local copy",
                )
            ),
            path=project.location,
        )
    folder = backup_folder(project.path)
    now = datetime.now(UTC)
    target = folder / f"{project.path.stem}-{now.strftime(_STAMP)}.sqlite"
    partials.clear_stale(folder)
    partial = partials.partial_path(target)
    try:
        project.backend.backup_to(partial)
        partial.replace(target)  # a backup interrupted half-way never looks like a backup
    except OSError as exc:
        raise ProjectError(
            Message(
                QT_TRANSLATE_NOOP("Messages", "cannot write a backup: {error}"),
                error=exc.strerror or str(exc),
            ),
            path=str(target),
        ) from None
    finally:
        partials.remove(partial)
    for old in list_backups(project.path)[keep:]:
        old.path.unlink(missing_ok=True)
    return target


def check_backed_up_file(path: str | Path) -> None:
    """Raise unless `path` is a project of this program; a damaged one passes (that is what backups are
    for), another program's database or a file that is not SQLite does not."""
    try:
        store.db.probe(path)
    except DamagedProjectError:
        return
    except ProjectError as exc:
        if "damaged" in str(exc) or "newer version" in str(exc):
            return
        raise


def restore(project_path: str | Path, backup: str | Path) -> Path:
    """Put `backup` in place of the (closed) project file; returns where the replaced file was set aside.

    The backup is checked first, so a damaged backup never replaces anything. The project file is then
    held exclusively (store/project_files.py `hold_exclusively`, an SQLite lock every platform has) from the check
    that no other program has it open until its contents are replaced: a window or command cannot open
    it in between and go on writing into the set-aside file.
    """
    project_path, backup = Path(project_path), Path(backup)
    if not backup.is_file():
        raise InputError(
            Message(QT_TRANSLATE_NOOP("Messages", "the backup file does not exist")), path=str(backup)
        )
    problems = store.project_files.check_file(backup)
    if problems:
        raise InputError(
            Message(
                QT_TRANSLATE_NOOP("Messages", "the backup is damaged too ({problem})"), problem=problems[0]
            ),
            path=str(backup),
        )
    try:
        store.db.probe(backup)  # a project of this program, not any SQLite file
    except ProjectError as exc:
        raise InputError(
            Message(
                QT_TRANSLATE_NOOP("Messages", "not a backup of a project ({problem})"), problem=exc.message
            ),
            path=str(backup),
        ) from None
    held = None
    if project_path.exists():
        try:
            held = store.project_files.hold_exclusively(project_path)
        except store.project_files.InUseError:
            # What that process confirms after the swap would go into the set-aside file, not the project.
            raise ProjectError(
                Message(
                    QT_TRANSLATE_NOOP(
                        "Messages",
                        "another program (a window or a command) has this project open; close it first, "
                        "then restore. Nothing was changed",
                    )
                ),
                path=str(project_path),
            ) from None
        if held is None:  # damaged beyond SQLite's reading: ask the system who has it open, where it can
            other = store.project_files.held_by_another_process(project_path)
            if other is not None:
                raise ProjectError(
                    Message(
                        QT_TRANSLATE_NOOP(
                            "Messages",
                            "another program (process {pid}: a window or a command) has this project open; "
                            "close it first, then restore. Nothing was changed",
                        ),
                        pid=other,
                    ),
                    path=str(project_path),
                )
    stamp = datetime.now(UTC).strftime(_STAMP)
    aside = project_path.with_name(f"{project_path.stem}.replaced-{stamp}{project_path.suffix}")
    try:
        if held is not None:
            # The project as it is (nobody can change it while it is held), then the backup over it.
            if store.project_files.copy_held(held, aside) and store.project_files.replace_contents(
                held, backup
            ):
                return aside
            # Not readable whole (damaged) or not copied (another page size): move the file itself aside.
            # Let go first: the held connection would fold its log into the file that moved, and then
            # delete the -wal by its name, which is the restored project's.
            held.close()
            held = None
        _swap_files(project_path, backup, aside)
    except OSError as exc:
        raise ProjectError(
            Message(
                QT_TRANSLATE_NOOP("Messages", "cannot restore the backup: {error}"),
                error=exc.strerror or str(exc),
            ),
            path=str(project_path),
        ) from None
    finally:
        if held is not None:
            held.close()
    return aside


def _swap_files(project_path: Path, backup: Path, aside: Path) -> None:
    """Rename the project file (with its -wal/-shm) aside and the backup's copy into its place."""
    staged = project_path.with_name(project_path.name + ".restoring")
    try:
        shutil.copyfile(backup, staged)
        if project_path.exists():
            aside.unlink(missing_ok=True)  # a copy made while the file was held, if one was
            project_path.replace(aside)
        # The old file's write-ahead log belongs to it, not to the backup.
        for suffix in ("-wal", "-shm"):
            side = project_path.with_name(project_path.name + suffix)
            if side.exists():
                side.replace(aside.with_name(aside.name + suffix))
        staged.replace(project_path)
    finally:
        staged.unlink(missing_ok=True)
