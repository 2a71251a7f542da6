"""`jsonl`: doccano's sequence-labelling format, one document per line:
`{"text": ..., "label": [[start, end, "category"], ...]}` with offsets in code points (doccano counts
Python characters). Extra keys (`uuid`, `title`, `meta`, `annotations` with uuids, annotators and
memos) let this tool import its own file again without duplicates; doccano keeps them as metadata.

Import reads doccano's `label` lists and the older `entities` variant
(`{"start_offset", "end_offset", "label"}`); overlapping spans are kept as they are.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from annotator.core.errors import InputError
from annotator.core.inputs import open_input
from annotator.core.intake import Incoming, IncomingAnnotator, IncomingDocument, IncomingTag
from annotator.core.messages import QT_TRANSLATE_NOOP, Message, joined
from annotator.formats.base import ExportData, ExportOptions, Progress, report

NAME = "jsonl"
LABEL = "doccano JSONL"
EXTENSION = ".jsonl"
IMPORT_EXTENSIONS = (".jsonl", ".ndjson")  # and doccano's export zip (registry.for_import looks inside)
IMPORT_OPTIONS = ("text_field", "label_field")
MAX_LINE = 64 << 20  # one document of 64 MB is already absurd


def export(
    data: ExportData, path: str | Path, options: ExportOptions, progress: Progress | None = None
) -> None:
    cats = data.category_by_id()
    users = data.annotator_by_id()
    by_doc = data.annotations_by_document()
    total = len(data.documents)
    with Path(path).open("w", encoding="utf-8", newline="\n") as fh:
        for i, d in enumerate(data.documents):
            report(progress, i, total)
            tags = by_doc.get(d.id, [])
            line: dict[str, Any] = {
                "id": d.id,
                "uuid": d.uuid,
                "title": d.title,
                "text": d.text,
                "label": [[a.start, a.end, cats[a.category_id].name] for a in tags],
                "meta": d.meta,
                "annotations": [
                    {
                        "uuid": a.uuid,
                        "start": a.start,
                        "end": a.end,
                        "label": cats[a.category_id].name,
                        "category_uuid": cats[a.category_id].uuid,
                        "annotator": users[a.annotator_id].name,
                        "annotator_uuid": users[a.annotator_id].uuid,
                        **({"memo": a.memo} if options.include_memos and a.memo else {}),
                    }
                    for a in tags
                ],
            }
            fh.write(json.dumps(line, ensure_ascii=False))
            fh.write("\n")
    report(progress, total, total)


def import_(
    path: str | Path,
    *,
    text_field: str | None = None,
    label_field: str | None = None,
    max_bytes: int | None = None,
    **_kw,
) -> Incoming:
    """Read a doccano JSONL file, or the zip doccano exports (one `<user>.jsonl` per annotator).

    `text_field`/`label_field` name the columns when a project used its own names (doccano's import
    asks for them too). A record that cannot be read (not JSON, no text, a malformed label) is a
    problem of that record: the import stops on it unless the user chose to import the rest, as
    doccano does. The annotator comes from doccano's own fields: a record's `user` (doccano 1.x
    exports), the member's name in an export zip, or this program's `annotations[].annotator`.
    """
    path = Path(path)
    bundle = Incoming(path=str(path), format=NAME)
    fields = _Fields(text_field, label_field)
    users: dict[str, IncomingAnnotator] = {}
    if path.suffix.lower() == ".zip":
        from annotator.formats.safe import SafeZip

        with SafeZip(path, max_bytes=max_bytes) as z:
            members = sorted(n for n in z.names if n.lower().endswith((".jsonl", ".ndjson")))
            if not members:
                raise InputError("no .jsonl files inside; not a doccano export", path=str(path))
            for name in members:
                who = Path(name).stem
                _read_lines(
                    z.read(name).splitlines(keepends=True),
                    bundle,
                    users,
                    f"{path}!{name}",
                    fields,
                    who if who.casefold() not in _NOBODY else None,
                    prefix=name,
                )
    else:
        with open_input(path) as fh:  # regular files only: a FIFO or a device is refused, not read
            _read_lines(fh, bundle, users, str(path), fields, None)
    bundle.users.extend(users.values())
    if not bundle.documents and bundle.problems:  # nothing left to import: say why
        listed = joined("; ", bundle.problems[:3])
        if len(bundle.problems) > 3:
            why = Message(
                QT_TRANSLATE_NOOP("Messages", "no record can be read: {list} (and {more} more)"),
                list=listed,
                more=len(bundle.problems) - 3,
            )
        else:
            why = Message(QT_TRANSLATE_NOOP("Messages", "no record can be read: {list}"), list=listed)
        raise InputError(why, path=str(path))
    if not bundle.documents:
        raise InputError(
            f'no documents found (expected one JSON object with "{fields.text}" per line)', path=str(path)
        )
    return bundle


# doccano's placeholder users: "all" for a collaborative project, "unknown" for a record nobody labelled.
_NOBODY = {"all", "unknown", ""}


class _Fields:
    def __init__(self, text: str | None, label: str | None) -> None:
        self.text = (text or "").strip() or "text"
        self.label = (label or "").strip() or "label"
        self.custom_text = bool((text or "").strip())
        self.custom_label = bool((label or "").strip())
        # doccano repeats a record once per annotator (and per user file of its export zip): one
        # text is one document, whichever user's record it comes from.
        self.keys: dict[str, str] = {}


def _read_lines(
    lines,
    bundle: Incoming,
    users: dict[str, IncomingAnnotator],
    source: str,
    fields: _Fields,
    member_user: str | None,
    prefix: str = "",
) -> None:
    for number, raw in enumerate(lines, start=1):
        where = (
            Message(QT_TRANSLATE_NOOP("Messages", "{file} line {number}"), file=prefix, number=number)
            if prefix
            else Message(QT_TRANSLATE_NOOP("Messages", "line {number}"), number=number)
        )
        if len(raw) > MAX_LINE:
            raise InputError(
                Message(
                    QT_TRANSLATE_NOOP("Messages", "{where} is longer than {max} bytes"),
                    where=where,
                    max=f"{MAX_LINE:,}",
                ),
                path=source,
            )
        if not raw.strip():
            continue
        docs, tags = len(bundle.documents), len(bundle.annotations)
        try:
            try:
                item = json.loads(raw.decode("utf-8-sig" if number == 1 else "utf-8"))
            except UnicodeDecodeError as exc:
                raise InputError(
                    Message(
                        QT_TRANSLATE_NOOP("Messages", "{where} is not UTF-8 (byte {byte})"),
                        where=where,
                        byte=exc.start,
                    ),
                    path=source,
                ) from None
            except (json.JSONDecodeError, RecursionError) as exc:
                raise InputError(
                    Message(
                        QT_TRANSLATE_NOOP("Messages", "{where} is not valid JSON ({detail})"),
                        where=where,
                        detail=str(exc),
                    ),
                    path=source,
                ) from None
            _line(item, number, bundle, users, source, fields, member_user, where)
        except InputError as exc:
            # This record only: what it added goes, the rest of the file stays usable. A document it
            # added goes from the text lookup too, or a later record with the same text would point its
            # tags at a document that is no longer in the bundle.
            for dropped in bundle.documents[docs:]:
                if fields.keys.get(dropped.text) == dropped.key:
                    del fields.keys[dropped.text]
            del bundle.documents[docs:], bundle.annotations[tags:]
            message = exc.message  # without the file's name (a Message stays one, for the GUI)
            if not isinstance(message, Message) and exc.path and message.startswith(f"{exc.path}: "):
                message = message[len(exc.path) + 2 :]
            bundle.problems.append(message)


def _line(
    item: Any,
    number: int,
    bundle: Incoming,
    users: dict[str, IncomingAnnotator],
    source: str,
    fields: _Fields | None = None,
    member_user: str | None = None,
    where: str | None = None,
) -> None:
    fields = fields or _Fields(None, None)
    where = where or Message(QT_TRANSLATE_NOOP("Messages", "line {number}"), number=number)
    if not isinstance(item, dict):
        raise InputError(
            Message(
                QT_TRANSLATE_NOOP("Messages", "{where}: expected a JSON object, got {type}"),
                where=where,
                type=type(item).__name__,
            ),
            path=source,
        )
    text = item.get(fields.text) if fields.custom_text else item.get("text", item.get("data"))
    if not isinstance(text, str):
        raise InputError(
            f'{where}: "{fields.text}" must be a string, got {type(text).__name__}'
            + (
                ""
                if fields.custom_text or "text" in item
                else f" (the record has {', '.join(map(repr, list(item)[:8]))}; name the text field, "
                "e.g. --text-field)"
            ),
            path=source,
        )
    uuid = item.get("uuid") if isinstance(item.get("uuid"), str) else None
    key = fields.keys.get(text)
    if key is None:
        key = fields.keys[text] = f"{source}#{number}"
        title = (
            item.get("title")
            if isinstance(item.get("title"), str) and item.get("title").strip()
            else f"{Path(source.split('!')[0]).stem} {item.get('id', number)}"
        )
        meta = item.get("meta") if isinstance(item.get("meta"), dict) else {}
        bundle.documents.append(
            IncomingDocument(
                key=key,
                title=title,
                text=text,
                uuid=uuid,
                source_name=Path(source.split("!")[0]).name,
                meta=meta,
            )
        )
    # doccano 1.x writes the labelling user into each exported record; its export zip names the file.
    record_user = item.get("user") if isinstance(item.get("user"), str) else member_user
    default_user = None
    if record_user and record_user.strip().casefold() not in _NOBODY:
        default_user = record_user.strip()
        users.setdefault(default_user, IncomingAnnotator(key=default_user, name=default_user))
    rich = item.get("annotations")
    if not fields.custom_label and isinstance(rich, list) and rich and all(isinstance(r, dict) for r in rich):
        _rich_annotations(rich, key, where, default_user, bundle, users, source)
        return
    _labels(item, fields, key, where, default_user, bundle, source)
    _entities(item, fields, key, where, default_user, bundle, source)


def _rich_annotations(
    rich: list[dict],
    key: str,
    where: str,
    default_user: str | None,
    bundle: Incoming,
    users: dict[str, IncomingAnnotator],
    source: str,
) -> None:
    """Our own export's shape: "annotations" as objects with annotator, uuid and memo."""
    for j, r in enumerate(rich, start=1):
        w = Message(QT_TRANSLATE_NOOP("Messages", "{where}, annotation {j}"), where=where, j=j)
        span = _ints(r.get("start"), r.get("end"), w, source)
        label = _label(r.get("label"), w, source)
        user_key = default_user
        if isinstance(r.get("annotator"), str) and r["annotator"].strip():
            user_key = r.get("annotator_uuid") or r["annotator"]
            users.setdefault(
                user_key,
                IncomingAnnotator(key=user_key, name=r["annotator"].strip(), uuid=r.get("annotator_uuid")),
            )
        bundle.annotations.append(
            IncomingTag(
                document_key=key,
                start=span[0],
                end=span[1],
                category_key=label,
                where=w,
                user_key=user_key,
                uuid=r.get("uuid") if isinstance(r.get("uuid"), str) else None,
                memo=r.get("memo") if isinstance(r.get("memo"), str) else "",
            )
        )


def _labels(
    item: dict, fields: _Fields, key: str, where: str, default_user: str | None, bundle: Incoming, source: str
) -> None:
    """doccano's "label" list of [start, end, label] (or, under a custom name, entity objects)."""
    labels = item.get(fields.label) if fields.custom_label else item.get("label", item.get("labels"))
    if labels is not None:
        if not isinstance(labels, list):
            raise InputError(f'{where}: "{fields.label}" must be a list of [start, end, label]', path=source)
        for j, lab in enumerate(labels, start=1):
            w = Message(QT_TRANSLATE_NOOP("Messages", "{where}, label {j}"), where=where, j=j)
            if isinstance(lab, str):
                bundle.notes.append(
                    Message(
                        QT_TRANSLATE_NOOP(
                            "Messages",
                            "{where}: document-level label “{label}” skipped (only spans are imported)",
                        ),
                        where=w,
                        label=lab,
                    )
                )
                continue
            if isinstance(lab, dict):  # the entities shape under a custom label name
                start, end = _ints(lab.get("start_offset"), lab.get("end_offset"), w, source)
                lab = [start, end, lab.get("label")]
            if not isinstance(lab, list) or len(lab) != 3:
                raise InputError(
                    Message(
                        QT_TRANSLATE_NOOP("Messages", "{where}: expected [start, end, label], got {got}"),
                        where=w,
                        got=json.dumps(lab, ensure_ascii=False)[:60],
                    ),
                    path=source,
                )
            start, end = _ints(lab[0], lab[1], w, source)
            bundle.annotations.append(
                IncomingTag(
                    document_key=key,
                    start=start,
                    end=end,
                    category_key=_label(lab[2], w, source),
                    where=w,
                    user_key=default_user,
                )
            )


def _entities(
    item: dict, fields: _Fields, key: str, where: str, default_user: str | None, bundle: Incoming, source: str
) -> None:
    """doccano's "entities": objects with start_offset, end_offset and label."""
    entities = None if fields.custom_label else item.get("entities")
    if entities is not None:
        if not isinstance(entities, list):
            raise InputError(f'{where}: "entities" must be a list', path=source)
        for j, ent in enumerate(entities, start=1):
            w = Message(QT_TRANSLATE_NOOP("Messages", "{where}, entity {j}"), where=where, j=j)
            if not isinstance(ent, dict):
                raise InputError(
                    Message(
                        QT_TRANSLATE_NOOP(
                            "Messages", "{where}: expected an object with start_offset, end_offset, label"
                        ),
                        where=w,
                    ),
                    path=source,
                )
            start, end = _ints(ent.get("start_offset"), ent.get("end_offset"), w, source)
            bundle.annotations.append(
                IncomingTag(
                    document_key=key,
                    start=start,
                    end=end,
                    category_key=_label(ent.get("label"), w, source),
                    where=w,
                    user_key=default_user,
                )
            )


def _ints(start: Any, end: Any, where: str, source: str) -> tuple[int, int]:
    if type(start) is not int or type(end) is not int:
        raise InputError(
            Message(
                QT_TRANSLATE_NOOP(
                    "Messages", "{where}: offsets must be whole numbers, got {start} and {end}"
                ),
                where=where,
                start=repr(start),
                end=repr(end),
            ),
            path=source,
        )
    return start, end


def _label(value: Any, where: str, source: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InputError(
            Message(
                QT_TRANSLATE_NOOP("Messages", "{where}: the label must be a non-empty string, got {value}"),
                where=where,
                value=repr(value),
            ),
            path=source,
        )
    return value.strip()
