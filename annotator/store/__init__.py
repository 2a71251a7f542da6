"""Storage: peewee models over one SQLite file per project (or a team project on a PostgreSQL server),
migrations, SQL views.

The one way services reach it is this package, the facade: `from annotator import store`, then a
named store, `store.tags.insert_rows(...)`, `store.documents.set_document_status(...)`, and around each
user action `with store.project.transaction():`. Each named store is the module of that name here;
services never import a store module directly, nor give one another name (`.importlinter`: "services reach the store only through its facade"). The stores load on first
use, so opening the facade costs nothing and the server-only ones (`live`, `transfer`, which need
psycopg2) load only for a team project.

Not part of the facade: `models` (peewee tables), `rows` (rows into core records), `migrations` and
`views`, which only store modules use.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from annotator.store.drivers import import_peewee

import_peewee()  # first, before any store module imports peewee: without psycopg2 (store/drivers.py)

#: The named stores, each a module of this package.
__all__ = [
    "adjudication",
    "annotators",
    "backend",
    "codebook",
    "db",
    "documents",
    "export_rows",
    "foreign",
    "history",
    "live",
    "project",
    "project_files",
    "review",
    "search",
    "server",
    "sharing",
    "sources",
    "sqlite",
    "structure",
    "suggestions",
    "tags",
    "team",
    "transfer",
]
STORES = frozenset(__all__)

if TYPE_CHECKING:  # what the names below are, for readers and type checkers; loaded lazily at run time
    from annotator.store import (
        adjudication,
        annotators,
        backend,
        codebook,
        db,
        documents,
        export_rows,
        foreign,
        history,
        live,
        project,
        project_files,
        review,
        search,
        server,
        sharing,
        sources,
        sqlite,
        structure,
        suggestions,
        tags,
        team,
        transfer,
    )


def __getattr__(name: str):
    # Importing the submodule also sets it as an attribute of this package, so this runs once per store.
    if name in STORES:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no store {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | STORES)
