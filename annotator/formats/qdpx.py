"""`qdpx`: a REFI-QDA project (QDA-XML 1.0), the exchange format of NVivo, ATLAS.ti, MAXQDA and
QualCoder. A zip holding `project.qde` (the XML) and `sources/<guid>.txt` (each document's text, UTF-8).

Offsets (`startPosition`/`endPosition`) are written in Unicode code points (characters) of the source
text, end exclusive: the same unit as everywhere in this project and as the text files in the archive
read by a program that counts characters. For text without characters outside the BMP (nearly every
judgment) they equal UTF-16 counts. On import, a selection whose `name` quotes its passage only when
counted in UTF-16 units is converted and reported; any other mismatch is reported, never shifted.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from annotator.core.errors import AnnotatorError
from annotator.core.intake import Incoming
from annotator.formats.base import ExportData, ExportOptions, Progress, background_writes
from annotator.formats.qdc import guid
from annotator.formats.qdpx_reader import read
from annotator.formats.qdpx_schema import NS, SCHEMA, SchemaCheck, schema_path, validate
from annotator.formats.qdpx_writer import project_xml, project_xml_parts, zulu

# What other modules and the tests use of the format, whichever module holds it.
__all__ = [
    "NS",
    "SCHEMA",
    "export",
    "import_",
    "project_xml",
    "project_xml_parts",
    "schema_path",
    "validate",
    "zulu",
]

NAME = "qdpx"
LABEL = "REFI-QDA project (NVivo, ATLAS.ti, MAXQDA)"
EXTENSION = ".qdpx"
IMPORT_EXTENSIONS = (".qdpx", ".qde")
OFFSET_UNIT = "code points"


def export(
    data: ExportData, path: str | Path, options: ExportOptions, progress: Progress | None = None
) -> None:
    """The archive, its project XML checked against the REFI-QDA schema as it is written: a project the
    schema refuses (which NVivo or MAXQDA would refuse too) is an error, and no file is left."""
    # FileNotFoundError, saying where, when the schema is missing; the check ends with the export.
    with (
        SchemaCheck() as check,
        zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as z,
    ):
        # Written as it is made (opened by name, so with the archive's compression level); compressed
        # in a second thread (see `background_writes`) and checked in a third: zlib and lxml's parser
        # both run without Python's lock, so on two cores they overlap the making of the XML.
        with z.open("project.qde", "w", force_zip64=True) as out, background_writes(out.write) as write:
            for part in project_xml_parts(data, options, progress):
                chunk = part.encode("utf-8")
                write(chunk)
                check.feed(chunk)
        for d in data.documents:
            z.writestr(f"sources/{guid(d.uuid)}.txt", d.text.encode("utf-8"))
    problems = check.problems
    if problems:
        raise AnnotatorError(
            f"the REFI-QDA project does not follow the standard's schema ({problems[0]}); not written",
            path=str(path),
        )


def import_(path: str | Path, *, max_bytes: int | None = None, **_kw) -> Incoming:
    return read(path, NAME, max_bytes=max_bytes)
