"""`brat`: brat standoff, a zip with `NNN.txt` + `NNN.ann` per document and an `annotation.conf`.

Each tag is a `T` line (`T3<TAB>Category START END<TAB>passage`, offsets in code points, end
exclusive); a passage spanning a line break is written as fragments (`START END;START END`), as brat
does. Memos are `#` AnnotatorNotes lines. brat has no annotators: the importing user (or the name
given) becomes the annotator. Import reads a folder, a zip, or one `.ann` next to its `.txt`; lines
other than T and AnnotatorNotes (relations, events, attributes, normalisations) are reported as skipped.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from annotator.core.errors import InputError
from annotator.formats.base import ExportData, ExportOptions, Progress, report
from annotator.formats.imported import ImportedAnnotation, ImportedBundle, ImportedDocument
from annotator.formats.safe import SafeZip

NAME = "brat"
LABEL = "brat standoff (zip of .txt + .ann)"
EXTENSION = ".zip"
IMPORT_EXTENSIONS = (".ann", ".zip")


def type_name(name: str) -> str:
    """brat types cannot hold whitespace; the category name with runs of it made `_`."""
    return re.sub(r"\s+", "_", name.strip())


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


def ann_text(data: ExportData, doc, tags, options: ExportOptions) -> str:
    cats = data.category_by_id()
    lines = []
    for n, a in enumerate(tags, start=1):
        frags = _fragments(doc.text, a.start, a.end)
        where = ";".join(f"{s} {e}" for s, e in frags)
        quote = " ".join(doc.text[s:e] for s, e in frags)
        lines.append(f"T{n}\t{type_name(cats[a.category_id].name)} {where}\t{quote}")
        if options.include_memos and a.memo:
            memo = a.memo.replace("\r", " ").replace("\n", " ").replace("\t", " ")
            lines.append(f"#{n}\tAnnotatorNotes T{n}\t{memo}")
    return "".join(line + "\n" for line in lines)


def conf_text(data: ExportData) -> str:
    by_parent: dict[int | None, list] = {}
    for c in data.categories:
        by_parent.setdefault(c.parent_id, []).append(c)
    out = ["[entities]"]

    def put(c, depth: int) -> None:
        out.append("\t" * depth + type_name(c.name))
        for child in sorted(by_parent.get(c.id, []), key=lambda k: k.order):
            put(child, depth + 1)

    for c in sorted(by_parent.get(None, []), key=lambda k: k.order):
        put(c, 0)
    out += ["", "[relations]", "", "[events]", "", "[attributes]", ""]
    return "\n".join(out)


def export(data: ExportData, path: str | Path, options: ExportOptions, progress: Progress | None = None) -> None:
    by_doc: dict[int, list] = {}
    for a in data.annotations:
        by_doc.setdefault(a.document_id, []).append(a)
    total = len(data.documents)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("annotation.conf", conf_text(data))
        for i, d in enumerate(data.documents):
            report(progress, i, total)
            stem = f"{i + 1:04d}"
            z.writestr(f"{stem}.txt", d.text.encode("utf-8"))
            z.writestr(f"{stem}.ann", ann_text(data, d, by_doc.get(d.id, []), options).encode("utf-8"))
    report(progress, total, total)


# Import -------------------------------------------------------------------------------------------

def import_(path: str | Path, *, max_bytes: int | None = None, **_kw) -> ImportedBundle:
    path = Path(path)
    bundle = ImportedBundle(path=str(path), format=NAME)
    if path.is_dir():
        for ann in sorted(path.rglob("*.ann")):
            txt = ann.with_suffix(".txt")
            if not txt.is_file():
                bundle.notes.append(f"{ann.name}: no {txt.name} beside it; skipped")
                continue
            _pair(str(ann), ann.read_bytes(), txt.read_bytes(), bundle)
    elif path.suffix.lower() == ".ann":
        txt = path.with_suffix(".txt")
        if not path.is_file():
            raise InputError("file not found", path=str(path))
        if not txt.is_file():
            raise InputError(f"the text file {txt.name} is not beside it", path=str(path))
        _pair(str(path), path.read_bytes(), txt.read_bytes(), bundle)
    else:
        with SafeZip(path, max_bytes=max_bytes) as z:
            for name in sorted(n for n in z.names if n.lower().endswith(".ann")):
                txt = name[:-4] + ".txt"
                if txt not in z.names:
                    bundle.notes.append(f"{name}: no {txt} beside it; skipped")
                    continue
                _pair(f"{path}!{name}", z.read(name), z.read(txt), bundle)
    if not bundle.documents:
        raise InputError("no .ann/.txt pairs found", path=str(path))
    return bundle


def _decode(raw: bytes, source: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (byte {exc.start})", path=source) from None


_SPAN = re.compile(r"^(\d+) (\d+)$")


def _pair(ann_name: str, ann_raw: bytes, txt_raw: bytes, bundle: ImportedBundle) -> None:
    text = _decode(txt_raw, ann_name[:-4] + ".txt")
    ann = _decode(ann_raw, ann_name)
    key = ann_name
    title = Path(ann_name.split("!")[-1]).stem
    bundle.documents.append(ImportedDocument(key=key, title=title, text=text, source_name=Path(ann_name).name))
    tags: dict[str, ImportedAnnotation] = {}
    skipped: dict[str, int] = {}
    for number, line in enumerate(ann.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{Path(ann_name).name} line {number}"
        ident = line.split("\t", 1)[0]
        if ident.startswith("T"):
            parts = line.split("\t")
            if len(parts) < 2 or " " not in parts[1]:
                raise InputError(f"line {number}: a T line needs “Type START END”", path=ann_name)
            label, _, spans = parts[1].partition(" ")
            frags = []
            for frag in spans.split(";"):
                m = _SPAN.match(frag.strip())
                if not m:
                    raise InputError(f"line {number}: offsets {frag!r} are not “START END”", path=ann_name)
                frags.append((int(m.group(1)), int(m.group(2))))
            start, end = frags[0][0], frags[-1][1]
            quote = parts[2] if len(parts) > 2 else None
            inside = all(0 <= s < e <= len(text) for s, e in frags)
            if quote is not None and inside and " ".join(text[s:e] for s, e in frags) != quote:
                bundle.problems.append(f"{where} ({ident}): offsets {spans} do not match the text "
                                       f"(.ann quotes “{quote[:20]}”, .txt has “{text[start:end][:20]}”)")
                continue
            tags[ident] = ImportedAnnotation(document_key=key, start=start, end=end, category_key=label,
                                             where=f"{where} ({ident})")
        elif ident.startswith("#"):
            parts = line.split("\t")
            head = parts[1].split(" ") if len(parts) > 1 else []
            if len(head) == 2 and head[0] == "AnnotatorNotes" and head[1] in tags:
                note = parts[2] if len(parts) > 2 else ""
                t = tags[head[1]]
                t.memo = f"{t.memo}\n{note}" if t.memo else note
            else:
                skipped["#"] = skipped.get("#", 0) + 1
        else:
            kind = ident[:1] or "?"
            skipped[kind] = skipped.get(kind, 0) + 1
    bundle.annotations.extend(tags.values())
    if skipped:
        kinds = ", ".join(f"{n} {k} line{'s' if n > 1 else ''}" for k, n in sorted(skipped.items()))
        bundle.notes.append(f"{Path(ann_name).name}: skipped {kinds} (only T and AnnotatorNotes are imported)")
