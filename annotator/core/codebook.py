"""The codebook file format (JSON) and checks on a codebook's shape.

A codebook file is what a team shares before anyone tags: a tree of categories, each with a Chinese and
an English name, a coding rule, a colour and an optional number-key shortcut. UUIDs travel with the
categories so that projects created from the same codebook can later be merged category by category.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.core.errors import InputError
from annotator.core.inputs import read_input
from annotator.core.messages import QT_TRANSLATE_NOOP, Message
from annotator.core.model import Category, new_uuid

FORMAT = "judgment-annotator-codebook"
VERSION = 1
SHORTCUT_KEYS = tuple("1234567890")
_COLOR = re.compile(r"^#[0-9A-Fa-f]{6}$")


@dataclass
class CodebookEntry:
    """One category in a codebook file, with its children."""

    name: str
    uuid: str = field(default_factory=new_uuid)
    name_en: str = ""
    description: str = ""
    color: str = "#888888"
    shortcut: str = ""
    children: list[CodebookEntry] = field(default_factory=list)

    def walk(self, depth: int = 0):
        yield self, depth
        for child in self.children:
            yield from child.walk(depth + 1)


def parse(data: Any, *, source: str = "codebook") -> list[CodebookEntry]:
    """Turn decoded JSON into entries, checking everything a user could get wrong."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError(f'not a codebook file (expected "format": "{FORMAT}")', path=source)
    if data.get("version") != VERSION:
        raise InputError(
            f"codebook version {data.get('version')!r} is not supported (expected {VERSION})", path=source
        )
    items = data.get("categories")
    if not isinstance(items, list):
        raise InputError('"categories" must be a list', path=source)

    def entry(item: Any, where: str, depth: int) -> CodebookEntry:
        if depth > 20:
            raise InputError(f"{where}: categories are nested more than 20 levels deep", path=source)
        if not isinstance(item, dict):
            raise InputError(f"{where}: each category must be an object", path=source)
        name = item.get("name")
        if not isinstance(name, str) or not name.strip():
            raise InputError(f'{where}: a category needs a non-empty "name"', path=source)
        if name_problem(name):
            raise InputError(f"{where}: {name_problem(name)}", path=source)
        color = item.get("color", "#888888")
        if not isinstance(color, str) or not _COLOR.match(color):
            raise InputError(f"{where} ({name}): colour {color!r} is not of the form #RRGGBB", path=source)
        shortcut = item.get("shortcut", "") or ""
        if shortcut not in ("", *SHORTCUT_KEYS):
            raise InputError(f"{where} ({name}): shortcut {shortcut!r} must be one of 0–9", path=source)
        children = item.get("children", [])
        if not isinstance(children, list):
            raise InputError(f'{where} ({name}): "children" must be a list', path=source)
        fields = {k: item.get(k, "") for k in ("name_en", "description")}
        for key, value in fields.items():
            if not isinstance(value, str):
                raise InputError(f'{where} ({name}): "{key}" must be text', path=source)
        if any(not _storable(v) for v in (name, *fields.values(), str(item.get("uuid") or ""))):
            raise InputError(
                f"{where}: contains a lone surrogate (\\ud800–\\udfff), which is not a "
                "character; the file is damaged",
                path=source,
            )
        return CodebookEntry(
            name=name.strip(),
            uuid=str(item.get("uuid") or new_uuid()),
            color=color.upper(),
            shortcut=shortcut,
            children=[entry(c, f"{where}.{i + 1}", depth + 1) for i, c in enumerate(children)],
            **fields,
        )

    entries = [entry(item, f"category {i + 1}", 0) for i, item in enumerate(items)]
    _check_unique(entries, source)
    return entries


MAX_NAME = 200


def name_problem(name: str) -> str | None:
    """What is wrong with a category name, or None. Control characters (NUL, line breaks, tabs, ESC)
    would break every listing and the xlsx, qdpx and qdc exports (XML cannot hold them); a lone
    surrogate is not a character."""
    if not isinstance(name, str) or not name.strip():
        return Message(QT_TRANSLATE_NOOP("Messages", "a category needs a name"))
    bad = sorted({c for c in name if ord(c) < 32 or 0x7F <= ord(c) < 0xA0 or c in "\u2028\u2029\ufffe\uffff"})
    if bad:
        return Message(
            QT_TRANSLATE_NOOP("Messages", "the category name {name!r} contains control characters ({codes})"),
            name=name.strip()[:40].encode("unicode_escape").decode(),
            codes=", ".join(f"U+{ord(c):04X}" for c in bad[:5]),
        )
    if not _storable(name):
        return Message(
            QT_TRANSLATE_NOOP(
                "Messages",
                "the category name contains a lone surrogate (\\ud800–\\udfff), which is not a character",
            )
        )
    if len(name.strip()) > MAX_NAME:
        return Message(
            QT_TRANSLATE_NOOP("Messages", "the category name is longer than {n} characters"), n=MAX_NAME
        )
    return None


def _storable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _check_unique(entries: list[CodebookEntry], source: str) -> None:
    seen: dict[str, set[str]] = {"name": set(), "uuid": set(), "shortcut": set()}
    for root in entries:
        for e, _ in root.walk():
            for key in seen:
                value = getattr(e, key)
                if not value:
                    continue
                if value in seen[key]:
                    raise InputError(f"two categories share the {key} {value!r}", path=source)
                seen[key].add(value)


def load(path: str | Path) -> list[CodebookEntry]:
    path = Path(path)
    try:
        data = json.loads(read_input(path, 64 * 1024 * 1024).decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"not valid UTF-8 JSON ({exc})", path=str(path)) from None
    except RecursionError:
        raise InputError("JSON is nested too deeply", path=str(path)) from None
    return parse(data, source=str(path))


def to_json(categories: list[Category]) -> dict[str, Any]:
    """Serialise project categories (flat, with parent ids) as a codebook tree."""
    by_parent: dict[int | None, list[Category]] = {}
    for c in categories:
        by_parent.setdefault(c.parent_id, []).append(c)

    def node(c: Category) -> dict[str, Any]:
        out: dict[str, Any] = {
            "uuid": c.uuid,
            "name": c.name,
            "name_en": c.name_en,
            "description": c.description,
            "color": c.color,
            "shortcut": c.shortcut,
        }
        kids = sorted(by_parent.get(c.id, []), key=lambda k: k.order)
        if kids:
            out["children"] = [node(k) for k in kids]
        return out

    roots = sorted(by_parent.get(None, []), key=lambda k: k.order)
    return {"format": FORMAT, "version": VERSION, "categories": [node(c) for c in roots]}


def descendants(categories: list[Category], ids: set[int]) -> set[int]:
    """The given category ids plus all their descendants."""
    children: dict[int | None, list[int]] = {}
    for c in categories:
        children.setdefault(c.parent_id, []).append(c.id)
    out, todo = set(), list(ids)
    while todo:
        cid = todo.pop()
        if cid in out:
            continue
        out.add(cid)
        todo.extend(children.get(cid, []))
    return out
