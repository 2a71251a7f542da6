"""Reading a REFI-QDA project (a .qdpx archive or a bare .qde) into the intake pipeline's records:
users, the codebook, variables, text sources with their selections, codings and memos."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from lxml import etree

from annotator.core.errors import InputError
from annotator.core.inputs import read_input
from annotator.core.intake import (
    Incoming,
    IncomingAnnotator,
    IncomingDocument,
    IncomingTag,
)
from annotator.core.messages import QT_TRANSLATE_NOOP, Message
from annotator.formats.base import parse_time
from annotator.formats.qdc import guid, read_codes
from annotator.formats.qdpx_schema import NS
from annotator.formats.safe import SafeZip, parse_xml

_LOCAL: dict[object, str] = {}  # tag → local name: a project holds a few dozen tags, 100,000s of elements


def _local(el: etree._Element) -> str:
    tag = el.tag
    try:
        return _LOCAL[tag]
    except KeyError:
        pass
    except TypeError:  # an unhashable tag: not lxml's (which gives a str, or a function for comments)
        return ""
    name = tag.rpartition("}")[2] if isinstance(tag, str) else ""  # comments and PIs have no name
    if len(_LOCAL) < 10_000:  # a hostile file may invent any number of names
        _LOCAL[tag] = name
    return name


def _kids(el: etree._Element, name: str) -> list[etree._Element]:
    return [c for c in el if _local(c) == name]


def _first(el: etree._Element, name: str) -> etree._Element | None:
    return next((c for c in el if _local(c) == name), None)


def read(path: str | Path, format_name: str, *, max_bytes: int | None = None) -> Incoming:
    """The records of the project at `path` (a .qdpx or a .qde), tagged as read by `format_name`."""
    path = Path(path)
    archive: SafeZip | None = None
    if path.suffix.lower() == ".qde":
        xml_bytes = read_input(path)
        xml_name = str(path)
    else:
        archive = SafeZip(path, max_bytes=max_bytes)
        qde = [n for n in archive.names if "/" not in n.strip("/") and n.lower().endswith(".qde")]
        if not qde:
            archive.close()
            raise InputError("no project.qde inside; not a REFI-QDA project", path=str(path))
        xml_bytes = archive.read(qde[0])
        xml_name = f"{path}!{qde[0]}"
    try:
        root = parse_xml(xml_bytes, source=xml_name)
        if _local(root) != "Project":
            raise InputError("not a REFI-QDA project (the root element is not <Project>)", path=xml_name)
        bundle = Incoming(path=str(path), format=format_name)
        _read(root, bundle, archive, path)
        return bundle
    finally:
        if archive is not None:
            archive.close()


def _read_users(root: etree._Element, bundle: Incoming) -> None:
    users = _first(root, "Users")
    for u in _kids(users, "User") if users is not None else []:
        if u.get("guid"):
            bundle.users.append(
                IncomingAnnotator(
                    key=u.get("guid"),
                    name=(u.get("name") or u.get("id") or "").strip() or "unnamed",
                    uuid=guid(u.get("guid")),
                )
            )


def _read_notes(root: etree._Element) -> tuple[dict, dict[str, tuple[str, str, str, str | None]]]:
    """The notes' texts by GUID, and the text annotations among them: (memo, start, end, user)."""
    notes = {}
    # QualCoder writes a text annotation (a memo on a passage, without a code) as a Note holding a
    # PlainTextSelection, linked by a NoteRef from its TextSource.
    span_notes: dict[str, tuple[str, str, str, str | None]] = {}
    notes_el = _first(root, "Notes")
    for n in _kids(notes_el, "Note") if notes_el is not None else []:
        content = _first(n, "PlainTextContent")
        notes[n.get("guid")] = (content.text or "") if content is not None else ""
        sel = _first(n, "PlainTextSelection")
        if sel is not None and notes[n.get("guid")].strip():
            span_notes[n.get("guid")] = (
                notes[n.get("guid")],
                sel.get("startPosition") or "",
                sel.get("endPosition") or "",
                n.get("creatingUser"),
            )
    return notes, span_notes


def _source_meta(src: etree._Element, variables: dict) -> dict:
    meta = {}
    for vv in _kids(src, "VariableValue"):
        ref = _first(vv, "VariableRef")
        value = next(
            (c.text for c in vv if _local(c).endswith("Value") and _local(c) != "VariableValue"), None
        )
        if ref is not None and value is not None:
            meta[variables.get(ref.get("targetGUID")) or ref.get("targetGUID")] = value
    return meta


def _place_unlinked_notes(
    span_notes: dict, claimed: set[str], per_source: list[tuple[str, list[IncomingTag]]], bundle: Incoming
) -> None:
    """A note no source links belongs where exactly one source has a coding of exactly its passage."""
    for g, (memo, start, end, user) in span_notes.items():
        if g in claimed:
            continue
        homes = [
            (lab, cs)
            for lab, cs in per_source
            if any(f"{a.start}" == start and f"{a.end}" == end for a in cs)
        ]
        if len(homes) == 1:
            claimed.add(g)
            _attach_span_notes([(memo, start, end, user)], homes[0][1], bundle, homes[0][0])
    unplaced = [g for g in span_notes if g not in claimed]
    if unplaced:
        bundle.notes.append(
            f"{len(unplaced)} text annotation(s) (memos on a passage) name no source and "
            "match no coding; not imported (memos are kept on tags only)"
        )


def _read(root: etree._Element, bundle: Incoming, archive: SafeZip | None, path: Path) -> None:
    _read_users(root, bundle)
    codebook = _first(root, "CodeBook")
    codes = _first(codebook, "Codes") if codebook is not None else None
    if codes is not None:
        read_codes(codes, bundle)
    variables_el = _first(root, "Variables")
    variables = {
        v.get("guid"): v.get("name")
        for v in (_kids(variables_el, "Variable") if variables_el is not None else [])
    }
    notes, span_notes = _read_notes(root)
    sources = _first(root, "Sources")
    if sources is None:
        return
    base_path = root.get("basePath") or ""
    text_sources = [src for src in sources if _local(src) == "TextSource"]
    claimed: set[str] = set()
    per_source: list[tuple[str, list[IncomingTag]]] = []
    for src in sources:
        kind = _local(src)
        if not kind:
            continue
        label = src.get("name") or src.get("guid") or "?"
        if kind != "TextSource":
            bundle.notes.append(f"{kind} “{label}” skipped: only text sources are imported")
            continue
        text = _source_text(src, bundle, archive, base_path, label)
        if text is None:
            n = len(src.findall(f".//{{{NS}}}PlainTextSelection")) + len(src.findall(".//PlainTextSelection"))
            if n:
                bundle.notes.append(f"{n} coding(s) of “{label}” skipped: its text is missing")
            continue
        key = src.get("guid") or label
        meta = _source_meta(src, variables)
        bundle.documents.append(
            IncomingDocument(
                key=key,
                title=label,
                text=text,
                uuid=guid(src.get("guid")) if src.get("guid") else None,
                source_name=Path(path).name,
                meta=meta,
            )
        )
        if _kids(src, "Coding"):
            bundle.notes.append(
                f"{len(_kids(src, 'Coding'))} coding(s) of the whole source “{label}” skipped: "
                "only codings of passages are imported"
            )
        first = len(bundle.annotations)
        for sel in _kids(src, "PlainTextSelection"):
            _selection(sel, key, text, notes, bundle, label)
        # QualCoder links only the first text annotation of a file from its source; with a single
        # text source in the project every such note belongs to it.
        refs = [r.get("targetGUID") for r in _kids(src, "NoteRef")]
        mine = [g for g in span_notes if g in refs or (len(text_sources) == 1 and g not in claimed)]
        claimed.update(mine)
        _attach_span_notes([span_notes[g] for g in mine], bundle.annotations[first:], bundle, label)
        per_source.append((label, bundle.annotations[first:]))
    _place_unlinked_notes(span_notes, claimed, per_source, bundle)


def _source_text(src, bundle: Incoming, archive: SafeZip | None, base_path: str, label: str) -> str | None:
    content = _first(src, "PlainTextContent")
    if content is not None and content.text is not None:
        return content.text
    where = src.get("plainTextPath")
    if not where:
        bundle.notes.append(
            f"source “{label}” has no plain text (only {src.get('richTextPath') or 'nothing'}); skipped"
        )
        return None
    raw: bytes | None = None
    if where.startswith("internal://"):
        name = "sources/" + where[len("internal://") :]
        if archive is not None:
            # The standard says "sources"; QualCoder and others write "Sources".
            found = next((n for n in (name, "S" + name[1:]) if n in archive.names), None)
            if found is not None:
                raw = archive.read(found)
    else:
        candidate, refusal = _beside_archive(where, Path(bundle.path), base_path)
        if refusal:
            bundle.notes.append(f"source “{label}” ({where}) not read: {refusal}")
            return None
        if candidate is not None and candidate.suffix.lower() == ".txt" and candidate.is_file():
            raw = read_input(candidate)
            bundle.notes.append(
                f"source “{label}” read from {candidate.name} beside the archive (in {candidate.parent})"
            )
    if raw is None:
        bundle.notes.append(f"source “{label}” is stored outside the archive or missing ({where}); skipped")
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        bundle.notes.append(f"source “{label}” ({where}) is not UTF-8 text; skipped")
        return None
    return text


def _beside_archive(where: str, archive_path: Path, base_path: str = "") -> tuple[Path | None, str | None]:
    """The file a source stored outside the archive names, looked for only in the folder the user chose
    (the one holding the .qdpx): (path, None), or (None, why it is not read). Absolute paths and paths
    with `..` are never followed, whatever the file's basePath says: a shared project must not read
    the recipient's own files."""
    if where.startswith("absolute://") or where.startswith("/") or re.match(r"^[A-Za-z]:[\\/]", where):
        return None, "it names an absolute path; only sources inside the archive or beside it are read"
    rel = where[len("relative://") :] if where.startswith("relative://") else where
    if "://" in rel:
        return None, "unknown kind of location"
    parts = PurePosixPath(rel.replace("\\", "/")).parts
    if not parts or ".." in parts or rel.startswith(("/", "\\")):
        return None, "the path leaves the folder of the project file"
    folder = archive_path.absolute().parent
    base = folder
    if base_path:  # the project's basePath counts only where it lies inside that folder
        named = (
            folder / _strip_scheme(base_path).lstrip("\\")
            if "://" not in base_path or base_path.startswith("relative://")
            else Path(_strip_scheme(base_path))
        )
        try:
            if named.resolve().is_relative_to(folder.resolve()):
                base = named
        except OSError:
            pass
    candidate = base.joinpath(*parts)
    try:
        inside = candidate.resolve().is_relative_to(folder.resolve())
    except OSError:
        inside = False
    if not inside:  # a symlink pointing elsewhere
        return None, "the path leaves the folder of the project file"
    return candidate, None


def _strip_scheme(value: str) -> str:
    return value.split("://", 1)[1] if "://" in value else value


def _position(value: str | None) -> int:
    """A position as the standard writes it (xsd:integer: ASCII digits); Python's int() would also take
    "٥", "1_0" or " 7"."""
    if value is None:
        raise ValueError(value)
    if value.isdigit() and value.isascii() and len(value) <= 18:  # the usual case, without a regex
        return int(value)
    if not re.fullmatch(r"-?[0-9]{1,18}", value):
        raise ValueError(value)
    return int(value)


def _quote(
    name: str | None, text: str, start: int, end: int, where: Message, bundle: Incoming
) -> tuple[int, int, str | None]:
    """(start, end, quote) of a selection whose `name` may quote its passage: the positions converted
    where the quote proves they were counted in UTF-16 units; quote None when the name is no quote."""
    quote = None
    if name:
        if text[start:end] == name:
            quote = name
        elif 0 <= start <= end <= len(text) and _attribute_form(text[start:end]) == name:
            # QualCoder writes the quote with raw line breaks inside the attribute, which every XML
            # parser turns into spaces; the offsets agree with the text, so the text is the quote.
            quote = text[start:end]
        elif 0 <= start <= end and _utf16_slice(text, start, end) == name:
            # The writer counted UTF-16 units; the quote proves it, so convert rather than guess.
            cp_start = _cp_index(text, start)
            start, end, quote = cp_start, cp_start + len(name), name
            bundle.notes.append(f"{where}: positions were in UTF-16 units; converted to characters")
        elif len(name) == end - start:
            quote = name  # same length as the span: a quote that does not match, reported by the service
    return start, end, quote


def _selection(sel, doc_key: str, text: str, notes: dict, bundle: Incoming, label: str) -> None:
    sel_guid = sel.get("guid") or ""
    where = Message(QT_TRANSLATE_NOOP("Messages", "“{label}” selection {guid}"), label=label, guid=sel_guid)
    try:
        start, end = _position(sel.get("startPosition")), _position(sel.get("endPosition"))
    except (TypeError, ValueError):
        bundle.problems.append(
            Message(
                QT_TRANSLATE_NOOP("Messages", "{where}: positions {start}–{end} are not whole numbers"),
                where=where,
                start=repr(sel.get("startPosition")),
                end=repr(sel.get("endPosition")),
            )
        )
        return
    start, end, quote = _quote(sel.get("name"), text, start, end, where, bundle)
    # One pass over the selection's children (100,000s of selections): codings, its description, notes.
    codings, memo_refs, desc_el = [], [], None
    for child in sel:
        kind = _local(child)
        if kind == "Coding":
            codings.append(child)
        elif kind == "NoteRef":
            memo_refs.append(child.get("targetGUID"))
        elif kind == "Description" and desc_el is None:
            desc_el = child
    description = (desc_el.text or "") if desc_el is not None else ""
    if not codings:
        bundle.notes.append(f"{where} has no coding; skipped")
    for coding in codings:
        ref, refs = None, list(memo_refs)
        for child in coding:
            kind = _local(child)
            if kind == "CodeRef" and ref is None:
                ref = child
            elif kind == "NoteRef":
                refs.append(child.get("targetGUID"))
        if ref is None or not ref.get("targetGUID"):
            bundle.problems.append(
                Message(QT_TRANSLATE_NOOP("Messages", "{where}: a coding without a code"), where=where)
            )
            continue
        # A memo may be the selection's <Description> (QualCoder, MAXQDA), a linked <Note> (ATLAS.ti),
        # or both (this program writes both): each distinct text once.
        parts = [description] + [notes[r] for r in refs if r in notes]
        memo = "\n\n".join(dict.fromkeys(p for p in parts if p and p.strip()))
        uuid = sel_guid if len(codings) == 1 else coding.get("guid")
        bundle.annotations.append(
            IncomingTag(
                document_key=doc_key,
                start=start,
                end=end,
                category_key=ref.get("targetGUID"),
                where=where,
                user_key=coding.get("creatingUser") or sel.get("creatingUser"),
                uuid=guid(uuid) if uuid else None,
                memo=memo,
                quote=quote,
                created=parse_time(coding.get("creationDateTime") or sel.get("creationDateTime")),
            )
        )


def _attach_span_notes(
    span_notes: list[tuple[str, str, str, str | None]],
    codings: list[IncomingTag],
    bundle: Incoming,
    label: str,
) -> None:
    """Put each text annotation's memo on the codings of exactly its passage; report the others (this
    project keeps memos on tags only, so a memo on an uncoded passage has nowhere to go)."""
    by_span: dict[tuple[int, int], list[IncomingTag]] = {}
    for a in codings:
        by_span.setdefault((a.start, a.end), []).append(a)
    left = 0
    for memo, start, end, _user in span_notes:
        try:
            targets = by_span.get((int(start), int(end)), [])
        except ValueError:
            targets = []
        for a in targets:
            if memo not in a.memo:
                a.memo = f"{a.memo}\n\n{memo}" if a.memo else memo
        left += not targets
    if left:
        bundle.notes.append(
            f"{left} text annotation(s) of “{label}” are on passages without a coding; not "
            "imported (memos are kept on tags only)"
        )


def _attribute_form(value: str) -> str:
    """A text as an XML parser returns it from an attribute written with raw line breaks or tabs:
    line ends normalised to LF, then each LF and tab made a space (XML 1.0 §2.11 and §3.3.3)."""
    return value.replace("\r\n", "\n").replace("\r", "\n").replace("\n", " ").replace("\t", " ")


def _utf16_slice(text: str, start: int, end: int) -> str | None:
    raw = text.encode("utf-16-le")
    if end * 2 > len(raw):
        return None
    try:
        return raw[start * 2 : end * 2].decode("utf-16-le")
    except UnicodeDecodeError:
        return None


def _cp_index(text: str, utf16_index: int) -> int:
    return len(text.encode("utf-16-le")[: utf16_index * 2].decode("utf-16-le", errors="ignore"))
