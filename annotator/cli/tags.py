"""Commands on single tags:
    annotator tag PROJECT DOC START END CATEGORY [--annotator NAME] [--note TEXT]
    annotator edit-tag PROJECT TAG [--start N --end N] [--category CAT] [--memo TEXT]
    annotator remove-tag PROJECT TAG
TAG is a tag's id or uuid; offsets are characters (code points).
"""

from __future__ import annotations

from annotator.core.errors import InputError, NotFoundError
from annotator.core.inputs import whole_number
from annotator.services import Project

COMMANDS = ("tag", "edit-tag", "remove-tag")


def add_parsers(sub) -> None:
    s = sub.add_parser("tag", help="tag a passage (offsets in characters, i.e. code points)")
    s.add_argument("project")
    s.add_argument("doc", type=whole_number, help="document id (see `annotator docs`)")
    s.add_argument("start", type=whole_number)
    s.add_argument("end", type=whole_number)
    s.add_argument("category", help="category id, or its Chinese or English name")
    s.add_argument("--annotator", default=None, help="annotator name (default: your user name)")
    s.add_argument("--note", default="", help="memo for the passage")

    s = sub.add_parser("edit-tag", help="change a tag's extent, category or memo")
    s.add_argument("project")
    s.add_argument("tag", help="the tag's id or uuid")
    s.add_argument("--start", type=int)
    s.add_argument("--end", type=int)
    s.add_argument("--category", metavar="CAT")
    s.add_argument("--memo")

    s = sub.add_parser("remove-tag", help="remove a tag (it stays in the file's history)")
    s.add_argument("project")
    s.add_argument("tag", help="the tag's id or uuid")


def _tag(project: Project, args) -> int:
    category = project.codebook.find(args.category)
    # One transaction: a refused tag adds no annotator either.
    changes = project.annotations.add_for(
        args.doc, args.start, args.end, category.id, args.annotator, memo=args.note
    )
    a = changes.annotations_added[0]
    print(f"{a.id}\t{a.uuid}\t{category.name}\t{a.text}")
    return 0


def _find_tag(project, ref: str):
    found = project.annotations.find(ref)
    if found is None:
        raise NotFoundError(f"no tag with id or uuid {ref}")
    return found


def _edit_tag(project, args) -> int:
    tag = _find_tag(project, args.tag)
    if (args.start is None) != (args.end is None):
        raise InputError("give both --start and --end")
    if args.start is not None:
        tag = (
            project.annotations.set_extent(tag.id, args.start, args.end).annotations_updated[0]
            if (args.start, args.end) != (tag.start, tag.end)
            else tag
        )
    if args.category:
        tag = project.annotations.set_category(
            tag.id, project.codebook.find(args.category).id
        ).annotations_updated[0]
    if args.memo is not None:
        tag = (
            project.annotations.set_memo(tag.id, args.memo).annotations_updated[0]
            if args.memo != tag.memo
            else tag
        )
    print(f"{tag.id}\t{tag.uuid}\t[{tag.start}, {tag.end})\t{tag.text}")
    return 0


def _remove_tag(project, args) -> int:
    tag = _find_tag(project, args.tag)
    project.annotations.remove(tag.id)
    print(f"{tag.id}\t{tag.uuid}\tremoved")
    return 0


HANDLERS = {"tag": _tag, "edit-tag": _edit_tag, "remove-tag": _remove_tag}
