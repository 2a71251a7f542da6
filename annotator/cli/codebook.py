"""Commands on the codebook (the same services as the GUI's codebook editor):
    annotator codebook PROJECT [--json] [--export FILE] [--import FILE]
    annotator category add PROJECT NAME [--en NAME] [--parent CAT] [--color #RRGGBB] [--key K] [--rule TEXT]
    annotator category rename PROJECT CAT [--name NAME] [--en NAME]
    annotator category set PROJECT CAT [--color #RRGGBB] [--key K|none] [--rule TEXT]
    annotator category move PROJECT CAT [--parent CAT | --top] [--position N]
    annotator category merge PROJECT CAT INTO
    annotator category archive|unarchive|delete PROJECT CAT
CAT is a category id or its Chinese or English name.
"""

from __future__ import annotations

import json
import sys

from annotator.cli.terminal import say_changes
from annotator.core.inputs import whole_number
from annotator.services import Project

COMMANDS = ("codebook", "category")


def add_parsers(sub) -> None:
    s = sub.add_parser("codebook", help="list categories, or import/export the codebook file")
    s.add_argument("project")
    s.add_argument("--json", action="store_true")
    s.add_argument("--export", metavar="FILE", help="write the codebook as a codebook JSON file")
    s.add_argument("--import", dest="import_", metavar="FILE", help="add the categories of a codebook file")

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
    a.add_argument(
        "--position", type=whole_number, help="place among its new siblings (0 = first; default last)"
    )
    a = actions.add_parser(
        "merge", help="move a category's tags and subcategories into another and remove it"
    )
    a.add_argument("project")
    a.add_argument("category")
    a.add_argument("into")
    for name, text in (
        ("archive", "hide a category (and its subcategories) from tagging; tags stay"),
        ("unarchive", "make an archived category usable again"),
        ("delete", "delete a category and its tags (kept in the file's history)"),
    ):
        a = actions.add_parser(name, help=text)
        a.add_argument("project")
        a.add_argument("category")


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
        print(
            json.dumps(
                [
                    {
                        "id": c.id,
                        "uuid": c.uuid,
                        "name": c.name,
                        "name_en": c.name_en,
                        "parent": c.parent_id,
                        "color": c.color,
                        "shortcut": c.shortcut,
                        "archived": c.archived,
                    }
                    for c in cats
                ],
                ensure_ascii=False,
                indent=1,
            )
        )
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


def _category(project, args) -> int:
    cb = project.codebook
    action = args.action
    if action == "add":
        parent = cb.find(args.parent).id if args.parent else None
        changes = cb.add(
            args.name, args.en, parent_id=parent, color=args.color, shortcut=args.key, description=args.rule
        )
        print(changes.categories_added[0].id)
        return 0
    cat = cb.find(args.category)
    if action == "rename":
        changes = cb.rename(cat.id, name=args.name, name_en=args.en)
    elif action == "set":
        for call in (
            (lambda: cb.recolor(cat.id, args.color)) if args.color else None,
            (lambda: cb.set_shortcut(cat.id, "" if args.key == "none" else args.key))
            if args.key is not None
            else None,
            (lambda: cb.set_rule(cat.id, args.rule)) if args.rule is not None else None,
        ):
            if call is not None:
                changes = call()
                say_changes(changes)
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
    say_changes(changes)
    return 0


HANDLERS = {"codebook": _codebook, "category": _category}
