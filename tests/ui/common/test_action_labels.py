"""Undo and Redo name each action in the interface language: services name their actions with a
structured Message (an id and its parameters), which the window translates with Qt's own catalogue."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from annotator.core.messages import Message
from annotator.ui.common import i18n

ROOT = Path(__file__).resolve().parents[3]
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def _action_values():
    """Every `action=` given to a `Changes(...)` in the package, with where it is."""
    for path in sorted((ROOT / "annotator").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Changes":
                for kw in node.keywords:
                    if kw.arg == "action":
                        yield f"{path.relative_to(ROOT)}:{node.lineno}", kw.value


def test_every_action_is_a_structured_message_not_english_text():
    plain = []
    for where, value in _action_values():
        if isinstance(value, ast.Call) and getattr(value.func, "id", None) == "Message":
            continue  # Message(QT_TRANSLATE_NOOP("Messages", "…"), …): an id and its parameters
        if isinstance(value, ast.Attribute) and value.attr == "action":
            continue  # an undo passes the original action on
        if isinstance(value, ast.Name) and value.id == "action":
            continue  # built from Messages just above (checked at run time below)
        plain.append(f"{where}: {ast.unparse(value)}")
    assert plain == []


@pytest.fixture
def chinese(qapp):
    i18n.load_translations(QApplication.instance(), "zh_CN")
    yield
    i18n.load_translations(QApplication.instance(), "en")


def test_no_undo_entry_stays_english_in_the_chinese_gui(chinese, window, tmp_path):
    p = window.project
    doc = window.document_id
    me = window.annotator.id
    cats = p.codebook.list()
    first, second = cats[0].id, cats[1].id
    steps = []

    def do(changes):
        assert isinstance(changes.action, Message), changes.action
        window.record(changes)
        steps.append(changes)
        return changes

    tag = do(p.annotations.add(doc, 0, 6, first, me)).annotations_added[0]
    do(p.annotations.set_category(tag.id, second))
    do(p.annotations.set_extent(tag.id, 0, 8))
    do(p.annotations.set_memo(tag.id, "备注"))
    split = do(p.annotations.split(tag.id, 4))
    do(p.annotations.merge([tag.id, split.annotations_added[0].id]))
    do(p.annotations.remove(tag.id))
    do(p.annotations.restore(tag.id))
    new = do(p.codebook.add("新类别", parent_id=None)).categories_added[0]
    do(p.codebook.rename(new.id, "改名类别"))
    do(p.codebook.recolor(new.id, "#123456"))
    do(p.codebook.set_rule(new.id, "规则"))
    do(p.codebook.move(new.id, first))
    do(p.codebook.archive(new.id))
    do(p.codebook.archive(new.id, archived=False))
    other = do(p.codebook.add("另一类别")).categories_added[0]
    do(p.codebook.merge(other.id, new.id))
    do(p.codebook.remove(new.id))
    do(p.documents.set_status(doc, me, "done"))
    do(p.documents.set_status(doc, me, "in_progress"))
    do(p.documents.update(doc, title="新标题", meta={}))
    added = do(p.documents.add_text("第三份文书", "本院认为，原告的请求成立。")).documents_added[0]
    do(p.documents.remove(added.id))
    hits = p.search.search("本院认为").hits
    do(p.search.tag_hits(hits, first, me))
    do(p.structure.detect())

    labels = [window.undo_stack.text(i) for i in range(window.undo_stack.count())]
    assert len(labels) == len(steps)
    english = [label for label in labels if LATIN_WORD.search(label)]
    assert english == [], english
    # The same actions read in English outside the Chinese GUI (CLI, logs): the Message is a str.
    assert str(steps[0].action).startswith("Tag ")

    # A replaced text is not undoable: its name is still shown translated (in the report), and the
    # undo steps naming the old offsets are gone.
    replaced = p.versions.update_text(doc, p.documents.get(doc).text + "\n补充一段。")
    assert replaced.texts_replaced == (doc,) and replaced.reanchored
    assert not LATIN_WORD.search(i18n.action_text(replaced.action))
    window.record(replaced)
    assert window.undo_stack.count() == 0
