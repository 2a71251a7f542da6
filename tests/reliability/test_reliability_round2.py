"""The second round of hostile inputs and faults: each data-loss or leak found by trying the program as an
attacker or a new user would, with the project compared byte for byte before and after."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from faults import TEXT, foreign_sqlite, make_project, read_only_folder, snapshot

from annotator.cli import main
from annotator.core.errors import AnnotatorError, InputError, ProjectError
from annotator.services import Project
from annotator.services import backup as backups

ROOT = Path(__file__).resolve().parents[2]


def _err(capsys) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return err


# 1. No command writes over the open project, its -wal/-shm or its backups ------------------------


def test_export_never_writes_over_the_project_its_wal_or_its_backups(tmp_path, capsys):
    path = tmp_path / "p.sqlite"
    make_project(path)
    assert main(["backups", str(path), "--make"]) == 0
    backup = backups.list_backups(path)[0].path
    assert main(["tag", str(path), "1", "0", "3", "用户数据权益", "--annotator", "乙"]) == 0
    capsys.readouterr()
    for target in (
        path,
        path.with_name("p.sqlite-wal"),
        path.with_name("p.sqlite-shm"),
        backup,
        foreign_sqlite(tmp_path / "other.sqlite"),
        tmp_path,
    ):
        before, before_backup = snapshot(path), backup.read_bytes()
        assert main(["export", str(path), "--format", "csv", "-o", str(target)]) == 1
        err = _err(capsys)
        assert err.startswith("annotator: error: ") and "nothing was written" in err, err
        assert err.count("\n") == 1
        assert snapshot(path) == before and backup.read_bytes() == before_backup
    for args in (
        ["codebook", str(path), "--export", str(path)],
        ["segments", str(path), "--format", "csv", "-o", str(backup)],
        ["agree", str(path), "--annotators", "甲", "乙", "--report", str(path.with_name("p.sqlite-wal"))],
    ):
        before = snapshot(path)
        assert main(args) == 1, args
        assert "nothing was written" in _err(capsys)
        assert snapshot(path) == before


def test_the_gui_new_project_dialog_never_deletes_the_open_project(window, monkeypatch):
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    path = window.project.path
    before = window.project.annotations.list()
    shown = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    window.new_project()
    assert shown and "open project" in shown[0]
    assert window.project.path == path and path.exists()
    assert window.project.annotations.list() == before


# 2. Restore refuses while another process has the project open -----------------------------------


def test_restore_refuses_while_another_process_holds_the_project(tmp_path, capsys):
    path = tmp_path / "p.sqlite"
    make_project(path)
    assert main(["backups", str(path), "--make"]) == 0
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from annotator.services import Project; "
            "p = Project.open(sys.argv[1]); p.documents.list(); print('open', flush=True); sys.stdin.read()",
            str(path),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        capsys.readouterr()
        before = snapshot(path)
        assert main(["backups", str(path), "--restore", "latest"]) == 1
        err = _err(capsys)
        assert "another program" in err and "close it first" in err
        assert snapshot(path)[0] == before[0]
        assert not list(tmp_path.glob("p.replaced-*"))
    finally:
        holder.communicate("")
    assert main(["backups", str(path), "--restore", "latest"]) == 0  # closed: now it may


# 3. Names with # ? % & and spaces ----------------------------------------------------------------


def test_backup_checks_and_restores_work_for_names_with_uri_characters(tmp_path, capsys):
    folder = tmp_path / "研究 #1?%&"
    folder.mkdir()
    path = folder / "项目 #?%& 空格.sqlite"
    ids = make_project(path)
    assert main(["check", str(path)]) == 0
    assert main(["backups", str(path), "--make"]) == 0
    fake = folder / "项目 #?%& 空格-backups" / "项目 #?%& 空格-20990101-000000.sqlite"
    fake.write_bytes(b"SQLite format 3\x00" + os.urandom(8192))  # random bytes dressed as a backup
    before = snapshot(path)
    assert main(["backups", str(path), "--restore", str(fake)]) == 1
    assert "damaged" in _err(capsys)
    assert snapshot(path) == before
    fake.unlink()
    assert main(["backups", str(path), "--restore", "latest"]) == 0
    with Project.open(path) as p:
        assert [a.id for a in p.annotations.list()] == ids


# 4. A document matched by uuid whose text differs: re-anchored by quote, or reported -------------


def _jsonl_lines(project: Project, tmp_path: Path) -> list[dict]:
    out = tmp_path / "x.jsonl"
    project.exports.export("jsonl", out)
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("change", ["prepend", "crlf"])
def test_jsonl_tags_of_a_changed_text_land_on_their_words_not_on_their_numbers(tmp_path, change):
    src = tmp_path / "src.sqlite"
    make_project(src)
    with Project.open(src) as p:
        line = _jsonl_lines(p, tmp_path)[0]
        quotes = [
            p.documents.get(line_doc.id).text[a.start : a.end]
            for line_doc in p.documents.list()
            for a in p.annotations.list()
        ]
    # A colleague's copy: one sentence prepended (or CRLF line ends); offsets count in that text.
    if change == "prepend":
        extra = "补充说明一句。"
        line["text"] = extra + line["text"]
        shift = len(extra)
    else:
        line["text"] = line["text"].replace("\n", "\r\n") + "第二段。\r\n"
        shift = 0
    for a in line["annotations"]:
        a["start"] += shift
        a["end"] += shift
        a["uuid"] = a["uuid"][:-4] + "beef"  # a colleague's own tags on the same passages
        a["annotator"], a["annotator_uuid"] = "乙", "00000000-0000-4000-8000-00000000beef"
    line["label"] = [[a["start"], a["end"], a["label"]] for a in line["annotations"]]
    changed = tmp_path / "colleague.jsonl"
    changed.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    target = tmp_path / "target.sqlite"
    shutil.copyfile(src, target)
    with Project.open(target) as p:
        changes = p.imports.import_file(changed)
        placed = [a.text for a in changes.annotations_added]
        text = p.documents.list()[0]
        stored = p.documents.get(text.id).text
        assert all(stored[a.start : a.end] == a.text for a in changes.annotations_added)
    assert sorted(placed) == sorted(quotes)
    assert any("differs" in m for m in changes.messages)


def test_a_tag_whose_passage_is_not_in_the_projects_text_is_reported_not_placed(tmp_path):
    src = tmp_path / "src.sqlite"
    make_project(src, tags=1)
    before = snapshot(src)[0]
    with Project.open(src) as p:
        line = _jsonl_lines(p, tmp_path)[0]
        line["text"] = "完全不同的另一段文字，被告王五。" + line["text"][10:]
        for a in line["annotations"]:
            a.update(start=0, end=4, uuid=a["uuid"][:-4] + "cafe", annotator="乙", annotator_uuid=None)
        path = tmp_path / "wrong.jsonl"
        path.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
        with pytest.raises(InputError, match="not placed"):
            p.imports.import_file(path)
    assert snapshot(src)[0] == before


def test_qdpx_selection_without_name_on_a_changed_source_is_placed_by_its_passage(tmp_path):
    src = tmp_path / "src.sqlite"
    make_project(src, tags=1)
    out = tmp_path / "p.qdpx"
    with Project.open(src) as p:
        p.exports.export("qdpx", out)
        quote = p.annotations.list()[0].text
    with zipfile.ZipFile(out) as z:
        members = {n: z.read(n) for n in z.namelist()}
    qde = members["project.qde"].decode()
    import re

    qde = re.sub(r'(<PlainTextSelection[^>]*?) name="[^"]*"', r"\1", qde)  # no quote to check against
    qde = re.sub(r'startPosition="(\d+)"', lambda m: f'startPosition="{int(m.group(1)) + 4}"', qde)
    qde = re.sub(r'endPosition="(\d+)"', lambda m: f'endPosition="{int(m.group(1)) + 4}"', qde)
    qde = re.sub(
        r'guid="([0-9a-f-]{32,36})"(\s+startPosition)',
        lambda m: f'guid="{m.group(1)[:-4]}d00d"{m.group(2)}',
        qde,
    )
    for n in members:
        if n.startswith("sources/") and n.endswith(".txt"):
            members[n] = "前言四字".encode() + members[n]
    members["project.qde"] = qde.encode()
    changed = tmp_path / "changed.qdpx"
    with zipfile.ZipFile(changed, "w") as z:
        for n, data in members.items():
            z.writestr(n, data)
    with Project.open(src) as p:
        p.annotations.remove(p.annotations.list()[0].id)  # so the placed tag is not "already here"
        changes = p.imports.import_file(changed, annotator="乙")
        assert [a.text for a in changes.annotations_added] == [quote]


# 5. Invisible text, and a corrected text that would unplace most tags ----------------------------


def test_text_of_invisible_characters_only_is_refused_everywhere(tmp_path, capsys):
    path = tmp_path / "p.sqlite"
    make_project(path)
    blank = tmp_path / "blank.txt"
    blank.write_text("\u200b\n\u200b\ufeff\u2060 \u3000\n", encoding="utf-8")
    before = snapshot(path)
    assert main(["update-doc", str(path), "1", str(blank)]) == 1
    assert "no visible text" in _err(capsys)
    assert main(["import", str(path), str(blank)]) == 1
    assert "no visible text" in _err(capsys)
    assert snapshot(path) == before


def test_update_doc_that_would_unplace_most_tags_needs_force(tmp_path, capsys):
    path = tmp_path / "p.sqlite"
    make_project(path, tags=3)
    other = tmp_path / "other.txt"
    other.write_text("这是另一份完全无关的判决书，讲的是合同纠纷。\n", encoding="utf-8")
    before = snapshot(path)
    assert main(["update-doc", str(path), "1", str(other)]) == 1
    err = _err(capsys)
    assert "3 of 3 tags unplaced" in err and "--force" in err
    assert snapshot(path) == before
    assert main(["update-doc", str(path), "1", str(other), "--force"]) == 0


def test_the_gui_asks_before_a_corrected_text_unplaces_most_tags(window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from annotator.ui.transfer import corrected_text as versions

    doc = window.document_id
    window.view.select_range(5, 9)
    window.tag_selection(window.project.codebook.list()[0].id)
    other = tmp_path / "other.txt"
    other.write_text("完全无关的文字。\n", encoding="utf-8")
    asked = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.No
    )
    before = window.project.documents.get(doc).text
    assert versions.import_corrected(window, other, show_report=False) is None
    assert asked and "1 of 1" in asked[0]
    assert window.project.documents.get(doc).text == before


# 7. Only init creates a schema ----------------------------------------------------------------


@pytest.mark.parametrize("kind", ["foreign", "empty"])
def test_commands_refuse_a_file_that_is_not_a_project_and_leave_it_unchanged(tmp_path, capsys, kind):
    path = tmp_path / "other.sqlite"
    if kind == "foreign":
        foreign_sqlite(path)
    else:
        path.write_bytes(b"")
    before = snapshot(path)
    for args in (
        ["tag", str(path), "1", "0", "2", "用户数据权益"],
        ["docs", str(path)],
        ["stats", str(path)],
        ["import", str(path), str(tmp_path / "x.txt")],
        ["check", str(path)],
        ["backups", str(path), "--make"],
    ):
        assert main(args) == 1, args
        err = _err(capsys)
        assert "not a project" in err or "empty" in err, err
        assert snapshot(path) == before


# 8. Control characters never reach category names ------------------------------------------------


def test_category_names_with_control_characters_are_refused_on_every_path(tmp_path, capsys):
    path = tmp_path / "p.sqlite"
    make_project(path)
    before = snapshot(path)
    jsonl = tmp_path / "ctrl.jsonl"
    jsonl.write_text(
        json.dumps({"text": TEXT, "label": [[5, 8, "\x01=CTRL"], [10, 14, "坏\n名"]]}) + "\n",
        encoding="utf-8",
    )
    codebook = tmp_path / "codebook.json"
    codebook.write_text(
        json.dumps(
            {"format": "judgment-annotator-codebook", "version": 1, "categories": [{"name": "a\x00b"}]}
        ),
        encoding="utf-8",
    )
    for args in (
        ["import-annotations", str(path), str(jsonl), "--add-categories"],
        ["codebook", str(path), "--import", str(codebook)],
        ["category", "add", str(path), "行一\n行二"],
        ["category", "rename", str(path), "1", "--name", "tab\there"],
        ["init", str(tmp_path / "new.sqlite"), "--codebook", str(codebook)],
    ):
        assert main(args) == 1, args
        assert "control characters" in _err(capsys)
    assert snapshot(path)[0] == before[0]
    assert not (tmp_path / "new.sqlite").exists()


# 9. A qdpx never reads the recipient's files ----------------------------------------------------


def test_qdpx_sources_outside_the_archive_are_read_only_from_its_folder(tmp_path):
    secret = tmp_path / "private" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("绝密外部文件-SECRET-1234", encoding="utf-8")
    (tmp_path / "share").mkdir()
    (tmp_path / "share" / "beside.txt").write_text(TEXT, encoding="utf-8")
    guid = "00000000-0000-4000-8000-0000000000{:02d}"
    sources = "".join(
        f'<TextSource guid="{guid.format(i)}" name="s{i}" plainTextPath="{where}"/>'
        for i, where in enumerate(
            [f"absolute://{secret}", "relative://../private/secret.txt", str(secret), "relative://beside.txt"]
        )
    )
    xml = (
        f'<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="x" '
        f'basePath="absolute://{secret.parent}"><Sources>{sources}</Sources></Project>'
    )
    qdpx = tmp_path / "share" / "evil.qdpx"
    with zipfile.ZipFile(qdpx, "w") as z:
        z.writestr("project.qde", xml)
    path = tmp_path / "p.sqlite"
    make_project(path)
    with Project.open(path) as p:
        bundle = p.imports.read(qdpx)
        texts = [d.text for d in bundle.documents]
        assert texts == [TEXT]  # only the file beside the archive
        assert all("SECRET" not in (t or "") for t in texts)
        notes = " ".join(bundle.notes)
        assert notes.count("not read") == 3 and "beside.txt" in notes


# 10. Every sheet of every report is free of live formulas ---------------------------------------


def test_agreement_report_xlsx_never_holds_a_formula_even_in_headers(tmp_path):
    import openpyxl

    path = tmp_path / "p.sqlite"
    with Project.create(path) as p:
        doc = p.documents.add_text("判决", TEXT).documents_added[0]
        evil = p.codebook.add("=1+1").categories_added[0].id
        other = p.codebook.add("@SUM(A1)").categories_added[0].id
        a, b = p.annotators.ensure("=A").id, p.annotators.ensure("乙").id
        p.annotations.add(doc.id, 0, 4, evil, a)
        p.annotations.add(doc.id, 0, 4, other, b)
        p.annotations.add(doc.id, 10, 14, evil, b)
        result = p.review.agreement([a, b])
        out = tmp_path / "report.xlsx"
        p.review.export_report(result, out)
    book = openpyxl.load_workbook(out)
    assert "Confusion" in book.sheetnames
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row]
    # Text cells are typed as strings, which no spreadsheet runs; a formula-typed cell would run.
    assert not [(c.parent.title, c.coordinate) for c in cells if c.data_type == "f"]
    assert "=1+1" in [c.value for c in book["Confusion"][1]]  # the header shows the name as it is


# 11. The -wal file deleted under an open project is detected, and nothing confirmed is lost -----


def test_a_deleted_wal_is_detected_and_a_rescue_backup_keeps_every_tag(window, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a[2]))
    window.view.select_range(5, 9)
    tag = window.tag_selection(window.project.codebook.list()[0].id).annotations_added[0]
    window.features.external_changes.check()
    assert not warned
    path = window.project.path
    for side in ("-wal", "-shm"):
        path.with_name(path.name + side).unlink()
    assert window.project.wal_lost()
    window.features.external_changes.check()
    assert len(warned) == 1 and "-wal" in warned[0]
    rescued = backups.list_backups(path)[0].path
    with Project.open(rescued) as copy:
        assert tag.uuid in {a.uuid for a in copy.annotations.list()}
    window.features.external_changes.check()
    assert len(warned) == 1  # said once


# 12. FIFOs and devices are refused at once, never read --------------------------------------------


def test_fifo_and_devices_are_refused_by_every_reader(tmp_path, capsys):
    import faulthandler

    path = tmp_path / "p.sqlite"
    make_project(path)
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    zero = tmp_path / "zero.txt"
    zero.symlink_to("/dev/zero")
    rnd = tmp_path / "random.qdpx"
    rnd.symlink_to("/dev/urandom")
    before = snapshot(path)
    # A hang fails the run instead of stalling it (capsys replaces stderr, so name the real one).
    faulthandler.dump_traceback_later(60, exit=True, file=sys.__stderr__)
    try:
        for bad in (fifo, zero, rnd):
            for args in (
                ["import", str(path), str(bad)],
                ["update-doc", str(path), "1", str(bad)],
                ["import-annotations", str(path), str(bad), "--format", "jsonl"],
                ["import-annotations", str(path), str(bad), "--format", "qdpx"],
                ["codebook", str(path), "--import", str(bad)],
                ["merge", str(path), str(bad)],
                ["init", str(tmp_path / "new.sqlite"), "--codebook", str(bad)],
                ["docs", str(bad)],
            ):
                assert main(args) == 1, args
                err = _err(capsys)
                assert err.count("\n") == 1, err
                assert "not a regular file" in err or "named pipe" in err or "device" in err, err
    finally:
        faulthandler.cancel_dump_traceback_later()
    assert snapshot(path) == before


# 13. Read-only files, locks held too long, bad schema versions, huge numbers ---------------------


def test_a_read_only_project_opens_read_only_and_refuses_changes_clearly(tmp_path, capsys):
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "p.sqlite"
    make_project(path)
    before = snapshot(path)
    with read_only_folder(folder) as ok:
        if not ok:
            pytest.skip("cannot make a folder read-only here")
        assert main(["docs", str(path)]) == 0
        assert "判决" in capsys.readouterr().out
        with Project.open(path) as p:
            assert p.read_only
        assert main(["tag", str(path), "1", "0", "3", "用户数据权益"]) == 1
        err = _err(capsys)
        assert "read-only" in err and err.count("\n") == 1
    assert snapshot(path) == before


def test_a_write_lock_held_too_long_is_a_clear_message(tmp_path, monkeypatch):
    import sqlite3

    from annotator.store import sqlite

    path = tmp_path / "p.sqlite"
    make_project(path)
    monkeypatch.setitem(sqlite.PRAGMAS, "busy_timeout", 200)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with Project.open(path) as p:
            with pytest.raises(ProjectError, match="busy"):
                p.annotations.add(1, 0, 3, p.codebook.list()[0].id, p.annotators.list()[0].id)
    finally:
        holder.execute("ROLLBACK")
        holder.close()


@pytest.mark.parametrize(
    "value, says",
    [
        ("abc", "not a whole number"),
        ("5.0", "not a whole number"),
        (None, "no schema_version"),
        ("99", "newer version"),
    ],
)
def test_bad_schema_versions_are_explained(tmp_path, capsys, value, says):
    import sqlite3

    path = tmp_path / "p.sqlite"
    make_project(path)
    con = sqlite3.connect(path)
    if value is None:
        con.execute("DELETE FROM project_info WHERE key = 'schema_version'")
    else:
        con.execute("UPDATE project_info SET value = ? WHERE key = 'schema_version'", (value,))
    con.commit()
    con.close()
    (tmp_path / "mine").mkdir()
    other = tmp_path / "mine" / "mine.sqlite"
    make_project(other)
    before = snapshot(path)
    assert main(["docs", str(path)]) == 1
    assert says in _err(capsys)
    assert main(["merge", str(other), str(path)]) == 1
    assert says in _err(capsys)
    assert snapshot(path) == before


def test_huge_and_odd_numbers_are_refused_in_one_line(tmp_path, capsys):
    path = tmp_path / "p.sqlite"
    make_project(path)
    before = snapshot(path)
    for args in (
        ["tag", str(path), "1", "0", "9223372036854775808", "用户数据权益"],
        ["tag", str(path), "99999999999999999999", "0", "3", "用户数据权益"],
        ["tag", str(path), "1", "٥", "9", "用户数据权益"],
        ["tag", str(path), "1", "1_0", "12", "用户数据权益"],
        ["remove-doc", str(path), "-1"],
    ):
        with pytest.raises(SystemExit) as exc:
            main(args)
        assert exc.value.code == 2
        err = _err(capsys)
        assert err.startswith("annotator: error: ") and err.count("\n") == 1, err
    assert snapshot(path) == before


def test_a_refused_tag_adds_no_annotator(tmp_path, capsys):
    path = tmp_path / "p.sqlite"
    make_project(path)
    before = snapshot(path)
    assert main(["tag", str(path), "1", "0", "9999", "用户数据权益", "--annotator", "新人"]) == 1
    assert main(["tag", str(path), "1", "0", "3", "没有这个类别", "--annotator", "新人"]) == 1
    _err(capsys)
    assert snapshot(path) == before


# The unclear-or-inconsistent class -------------------------------------------------------------


def test_unknown_commands_and_server_urls_are_refused_without_side_effects(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["nosuchcommand"]) == 2
    err = _err(capsys)
    assert "unknown command 'nosuchcommand'" in err
    assert main(["init", "mysql://user@server/research"]) == 1
    assert "mysql:// locations are not supported" in _err(capsys)
    assert list(tmp_path.iterdir()) == []


def test_without_a_display_the_gui_says_so_in_one_line(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["PYTHONPATH"] = str(ROOT)
    done = subprocess.run(
        [sys.executable, "-m", "annotator", str(tmp_path / "new.sqlite")],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert done.returncode == 1
    assert done.stderr.startswith("annotator: error: no display") and done.stderr.count("\n") == 1
    assert not (tmp_path / "new.sqlite").exists()


def test_merge_names_a_folder_or_fifo_for_what_it_is(tmp_path, capsys):
    path = tmp_path / "p.sqlite"
    make_project(path)
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    assert main(["merge", str(path), str(tmp_path)]) == 1
    assert "folder" in _err(capsys)
    assert main(["merge", str(path), str(fifo)]) == 1
    assert "named pipe" in _err(capsys)


def test_file_names_with_tabs_newlines_or_gbk_bytes_make_one_line_titles(tmp_path, capsys):
    path = tmp_path / "p.sqlite"
    make_project(path)
    odd = tmp_path / "判决\t第一\n号.txt"
    odd.write_text("本院认为，另一份判决书的内容。\n", encoding="utf-8")
    gbk = tmp_path / (os.fsdecode("判决书".encode("gbk")) + ".txt")
    gbk.write_text("本院认为，第三份判决书。\n", encoding="utf-8")
    assert main(["import", str(path), str(odd), str(gbk)]) == 0
    capsys.readouterr()
    assert main(["docs", str(path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3 and all(line.count("\t") == 3 for line in lines)
    assert "判决 第一 号" in lines[1]
    missing = tmp_path / (os.fsdecode("缺失的判决".encode("gbk")) + ".txt")
    assert main(["import", str(path), str(missing)]) == 1
    err = _err(capsys)
    assert "does not exist" in err and "\\x" in err


def test_jsonl_dry_run_counts_what_the_import_adds(tmp_path, capsys):
    path = tmp_path / "p.sqlite"
    make_project(path, tags=0)
    line = {"text": TEXT, "label": [[5, 8, "用户数据权益"]] * 500 + [[10, 14, "用户数据权益"]]}
    jsonl = tmp_path / "many.jsonl"
    jsonl.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    assert main(["import-annotations", str(path), str(jsonl), "--dry-run", "--annotator", "甲"]) == 0
    assert capsys.readouterr().out.startswith("2 tags to add")
    assert main(["import-annotations", str(path), str(jsonl), "--annotator", "甲"]) == 0
    assert capsys.readouterr().out.startswith("2 tags")


def test_qdpx_positions_must_be_ascii_digits(tmp_path):
    path = tmp_path / "p.sqlite"
    make_project(path, tags=1)
    out = tmp_path / "p.qdpx"
    with Project.open(path) as p:
        p.exports.export("qdpx", out)
        with zipfile.ZipFile(out) as z:
            members = {n: z.read(n) for n in z.namelist()}
        import re

        for odd in ("٥", "1_0", " 5"):
            qde = re.sub(
                r'startPosition="\d+"', f'startPosition="{odd}"', members["project.qde"].decode(), count=1
            )
            bad = tmp_path / "odd.qdpx"
            with zipfile.ZipFile(bad, "w") as z:
                for n, data in members.items():
                    z.writestr(n, qde.encode() if n == "project.qde" else data)
            with pytest.raises(AnnotatorError, match="not whole numbers"):
                p.imports.import_file(bad)


def test_a_partial_file_left_by_a_killed_export_is_cleared(tmp_path):
    path = tmp_path / "p.sqlite"
    make_project(path)
    target = tmp_path / "out.csv"
    stale = tmp_path / "out.csv.partial"
    stale.write_bytes(b"half an export")
    with Project.open(path) as p:
        p.exports.export("csv", target)
    assert target.exists() and not stale.exists()


def test_the_window_opens_a_read_only_project_read_only_and_says_so(open_window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "p.sqlite"
    make_project(path)
    before = snapshot(path)
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    with read_only_folder(folder) as ok:
        if not ok:
            pytest.skip("cannot make a folder read-only here")
        project = Project.open(path)
        w = open_window(project, "新来的人", wait=False)
        assert "(read-only)" in w.windowTitle()
        assert "read-only" in w.statusBar().currentMessage()
        w.view.select_range(0, 3)
        w.tag_selection(w.project.codebook.list()[0].id)
        assert len(w.project.annotations.list()) == 2  # the tag was refused
        assert any("read-only" in m for m in shown) or "read-only" in w.statusBar().currentMessage()
        w.close()
    assert snapshot(path) == before
