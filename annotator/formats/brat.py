"""`brat`: brat standoff, a zip with `NNNN.txt` + `NNNN.ann` per document, an `annotation.conf` and a
`visual.conf`.

brat's rules, which the tests check one by one:
- A type name holds only ASCII letters, digits, `_` and `-` (brat refuses anything else as "not a known
  textbound type"). Each category's type is its English name made so (`User_data_rights`), or `C<id>`
  (its id in this project, which never changes) where there is no usable English name or two would
  collide. `annotation.conf` declares every type under `[entities]`, children indented by a tab under
  their parent; `visual.conf` gives each type its Chinese name (`[labels]`) and colour (`[drawing]`), so
  brat shows 用户数据权益 in its colour.
- A tag is a `T` line: `T3<TAB>Type START END<TAB>passage`, offsets in code points, end exclusive; a
  passage spanning a line break is written as fragments (`START END;START END`) whose texts, joined by
  one space, are the `T` line's text.
- A note is a `#` line: `#1<TAB>AnnotatorNotes T3<TAB>text`, one line each. brat has no annotators: the
  annotator is the first note of each tag (`annotator: 张三`); the memo follows, one note per line of it,
  so its line breaks survive.

A brat tag whose fragments leave words out between them (`T1 Type 0 5;10 15`, a discontinuous span
made in brat) has no exact equivalent here, where a tag is one extent: the import says so and, by the
user's choice (`fragments`), makes one tag of each fragment (`parts`, the default: nothing outside the
tagged words is tagged) or one tag over the whole extent (`covering`). Fragments separated only by line
breaks (how the export writes a passage that spans lines) are one passage again, with no note.

Import reads a folder, a zip, or one `.ann` next to its `.txt`, with the `annotation.conf`/`visual.conf`
beside them (or at the top) when present: Chinese labels and colours map types back to categories.
Lines other than T and AnnotatorNotes (relations, events, attributes, normalisations) are reported as
skipped.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from annotator.core.intake import Incoming
from annotator.formats.base import ExportData, ExportOptions, Progress, report
from annotator.formats.brat_reader import (
    ANNOTATOR_NOTE,
    CONF_FILES,
    FRAGMENT_CHOICES,
    FRAGMENTS_COVERING,
    FRAGMENTS_PARTS,
    read,
)

NAME = "brat"
LABEL = "brat standoff (zip of .txt + .ann)"
EXTENSION = ".zip"
IMPORT_EXTENSIONS = (".ann", ".zip")
# Reading options (services/imports.py passes them by name; the dialog and the CLI offer them).
IMPORT_OPTIONS = ("fragments",)
TYPE_RULE = re.compile(r"^[A-Za-z0-9_-]+$")


def type_names(categories) -> dict[int, str]:
    """Category id -> brat type name, by the rule in the module docstring."""
    out: dict[int, str] = {}
    used: set[str] = set()
    for c in sorted(categories, key=lambda k: k.id):
        name = re.sub(r"[^A-Za-z0-9_-]+", "_", (c.name_en or "").strip()).strip("_")
        if (
            not name
            or not re.search(r"[A-Za-z]", name)
            or name.casefold() in used
            or re.fullmatch(r"C\d+", name)
        ):
            name = f"C{c.id}"
        used.add(name.casefold())
        out[c.id] = name
    return out


def _fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out, s = [], start
    for i in range(start, end):
        if text[i] == "\n":
            if i > s:
                out.append((s, i))
            s = i + 1
    if end > s:
        out.append((s, end))
    return out or [(start, end)]


def _one_line(value: str) -> str:
    return value.replace("\r", " ").replace("\t", " ")


def ann_text(data: ExportData, doc, tags, options: ExportOptions, types: dict[int, str] | None = None) -> str:
    types = types or type_names(data.categories)
    users = data.annotator_by_id()
    lines = []
    note = 0
    for n, a in enumerate(tags, start=1):
        frags = _fragments(doc.text, a.start, a.end)
        where = ";".join(f"{s} {e}" for s, e in frags)
        quote = " ".join(doc.text[s:e] for s, e in frags)
        lines.append(f"T{n}\t{types[a.category_id]} {where}\t{quote}")
        who = users.get(a.annotator_id)
        notes = [ANNOTATOR_NOTE + _one_line(who.name)] if who else []
        if options.include_memos and a.memo:
            notes += [_one_line(line) for line in a.memo.replace("\r\n", "\n").split("\n")]
        for text in notes:
            note += 1
            lines.append(f"#{note}\tAnnotatorNotes T{n}\t{text}")
    return "".join(line + "\n" for line in lines)


def _tree(data: ExportData):
    by_parent: dict[int | None, list] = {}
    known = {c.id for c in data.categories}
    for c in data.categories:
        by_parent.setdefault(c.parent_id if c.parent_id in known else None, []).append(c)

    def walk(parent: int | None, depth: int):
        for c in sorted(by_parent.get(parent, []), key=lambda k: (k.order, k.id)):
            yield c, depth
            yield from walk(c.id, depth + 1)

    return list(walk(None, 0))


def conf_text(data: ExportData, types: dict[int, str] | None = None) -> str:
    types = types or type_names(data.categories)
    out = ["[entities]"]
    out += ["\t" * depth + types[c.id] for c, depth in _tree(data)]
    out += ["", "[relations]", "", "[events]", "", "[attributes]", ""]
    return "\n".join(out)


def visual_text(data: ExportData, types: dict[int, str] | None = None) -> str:
    types = types or type_names(data.categories)
    cats = [c for c, _d in _tree(data)]
    out = ["[labels]"]
    out += [f"{types[c.id]} | {_one_line(c.name).replace('|', '/')}" for c in cats]
    out += ["", "[drawing]"]
    out += [
        f"{types[c.id]}\tbgColor:{c.color}" for c in cats if re.fullmatch(r"#[0-9A-Fa-f]{6}", c.color or "")
    ]
    out.append("")
    return "\n".join(out)


def export(
    data: ExportData, path: str | Path, options: ExportOptions, progress: Progress | None = None
) -> None:
    by_doc = data.annotations_by_document()
    types = type_names(data.categories)
    total = len(data.documents)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("annotation.conf", conf_text(data, types))
        z.writestr("visual.conf", visual_text(data, types))
        for i, d in enumerate(data.documents):
            report(progress, i, total)
            stem = f"{i + 1:04d}"
            z.writestr(f"{stem}.txt", d.text.encode("utf-8"))
            z.writestr(f"{stem}.ann", ann_text(data, d, by_doc.get(d.id, []), options, types).encode("utf-8"))
    report(progress, total, total)


# Import -------------------------------------------------------------------------------------------


def import_(
    path: str | Path, *, max_bytes: int | None = None, fragments: str | None = None, **_kw
) -> Incoming:
    """`fragments`: how a discontinuous tag comes in, as its `parts` (default) or its `covering` span."""
    return read(path, NAME, max_bytes=max_bytes, fragments=fragments)


__all__ = [
    "ANNOTATOR_NOTE",
    "CONF_FILES",
    "FRAGMENT_CHOICES",
    "FRAGMENTS_COVERING",
    "FRAGMENTS_PARTS",
    "ann_text",
    "conf_text",
    "export",
    "import_",
    "type_names",
    "visual_text",
]
