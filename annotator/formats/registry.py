"""The formats the CLI and the export dialog offer. A new format is one module added to `_MODULES`."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

from annotator.core.errors import InputError
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

_MODULES: list[ModuleType] = [json_bundle, csv_table, xlsx, qdpx, qdc, jsonl, brat, conll, labelstudio,
                              labelstudio_config, uima_xmi, webanno_tsv, w3c, html_report]
FORMATS: dict[str, ModuleType] = {m.NAME: m for m in _MODULES}


def get(name: str) -> ModuleType:
    try:
        return FORMATS[name]
    except KeyError:
        raise InputError(f"unknown format {name!r} (available: {', '.join(FORMATS)})") from None


def exporters() -> list[ModuleType]:
    return [m for m in _MODULES if hasattr(m, "export")]


def importers() -> list[ModuleType]:
    """Formats that import annotations (`import_(path) -> Incoming`)."""
    return [m for m in _MODULES if hasattr(m, "import_")]


def import_extensions(module: ModuleType) -> tuple[str, ...]:
    return tuple(getattr(module, "IMPORT_EXTENSIONS", (module.EXTENSION,)))


def for_import(path: str | Path) -> ModuleType:
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
    raise InputError(f"cannot tell the format from the file name (known: {known}); name it with --format",
                     path=str(path))


def _zip_format(path: Path) -> ModuleType:
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
    for module, extensions in ((jsonl, (".jsonl", ".ndjson")), (uima_xmi, (".xmi",)), (webanno_tsv, (".tsv",))):
        if any(n.endswith(extensions) for n in names):
            return module
    return brat
