"""Moving a whole project between a file and a team server: push (file → empty server database) and
pull (server → new file). Offline work comes back through the review merge (`annotator merge URL FILE`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from annotator import store
from annotator.core.errors import ProjectError
from annotator.services.project import Project, is_server_location


def push(source: str | Path, url: str, progress: Callable[[int, int], None] | None = None) -> dict[str, int]:
    """Copy a project file, with everything in it, into an empty database on a team server. The file is
    brought to the current schema first (with its usual backup), and is never changed otherwise."""
    if is_server_location(str(source)) or not is_server_location(url):
        raise ProjectError(
            "push copies a project file to a server: annotator push FILE.sqlite postgresql://…"
        )
    Project.open(source).close()  # checks and migrates the file, as opening it in the app would
    return store.transfer.push(source, url, progress)


def pull(url: str, target: str | Path, progress: Callable[[int, int], None] | None = None) -> dict[str, int]:
    """Copy a team project, with everything in it, into a new project file."""
    if not is_server_location(url) or is_server_location(str(target)):
        raise ProjectError(
            "pull copies a team project into a file: annotator pull postgresql://… FILE.sqlite"
        )
    return store.transfer.pull(url, target, progress)


def dump(location: str | Path) -> dict[str, list[tuple]]:
    return store.transfer.dump(location)
