"""Shared test setup: no display, no writes to the real user folders."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

# Qt must not look for a display; pytest-qt has no setting for this.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

_tmp = Path(tempfile.mkdtemp(prefix="annotator-tests-"))
for var, sub in (
    ("ANNOTATOR_DATA_DIR", "data"),
    ("ANNOTATOR_CACHE_DIR", "cache"),
    ("ANNOTATOR_CONFIG_DIR", "config"),
):
    os.environ.setdefault(var, str(_tmp / sub))

import sys  # noqa: E402

import pytest  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))  # tests/pgserver.py

from annotator.services import Project  # noqa: E402

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def project(tmp_path):
    """A new project with the bundled codebook, closed after the test."""
    p = Project.create(tmp_path / "test.sqlite")
    yield p
    p.close()


@pytest.fixture
def open_window(qtbot, tmp_path):
    """The one way tests open a main window: `open_window(project, user, settings=None, name="s.ini")`
    shows a window on `project` as `user`, with its settings in a temporary INI file unless given, and
    waits until it is on screen. `show=False` builds it without showing it (what a test of the saved
    layout or of start-up wants), `size` resizes it before it is shown. The caller closes it (some
    tests close it themselves)."""
    from PySide6.QtCore import QSettings

    from annotator.ui.main_window.window import MainWindow

    def open_(
        project,
        user: str = "测试员",
        settings=None,
        *,
        name: str = "s.ini",
        wait: bool = True,
        show: bool = True,
        size: tuple[int, int] | None = None,
    ):
        if settings is None:
            settings = QSettings(str(tmp_path / name), QSettings.Format.IniFormat)
        w = MainWindow(project, user, settings)
        qtbot.addWidget(w)
        if size is not None:
            w.resize(*size)
        if not show:
            return w
        w.show()
        if wait:
            qtbot.waitExposed(w)
        return w

    return open_


# A real PostgreSQL server --------------------------------------------------------------------------
# Started once per test run, only when a test asks for it (see tests/pgserver.py). The store, service
# and search tests run on both engines: their directories' conftest files make `project` take the
# `ENGINES` parameter through `engines.engine_project`.


@pytest.fixture(scope="session")
def pg_server():
    import pgserver

    if pgserver.binaries() is None:
        pytest.skip(
            "PostgreSQL's server programs (initdb, pg_ctl) are not installed; `./dev test` installs "
            "Debian's postgresql package"
        )
    server = pgserver.TestServer(pgserver.binaries())
    try:
        server.start()
    except Exception as exc:
        log = server.log_tail()
        server.stop()
        raise RuntimeError(f"the test PostgreSQL server did not start: {exc}\n{log}") from exc
    yield server
    server.stop()


@pytest.fixture(scope="session")
def pg_template(pg_server):
    """A database holding a new project with the bundled codebook, copied for each test (much faster
    than migrating a new database every time; `Project.create` on the server is what made it)."""
    name = pg_server.new_database("template")
    Project.create(pg_server.url(name)).close()
    return name


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "sqlite_only: checks something only an SQLite file has (the file "
        "itself, PRAGMAs); runs on the SQLite engine alone",
    )


def pytest_collection_modifyitems(config, items):
    keep, drop = [], []
    for item in items:
        engine = getattr(item, "callspec", None) and item.callspec.params.get("project")
        if engine == "postgresql" and item.get_closest_marker("sqlite_only"):
            drop.append(item)
        else:
            keep.append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


@pytest.fixture
def seed_article() -> str:
    """The seed article from ../shared; it is not part of the project, so tests skip without it."""
    path = SHARED / "seed" / "article.txt"
    if not path.is_file():
        pytest.skip(f"seed article not found at {path} (it lives in the team's shared folder)")
    return path.read_text(encoding="utf-8")
