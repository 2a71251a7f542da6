"""The bulk exporters' fast paths write exactly what the plain, value-by-value forms write: the csv table
byte for byte what `csv.writer` makes of `csv_table.rows` through the formula guard, the json bundle's
annotations byte for byte what `json.dumps` makes of each tag's dict, from the database and from a
snapshot, including uuids and times outside the store's own forms."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import random
from datetime import UTC, datetime, timedelta, timezone

import pytest

from annotator import store
from annotator.core.cells import csv_cell_utf8, csv_cells_utf8, neutralise_cell
from annotator.formats import csv_table, json_bundle
from annotator.formats.base import ExportData, ExportOptions
from tests.formats.test_streamed_exports import tricky  # noqa: F401  (the fixture)


def _plain_csv(data: ExportData, options: ExportOptions) -> bytes:
    """The table as csv.writer writes it, every text cell through the formula guard, value by value."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(csv_table.COLUMNS)
    for row in csv_table.rows(data, options):
        writer.writerow([neutralise_cell(v) if isinstance(v, str) else v for v in row])
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def _snapshot(streamed: ExportData, annotations) -> ExportData:
    return ExportData(
        categories=streamed.categories,
        annotators=streamed.annotators,
        documents=streamed.documents,
        project=streamed.project,
        annotations=annotations,
    )


def _odd(tags):
    """The tags with uuids that are not lower-case GUIDs (a formula, a comma, a quote) and times in
    other zones, without a fraction or missing: the paths that check a chunk's column at once fall back."""
    return [
        dataclasses.replace(tags[0], uuid='=ODD,"uuid"', created=datetime(2020, 5, 1, 8, 0, tzinfo=UTC)),
        dataclasses.replace(
            tags[1], created=datetime(2021, 1, 2, 3, 4, 5, 6, tzinfo=timezone(timedelta(hours=8)))
        ),
        dataclasses.replace(tags[2], created=None),
        *tags[3:],
    ]


@pytest.mark.parametrize("memos", [True, False])
def test_json_annotations_are_what_json_dumps_writes_of_each_tag(tricky, tmp_path, memos):  # noqa: F811
    options = ExportOptions(include_memos=memos)
    streamed = tricky.exports.collect(options)
    tags = store.tags.list_annotations(document_ids=[d.id for d in streamed.documents])
    cats = {c.id: c for c in streamed.categories}
    users = {u.id: u.uuid for u in streamed.annotators}
    docs = {d.id: d.uuid for d in streamed.documents}
    for data, mine in (
        (streamed, tags),
        (_snapshot(streamed, tags), tags),
        (_snapshot(streamed, _odd(tags)), _odd(tags)),
    ):
        items = [
            {
                "uuid": a.uuid,
                "document": docs[a.document_id],
                "start": a.start,
                "end": a.end,
                "text": a.text,
                "category": cats[a.category_id].uuid,
                "category_name": cats[a.category_id].name,
                "annotator": users[a.annotator_id],
                "note": a.memo if memos else "",
                "created": a.created.isoformat() if a.created else None,
                "context_before": a.before,
                "context_after": a.after,
            }
            for a in mine
        ]
        json_bundle.export(data, tmp_path / "out.json", options)
        written = (tmp_path / "out.json").read_bytes()
        head, annotations = written.split(b'\n"annotations": [\n')
        expected = ",\n".join(json.dumps(item, ensure_ascii=False) for item in items) + "\n]}\n"
        assert annotations == expected.encode("utf-8")
        assert (
            json.loads(written)["annotations"] == items == json_bundle.to_dict(data, options)["annotations"]
        )
    assert any('"' in item["uuid"] for item in items) and any(item["created"] is None for item in items)


@pytest.mark.parametrize("memos", [True, False])
def test_csv_is_what_csv_writer_writes_of_the_rows(tricky, tmp_path, memos):  # noqa: F811
    options = ExportOptions(include_memos=memos)
    streamed = tricky.exports.collect(options)
    tags = store.tags.list_annotations(document_ids=[d.id for d in streamed.documents])
    odd = _odd(tags)
    for data in (streamed, _snapshot(streamed, tags), _snapshot(streamed, odd)):
        csv_table.export(data, tmp_path / "out.csv", options)
        assert (tmp_path / "out.csv").read_bytes() == _plain_csv(data, options)
    assert b"'=ODD" not in _plain_csv(_snapshot(streamed, tags), options)
    assert b'"\'=ODD,""uuid"""' in _plain_csv(_snapshot(streamed, odd), options)


def test_csv_cells_of_a_column_at_once_equal_csv_writer_cell_by_cell():
    rng = random.Random(18)
    alphabet = ['"', ",", "\n", "\r", "=", "+", "-", "@", "\t", "'", " ", "\x00", "a", "中", "𠮷", "\ue000"]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for _ in range(3000):
        column = ["".join(rng.choices(alphabet, k=rng.randrange(0, 6))) for _ in range(rng.randrange(0, 6))]
        cells = [v.encode("utf-8") for v in column]
        assert csv_cells_utf8(cells) == [csv_cell_utf8(c) for c in cells]
        for value, cell in zip(column, csv_cells_utf8(cells), strict=True):
            buffer.seek(0)
            buffer.truncate()
            writer.writerow([neutralise_cell(value), "x"])  # a second cell: a lone "" is quoted
            assert cell + b",x\r\n" == buffer.getvalue().encode("utf-8")


def test_qdpx_selections_hold_each_tag_as_the_value_by_value_form(tricky, tmp_path):  # noqa: F811
    """Every selection, coding and memo note of the written project, read back with lxml, against what
    the tag's own fields give: GUIDs (the coding's and the note's derived from the tag's uuid), quote,
    positions, user, time, memo."""
    import hashlib
    import zipfile

    from lxml import etree

    from annotator.formats import qdpx
    from annotator.formats.qdc import guid

    def derived(base: str, what: str) -> str:
        h = hashlib.md5(f"{base}/{what}".encode(), usedforsecurity=False).hexdigest()
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:32]}"

    data = tricky.exports.collect(ExportOptions())
    tags = store.tags.list_annotations(document_ids=[d.id for d in data.documents])
    users = {u.id: guid(u.uuid) for u in data.annotators}
    codes = {c.id: guid(c.uuid) for c in data.categories}
    tricky.exports.export("qdpx", tmp_path / "p.qdpx")
    with zipfile.ZipFile(tmp_path / "p.qdpx") as z:
        root = etree.fromstring(z.read("project.qde"))
    ns = {"q": qdpx.NS}
    selections = root.findall(".//q:TextSource/q:PlainTextSelection", ns)
    notes = {n.get("guid"): n for n in root.findall("q:Notes/q:Note", ns)}
    assert len(selections) == len(tags) == 10 and len(notes) == sum(1 for a in tags if a.memo)
    for sel, a in zip(selections, tags, strict=True):
        when = a.created.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        source = sel.getparent()
        assert source.get("guid") == guid(next(d.uuid for d in data.documents if d.id == a.document_id))
        assert dict(sel.attrib) == {
            "guid": a.uuid,
            "name": a.text,
            "startPosition": str(a.start),
            "endPosition": str(a.end),
            "creatingUser": users[a.annotator_id],
            "creationDateTime": when,
        }
        coding = sel.find("q:Coding", ns)
        assert dict(coding.attrib) == {
            "guid": derived(a.uuid, "coding"),
            "creatingUser": users[a.annotator_id],
            "creationDateTime": when,
        }
        assert coding.find("q:CodeRef", ns).get("targetGUID") == codes[a.category_id]
        if a.memo:
            assert sel.find("q:Description", ns).text == a.memo
            note = notes[sel.find("q:NoteRef", ns).get("targetGUID")]
            assert (
                note.get("guid") == derived(a.uuid, "memo")
                and note.get("creatingUser") == users[a.annotator_id]
            )
            assert note.find("q:PlainTextContent", ns).text == a.memo
        else:
            assert sel.find("q:Description", ns) is None and sel.find("q:NoteRef", ns) is None


def test_qdpx_export_checks_its_schema_as_it_writes(tricky, tmp_path, monkeypatch):  # noqa: F811
    """The export refuses a project the schema refuses and one it cannot check (the schema missing),
    loudly, and leaves no file either way."""
    from annotator.core.errors import AnnotatorError
    from annotator.formats import qdpx, qdpx_schema

    folder = tmp_path / "exports"
    folder.mkdir()
    out = folder / "p.qdpx"
    real = qdpx.project_xml_parts

    def broken(*args, **kwargs):
        for part in real(*args, **kwargs):
            yield part.replace("<CodeRef ", "<Unknown/><CodeRef ", 1)

    monkeypatch.setattr(qdpx, "project_xml_parts", broken)
    with pytest.raises(AnnotatorError, match="does not follow the standard's schema.*Unknown"):
        tricky.exports.export("qdpx", out)
    assert not list(folder.iterdir())
    monkeypatch.setattr(qdpx, "project_xml_parts", real)
    monkeypatch.setattr(qdpx_schema, "SCHEMA", "refi-qda/missing.xsd")
    with pytest.raises(AnnotatorError, match="REFI-QDA schema is missing.*nothing was written"):
        tricky.exports.export("qdpx", out)
    with pytest.raises(FileNotFoundError, match="REFI-QDA schema is missing"):
        qdpx.validate(folder / "any.qdpx")
    assert not list(folder.iterdir())
    monkeypatch.undo()
    assert tricky.exports.export("qdpx", out) == 10 and qdpx.validate(out) == []
