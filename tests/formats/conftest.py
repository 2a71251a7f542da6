"""Projects with varied content for the exchange-format tests, and a dump to compare before/after."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.services import Project

SCHEMAS = Path(__file__).resolve().parents[2].parent / "shared" / "standards" / "refi-qda"

# Texts written for these tests: a rare-name character outside the BMP (𠮷) before the tags, so code
# points and UTF-16 units differ; a line break inside a tag; a formula-like passage.
TEXT_A = (
    "原告𠮷某诉称：被告未经同意擅自抓取用户数据，\n构成不正当竞争。"
    "本院认为，=SUM(A1) 数据携带权不能对抗平台的竞争权益！"
)
TEXT_B = "被告辩称其行为属于技术创新，未破坏平台的数据安全。法院不予采信。"


@pytest.fixture
def tagged(project):
    """Two documents, three annotators, nested categories, memos, overlapping tags."""
    docs = project.documents
    a = docs.add_text(
        "𠮷某诉某科技公司案", TEXT_A, meta={"court": "某互联网法院", "year": 2021}
    ).documents_added[0]
    b = docs.add_text("第二份判决", TEXT_B).documents_added[0]
    zhang, li, wang = (project.annotators.ensure(n) for n in ("张三", "李四", "王五"))
    user = project.codebook.find("用户数据权益")
    destructive = project.codebook.find("破坏性利用")  # a child of 平台数据资源竞争权益
    tags = [
        (a, "擅自抓取用户数据", user, zhang, "重点段落 =备注"),
        (a, "抓取用户数据，\n构成不正当竞争", destructive, li, ""),  # overlaps the first, spans a line break
        (a, "=SUM(A1)", user, wang, ""),
        (a, "数据携带权", destructive, zhang, "第二条\n备忘"),
        (b, "技术创新", user, li, ""),
    ]
    for doc, passage, cat, who, memo in tags:
        text = TEXT_A if doc is a else TEXT_B
        s = text.index(passage)
        project.annotations.add(doc.id, s, s + len(passage), cat.id, who.id, memo=memo)
    return project


def dump(project: Project) -> dict:
    """Everything a user could see of a project, by uuid (so two projects compare), to prove an import
    changed nothing or that a round trip kept everything."""
    docs = {d.id: d.uuid for d in project.documents.list()}
    cats = {c.id: c for c in project.codebook.list(include_archived=True)}
    users = {u.id: u.uuid for u in project.annotators.list()}
    return {
        "documents": sorted((d.uuid, d.title, d.sha256) for d in project.documents.list()),
        "categories": sorted(
            (c.uuid, c.name, cats[c.parent_id].uuid if c.parent_id else None, c.color, c.description)
            for c in cats.values()
        ),
        "annotators": sorted((u.uuid, u.name) for u in project.annotators.list()),
        "annotations": sorted(
            (
                t.uuid,
                docs[t.document_id],
                t.start,
                t.end,
                t.text,
                cats[t.category_id].uuid,
                users[t.annotator_id],
                t.memo,
            )
            for t in project.annotations.list()
        ),
    }


@pytest.fixture
def empty_codebook(tmp_path) -> Path:
    path = tmp_path / "empty-codebook.json"
    path.write_text(
        '{"format": "judgment-annotator-codebook", "version": 1, "categories": []}', encoding="utf-8"
    )
    return path


def blank(path: Path, codebook: Path) -> Project:
    """A new project with no categories. Only one project is open per process: open it after the
    work on the first is done."""
    return Project.create(path, codebook)


def schema(name: str):
    """The REFI-QDA schema read from the team's shared folder (never copied into the project)."""
    from lxml import etree

    path = SCHEMAS / name
    if not path.is_file():
        pytest.skip(f"REFI-QDA schema not found at {path} (it lives in the team's shared folder)")
    return etree.XMLSchema(etree.parse(str(path)))
