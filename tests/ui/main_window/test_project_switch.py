"""State follows the project: after File → New project, Open or a restore, no panel, dock or button
shows or acts on the previous project's data."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QLabel, QLineEdit, QPlainTextEdit

from annotator.services import Project

OLD_TITLE = "旧项目独有的判决书"
OLD_PERSON = "旧项目的人"
TEXT = "某某市人民法院\n民事判决书\n（2020）浙0101民初4321号\n本院认为，旧项目中被告擅自抓取用户数据，构成不正当竞争。"


def visible_texts(window) -> list[str]:
    """Every string a user can see in the window's widgets, models and combo boxes."""
    out = [window.windowTitle()]
    for w in window.findChildren(QAbstractItemView):
        model = w.model()
        if model is None:
            continue
        stack = [None]
        while stack:  # the whole tree, every column
            parent = stack.pop() or QModelIndex()
            for r in range(min(model.rowCount(parent), 500)):
                for c in range(model.columnCount(parent)):
                    index = model.index(r, c, parent)
                    value = model.data(index, Qt.ItemDataRole.DisplayRole)
                    if value is not None:
                        out.append(str(value))
                    if c == 0 and model.rowCount(index) > 0:
                        stack.append(index)
    for w in window.findChildren(QComboBox):
        out.extend(w.itemText(i) for i in range(w.count()))
    out.extend(w.text() for w in window.findChildren(QLabel))
    out.extend(w.text() for w in window.findChildren(QLineEdit))
    out.extend(w.toPlainText() for w in window.findChildren(QPlainTextEdit))
    return out


def test_new_project_shows_nothing_of_the_previous_one(window, qtbot, tmp_path, monkeypatch):
    p = window.project
    doc = p.documents.add_text(OLD_TITLE, TEXT).documents_added[0]
    other = p.annotators.ensure(OLD_PERSON)
    s = TEXT.index("擅自抓取用户数据")
    p.annotations.add(doc.id, s, s + 8, p.codebook.find("用户数据权益").id, window.annotator.id)
    p.annotations.add(doc.id, s, s + 6, p.codebook.find("破坏性利用").id, other.id)
    window.refresh_documents()
    window.open_document(doc.id)
    # Open every dock a reviewer uses, with the old project's data in it.
    window.features.compare_dock.open()
    window.features.compare_dock.panel.choose(window.annotator.id, other.id)
    assert window.features.compare_dock.panel.table.rowCount() > 0
    window.features.compare_dock.panel.table.setCurrentCell(0, 0)
    window.features.structure_dock.show()
    window.features.find_bar.open_bar()
    window.features.review_layers.set_visible(other.id, False)
    assert any(OLD_TITLE in t for t in visible_texts(window))
    assert any("4321" in t for t in visible_texts(window))  # the structure dock shows the case number

    from PySide6.QtWidgets import QFileDialog

    path = tmp_path / "fresh.sqlite"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    window.act_new.trigger()
    assert window.project.path == path
    seen = visible_texts(window)
    leftovers = [t for t in seen if OLD_TITLE in t or OLD_PERSON in t or "旧项目中" in t or "4321" in t]
    assert leftovers == []
    assert window.document_id is None and window.active_annotation is None
    assert (
        window.features.compare_dock.panel.items == []
        and window.features.compare_dock.panel.table.rowCount() == 0
    )
    assert window.features.review_layers.hidden == set()
    # The buttons act on the new project: nothing to decide, and no "no annotation with id …".
    messages = []
    monkeypatch.setattr(window.statusBar(), "showMessage", lambda m, *_: messages.append(m))
    window.features.compare_dock.panel.decide("accept_b")
    assert messages and "id" not in messages[-1]


def test_opening_another_project_with_docks_open_shows_only_that_project(window, tmp_path):
    other_path = tmp_path / "other.sqlite"
    with Project.create(other_path) as q:
        q.documents.add_text("另一个项目的文书", "另一个项目的正文。")
    window.features.compare_dock.open()
    window.features.structure_dock.show()
    old = window.doc_model.docs[0].title
    window.open_project(str(other_path))
    seen = visible_texts(window)
    assert not any(old in t for t in seen)
    assert any("另一个项目的文书" in t for t in seen)
    assert window.document_id == window.project.documents.list()[0].id
