"""Store side of sharing a copy of the project with a colleague. SQLITE-ONLY: the copy is a new SQLite
file made with SQLite's online backup and then trimmed through its own `sqlite3` connection, so the open
project's connection and binding are never touched.

Trimming deletes rows for real (not the `deleted_at` mark that tags get in normal use): a tag left out
of a copy for blind second coding must not be readable in it, and must not look, when the copy comes
back, like a tag the colleague removed. `VACUUM` then drops the freed pages with their old contents.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from pathlib import Path

from annotator.core.errors import ProjectError
from annotator.store import backend


def write_copy(
    target: str | Path,
    *,
    document_ids: Iterable[int] | None,
    drop_annotator_ids: Iterable[int] | None,
    drop_all_tags: bool,
    info: Mapping[str, str],
) -> None:
    """Copy the open project to `target` (which must not exist), keeping only `document_ids`
    (None: all), without the tags of `drop_annotator_ids` (or, with `drop_all_tags`, without any), and
    with `info` written into the copy's project_info."""
    target = Path(target)
    backend.current().backup_to(target)
    con = sqlite3.connect(str(target))
    try:
        con.execute("PRAGMA foreign_keys = ON")  # removed documents take their tags, sections, … along
        with con:
            if document_ids is not None:
                keep = sorted(set(document_ids))
                marks = ", ".join("?" * len(keep))
                con.execute(f"DELETE FROM adjudication WHERE document_id NOT IN ({marks})", keep)
                con.execute(f"DELETE FROM document WHERE id NOT IN ({marks})", keep)
            if drop_all_tags:
                con.execute("DELETE FROM adjudication")
                con.execute("DELETE FROM annotation")
            elif drop_annotator_ids:
                drop = sorted(set(drop_annotator_ids))
                marks = ", ".join("?" * len(drop))
                con.execute(
                    f"DELETE FROM adjudication WHERE decided_by IN ({marks}) OR annotation_id IN "
                    f"(SELECT id FROM annotation WHERE annotator_id IN ({marks}))",
                    drop + drop,
                )
                con.execute(f"DELETE FROM annotation WHERE annotator_id IN ({marks})", drop)
            for key, value in info.items():
                con.execute(
                    "INSERT INTO project_info (key, value) VALUES (?, ?) "
                    "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    (key, value),
                )
        con.execute("VACUUM")
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite3.Error as exc:
        raise ProjectError(f"cannot write the copy: {exc}", path=str(target)) from None
    finally:
        con.close()


def read_info(path: str | Path) -> dict[str, str]:
    """The project_info of a project file that is not open (read-only, never migrated)."""
    from annotator.store.db import probe
    from annotator.store.sqlite import reading_connection

    path = Path(path)
    probe(path)  # a regular file that is a project (a FIFO would block SQLite's open for ever)
    try:
        con = reading_connection(path)
    except sqlite3.Error as exc:
        raise ProjectError(f"cannot open project: {exc}", path=str(path)) from None
    try:
        return {str(k): str(v) for k, v in con.execute("SELECT key, value FROM project_info")}
    except sqlite3.Error as exc:
        raise ProjectError(f"not a project file ({exc})", path=str(path)) from None
    finally:
        con.close()
