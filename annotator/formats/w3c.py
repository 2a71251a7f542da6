"""`w3c`: W3C Web Annotation Data Model, JSON-LD. One AnnotationCollection; each tag is an Annotation
whose target carries a TextPositionSelector (code points, end exclusive, as the model counts
characters) and a TextQuoteSelector (exact passage, prefix and suffix), and whose bodies name the
category (tagging and classifying) and the memo (commenting)."""

from __future__ import annotations

import json
from pathlib import Path

from annotator.formats.base import ExportData, ExportOptions, Progress, with_progress

NAME = "w3c"
LABEL = "W3C Web Annotation (JSON-LD)"
EXTENSION = ".jsonld"
OPTIONS = ("include_text",)
CONTEXT = "http://www.w3.org/ns/anno.jsonld"


def urn(uuid: str) -> str:
    return f"urn:uuid:{uuid}"


def items(data: ExportData, options: ExportOptions, progress: Progress | None = None):
    """One Web Annotation dict per tag, made as they are written (100,000 nested dicts at once cost
    hundreds of MB)."""
    cats = data.category_by_id()
    users = data.annotator_by_id()
    docs = data.document_by_id()
    for a in with_progress(data.iter_annotations(), progress, total=data.tag_count):
        cat, user, doc = cats[a.category_id], users[a.annotator_id], docs[a.document_id]
        body = [
            {"type": "TextualBody", "purpose": "tagging", "value": cat.name, "format": "text/plain"},
            {"type": "SpecificResource", "purpose": "classifying", "source": urn(cat.uuid)},
        ]
        if options.include_memos and a.memo:
            body.append(
                {"type": "TextualBody", "purpose": "commenting", "value": a.memo, "format": "text/plain"}
            )
        item = {
            "id": urn(a.uuid),
            "type": "Annotation",
            "motivation": "classifying",
            "creator": {"id": urn(user.uuid), "type": "Person", "name": user.name},
            "body": body,
            "target": {
                "source": urn(doc.uuid),
                "selector": [
                    {"type": "TextPositionSelector", "start": a.start, "end": a.end},
                    {"type": "TextQuoteSelector", "exact": a.text, "prefix": a.before, "suffix": a.after},
                ],
            },
        }
        if a.created:
            item["created"] = a.created.isoformat(timespec="seconds")
        if a.updated:
            item["modified"] = a.updated.isoformat(timespec="seconds")
        yield item


def export(
    data: ExportData, path: str | Path, options: ExportOptions, progress: Progress | None = None
) -> None:
    head = {
        "@context": CONTEXT,
        "id": urn(data.project.get("uuid") or "00000000-0000-0000-0000-000000000000"),
        "type": "AnnotationCollection",
        "label": data.project.get("name", ""),
        "total": data.tag_count,
        # Not part of the model: the sources, so a reader can resolve the urn:uuid targets.
        "sources": [
            {
                "id": urn(d.uuid),
                "title": d.title,
                "sha256": d.sha256,
                **({"text": d.text} if options.include_text else {}),
            }
            for d in data.documents
        ],
    }
    # Written piece by piece without indentation: json's fast C encoder only runs without it.
    with Path(path).open("w", encoding="utf-8") as fh:
        fh.write(json.dumps(head, ensure_ascii=False)[:-1])
        fh.write(', "first": {"type": "AnnotationPage", "startIndex": 0, "items": [')
        for i, item in enumerate(items(data, options, progress)):
            if i:
                fh.write(",\n")
            fh.write(json.dumps(item, ensure_ascii=False))
        fh.write("]}}\n")
