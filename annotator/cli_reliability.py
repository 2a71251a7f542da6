"""Command line for corrected documents, backups and file checks.

    annotator update-doc PROJECT DOC FILE [--reflow] [--accept SCORE]
    annotator backups PROJECT [--make | --restore FILE|latest]
    annotator check PROJECT
    annotator flagged PROJECT [--doc ID] [--done ID ...]
"""

from __future__ import annotations

import sys
from pathlib import Path

from annotator.core.context import FUZZY_ACCEPT
from annotator.core.errors import DamagedProjectError, InputError
from annotator.core.inputs import check_regular, whole_number
from annotator.services import Project
from annotator.services import backup as backups

COMMANDS = ("update-doc", "backups", "check", "flagged")
# These open the project themselves: a damaged file must still be listable, checkable and restorable.
WITHOUT_OPEN = ("backups", "check")


def add_parsers(sub) -> None:
    s = sub.add_parser("update-doc", help="replace a document's text with a corrected version; tags follow")
    s.add_argument("project")
    s.add_argument("doc", type=whole_number, help="document id (see `annotator docs`)")
    s.add_argument("file", help="the corrected text (.txt .docx .html .md .pdf)")
    s.add_argument("--reflow", action="store_true", help="repair sentences broken by stray line breaks")
    s.add_argument("--accept", type=float, default=FUZZY_ACCEPT,
                   help=f"lowest similarity (0-1) for moving a changed passage (default {FUZZY_ACCEPT})")
    s.add_argument("--force", action="store_true",
                   help="replace the text even when more than half of the tags would not be placed")

    s = sub.add_parser("backups", help="list, make or restore backups of a project")
    s.add_argument("project")
    g = s.add_mutually_exclusive_group()
    g.add_argument("--make", action="store_true", help="make a backup now")
    g.add_argument("--restore", metavar="FILE", help="put this backup (or 'latest') in place of the project")

    s = sub.add_parser("check", help="check a project file for damage (SQLite integrity check)")
    s.add_argument("project")

    s = sub.add_parser("flagged", help="tags to review after a corrected text (fuzzy or not placed)")
    s.add_argument("project")
    s.add_argument("--doc", type=whole_number, help="only this document")
    s.add_argument("--done", type=whole_number, nargs="+", metavar="ID", help="mark these tags as reviewed")


def _update_doc(project: Project, args) -> int:
    changes = project.versions.update_file(args.doc, args.file, reflow=args.reflow, accept=args.accept,
                                               force=args.force)
    for message in changes.messages:
        print(message)
    return 0


def run_without_open(args) -> int:
    if args.command == "check":
        return _check(Path(args.project))
    return _backups(Path(args.project), args)


def _check(path: Path) -> int:
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


def _backups(path: Path, args) -> int:
    # The project must be a file (a damaged one may be listed and restored; see `check_regular`), never
    # a folder, pipe or device, and not another program's database.
    check_regular(path)
    _not_foreign(path)
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


def _not_foreign(path: Path) -> None:
    from annotator.core.errors import ProjectError
    from annotator.store.db import probe

    try:
        probe(path)
    except DamagedProjectError:
        return  # exactly what backups are for
    except ProjectError as exc:
        if "damaged" in str(exc) or "newer version" in str(exc):
            return
        raise


def _flagged(project: Project, args) -> int:
    if args.done:
        for ident in args.done:
            project.versions.mark_reviewed(ident)
        return 0
    for a, reason, score, removed in project.versions.flagged(args.doc):
        state = "removed" if removed else f"{a.start}-{a.end}"
        shown = f"{score:.2f}" if score is not None else "-"
        print(f"{a.id}\tdoc {a.document_id}\t{reason}\t{shown}\t{state}\t{a.text}")
    return 0


HANDLERS = {"update-doc": _update_doc, "flagged": _flagged}
