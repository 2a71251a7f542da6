"""The project's error types.

Every error a user can cause carries a message meant for that user: it names the file or the item and
says what is wrong, so the GUI and the CLI can show it as it is.
"""

from __future__ import annotations


class AnnotatorError(Exception):
    """Base of every error the application reports to the user."""

    def __init__(self, message: str, *, path: str | None = None) -> None:
        self.path = path
        self.message = message  # may be a core.messages.Message, which the GUI shows translated
        super().__init__(f"{path}: {message}" if path else message)


class InputError(AnnotatorError):
    """A file or value given to the application cannot be used (bad encoding, corrupt file, ...)."""


class NotFoundError(AnnotatorError):
    """A document, category, annotation or annotator that was named does not exist."""


class OffsetError(AnnotatorError):
    """An offset is outside the text, or a span is empty or reversed."""


class ProjectError(AnnotatorError):
    """The project file cannot be opened, migrated or written."""


class DamagedProjectError(ProjectError):
    """The project file is damaged (SQLite's integrity check failed); `problems` lists what it found."""

    def __init__(self, message: str, *, path: str | None = None, problems: list[str] | None = None) -> None:
        self.problems = list(problems or [])
        super().__init__(message, path=path)


class RefusedError(ProjectError):
    """The team server refused a change this member has no right to make; nothing was changed."""


class ConnectionLostError(ProjectError):
    """The connection to the team server broke; the change in progress was not made."""


class ReadOnlyProjectError(ProjectError):
    """The project file cannot be written by this process; nothing was changed."""


class DiskFullError(ProjectError):
    """The disk holding the project (or an export) is full; the action was not saved."""
