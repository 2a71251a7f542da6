"""Commands for a document's corrected text and the tags it left to review:
annotator update-doc PROJECT DOC FILE [--reflow] [--accept SCORE] [--force]
annotator flagged PROJECT [--doc ID] [--done ID ...]
"""

from __future__ import annotations

from annotator.core.context import FUZZY_ACCEPT
from annotator.core.inputs import whole_number
from annotator.services import Project

COMMANDS = ("update-doc", "flagged")


def add_parsers(sub) -> None:
    s = sub.add_parser("update-doc", help="replace a document's text with a corrected version; tags follow")
    s.add_argument("project")
    s.add_argument("doc", type=whole_number, help="document id (see `annotator docs`)")
    s.add_argument("file", help="the corrected text (.txt .docx .html .md .pdf)")
    s.add_argument("--reflow", action="store_true", help="repair sentences broken by stray line breaks")
    s.add_argument(
        "--accept",
        type=float,
        default=FUZZY_ACCEPT,
        help=f"lowest similarity (0-1) for moving a changed passage (default {FUZZY_ACCEPT})",
    )
    s.add_argument(
        "--force",
        action="store_true",
        help="replace the text even when more than half of the tags would not be placed",
    )

    s = sub.add_parser("flagged", help="tags to review after a corrected text (fuzzy or not placed)")
    s.add_argument("project")
    s.add_argument("--doc", type=whole_number, help="only this document")
    s.add_argument("--done", type=whole_number, nargs="+", metavar="ID", help="mark these tags as reviewed")


def _update_doc(project: Project, args) -> int:
    changes = project.versions.update_file(
        args.doc, args.file, reflow=args.reflow, accept=args.accept, force=args.force
    )
    for message in changes.messages:
        print(message)
    return 0


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
