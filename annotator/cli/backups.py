"""Commands that look after the project file itself. They open it themselves, because a damaged file
must still be listable, checkable and restorable:
    annotator backups PROJECT [--make | --restore FILE|latest]
    annotator check PROJECT
"""

from __future__ import annotations

import sys
from pathlib import Path

from annotator.core.errors import DamagedProjectError, InputError
from annotator.core.inputs import check_regular
from annotator.services import Project
from annotator.services import backup as backups

COMMANDS = ("backups", "check")


def add_parsers(sub) -> None:
    s = sub.add_parser("backups", help="list, make or restore backups of a project")
    s.add_argument("project")
    g = s.add_mutually_exclusive_group()
    g.add_argument("--make", action="store_true", help="make a backup now")
    g.add_argument("--restore", metavar="FILE", help="put this backup (or 'latest') in place of the project")

    s = sub.add_parser("check", help="check a project file for damage (SQLite integrity check)")
    s.add_argument("project")


def _check(args) -> int:
    path = Path(args.project)
    try:
        with Project.open(path) as project:
            problems = project.integrity_problems(quick=False)
    except DamagedProjectError as exc:
        problems = exc.problems or [str(exc)]
    if problems:
        print(f"{path}: damaged", file=sys.stderr)
        for p in problems[:20]:
            print(f"  {p}", file=sys.stderr)
        return 1
    print(f"{path}: ok")
    return 0


def _backups(args) -> int:
    path = Path(args.project)
    # The project must be a file (a damaged one may be listed and restored; see `check_regular`), never
    # a folder, pipe or device, and not another program's database.
    check_regular(path)
    backups.check_backed_up_file(path)
    if args.make:
        with Project.open(path) as project:
            print(backups.make_backup(project))
        return 0
    found = backups.list_backups(path)
    if args.restore:
        if args.restore == "latest":
            if not found:
                raise InputError("there are no backups of this project", path=str(path))
            chosen = found[0].path
        else:
            chosen = Path(args.restore)
        aside = backups.restore(path, chosen)
        print(f"restored {chosen}; the replaced file is kept as {aside}")
        return 0
    for b in found:
        print(f"{b.created.isoformat(timespec='seconds')}\t{b.size}\t{b.path}")
    return 0


HANDLERS: dict = {}
OPENS_ITSELF = {"check": _check, "backups": _backups}
