"""Command line: the same services as the GUI, no display needed.

    annotator [PROJECT]                          start the GUI
    annotator init PROJECT [--codebook FILE]
    annotator import PROJECT FILE... [--reflow]
    annotator docs PROJECT [--json]
    annotator codebook PROJECT [--json] [--export FILE] [--import FILE]
    annotator tag PROJECT DOC START END CATEGORY [--annotator NAME] [--note TEXT]
    annotator export PROJECT --format FORMAT -o PATH
    annotator merge PROJECT FILE                 (see cli_review.py)
    annotator category ACTION PROJECT … / doc-status / remove-doc   (see cli_workbench.py)
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
from annotator import cli_workbench as workbench
from annotator.core.errors import AnnotatorError
from annotator.services import Project
from annotator.services.annotators import default_name

COMMANDS = ("init", "import", "docs", "codebook", "tag", "export") + corpus.COMMANDS + review.COMMANDS + reliability.COMMANDS + workbench.COMMANDS


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="annotator", description="Annotate Chinese legal texts.")
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    s = sub.add_parser("init", help="create a project file")
    s.add_argument("project")
    s.add_argument("--codebook", help="codebook JSON file (default: the bundled codebook)")

    s = sub.add_parser("import", help="import documents (.txt .docx .html .md .pdf)")
    s.add_argument("project")
    s.add_argument("files", nargs="+")
    s.add_argument("--reflow", action="store_true", help="repair sentences broken by stray line breaks")

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
    s.add_argument("doc", type=int, help="document id (see `annotator docs`)")
    s.add_argument("start", type=int)
    s.add_argument("end", type=int)
    s.add_argument("category", help="category id, or its Chinese or English name")
    s.add_argument("--annotator", default=None, help="annotator name (default: your user name)")
    s.add_argument("--note", default="", help="memo for the passage")

    s = sub.add_parser("export", help="export annotations")
    s.add_argument("project")
    s.add_argument("--format", required=True, help="json or csv")
    s.add_argument("-o", "--output", required=True)
    corpus.add_parsers(sub)
    review.add_parsers(sub)
    reliability.add_parsers(sub)
    workbench.add_parsers(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0] not in COMMANDS and not argv[0].startswith("-")):
        return _start_gui(argv)
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except AnnotatorError as exc:
        print(f"annotator: error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"annotator: error: {exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
        return 1


def _start_gui(argv: list[str]) -> int:
    from annotator.ui.app import run  # Qt only when the GUI is asked for

    return run(argv)


def _run(args: argparse.Namespace) -> int:
    if args.command == "init":
        Project.create(args.project, args.codebook).close()
        print(args.project)
        return 0
    if args.command in reliability.WITHOUT_OPEN:
        return reliability.run_without_open(args)
    with Project.open(args.project) as project:
        return COMMAND_HANDLERS[args.command](project, args)


def _import(project: Project, args) -> int:
    changes = project.documents.import_files(args.files, reflow=args.reflow)
    for message in changes.messages:
        print(message, file=sys.stderr)
    for doc in changes.documents_added:
        print(doc.id)
    return 0


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
    annotator = project.annotators.ensure(args.annotator or default_name())
    category = project.codebook.find(args.category)
    changes = project.annotations.add(args.doc, args.start, args.end, category.id, annotator.id, memo=args.note)
    a = changes.annotations_added[0]
    print(f"{a.id}\t{a.uuid}\t{category.name}\t{a.text}")
    return 0


def _export(project: Project, args) -> int:
    n = project.exports.export(args.format, args.output)
    print(f"{n} annotations written to {args.output}", file=sys.stderr)
    return 0


COMMAND_HANDLERS = {"import": _import, "docs": _docs, "codebook": _codebook, "tag": _tag, "export": _export,
                    **corpus.HANDLERS, **review.HANDLERS, **reliability.HANDLERS, **workbench.HANDLERS}
