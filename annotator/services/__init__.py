"""The only way to change a project: each user action is one transaction that returns `Changes`.
The GUI and the CLI call the same services."""

from annotator.services.project import Project

__all__ = ["Project"]
