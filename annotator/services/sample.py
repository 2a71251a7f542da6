"""The sample project a new user sees on first start, built from the bundled sample texts."""

from __future__ import annotations

import json
from pathlib import Path

from annotator.core import partials
from annotator.core.paths import sample_texts_dir, user_data_dir
from annotator.services.project import Project

SAMPLE_FILE = "sample-project.sqlite"
SAMPLE_ANNOTATOR = "示例 (sample)"


def sample_files() -> list[Path]:
    folder = sample_texts_dir()
    return sorted(
        p for p in folder.iterdir() if p.suffix in {".txt", ".docx", ".html", ".md"} and p.name != "README.md"
    )


def create_sample_project(path: Path) -> Path:
    """Build the sample project at `path`: the sample texts and a few example tags showing what a
    finished passage looks like. Built under a temporary name, so a crash never leaves half a project."""
    partials.clear_stale(path.parent)
    for leftover in path.parent.glob(path.name + ".partial*"):  # an earlier version's name
        leftover.unlink()
    partial = partials.partial_path(path)
    with Project.create(partial) as project:
        changes = project.documents.import_files(sample_files())
        _add_example_tags(project, {d.source_name: d.id for d in changes.documents_added})
    partial.replace(path)
    return path


def ensure_sample_project(folder: Path | None = None) -> Path:
    path = (folder or user_data_dir()) / SAMPLE_FILE
    if not path.exists():
        create_sample_project(path)
    return path


def _add_example_tags(project: Project, doc_ids: dict[str, int]) -> None:
    spec_file = sample_texts_dir() / "sample_project.json"
    if not spec_file.is_file():
        return
    spec = json.loads(spec_file.read_text(encoding="utf-8"))
    for name, title in spec.get("titles", {}).items():
        if name in doc_ids:
            project.documents.update(doc_ids[name], title=title)
    who = project.annotators.ensure(SAMPLE_ANNOTATOR)
    for item in spec.get("tags", []):
        doc_id = doc_ids.get(item["file"])
        if doc_id is None:
            continue
        text = project.documents.get(doc_id).text
        start = text.find(item["quote"])
        if start < 0:
            raise ValueError(f"sample tag quote not found in {item['file']}: {item['quote']}")
        category = project.codebook.find(item["category"])
        project.annotations.add(
            doc_id, start, start + len(item["quote"]), category.id, who.id, memo=item.get("memo", "")
        )
