"""Annotation files made by other tools on the original file attach to the imported document by the
SHA-256 of the delivered text (services/matching.py), in every new format: brat, Label Studio, XMI,
WebAnno TSV, doccano."""

from __future__ import annotations

import json
import zipfile

import pytest


@pytest.fixture
def seeded(project, seed_article, tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(seed_article, encoding="utf-8")
    [doc] = project.documents.import_files([path]).documents_added  # joining stray line breaks: on
    doc = project.documents.get(doc.id)
    assert doc.text != seed_article and doc.text.rindex("商业道德") != seed_article.rindex("商业道德"), (
        "the stored text differs from the delivered one, so offsets must go through the recorded map"
    )
    return project, doc, seed_article


def _passage(text: str) -> tuple[int, int, str]:
    s = text.rindex("商业道德")  # after the joined line breaks: its offset differs in the stored text
    return s, s + 4, "商业道德"


@pytest.mark.parametrize("fmt", ["brat", "labelstudio", "jsonl", "xmi", "webanno"])
def test_file_made_on_the_original_attaches(seeded, tmp_path, fmt):
    project, doc, original = seeded
    s, e, quote = _passage(original)
    if fmt == "brat":
        path = tmp_path / "made-elsewhere.zip"
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("a.txt", original)
            z.writestr("a.ann", f"T1\t用户数据权益 {s} {e}\t{quote}\n")
    elif fmt == "labelstudio":
        path = tmp_path / "ls.json"
        path.write_text(
            json.dumps(
                [
                    {
                        "data": {"text": original},
                        "annotations": [
                            {
                                "completed_by": 1,
                                "result": [
                                    {
                                        "type": "labels",
                                        "value": {
                                            "start": s,
                                            "end": e,
                                            "text": quote,
                                            "labels": ["用户数据权益"],
                                        },
                                    }
                                ],
                            }
                        ],
                    }
                ],
                ensure_ascii=False,
            ),
            encoding="utf-8",
        )
    elif fmt == "jsonl":
        path = tmp_path / "d.jsonl"
        path.write_text(
            json.dumps({"text": original, "label": [[s, e, "用户数据权益"]]}, ensure_ascii=False),
            encoding="utf-8",
        )
    elif fmt == "xmi":
        path = tmp_path / "doc.xmi"
        esc = (
            original.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;").replace("\n", "&#10;")
        )
        path.write_text(
            '<xmi:XMI xmlns:xmi="http://www.omg.org/XMI" xmlns:cas="http:///uima/cas.ecore" '
            'xmlns:custom="http:///webanno/custom.ecore">'
            f'<cas:Sofa xmi:id="1" sofaID="_InitialView" sofaString="{esc}"/>'
            f'<custom:Arg xmi:id="2" sofa="1" begin="{s}" end="{e}" value="用户数据权益"/></xmi:XMI>',
            encoding="utf-8",
        )
    else:
        from annotator.formats import webanno_tsv

        path = tmp_path / "doc.tsv"
        lines = ["#FORMAT=WebAnno TSV 3.3", "#T_SP=webanno.custom.Arg|value", "", ""]
        for n, (a, b) in enumerate(webanno_tsv.sentences(original), start=1):
            lines.append("#Text=" + webanno_tsv.escape_text(original[a:b]))
            t = 0
            for i in range(a, b):
                if original[i].isspace():
                    continue
                t += 1
                value = "用户数据权益[1]" if s <= i < e else "_"
                lines.append(f"{n}-{t}\t{i}-{i + 1}\t{webanno_tsv.escape_text(original[i])}\t{value}\t")
            lines.append("")
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    changes = project.imports.import_file(path, annotator="导入者")
    assert not changes.documents_added  # attached to the imported judgment, not a second document
    [tag] = changes.annotations_added
    assert tag.document_id == doc.id and doc.text[tag.start : tag.end] == quote
