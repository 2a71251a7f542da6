"""Import keeps the text as delivered; recorded steps (joined lines, paragraph breaks) map offsets so
that annotation files made on the original file attach to the document."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from annotator.services.documents import preview
from annotator.store import sources
from annotator.text.paragraphs import paragraph_step

ROOT = Path(__file__).resolve().parents[2]
DEV = ROOT.parent / "shared" / "realtexts" / "dev"
needs_dev = pytest.mark.skipif(
    not DEV.is_dir(), reason=f"real judgments not found at {DEV} (team's shared folder)"
)


def _import(project, path, **kw):
    [doc] = project.documents.import_files([path], **kw).documents_added
    return project.documents.get(doc.id)


def test_seed_article_keeps_every_character(project, seed_article, tmp_path) -> None:
    path = tmp_path / "article.txt"
    path.write_text(seed_article, encoding="utf-8")
    doc = _import(project, path, reflow=False)
    assert len(seed_article) == 3092 and doc.text == seed_article
    record = sources.get(doc.id)
    assert record.sha256 == hashlib.sha256(seed_article.encode("utf-8")).hexdigest() == doc.sha256
    assert not record.map and record.newlines == "lf"


def test_seed_article_repaired_by_default_and_mapped_back(project, seed_article, tmp_path) -> None:
    path = tmp_path / "article.txt"
    path.write_text(seed_article.replace("\n", "\r\n"), encoding="utf-8")
    doc = _import(project, path)
    delivered, record = project.documents.delivered(doc.id)
    assert delivered == seed_article  # CR LF → LF is the only change not recorded as a step
    assert record.newlines == "crlf" and record.map.names == ["reflow"]
    assert "经过长期经营积累" in doc.text and len(doc.text) < len(seed_article)
    assert record.sha256 == hashlib.sha256(seed_article.encode("utf-8")).hexdigest()


def test_headings_are_never_joined_to_the_next_paragraph() -> None:
    p = preview(ROOT / "sample_texts" / "05_report_data_portability.txt")
    assert p.joins == []


def test_seed_article_joins_are_offered_and_one_can_be_kept(project, seed_article, tmp_path) -> None:
    path = tmp_path / "article.txt"
    path.write_text(seed_article, encoding="utf-8")
    p = preview(path)
    assert len(p.joins) == 7 and ("量人力、物力，经过长", "期经营积累聚集而成的") == p.joins[0][1:]
    doc = _import(project, path, keep_breaks={str(path): {p.joins[0][0]}})
    assert "经过长\n\n期经营" in doc.text and "应当有权请求" in doc.text


def test_doccano_file_made_on_the_delivered_text_attaches_by_hash(project, seed_article, tmp_path) -> None:
    path = tmp_path / "article.txt"
    path.write_text(seed_article, encoding="utf-8")
    doc = _import(project, path)
    assert doc.text != seed_article  # joined lines: the stored text differs from the file's
    # another tool's export: offsets over the file as delivered, one span across a joined break
    spans = []
    for quote in ("经过长\n\n期经营积累", "群控软件", "微信数据"):
        start = seed_article.index(quote)
        spans.append([start, start + len(quote), "破坏性利用"])
    other = tmp_path / "doccano.jsonl"
    other.write_text(
        json.dumps({"text": seed_article, "label": spans}, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    changes = project.imports.import_file(other, "jsonl", annotator="colleague")
    assert changes.documents_added == ()
    tags = sorted(changes.annotations_added, key=lambda a: a.start)
    assert {a.document_id for a in tags} == {doc.id}
    assert sorted(t.text for t in tags) == sorted(["经过长期经营积累", "群控软件", "微信数据"])
    for a in tags:
        assert doc.text[a.start : a.end] == a.text


def _layouts(path: Path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").split("\n")
    return {"as delivered": "\n".join(lines), "joined": "".join(lines), "spaces": " ".join(lines)}


@needs_dev
@pytest.mark.parametrize(
    "name",
    [
        "daybright_bb3d33709cd14c5f8ad5aa160132c4ab.txt",
        "wsjd_5be1857d1e.txt",
        "seaeagle_db415ead9b5848c28f3fa1ec8e365fee.txt",
    ],
)
def test_one_line_judgments_read_as_paragraphs_and_keep_the_courts_text(project, tmp_path, name) -> None:
    truth = json.loads((DEV / "truth.json").read_text(encoding="utf-8"))[name]
    for layout, text in _layouts(DEV / name).items():
        step = paragraph_step(text)
        if layout == "as delivered":
            assert step.edits == ()  # a judgment with its paragraphs is left as it came
            continue
        path = tmp_path / f"{layout}.txt"
        path.write_text(text, encoding="utf-8")
        doc = _import(project, path)
        lines = doc.text.split("\n")
        assert len(lines) >= 10, layout  # paragraphs, not one line
        assert any(line.lstrip(" \u3000").startswith(truth["court"]) for line in lines[:6]), layout
        assert any(line.lstrip("\u3000 ").startswith(("本院认为", "本院经审查认为")) for line in lines)
        # the court's characters stay: a break is inserted, or takes the place of a separating space
        assert all((e.old, e.new) in (("", "\n"), (" ", "\n")) for e in step.edits)
        if layout == "spaces":
            assert len(doc.text) == len(text) and doc.text.replace("\n", " ") == text
        delivered, record = project.documents.delivered(doc.id)
        assert delivered == text and record.map.names == ["paragraphs"]
        # truth.json's offsets (over the source's own file) land on the same words
        if truth["reasoning_start"] is not None:
            original = _layouts(DEV / name)["as delivered"]
            at = truth["reasoning_start"]
            in_layout = at - original.count("\n", 0, at) if layout == "joined" else at
            s, e = record.map.span_to_stored(in_layout, in_layout + 4)
            assert doc.text[s:e] == original[at : at + 4]


def test_dropping_a_step_after_import_keeps_each_tags_characters(project, seed_article, tmp_path) -> None:
    path = tmp_path / "article.txt"
    path.write_text(seed_article, encoding="utf-8")
    doc = _import(project, path)
    cat = project.codebook.list()[0].id
    start = doc.text.index("经过长期经营积累")
    tag = project.annotations.add_for(doc.id, start, start + 8, cat, "甲").annotations_added[0]
    other_at = doc.text.index("群控软件")
    other = project.annotations.add_for(doc.id, other_at, other_at + 4, cat, "甲").annotations_added[0]
    project.documents.drop_step(doc.id, "reflow")
    after = project.documents.get(doc.id)
    assert after.text == seed_article  # the joined breaks are back
    tags = {a.id: a for a in project.annotations.list([doc.id])}
    assert after.text[tags[tag.id].start : tags[tag.id].end] == "经过长\n\n期经营积累"
    assert after.text[tags[other.id].start : tags[other.id].end] == "群控软件"
    assert project.versions.old_text(doc.id, 1) == doc.text  # the repaired text stays in the history
    _delivered, record = project.documents.delivered(doc.id)
    assert not record.map
    with pytest.raises(Exception, match="no recorded reflow"):
        project.documents.drop_step(doc.id, "reflow")
