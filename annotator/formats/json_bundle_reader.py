"""Reading a `json` bundle (formats/json_bundle.py writes it) back, to merge a colleague's work.

The result is the intake pipeline's `Incoming` (core/intake.py), keyed by the bundle's own uuids;
nothing here knows the project it will be merged into. Reading checks what a user could get wrong
(not a bundle, a broken field, an offset outside the text) and says where.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from annotator.core.errors import InputError
from annotator.core.inputs import read_input
from annotator.core.intake import (
    BUNDLE_FORMAT,
    BUNDLE_VERSIONS,
    Incoming,
    IncomingAnnotator,
    IncomingCategory,
    IncomingDocument,
    IncomingTag,
    when,
)
from annotator.core.messages import QT_TRANSLATE_NOOP, Message
from annotator.core.model import text_sha256


def _str(item: Mapping, key: str, where: str, path: str, *, required: bool = True) -> str:
    value = item.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value):
        raise InputError(f'{where}: "{key}" must be a non-empty text', path=path)
    return value


def _walk_codebook(
    items: Any, parent: str | None, path: str, out: list[IncomingCategory], depth: int = 0
) -> None:
    if not isinstance(items, list) or depth > 20:
        raise InputError('"codebook" must be a list of categories', path=path)
    for i, item in enumerate(items):
        where = f"codebook category {i + 1}"
        if not isinstance(item, dict):
            raise InputError(f"{where}: each category must be an object", path=path)
        uuid = _str(item, "uuid", where, path)
        out.append(
            IncomingCategory(
                key=uuid,
                uuid=uuid,
                name=_str(item, "name", where, path),
                parent_key=parent,
                name_en=_str(item, "name_en", where, path, required=False),
                description=_str(item, "description", where, path, required=False),
                color=_str(item, "color", where, path, required=False) or "#888888",
                shortcut=_str(item, "shortcut", where, path, required=False),
            )
        )
        _walk_codebook(item.get("children", []), uuid, path, out, depth + 1)


_TOO_DEEP = Message(QT_TRANSLATE_NOOP("Messages", "not a usable JSON bundle: its data is nested too deeply"))


def _json(path: str) -> Any:
    """The file's JSON, refused with a message when it is not UTF-8, not JSON, nested too deeply or holds a
    lone surrogate."""
    try:
        data = json.loads(read_input(path).decode("utf-8"))
    except UnicodeDecodeError:
        raise InputError(
            Message(QT_TRANSLATE_NOOP("Messages", "not a JSON bundle (the file is not UTF-8 text)")),
            path=path,
        ) from None
    except json.JSONDecodeError as exc:
        raise InputError(
            Message(
                QT_TRANSLATE_NOOP("Messages", "not a JSON bundle: line {line}, column {column}: {detail}"),
                line=exc.lineno,
                column=exc.colno,
                detail=exc.msg,
            ),
            path=path,
        ) from None
    except RecursionError:
        raise InputError(_TOO_DEEP, path=path) from None
    try:
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise InputError(
            "the bundle contains a lone surrogate (\\ud800–\\udfff), which is not a character; "
            "the file is damaged",
            path=path,
        ) from None
    except RecursionError:
        raise InputError(_TOO_DEEP, path=path) from None
    return data


def _documents(data: dict, path: str, source: Incoming) -> None:
    """The bundle's documents, with their text or (a bundle without text) their hash and length."""
    for i, item in enumerate(_list(data, "documents", path)):
        where = f"document {i + 1}"
        text = item.get("text")
        if text is not None and not isinstance(text, str):
            raise InputError(f'{where}: "text" must be text', path=path)
        sha = text_sha256(text) if text is not None else _str(item, "sha256", where, path)
        length = len(text) if text is not None else item.get("length")
        if not isinstance(length, int) or length < 0:
            raise InputError(f'{where}: "length" must be a whole number', path=path)
        meta = item.get("meta") or {}
        uuid = _str(item, "uuid", where, path)
        source.documents.append(
            IncomingDocument(
                key=uuid,
                uuid=uuid,
                title=_str(item, "title", where, path, required=False),
                sha256=sha,
                length=length,
                text=text,
                source_name=_str(item, "source_name", where, path, required=False),
                source_format=_str(item, "source_format", where, path, required=False),
                meta=meta if isinstance(meta, dict) else {},
            )
        )


def read_bundle(path: str | Path) -> Incoming:
    """Read a `json` bundle written by this program (File ▸ Export ▸ JSON bundle)."""
    path = str(path)
    data = _json(path)
    if not isinstance(data, dict) or data.get("format") != BUNDLE_FORMAT:
        raise InputError(
            Message(
                QT_TRANSLATE_NOOP(
                    "Messages", 'not a JSON bundle of this program (expected "format": "{format}")'
                ),
                format=BUNDLE_FORMAT,
            ),
            path=path,
        )
    if data.get("version") not in BUNDLE_VERSIONS:
        raise InputError(
            Message(
                QT_TRANSLATE_NOOP("Messages", "bundle version {version} is not supported"),
                version=repr(data.get("version")),
            ),
            path=path,
        )
    source = Incoming(
        path=path, format="json", project_uuid=str((data.get("project") or {}).get("uuid") or "")
    )
    _walk_codebook(data.get("codebook", []), None, path, source.categories)
    for i, item in enumerate(_list(data, "annotators", path)):
        where = f"annotator {i + 1}"
        uuid = _str(item, "uuid", where, path)
        source.users.append(IncomingAnnotator(key=uuid, name=_str(item, "name", where, path), uuid=uuid))
    _documents(data, path, source)
    lengths = {d.uuid: d.length for d in source.documents}
    texts = {d.uuid: d.text for d in source.documents}
    seen_uuids: dict[str, int] = {}
    users = {a.uuid for a in source.users}
    categories = {c.uuid for c in source.categories}
    annotations = source.annotations
    for i, item in enumerate(_list(data, "annotations", path)):
        # The common case is checked in one go (a bundle holds 100,000s of tags); anything unexpected
        # is examined field by field for a precise message.
        try:
            uuid, doc, user, category = item["uuid"], item["document"], item["annotator"], item["category"]
            start, end = item["start"], item["end"]
            text = item.get("text") or ""
            before = item.get("context_before") or ""
            after = item.get("context_after") or ""
            memo = item.get("note") or ""
            ok = (
                type(uuid) is str
                and uuid
                and type(start) is int
                and type(end) is int
                and 0 <= start < end <= lengths.get(doc, -1)
                and user in users
                and category in categories
                and type(text) is str
                and type(before) is str
                and type(after) is str
                and type(memo) is str
            )
        except (KeyError, TypeError, AttributeError):
            ok = False
        if not ok:
            _check_annotation(item, f"annotation {i + 1}", path, lengths, users, categories)
        # A quote that is not its document's text, or one uuid for two tags, means a damaged file.
        if text and texts[doc] is not None and texts[doc][start:end] != text:
            raise InputError(
                f"annotation {i + 1}: its text does not match its document at [{start}, {end})", path=path
            )
        if uuid in seen_uuids:
            raise InputError(
                f"annotation {i + 1}: uuid {uuid} is also used by annotation {seen_uuids[uuid]}; "
                "a uuid must name one tag",
                path=path,
            )
        seen_uuids[uuid] = i + 1
        created, updated = item.get("created"), item.get("updated")
        annotations.append(
            IncomingTag(
                doc,
                start,
                end,
                category,
                f"annotation {i + 1}",
                user,
                uuid,
                memo,
                text,
                when(created) if created else None,
                before,
                after,
                when(updated) if updated else None,
            )
        )
    return source


def _check_annotation(
    item: Any, where: str, path: str, lengths: Mapping[str, int], users: set[str], categories: set[str]
) -> None:
    """Raise an InputError naming what is wrong with one annotation of a bundle."""
    if not isinstance(item, dict):
        raise InputError(f"{where}: each annotation must be an object", path=path)
    _str(item, "uuid", where, path)
    doc = _str(item, "document", where, path)
    if doc not in lengths:
        raise InputError(f"{where}: document {doc} is not in the bundle", path=path)
    start, end = item.get("start"), item.get("end")
    if not (type(start) is int and type(end) is int and 0 <= start < end <= lengths[doc]):
        raise InputError(
            f"{where}: span [{start}, {end}) is not inside its document (0–{lengths[doc]} characters)",
            path=path,
        )
    user, category = _str(item, "annotator", where, path), _str(item, "category", where, path)
    if user not in users:
        raise InputError(f"{where}: annotator {user} is not in the bundle's annotators", path=path)
    if category not in categories:
        raise InputError(f"{where}: category {category} is not in the bundle's codebook", path=path)
    for key in ("text", "context_before", "context_after", "note"):
        _str(item, key, where, path, required=False)
    raise InputError(f"{where}: malformed annotation", path=path)


def _list(data: Mapping, key: str, path: str) -> list:
    value = data.get(key, [])
    if not isinstance(value, list):
        raise InputError(f'"{key}" must be a list', path=path)
    return value
