"""The team GUI tests in Chinese use the team on the test server of tests/team/conftest.py."""

from tests.team.conftest import team  # noqa: F401 (fixture)
