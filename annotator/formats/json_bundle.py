"""`json`: the full project bundle (codebook, annotators, documents, annotations), for backup and for
merging a colleague's work. The schema is versioned; `text == document text[start:end]` always holds."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from annotator.core import codebook
from annotator.core.intake import BUNDLE_FORMAT, BUNDLE_VERSION
from annotator.formats.base import ExportData, ExportOptions, Progress, with_progress

NAME = "json"
LABEL = "JSON bundle"
EXTENSION = ".json"
OPTIONS = ("include_text",)
FORMAT = BUNDLE_FORMAT  # read back by formats/json_bundle_reader.py
VERSION = BUNDLE_VERSION


def to_dict(data: ExportData, options: ExportOptions, progress: Progress | None = None) -> dict[str, Any]:
    cats = data.category_by_id()
    users = data.annotator_by_id()
    docs = data.document_by_id()
    annotations = []
    for a in with_progress(data.annotations, progress):
        item = {
            "uuid": a.uuid,
            "document": docs[a.document_id].uuid,
            "start": a.start,
            "end": a.end,
            "text": a.text,
            "category": cats[a.category_id].uuid,
            "category_name": cats[a.category_id].name,
            "annotator": users[a.annotator_id].uuid,
            "note": a.memo if options.include_memos else "",
            "created": a.created.isoformat() if a.created else None,
            "context_before": a.before,
            "context_after": a.after,
        }
        annotations.append(item)
    return {
        "format": FORMAT,
        "version": VERSION,
        "project": data.project,
        "codebook": codebook.to_json(data.categories)["categories"],
        "annotators": [{"uuid": u.uuid, "name": u.name} for u in data.annotators],
        "documents": [
            {
                "uuid": d.uuid, "title": d.title, "sha256": d.sha256, "length": len(d.text),
                "text": d.text if options.include_text else None,
                "source_name": d.source_name, "source_format": d.source_format, "meta": d.meta,
            }
            for d in data.documents
        ],
        "annotations": annotations,
    }


def export(data: ExportData, path: str | Path, options: ExportOptions, progress: Progress | None = None) -> None:
    """One document or annotation per line: json's fast C encoder only runs without indentation
    (three times faster at 100,000 tags), and a line per item still reads and diffs well."""
    bundle = to_dict(data, options, progress)
    documents, annotations = bundle.pop("documents"), bundle.pop("annotations")
    with Path(path).open("w", encoding="utf-8") as fh:
        fh.write(json.dumps(bundle, ensure_ascii=False)[:-1])
        for key, items in (("documents", documents), ("annotations", annotations)):
            fh.write(f',\n"{key}": [\n')
            fh.write(",\n".join(json.dumps(item, ensure_ascii=False) for item in items))
            fh.write("\n]")
        fh.write("}\n")
