"""First start: the sample project is created and opened, and the annotator's name is asked once."""

from __future__ import annotations

from unittest.mock import patch

from annotator.services.annotators import default_name
from annotator.ui import app


def test_first_start_opens_the_sample_project_and_asks_the_name_once(qtbot, settings, tmp_path, monkeypatch):
    monkeypatch.setenv("ANNOTATOR_DATA_DIR", str(tmp_path / "data"))
    with patch("annotator.ui.app.QInputDialog.getText", return_value=("赵六", True)) as ask:
        window = app.create_window([], settings)
    qtbot.addWidget(window)
    assert ask.call_count == 1
    assert ask.call_args.kwargs["text"] == default_name()
    assert window.annotator.name == "赵六"
    assert window.project.path == tmp_path / "data" / "sample-project.sqlite"
    assert len(window.doc_model.docs) >= 5
    assert window.view.toPlainText()  # a document is open
    window.close()

    with patch("annotator.ui.app.QInputDialog.getText") as ask_again:
        again = app.create_window([], settings)
    qtbot.addWidget(again)
    ask_again.assert_not_called()
    assert again.annotator.name == "赵六" and again.project.path == window.project.path
    again.close()


def test_a_bad_project_file_falls_back_to_the_sample_with_a_message(qtbot, settings, tmp_path, monkeypatch):
    monkeypatch.setenv("ANNOTATOR_DATA_DIR", str(tmp_path / "data"))
    bad = tmp_path / "broken.sqlite"
    bad.write_bytes(b"this is not a database at all" * 10)
    settings.setValue("annotator/name", "赵六")
    with patch("annotator.ui.app.QMessageBox.warning") as warn:
        window = app.create_window([str(bad)], settings)
    qtbot.addWidget(window)
    assert "broken.sqlite" in warn.call_args.args[2]
    assert window.project.path.name == "sample-project.sqlite"
    window.close()


def test_start_up_does_not_load_jieba(tmp_path):
    """Word segmentation loads its dictionary in about a second: never on the way to the first window."""
    import os
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from PySide6.QtCore import QSettings\n"
        "from annotator.ui import app\n"
        "qa = app.application()\n"
        "s = QSettings(sys.argv[1], QSettings.Format.IniFormat)\n"
        "s.setValue('annotator/name', 'x')\n"
        "w = app.create_window([], s)\n"
        "w.show(); qa.processEvents()\n"
        "print('jieba' in sys.modules, len(w.doc_model.docs))\n"
        "w.close()\n"
    )
    env = dict(os.environ, ANNOTATOR_DATA_DIR=str(tmp_path / "data"), QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "s.ini")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    loaded, docs = proc.stdout.split()
    assert loaded == "False" and int(docs) >= 5
