"""A colleague's work as read from a file, before it is merged: a `json` bundle or another project.

Everything is identified by UUID, as in the file; nothing here knows the project it will be merged into.
Reading checks what a user could get wrong (not a bundle, a broken field, an offset outside the text)
and says where.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from annotator.core.errors import InputError
from annotator.core.inputs import read_input
from annotator.core.model import text_sha256

BUNDLE_FORMAT = "judgment-annotator-bundle"
BUNDLE_VERSIONS = (1,)


@dataclass(frozen=True, slots=True)
class SourceCategory:
    uuid: str
    name: str
    parent_uuid: str | None = None
    name_en: str = ""
    description: str = ""
    color: str = "#888888"
    shortcut: str = ""


@dataclass(frozen=True, slots=True)
class SourceAnnotator:
    uuid: str
    name: str


@dataclass(frozen=True, slots=True)
class SourceDocument:
    uuid: str
    title: str
    sha256: str
    length: int
    text: str | None  # None: the file does not carry the text
    source_name: str = ""
    source_format: str = ""
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)  # not frozen: a frozen __init__ costs twice as much, and a file holds 100,000s
class SourceAnnotation:
    uuid: str
    document: str  # document uuid
    annotator: str  # annotator uuid
    category: str  # category uuid
    start: int
    end: int
    text: str
    before: str = ""
    after: str = ""
    memo: str = ""
    # When it was made and last changed there (None: the file does not say). From a project file these
    # stay ISO text until used (`when()`): parsing 200,000 stamps of which a merge uses a few costs a lot.
    created: datetime | str | None = None
    updated: datetime | str | None = None


@dataclass
class Source:
    path: str
    project_uuid: str = ""
    # Tags the file holds as removed: uuid → when (only project files keep removed tags).
    deleted: dict[str, str] = field(default_factory=dict)
    # The file's own facts (project_info of a project file): where a shared copy came from, for whom.
    info: dict[str, str] = field(default_factory=dict)
    categories: list[SourceCategory] = field(default_factory=list)
    annotators: list[SourceAnnotator] = field(default_factory=list)
    documents: list[SourceDocument] = field(default_factory=list)
    annotations: list[SourceAnnotation] = field(default_factory=list)


def _date(value: Any) -> datetime | None:
    if not value or not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def when(value: datetime | str | None) -> datetime | None:
    """A SourceAnnotation's `created` or `updated` as a time (None if absent or unreadable)."""
    return value if isinstance(value, datetime) else _date(value)


def _str(item: Mapping, key: str, where: str, path: str, *, required: bool = True) -> str:
    value = item.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value):
        raise InputError(f"{where}: \"{key}\" must be a non-empty text", path=path)
    return value


def _walk_codebook(items: Any, parent: str | None, path: str, out: list[SourceCategory], depth: int = 0) -> None:
    if not isinstance(items, list) or depth > 20:
        raise InputError("\"codebook\" must be a list of categories", path=path)
    for i, item in enumerate(items):
        where = f"codebook category {i + 1}"
        if not isinstance(item, dict):
            raise InputError(f"{where}: each category must be an object", path=path)
        uuid = _str(item, "uuid", where, path)
        out.append(SourceCategory(
            uuid=uuid, name=_str(item, "name", where, path), parent_uuid=parent,
            name_en=_str(item, "name_en", where, path, required=False),
            description=_str(item, "description", where, path, required=False),
            color=_str(item, "color", where, path, required=False) or "#888888",
            shortcut=_str(item, "shortcut", where, path, required=False),
        ))
        _walk_codebook(item.get("children", []), uuid, path, out, depth + 1)


def read_bundle(path: str | Path) -> Source:
    """Read a `json` bundle written by this program (File ▸ Export ▸ JSON bundle)."""
    path = str(path)
    try:
        data = json.loads(read_input(path).decode("utf-8"))
    except UnicodeDecodeError:
        raise InputError("not a JSON bundle (the file is not UTF-8 text)", path=path) from None
    except json.JSONDecodeError as exc:
        raise InputError(f"not a JSON bundle: line {exc.lineno}, column {exc.colno}: {exc.msg}",
                         path=path) from None
    except RecursionError:
        raise InputError("not a usable JSON bundle: its data is nested too deeply", path=path) from None
    try:
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise InputError("the bundle contains a lone surrogate (\\ud800–\\udfff), which is not a character; "
                         "the file is damaged", path=path) from None
    except RecursionError:
        raise InputError("not a usable JSON bundle: its data is nested too deeply", path=path) from None
    if not isinstance(data, dict) or data.get("format") != BUNDLE_FORMAT:
        raise InputError(f"not a JSON bundle of this program (expected \"format\": \"{BUNDLE_FORMAT}\")",
                         path=path)
    if data.get("version") not in BUNDLE_VERSIONS:
        raise InputError(f"bundle version {data.get('version')!r} is not supported", path=path)
    source = Source(path=path, project_uuid=str((data.get("project") or {}).get("uuid") or ""))
    _walk_codebook(data.get("codebook", []), None, path, source.categories)
    for i, item in enumerate(_list(data, "annotators", path)):
        where = f"annotator {i + 1}"
        source.annotators.append(SourceAnnotator(_str(item, "uuid", where, path), _str(item, "name", where, path)))
    for i, item in enumerate(_list(data, "documents", path)):
        where = f"document {i + 1}"
        text = item.get("text")
        if text is not None and not isinstance(text, str):
            raise InputError(f"{where}: \"text\" must be text", path=path)
        sha = text_sha256(text) if text is not None else _str(item, "sha256", where, path)
        length = len(text) if text is not None else item.get("length")
        if not isinstance(length, int) or length < 0:
            raise InputError(f"{where}: \"length\" must be a whole number", path=path)
        meta = item.get("meta") or {}
        source.documents.append(SourceDocument(
            uuid=_str(item, "uuid", where, path), title=_str(item, "title", where, path, required=False),
            sha256=sha, length=length, text=text,
            source_name=_str(item, "source_name", where, path, required=False),
            source_format=_str(item, "source_format", where, path, required=False),
            meta=meta if isinstance(meta, dict) else {},
        ))
    lengths = {d.uuid: d.length for d in source.documents}
    texts = {d.uuid: d.text for d in source.documents}
    seen_uuids: dict[str, int] = {}
    users = {a.uuid for a in source.annotators}
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
            ok = (type(uuid) is str and uuid and type(start) is int and type(end) is int
                  and 0 <= start < end <= lengths.get(doc, -1) and user in users and category in categories
                  and type(text) is str and type(before) is str and type(after) is str and type(memo) is str)
        except (KeyError, TypeError, AttributeError):
            ok = False
        if not ok:
            _check_annotation(item, f"annotation {i + 1}", path, lengths, users, categories)
        # A quote that is not its document's text, or one uuid for two tags, means a damaged file.
        if text and texts[doc] is not None and texts[doc][start:end] != text:
            raise InputError(f"annotation {i + 1}: its text does not match its document at [{start}, {end})",
                             path=path)
        if uuid in seen_uuids:
            raise InputError(f"annotation {i + 1}: uuid {uuid} is also used by annotation {seen_uuids[uuid]}; "
                             "a uuid must name one tag", path=path)
        seen_uuids[uuid] = i + 1
        created, updated = item.get("created"), item.get("updated")
        annotations.append(SourceAnnotation(uuid, doc, user, category, start, end, text, before, after, memo,
                                            _date(created) if created else None,
                                            _date(updated) if updated else None))
    return source


def _check_annotation(item: Any, where: str, path: str, lengths: Mapping[str, int], users: set[str],
                      categories: set[str]) -> None:
    """Raise an InputError naming what is wrong with one annotation of a bundle."""
    if not isinstance(item, dict):
        raise InputError(f"{where}: each annotation must be an object", path=path)
    _str(item, "uuid", where, path)
    doc = _str(item, "document", where, path)
    if doc not in lengths:
        raise InputError(f"{where}: document {doc} is not in the bundle", path=path)
    start, end = item.get("start"), item.get("end")
    if not (type(start) is int and type(end) is int and 0 <= start < end <= lengths[doc]):
        raise InputError(f"{where}: span [{start}, {end}) is not inside its document "
                         f"(0–{lengths[doc]} characters)", path=path)
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
        raise InputError(f"\"{key}\" must be a list", path=path)
    return value


def from_project_rows(path: str, rows: Mapping[str, Iterable[Mapping[str, Any]]]) -> Source:
    """A Source from the rows another project file holds (see store/foreign.py)."""
    source = Source(path=path, project_uuid=str(rows.get("project_uuid") or ""),
                    deleted=dict(rows.get("deleted") or {}), info=dict(rows.get("info") or {}))
    cat_uuid = {r["id"]: r["uuid"] for r in rows["categories"]}
    for r in rows["categories"]:
        source.categories.append(SourceCategory(
            uuid=r["uuid"], name=r["name"], parent_uuid=cat_uuid.get(r["parent_id"]), name_en=r["name_en"] or "",
            description=r["description"] or "", color=r["color"] or "#888888", shortcut=r["shortcut"] or ""))
    user_uuid = {r["id"]: r["uuid"] for r in rows["annotators"]}
    source.annotators = [SourceAnnotator(r["uuid"], r["name"]) for r in rows["annotators"]]
    doc_uuid = {}
    for r in rows["documents"]:
        doc_uuid[r["id"]] = r["uuid"]
        try:
            meta = json.loads(r["meta"] or "{}")
        except json.JSONDecodeError:
            meta = {}
        source.documents.append(SourceDocument(
            uuid=r["uuid"], title=r["title"], sha256=r["sha256"], length=len(r["text"]), text=r["text"],
            source_name=r["source_name"] or "", source_format=r["source_format"] or "",
            meta=meta if isinstance(meta, dict) else {}))
    append = source.annotations.append
    # Rows in the order of store.merging.ANNOTATION_COLUMNS (plain tuples: there may be 100,000s).
    for uuid, doc, user, cat, start, end, text, before, after, memo, created, updated in rows["annotations"]:
        if doc not in doc_uuid:
            continue  # its document was removed there
        append(SourceAnnotation(uuid, doc_uuid[doc], user_uuid[user], cat_uuid[cat], start, end, text,
                                before or "", after or "", memo or "", created or None, updated or None))
    return source
