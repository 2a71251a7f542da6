"""Every loader and importer meets a corpus of hostile and broken files: each is refused with a message
naming the file and the problem (or, where the file is merely odd, read safely), no other exception
escapes, and the project's content is unchanged."""

from __future__ import annotations

import traceback

import hostile
import pytest

from annotator.core.errors import AnnotatorError
from annotator.formats import registry
from annotator.services import Project


def _importers() -> list:
    return list(getattr(registry, "importers", list)())


TEXT = "本院认为，被告王𠮷未经许可抓取数据，构成不正当竞争。"


def _project(path) -> Project:
    p = Project.create(path)
    doc = p.documents.add_text("判决", TEXT).documents_added[0]
    p.annotations.add(doc.id, 5, 8, p.codebook.list()[0].id, p.annotators.ensure("甲").id)
    return p


def dump(project: Project) -> dict[str, list]:
    """Every row of every table, in a stable order (the search index's shadow tables too)."""
    db = project._db
    return {t: sorted(map(repr, db.execute_sql(f'SELECT * FROM "{t}"').fetchall())) for t in db.get_tables()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    # Every annotation importer present gets its cases (importers are added format by format).
    wanted = {"json"} | {m.NAME for m in _importers()}
    with _project(folder / "seed.sqlite") as seed:
        seeds = {}
        for fmt, ext in (
            ("qdpx", ".qdpx"),
            ("jsonl", ".jsonl"),
            ("brat", ".zip"),
            ("qdc", ".qdc"),
            ("json", ".json"),
            ("labelstudio", ".ls.json"),
        ):
            if fmt in wanted and fmt in registry.FORMATS:
                seeds[fmt] = folder / f"seed{ext}"
                seed.exports.export(fmt, seeds[fmt])
    return hostile.build(folder / "cases", seeds)


def test_the_corpus_covers_every_importer_present(corpus):
    covered = {c.path.suffix for c in corpus if c.surface == "imports"}
    for m in _importers():
        assert covered & set(registry.import_extensions(m)), f"no hostile case for the {m.NAME} importer"
    assert {c.surface for c in corpus} >= {"documents", "merge", "codebook"}
    loaders = {c.path.suffix.lower() for c in corpus if c.surface == "documents"}
    assert {".txt", ".md", ".html", ".htm", ".docx", ".pdf"} <= loaders


def _feed(project: Project, case: hostile.Case):
    if case.surface == "documents":
        return project.documents.import_files([case.path])
    if case.surface == "imports":
        return project.imports.import_file(case.path)
    if case.surface == "merge":
        return project.merge.merge(case.path)
    return project.codebook.import_file(case.path)


def test_hostile_corpus_is_refused_clearly_and_changes_nothing(corpus, tmp_path):
    assert len(corpus) >= 40
    failures: list[str] = []
    with _project(tmp_path / "target.sqlite") as project:
        for case in corpus:
            before = dump(project)
            try:
                _feed(project, case)
            except AnnotatorError as exc:
                message = str(exc)
                if case.path.name not in message:
                    failures.append(f"{case.id}: message does not name the file: {message}")
                if case.says and case.says not in message:
                    failures.append(f"{case.id}: message does not say {case.says!r}: {message}")
                if dump(project) != before:
                    failures.append(f"{case.id}: refused, but the project changed")
                continue
            except Exception:  # noqa: BLE001 (that is what this test is looking for)
                failures.append(f"{case.id}: crashed:\n{traceback.format_exc(limit=4)}")
                continue
            after = dump(project)
            if case.expect == "error":
                failures.append(f"{case.id}: accepted a file that should be refused")
            if hostile.SECRET in repr(after) or "lollollol" in repr(after):
                failures.append(f"{case.id}: an entity was expanded into the project")
    assert not failures, "\n".join(failures)
