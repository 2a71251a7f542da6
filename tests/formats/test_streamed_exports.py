"""Exports stream their tags from the database: the files are the same as from a snapshot of the tags,
progress and Cancel still work in the middle of the stream, and the fast paths (times, escaping a
column at once) give exactly what the value-by-value forms give."""

from __future__ import annotations

import hashlib
import random
import zipfile
from datetime import UTC, datetime, timedelta, timezone

import pytest

from annotator import store
from annotator.formats import qdpx, registry
from annotator.formats.base import Cancelled, ExportData, ExportOptions, escape_column, iso_text, zulu_text
from tests.formats.conftest import SCHEMAS

TRICKY = "第三份：<b>“引号”</b> & 'x' \"y\"\t制表 =1+1 -2 @3 𠮷\n换行。结尾"


@pytest.fixture
def tricky(tagged):
    """The tagged project plus a document whose tags hold markup, quotes, tabs, formula starts, a
    character outside the BMP and a line break, with memos of the same kind."""
    doc = tagged.documents.add_text(
        "<第三份> & “判决”", TRICKY, meta={"court": "=某法院", "year": 2020}
    ).documents_added[0]
    who = tagged.annotators.ensure("赵六")
    cat = tagged.codebook.find("用户数据权益")
    for passage, memo in (
        ("<b>“引号”</b>", '<备忘> & "引"'),
        ("=1+1", "=SUM(1)"),
        ("\t制表", ""),
        ("𠮷\n换行", "二\n行"),
        ("'x' \"y\"", ""),
    ):
        s = TRICKY.index(passage)
        tagged.annotations.add(doc.id, s, s + len(passage), cat.id, who.id, memo=memo)
    return tagged


def _content(path) -> dict[str, bytes]:
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as z:
            out = {n: z.read(n) for n in z.namelist() if n != "docProps/core.xml"}  # its time of writing
    else:
        out = {"": path.read_bytes()}
    if "project.qde" in out:  # the project's own creation time is the time of writing
        head, rest = out["project.qde"].split(b"\n", 1)
        second, rest = rest.split(b"\n", 1)
        out["project.qde"] = head + second.rsplit(b"creationDateTime=", 1)[0] + rest
    return out


@pytest.mark.parametrize("fmt", [m.NAME for m in registry.exporters()])
def test_streamed_export_equals_the_export_of_a_snapshot(tricky, tmp_path, fmt):
    options = ExportOptions()
    streamed = tricky.exports.collect(options)
    assert streamed.annotations is None and streamed.tag_count == 10
    snapshot = ExportData(
        categories=streamed.categories,
        annotators=streamed.annotators,
        documents=streamed.documents,
        project=streamed.project,
        annotations=store.tags.list_annotations(document_ids=[d.id for d in streamed.documents]),
    )
    module = registry.get(fmt)
    module.export(streamed, tmp_path / "streamed", options)
    module.export(snapshot, tmp_path / "snapshot", options)
    assert _content(tmp_path / "streamed") == _content(tmp_path / "snapshot")


def test_rows_come_in_document_order_in_chunks(tricky, monkeypatch):
    monkeypatch.setattr(store.export_rows, "CHUNK", 3)
    monkeypatch.setattr(store.export_rows, "DOCUMENTS_PER_QUERY", 2)
    docs = [d.id for d in store.documents.get_documents()]
    chunks = list(store.export_rows.tag_rows(docs))
    assert max(len(c) for c in chunks) == 3 and len(chunks) >= 4
    rows = [r for c in chunks for r in c]
    expected = store.tags.list_annotations(document_ids=docs)
    assert [r[0] for r in rows] == [a.id for a in expected]
    assert store.export_rows.tag_counts(docs) == {
        k: sum(1 for a in expected if (a.document_id, a.category_id) == k)
        for k in {(a.document_id, a.category_id) for a in expected}
    }


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx", "qdpx"])
def test_cancel_in_the_middle_of_the_stream_leaves_no_file(tricky, tmp_path, monkeypatch, fmt):
    monkeypatch.setattr(store.export_rows, "CHUNK", 2)  # five chunks: cancel after the second
    calls = []

    def progress(done, total):
        calls.append((done, total))
        return len(calls) < 3

    out = tmp_path / f"cancelled.{fmt}"
    with pytest.raises(Cancelled):
        tricky.exports.export(fmt, out, progress=progress)
    assert not out.exists() and not list(tmp_path.glob("*.partial*"))
    assert calls[0] == (0, 10) and 0 < calls[-1][0] < 10
    seen = []
    assert tricky.exports.export(fmt, out, progress=lambda d, t: seen.append((d, t)) or True) == 10
    assert seen[-1] == (10, 10) and [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_times_read_from_the_store_match_datetime():
    rng = random.Random(7)
    for i in range(3000):
        dt = datetime(2021, 1, 1, tzinfo=UTC) + timedelta(microseconds=rng.randrange(10**15))
        if i % 3 == 0:
            dt = dt.replace(microsecond=0)  # ".000": isoformat() drops the fraction
        if i % 5 == 0:
            dt = dt.astimezone(timezone(timedelta(hours=8)))
        if i % 7 == 0:
            dt = dt.replace(tzinfo=None)  # local time
        stored = store.rows.stamp(dt)
        parsed = datetime.fromisoformat(stored)
        assert iso_text(stored) == parsed.isoformat()
        assert zulu_text(stored) == qdpx.zulu(parsed)
    assert iso_text(None) == zulu_text("") == ""


def test_escaping_a_column_at_once_equals_escaping_each_value():
    def esc(v: str) -> str:
        return v.replace("&", "&amp;").replace("<", "&lt;")

    def cut(v: str) -> str:
        return esc(v[:5])

    values = ["a<b", "", "&", "数据\ue001"]
    assert escape_column(values, esc) == [esc(v) for v in values]
    # A value holding the separator, or one longer than the limit, is escaped value by value.
    assert escape_column(["x\ue000<", "y"], esc) == ["x\ue000&lt;", "y"]
    assert escape_column(["123456789<", "<"], esc, cut, limit=5) == ["12345", "&lt;"]
    assert escape_column([], esc) == []


def test_validate_uses_the_shipped_schema_and_reports_problems(tricky, tmp_path):
    shipped = qdpx.schema_path()
    if (SCHEMAS / "Project-mrt2019.xsd").is_file():  # the standard's file, byte for byte
        assert (
            hashlib.sha256(shipped.read_bytes()).digest()
            == hashlib.sha256((SCHEMAS / "Project-mrt2019.xsd").read_bytes()).digest()
        )
    out = tmp_path / "p.qdpx"
    tricky.exports.export("qdpx", out)
    assert qdpx.validate(out) == []
    with zipfile.ZipFile(out) as z:
        xml = z.read("project.qde").replace(b"<CodeRef ", b"<Unknown/><CodeRef ", 1)
    (tmp_path / "bad.qde").write_bytes(xml)
    problems = qdpx.validate(tmp_path / "bad.qde")
    assert len(problems) == 1 and "Unknown" in problems[0]
