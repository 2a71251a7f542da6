"""Commands that move tags between the project and other tools' files:
annotator export PROJECT --format FORMAT -o PATH [--doc ID ...] [--annotator NAME ...] [--category NAME ...]
annotator import-annotations PROJECT FILE [--format FORMAT] [--annotator NAME] [--add-categories]
"""

from __future__ import annotations

import sys

from annotator.cli.terminal import annotator_ids
from annotator.core.inputs import whole_number
from annotator.services import Project
from annotator.services.annotators import default_name

COMMANDS = ("export", "import-annotations")


def add_parsers(sub) -> None:
    from annotator.formats import registry

    s = sub.add_parser("export", help="export annotations")
    s.add_argument("project")
    s.add_argument("--format", required=True, help=", ".join(m.NAME for m in registry.exporters()))
    s.add_argument("-o", "--output", required=True)
    s.add_argument(
        "--doc", type=whole_number, nargs="+", action="extend", metavar="ID", help="only these documents"
    )
    s.add_argument(
        "--annotator", nargs="+", action="extend", metavar="NAME", help="only these annotators' tags"
    )
    s.add_argument(
        "--category",
        nargs="+",
        action="extend",
        metavar="NAME",
        help="only these categories (with their sub-categories)",
    )
    s.add_argument("--no-children", action="store_true", help="a chosen category does not bring its children")
    s.add_argument("--no-memos", action="store_true", help="leave memos out")
    s.add_argument("--no-text", action="store_true", help="leave the documents' full text out where optional")
    s.add_argument("--words", action="store_true", help="conll: one line per jieba word, not per character")
    s.add_argument("--docstart", action="store_true", help="conll: a -DOCSTART- line before each document")

    s = sub.add_parser(
        "import-annotations",
        help="import tags from qdpx, jsonl (doccano), brat, Label Studio, INCEpTION (xmi, webanno tsv), qdc",
    )
    s.add_argument("project")
    s.add_argument(
        "file",
        help="a .qdpx/.qde, .jsonl, .ann, .json (Label Studio), .xmi, .tsv, a zip "
        "of those (brat, doccano, INCEpTION) or a brat folder, or a .qdc codebook",
    )
    s.add_argument(
        "--format",
        help=f"{', '.join(m.NAME for m in registry.importers())} (default: from the file's extension)",
    )
    s.add_argument(
        "--annotator",
        default=None,
        help="who made tags the file does not attribute (default: your user name)",
    )
    s.add_argument("--add-categories", action="store_true", help="add categories the codebook does not have")
    s.add_argument(
        "--skip-bad",
        action="store_true",
        help="import the rest when some tags do not fit their text (they are listed)",
    )
    s.add_argument("--dry-run", action="store_true", help="say what would be imported; change nothing")
    s.add_argument("--text-field", metavar="NAME", help="jsonl: the field holding the text (default: text)")
    s.add_argument(
        "--label-field", metavar="NAME", help="jsonl: the field holding the spans (default: label)"
    )
    s.add_argument(
        "--fragments",
        choices=("parts", "covering"),
        help="brat: a discontinuous span (T1 Type 0 5;10 15) becomes one tag per fragment "
        "(parts, the default) or one tag over its whole extent (covering)",
    )


def _export(project: Project, args) -> int:
    from annotator.formats.base import ExportOptions

    ids = frozenset(annotator_ids(project, args.annotator)) if args.annotator else None
    if args.doc:
        for doc_id in args.doc:
            project.documents.info(doc_id)
    options = ExportOptions(
        document_ids=frozenset(args.doc) if args.doc else None,
        annotator_ids=ids,
        category_ids=frozenset(project.codebook.find(c).id for c in args.category) if args.category else None,
        include_children=not args.no_children,
        include_memos=not args.no_memos,
        include_text=not args.no_text,
        word_tokens=args.words,
        docstart=args.docstart,
    )
    n = project.exports.export(args.format, args.output, options)
    print(f"{n} annotations written to {args.output}", file=sys.stderr)
    return 0


def _import_annotations(project: Project, args) -> int:
    annotator = args.annotator or default_name()
    options = {"text_field": args.text_field, "label_field": args.label_field, "fragments": args.fragments}
    if args.dry_run:
        bundle = project.imports.read(args.file, args.format, options)
        plan = project.imports.plan(bundle, annotator=annotator, add_categories=args.add_categories)
        print(
            f"{plan.annotations_new} tags to add, {plan.annotations_known} already here; "
            f"{len(plan.documents_new)} new documents, {len(plan.categories_new)} new categories"
            + (
                f", {len(plan.categories_unknown)} unknown: {', '.join(plan.categories_unknown)}"
                if plan.categories_unknown
                else ""
            )
        )
        for line in plan.notes + plan.problems:
            print(line, file=sys.stderr)
        return 0
    changes = project.imports.import_file(
        args.file,
        args.format,
        annotator=annotator,
        add_categories=args.add_categories,
        skip_bad=args.skip_bad,
        options=options,
    )
    for message in changes.messages:
        print(message, file=sys.stderr)
    print(
        f"{len(changes.annotations_added)} tags, {len(changes.documents_added)} documents and "
        f"{len(changes.categories_added)} categories added"
    )
    # The import is committed; its new documents go into the search index now (search finds them
    # either way, by reading their text, but the next searches are faster). Interrupted, they wait
    # for the next time the project is opened in the window.
    left = project.search.pending_indexing()
    if left:
        print(f"indexing {left} new documents for search…", file=sys.stderr)
        while left:
            left = project.search.index_pending(32)
    return 0


HANDLERS = {"export": _export, "import-annotations": _import_annotations}
