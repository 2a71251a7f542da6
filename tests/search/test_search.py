"""Search across the project: any length of Chinese query, phrase/OR/NOT, regex, filters, KWIC."""

from __future__ import annotations

import pytest

from annotator import store
from annotator.core.errors import InputError
from annotator.services.search import MetaFilter, parse_query
from annotator.store.models import Document, database


def _texts(ids, texts):
    return {ids[k]: t for k, t in texts.items()}


def _expected(ids, texts, term):
    out = []
    for doc_id, text in sorted(_texts(ids, texts).items()):
        i = text.find(term)
        while i >= 0:
            out.append((doc_id, i, i + len(term)))
            i = text.find(term, i + 1)
    return out


def test_project_has_a_trigram_index_and_short_trigram_patterns_match_nothing(corpus):
    project, _ids = corpus
    assert store.search.has_index()
    if project.on_server:
        # pg_trgm cannot narrow a pattern of under 3 characters either (every row is a candidate);
        # a 3+-character one is answered from the GIN index.
        with store.project.transaction():
            database.execute_sql("SET LOCAL enable_seqscan = off")
            plan = " ".join(
                r[0]
                for r in database.execute_sql(
                    "EXPLAIN SELECT id FROM document WHERE text ILIKE '%抓取数据%'"
                ).fetchall()
            )
        assert "document_text_trgm" in plan
        return
    # Why 1- and 2-character queries need another path: on the trigram index they silently find nothing.
    rows = database.execute_sql("SELECT rowid FROM document_fts WHERE text LIKE '%数据%'").fetchall()
    assert rows == []
    assert database.execute_sql("SELECT rowid FROM document_fts WHERE text LIKE '%抓取数据%'").fetchall()


@pytest.mark.parametrize("term", ["数", "数据", "抓取", "商业道德", "侵犯公民个人信息罪", "𠮷", "王𠮷的"])
def test_every_query_length_finds_every_occurrence_with_code_point_offsets(corpus, texts, term):
    project, ids = corpus
    result = project.search.search(term, limit=None)
    got = [(h.document_id, h.start, h.end) for h in result.hits]
    assert got == _expected(ids, texts, term) and got
    texts = _texts(ids, texts)
    for h in result.hits:
        text = texts[h.document_id]
        assert text[h.start : h.end] == h.hit == term
        assert h.left == text[max(0, h.start - 30) : h.start] and h.right == text[h.end : h.end + 30]


def test_limit_truncates_and_says_so(corpus):
    project, ids = corpus
    all_hits = project.search.search("数据", limit=None).hits
    first = project.search.search("数据", limit=3)
    assert first.truncated and [h.start for h in first.hits] == [h.start for h in all_hits[:3]]
    assert not project.search.search("数据", limit=len(all_hits)).truncated


def test_query_syntax():
    groups = parse_query('本院认为 "数据 权益" OR 爬虫 -robots NOT 报道')
    assert [(g.positive, g.negative) for g in groups] == [
        (("本院认为", "数据 权益"), ()),
        (("爬虫",), ("robots", "报道")),
    ]
    with pytest.raises(InputError):
        parse_query("-数据")


def test_and_or_not_select_documents(corpus):
    project, ids = corpus
    both = {h.document_id for h in project.search.search("数据 本院认为", limit=None).hits}
    assert both == {ids["civil"], ids["criminal"]}
    only_civil = {h.document_id for h in project.search.search("数据 -刑法", limit=None).hits}
    assert only_civil == {ids["civil"], ids["report"]}
    either = {h.document_id for h in project.search.search("robots OR 刑初", limit=None).hits}
    assert either == {ids["report"], ids["criminal"]}
    # A negative short term goes through the fast path too.
    assert {h.document_id for h in project.search.search("数据 -孙", limit=None).hits} == {
        ids["civil"],
        ids["report"],
    }


def test_latin_letters_match_in_any_case(corpus):
    project, ids = corpus
    hits = project.search.search("app", limit=None).hits
    assert {(h.document_id, h.hit) for h in hits} == {(ids["civil"], "App"), (ids["report"], "APP")}
    assert [h.hit for h in project.search.search("Robots", limit=None).hits] == ["robots"]


def test_regex_search(corpus):
    project, ids = corpus
    hits = project.search.search(r"第[一二三四五六七八九十百]+条", regex=True, limit=None).hits
    assert [h.hit for h in hits] == ["第二条", "第十二条", "第二条", "第二百五十三条"]
    with pytest.raises(InputError, match="regular expression"):
        project.search.search("第(", regex=True)


def test_metadata_filters_and_sections(corpus):
    project, ids = corpus
    hits = project.search.search("数据", filters=["year>=2019", "court~互联网"], limit=None).hits
    assert {h.document_id for h in hits} == {ids["civil"]}
    hits = project.search.search("数据", filters=["statute~刑法第253条之1"], limit=None).hits
    assert {h.document_id for h in hits} == {ids["criminal"]}
    hits = project.search.search("数据", sections=["reasoning"], limit=None).hits
    assert hits and all(h.section == "reasoning" for h in hits)
    assert {h.document_id for h in hits} == {ids["civil"]}
    assert MetaFilter.parse("case_kind != 刑事").matches("", {"case_kind": "民事"})
    with pytest.raises(InputError):
        MetaFilter.parse("no operator here")


def test_inside_and_outside_a_category(corpus, texts):
    project, ids = corpus
    civil = texts["civil"]
    me = project.annotators.ensure("测试员")
    parent = project.codebook.find("平台数据资源竞争权益")
    child = project.codebook.find("破坏性利用")
    start = civil.index("乙公司使用爬虫抓取甲公司的用户数据")
    project.annotations.add(ids["civil"], start, start + 17, child.id, me.id)
    inside = project.search.search("数据", category_id=parent.id, limit=None).hits
    assert [(h.document_id, h.start) for h in inside] == [(ids["civil"], start + 15)]
    assert project.search.search("数据", category_id=parent.id, include_children=False, limit=None).hits == []
    outside = project.search.search("数据", category_id=parent.id, inside=False, limit=None).hits
    assert len(outside) == len(project.search.search("数据", limit=None).hits) - 1


def test_index_follows_imports_rollbacks_and_removals(corpus):
    project, ids = corpus
    with pytest.raises(RuntimeError), store.project.transaction():
        project.documents.add_text("回滚", "这份文书包含独一无二的词语甲乙丙。")
        assert project.search.search("独一无二", limit=None).hits
        raise RuntimeError("the import fails")
    assert project.search.search("独一无二", limit=None).hits == []
    with store.project.transaction():
        Document.update(removed_at="2024-01-01T00:00:00").where(Document.id == ids["report"]).execute()
    assert project.search.search("robots", limit=None).hits == []
    if not project.on_server:  # the server's index follows the table by itself
        assert (
            database.execute_sql(
                "SELECT COUNT(*) FROM document_fts WHERE document_fts MATCH '\"robots\"'"
            ).fetchone()[0]
            == 0
        )
    with store.project.transaction():
        Document.update(removed_at=None).where(Document.id == ids["report"]).execute()
    assert [h.hit for h in project.search.search("robots", limit=None).hits] == ["robots"]
    if not project.on_server:  # FTS5 raises if the index no longer agrees with the document table.
        database.execute_sql("INSERT INTO document_fts(document_fts) VALUES('integrity-check')")
