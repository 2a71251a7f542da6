"""The suggestions' GUI tests run on the same real judgments as the service's (tests/suggest/conftest.py)."""

from tests.suggest.conftest import file_project, judgments, realtexts  # noqa: F401 (fixtures)
