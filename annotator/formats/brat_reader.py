"""Reading brat standoff into the intake records: a folder, one `.ann` beside its `.txt`, or a zip;
the `.conf` files' types, labels, colours and hierarchy as categories; each `.ann`'s T lines, fragments
and AnnotatorNotes as tags (the rules are in `formats/brat.py`'s docstring)."""

from __future__ import annotations

import re
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
from annotator.formats.safe import SafeZip

ANNOTATOR_NOTE = "annotator: "
FRAGMENTS_PARTS = "parts"
FRAGMENTS_COVERING = "covering"
FRAGMENT_CHOICES = (FRAGMENTS_PARTS, FRAGMENTS_COVERING)
CONF_FILES = ("annotation.conf", "visual.conf")


def read(
    path: str | Path, name: str, *, max_bytes: int | None = None, fragments: str | None = None
) -> Incoming:
    """`fragments`: how a discontinuous tag comes in, as its `parts` (default) or its `covering` span."""
    path = Path(path)
    fragments = fragments or FRAGMENTS_PARTS
    if fragments not in FRAGMENT_CHOICES:
        raise InputError(
            f"fragments must be {' or '.join(FRAGMENT_CHOICES)}, not {fragments!r}", path=str(path)
        )
    bundle = Incoming(path=str(path), format=name)
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
