"""These tests run on SQLite and on a real PostgreSQL server (see tests/conftest.py)."""

import pytest
from engines import ENGINES, engine_project


@pytest.fixture(params=ENGINES)
def project(request, tmp_path):
    yield from engine_project(request, tmp_path)
