"""brat discontinuous spans (`T1 Type 0 5;10 15`): the import says the span is discontinuous and
brings it in as its fragments (default) or as its covering span, by the user's choice in the CLI
(`--fragments`) and in File → Import annotations. The brat files are written here as brat writes them:
the T line's text is the fragments' texts joined by one space."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from annotator.cli import main  # noqa: E402
from annotator.core.errors import InputError  # noqa: E402
from annotator.services import Project  # noqa: E402

TEXT = "原告𠮷某诉称：被告擅自抓取用户数据，\n构成不正当竞争。本院认为，数据携带权不能对抗平台的竞争权益。"
CONF = "[entities]\nUser_data_rights\nPlatform_rights\n[relations]\n[events]\n[attributes]\n"
VISUAL = (
    "[labels]\nUser_data_rights | 用户数据权益\nPlatform_rights | 平台数据资源竞争权益\n"
    "[drawing]\nUser_data_rights\tbgColor:#FFCC00\n"
)


def _span(passage: str) -> tuple[int, int]:
    s = TEXT.index(passage)  # code points: 𠮷 before every passage counts as one
    return s, s + len(passage)


def write_brat(folder, *, quote: str | None = None) -> None:
    """One document: T1 is discontinuous (被告 … 抓取用户数据, leaving out 擅自), with an annotator and
    a memo; T2 spans a line break (two fragments with only the break between: one passage); T3 plain."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "judgment.txt").write_text(TEXT, encoding="utf-8")
    a, b = _span("被告"), _span("抓取用户数据")
    c1, c2 = _span("抓取用户数据，"), _span("构成不正当竞争")
    d = _span("数据携带权")
    lines = [
        f"T1\tUser_data_rights {a[0]} {a[1]};{b[0]} {b[1]}\t{quote if quote is not None else '被告 抓取用户数据'}",
        "#1\tAnnotatorNotes T1\tannotator: 张三",
        "#2\tAnnotatorNotes T1\t主语与行为分开标注",
        f"T2\tPlatform_rights {c1[0]} {c1[1]};{c2[0]} {c2[1]}\t抓取用户数据， 构成不正当竞争",
        f"T3\tUser_data_rights {d[0]} {d[1]}\t数据携带权",
    ]
    (folder / "judgment.ann").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "annotation.conf").write_text(CONF, encoding="utf-8")
    (folder / "visual.conf").write_text(VISUAL, encoding="utf-8")


def tags_of(path) -> list[tuple[str, str, str, str]]:
    with Project.open(path) as p:
        doc = p.documents.list()[0]
        text = p.documents.get(doc.id).text
        names = {a.id: a.name for a in p.annotators.list()}
        cats = {c.id: c.name for c in p.codebook.list()}
        return sorted(
            (text[a.start : a.end], cats[a.category_id], names[a.annotator_id], a.memo)
            for a in p.annotations.list()
        )


@pytest.fixture
def target(tmp_path):
    path = tmp_path / "p.sqlite"
    Project.create(path).close()
    return path


def test_default_imports_each_fragment_and_says_the_span_is_discontinuous(tmp_path, target, capsys):
    write_brat(tmp_path / "brat")
    assert main(["import-annotations", str(target), str(tmp_path / "brat"), "--annotator", "李四"]) == 0
    out = capsys.readouterr()
    assert "4 tags, 1 documents" in out.out
    assert "1 discontinuous span (T1)" in out.err and "2 fragments" in out.err
    assert tags_of(target) == sorted(
        [
            ("被告", "用户数据权益", "张三", "主语与行为分开标注"),
            ("抓取用户数据", "用户数据权益", "张三", "主语与行为分开标注"),
            (
                "抓取用户数据，\n构成不正当竞争",
                "平台数据资源竞争权益",
                "李四",
                "",
            ),  # a line break: one passage
            ("数据携带权", "用户数据权益", "李四", ""),
        ]
    )
    # Importing the same file again adds nothing.
    assert main(["import-annotations", str(target), str(tmp_path / "brat"), "--annotator", "李四"]) == 0
    assert "0 tags" in capsys.readouterr().out


def test_covering_choice_imports_one_tag_over_the_whole_extent(tmp_path, target, capsys):
    write_brat(tmp_path / "brat")
    assert (
        main(
            [
                "import-annotations",
                str(target),
                str(tmp_path / "brat"),
                "--fragments",
                "covering",
                "--dry-run",
            ]
        )
        == 0
    )
    dry = capsys.readouterr()
    assert dry.out.startswith("3 tags to add") and "discontinuous" in dry.err
    assert (
        main(
            [
                "import-annotations",
                str(target),
                str(tmp_path / "brat"),
                "--fragments",
                "covering",
                "--annotator",
                "李四",
            ]
        )
        == 0
    )
    out = capsys.readouterr()
    assert "3 tags" in out.out and "whole extent" in out.err
    assert ("被告擅自抓取用户数据", "用户数据权益", "张三", "主语与行为分开标注") in tags_of(target)


def test_a_discontinuous_span_whose_text_differs_is_named_discontinuous(tmp_path, target, capsys):
    write_brat(tmp_path / "brat", quote="被告擅自 抓取")
    before = (target.read_bytes(), sorted(os.listdir(tmp_path)))
    assert main(["import-annotations", str(target), str(tmp_path / "brat")]) == 1
    err = capsys.readouterr().err
    assert "discontinuous span of 2 fragments" in err and "nothing was imported" in err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert (target.read_bytes(), sorted(os.listdir(tmp_path))) == before


def test_an_unknown_fragments_choice_is_refused(tmp_path, target):
    write_brat(tmp_path / "brat")
    with Project.open(target) as p, pytest.raises(InputError, match="parts or covering"):
        p.imports.read(tmp_path / "brat", options={"fragments": "halves"})
    assert (
        main(
            [
                "import-annotations",
                str(target),
                str(tmp_path / "brat"),
                "--format",
                "jsonl",
                "--fragments",
                "parts",
            ]
        )
        == 1
    )  # a format without the option says so


def test_import_dialog_offers_the_choice_and_previews_both(qtbot, open_window, tmp_path, target):
    from PySide6.QtCore import Qt

    from annotator.ui.transfer.import_annotations import ImportAnnotationsDialog

    write_brat(tmp_path / "brat")
    zipped = tmp_path / "brat.zip"
    import zipfile

    with zipfile.ZipFile(zipped, "w") as z:
        for f in (tmp_path / "brat").iterdir():
            z.write(f, f"corpus/{f.name}")
    window = open_window(Project.open(target), "测试员", show=False)
    try:
        dialog = ImportAnnotationsDialog(window.project, "测试员", window)
        qtbot.addWidget(dialog)
        dialog.show()
        assert dialog.load(str(zipped))
        assert dialog.fragments_row.isVisible() and dialog.fragments.currentData() == "parts"
        assert "4 tags to add" in dialog.summary.text()
        assert "discontinuous span (T1)" in dialog.details.toPlainText()
        # The user picks the covering span: the preview is read again with that choice.
        dialog.fragments.setFocus()
        qtbot.keyClick(dialog.fragments, Qt.Key.Key_Down)
        assert dialog.fragments.currentData() == "covering"
        assert "3 tags to add" in dialog.summary.text()
        assert "whole extent" in dialog.details.toPlainText()
        dialog.import_button.click()
        texts = sorted(
            window.project.documents.get(a.document_id).text[a.start : a.end]
            for a in window.project.annotations.list()
        )
        assert "被告擅自抓取用户数据" in texts and "被告" not in texts
        # A format without fragments does not show the choice.
        jsonl = tmp_path / "x.jsonl"
        jsonl.write_text('{"text": "本院认为。", "label": []}\n', encoding="utf-8")
        dialog2 = ImportAnnotationsDialog(window.project, "测试员", window)
        qtbot.addWidget(dialog2)
        dialog2.show()
        dialog2.load(str(jsonl))
        assert not dialog2.fragments_row.isVisible()
    finally:
        window.close()
