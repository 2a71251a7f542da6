"""Commands on the project and its documents:
annotator init PROJECT [--codebook FILE]
annotator import PROJECT FILE... [--no-reflow] [--no-paragraphs] [--as-delivered]
annotator docs PROJECT [--json]
annotator doc-status PROJECT DOC not_started|in_progress|done [--annotator NAME]
annotator remove-doc PROJECT DOC
"""

from __future__ import annotations

import argparse
import json
import sys

from annotator.cli.terminal import say_changes, terminal_progress
from annotator.core.inputs import whole_number
from annotator.core.model import DOCUMENT_STATUSES
from annotator.services import Project
from annotator.services.annotators import default_name

COMMANDS = ("init", "import", "docs", "doc-status", "remove-doc")


def add_parsers(sub) -> None:
    s = sub.add_parser("init", help="create a project file")
    s.add_argument("project")
    s.add_argument("--codebook", help="codebook JSON file (default: the bundled codebook)")

    s = sub.add_parser("import", help="import documents (.txt .docx .html .md .pdf)")
    s.add_argument("project")
    s.add_argument("files", nargs="+")
    s.add_argument(
        "--reflow", action="store_true", help=argparse.SUPPRESS
    )  # the default now; kept for scripts
    s.add_argument(
        "--no-reflow",
        action="store_true",
        help="keep stray line breaks (by default sentences split by them are joined)",
    )
    s.add_argument(
        "--no-paragraphs",
        action="store_true",
        help="do not put paragraph breaks into judgments that came as one line",
    )
    s.add_argument(
        "--as-delivered",
        action="store_true",
        help="store the text exactly as delivered (line breaks as LF): neither of the above",
    )

    s = sub.add_parser("docs", help="list documents")
    s.add_argument("project")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("doc-status", help="mark how far an annotator is with a document")
    s.add_argument("project")
    s.add_argument("doc", type=whole_number)
    s.add_argument("status", choices=DOCUMENT_STATUSES)
    s.add_argument("--annotator", default=None, help="annotator name (default: your user name)")

    s = sub.add_parser("remove-doc", help="remove a document from the project (its tags stay in the history)")
    s.add_argument("project")
    s.add_argument("doc", type=whole_number)


def _init(args) -> int:
    Project.create(args.project, args.codebook).close()
    print(args.project)
    return 0


def _import(project: Project, args) -> int:
    changes = project.documents.import_files(
        args.files,
        reflow=not (args.no_reflow or args.as_delivered),
        paragraphs=not (args.no_paragraphs or args.as_delivered),
        progress=terminal_progress("Importing"),
    )
    for message in changes.messages:
        print(message, file=sys.stderr)
    for doc in changes.documents_added:
        print(doc.id)
    return 0


def _docs(project: Project, args) -> int:
    docs = project.documents.list()
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "id": d.id,
                        "uuid": d.uuid,
                        "title": d.title,
                        "characters": d.length,
                        "annotations": d.annotation_count,
                        "meta": d.meta,
                    }
                    for d in docs
                ],
                ensure_ascii=False,
                indent=1,
            )
        )
    else:
        for d in docs:
            print(f"{d.id}\t{d.title}\t{d.length}\t{d.annotation_count}")
    return 0


def _doc_status(project, args) -> int:
    annotator = project.annotators.ensure(args.annotator or default_name())
    say_changes(project.documents.set_status(args.doc, annotator.id, args.status))
    return 0


def _remove_doc(project, args) -> int:
    say_changes(project.documents.remove(args.doc))
    return 0


HANDLERS = {"import": _import, "docs": _docs, "doc-status": _doc_status, "remove-doc": _remove_doc}
OPENS_ITSELF = {"init": _init}  # creates the project
