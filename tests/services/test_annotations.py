import pytest
from engines import other_connection, rows

from annotator.core.errors import InputError, NotFoundError, OffsetError

TEXT = "原告王𠮷诉称，被告擅自抓取用户数据，构成不正当竞争。本院认为，被告的行为违反商业道德。"


@pytest.fixture
def setup(project):
    doc = project.documents.add_text("测试判决", TEXT).documents_added[0]
    me = project.annotators.ensure("李四")
    return project, doc, me


def test_tag_a_passage_after_a_non_bmp_character(setup, tmp_path):
    project, doc, me = setup
    passage = "擅自抓取用户数据"
    start = TEXT.index(passage)
    cat = project.codebook.find("用户数据权益")
    changes = project.annotations.add(doc.id, start, start + len(passage), cat.id, me.id)
    a = changes.annotations_added[0]
    assert changes.action == "Tag 用户数据权益"
    assert (a.start, a.end, a.text) == (start, start + len(passage), passage)
    assert a.before == TEXT[max(0, start - 20) : start]
    assert a.after == TEXT[start + len(passage) : start + len(passage) + 20]
    assert len(a.uuid) == 36 and a.annotator_id == me.id
    # Committed at once: another connection sees it while the project is still open.
    con = other_connection(project)
    assert rows(con, "SELECT passage FROM annotation_view") == [(passage,)]
    con.close()


@pytest.mark.parametrize("start, end", [(-1, 3), (5, 5), (6, 2), (0, len(TEXT) + 1)])
def test_bad_offsets_are_refused_and_nothing_is_written(setup, start, end):
    project, doc, me = setup
    cat = project.codebook.find("破坏性利用")
    with pytest.raises(OffsetError):
        project.annotations.add(doc.id, start, end, cat.id, me.id)
    assert project.annotations.list() == []


def test_unknown_references(setup):
    project, doc, me = setup
    cat = project.codebook.find("破坏性利用")
    with pytest.raises(NotFoundError):
        project.annotations.add(999, 0, 2, cat.id, me.id)
    with pytest.raises(NotFoundError):
        project.annotations.add(doc.id, 0, 2, 999, me.id)
    with pytest.raises(NotFoundError):
        project.annotations.add(doc.id, 0, 2, cat.id, 999)
    with pytest.raises(NotFoundError, match="no category named"):
        project.codebook.find("不存在的类别")


def test_remove_restore_memo_and_recategorise(setup):
    project, doc, me = setup
    cat = project.codebook.find("破坏性利用")
    other = project.codebook.find("商业道德")
    a = project.annotations.add(doc.id, 0, 2, cat.id, me.id).annotations_added[0]
    assert project.annotations.set_memo(a.id, "要点").annotations_updated[0].memo == "要点"
    assert project.annotations.set_category(a.id, other.id).annotations_updated[0].category_id == other.id
    removed = project.annotations.remove(a.id)
    assert removed.annotations_removed[0].id == a.id
    assert project.annotations.list() == []
    assert project.documents.list()[0].annotation_count == 0
    project.annotations.restore(a.id)
    [back] = project.annotations.list()
    assert (back.uuid, back.memo, back.category_id) == (a.uuid, "要点", other.id)


def test_spans_for_the_view(setup):
    project, doc, me = setup
    cat = project.codebook.find("破坏性利用")
    ids = [
        project.annotations.add(doc.id, s, e, cat.id, me.id).annotations_added[0].id
        for s, e in [(10, 20), (0, 5), (3, 12)]
    ]
    assert project.annotations.spans(doc.id) == [
        (0, 5, ids[1], cat.id),
        (3, 12, ids[2], cat.id),
        (10, 20, ids[0], cat.id),
    ]


def test_category_lookup_by_english_name_and_id(project):
    cat = project.codebook.find("破坏性利用")
    assert project.codebook.find(cat.name_en.upper()).id == cat.id
    assert project.codebook.find(str(cat.id)).id == cat.id
    assert project.codebook.find(cat.uuid).id == cat.id


def test_annotator_name_must_not_be_empty(project):
    with pytest.raises(InputError):
        project.annotators.ensure("  ")
    assert project.annotators.ensure("王五").id == project.annotators.ensure("王五").id


def test_document_properties_can_change_but_not_be_emptied(setup):
    project, doc, _ = setup
    changes = project.documents.update(doc.id, title="新标题", meta={"court": "明川市中级人民法院"})
    assert changes.documents_updated[0].title == "新标题"
    assert project.documents.info(doc.id).meta == {"court": "明川市中级人民法院"}
    with pytest.raises(InputError):
        project.documents.update(doc.id, title="  ")
    with pytest.raises(NotFoundError):
        project.documents.update(999, title="x")


def test_revert_undoes_and_reverting_the_revert_redoes(setup):
    project, doc, me = setup
    cat = project.codebook.find("破坏性利用")
    other = project.codebook.find("商业道德")
    tagged = project.annotations.add(doc.id, 0, 4, cat.id, me.id)
    a = tagged.annotations_added[0]
    undo = project.annotations.revert(tagged)
    assert project.annotations.list() == [] and undo.annotations_removed[0].id == a.id
    redo = project.annotations.revert(undo)
    assert [x.id for x in project.annotations.list()] == [a.id] and redo.annotations_added[0].id == a.id

    memo = project.annotations.set_memo(a.id, "第一稿")
    recat = project.annotations.set_category(a.id, other.id)
    project.annotations.revert(recat)
    assert project.annotations.get(a.id).category_id == cat.id
    project.annotations.revert(memo)
    assert project.annotations.get(a.id).memo == ""
    removed = project.annotations.remove(a.id)
    project.annotations.revert(removed)
    assert project.annotations.get(a.id).uuid == a.uuid
