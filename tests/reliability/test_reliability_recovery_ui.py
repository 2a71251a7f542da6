"""File → Restore from backup…, backups while the window is open, and the offer to restore a damaged file."""

from __future__ import annotations

import shutil

from test_reliability_backup import _corrupt

from annotator.services import backup as backups
from annotator.ui.main_window import recovery


def _tag(window, start=5, end=9) -> int:
    window.view.select_range(start, end)
    changes = window.tag_selection(window.project.codebook.list()[0].id)
    return changes.annotations_added[0].id


def test_the_window_backs_up_the_project_soon_after_opening(window, qtbot):
    qtbot.waitUntil(lambda: len(backups.list_backups(window.project.path)) == 1, timeout=5000)
    assert window.features.backups.made
    assert window.features.backups.tick() is None  # not again before the hour is up


def test_restore_from_backup_menu_brings_back_the_backed_up_state(window, monkeypatch):
    assert "Restore from backup…" in [a.text() for a in window.menus["file"].actions()]
    kept = _tag(window)
    backup = window.features.backups.backup_now()
    later = _tag(window, 20, 25)
    monkeypatch.setattr(recovery, "choose_backup", lambda parent, path, intro="": backup)
    window.features.restore_action.trigger()
    ids = {a.id for a in window.ann_model.rows}
    assert kept in ids and later not in ids
    assert kept in window.view.spans
    # The replaced file stays next to the project.
    assert list(window.project.path.parent.glob("gui.replaced-*.sqlite"))


def test_opening_a_damaged_project_offers_its_backup(window, tmp_path, monkeypatch):
    other = tmp_path / "other.sqlite"
    # A consistent copy: the open project's main file alone lacks what is still in its -wal.
    shutil.copyfile(backups.make_backup(window.project), other)
    from annotator.services import Project

    with Project.open(other) as p:
        good = backups.make_backup(p)
    _corrupt(other)
    offered = []

    def choose(parent, path, intro=""):
        offered.append(intro)
        return good

    monkeypatch.setattr(recovery, "choose_backup", choose)
    window.open_project(str(other))
    assert offered and "damaged" in offered[0] and "other.sqlite" in offered[0]
    assert window.project.path == other
    assert window.project.integrity_problems() == []


def test_backups_come_hourly_and_after_switching_project(window, tmp_path):
    import time

    first = window.features.backups.tick() or window.features.backups.made[-1]
    assert window.features.backups.tick() is None
    window.features.backups._last = time.monotonic() - recovery.BACKUP_EVERY_S - 1  # an hour has passed
    assert window.features.backups.tick() is not None
    from annotator.services import Project

    other = Project.create(tmp_path / "other.sqlite")
    window.switch_project(other)
    made = window.features.backups.tick()
    assert made is not None and made.parent == tmp_path / "other-backups"
    assert first.parent != made.parent
