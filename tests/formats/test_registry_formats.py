"""Every format the registry lists has the shape of the `Format` protocols, so that the CLI, the dialogs
and a new format agree on it without anyone reading the other modules."""

from __future__ import annotations

import inspect

import pytest

from annotator.formats import registry
from annotator.formats.registry import Exporter, Format, Importer

MODULES = list(registry.FORMATS.values())


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.NAME)
def test_each_format_names_itself_and_exports_or_imports(module):
    assert isinstance(module, Format)
    assert all(
        isinstance(getattr(module, a), str) and getattr(module, a) for a in ("NAME", "LABEL", "EXTENSION")
    )
    assert module.EXTENSION.startswith(".")
    assert isinstance(module, Exporter) or isinstance(module, Importer), module.NAME
    for ext in registry.import_extensions(module):
        assert ext.startswith(".") and ext == ext.lower()


@pytest.mark.parametrize("module", [m for m in MODULES if isinstance(m, Exporter)], ids=lambda m: m.NAME)
def test_exporters_take_data_path_options_and_progress(module):
    params = inspect.signature(module.export).parameters
    assert list(params)[:4] == ["data", "path", "options", "progress"]
    assert params["progress"].default is None
    assert set(getattr(module, "OPTIONS", ())) <= set(inspect.signature(registry.ExportOptions).parameters)


@pytest.mark.parametrize("module", [m for m in MODULES if isinstance(m, Importer)], ids=lambda m: m.NAME)
def test_importers_take_a_path_and_ignore_options_they_do_not_read(module):
    params = inspect.signature(module.import_).parameters
    first, *rest = params.values()
    assert first.name == "path"
    assert all(p.kind in (p.KEYWORD_ONLY, p.VAR_KEYWORD) for p in rest)
    # The service passes every format's options to whichever importer reads the file.
    assert any(p.kind is p.VAR_KEYWORD for p in rest)
    named = {p.name for p in rest if p.kind is p.KEYWORD_ONLY}
    assert set(getattr(module, "IMPORT_OPTIONS", ())) <= named


def test_names_are_unique_and_the_lists_come_from_the_protocols():
    names = [m.NAME for m in MODULES]
    assert len(names) == len(set(names))
    assert registry.exporters() == [m for m in MODULES if isinstance(m, Exporter)]
    assert registry.importers() == [m for m in MODULES if isinstance(m, Importer)]
