"""Shared test setup: no display, no writes to the real user folders."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

# Qt must not look for a display; pytest-qt has no setting for this.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

_tmp = Path(tempfile.mkdtemp(prefix="annotator-tests-"))
for var, sub in (("ANNOTATOR_DATA_DIR", "data"), ("ANNOTATOR_CACHE_DIR", "cache"),
                 ("ANNOTATOR_CONFIG_DIR", "config")):
    os.environ.setdefault(var, str(_tmp / sub))

import pytest  # noqa: E402

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
def seed_article() -> str:
    """The seed article from ../shared; it is not part of the project, so tests skip without it."""
    path = SHARED / "seed" / "article.txt"
    if not path.is_file():
        pytest.skip(f"seed article not found at {path} (it lives in the team's shared folder)")
    return path.read_text(encoding="utf-8")
