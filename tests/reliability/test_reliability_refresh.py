"""The window shows tags another process wrote to the same project file, after focus or a file change."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import rel_worker
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

WORKER = Path(rel_worker.__file__)


def _other_process_tags(path: Path, n: int, name: str) -> list[int]:
    out = subprocess.run(
        [sys.executable, str(WORKER), "write", str(path), str(n), name],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    return [int(x) for x in out.split()]


def test_window_shows_other_process_tags_when_it_regains_focus(window):
    ids = _other_process_tags(window.project.path, 3, "另一位")
    assert not any(a.id in ids for a in window.ann_model.rows)  # nothing moves until a refresh
    QApplication.sendEvent(window, QEvent(QEvent.Type.WindowActivate))
    shown = {a.id for a in window.ann_model.rows}
    assert set(ids) <= shown
    for i in ids:
        assert i in window.view.spans
    # The document list counts them too (another annotator's tags are in the window's tag list).
    assert window.features.external_changes.refreshes == 1


def test_window_refreshes_by_itself_when_the_file_changes(window, qtbot):
    ids = _other_process_tags(window.project.path, 2, "同事")
    qtbot.waitUntil(lambda: set(ids) <= {a.id for a in window.ann_model.rows}, timeout=5000)


def test_own_actions_do_not_trigger_a_reload(window):
    window.view.select_range(10, 14)
    cat = window.project.codebook.list()[0]
    window.tag_selection(cat.id)
    assert window.features.external_changes.check() is False
    assert window.features.external_changes.refreshes == 0


def test_a_corrected_text_stored_by_the_cli_shows_in_the_window(window, tmp_path):
    _tag = window.project.annotations.add
    doc_id = window.document_id
    text = window.view.text
    start = text.index("违反商业道德")
    who = window.annotator.id
    cat = window.project.codebook.list()[0].id
    tag = _tag(doc_id, start, start + 6, cat, who).annotations_added[0]
    window.record(window.project.annotations.add(doc_id, 0, 2, cat, who))
    corrected = tmp_path / "更正.txt"
    corrected.write_text("更正说明：第三段有错字。\n" + text, encoding="utf-8")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "annotator",
            "update-doc",
            str(window.project.path),
            str(doc_id),
            str(corrected),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    QApplication.sendEvent(window, QEvent(QEvent.Type.WindowActivate))
    assert window.view.text.startswith("更正说明")
    moved = window.project.annotations.get(tag.id)
    assert window.view.text[moved.start : moved.end] == "违反商业道德"
    assert moved.id in window.view.spans
    assert window.undo_stack.count() == 0  # its steps named offsets in the old text


def test_window_and_another_process_tag_at_once_without_error_or_loss(window, qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warnings.append(a[2] if len(a) > 2 else a))
    other = subprocess.Popen(
        [sys.executable, str(WORKER), "write", str(window.project.path), "150", "同事"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    cat = window.project.codebook.list()[0].id
    mine = []
    length = len(window.view.text)
    i = 0
    while other.poll() is None or len(mine) < 30:
        start = (i * 3) % (length - 4)
        window.view.select_range(start, start + 3)
        changes = window.tag_selection(cat)
        assert changes is not None, warnings
        mine.append(changes.annotations_added[0].id)
        i += 1
        if len(mine) > 2000:
            break
    out, err = other.communicate(timeout=60)
    assert other.returncode == 0 and err == "", err
    theirs = [int(x) for x in out.split()]
    assert warnings == []
    stored = {a.id for a in window.project.annotations.list()}
    assert set(mine) <= stored and set(theirs) <= stored and len(theirs) == 150
    QApplication.sendEvent(window, QEvent(QEvent.Type.WindowActivate))
    assert set(theirs) <= {a.id for a in window.ann_model.rows}


def test_categories_and_removed_documents_from_elsewhere_show_after_refresh(window, tmp_path):
    script = (
        "import sys\n"
        "from annotator.services import Project\n"
        "with Project.open(sys.argv[1]) as p:\n"
        "    doc = p.documents.list()[0]\n"
        "    cat = p.codebook.add('新类别', color='#123456').categories_added[0]\n"
        "    a = p.annotations.add(doc.id, 0, 3, cat.id, p.annotators.ensure('同事').id)\n"
        "    print(cat.id, a.annotations_added[0].id)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script, str(window.project.path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout.split()
    cat_id, tag_id = int(out[0]), int(out[1])
    QApplication.sendEvent(window, QEvent(QEvent.Type.WindowActivate))
    assert window.view.span_colors[tag_id] == "#123456"
    assert cat_id in window._categories
    removed = window.document_id
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys\nfrom annotator.services import Project\n"
            "with Project.open(sys.argv[1]) as p:\n    p.documents.remove(int(sys.argv[2]))\n",
            str(window.project.path),
            str(removed),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    QApplication.sendEvent(window, QEvent(QEvent.Type.WindowActivate))
    assert window.document_id is None and window.view.text == ""


def test_a_closed_window_stops_polling_its_project(qtbot, open_window, tmp_path):
    """Closing the main window stops its refresh timer and file watches: nothing wakes a closed window,
    not even another process writing to the project it had open."""

    from annotator.services import Project

    project = Project.create(tmp_path / "closing.sqlite")
    project.documents.add_text("判决", "本院认为，被告的行为构成不正当竞争。")
    w = open_window(project, "测试员")
    watcher = w.features.external_changes
    assert watcher.timer.isActive() and watcher.polling  # an open window does poll
    checks = []
    watcher.timer.timeout.connect(lambda: checks.append("timer"))
    watcher._soon.timeout.connect(lambda: checks.append("file"))
    w.close()
    qtbot.waitUntil(lambda: not watcher.polling, timeout=2000)
    assert not watcher.timer.isActive() and not watcher._soon.isActive()
    _other_process_tags(tmp_path / "closing.sqlite", 2, "同事")  # a change the watcher would have seen
    qtbot.wait(400)
    assert checks == [] and watcher.refreshes == 0


def test_a_close_that_is_refused_keeps_polling(window, qtbot):
    from PySide6.QtCore import QObject

    class Refuse(QObject):  # e.g. a dialog asking to save that the user cancelled
        def eventFilter(self, obj, event):  # noqa: N802 (Qt API)
            if event.type() == QEvent.Type.Close:
                event.ignore()
            return False

    refuse = Refuse(window)
    window.installEventFilter(refuse)
    window.closeEvent = lambda event: event.ignore()
    window.close()
    qtbot.wait(50)
    assert window.isVisible() and window.features.external_changes.timer.isActive()
    window.removeEventFilter(refuse)
    del window.closeEvent
