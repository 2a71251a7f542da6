"""The REFI-QDA project schema (QDA-XML 1.0): its namespace, the XSD shipped in resources/, and the
check of a written project against it."""

from __future__ import annotations

import queue
import threading
import zipfile
from contextlib import ExitStack
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


class SchemaCheck:
    """A project's XML checked against the REFI-QDA schema as it is fed, a piece at a time, in a thread
    of its own: lxml's parser runs without Python's lock, so the exporter's check overlaps its writing
    on two cores. Each source and note is dropped once checked, so memory stays flat at 100,000
    selections (a whole tree would take ~400 MB). Made before anything is written: FileNotFoundError,
    saying where, when the schema is missing. Use as a context manager; `close` gives the problems."""

    PIECE = 1 << 20  # bytes per call into the parser: libxml2 refuses very large single buffers

    def __init__(self) -> None:
        self.problems: list[str] = []
        self._pending: queue.Queue[bytes | None] = queue.Queue(maxsize=3)  # bounded: memory stays flat
        self._thread = threading.Thread(
            target=self._run, args=(schema_path(),), name="qdpx-check", daemon=True
        )
        self._thread.start()
        self._closed = False

    def feed(self, data: bytes) -> None:
        self._pending.put(data)

    def close(self) -> list[str]:
        """The problems found, none when the whole XML is valid (waits for the check to finish)."""
        if not self._closed:
            self._closed = True
            self._pending.put(None)
            self._thread.join()
        return self.problems

    def __enter__(self) -> SchemaCheck:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _run(self, schema: Path) -> None:
        # The schema, the parser and every element live and die in this thread: lxml's documents
        # belong to the thread that made them (its string dictionary), and one freed or fed from
        # another thread corrupts memory.
        tags = (f"{{{NS}}}TextSource", f"{{{NS}}}Note")
        parser = None
        try:
            parser = etree.XMLPullParser(
                events=("end",),
                tag=tags,
                schema=etree.XMLSchema(etree.parse(str(schema))),
                resolve_entities=False,
                no_network=True,
            )
        except (etree.XMLSyntaxError, etree.XMLSchemaParseError) as exc:
            self.problems.append(f"the REFI-QDA schema cannot be read: {exc}")
        while (data := self._pending.get()) is not None:
            if parser is None or self.problems:
                continue  # drained, so that the feeding thread never waits on a full queue
            try:
                for i in range(0, len(data), self.PIECE):
                    parser.feed(data[i : i + self.PIECE])
                    _drop(parser)
            except etree.XMLSyntaxError as exc:
                self.problems.append(str(exc))
        if parser is not None and not self.problems:
            try:
                parser.close()
            except etree.XMLSyntaxError as exc:
                self.problems.append(str(exc))


def _drop(parser: etree.XMLPullParser) -> None:
    """Forget each checked source and note (and what came before it)."""
    for _event, el in parser.read_events():
        el.clear(keep_tail=True)
        parent = el.getparent()
        while el.getprevious() is not None:
            del parent[0]


def validate(path: str | Path) -> list[str]:
    """Check a .qdpx (its project.qde) or a .qde against the REFI-QDA project schema: the problems
    found, none when it is valid (see `SchemaCheck`)."""
    path = Path(path)
    with SchemaCheck() as check, ExitStack() as stack:
        if path.suffix.lower() == ".qde":
            fh = stack.enter_context(path.open("rb"))
        else:
            fh = stack.enter_context(stack.enter_context(zipfile.ZipFile(path)).open("project.qde"))
        while piece := fh.read(SchemaCheck.PIECE):
            check.feed(piece)
    return check.close()
