"""Importing a corrected version of a document: tags follow their quotes, doubtful ones are flagged,
lost ones are reported and never shifted, and the old text stays in history."""

from __future__ import annotations

import pytest

from annotator.core.context import Anchor, anchor, place
from annotator.core.errors import InputError, NotFoundError
from annotator.core.model import text_sha256

OLD = (
    "浙江省某某市人民法院\n民事判决书\n"
    "原告王𠮷诉称，被告末经用户同意抓取平台数据。\n"
    "本院认为，数据权益应当依法保护。\n"
    "被告的行为违反商业道德，构成不正当竞争。\n"
    "此段在更正版中被删除，其中有一句独特的话：群控软件批量操作账号。\n"
    "判决如下：被告赔偿原告经济损失十万元。\n"
)
NEW = (
    "浙江省某某市人民法院\n民事判决书\n"
    "原告王𠮷诉称，被告未经用户同意抓取平台数据。\n"  # typo 末 → 未 fixed
    "本院认为，数据权益应当依法保护。\n"
    "新插入的一段：本案的争议焦点在于数据抓取行为的正当性。\n"  # paragraph inserted
    "被告的行为违反商业道德，构成不正当竞争。\n"
    "判决如下：被告赔偿原告经济损失十万元。\n"
)  # paragraph removed above


@pytest.fixture
def tagged(project):
    doc = project.documents.add_text("判决", OLD).documents_added[0]
    who = project.annotators.ensure("甲").id
    cat = project.codebook.list()[0].id
    ids = {}
    for quote in (
        "被告末经用户同意抓取平台数据",
        "违反商业道德",
        "原告王𠮷",
        "群控软件批量操作账号",
        "十万元",
    ):
        s = OLD.index(quote)
        ids[quote] = project.annotations.add(doc.id, s, s + len(quote), cat, who).annotations_added[0].id
    removed = ids["十万元"]
    project.annotations.remove(removed)
    return project, doc.id, ids


def test_tags_follow_their_quotes_into_the_corrected_text(tagged):
    project, doc_id, ids = tagged
    changes = project.versions.update_text(doc_id, NEW)
    assert changes.documents_updated[0].sha256 == text_sha256(NEW)
    new_text = project.documents.get(doc_id).text
    assert new_text == NEW
    for quote in ("违反商业道德", "原告王𠮷"):
        a = project.annotations.get(ids[quote])
        assert new_text[a.start : a.end] == quote == a.text
        assert project.versions.review(a.id) == (None, 1.0)
    # The typo fix: placed on the corrected words, with its similarity reported and flagged.
    fixed = project.annotations.get(ids["被告末经用户同意抓取平台数据"])
    assert fixed.text == "被告未经用户同意抓取平台数据" == new_text[fixed.start : fixed.end]
    reason, score = project.versions.review(fixed.id)
    assert reason == "fuzzy" and 0.8 <= score < 1.0
    assert any("similarity" in m and str(fixed.id) in m for m in changes.messages)


def test_a_passage_that_is_gone_is_reported_and_never_shifted(tagged):
    project, doc_id, ids = tagged
    gone = ids["群控软件批量操作账号"]
    before = project.annotations.get(gone)
    changes = project.versions.update_text(doc_id, NEW)
    assert any("not found" in m and str(gone) in m for m in changes.messages)
    with pytest.raises(NotFoundError):
        project.annotations.get(gone)  # not shown over words it never tagged
    flagged = {a.id: (reason, removed) for a, reason, _score, removed in project.versions.flagged(doc_id)}
    assert flagged[gone] == ("unplaced", True)
    # Its old offsets still point at its quote in the kept old text.
    old = project.versions.old_text(doc_id, 1)
    assert old[before.start : before.end] == "群控软件批量操作账号"
    assert [v.version for v in project.versions.history(doc_id)] == [1]


def test_removed_tags_are_reanchored_too_so_undo_restores_them_in_place(tagged):
    project, doc_id, ids = tagged
    project.versions.update_text(doc_id, NEW)
    restored = project.annotations.restore(ids["十万元"]).annotations_added[0]
    assert NEW[restored.start : restored.end] == "十万元"


def test_every_live_tag_is_either_exact_or_flagged(tagged):
    project, doc_id, _ids = tagged
    changes = project.versions.update_text(doc_id, NEW)
    for a in project.annotations.list(document_ids=[doc_id]):
        reason, _score = project.versions.review(a.id)
        assert NEW[a.start : a.end] == a.text
        assert reason is None or reason == "fuzzy"
    report = list(changes.reanchored)
    assert {r.method for r in report} == {"exact", "fuzzy", "unplaced"}


def test_same_text_changes_nothing_and_bad_input_is_refused(tagged):
    project, doc_id, _ids = tagged
    changes = project.versions.update_text(doc_id, OLD)
    assert changes.empty and "nothing changed" in changes.messages[0]
    assert project.versions.history(doc_id) == []
    with pytest.raises(InputError):
        project.versions.update_text(doc_id, "   ")
    with pytest.raises(NotFoundError):
        project.versions.update_text(999, NEW)


def test_update_from_a_file_keeps_a_history_of_each_version(tagged, tmp_path):
    project, doc_id, _ids = tagged
    f = tmp_path / "更正版.txt"
    f.write_text(NEW, encoding="gb18030")
    project.versions.update_file(doc_id, f)
    f.write_text(NEW + "本判决为终审判决。\n", encoding="utf-8")
    project.versions.update_file(doc_id, f)
    assert [v.version for v in project.versions.history(doc_id)] == [1, 2]
    assert project.versions.old_text(doc_id, 2) == NEW  # as the file delivered it
    assert project.documents.info(doc_id).source_name == "更正版.txt"


def test_place_scores_and_refuses_to_guess():
    text = "甲乙丙丁戊己庚辛壬癸" * 3
    a = Anchor("子丑寅卯", "", "")
    assert place(text, a, 5) is None or place(text, a, 5).score < 0.5
    old = "前文。被告末经许可使用。后文。"
    s = old.index("被告")
    p = place("前文。被告未经许可使用。后文。", anchor(old, s, s + 8))
    assert p.method == "fuzzy" and p.start == s and p.end == s + 8 and 0.8 < p.score < 1
