"""Who tags: every annotation names its annotator."""

from __future__ import annotations

import getpass

from annotator import store
from annotator.core.errors import InputError, NotFoundError
from annotator.core.model import Annotator


def default_name() -> str:
    try:
        return getpass.getuser() or "annotator"
    except (KeyError, OSError):
        return "annotator"


class AnnotatorService:
    def __init__(self, project) -> None:
        self.project = project

    def list(self) -> list[Annotator]:
        return store.annotators.list_annotators()

    def ensure(self, name: str) -> Annotator:
        """The annotator of that name, created if this project has not seen them yet."""
        name = (name or "").strip()
        if not name:
            raise InputError("the annotator's name is empty")
        with store.project.transaction():
            return store.annotators.find_annotator(name=name) or store.annotators.insert_annotator(name)

    def current(self, name: str) -> Annotator:
        """Whose tags this window makes: `ensure`, except that a read-only project is not written to
        (an annotator it does not know yet gets id 0, and tagging is refused as read-only)."""
        if getattr(self.project, "read_only", False):
            return store.annotators.find_annotator(name=(name or "").strip()) or Annotator(
                0, "", (name or "").strip()
            )
        return self.ensure(name)

    def get(self, annotator_id: int) -> Annotator:
        found = store.annotators.get_annotator(annotator_id)
        if found is None:
            raise NotFoundError(f"no annotator with id {annotator_id}")
        return found
