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
from annotator.formats.base import ExportData, ExportOptions, Progress, report
from annotator.formats.imported import ImportedAnnotation, ImportedBundle, ImportedDocument, ImportedUser

NAME = "jsonl"
LABEL = "doccano JSONL"
EXTENSION = ".jsonl"
IMPORT_EXTENSIONS = (".jsonl", ".ndjson")
MAX_LINE = 64 << 20  # one document of 64 MB is already absurd


def export(data: ExportData, path: str | Path, options: ExportOptions, progress: Progress | None = None) -> None:
    cats = data.category_by_id()
    users = data.annotator_by_id()
    by_doc: dict[int, list] = {}
    for a in data.annotations:
        by_doc.setdefault(a.document_id, []).append(a)
    total = len(data.documents)
    with Path(path).open("w", encoding="utf-8", newline="\n") as fh:
        for i, d in enumerate(data.documents):
            report(progress, i, total)
            tags = by_doc.get(d.id, [])
            line: dict[str, Any] = {
                "id": d.id, "uuid": d.uuid, "title": d.title, "text": d.text,
                "label": [[a.start, a.end, cats[a.category_id].name] for a in tags],
                "meta": d.meta,
                "annotations": [{
                    "uuid": a.uuid, "start": a.start, "end": a.end, "label": cats[a.category_id].name,
                    "category_uuid": cats[a.category_id].uuid, "annotator": users[a.annotator_id].name,
                    "annotator_uuid": users[a.annotator_id].uuid,
                    **({"memo": a.memo} if options.include_memos and a.memo else {}),
                } for a in tags],
            }
            fh.write(json.dumps(line, ensure_ascii=False))
            fh.write("\n")
    report(progress, total, total)


def import_(path: str | Path, **_kw) -> ImportedBundle:
    path = Path(path)
    bundle = ImportedBundle(path=str(path), format=NAME)
    try:
        fh = path.open("rb")
    except FileNotFoundError:
        raise InputError("file not found", path=str(path)) from None
    users: dict[str, ImportedUser] = {}
    with fh:
        for number, raw in enumerate(fh, start=1):
            if len(raw) > MAX_LINE:
                raise InputError(f"line {number} is longer than {MAX_LINE:,} bytes", path=str(path))
            if not raw.strip():
                continue
            try:
                item = json.loads(raw.decode("utf-8-sig" if number == 1 else "utf-8"))
            except UnicodeDecodeError as exc:
                raise InputError(f"line {number} is not UTF-8 (byte {exc.start})", path=str(path)) from None
            except (json.JSONDecodeError, RecursionError) as exc:
                raise InputError(f"line {number} is not valid JSON ({exc})", path=str(path)) from None
            _line(item, number, bundle, users, str(path))
    bundle.users.extend(users.values())
    if not bundle.documents:
        raise InputError("no documents found (expected one JSON object with \"text\" per line)", path=str(path))
    return bundle


def _line(item: Any, number: int, bundle: ImportedBundle, users: dict[str, ImportedUser], source: str) -> None:
    where = f"line {number}"
    if not isinstance(item, dict):
        raise InputError(f"{where}: expected a JSON object, got {type(item).__name__}", path=source)
    text = item.get("text", item.get("data"))
    if not isinstance(text, str):
        raise InputError(f"{where}: \"text\" must be a string, got {type(text).__name__}", path=source)
    key = f"line-{number}"
    uuid = item.get("uuid") if isinstance(item.get("uuid"), str) else None
    title = item.get("title") if isinstance(item.get("title"), str) and item.get("title").strip() else \
        f"{Path(source).stem} {item.get('id', number)}"
    meta = item.get("meta") if isinstance(item.get("meta"), dict) else {}
    bundle.documents.append(ImportedDocument(key=key, title=title, text=text, uuid=uuid,
                                             source_name=Path(source).name, meta=meta))
    rich = item.get("annotations")
    if isinstance(rich, list) and rich and all(isinstance(r, dict) for r in rich):
        for j, r in enumerate(rich, start=1):
            span = _ints(r.get("start"), r.get("end"), f"{where}, annotation {j}", source)
            label = _label(r.get("label"), f"{where}, annotation {j}", source)
            user_key = None
            if isinstance(r.get("annotator"), str) and r["annotator"].strip():
                user_key = r.get("annotator_uuid") or r["annotator"]
                users.setdefault(user_key, ImportedUser(key=user_key, name=r["annotator"].strip(),
                                                        uuid=r.get("annotator_uuid")))
            bundle.annotations.append(ImportedAnnotation(
                document_key=key, start=span[0], end=span[1], category_key=label, where=f"{where}, annotation {j}",
                user_key=user_key, uuid=r.get("uuid") if isinstance(r.get("uuid"), str) else None,
                memo=r.get("memo") if isinstance(r.get("memo"), str) else ""))
        return
    labels = item.get("label", item.get("labels"))
    if labels is not None:
        if not isinstance(labels, list):
            raise InputError(f"{where}: \"label\" must be a list of [start, end, label]", path=source)
        for j, lab in enumerate(labels, start=1):
            w = f"{where}, label {j}"
            if isinstance(lab, str):
                bundle.notes.append(f"{w}: document-level label “{lab}” skipped (only spans are imported)")
                continue
            if not isinstance(lab, list) or len(lab) != 3:
                raise InputError(f"{w}: expected [start, end, label], got {json.dumps(lab, ensure_ascii=False)[:60]}",
                                 path=source)
            start, end = _ints(lab[0], lab[1], w, source)
            bundle.annotations.append(ImportedAnnotation(document_key=key, start=start, end=end,
                                                         category_key=_label(lab[2], w, source), where=w))
    entities = item.get("entities")
    if entities is not None:
        if not isinstance(entities, list):
            raise InputError(f"{where}: \"entities\" must be a list", path=source)
        for j, ent in enumerate(entities, start=1):
            w = f"{where}, entity {j}"
            if not isinstance(ent, dict):
                raise InputError(f"{w}: expected an object with start_offset, end_offset, label", path=source)
            start, end = _ints(ent.get("start_offset"), ent.get("end_offset"), w, source)
            bundle.annotations.append(ImportedAnnotation(document_key=key, start=start, end=end,
                                                         category_key=_label(ent.get("label"), w, source), where=w))


def _ints(start: Any, end: Any, where: str, source: str) -> tuple[int, int]:
    if type(start) is not int or type(end) is not int:
        raise InputError(f"{where}: offsets must be whole numbers, got {start!r} and {end!r}", path=source)
    return start, end


def _label(value: Any, where: str, source: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"{where}: the label must be a non-empty string, got {value!r}", path=source)
    return value.strip()
