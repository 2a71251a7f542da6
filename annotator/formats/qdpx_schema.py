"""The REFI-QDA project schema (QDA-XML 1.0): its namespace, the XSD shipped in resources/, and the
check of a written project against it."""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

NS = "urn:QDA-XML:project:1.0"
SCHEMA = "refi-qda/Project-mrt2019.xsd"  # in resources/, copied from the standard (see its SOURCES.md)


def schema_path() -> Path:
    """The REFI-QDA project schema shipped in resources/; FileNotFoundError saying where it was looked for."""
    from annotator.core.paths import resource

    path = resource(SCHEMA)
    if not path.is_file():
        raise FileNotFoundError(f"the REFI-QDA schema is missing: {path} (it ships in resources/{SCHEMA})")
    return path


def validate(path: str | Path) -> list[str]:
    """Check a .qdpx (its project.qde) or a .qde against the REFI-QDA project schema: the problems
    found, none when it is valid. The XML is read as a stream and each source dropped once checked,
    so memory stays flat at 100,000 selections (a whole tree would take ~400 MB)."""
    schema = etree.XMLSchema(etree.parse(str(schema_path())))
    path = Path(path)
    tags = (f"{{{NS}}}TextSource", f"{{{NS}}}Note")

    def check(fh) -> list[str]:
        try:
            for _event, el in etree.iterparse(
                fh, events=("end",), schema=schema, tag=tags, resolve_entities=False, no_network=True
            ):
                el.clear(keep_tail=True)
                parent = el.getparent()
                while el.getprevious() is not None:
                    del parent[0]
        except etree.XMLSyntaxError as exc:
            return [str(exc)]
        return []

    if path.suffix.lower() == ".qde":
        with path.open("rb") as fh:
            return check(fh)
    with zipfile.ZipFile(path) as z, z.open("project.qde") as fh:
        return check(fh)
