"""The PostgreSQL driver is loaded when a team server is first used, not at every start.

peewee imports psycopg2 when peewee itself is imported (and playhouse's migration helpers import it again
for hstore): libpq, OpenSSL and psycopg2's C module, about 40 ms of processor time at every start of the
program, although most projects are SQLite files that never touch a server. `import_peewee()` imports
peewee and the playhouse modules the migrations use with psycopg2 hidden, so they take it as absent;
`load_postgres_driver()` (called before a server connection is made) imports it and gives peewee what its
own import would have set: the module, its extensions, the JSON adapter, the UUID adapter and the
transaction-status constants of the psycopg2 adapter. Both do nothing when peewee already holds the driver
(peewee imported earlier by someone else).
"""

from __future__ import annotations

import sys

_HIDDEN = ("psycopg2", "psycopg2cffi", "psycopg")
# Imported with the driver hidden: they import psycopg2 themselves if they can (hstore, cockroachdb).
_WITHOUT_DRIVER = ("peewee", "playhouse.postgres_ext", "playhouse.migrate")


def import_peewee() -> None:
    """Import peewee (and the playhouse modules the migrations use) without the PostgreSQL driver."""
    if all(name in sys.modules for name in _WITHOUT_DRIVER):
        return
    if any(sys.modules.get(name) is not None for name in _HIDDEN):
        return  # the driver is loaded already: nothing to save
    saved = {name: sys.modules[name] for name in _HIDDEN if name in sys.modules}
    for name in _HIDDEN:
        sys.modules[name] = None  # type: ignore[assignment]  (None in sys.modules: `import` fails)
    try:
        for name in _WITHOUT_DRIVER:
            __import__(name)
    finally:
        for name in _HIDDEN:
            del sys.modules[name]
        sys.modules.update(saved)


def load_postgres_driver() -> None:
    """Give peewee the psycopg2 driver it was imported without (see the module's docstring)."""
    import peewee

    if peewee.psycopg2 is not None:
        return
    import psycopg2
    from psycopg2 import extensions
    from psycopg2.extras import Json, register_uuid

    register_uuid()
    peewee.psycopg2, peewee.pg_extensions, peewee.Json_pg2 = psycopg2, extensions, Json
    adapter = peewee.Psycopg2Adapter
    adapter.txn_idle = extensions.TRANSACTION_STATUS_IDLE
    adapter.txn_inerror = extensions.TRANSACTION_STATUS_INERROR
    adapter.txn_unknown = extensions.TRANSACTION_STATUS_UNKNOWN
    ext = sys.modules.get("playhouse.postgres_ext")
    if ext is not None:
        from psycopg2.extras import register_hstore

        ext.register_hstore = register_hstore
