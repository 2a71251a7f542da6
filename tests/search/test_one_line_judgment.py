"""A researcher imports a judgment that arrives as one line (or with paragraphs separated by spaces):
the import dialog stores it (with paragraph breaks where import puts them), the structure dock shows its case number, court, parties and
sections (labels in the interface language), the title comes from what was found, and search filters by
its court and keeps hits in 本院认为 — in the GUI and from the command line."""

from __future__ import annotations

import json
from pathlib import Path
from unittest.mock import patch

import pytest

from annotator.cli import main
from annotator.ui.corpus.structure import RANGE_ROLE

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "sample_texts" / "04_data_crime_criminal.txt"
REAL = ROOT.parent / "shared" / "realtexts" / "dev" / "daybright_0120dec7291b46ca8c19a7f9009762f5.txt"


def one_line(path: Path, joiner: str = "") -> str:
    return joiner.join(path.read_text(encoding="utf-8").splitlines())


def _children(item):
    return [item.child(i) for i in range(item.childCount())]


def _import(window, qtbot, path):
    from annotator.ui.transfer.import_dialog import ImportDialog

    dialog = ImportDialog(window.project, window, paths=[str(path)])
    qtbot.addWidget(dialog)
    with patch("annotator.ui.transfer.import_dialog.QMessageBox.warning"):
        dialog._import()
    window.apply_changes(dialog.changes)
    (info,) = dialog.changes.documents_added
    return info


def test_a_one_line_judgment_in_the_dock_and_the_search(window, qtbot, tmp_path):
    text = one_line(SAMPLE)
    path = tmp_path / "download.txt"
    path.write_text(text, encoding="utf-8")
    info = _import(window, qtbot, path)
    # Import may put paragraph breaks into a one-line text (a recorded step); the court's words stay.
    stored = window.project.documents.get(info.id).text
    assert stored.replace("\n", "") == text
    text = stored
    assert info.title == "浙江省明川市云湖区人民法院 （2022）浙0196刑初412号 刑事判决书"

    window.open_document(info.id)
    tree = window.features.structure_panel
    tops = {tree.topLevelItem(i).text(0): tree.topLevelItem(i) for i in range(tree.topLevelItemCount())}
    facts = {c.text(0): c.text(1) for c in _children(tops["Judgment"])}
    assert facts["Case number"] == "（2022）浙0196刑初412号"
    assert facts["Court"] == "浙江省明川市云湖区人民法院"
    assert (facts["Document type"], facts["Procedure"], facts["Cause of action"]) == (
        "刑事判决书",
        "一审",
        "非法获取计算机信息系统数据罪",
    )
    parties = [(c.text(0), c.text(1)) for c in _children(tops["Parties"])]
    assert parties[:2] == [("公诉机关", "浙江省明川市云湖区人民检察院"), ("被告人", "孙某某")]
    sections = {c.text(0): c for c in _children(tops["Sections"])}
    assert {"当事人", "本院认为", "裁判主文", "尾部"} <= set(sections)
    tree._clicked(sections["本院认为"], 0)
    start, end = sections["本院认为"].data(0, RANGE_ROLE)
    assert window.view.selected_range() == (start, end) and text[start:].startswith("本院认为")

    # Search: court filter and the reasoning section, through the search dock.
    act = [a for a in window.actions() if a.objectName() == "actionSearchProject"][0]
    act.trigger()
    panel = window.features.search_panel
    panel.query.setText("数据")
    panel.filters.setText("court~云湖区")
    panel.section.setCurrentIndex(panel.section.findData("reasoning"))
    panel.run_search()
    hits = panel.model.hits
    assert hits and {h.document_id for h in hits} == {info.id}
    assert all(start <= h.start < end for h in hits)
    panel.filters.setText("court~海淀区")
    panel.run_search()
    assert panel.model.hits == []


def test_the_dock_labels_are_translated(window, qtbot, tmp_path, qapp):
    from PySide6.QtWidgets import QApplication

    from annotator.ui.common import i18n

    path = tmp_path / "download.txt"
    path.write_text(one_line(SAMPLE, " "), encoding="utf-8")
    info = _import(window, qtbot, path)
    i18n.load_translations(QApplication.instance(), "zh_CN")
    try:
        window.open_document(info.id)
        tree = window.features.structure_panel
        tops = {tree.topLevelItem(i).text(0): tree.topLevelItem(i) for i in range(tree.topLevelItemCount())}
        facts = {c.text(0): c.text(1) for c in _children(tops["裁判文书"])}
        assert facts["案号"] == "（2022）浙0196刑初412号" and facts["法院"] == "浙江省明川市云湖区人民法院"
        assert facts["案由"] == "非法获取计算机信息系统数据罪" and "当事人" in tops
    finally:
        i18n.load_translations(QApplication.instance(), "en")


def _run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.skipif(
    not REAL.is_file(),
    reason=f"the real judgments are not at {REAL.parent} (they live in the team's shared folder)",
)
@pytest.mark.parametrize("joiner", ["", " "], ids=["one_line", "spaces"])
def test_cli_filters_a_real_one_line_judgment_by_court_and_section(tmp_path, capsys, joiner):
    proj = tmp_path / "p.sqlite"
    real = tmp_path / "real.txt"
    real.write_text(one_line(REAL, joiner), encoding="utf-8")
    sample = tmp_path / "sample.txt"
    sample.write_text(one_line(SAMPLE, joiner), encoding="utf-8")
    assert _run(capsys, "init", proj)[0] == 0
    code, out, _ = _run(capsys, "import", proj, real, sample)
    assert code == 0
    real_id, sample_id = (int(x) for x in out.split())

    code, out, _ = _run(capsys, "docs", proj, "--json")
    titles = {d["id"]: d["title"] for d in json.loads(out)}
    assert titles[real_id] == "重庆市南岸区人民法院 （2017）渝0108刑初680号 刑事判决书"

    code, out, _ = _run(
        capsys, "search", proj, "被告人", "--where", "court~南岸区", "--section", "reasoning", "--json"
    )
    assert code == 0
    hits = json.loads(out)
    assert hits and {h["document_id"] for h in hits} == {real_id}
    assert all(
        h["court"] == "重庆市南岸区人民法院" and h["case_number"] == "（2017）渝0108刑初680号" for h in hits
    )
    code, out, _ = _run(capsys, "structure", proj, str(real_id), "--json")
    sections = {s["kind"]: s for s in json.loads(out)[0]["sections"]}
    assert all(sections["reasoning"]["start"] <= h["start"] < sections["reasoning"]["end"] for h in hits)
    # Without the court filter the other judgment's reasoning has hits too; with 刑事 both do.
    code, out, _ = _run(capsys, "search", proj, "被告人", "--section", "reasoning", "--json")
    assert {h["document_id"] for h in json.loads(out)} == {real_id, sample_id}
    code, out, _ = _run(capsys, "search", proj, "被告人", "--where", "court~不存在", "--json")
    assert json.loads(out) == []
