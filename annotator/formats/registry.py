"""The formats the CLI and the export dialog offer. A new format is one module added to `_MODULES`.

A format module has the shape of `Format` (its name, label and file extension) and of `Exporter`, of
`Importer`, or of both: type checkers read a module against these protocols, and
`tests/formats/test_registry_formats.py` checks every listed module against them at run time.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol, TypeGuard, runtime_checkable

from annotator.core.errors import InputError
from annotator.core.intake import Incoming
from annotator.core.messages import QT_TRANSLATE_NOOP, Message
from annotator.formats import (
    brat,
    conll,
    csv_table,
    html_report,
    json_bundle,
    jsonl,
    labelstudio,
    labelstudio_config,
    qdc,
    qdpx,
    uima_xmi,
    w3c,
    webanno_tsv,
    xlsx,
)
from annotator.formats.base import ExportData, ExportOptions, Progress


@runtime_checkable
class Format(Protocol):
    """What every format module names: `NAME` (for `--format`), `LABEL` (for the dialogs) and the
    extension of the file it writes. Optional: `OPTIONS` (the export options it reads),
    `IMPORT_EXTENSIONS` and `IMPORT_OPTIONS`."""

    NAME: str
    LABEL: str
    EXTENSION: str


@runtime_checkable
class Exporter(Format, Protocol):
    def export(
        self, data: ExportData, path: str | Path, options: ExportOptions, progress: Progress | None = None
    ) -> None:
        """Write `data` (chosen by `options`) to `path`."""


@runtime_checkable
class Importer(Format, Protocol):
    def import_(self, path: str | Path, **options: Any) -> Incoming:
        """Read `path` into the intake pipeline's records; keyword options are the ones named in
        `IMPORT_OPTIONS` (others are ignored)."""


_MODULES: list[Format] = [
    json_bundle,
    csv_table,
    xlsx,
    qdpx,
    qdc,
    jsonl,
    brat,
    conll,
    labelstudio,
    labelstudio_config,
    uima_xmi,
    webanno_tsv,
    w3c,
    html_report,
]
FORMATS: dict[str, Format] = {m.NAME: m for m in _MODULES}


def get(name: str) -> Format:
    try:
        return FORMATS[name]
    except KeyError:
        raise InputError(f"unknown format {name!r} (available: {', '.join(FORMATS)})") from None


def is_exporter(module: Format) -> TypeGuard[Exporter]:
    return isinstance(module, Exporter)


def is_importer(module: Format) -> TypeGuard[Importer]:
    return isinstance(module, Importer)


def exporters() -> list[Exporter]:
    return [m for m in _MODULES if is_exporter(m)]


def importers() -> list[Importer]:
    """Formats that import annotations (`import_(path, **options) -> Incoming`)."""
    return [m for m in _MODULES if is_importer(m)]


def import_extensions(module: Format) -> tuple[str, ...]:
    return tuple(getattr(module, "IMPORT_EXTENSIONS", (module.EXTENSION,)))


def for_import(path: str | Path) -> Importer:
    """The importing format for a file, by its extension (a folder is read as brat)."""
    path = Path(path)
    if path.is_dir():
        return brat
    name = path.name.lower()
    if name.endswith(".zip"):
        return _zip_format(path)
    for m in importers():
        if any(name.endswith(ext) for ext in import_extensions(m)):
            return m
    known = ", ".join(sorted({e for m in importers() for e in import_extensions(m)}))
    raise InputError(
        Message(
            QT_TRANSLATE_NOOP(
                "Messages",
                "cannot tell the format from the file name (known: {known}); name it with --format",
            ),
            known=known,
        ),
        path=str(path),
    )


def _zip_format(path: Path) -> Importer:
    """A zip is brat's (.ann + .txt), doccano's export (one .jsonl per user), INCEpTION's XMI (.xmi and
    TypeSystem.xml) or WebAnno TSV (.tsv), told by what it holds."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as z:
            names = [n.lower() for n in z.namelist()]
    except (OSError, zipfile.BadZipFile):
        return brat  # brat's reader says what is wrong with the archive
    if any(n.endswith(".ann") for n in names):
        return brat
    for module, extensions in (
        (jsonl, (".jsonl", ".ndjson")),
        (uima_xmi, (".xmi",)),
        (webanno_tsv, (".tsv",)),
    ):
        if any(n.endswith(extensions) for n in names):
            return module
    return brat
