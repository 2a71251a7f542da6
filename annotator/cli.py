"""Command line: the same services as the GUI, no display needed.

    annotator [PROJECT]                          start the GUI
    annotator init PROJECT [--codebook FILE]
    annotator import PROJECT FILE... [--no-reflow] [--no-paragraphs] [--as-delivered]
    annotator words PROJECT [--add W...] [--remove W...] [--import FILE] [--suggest [N]] [--accept W...]
    annotator docs PROJECT [--json]
    annotator codebook PROJECT [--json] [--export FILE] [--import FILE]
    annotator tag PROJECT DOC START END CATEGORY [--annotator NAME] [--note TEXT]
    annotator export PROJECT --format FORMAT -o PATH [--doc ID ...] [--annotator NAME ...] [--category NAME ...]
    annotator import-annotations PROJECT FILE [--format FORMAT] [--annotator NAME] [--add-categories]
    annotator merge PROJECT FILE                 (see cli_review.py)
    annotator update-doc PROJECT DOC FILE / backups PROJECT / check PROJECT   (see cli_reliability.py)
    annotator category ACTION PROJECT … / doc-status / remove-doc   (see cli_workbench.py)
    annotator suggest PROJECT [--category X] [--min-score S] [--json]   (see cli_suggest.py)
    annotator agree PROJECT --annotators A B [C ...] [--unit char|token|sentence] [--category NAME ...] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from annotator import __version__
from annotator import cli_corpus as corpus
from annotator import cli_reliability as reliability
from annotator import cli_review as review
from annotator import cli_suggest as suggest
from annotator import cli_team as team
from annotator import cli_workbench as workbench
from annotator.core.errors import AnnotatorError
from annotator.core.inputs import whole_number
from annotator.services import Project
from annotator.services.annotators import default_name
from annotator.store.db import DATABASE_ERRORS, explain

COMMANDS = ("init", "import", "words", "docs", "codebook", "tag", "export", "import-annotations") + corpus.COMMANDS + review.COMMANDS + reliability.COMMANDS + workbench.COMMANDS + team.COMMANDS + suggest.COMMANDS


class _Parser(argparse.ArgumentParser):
    """Usage errors as one line, like every other error (`annotator: error: …`), exit status 2."""

    def error(self, message: str):
        print(f"annotator: error: {_printable(message)} (see `{self.prog} --help`)", file=sys.stderr)
        sys.exit(2)


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="annotator", description="Annotate Chinese legal texts.")
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=_Parser)

    s = sub.add_parser("init", help="create a project file")
    s.add_argument("project")
    s.add_argument("--codebook", help="codebook JSON file (default: the bundled codebook)")

    s = sub.add_parser("import", help="import documents (.txt .docx .html .md .pdf)")
    s.add_argument("project")
    s.add_argument("files", nargs="+")
    s.add_argument("--reflow", action="store_true", help=argparse.SUPPRESS)  # the default now; kept for scripts
    s.add_argument("--no-reflow", action="store_true",
                   help="keep stray line breaks (by default sentences split by them are joined)")
    s.add_argument("--no-paragraphs", action="store_true",
                   help="do not put paragraph breaks into judgments that came as one line")
    s.add_argument("--as-delivered", action="store_true",
                   help="store the text exactly as delivered (line breaks as LF): neither of the above")

    s = sub.add_parser("words", help="the project's legal dictionary: list, add, remove, import, suggest")
    s.add_argument("project")
    s.add_argument("--add", nargs="+", metavar="WORD", default=[])
    s.add_argument("--remove", nargs="+", metavar="WORD", default=[])
    s.add_argument("--import", dest="import_", metavar="FILE", help="a list: one word per line [frequency]")
    s.add_argument("--suggest", nargs="?", type=int, const=30, metavar="N",
                   help="terms learnt from the project's documents that jieba splits (default 30)")
    s.add_argument("--accept", nargs="+", metavar="WORD", default=[], help="add suggested terms")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("docs", help="list documents")
    s.add_argument("project")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("codebook", help="list categories, or import/export the codebook file")
    s.add_argument("project")
    s.add_argument("--json", action="store_true")
    s.add_argument("--export", metavar="FILE", help="write the codebook as a codebook JSON file")
    s.add_argument("--import", dest="import_", metavar="FILE", help="add the categories of a codebook file")

    s = sub.add_parser("tag", help="tag a passage (offsets in characters, i.e. code points)")
    s.add_argument("project")
    s.add_argument("doc", type=whole_number, help="document id (see `annotator docs`)")
    s.add_argument("start", type=whole_number)
    s.add_argument("end", type=whole_number)
    s.add_argument("category", help="category id, or its Chinese or English name")
    s.add_argument("--annotator", default=None, help="annotator name (default: your user name)")
    s.add_argument("--note", default="", help="memo for the passage")

    from annotator.formats import registry

    s = sub.add_parser("export", help="export annotations")
    s.add_argument("project")
    s.add_argument("--format", required=True, help=", ".join(m.NAME for m in registry.exporters()))
    s.add_argument("-o", "--output", required=True)
    s.add_argument("--doc", type=whole_number, nargs="+", action="extend", metavar="ID", help="only these documents")
    s.add_argument("--annotator", nargs="+", action="extend", metavar="NAME", help="only these annotators' tags")
    s.add_argument("--category", nargs="+", action="extend", metavar="NAME",
                   help="only these categories (with their sub-categories)")
    s.add_argument("--no-children", action="store_true", help="a chosen category does not bring its children")
    s.add_argument("--no-memos", action="store_true", help="leave memos out")
    s.add_argument("--no-text", action="store_true", help="leave the documents' full text out where optional")
    s.add_argument("--words", action="store_true", help="conll: one line per jieba word, not per character")
    s.add_argument("--docstart", action="store_true", help="conll: a -DOCSTART- line before each document")

    s = sub.add_parser("import-annotations", help="import tags from qdpx, jsonl (doccano), brat, Label Studio, "
                                                          "INCEpTION (xmi, webanno tsv), qdc")
    s.add_argument("project")
    s.add_argument("file", help="a .qdpx/.qde, .jsonl, .ann, .json (Label Studio), .xmi, .tsv, a zip "
                                      "of those (brat, doccano, INCEpTION) or a brat folder, or a .qdc codebook")
    s.add_argument("--format", help=f"{', '.join(m.NAME for m in registry.importers())} "
                                    "(default: from the file's extension)")
    s.add_argument("--annotator", default=None,
                   help="who made tags the file does not attribute (default: your user name)")
    s.add_argument("--add-categories", action="store_true", help="add categories the codebook does not have")
    s.add_argument("--skip-bad", action="store_true",
                   help="import the rest when some tags do not fit their text (they are listed)")
    s.add_argument("--dry-run", action="store_true", help="say what would be imported; change nothing")
    s.add_argument("--text-field", metavar="NAME", help="jsonl: the field holding the text (default: text)")
    s.add_argument("--label-field", metavar="NAME", help="jsonl: the field holding the spans (default: label)")
    corpus.add_parsers(sub)
    review.add_parsers(sub)
    reliability.add_parsers(sub)
    workbench.add_parsers(sub)
    team.add_parsers(sub)
    suggest.add_parsers(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0] not in COMMANDS and not argv[0].startswith("-") and _names_a_project(argv[0])):
        return _start_gui(argv)
    if argv[0] not in COMMANDS and not argv[0].startswith("-"):
        # A typo, or a command of a newer version: never a new project of that name.
        _parser().print_usage(sys.stderr)
        print(f"annotator: error: unknown command {_printable(argv[0])!r} (commands: {', '.join(COMMANDS)})",
              file=sys.stderr)
        return 2
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except AnnotatorError as exc:
        return _fail(str(exc))
    except DATABASE_ERRORS as exc:  # a database error no service turned into a message
        return _fail(str(explain(exc, getattr(args, "project", None))))
    except OSError as exc:
        return _fail(_os_error(exc, args))
    except MemoryError:
        return _fail(f"{getattr(args, 'project', '')}: not enough memory for this command")


def _names_a_project(word: str) -> bool:
    """`annotator PROJECT` starts the GUI on an existing file, or on a new one named *.sqlite."""
    from pathlib import Path

    return Path(word).exists() or word.lower().endswith(".sqlite")


def _printable(text: str) -> str:
    """One line that any terminal can print: undecodable file-name bytes escaped, line breaks folded."""
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return " ".join(text.splitlines())


def _fail(message: str, status: int = 1) -> int:
    print(f"annotator: error: {_printable(message)}", file=sys.stderr)
    return status


def _os_error(exc: OSError, args: argparse.Namespace) -> str:
    import errno

    where = exc.filename or getattr(args, "project", "") or ""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"{where}: no space left on the disk holding {where}; the last action was not saved"
    return f"{where}: {exc.strerror or exc}"


def _start_gui(argv: list[str]) -> int:
    import os

    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
                                                 or os.environ.get("QT_QPA_PLATFORM")):
        return _fail("no display to show the window on (DISPLAY is not set); the commands work without one: "
                     "see `annotator --help`")
    from annotator.ui.app import run  # Qt only when the GUI is asked for

    return run(argv)


def _run(args: argparse.Namespace) -> int:
    if args.command == "init":
        Project.create(args.project, args.codebook).close()
        print(args.project)
        return 0
    if args.command in team.COMMANDS:
        return team.run(args)
    if args.command in reliability.WITHOUT_OPEN:
        return reliability.run_without_open(args)
    if args.command in review.WITHOUT_OPEN:
        return review.run_without_open(args)
    with Project.open(args.project) as project:
        return COMMAND_HANDLERS[args.command](project, args)


def _import(project: Project, args) -> int:
    changes = project.documents.import_files(
        args.files, reflow=not (args.no_reflow or args.as_delivered),
        paragraphs=not (args.no_paragraphs or args.as_delivered), progress=terminal_progress("Importing"))
    for message in changes.messages:
        print(message, file=sys.stderr)
    for doc in changes.documents_added:
        print(doc.id)
    return 0


def terminal_progress(label: str, stream=None):
    """A progress bar on stderr when it is a terminal (nothing when output goes to a file or a pipe)."""
    stream = stream or sys.stderr
    if not stream.isatty():
        return None

    def show(done: int, total: int) -> bool:
        width = 30
        filled = width * done // max(total, 1)
        end = "\n" if done >= total else ""
        stream.write(f"\r{label} [{'#' * filled}{'.' * (width - filled)}] {100 * done // max(total, 1):3d}%{end}")
        stream.flush()
        return True

    return show


def _docs(project: Project, args) -> int:
    docs = project.documents.list()
    if args.json:
        print(json.dumps([{"id": d.id, "uuid": d.uuid, "title": d.title, "characters": d.length,
                           "annotations": d.annotation_count, "meta": d.meta} for d in docs],
                         ensure_ascii=False, indent=1))
    else:
        for d in docs:
            print(f"{d.id}\t{d.title}\t{d.length}\t{d.annotation_count}")
    return 0


def _codebook(project: Project, args) -> int:
    if args.import_:
        changes = project.codebook.import_file(args.import_)
        print(f"{len(changes.categories_added)} categories added", file=sys.stderr)
    if args.export:
        project.codebook.export_file(args.export)
        print(f"codebook written to {args.export}", file=sys.stderr)
    if args.import_ or args.export:
        return 0
    cats = project.codebook.list(include_archived=True)
    if args.json:
        print(json.dumps([{"id": c.id, "uuid": c.uuid, "name": c.name, "name_en": c.name_en,
                           "parent": c.parent_id, "color": c.color, "shortcut": c.shortcut,
                           "archived": c.archived} for c in cats], ensure_ascii=False, indent=1))
    else:
        depth = _depths(cats)
        for c in cats:
            key = f"[{c.shortcut}]" if c.shortcut else "   "
            print(f"{c.id}\t{key} {'  ' * depth[c.id]}{c.name}\t{c.name_en}\t{c.color}")
    return 0


def _depths(cats) -> dict[int, int]:
    parent = {c.id: c.parent_id for c in cats}
    out = {}
    for cid in parent:
        d, p = 0, parent[cid]
        while p is not None and d < 50:
            d, p = d + 1, parent.get(p)
        out[cid] = d
    return out


def _tag(project: Project, args) -> int:
    category = project.codebook.find(args.category)
    # One transaction: a refused tag adds no annotator either.
    changes = project.annotations.add_for(args.doc, args.start, args.end, category.id, args.annotator,
                                          memo=args.note)
    a = changes.annotations_added[0]
    print(f"{a.id}\t{a.uuid}\t{category.name}\t{a.text}")
    return 0


def _export(project: Project, args) -> int:
    from annotator.core.errors import NotFoundError
    from annotator.formats.base import ExportOptions

    annotator_ids = None
    if args.annotator:
        names = {a.name: a.id for a in project.annotators.list()}
        missing = [n for n in args.annotator if n not in names]
        if missing:
            raise NotFoundError(f"no annotator named {', '.join(map(repr, missing))}")
        annotator_ids = frozenset(names[n] for n in args.annotator)
    if args.doc:
        for doc_id in args.doc:
            project.documents.info(doc_id)
    options = ExportOptions(
        document_ids=frozenset(args.doc) if args.doc else None, annotator_ids=annotator_ids,
        category_ids=frozenset(project.codebook.find(c).id for c in args.category) if args.category else None,
        include_children=not args.no_children, include_memos=not args.no_memos, include_text=not args.no_text,
        word_tokens=args.words, docstart=args.docstart)
    n = project.exports.export(args.format, args.output, options)
    print(f"{n} annotations written to {args.output}", file=sys.stderr)
    return 0


def _import_annotations(project: Project, args) -> int:
    annotator = args.annotator or default_name()
    options = {"text_field": args.text_field, "label_field": args.label_field}
    if args.dry_run:
        bundle = project.imports.read(args.file, args.format, options)
        plan = project.imports.plan(bundle, annotator=annotator, add_categories=args.add_categories)
        print(f"{plan.annotations_new} tags to add, {plan.annotations_known} already here; "
              f"{len(plan.documents_new)} new documents, {len(plan.categories_new)} new categories"
              + (f", {len(plan.categories_unknown)} unknown: {', '.join(plan.categories_unknown)}"
                 if plan.categories_unknown else ""))
        for line in plan.notes + plan.problems:
            print(line, file=sys.stderr)
        return 0
    changes = project.imports.import_file(args.file, args.format, annotator=annotator,
                                          add_categories=args.add_categories, skip_bad=args.skip_bad,
                                          options=options)
    for message in changes.messages:
        print(message, file=sys.stderr)
    print(f"{len(changes.annotations_added)} tags, {len(changes.documents_added)} documents and "
          f"{len(changes.categories_added)} categories added")
    return 0


def _words(project: Project, args) -> int:
    for label, done in (("added", project.words.add(args.add) if args.add else None),
                        ("removed", project.words.remove(args.remove) if args.remove else None),
                        ("imported", project.words.import_list(args.import_) if args.import_ else None),
                        ("accepted", project.words.add(args.accept, origin="suggested") if args.accept else None)):
        if done is not None:
            print(f"{len(done)} word(s) {label}: {' '.join(done)}", file=sys.stderr)
    if args.suggest is not None:
        found = project.words.suggest(args.suggest)
        if args.json:
            print(json.dumps([{"term": s.term, "count": s.count, "cohesion": round(s.cohesion, 2),
                               "left_entropy": round(s.left_entropy, 2), "right_entropy": round(s.right_entropy, 2),
                               "jieba": list(s.jieba)} for s in found], ensure_ascii=False, indent=1))
        else:
            for s in found:
                print(f"{s.term}\t{s.count}\t{'/'.join(s.jieba)}")
        return 0
    if args.add or args.remove or args.import_ or args.accept:
        return 0
    words = project.words.list()
    if args.json:
        print(json.dumps([{"word": w.word, "freq": w.freq, "origin": w.origin} for w in words],
                         ensure_ascii=False, indent=1))
    else:
        for w in words:
            print(f"{w.word}\t{w.origin}")
    return 0


COMMAND_HANDLERS = {"import": _import, "words": _words, "docs": _docs, "codebook": _codebook, "tag": _tag, "export": _export,
                    "import-annotations": _import_annotations, **corpus.HANDLERS,
                    **review.HANDLERS, **reliability.HANDLERS, **workbench.HANDLERS,
                    **suggest.HANDLERS}
