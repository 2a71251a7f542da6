"""Merging a colleague's work: from a `json` bundle or directly from another project file. One front
end of the intake pipeline (services/intake.py); annotation import is the other.

Matching, in this order: documents by UUID, else by the SHA-256 of their text; categories by UUID,
else by name (what could not be decided is listed as a conflict, and the user may map it); annotators
by UUID, so a colleague keeps their identity even when two people share a name; tags by UUID, then by
span, category and annotator, so merging the same file twice adds nothing. A tag whose document has a
different text here is found again by its quote and context; one that cannot be placed is reported and
left out, never shifted.

Where the file comes from does not matter: a copy of this very project (the usual way to hand work to
a colleague), a project that shares some documents, or a json bundle are all merged by content. A tag
with our uuid but another extent, category, memo or annotator is a *conflict*: both versions are shown
and the user keeps ours, takes theirs, or keeps both (theirs then becomes a tag of its own, with a uuid
derived from the two, so that merging again finds it). Tags the colleague removed are listed, and their
removal is taken only when asked. Only merging the open project file into itself is refused.

This module is the front end: `preview()` reads the file (store/foreign.py or
formats/json_bundle_reader.py) and matches it (services/merge_matching.py) into the plan shown to the
user (services/merge_plan.py) without writing; `apply()` writes it (services/merge_writing.py) in one
transaction and returns the `Changes`, which undo reverts. Matching 100,000 tags is most of a merge's
time, so `apply()` takes the preview's matching as it is when nothing was committed to the project
since (its change stamp is the same, inside the write lock) and the category map was not edited;
otherwise it matches again.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from annotator import store
from annotator.core.changes import Changes
from annotator.core.errors import InputError
from annotator.core.inputs import open_input
from annotator.core.intake import Incoming
from annotator.core.messages import QT_TRANSLATE_NOOP, Message
from annotator.formats.base import Progress
from annotator.formats.json_bundle_reader import read_bundle
from annotator.services import merge_matching, merge_writing
from annotator.services.merge_matching import Resolution
from annotator.services.merge_plan import (  # the names callers take from here
    BOTH,
    OURS,
    RESOLUTIONS,
    THEIRS,
    MergePlan,
    TagConflict,
    TagDeletion,
    TagVersion,
)

__all__ = [
    "BOTH",
    "OURS",
    "RESOLUTIONS",
    "THEIRS",
    "MergePlan",
    "MergeService",
    "TagConflict",
    "TagDeletion",
    "TagVersion",
]


class MergeService:
    def __init__(self, project) -> None:
        self.project = project

    def read(self, path: str | Path) -> Incoming:
        """Read a json bundle or another project file (told apart by their first bytes)."""
        path = Path(path)
        with open_input(path) as fh:  # a folder, FIFO or device is named as such, not "not found"
            head = fh.read(16)
        if _same_file(path, Path(self.project.path)):
            raise InputError(
                Message(
                    QT_TRANSLATE_NOOP(
                        "Messages", "this is the open project itself; a file cannot be merged into itself"
                    )
                ),
                path=str(path),
            )
        if head == b"SQLite format 3\x00":
            return store.foreign.read_project(path)
        return read_bundle(path)

    def preview(
        self,
        path: str | Path,
        category_map: dict[str, int] | None = None,
        *,
        resolve_all: str = OURS,
        take_deletions: bool = False,
    ) -> MergePlan:
        source = self.read(path)
        with store.project.transaction():
            res = self._resolve(source, category_map or {})
            stamp = self.project.change_stamp()
        plan = res.plan
        if stamp is not None:
            plan._matched = (stamp, dict(plan.category_map), res)
        plan.resolve(resolve_all)
        plan.take_deletions = take_deletions
        return plan

    def apply(self, plan: MergePlan, progress: Progress | None = None) -> Changes:
        """Merge in one transaction; returns what was changed (undo reverts it). `progress` is
        called with (tags written, tags to write); returning False cancels and nothing is written."""
        with store.project.bulk_cache(), store.project.transaction():
            res = self._matched(plan)
            if res is None:  # changed since the preview (or cannot tell): match again
                res = self._resolve(plan.source, plan.category_map)
            res.plan.resolutions = dict(plan.resolutions)
            res.plan.resolve_all = plan.resolve_all
            res.plan.take_deletions = plan.take_deletions
            return merge_writing.write(res, progress)

    def merge(
        self,
        path: str | Path,
        category_map: dict[str, int] | None = None,
        *,
        resolve_all: str = OURS,
        take_deletions: bool = False,
    ) -> Changes:
        return self.apply(
            self.preview(path, category_map, resolve_all=resolve_all, take_deletions=take_deletions)
        )

    def _matched(self, plan: MergePlan) -> Resolution | None:
        """The preview's matching, if it still holds: nothing committed to the project since (checked
        inside apply's transaction, so nobody can commit until it ends) and the same category map. It
        is taken once (writing fills in ids), and the caller's plan is not written into."""
        matched, plan._matched = plan._matched, None
        if matched is None:
            return None
        stamp, category_map, res = matched
        if res.plan is not plan or plan.category_map != category_map:
            return None
        if stamp is None or stamp != self.project.change_stamp():
            return None
        # Writing adds the categories it creates to the map: on a copy, as a fresh match would.
        res.plan = replace(plan, category_map=dict(category_map))
        return res

    def _resolve(self, source: Incoming, category_map: dict[str, int]) -> Resolution:
        return merge_matching.resolve(source, category_map, self.project.uuid)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and a.samefile(b))
    except OSError:
        return False
