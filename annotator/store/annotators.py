"""Who tags: the project's annotators."""

from __future__ import annotations

from annotator.core import model as core
from annotator.store.models import Annotator
from annotator.store.rows import annotator_from_row, stamp


def list_annotators() -> list[core.Annotator]:
    return [annotator_from_row(r) for r in Annotator.select().order_by(Annotator.id)]


def get_annotator(annotator_id: int) -> core.Annotator | None:
    row = Annotator.get_or_none(Annotator.id == annotator_id)
    return annotator_from_row(row) if row else None


def find_annotator(name: str | None = None, uuid: str | None = None) -> core.Annotator | None:
    query = Annotator.select()
    query = query.where(Annotator.uuid == uuid) if uuid else query.where(Annotator.name == name)
    row = query.order_by(Annotator.id).first()
    return annotator_from_row(row) if row else None


def insert_annotator(name: str, uuid: str | None = None) -> core.Annotator:
    row = Annotator.create(uuid=uuid or core.new_uuid(), name=name, created=stamp())
    return annotator_from_row(row)


def annotators_by_uuid() -> dict[str, core.Annotator]:
    return {r.uuid: core.Annotator(id=r.id, uuid=r.uuid, name=r.name) for r in Annotator.select()}
