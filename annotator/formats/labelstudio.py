"""`labelstudio`: Label Studio's JSON of tasks, export and import.

A task per document: `{"id", "data": {"text", "title", "uuid", "meta"}, "annotations": [...]}`, one
annotation per annotator holding that annotator's tags as `labels` results:
`{"id", "from_name": "label", "to_name": "text", "type": "labels",
"value": {"start", "end", "text", "labels": [category]}, "meta": {"text": [memo]}}`. Who made it is
`completed_by` (Label Studio's user id) with the name in `created_username` (the field Label Studio's
own exports add); dates are `created_at` in UTC.

Label Studio counts offsets in JavaScript string positions, which are UTF-16 code units: the export
writes them so (a passage after 𠮷 highlights the right characters in Label Studio), and the import
converts back to code points. An offset pair whose `text` proves it was counted in code points (a
Python script made the file) is taken as such.

Import also reads `predictions` (a model's suggestions, attributed to the model version) and the
`completed_by` forms other versions write (an id, or an object with an e-mail). The labelling config
that goes with an export is the `labelstudio-config` format (formats/labelstudio_config.py).
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from annotator.core.errors import InputError
from annotator.core.inputs import read_input
from annotator.core.intake import Incoming, IncomingAnnotator, IncomingDocument, IncomingTag
from annotator.core.messages import QT_TRANSLATE_NOOP, Message, joined
from annotator.core.offsets import OffsetMap
from annotator.formats.base import ExportData, ExportOptions, Progress, parse_time, report

NAME = "labelstudio"
LABEL = "Label Studio tasks (JSON)"
EXTENSION = ".json"
IMPORT_EXTENSIONS = (".json",)
IMPORT_OPTIONS = ("text_field",)
FROM_NAME, TO_NAME = "label", "text"  # the names the labelling config gives its Labels and Text tags
MAX_BYTES = 1 << 30


def _when(value: datetime | None) -> str | None:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ") if value else None


def tasks(data: ExportData, options: ExportOptions, progress: Progress | None = None):
    """One task dict per document, made as they are written."""
    cats = data.category_by_id()
    users = data.annotator_by_id()
    by_doc = data.annotations_by_document()
    total = len(data.documents)
    for i, d in enumerate(data.documents):
        report(progress, i, total)
        offsets = OffsetMap(d.text)
        by_user: dict[int, list] = {}
        for a in by_doc.get(d.id, []):
            by_user.setdefault(a.annotator_id, []).append(a)
        annotations = []
        for user_id, tags in by_user.items():
            results = []
            for a in tags:
                result: dict[str, Any] = {
                    "id": a.uuid,
                    "from_name": FROM_NAME,
                    "to_name": TO_NAME,
                    "type": "labels",
                    "origin": "manual",
                    "value": {
                        "start": offsets.to_utf16(a.start),
                        "end": offsets.to_utf16(a.end),
                        "text": a.text,
                        "labels": [cats[a.category_id].name],
                    },
                }
                if options.include_memos and a.memo:
                    result["meta"] = {"text": [a.memo]}
                results.append(result)
            created = [t.created for t in tags if t.created]
            annotations.append(
                {
                    "id": d.id * 100_000 + user_id,
                    "completed_by": user_id,
                    "created_username": users[user_id].name,
                    "annotator_uuid": users[user_id].uuid,
                    "result": results,
                    "was_cancelled": False,
                    "ground_truth": False,
                    "created_at": _when(min(created)) if created else None,
                    "updated_at": _when(max(created)) if created else None,
                }
            )
        yield {
            "id": d.id,
            "data": {"text": d.text, "title": d.title, "uuid": d.uuid, "meta": d.meta},
            "annotations": annotations,
            "predictions": [],
        }
    report(progress, total, total)


def export(
    data: ExportData, path: str | Path, options: ExportOptions, progress: Progress | None = None
) -> None:
    with Path(path).open("w", encoding="utf-8") as fh:
        fh.write("[")
        for i, task in enumerate(tasks(data, options, progress)):
            if i:
                fh.write(",\n")
            fh.write(json.dumps(task, ensure_ascii=False))
        fh.write("]\n")


# Import -------------------------------------------------------------------------------------------


def import_(path: str | Path, *, text_field: str | None = None, **_kw) -> Incoming:
    path = Path(path)
    raw = read_input(path, MAX_BYTES)  # the shared reader: regular files only, bounded
    try:
        items = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise InputError(
            Message(QT_TRANSLATE_NOOP("Messages", "not UTF-8 (byte {byte})"), byte=exc.start), path=str(path)
        ) from None
    except (json.JSONDecodeError, RecursionError) as exc:
        raise InputError(
            Message(QT_TRANSLATE_NOOP("Messages", "not valid JSON ({detail})"), detail=str(exc)),
            path=str(path),
        ) from None
    if isinstance(items, dict) and ("data" in items or "annotations" in items):
        items = [items]  # one task on its own
    if not isinstance(items, list):
        raise InputError(
            Message(
                QT_TRANSLATE_NOOP("Messages", 'expected a list of Label Studio tasks (objects with "data")')
            ),
            path=str(path),
        )
    bundle = Incoming(path=str(path), format=NAME)
    users: dict[str, IncomingAnnotator] = {}
    keys: dict[str, str] = {}
    for n, task in enumerate(items, start=1):
        where = Message(
            QT_TRANSLATE_NOOP("Messages", "task {id}"), id=task.get("id", n) if isinstance(task, dict) else n
        )
        tags = len(bundle.annotations)
        try:
            _task(task, where, bundle, users, keys, (text_field or "").strip() or None, str(path))
        except InputError as exc:
            del bundle.annotations[tags:]
            message = exc.message  # without the file's name (a Message stays one, for the GUI)
            bundle.problems.append(
                message[len(str(path)) + 2 :]
                if not isinstance(message, Message) and message.startswith(f"{path}: ")
                else message
            )
    bundle.users.extend(users.values())
    if not bundle.documents:
        why = (
            joined("; ", bundle.problems[:3])
            if bundle.problems
            else Message(QT_TRANSLATE_NOOP("Messages", "the file holds no tasks"))
        )
        raise InputError(
            Message(QT_TRANSLATE_NOOP("Messages", "no task can be read: {why}"), why=why), path=str(path)
        )
    return bundle


def _task(
    task: Any,
    where: str,
    bundle: Incoming,
    users: dict[str, IncomingAnnotator],
    keys: dict[str, str],
    text_field: str | None,
    source: str,
) -> None:
    if not isinstance(task, dict) or not isinstance(task.get("data"), dict):
        raise InputError(
            Message(QT_TRANSLATE_NOOP("Messages", '{where}: a task is an object with "data"'), where=where),
            path=source,
        )
    data = task["data"]
    if text_field:
        text = data.get(text_field)
    else:
        text = data.get("text")
        if text is None:
            strings = [k for k, v in data.items() if isinstance(v, str) and k not in ("title", "uuid")]
            text = data[strings[0]] if len(strings) == 1 else None
    if not isinstance(text, str):
        raise InputError(
            Message(
                QT_TRANSLATE_NOOP(
                    "Messages",
                    "{where}: data has no text (fields {fields}; name the text field, e.g. --text-field)",
                ),
                where=where,
                fields=", ".join(map(repr, list(data)[:8])),
            ),
            path=source,
        )
    key = keys.get(text)
    if key is None:
        key = keys[text] = f"{source}#{where}"
        title = (
            data.get("title")
            if isinstance(data.get("title"), str) and data["title"].strip()
            else f"{Path(source).stem} {where}"
        )
        bundle.documents.append(
            IncomingDocument(
                key=key,
                title=title,
                text=text,
                uuid=data.get("uuid") if isinstance(data.get("uuid"), str) else None,
                source_name=Path(source).name,
                meta=data.get("meta") if isinstance(data.get("meta"), dict) else {},
            )
        )
    offsets = OffsetMap(text)
    for kind in ("annotations", "predictions", "completions"):  # "completions": Label Studio before 1.0
        entries = task.get(kind) or []
        if not isinstance(entries, list):
            raise InputError(
                Message(
                    QT_TRANSLATE_NOOP("Messages", '{where}: "{kind}" must be a list'), where=where, kind=kind
                ),
                path=source,
            )
        for j, entry in enumerate(entries, start=1):
            w = Message(_ENTRY[kind], where=where, j=j)
            if not isinstance(entry, dict):
                raise InputError(
                    Message(
                        QT_TRANSLATE_NOOP("Messages", '{where}: expected an object with "result"'), where=w
                    ),
                    path=source,
                )
            if entry.get("was_cancelled") is True:
                bundle.notes.append(
                    Message(
                        QT_TRANSLATE_NOOP("Messages", "{where}: skipped (cancelled in Label Studio)"), where=w
                    )
                )
                continue
            user = _user(entry, kind, users)
            created = parse_time(entry.get("created_at"))
            results = entry.get("result") or []
            if not isinstance(results, list):
                raise InputError(
                    Message(QT_TRANSLATE_NOOP("Messages", '{where}: "result" must be a list'), where=w),
                    path=source,
                )
            for k, r in enumerate(results, start=1):
                where_r = Message(QT_TRANSLATE_NOOP("Messages", "{where}, result {k}"), where=w, k=k)
                _result(r, where_r, key, text, offsets, user, created, bundle, source)


# Where in a task an entry stands, by the list it is in ("completions": Label Studio before 1.0).
_ENTRY = {
    "annotations": QT_TRANSLATE_NOOP("Messages", "{where}, annotation {j}"),
    "predictions": QT_TRANSLATE_NOOP("Messages", "{where}, prediction {j}"),
    "completions": QT_TRANSLATE_NOOP("Messages", "{where}, completion {j}"),
}

_USERNAME_ID = re.compile(r"^(.*?),\s*\d+$")  # Label Studio's "created_username": "name@x.org, 3"


def _user(entry: dict, kind: str, users: dict[str, IncomingAnnotator]) -> str | None:
    if kind == "predictions":
        name = f"prediction {entry.get('model_version') or 'model'}".strip()
        uuid = None
    else:
        name, uuid = "", entry.get("annotator_uuid") if isinstance(entry.get("annotator_uuid"), str) else None
        named = entry.get("created_username")
        by = entry.get("completed_by")
        if isinstance(named, str) and named.strip():
            m = _USERNAME_ID.match(named.strip())
            name = (m.group(1) if m else named).strip()
        elif isinstance(by, dict):
            name = str(
                by.get("email")
                or " ".join(filter(None, (by.get("first_name"), by.get("last_name"))))
                or (f"Label Studio user {by['id']}" if "id" in by else "")
            ).strip()
        elif type(by) is int:
            name = f"Label Studio user {by}"
        if not name:
            return None
    key = uuid or name
    users.setdefault(key, IncomingAnnotator(key=key, name=name, uuid=uuid))
    return key


def _result(
    r: Any,
    where: str,
    key: str,
    text: str,
    offsets: OffsetMap,
    user: str | None,
    created: datetime | None,
    bundle: Incoming,
    source: str,
) -> None:
    if not isinstance(r, dict):
        raise InputError(
            Message(QT_TRANSLATE_NOOP("Messages", "{where}: expected an object"), where=where), path=source
        )
    value = r.get("value")
    if r.get("type") not in ("labels", "hypertextlabels") or not isinstance(value, dict):
        bundle.notes.append(
            Message(
                QT_TRANSLATE_NOOP(
                    "Messages", "{where}: a {type} result skipped (only labels on text are imported)"
                ),
                where=where,
                type=repr(r.get("type")),
            )
        )
        return
    start, end = value.get("start"), value.get("end")
    if type(start) is not int or type(end) is not int:
        raise InputError(
            Message(
                QT_TRANSLATE_NOOP(
                    "Messages", "{where}: start and end must be whole numbers, got {start} and {end}"
                ),
                where=where,
                start=repr(start),
                end=repr(end),
            ),
            path=source,
        )
    labels = value.get("labels")
    if (
        not isinstance(labels, list)
        or not labels
        or not all(isinstance(x, str) and x.strip() for x in labels)
    ):
        raise InputError(
            Message(
                QT_TRANSLATE_NOOP("Messages", '{where}: "labels" must be a list of label names'), where=where
            ),
            path=source,
        )
    quote = value.get("text") if isinstance(value.get("text"), str) else None
    if offsets.is_bmp_only or (
        quote is not None and 0 <= start < end <= len(text) and text[start:end] == quote
    ):
        cp_start, cp_end = start, end  # the same in both units, or proven to be code points
    elif 0 <= start <= end <= offsets.length_utf16:
        cp_start, cp_end = offsets.to_codepoint(start), offsets.to_codepoint(end)
    else:
        cp_start, cp_end = start, end  # outside the text: the service reports it
    meta = r.get("meta") if isinstance(r.get("meta"), dict) else {}
    memo_parts = meta.get("text") if isinstance(meta.get("text"), list) else [meta.get("text")]
    memo = "\n".join(m for m in memo_parts if isinstance(m, str) and m)
    rid = r.get("id") if isinstance(r.get("id"), str) else None
    uuid = (
        rid
        if rid and re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", rid)
        else None
    )
    for label in labels:
        bundle.annotations.append(
            IncomingTag(
                document_key=key,
                start=cp_start,
                end=cp_end,
                category_key=label.strip(),
                where=where,
                user_key=user,
                uuid=uuid if len(labels) == 1 else None,
                memo=memo,
                quote=quote,
                created=created,
            )
        )
