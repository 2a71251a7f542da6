"""The formats the CLI and the export dialog offer. A new format is one module added to `_MODULES`."""

from __future__ import annotations

from types import ModuleType

from annotator.core.errors import InputError
from annotator.formats import csv_table, json_bundle

_MODULES: list[ModuleType] = [json_bundle, csv_table]
FORMATS: dict[str, ModuleType] = {m.NAME: m for m in _MODULES}


def get(name: str) -> ModuleType:
    try:
        return FORMATS[name]
    except KeyError:
        raise InputError(f"unknown format {name!r} (available: {', '.join(FORMATS)})") from None


def exporters() -> list[ModuleType]:
    return [m for m in _MODULES if hasattr(m, "export")]
