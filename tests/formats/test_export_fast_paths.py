"""The bulk exporters' fast paths write exactly what the plain, value-by-value forms write: the csv table
byte for byte what `csv.writer` makes of `csv_table.rows` through the formula guard, from the database
and from a snapshot, including uuids and times outside the store's own forms."""

from __future__ import annotations

import csv
import dataclasses
import io
import random
from datetime import UTC, datetime, timedelta, timezone

import pytest

from annotator.core.cells import csv_cell_utf8, csv_cells_utf8, neutralise_cell
from annotator.formats import csv_table
from annotator.formats.base import ExportData, ExportOptions
from annotator.store import repo
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


@pytest.mark.parametrize("memos", [True, False])
def test_csv_is_what_csv_writer_writes_of_the_rows(tricky, tmp_path, memos):  # noqa: F811
    options = ExportOptions(include_memos=memos)
    streamed = tricky.exports.collect(options)
    tags = repo.list_annotations(document_ids=[d.id for d in streamed.documents])
    # Uuids that are not lower-case GUIDs (one a formula, one with a comma) and times in other zones,
    # without a fraction or missing: the paths that check a chunk's column at once fall back.
    odd = [
        dataclasses.replace(tags[0], uuid="=ODD,uuid", created=datetime(2020, 5, 1, 8, 0, tzinfo=UTC)),
        dataclasses.replace(
            tags[1], created=datetime(2021, 1, 2, 3, 4, 5, 6, tzinfo=timezone(timedelta(hours=8)))
        ),
        dataclasses.replace(tags[2], created=None),
        *tags[3:],
    ]
    for data in (streamed, _snapshot(streamed, tags), _snapshot(streamed, odd)):
        csv_table.export(data, tmp_path / "out.csv", options)
        assert (tmp_path / "out.csv").read_bytes() == _plain_csv(data, options)
    assert b"'=ODD,uuid" not in _plain_csv(_snapshot(streamed, tags), options)
    assert b'"\'=ODD,uuid"' in _plain_csv(_snapshot(streamed, odd), options)


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
