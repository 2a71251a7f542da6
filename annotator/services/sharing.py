"""Sharing a copy of the project with a colleague, for reading or for blind second coding, and merging
it back.

The copy is a project file of its own (a new project uuid) that remembers where it came from: the
original's path and uuid, who shared it, when, and for whom. The original remembers the copies it
shared, so that merging one back is a single menu entry or `annotator merge-back COPY`, with nothing
to map: documents, categories and annotators in the copy keep the original's uuids.

For blind second coding the copy leaves out the sharer's tags (and the agreed layer, which is made from
them), or every tag; what is left out is deleted from the copy for real, so it can neither be read there
nor look, on the way back, like tags the colleague removed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from annotator import store
from annotator.core import partials
from annotator.core.errors import InputError, NotFoundError
from annotator.core.messages import QT_TRANSLATE_NOOP, Message
from annotator.core.model import new_uuid

KEEP_ALL, KEEP_OTHERS, KEEP_NONE = "all", "others", "none"  # which tags a copy keeps
TAG_CHOICES = (KEEP_ALL, KEEP_OTHERS, KEEP_NONE)
COPIES_KEY = "shared_copies"  # in the original: JSON list of the copies it shared
# In a copy: where it came from and for whom.
FROM_PATH, FROM_UUID, FOR, BY, AT, TAGS, CONFIRMED = (
    "shared_from_path",
    "shared_from_uuid",
    "shared_for",
    "shared_by",
    "shared_at",
    "shared_tags",
    "shared_confirmed",
)


@dataclass(frozen=True)
class SharedCopy:
    path: str
    colleague: str
    shared_at: str
    uuid: str = ""  # the copy's project uuid
    tags: str = KEEP_ALL
    documents: int = 0


@dataclass(frozen=True)
class Origin:
    """What a shared copy knows about where it came from."""

    path: str
    uuid: str
    colleague: str  # whom it was shared for
    shared_by: str
    shared_at: str
    tags: str
    confirmed: str  # the name the colleague confirmed at first open ("" until then)


class SharingService:
    def __init__(self, project) -> None:
        self.project = project

    def share(
        self,
        path: str | Path,
        colleague: str,
        *,
        by_annotator_id: int | None = None,
        by_name: str = "",
        document_ids: Iterable[int] | None = None,
        tags: str = KEEP_ALL,
    ) -> SharedCopy:
        """Write a copy for `colleague` to `path` (a new file) with the chosen documents (None: all) and
        tags: every tag (`all`, for reading), all but the sharer's (`others`, for blind second coding),
        or none. Returns what the original now remembers about the copy."""
        path = Path(path)
        colleague = (colleague or "").strip()
        if not colleague:
            raise InputError(Message(QT_TRANSLATE_NOOP("Messages", "say whom the copy is for (their name)")))
        if tags not in TAG_CHOICES:
            raise InputError(
                Message(
                    QT_TRANSLATE_NOOP(
                        "Messages",
                        "unknown choice {choice!r} for the tags of a copy; choose all, others or none",
                    ),
                    choice=tags,
                )
            )
        if by_annotator_id is not None:
            me = store.annotators.get_annotator(by_annotator_id)
            if me is None:
                raise NotFoundError(f"no annotator with id {by_annotator_id}")
        else:  # someone who has not tagged here yet: nothing of theirs to leave out
            me = store.annotators.find_annotator(name=by_name.strip()) if by_name.strip() else None
        my_name = me.name if me is not None else by_name.strip()
        if colleague == my_name:
            raise InputError(
                Message(
                    QT_TRANSLATE_NOOP("Messages", "the copy is for a colleague: {name} is you"),
                    name=colleague,
                )
            )
        if path.exists() or path.with_name(path.name + "-wal").exists():
            raise InputError(
                Message(QT_TRANSLATE_NOOP("Messages", "a file with this name already exists")), path=str(path)
            )
        if not path.parent.is_dir():
            raise InputError(
                Message(QT_TRANSLATE_NOOP("Messages", "the folder does not exist")), path=str(path)
            )
        live = {d.id for d in store.documents.list_documents()}
        docs = None if document_ids is None else list(dict.fromkeys(document_ids))
        if docs is not None:
            unknown = [d for d in docs if d not in live]
            if unknown:
                raise NotFoundError(f"no document with id {unknown[0]}")
            if not docs:
                raise InputError(
                    Message(QT_TRANSLATE_NOOP("Messages", "choose at least one document to share"))
                )
        drop: list[int] = []
        if tags == KEEP_OTHERS:
            drop = [me.id] if me is not None else []
            agreed = self.project.review.agreed_annotator_id()
            if agreed is not None:
                drop.append(agreed)  # the agreed layer is made from the sharer's tags
        now = datetime.now(UTC).isoformat(timespec="seconds")
        copy_uuid = new_uuid()
        info = {
            "project_uuid": copy_uuid,
            FROM_PATH: str(Path(self.project.path).resolve()),
            FROM_UUID: self.project.uuid,
            FOR: colleague,
            BY: my_name,
            AT: now,
            TAGS: tags,
            CONFIRMED: "",
            COPIES_KEY: "[]",
        }
        partials.clear_stale(path.absolute().parent)
        partial = partials.partial_path(path)
        try:
            store.sharing.write_copy(
                partial,
                document_ids=docs,
                drop_annotator_ids=drop,
                drop_all_tags=tags == KEEP_NONE,
                info=info,
            )
            partial.replace(path)
        finally:
            partials.remove(partial)
        shared = SharedCopy(
            path=str(path.resolve()),
            colleague=colleague,
            shared_at=now,
            uuid=copy_uuid,
            tags=tags,
            documents=len(docs) if docs is not None else len(live),
        )
        with store.project.transaction():
            copies = [c for c in self.copies() if c.path != shared.path]
            copies.append(shared)
            store.project.set_info(COPIES_KEY, json.dumps([c.__dict__ for c in copies], ensure_ascii=False))
        return shared

    def copies(self) -> list[SharedCopy]:
        """The copies this project shared, oldest first."""
        try:
            items = json.loads(store.project.get_info(COPIES_KEY) or "[]")
        except json.JSONDecodeError:
            return []
        out = []
        for item in items if isinstance(items, list) else []:
            try:
                out.append(SharedCopy(**{k: item[k] for k in SharedCopy.__dataclass_fields__ if k in item}))
            except TypeError:
                continue
        return out

    def origin(self) -> Origin | None:
        """Where this project came from, if it is a shared copy."""
        return origin_of(store.project.get_info)

    def confirm_colleague(self, name: str):
        """The colleague opening the copy says who they are; their tags are made under that name."""
        name = (name or "").strip()
        if not name:
            raise InputError("the annotator's name is empty")
        with store.project.transaction():
            store.project.set_info(CONFIRMED, name)
            return store.annotators.find_annotator(name=name) or store.annotators.insert_annotator(name)


def origin_of(get) -> Origin | None:
    """An Origin from a project_info lookup (`get(key)`), or None if the project is not a copy."""
    if not get(FROM_UUID):
        return None
    return Origin(
        path=get(FROM_PATH) or "",
        uuid=get(FROM_UUID) or "",
        colleague=get(FOR) or "",
        shared_by=get(BY) or "",
        shared_at=get(AT) or "",
        tags=get(TAGS) or KEEP_ALL,
        confirmed=get(CONFIRMED) or "",
    )


def origin_of_file(path: str | Path) -> Origin | None:
    """The origin of a shared copy that is not open (read without opening it as the project)."""
    info = store.sharing.read_info(path)
    return origin_of(info.get)
