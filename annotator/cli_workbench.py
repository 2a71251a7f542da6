"""Command line for the workbench's codebook and document edits (the same services as the GUI):

    annotator category add PROJECT NAME [--en NAME] [--parent CAT] [--color #RRGGBB] [--key K] [--rule TEXT]
    annotator category rename PROJECT CAT [--name NAME] [--en NAME]
    annotator category set PROJECT CAT [--color #RRGGBB] [--key K|none] [--rule TEXT]
    annotator category move PROJECT CAT [--parent CAT | --top] [--position N]
    annotator category merge PROJECT CAT INTO
    annotator category archive|unarchive|delete PROJECT CAT
    annotator doc-status PROJECT DOC not_started|in_progress|done [--annotator NAME]
    annotator remove-doc PROJECT DOC

CAT is a category id or its Chinese or English name.
"""

from __future__ import annotations

import sys

from annotator.core.inputs import whole_number
from annotator.core.model import DOCUMENT_STATUSES
from annotator.services.annotators import default_name

COMMANDS = ("category", "doc-status", "remove-doc")


def add_parsers(sub) -> None:
    s = sub.add_parser("category", help="add, rename, recolour, move, merge, archive or delete a category")
    actions = s.add_subparsers(dest="action", required=True, metavar="ACTION")
    a = actions.add_parser("add", help="add a category")
    a.add_argument("project")
    a.add_argument("name")
    a.add_argument("--en", default="", help="English name")
    a.add_argument("--parent", help="parent category (default: top level)")
    a.add_argument("--color", default="#888888")
    a.add_argument("--key", default="", help="number key 0-9 (taken from the category that has it)")
    a.add_argument("--rule", default="", help="the coding rule")
    a = actions.add_parser("rename", help="rename a category")
    a.add_argument("project")
    a.add_argument("category")
    a.add_argument("--name")
    a.add_argument("--en")
    a = actions.add_parser("set", help="colour, key or coding rule of a category")
    a.add_argument("project")
    a.add_argument("category")
    a.add_argument("--color")
    a.add_argument("--key", help="0-9, or none")
    a.add_argument("--rule")
    a = actions.add_parser("move", help="re-parent or reorder a category")
    a.add_argument("project")
    a.add_argument("category")
    where = a.add_mutually_exclusive_group(required=True)
    where.add_argument("--parent", help="new parent category")
    where.add_argument("--top", action="store_true", help="move to the top level")
    a.add_argument("--position", type=whole_number, help="place among its new siblings (0 = first; default last)")
    a = actions.add_parser("merge", help="move a category's tags and subcategories into another and remove it")
    a.add_argument("project")
    a.add_argument("category")
    a.add_argument("into")
    for name, text in (("archive", "hide a category (and its subcategories) from tagging; tags stay"),
                       ("unarchive", "make an archived category usable again"),
                       ("delete", "delete a category and its tags (kept in the file's history)")):
        a = actions.add_parser(name, help=text)
        a.add_argument("project")
        a.add_argument("category")

    s = sub.add_parser("doc-status", help="mark how far an annotator is with a document")
    s.add_argument("project")
    s.add_argument("doc", type=whole_number)
    s.add_argument("status", choices=DOCUMENT_STATUSES)
    s.add_argument("--annotator", default=None, help="annotator name (default: your user name)")

    s = sub.add_parser("remove-doc", help="remove a document from the project (its tags stay in the history)")
    s.add_argument("project")
    s.add_argument("doc", type=whole_number)


def _category(project, args) -> int:
    cb = project.codebook
    action = args.action
    if action == "add":
        parent = cb.find(args.parent).id if args.parent else None
        changes = cb.add(args.name, args.en, parent_id=parent, color=args.color, shortcut=args.key,
                         description=args.rule)
        print(changes.categories_added[0].id)
        return 0
    cat = cb.find(args.category)
    if action == "rename":
        changes = cb.rename(cat.id, name=args.name, name_en=args.en)
    elif action == "set":
        for call in ((lambda: cb.recolor(cat.id, args.color)) if args.color else None,
                     (lambda: cb.set_shortcut(cat.id, "" if args.key == "none" else args.key))
                     if args.key is not None else None,
                     (lambda: cb.set_rule(cat.id, args.rule)) if args.rule is not None else None):
            if call is not None:
                changes = call()
                _say(changes)
        return 0
    elif action == "move":
        parent = None if args.top else cb.find(args.parent).id
        changes = cb.move(cat.id, parent, args.position)
    elif action == "merge":
        changes = cb.merge(cat.id, cb.find(args.into).id)
    elif action in ("archive", "unarchive"):
        changes = cb.archive(cat.id, action == "archive")
    else:
        changes = cb.remove(cat.id)
    _say(changes)
    return 0


def _say(changes) -> None:
    n = len(changes.annotations_updated) + len(changes.annotations_removed)
    print(changes.action + (f" ({n} tags)" if n else ""), file=sys.stderr)


def _doc_status(project, args) -> int:
    annotator = project.annotators.ensure(args.annotator or default_name())
    _say(project.documents.set_status(args.doc, annotator.id, args.status))
    return 0


def _remove_doc(project, args) -> int:
    _say(project.documents.remove(args.doc))
    return 0


HANDLERS = {"category": _category, "doc-status": _doc_status, "remove-doc": _remove_doc}
