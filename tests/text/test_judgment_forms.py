"""The forms real judgments take, on texts written for these tests: every document type, kind and
procedure; party roles with and without colons; the operative 本院认为 and 判决如下 among quoted ones;
citations in short lists, items alone, 之一, references back and every way of naming a statute; the
cause of action; the title; and each of these whatever the layout (lines joined with "" or " ")."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.text.judgment import detect, document_title, find_citations, headline, normalise_statute

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT.parent / "shared" / "seed" / "article.txt"


def layouts(text: str) -> list[str]:
    lines = text.splitlines()
    return [text, "".join(lines), " ".join(lines)]


def keys(text: str) -> list[tuple]:
    return [c.key() for c in find_citations(text)]


APPEAL = """某某网
梁某某盗窃二审刑事裁定书
发布日期：2020-01-02 浏览：12次
北京市第一中级人民法院
刑 事 裁 定 书
（2019）京01刑终888号
原公诉机关北京市海淀区人民检察院。
上诉人（原审被告人）梁××，男，1990年1月1日出生，汉族，住北京市海淀区。因涉嫌犯盗窃罪于2019年3月1日被羁押。现羁押于北京市海淀区看守所。
辩护人吴某某，北京某某律师事务所律师。
北京市海淀区人民法院审理北京市海淀区人民检察院指控原审被告人梁××犯盗窃罪一案，于2019年8月1日作出（2019）京0108刑初100号刑事判决。原审被告人梁××不服，提出上诉。本院依法组成合议庭审理了本案。
原审法院认为，梁××以非法占有为目的，窃取他人财物，数额较大，其行为已构成盗窃罪。依照《中华人民共和国刑法》第二百六十四条之规定，判决如下：被告人梁××犯盗窃罪，判处有期徒刑一年。
经审理查明：2019年2月，梁××窃取被害人手机一部，价值人民币5000元。
本院认为，上诉人梁××的行为已构成盗窃罪，原审判决定罪准确，量刑适当。依照《中华人民共和国刑事诉讼法》第二百三十六条第一款第（一）项之规定，裁定如下：
驳回上诉，维持原判。
本裁定为终审裁定。
审 判 长  王 某
审 判 员  李某某
审 判 员  赵某
二〇一九年十月八日
书 记 员  钱某
"""


@pytest.mark.parametrize("text", layouts(APPEAL), ids=["delivered", "one_line", "spaces"])
def test_criminal_appeal_with_page_noise_in_every_layout(text):
    s = detect(text)
    assert (s.court, s.document_type, s.case_number) == (
        "北京市第一中级人民法院",
        "刑事裁定书",
        "（2019）京01刑终888号",
    )
    assert (s.case_kind, s.procedure, s.date, s.cause) == ("刑事", "二审", "2019-10-08", "盗窃罪")
    assert [(p.role, p.original_role, p.name) for p in s.parties] == [
        ("原公诉机关", "", "北京市海淀区人民检察院"),
        ("上诉人", "原审被告人", "梁××"),
        ("辩护人", "", "吴某某"),
    ]
    assert s.cited_cases == ["（2019）京0108刑初100号"]
    sec = {x.kind: text[x.start : x.end] for x in s.sections}
    # The lower court's 判决如下 is quoted before the court's own reasoning: the operative ones follow it.
    assert sec["reasoning"].startswith("本院认为，上诉人梁××")
    assert sec["decision"].startswith("依照《中华人民共和国刑事诉讼法》")
    assert [j[0] for j in s.judges] == ["审判长", "审判员", "审判员"] and s.clerk == "钱某"
    assert {c.key() for c in s.citations} == {("刑法", 264, None, None), ("刑事诉讼法", 236, 1, None)}


CIVIL_NO_COLONS = """某某县人民法院
民事判决书
（2018）某0101民初77号
原告张三，男，1970年1月1日出生，住某某县。
委托代理人王某，某某律师事务所律师。
被告李四，女，1975年2月2日出生，住某某县。
委托诉讼代理人赵某某，某某法律服务所法律工作者。
原告张三与被告李四民间借贷纠纷一案，本院受理后，依法适用简易程序公开开庭进行了审理。
原告张三诉称：被告借款五万元未还。
被告李四辩称：借款已还清。
本院经审理认定事实如下：2017年1月，被告向原告借款五万元。
证据一、借条一张。本院认为，该份证据真实，本院予以采信。
本院认为，合法的借贷关系受法律保护。依照《中华人民共和国合同法》第二百零六条、第二百零七条，《最高人民法院关于审理民间借贷案件适用法律若干问题的规定》第二十九条，《中华人民共和国民事诉讼法》第一百四十四条之规定，判决如下：
被告李四于本判决生效之日起十日内偿还原告张三借款五万元。
审判员　孙某
二〇一八年五月六日
书记员　周某
"""


@pytest.mark.parametrize("text", layouts(CIVIL_NO_COLONS), ids=["delivered", "one_line", "spaces"])
def test_representatives_without_a_colon_do_not_end_the_party_block(text):
    s = detect(text)
    assert [(p.role, p.name, p.representative) for p in s.parties] == [
        ("原告", "张三", False),
        ("委托代理人", "王某", True),
        ("被告", "李四", False),
        ("委托诉讼代理人", "赵某某", True),
    ]
    assert s.cause == "民间借贷纠纷" and s.procedure == "一审" and s.case_kind == "民事"
    kinds = [x.kind for x in s.sections]
    assert kinds == ["header", "parties", "procedure", "claims", "facts", "reasoning", "decision", "closing"]
    # The 本院认为 about a piece of evidence is not the court's reasoning.
    reasoning = next(x for x in s.sections if x.kind == "reasoning")
    assert text[reasoning.start :].startswith("本院认为，合法的借贷关系")
    assert {c.key() for c in s.citations} == {
        ("合同法", 206, None, None),
        ("合同法", 207, None, None),
        ("最高人民法院关于审理民间借贷案件适用法律若干问题的规定", 29, None, None),
        ("民事诉讼法", 144, None, None),
    }


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (
            "某某市中级人民法院\n刑事附带民事判决书\n（2020）某01刑初5号\n",
            ("刑事附带民事判决书", "刑事附带民事", "一审"),
        ),
        ("某某省高级人民法院\n国家赔偿决定书\n（2020）某委赔12号\n", ("国家赔偿决定书", "国家赔偿", "")),
        ("某某区人民法院\n民事调解书\n（2021）某0102民初9号\n", ("民事调解书", "民事", "一审")),
        ("某某区人民法院\n支付令\n（2021）某0102民督3号\n", ("支付令", "民事", "督促")),
        ("某某区人民法院\n执行裁定书\n（2021）某0102执100号\n", ("执行裁定书", "执行", "执行")),
        ("某某省高级人民法院\n民事裁定书\n（2021）某民申50号\n", ("民事裁定书", "民事", "再审审查")),
        ("某某省高级人民法院\n民事判决书\n（2021）某民再7号\n", ("民事判决书", "民事", "再审")),
        ("某某市中级人民法院\n刑事裁定书\n（2021）某01刑更88号\n", ("刑事裁定书", "刑事", "减刑/假释")),
        ("某某区人民法院\n行政裁定书\n（2021）某0102行审6号\n", ("行政裁定书", "行政", "非诉审查")),
        ("某某区人民法院\n通知书\n（2021）某0102执异2号\n", ("通知书", "执行", "执行")),
    ],
)
def test_document_types_kinds_and_procedures(header, expected):
    for text in layouts(header + "申请人：甲公司。\n被申请人：乙公司。\n"):
        s = detect(text)
        assert (s.document_type, s.case_kind, s.procedure) == expected
        assert s.court.startswith("某某") and s.case_number


@pytest.mark.parametrize(
    "text",
    layouts(
        "某某区人民法院\n刑事附带民事判决书\n（2020）某0101刑初9号\n公诉机关某某区人民检察院。\n"
        "附带民事诉讼原告人陈某某，男，住某某区。\n诉讼代理人刘某，律师。\n被告人黄某，男，住某某区。\n"
        "某某区人民检察院以某检刑诉〔2020〕8号起诉书指控被告人黄某犯故意伤害罪，向本院提起公诉。\n"
    ),
    ids=["delivered", "one_line", "spaces"],
)
def test_criminal_incidental_civil_parties(text):
    s = detect(text)
    assert [(p.role, p.name) for p in s.parties] == [
        ("公诉机关", "某某区人民检察院"),
        ("附带民事诉讼原告人", "陈某某"),
        ("诉讼代理人", "刘某"),
        ("被告人", "黄某"),
    ]
    assert s.cause == "故意伤害罪"


def test_retrial_applicants_and_shared_representatives():
    text = (
        "某某省高级人民法院\n民事裁定书\n（2020）某民申1号\n再审申请人（一审原告、二审上诉人）：甲公司。\n"
        "被申请人（一审被告、二审被上诉人）：乙公司。\n原审第三人：丙某。\n二被申请人共同委托诉讼代理人：丁某，律师。\n"
        "再审申请人甲公司因与被申请人乙公司买卖合同纠纷一案，不服某某市中级人民法院（2019）某01民终2号民事判决，向本院申请再审。\n"
    )
    for t in layouts(text):
        s = detect(t)
        assert [(p.role, p.original_role, p.name) for p in s.parties] == [
            ("再审申请人", "一审原告、二审上诉人", "甲公司"),
            ("被申请人", "一审被告、二审被上诉人", "乙公司"),
            ("原审第三人", "", "丙某"),
            ("二被申请人共同委托诉讼代理人", "", "丁某"),
        ]
        assert s.cause == "买卖合同纠纷" and s.cited_cases == ["（2019）某01民终2号"]


def test_a_party_line_without_a_full_stop_when_lines_are_joined():
    text = "某某区人民法院\n民事判决书\n（2016）某0523民初47号\n原告：李某华\n委托代理人：叶某，律师。\n被告：张某。\n原告李某华与被告张某买卖合同纠纷一案，本院立案受理。\n"
    for t in layouts(text):
        assert [(p.role, p.name) for p in detect(t).parties] == [
            ("原告", "李某华"),
            ("委托代理人", "叶某"),
            ("被告", "张某"),
        ]


# -------------------------------------------------------------------------------------- citations


def test_short_list_form_and_items_alone_do_not_end_the_list():
    assert keys(
        "依照《中华人民共和国刑法》第二十五、二十六、二十七条，第六十七条第三款、第（三）项，第七十二条之规定"
    ) == [
        ("刑法", 25, None, None),
        ("刑法", 26, None, None),
        ("刑法", 27, None, None),
        ("刑法", 67, 3, None),
        ("刑法", 72, None, None),
    ]
    assert keys("《中华人民共和国刑法》第七十三条第二、第三款，第二百八十五条之一第一款") == [
        ("刑法", 73, 2, None),
        ("刑法", 73, 3, None),
        ("刑法", 285, 1, 1),
    ]
    (c,) = [c for c in find_citations("依照刑法第二十条第一款第（二）项规定") if c.item]
    assert (c.paragraph, c.item) == (1, 2)


def test_references_back_to_the_statute_and_article():
    assert keys(
        "《中华人民共和国民法典》第一千一百六十五条规定了过错责任。该法第一千一百七十九条、同法第一千一百八十四条"
        "亦有规定。本法第三条。"
    ) == [
        ("民法典", 1165, None, None),
        ("民法典", 1179, None, None),
        ("民法典", 1184, None, None),
        ("民法典", 3, None, None),
    ]
    assert keys("依照《中华人民共和国刑法》第六十七条第一款，该条第三款规定") == [
        ("刑法", 67, 1, None),
        ("刑法", 67, 3, None),
    ]
    assert keys("依据前款第二项") == []


def test_statute_names_full_short_bare_and_interpretations():
    same = [
        "《中华人民共和国刑法》第二条",
        "《刑法》第二条",
        "依照刑法第二条",
        "违反中华人民共和国刑法第二条",
    ]
    assert [keys(t) for t in same] == [[("刑法", 2, None, None)]] * 4
    interpretation = "最高人民法院关于适用民事诉讼法的解释"
    for t in (
        "《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第九十条",
        "《最高人民法院关于适用《中华人民共和国民事诉讼法》的解释》第九十条",
        "依照最高人民法院关于适用《中华人民共和国民事诉讼法》的解释第九十条",
        "《最高人民法院关于适用＜中华人民共和国民事诉讼法＞的解释》第九十条",
        "《最高人民法院关于适用〈中华人民共和国民事诉讼法〉解释》第九十条",
        "依照民诉法解释第九十条",
    ):
        assert keys(t) == [(interpretation, 90, None, None)], t
    assert keys("依照最高人民法院《关于审理政府信息公开行政案件若干问题的规定》第十二条") == [
        ("最高人民法院关于审理政府信息公开行政案件若干问题的规定", 12, None, None)
    ]
    assert normalise_statute("《中华人民共和国刑法（2015年修正）》") == "刑法"


def test_a_name_the_text_defines_and_an_article_continuing_the_statute():
    text = (
        "根据《中华人民共和国政府信息公开条例》（以下简称《条例》）第四条第一款的规定，被告具有职权。"
        "《条例》第十三条规定，…。第二十一条规定，“……”。"
    )
    assert keys(text) == [
        ("政府信息公开条例", 4, 1, None),
        ("政府信息公开条例", 13, None, None),
        ("政府信息公开条例", 21, None, None),
    ]
    # A title whose statute was lost in copying names nothing.
    assert keys("符合《最高人民法院关于适用的解释》第一百五十五条") == []


def test_the_documents_own_case_number_is_not_cited():
    s = detect(CIVIL_NO_COLONS + "本院（2018）某0101民初77号判决书。另见（2017）某0101民初1号。")
    assert s.case_number == "（2018）某0101民初77号" and s.cited_cases == ["（2017）某0101民初1号"]


# ------------------------------------------------------------------------------- cause and title


def test_cause_from_the_first_paragraph_without_the_masked_party_before_it():
    text = (
        "近日，某互联网法院就原告甲公司诉被告浙江某网络公司、杭州某科技公司不正当竞争纠纷一案进行一审宣判。"
    )
    assert detect(text).cause == "不正当竞争纠纷"


@pytest.mark.skipif(
    not SEED.is_file(), reason=f"the seed article is not at {SEED} (it lives in the team's shared folder)"
)
def test_the_seed_articles_cause_and_title():
    text = SEED.read_text(encoding="utf-8")
    s = detect(text)
    assert s.cause == "不正当竞争纠纷"
    assert document_title(s, text) == "“微信数据”引发数据权益之争 群控软件被判赔260万元"


def test_titles_from_what_was_found():
    s = detect(CIVIL_NO_COLONS)
    assert document_title(s, CIVIL_NO_COLONS) == "某某县人民法院 （2018）某0101民初77号 民事判决书"
    assert headline("\n\n  平台数据之争\n正文第一段。") == "平台数据之争"
    assert headline("第一句就是正文，没有标题。\n第二段。") == ""
    assert document_title(detect("第一句就是正文，没有标题。"), "第一句就是正文，没有标题。") == ""


def test_html_entities_and_masking_do_not_disturb_the_structure():
    text = APPEAL.replace("窃取他人财物", "窃取&ldquo;他人&rdquo;财物").replace("梁××", "梁&times;&times;")
    s = detect(text)
    assert s.case_number == "（2019）京01刑终888号" and s.parties[1].name == "梁&times;&times;"
    assert "reasoning" in [x.kind for x in s.sections] and s.date == "2019-10-08"


def test_charges_named_together_and_the_convict_in_a_page_title():
    text = (
        "罪犯杨某盗窃罪减刑刑事裁定书\n某某市中级人民法院\n刑事裁定书\n（2018）某01刑更31号\n罪犯杨某，女，现在某某监狱服刑。\n"
        "某某县人民法院以（2015）某刑初字第9号刑事判决，认定被告人杨某犯盗窃罪、掩饰、隐瞒犯罪所得罪，判处有期徒刑五年。\n"
    )
    for t in layouts(text):
        assert detect(t).cause == "盗窃罪、掩饰、隐瞒犯罪所得罪"


def test_signatures_with_a_judges_assistant_and_an_appendix_after_them():
    text = (
        "某某市人民法院\n刑事判决书\n（2019）某0381刑初59号\n公诉机关某某市人民检察院。\n被告人王某，男。\n"
        "本院认为，被告人王某构成危险驾驶罪。依照《中华人民共和国刑法》第一百三十三条之一之规定，判决如下：\n被告人王某犯危险驾驶罪。\n"
        "审判员　　张晓红\n二〇一九年二月十八日\n法官助理赵某\n书记员杨逸尘\n本案适用的相关法律依据：\n《中华人民共和国刑法》\n第六十七条犯罪以后自动投案……\n"
    )
    for t in layouts(text):
        s = detect(t)
        assert (s.judges, s.clerk, s.date) == ([("审判员", "张晓红")], "杨逸尘", "2019-02-18")
        assert {c.key() for c in s.citations} == {("刑法", 133, None, 1), ("刑法", 67, None, None)}
