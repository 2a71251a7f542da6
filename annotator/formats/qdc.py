"""`qdc`: the codebook alone as a REFI-QDA codebook (QDA-XML 1.0, `urn:QDA-XML:codebook:1.0`), which
NVivo, ATLAS.ti, MAXQDA and QualCoder import as a code system: names, colours, hierarchy, coding rules."""

from __future__ import annotations

import re
import uuid as _uuid
from pathlib import Path

from lxml import etree

from annotator import __version__
from annotator.core.errors import InputError
from annotator.core.inputs import read_input
from annotator.core.intake import Incoming, IncomingCategory
from annotator.core.model import Category
from annotator.formats.base import ExportData, ExportOptions, Progress, report

NAME = "qdc"
LABEL = "REFI-QDA codebook"
EXTENSION = ".qdc"
NS = "urn:QDA-XML:codebook:1.0"
ORIGIN = f"Judgment Annotator {__version__}"

_GUID = re.compile(r"^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$")
# Identifiers that are not GUIDs (a codebook file may carry any string) map to the same GUID every time.
_GUID_NAMESPACE = _uuid.UUID("5b0d3c1e-7a43-4f0e-9a55-2f4a1b9e6c01")


def guid(value: str) -> str:
    m = _GUID.match(value or "")
    return m.group(1).lower() if m else str(_uuid.uuid5(_GUID_NAMESPACE, value or ""))


def color(value: str) -> str | None:
    """#RRGGBB in upper case, from #RGB or #RRGGBB; None for anything else."""
    v = (value or "").strip()
    if re.fullmatch(r"#[0-9A-Fa-f]{6}", v):
        return v.upper()
    if re.fullmatch(r"#[0-9A-Fa-f]{3}", v):
        return "#" + "".join(c * 2 for c in v[1:]).upper()
    return None


def add_codes(parent: etree._Element, ns: str, categories: list[Category]) -> None:
    """`<Codes>` with the category tree under `parent` (codebook and project schema alike)."""
    by_parent: dict[int | None, list[Category]] = {}
    for c in categories:
        by_parent.setdefault(c.parent_id, []).append(c)
    known = {c.id for c in categories}

    def put(into: etree._Element, cat: Category) -> None:
        code = etree.SubElement(
            into,
            f"{{{ns}}}Code",
            guid=guid(cat.uuid),
            name=cat.name,
            isCodable="true",
            color=cat.color.upper(),
        )
        if cat.description:
            etree.SubElement(code, f"{{{ns}}}Description").text = cat.description
        for child in sorted(by_parent.get(cat.id, []), key=lambda k: (k.order, k.id)):
            put(code, child)

    codes = etree.SubElement(parent, f"{{{ns}}}Codes")
    roots = [c for c in categories if c.parent_id is None or c.parent_id not in known]
    for cat in sorted(roots, key=lambda k: (k.order, k.id)):
        put(codes, cat)


def read_codes(codes: etree._Element, bundle: Incoming) -> None:
    """Categories from a `<Codes>` element (either namespace), parents before children."""

    def walk(el: etree._Element, parent: str | None) -> None:
        for code in el:
            if etree.QName(code).localname != "Code":
                continue
            g = code.get("guid")
            name = (code.get("name") or "").strip()
            if not g or not name:
                bundle.notes.append(f"a code without guid or name was skipped (line {code.sourceline})")
                continue
            desc = next((d.text or "" for d in code if etree.QName(d).localname == "Description"), "")
            bundle.categories.append(
                IncomingCategory(
                    key=g,
                    uuid=guid(g),
                    name=name,
                    parent_key=parent,
                    color=color(code.get("color", "")) or "",
                    description=desc.strip(),
                )
            )
            walk(code, g)

    walk(codes, None)


def codebook_xml(categories: list[Category]) -> bytes:
    root = etree.Element(f"{{{NS}}}CodeBook", nsmap={None: NS}, origin=ORIGIN)
    if categories:
        add_codes(root, NS, categories)
    else:
        etree.SubElement(root, f"{{{NS}}}Codes")  # empty, which the schema rejects: say so on export
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)


def export(
    data: ExportData, path: str | Path, options: ExportOptions, progress: Progress | None = None
) -> None:
    report(progress, 0, 1)
    categories = _chosen(data, options)
    if not categories:
        raise InputError("the codebook is empty; a REFI-QDA codebook needs at least one code", path=str(path))
    Path(path).write_bytes(codebook_xml(categories))
    report(progress, 1, 1)


def _chosen(data: ExportData, options: ExportOptions) -> list[Category]:
    if options.category_ids is None:
        return data.categories
    # Keep the ancestors of chosen categories so the tree stays a tree.
    by_id = data.category_by_id()
    keep: set[int] = set()
    for cid in options.category_ids:
        while cid is not None and cid not in keep and cid in by_id:
            keep.add(cid)
            cid = by_id[cid].parent_id
    return [c for c in data.categories if c.id in keep]


def import_(path: str | Path, **_kw) -> Incoming:
    from annotator.formats.safe import parse_xml

    path = Path(path)
    raw = read_input(path)
    root = parse_xml(raw, source=str(path))
    if etree.QName(root).localname != "CodeBook":
        raise InputError("not a REFI-QDA codebook (the root element is not <CodeBook>)", path=str(path))
    bundle = Incoming(path=str(path), format=NAME)
    for el in root:
        if etree.QName(el).localname == "Codes":
            read_codes(el, bundle)
    return bundle
