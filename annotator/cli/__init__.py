"""Command line: the same services as the GUI, no display needed.

    annotator [PROJECT]                          start the GUI
    annotator COMMAND ...                        see `annotator --help` and `annotator COMMAND --help`

One module per group of commands; each names its `COMMANDS`, adds their parsers (`add_parsers`) and
maps each command to a handler: `HANDLERS` run with the project open, `OPENS_ITSELF` open (or create)
what they need themselves. A new command goes into the module of its group (or a new module listed in
`GROUPS`); nothing here changes.
    documents    init, import, docs, doc-status, remove-doc
    codebook     codebook, category
    tags         tag, edit-tag, remove-tag
    exchange     export, import-annotations (other tools' files)
    corpus       search, segments, stats, structure, section, words
    review       merge, share, merge-back, compare, agree, adjudicate
    versions     update-doc, flagged (a document's corrected text)
    backups      backups, check (the project file itself)
    team         server, push, pull (PostgreSQL team projects)
    suggestions  suggest
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from annotator import __version__
from annotator.cli import (
    backups,
    codebook,
    corpus,
    documents,
    exchange,
    review,
    suggestions,
    tags,
    team,
    versions,
)
from annotator.cli.terminal import fail, os_error, printable, terminal_progress
from annotator.core.errors import AnnotatorError
from annotator.services import Project
from annotator.services.project import DATABASE_ERRORS, explain_database_error

__all__ = ["COMMANDS", "main", "terminal_progress"]

GROUPS = (documents, codebook, tags, exchange, corpus, review, versions, backups, team, suggestions)
COMMANDS = tuple(c for g in GROUPS for c in g.COMMANDS)
COMMAND_HANDLERS = {c: h for g in GROUPS for c, h in g.HANDLERS.items()}
OPENS_ITSELF = {c: h for g in GROUPS for c, h in getattr(g, "OPENS_ITSELF", {}).items()}


class _Parser(argparse.ArgumentParser):
    """Usage errors as one line, like every other error (`annotator: error: …`), exit status 2."""

    def error(self, message: str):
        print(f"annotator: error: {printable(message)} (see `{self.prog} --help`)", file=sys.stderr)
        sys.exit(2)


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="annotator", description="Annotate Chinese legal texts.")
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=_Parser)
    for group in GROUPS:
        group.add_parsers(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0] not in COMMANDS and not argv[0].startswith("-") and _names_a_project(argv[0])):
        return _start_gui(argv)
    if argv[0] not in COMMANDS and not argv[0].startswith("-"):
        # A typo, or a command of a newer version: never a new project of that name.
        _parser().print_usage(sys.stderr)
        print(
            f"annotator: error: unknown command {printable(argv[0])!r} (commands: {', '.join(COMMANDS)})",
            file=sys.stderr,
        )
        return 2
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except AnnotatorError as exc:
        return fail(str(exc))
    except DATABASE_ERRORS as exc:  # a database error no service turned into a message
        return fail(str(explain_database_error(exc, getattr(args, "project", None))))
    except OSError as exc:
        return fail(os_error(exc, args))
    except MemoryError:
        return fail(f"{getattr(args, 'project', '')}: not enough memory for this command")


def _names_a_project(word: str) -> bool:
    """`annotator PROJECT` starts the GUI on an existing file, or on a new one named *.sqlite."""
    from pathlib import Path

    return Path(word).exists() or word.lower().endswith(".sqlite")


def _start_gui(argv: list[str]) -> int:
    import os

    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or os.environ.get("QT_QPA_PLATFORM")
    ):
        return fail(
            "no display to show the window on (DISPLAY is not set); the commands work without one: "
            "see `annotator --help`"
        )
    from annotator.ui.app import run  # Qt only when the GUI is asked for

    return run(argv)


def _run(args: argparse.Namespace) -> int:
    if args.command in OPENS_ITSELF:
        return OPENS_ITSELF[args.command](args)
    with Project.open(args.project) as project:
        return COMMAND_HANDLERS[args.command](project, args)
