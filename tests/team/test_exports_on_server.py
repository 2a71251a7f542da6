"""The bulk exports of a team project on the server: csv and json read the tags' text as the driver
gives it (PostgreSQL has no BLOB to cast to) and write the same bytes as the value-by-value forms."""

from __future__ import annotations

import json

from annotator.formats import qdpx
from annotator.formats.base import ExportOptions
from tests.formats.test_export_fast_paths import _plain_csv
from tests.team.conftest import TEXT


def test_csv_json_and_qdpx_export_from_the_server(team, tmp_path):
    from annotator.services import Project

    with Project.open(team.url()) as owner:
        doc = owner.documents.list()[0]
        who = owner.annotators.ensure("甲")
        cat = owner.codebook.list()[0]
        for passage, memo in (("擅自抓取用户数据", '=备注, "引"'), ("王𠮷", "二\n行")):
            s = TEXT.index(passage)
            owner.annotations.add(doc.id, s, s + len(passage), cat.id, who.id, memo=memo)
        options = ExportOptions()
        assert owner.exports.export("csv", tmp_path / "t.csv") == 2
        assert (tmp_path / "t.csv").read_bytes() == _plain_csv(owner.exports.collect(options), options)
        assert owner.exports.export("json", tmp_path / "t.json") == 2
        notes = [a["note"] for a in json.loads((tmp_path / "t.json").read_text("utf-8"))["annotations"]]
        assert notes == ['=备注, "引"', "二\n行"]
        assert owner.exports.export("qdpx", tmp_path / "t.qdpx") == 2
        assert qdpx.validate(tmp_path / "t.qdpx") == []
