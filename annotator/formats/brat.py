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
from pathlib import Path, PurePosixPath

from annotator.core.errors import InputError
from annotator.core.inputs import read_input
from annotator.core.intake import (
    Incoming,
    IncomingAnnotator,
    IncomingCategory,
    IncomingDocument,
    IncomingTag,
)
from annotator.core.messages import QT_TRANSLATE_NOOP, Message
from annotator.formats.base import ExportData, ExportOptions, Progress, report
from annotator.formats.safe import SafeZip

NAME = "brat"
LABEL = "brat standoff (zip of .txt + .ann)"
EXTENSION = ".zip"
IMPORT_EXTENSIONS = (".ann", ".zip")
ANNOTATOR_NOTE = "annotator: "
# Reading options (services/imports.py passes them by name; the dialog and the CLI offer them).
IMPORT_OPTIONS = ("fragments",)
FRAGMENTS_PARTS = "parts"
FRAGMENTS_COVERING = "covering"
FRAGMENT_CHOICES = (FRAGMENTS_PARTS, FRAGMENTS_COVERING)
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

CONF_FILES = ("annotation.conf", "visual.conf")


def import_(
    path: str | Path, *, max_bytes: int | None = None, fragments: str | None = None, **_kw
) -> Incoming:
    """`fragments`: how a discontinuous tag comes in, as its `parts` (default) or its `covering` span."""
    path = Path(path)
    fragments = fragments or FRAGMENTS_PARTS
    if fragments not in FRAGMENT_CHOICES:
        raise InputError(
            f"fragments must be {' or '.join(FRAGMENT_CHOICES)}, not {fragments!r}", path=str(path)
        )
    bundle = Incoming(path=str(path), format=NAME)
    if path.is_dir():
        confs = _read_folder(path, bundle, fragments)
    elif path.suffix.lower() == ".ann":
        confs = _read_ann_file(path, bundle, fragments)
    else:
        confs = _read_zip(path, bundle, fragments, max_bytes)
    if not bundle.documents:
        raise InputError("no .ann/.txt pairs found", path=str(path))
    _categories(confs, bundle)
    return bundle


def _read_folder(path: Path, bundle: Incoming, fragments: str) -> dict[str, str]:
    """Every .ann/.txt pair under a folder; the conf files nearest its top."""
    confs: dict[str, str] = {}
    for conf in CONF_FILES:
        found = sorted(path.rglob(conf), key=lambda p: len(p.parts))
        if found:
            confs[conf] = _decode(read_input(found[0]), str(found[0]))
    for ann in sorted(path.rglob("*.ann")):
        txt = ann.with_suffix(".txt")
        if not txt.is_file():
            bundle.notes.append(f"{ann.name}: no {txt.name} beside it; skipped")
            continue
        _pair(str(ann), read_input(ann), read_input(txt), bundle, fragments)
    return confs


def _read_ann_file(path: Path, bundle: Incoming, fragments: str) -> dict[str, str]:
    """One .ann with its .txt beside it (required) and the conf files there (if any)."""
    txt = path.with_suffix(".txt")
    raw = read_input(path)
    if not txt.exists():
        raise InputError(f"the text file {txt.name} is not beside it", path=str(path))
    confs: dict[str, str] = {}
    for conf in CONF_FILES:
        if (path.parent / conf).is_file():
            confs[conf] = _decode(read_input(path.parent / conf), str(path.parent / conf))
    _pair(str(path), raw, read_input(txt), bundle, fragments)
    return confs


def _read_zip(path: Path, bundle: Incoming, fragments: str, max_bytes: int | None) -> dict[str, str]:
    """Every .ann/.txt pair of a zip; the conf files nearest its top."""
    confs: dict[str, str] = {}
    with SafeZip(path, max_bytes=max_bytes) as z:
        for conf in CONF_FILES:
            found = sorted((n for n in z.names if PurePosixPath(n).name == conf), key=lambda n: n.count("/"))
            if found:
                confs[conf] = _decode(z.read(found[0]), f"{path}!{found[0]}")
        for name in sorted(n for n in z.names if n.lower().endswith(".ann")):
            txt = name[:-4] + ".txt"
            if txt not in z.names:
                bundle.notes.append(f"{name}: no {txt} beside it; skipped")
                continue
            _pair(f"{path}!{name}", z.read(name), z.read(txt), bundle, fragments)
    return confs


def _sections(conf: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    current = ""
    for line in conf.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        m = re.fullmatch(r"\s*\[(\w+)\]\s*", line)
        if m:
            current = m.group(1).lower()
            continue
        out.setdefault(current, []).append(line.rstrip())
    return out


def _categories(confs: dict[str, str], bundle: Incoming) -> None:
    """The types the tags use, with their parents, as categories: Chinese label and colour from
    visual.conf, hierarchy from annotation.conf (tab indentation)."""
    used = {a.category_key for a in bundle.annotations}
    if not used or not confs:
        return
    parent: dict[str, str | None] = {}
    order: list[str] = []
    stack: list[tuple[int, str]] = []
    for line in _sections(confs.get("annotation.conf", "")).get("entities", []):
        depth = len(line) - len(line.lstrip("\t"))
        name = line.strip().lstrip("!").split()[0] if line.strip() else ""
        if not name or name.startswith("<"):
            continue
        while stack and stack[-1][0] >= depth:
            stack.pop()
        parent[name] = stack[-1][1] if stack else None
        order.append(name)
        stack.append((depth, name))
    visual = _sections(confs.get("visual.conf", ""))
    labels: dict[str, str] = {}
    for line in visual.get("labels", []):
        parts = [p.strip() for p in line.split("|")]
        if len(parts) >= 2 and parts[0] and parts[1]:
            labels[parts[0]] = parts[1]
    colours: dict[str, str] = {}
    for line in visual.get("drawing", []):
        head, _, rest = line.partition("\t")
        m = re.search(r"bgColor:(#[0-9A-Fa-f]{6})\b", rest)
        if m:
            colours[head.strip()] = m.group(1).upper()
    wanted: set[str] = set()
    for t in used:
        while t is not None and t not in wanted:
            wanted.add(t)
            t = parent.get(t)
    for t in [*order, *sorted(wanted - set(order))]:
        if t in wanted and (t in labels or t in parent):
            bundle.categories.append(
                IncomingCategory(
                    key=t, name=labels.get(t, t), parent_key=parent.get(t), color=colours.get(t, "")
                )
            )


def _decode(raw: bytes, source: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (byte {exc.start})", path=source) from None


_SPAN = re.compile(r"^(\d+) (\d+)$")


def _pair(
    ann_name: str, ann_raw: bytes, txt_raw: bytes, bundle: Incoming, fragments: str = FRAGMENTS_PARTS
) -> None:
    text = _decode(txt_raw, ann_name[:-4] + ".txt")
    ann = _decode(ann_raw, ann_name)
    title = Path(ann_name.split("!")[-1]).stem
    bundle.documents.append(
        IncomingDocument(key=ann_name, title=title, text=text, source_name=Path(ann_name).name)
    )
    reader = _AnnReader(ann_name, text, bundle, fragments)
    for number, line in enumerate(ann.splitlines(), start=1):
        if line.strip():
            reader.line(number, line)
    reader.finish()


class _AnnReader:
    """The lines of one .ann file over its text: T lines become tags (or problems), AnnotatorNotes
    give them their annotator and memo, other kinds of line are counted as skipped."""

    def __init__(self, ann_name: str, text: str, bundle: Incoming, fragments: str) -> None:
        self.ann_name, self.text, self.bundle, self.fragments = ann_name, text, bundle, fragments
        self.key = ann_name  # the document's key in the bundle
        self.base = Path(ann_name).name
        self.tags: dict[str, list[IncomingTag]] = {}
        self.notes: dict[str, list[str]] = {}
        self.skipped: dict[str, int] = {}
        self.discontinuous: list[str] = []
        self.parts_made = 0

    def line(self, number: int, line: str) -> None:
        ident = line.split("\t", 1)[0]
        if ident.startswith("T"):
            where = Message(
                QT_TRANSLATE_NOOP("Messages", "{file} line {number}"), file=self.base, number=number
            )
            self._t_line(number, line, ident, where)
        elif ident.startswith("#"):
            parts = line.split("\t")
            head = parts[1].split(" ") if len(parts) > 1 else []
            if len(head) == 2 and head[0] == "AnnotatorNotes" and head[1] in self.tags:
                self.notes.setdefault(head[1], []).append(parts[2] if len(parts) > 2 else "")
            else:
                self.skipped["#"] = self.skipped.get("#", 0) + 1
        else:
            kind = ident[:1] or "?"
            self.skipped[kind] = self.skipped.get(kind, 0) + 1

    def _t_line(self, number: int, line: str, ident: str, where: Message) -> None:
        parts = line.split("\t")
        if len(parts) < 2 or " " not in parts[1]:
            raise InputError(
                Message(
                    QT_TRANSLATE_NOOP("Messages", "line {number}: a T line needs “Type START END”"),
                    number=number,
                ),
                path=self.ann_name,
            )
        label, _, spans = parts[1].partition(" ")
        frags = self._fragments(number, spans)
        quote = parts[2] if len(parts) > 2 else None
        text = self.text
        if len(frags) == 1:  # nearly every tag: one extent, checked without generators
            start, end = frags[0]
            inside, ordered, gapped = 0 <= start < end <= len(text), True, False
            fits = quote is None or not inside or text[start:end] == quote
        else:
            inside = all(0 <= s < e <= len(text) for s, e in frags)
            ordered = all(frags[i][1] <= frags[i + 1][0] for i in range(len(frags) - 1))
            # Words left out between fragments make it discontinuous; a line break alone does not.
            gapped = (
                inside
                and ordered
                and any(text[frags[i][1] : frags[i + 1][0]].strip() for i in range(len(frags) - 1))
            )
            fits = False  # decided by _problem
        problem = (
            None
            if fits
            else self._problem(
                frags, spans, quote, ident, where, inside=inside, ordered=ordered, gapped=gapped
            )
        )
        if problem is not None:
            self.bundle.problems.append(problem)
            return
        if gapped:
            self.discontinuous.append(ident)
        if gapped and self.fragments == FRAGMENTS_PARTS:
            self.tags[ident] = [
                IncomingTag(
                    document_key=self.key,
                    start=s,
                    end=e,
                    category_key=label,
                    where=Message(
                        QT_TRANSLATE_NOOP("Messages", "{where} ({ident} fragment {i}/{n})"),
                        where=where,
                        ident=ident,
                        i=i,
                        n=len(frags),
                    ),
                )
                for i, (s, e) in enumerate(frags, start=1)
            ]
            self.parts_made += len(frags)
        else:
            self.tags[ident] = [
                IncomingTag(
                    document_key=self.key,
                    start=frags[0][0],
                    end=frags[-1][1],
                    category_key=label,
                    where=Message("{where} ({ident})", where=where, ident=ident),
                )
            ]

    def _fragments(self, number: int, spans: str) -> list[tuple[int, int]]:
        """The `START END;START END` of a T line as offsets."""
        if ";" not in spans:  # one extent, the usual case
            a, _, b = spans.partition(" ")
            if a.isdigit() and b.isdigit() and a.isascii() and b.isascii():
                return [(int(a), int(b))]
        frags = []
        for frag in spans.split(";"):
            a, _, b = frag.partition(" ")
            if a.isdigit() and b.isdigit() and a.isascii() and b.isascii():  # the usual case, no regex
                frags.append((int(a), int(b)))
                continue
            m = _SPAN.match(frag.strip())
            if not m:
                raise InputError(
                    Message(
                        QT_TRANSLATE_NOOP("Messages", "line {number}: offsets {frag} are not “START END”"),
                        number=number,
                        frag=repr(frag),
                    ),
                    path=self.ann_name,
                )
            frags.append((int(m.group(1)), int(m.group(2))))
        return frags

    def _problem(
        self,
        frags: list[tuple[int, int]],
        spans: str,
        quote: str | None,
        ident: str,
        where: Message,
        *,
        inside: bool,
        ordered: bool,
        gapped: bool,
    ) -> Message | None:
        """Why a T line's tag cannot be taken (fragments out of order, a quote the text does not have),
        or None; offsets outside the text are left to the import's span checks."""
        text = self.text
        if len(frags) > 1 and inside and not ordered:
            return Message(
                QT_TRANSLATE_NOOP(
                    "Messages", "{where} ({ident}): the fragments {spans} overlap or are out of order"
                ),
                where=where,
                ident=ident,
                spans=spans,
            )
        if quote is None or not inside or " ".join(text[s:e] for s, e in frags) == quote:
            return None
        if gapped:
            return Message(
                QT_TRANSLATE_NOOP(
                    "Messages",
                    "{where} ({ident}): a discontinuous span of {n} fragments ({spans}) whose text "
                    "does not match the .txt (.ann quotes “{quote}”, the fragments hold “{found}”)",
                ),
                where=where,
                ident=ident,
                n=len(frags),
                spans=spans,
                quote=quote[:20],
                found=" ".join(text[s:e] for s, e in frags)[:20],
            )
        return Message(
            QT_TRANSLATE_NOOP(
                "Messages",
                "{where} ({ident}): offsets {spans} do not match the text "
                "(.ann quotes “{quote}”, .txt has “{found}”)",
            ),
            where=where,
            ident=ident,
            spans=spans,
            quote=quote[:20],
            found=text[frags[0][0] : frags[-1][1]][:20],
        )

    def finish(self) -> None:
        """Give the tags their annotators and memos, add them, and note what was made or skipped."""
        bundle = self.bundle
        users = {u.key for u in bundle.users}
        for ident, lines in self.notes.items():
            name = None
            if lines[0].startswith(ANNOTATOR_NOTE) and lines[0][len(ANNOTATOR_NOTE) :].strip():
                name = lines.pop(0)[len(ANNOTATOR_NOTE) :].strip()
                if name not in users:
                    users.add(name)
                    bundle.users.append(IncomingAnnotator(key=name, name=name))
            for t in self.tags[ident]:  # every part of a discontinuous tag carries its annotator and memo
                if name is not None:
                    t.user_key = name
                t.memo = "\n".join(lines)
        for made in self.tags.values():
            bundle.annotations.extend(made)
        if self.discontinuous:
            shown = ", ".join(self.discontinuous[:10]) + (" …" if len(self.discontinuous) > 10 else "")
            how = (
                f"imported as their {self.parts_made} fragments, one tag each (or choose “covering”: one "
                "tag over each whole extent)"
                if self.fragments == FRAGMENTS_PARTS
                else "each imported as one tag over its whole extent, the words between the fragments "
                "included (or choose “parts”: one tag per fragment)"
            )
            n = len(self.discontinuous)
            bundle.notes.append(f"{self.base}: {n} discontinuous span{'s' if n > 1 else ''} ({shown}) {how}")
        if self.skipped:
            kinds = ", ".join(f"{n} {k} line{'s' if n > 1 else ''}" for k, n in sorted(self.skipped.items()))
            bundle.notes.append(f"{self.base}: skipped {kinds} (only T and AnnotatorNotes are imported)")
