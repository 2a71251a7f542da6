"""Real judgments from ../shared/realtexts/dev, with their 本院认为 and 判决如下 parts known from truth.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from engines import ENGINES, engine_project

from annotator.learn.units import sentences
from annotator.services import Project

DEV = Path(__file__).resolve().parents[2].parent / "shared" / "realtexts" / "dev"
# Criminal and civil judgments with a reasoning part and a decision part, in a fixed order.
FILES = (
    "daybright_0120dec7291b46ca8c19a7f9009762f5.txt",
    "daybright_1470367e145c4855ab84a72e00a61b10.txt",
    "daybright_15359ea0085d41f7b4b7a90400ac1648.txt",
    "daybright_3aff9b8d986d4a23a051417c0d4fad89.txt",
    "daybright_3e9c7e7fd59c49ff96b7d7af9e90fea8.txt",
    "daybright_bb3d33709cd14c5f8ad5aa160132c4ab.txt",
    "daybright_7ad5175106404b03b5afa74700902bcb.txt",
    "daybright_c227f58fd3854264ae5b4ef1426cdb58.txt",
)


@pytest.fixture
def realtexts() -> list[tuple[Path, dict]]:
    if not (DEV / "truth.json").is_file():
        pytest.skip(f"real judgments not found at {DEV} (they live in the team's shared folder)")
    truth = json.loads((DEV / "truth.json").read_text(encoding="utf-8"))
    return [(DEV / n, truth[n]) for n in FILES]


def reasoning_sentences(text: str, truth: dict) -> list[tuple[int, int]]:
    """Sentences wholly inside [reasoning_start, decision_start)."""
    rs, ds = truth["reasoning_start"], truth["decision_start"]
    return [(s, e) for s, e in sentences(text) if rs <= s and e <= ds]


@pytest.fixture(params=ENGINES)
def project(request, tmp_path):
    """The store's part (decisions, settings, same text) runs on SQLite and on PostgreSQL."""
    yield from engine_project(request, tmp_path)


@pytest.fixture
def file_project(tmp_path):
    p = Project.create(tmp_path / "test.sqlite")
    yield p
    p.close()


@pytest.fixture
def judgments(file_project, realtexts):
    """A project file with the judgments imported: (project, [(doc id, text, truth)])."""
    project = file_project
    changes = project.documents.import_files([p for p, _ in realtexts])
    out = []
    for info, (_path, truth) in zip(changes.documents_added, realtexts, strict=True):
        text = project.documents.get(info.id).text
        assert text[truth["reasoning_start"] : truth["reasoning_start"] + 2] == "本院", info.title
        out.append((info.id, text, truth))
    return project, out
