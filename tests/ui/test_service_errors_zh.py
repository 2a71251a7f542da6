"""Errors raised by the services show in the interface language: with the GUI in Chinese, a refused
import, a bad category name, a refused restore and a refused export each show a Chinese dialog text
(the file's name as it is, the sentence translated), not the English sentence the CLI prints."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.services import Project
from annotator.services import backup as backups
from annotator.ui.common import i18n

ROOT = Path(__file__).resolve().parents[2]
TEXT = "本院认为，被告王𠮷未经许可抓取平台数据，构成不正当竞争。"


@pytest.fixture
def window(open_chinese, tmp_path):
    path = tmp_path / "中文界面.sqlite"
    with Project.create(path) as p:
        p.documents.add_text("判决", TEXT)
    return open_chinese(path)


def chinese(text: str, *, path: str = "") -> bool:
    """Chinese sentence: Chinese characters, and no English words once file names are taken out."""
    rest = text.replace(path, "") if path else text
    rest = re.sub(r"[\w.-]*\.(sqlite|jsonl|txt|csv|json)\b|--[\w-]+", "", rest)  # file and option names
    english = [
        w
        for w in re.findall(r"[A-Za-z]{3,}", rest)
        if w not in ("FIFO", "SQLite", "UTF", "MiB", "wal", "shm")
    ]
    return bool(re.search(r"[\u4e00-\u9fff]", rest)) and not english


def test_a_refused_document_import_is_in_chinese(window, warnings, tmp_path):
    from annotator.ui.transfer.import_dialog import ImportDialog

    binary = tmp_path / "扫描件.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    dialog = ImportDialog(window.project, window, paths=[str(binary)])
    dialog._import()
    assert len(warnings) == 1
    assert "这不是文本文件" in warnings[0] and "not a text file" not in warnings[0]
    assert str(binary) in warnings[0] and chinese(warnings[0], path=str(binary))


def test_a_refused_annotation_import_is_in_chinese(window, tmp_path):
    from annotator.ui.transfer.import_annotations import ImportAnnotationsDialog

    pipe = tmp_path / "tags.jsonl"
    os.mkfifo(pipe)
    dialog = ImportAnnotationsDialog(window.project, window.annotator.name, window)
    assert not dialog.load(str(pipe))
    shown = dialog.details.toPlainText()
    assert "命名管道" in shown and chinese(shown, path=str(pipe))
    # A file whose tags fit no category of the codebook: importing it anyway is refused, in Chinese.
    unknown = tmp_path / "unknown.jsonl"
    unknown.write_text(
        json.dumps({"text": TEXT, "label": [[0, 3, "不存在的类别"]]}, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    assert dialog.load(str(unknown))
    assert not dialog.import_button.isEnabled()
    with pytest.raises(Exception) as refused:
        window.project.imports.apply(dialog.bundle, annotator=window.annotator.name)
    text = i18n.error_text(refused.value)
    assert "个类别不在编码本中" in text and chinese(text, path=str(unknown))


def problem_lines(dialog) -> list[str]:
    return [line for line in dialog.details.toPlainText().splitlines() if line.startswith("问题：")]


def test_the_problems_of_a_hostile_brat_file_are_in_chinese(window, tmp_path):
    """Each tag's problem in the preview, worded by the brat reader (fragments out of order, a quote
    that is not the text) or by the intake (a span outside the text), reads in Chinese."""
    from annotator.ui.transfer.import_annotations import ImportAnnotationsDialog

    (tmp_path / "判决书.txt").write_text(TEXT, encoding="utf-8")
    ann = tmp_path / "判决书.ann"
    ann.write_text(
        "T1\t当事人 0 3\t不是原文\n"  # the quote is not the text at 0–3
        "T2\t当事人 10 12;3 5\t乱序\n"  # fragments out of order
        "T3\t当事人 100 200\n"  # outside the text
        "T4\t当事人 7 10\t" + TEXT[7:10] + "\n",  # a good one, so the file is read
        encoding="utf-8",
    )
    dialog = ImportAnnotationsDialog(window.project, window.annotator.name, window)
    assert dialog.load(str(ann))
    lines = problem_lines(dialog)
    assert len(lines) == 3 == len(dialog.plan.problems), dialog.details.toPlainText()
    for line in lines:
        assert "判决书.ann 第 " in line and chinese(line, path="判决书.ann"), line
    assert any("与文本不符" in line and "不是原文" in line for line in lines)
    assert any("顺序颠倒" in line for line in lines)
    assert any("超出文本" in line for line in lines)
    # The same problems stay English for the CLI and the logs.
    english = " | ".join(dialog.plan.problems)
    assert "判决书.ann line 1 (T1): offsets 0 3 do not match the text" in english
    assert "overlap or are out of order" in english and "is outside the text" in english


def test_the_problems_of_a_hostile_jsonl_file_are_in_chinese(window, tmp_path):
    """A doccano file with a bad label, offsets that are not whole numbers and a span outside the text:
    the preview lists each problem in Chinese, and importing anyway is refused in Chinese."""
    from annotator.ui.transfer.import_annotations import ImportAnnotationsDialog

    records = [
        {"text": "一审" + TEXT, "label": [[0, 3, ""]]},
        {"text": "二审" + TEXT, "label": [[1.5, 3, "当事人"]]},
        {"text": TEXT, "label": [[3, 200, "当事人"]]},
        {"text": TEXT, "label": [[0, 2, "当事人"]]},
    ]
    hostile = tmp_path / "标注.jsonl"
    hostile.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    dialog = ImportAnnotationsDialog(window.project, window.annotator.name, window)
    assert dialog.load(str(hostile)), dialog.details.toPlainText()
    lines = problem_lines(dialog)
    assert len(lines) == 3 == len(dialog.plan.problems), dialog.details.toPlainText()
    for line in lines:
        assert "第 " in line and chinese(line), line
    assert any("第 1 行，第 1 个标签：标签须为非空字符串" in line for line in lines)
    assert any("第 2 行，第 1 个标签：偏移须为整数，实为 1.5 和 3" in line for line in lines)
    assert any("第 3 行，第 1 个标签：范围 [3, 200) 超出文本" in line for line in lines)
    assert "line 2, label 1: offsets must be whole numbers, got 1.5 and 3" in dialog.plan.problems
    assert not dialog.import_button.isEnabled()
    with pytest.raises(Exception) as refused:
        window.project.imports.apply(dialog.bundle, annotator=window.annotator.name, add_categories=True)
    text = i18n.error_text(refused.value)
    assert "3 个问题" in text and "偏移须为整数" in text and chinese(text, path=str(hostile)), text
    assert "3 problems: line 1, label 1: the label must be a non-empty string" in str(refused.value)
    # A file with no readable record at all is refused at once, each reason in Chinese.
    hostile.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records[:2]), encoding="utf-8"
    )
    assert not dialog.load(str(hostile))
    shown = dialog.details.toPlainText()
    assert "没有可读取的记录：第 1 行" in shown and chinese(shown, path=str(hostile)), shown


def test_bad_category_names_are_refused_in_chinese(window, warnings, qtbot):
    from annotator.ui.codebook.editor import open_editor

    editor = open_editor(window)
    qtbot.waitExposed(editor)
    first, second = [c for c in window.project.codebook.list() if c.parent_id is None][:2]
    editor.tree.setCurrentItem(editor.item_of(second.id))
    for name, says in ((first.name, "已有名为"), ("", "类别需要名称"), ("控制\x01字符", "含有控制字符")):
        editor.form.name_edit.setText(name)
        editor._save_names()
        assert says in warnings[-1] and chinese(warnings[-1]), warnings[-1]
        assert window.project.codebook.get(second.id).name == second.name  # nothing changed
    assert len(warnings) == 3


def test_a_refused_restore_is_in_chinese(window, warnings, monkeypatch):
    from annotator.ui.main_window import recovery

    path = window.project.path
    backup = backups.make_backup(window.project)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from annotator.services import Project; "
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
        monkeypatch.setattr(recovery, "choose_backup", lambda *a, **k: backup)
        assert window.features.restore_action.text() == "从备份恢复…"
        window.features.restore_action.trigger()  # File → Restore from backup…
    finally:
        holder.communicate("")
    assert len(warnings) == 1
    assert "另一个程序" in warnings[0] and "请先关闭它" in warnings[0]
    assert chinese(warnings[0], path=str(path))
    assert window.project.path == path and window.project.documents.list()  # still open, unchanged


def test_an_export_over_the_open_project_is_refused_in_chinese(window, warnings):
    from annotator.ui.transfer.export_dialog import ExportDialog

    dialog = ExportDialog(window.project, window, annotator_id=window.annotator.id)
    dialog.path.setText(str(window.project.path))
    before = window.project.path.read_bytes()
    dialog.run_export()
    assert len(warnings) == 1
    assert "这是当前打开的项目" in warnings[0] and "未写入任何内容" in warnings[0]
    assert chinese(warnings[0], path=str(window.project.path))
    assert window.project.path.read_bytes() == before


def test_a_jsonl_line_that_is_not_json_is_in_chinese(window, tmp_path):
    """A doccano line broken in the middle: its problem reads in Chinese (the JSON reader's own detail
    in brackets as it comes); a file of such lines only is refused in Chinese."""
    from annotator.ui.transfer.import_annotations import ImportAnnotationsDialog

    broken = tmp_path / "断行.jsonl"
    good = json.dumps({"text": TEXT, "label": [[0, 3, "当事人"]]}, ensure_ascii=False)
    broken.write_text('{"text": "本院认为", "label": [[0,\n' + good + "\n", encoding="utf-8")
    dialog = ImportAnnotationsDialog(window.project, window.annotator.name, window)
    assert dialog.load(str(broken)), dialog.details.toPlainText()
    [line] = problem_lines(dialog)
    assert line.startswith("问题：第 1 行 不是有效的 JSON（") and "not valid JSON" not in line, line
    assert dialog.plan.problems[0].startswith("line 1 is not valid JSON (")  # the CLI's English
    broken.write_text('{"text": "本院认为", "label": [[0,\n', encoding="utf-8")
    assert not dialog.load(str(broken))
    shown = dialog.details.toPlainText()
    assert "没有可读取的记录：第 1 行 不是有效的 JSON" in shown and "not valid JSON" not in shown, shown


def test_the_problems_inside_label_studio_tasks_are_in_chinese(window, tmp_path):
    """Label Studio tasks with a task that is not an object with "data", a result whose start is not a
    number and one without labels: each problem in the preview reads in Chinese; a file of unreadable
    tasks only, and a file that is not JSON, are refused in Chinese."""
    from annotator.ui.transfer.import_annotations import ImportAnnotationsDialog

    def result(start, end, labels):
        return {"type": "labels", "value": {"start": start, "end": end, "labels": labels}}

    tasks = [
        {"id": 1, "data": {"text": TEXT}, "annotations": [{"result": [result(0, 3, ["当事人"])]}]},
        {"id": 2, "text": TEXT},
        {"id": 3, "data": {"text": "一审" + TEXT}, "annotations": [{"result": [result("1", 3, ["当事人"])]}]},
        {"id": 4, "data": {"text": "二审" + TEXT}, "annotations": [{"result": [result(0, 3, [])]}]},
    ]
    path = tmp_path / "任务.json"
    path.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    dialog = ImportAnnotationsDialog(window.project, window.annotator.name, window)
    assert dialog.load(str(path)), dialog.details.toPlainText()
    lines = problem_lines(dialog)
    assert len(lines) == 3 == len(dialog.plan.problems), dialog.details.toPlainText()
    assert '问题：任务 2：任务应为含 "data" 的对象' in lines
    assert "问题：任务 3，第 1 个标注，第 1 个结果：start 和 end 须为整数，实为 '1' 和 3" in lines
    assert '问题：任务 4，第 1 个标注，第 1 个结果："labels" 必须是标签名列表' in lines
    assert "task 3, annotation 1, result 1: start and end must be whole numbers, got '1' and 3" in (
        dialog.plan.problems
    )
    # Only bad tasks: refused at once, the reasons in Chinese.
    no_text = {"id": 5, "data": {"court": "某某法院", "cause": "不正当竞争"}}  # which one is the text?
    path.write_text(json.dumps([tasks[1], no_text], ensure_ascii=False), encoding="utf-8")
    assert not dialog.load(str(path))
    shown = dialog.details.toPlainText()
    assert '没有可读取的任务：任务 2：任务应为含 "data" 的对象; 任务 5：data 中没有文本（字段 ' in shown, (
        shown
    )
    assert "请指定文本字段，例如 --text-field" in shown
    assert "no task can be read" not in shown
    # Not JSON at all.
    path.write_text("[{", encoding="utf-8")
    assert not dialog.load(str(path))
    shown = dialog.details.toPlainText()
    assert "不是有效的 JSON（" in shown and "not valid JSON" not in shown, shown


def test_whole_file_import_refusals_are_in_chinese(window, tmp_path):
    """A file whose format the name does not tell, and a file whose new category name holds a control
    character: each is refused as a whole, in Chinese."""
    from annotator.ui.transfer.import_annotations import ImportAnnotationsDialog

    unknown = tmp_path / "标注.xyz"
    unknown.write_text("本院认为", encoding="utf-8")
    dialog = ImportAnnotationsDialog(window.project, window.annotator.name, window)
    assert not dialog.load(str(unknown))
    shown = dialog.details.toPlainText()
    assert "无法从文件名判断格式（已知：" in shown and "cannot tell the format" not in shown, shown
    bad_name = tmp_path / "控制字符.jsonl"
    bad_name.write_text(
        json.dumps({"text": TEXT, "label": [[0, 3, "当事\x01人"]]}, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    assert dialog.load(str(bad_name))
    with pytest.raises(Exception) as refused:
        window.project.imports.plan(dialog.bundle, annotator=window.annotator.name, add_categories=True)
    text = i18n.error_text(refused.value)
    assert "含有控制字符" in text and text.endswith("；未导入任何内容"), text
    assert str(refused.value).endswith("; nothing was imported")  # the CLI's English


def test_files_that_cannot_be_merged_are_refused_in_chinese(window, warnings, tmp_path):
    """Review → Merge… with a file that is neither a project nor a bundle of this program, a database
    of another program, a bundle of an unknown version, and a bundle whose new category name holds a
    control character: each refusal reads in Chinese (the CLI keeps the English)."""
    import sqlite3

    from annotator.core.intake import BUNDLE_FORMAT
    from annotator.ui.review.merge import MergeDialog

    def refusal(path) -> str:
        assert not MergeDialog(window, str(path)).load()
        assert len(warnings) == 1, warnings
        return warnings.pop()

    text = tmp_path / "同事.sqlite"
    text.write_text("本院认为，被告的行为构成不正当竞争。", encoding="utf-8")
    shown = refusal(text)
    assert "不是 JSON 包：第 1 行第 1 列：" in shown and "not a JSON bundle" not in shown, shown
    other_db = tmp_path / "别的程序.sqlite"
    with sqlite3.connect(other_db) as con:
        con.execute("CREATE TABLE notes (body TEXT)")
    con.close()
    shown = refusal(other_db)
    assert "不是项目文件（缺少数据表 " in shown and chinese(
        shown.split("（缺少数据表")[0], path=str(other_db)
    )
    other_json = tmp_path / "别的程序.json"
    other_json.write_text('{"notes": []}', encoding="utf-8")
    shown = refusal(other_json)
    assert f'不是本程序的 JSON 包（应有 "format": "{BUNDLE_FORMAT}"）' in shown, shown
    future = tmp_path / "新版本.json"
    future.write_text(json.dumps({"format": BUNDLE_FORMAT, "version": 99}), encoding="utf-8")
    assert "不支持 JSON 包版本 99" in refusal(future)
    # A colleague's bundle whose one new category has a control character in its name.
    colleague = tmp_path / "乙.sqlite"
    with Project.create(colleague) as c:
        c.documents.add_text("判决", TEXT)
        c.exports.export("json", tmp_path / "乙.json")
    bundle = json.loads((tmp_path / "乙.json").read_text(encoding="utf-8"))
    # A category this project does not have (another uuid, another name), named with a control character.
    bundle["codebook"][0].update(uuid="00000000-0000-4000-8000-00000000c0de", name="控\x01制", children=[])
    bad = tmp_path / "控制字符.json"
    bad.write_text(json.dumps(bundle, ensure_ascii=False), encoding="utf-8")
    shown = refusal(bad)
    assert "含有控制字符" in shown and shown.endswith("；未合并任何内容"), shown


def test_what_an_import_skips_is_noted_in_chinese(window, tmp_path):
    """Label Studio entries cancelled there, a result that is not a label on the text, and a doccano
    document-level label: the preview notes each in Chinese; the CLI's English stays."""
    from annotator.ui.transfer.import_annotations import ImportAnnotationsDialog

    label = {"type": "labels", "value": {"start": 0, "end": 3, "labels": ["当事人"]}}
    tasks = [
        {
            "id": 7,
            "data": {"text": TEXT},
            "annotations": [
                {"result": [label, {"type": "choices", "value": {"choices": ["民事"]}}]},
                {"was_cancelled": True, "result": [label]},
            ],
        }
    ]
    path = tmp_path / "任务.json"
    path.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    dialog = ImportAnnotationsDialog(window.project, window.annotator.name, window)
    assert dialog.load(str(path)), dialog.details.toPlainText()
    notes = [line for line in dialog.details.toPlainText().splitlines() if line.startswith("提示：")]
    assert (
        "提示：任务 7，第 1 个标注，第 2 个结果：已跳过一个 'choices' 结果（只导入文本上的标签）" in notes
    ), notes
    assert "提示：任务 7，第 2 个标注：已跳过（在 Label Studio 中已取消）" in notes, notes
    assert "task 7, annotation 2: skipped (cancelled in Label Studio)" in dialog.plan.notes
    doccano = tmp_path / "文书标签.jsonl"
    doccano.write_text(
        json.dumps({"text": TEXT, "label": ["民事", [0, 3, "当事人"]]}, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    assert dialog.load(str(doccano)), dialog.details.toPlainText()
    notes = [line for line in dialog.details.toPlainText().splitlines() if line.startswith("提示：")]
    assert "提示：第 1 行，第 1 个标签：已跳过文档级标签“民事”（只导入文本范围）" in notes, notes
