"""Judgment structure: header facts, parties, sections and statute citations, on judgments written
for these tests (civil, administrative, criminal; first and second instance) and the sample texts."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.text.judgment import chinese_number, detect, find_case_numbers, find_citations, parse_date

ROOT = Path(__file__).resolve().parents[2]

CIVIL_FIRST = """北京市海岩区人民法院
民 事 判 决 书
(2019)京0199民初1987号之一
原告：张𠮷，男，1980年1月2日出生，汉族，住北京市海岩区。
委托诉讼代理人：李某，北京某某律师事务所律师。
被告：北京云栈数据服务有限公司，住所地北京市海岩区中关路1号。
法定代表人：赵某，该公司经理。
第三人：北京小鹿科技有限公司。
原告张𠮷与被告北京云栈数据服务有限公司（以下简称云栈公司）、第三人北京小鹿科技有限公司网络服务合同纠纷一案，本院立案后，依法适用简易程序公开开庭进行了审理。本案现已审理终结。
张𠮷向本院提出诉讼请求：判令云栈公司删除其个人信息。
云栈公司辩称：其处理行为取得了同意。
本院经审理查明：张𠮷于2018年注册云栈公司的应用。
本院认为，依照《中华人民共和国个人信息保护法》第四十七条第一款第（二）项、第四款，个人撤回同意的，处理者应当删除。该法第十三条、第十四条亦有规定。同法第六十九条第一款规定了过错推定。依据民法典第一千零三十五条，处理个人信息应当遵循合法原则。
综上，依照《中华人民共和国民事诉讼法》第六十七条之规定，判决如下：
一、被告北京云栈数据服务有限公司删除原告张𠮷的个人信息。
案件受理费50元，由被告负担。
审　判　员　欧阳明月
二〇一九年十月二十日
书　记　员　钱多
"""

ADMIN_SECOND = """广东省南屿市中级人民法院
行政裁定书
（2020）粤09行终45号
上诉人（原审原告）：陈某某，女，1975年5月5日出生，住广东省南屿市。
被上诉人（原审被告）：南屿市自然资源局，住所地广东省南屿市人民路2号。
法定代表人：黄某，该局局长。
上诉人陈某某因诉被上诉人南屿市自然资源局政府信息公开一案，不服广东省南屿市东湖区人民法院（2019）粤0902行初300号行政裁定，向本院提起上诉。本院依法组成合议庭审理了本案。
陈某某上诉称：一审裁定认定事实错误。
本院认为，根据《中华人民共和国行政诉讼法》第四十九条的规定，起诉应当符合法定条件。
依照《中华人民共和国行政诉讼法》第八十九条第一款第一项之规定，裁定如下：
驳回上诉，维持原裁定。
本裁定为终审裁定。
审判长　邓某
审判员　周某
审判员　吴某
二〇二〇年十二月三十一日
书记员　孔某
"""

CRIMINAL = """江苏省北湖县人民法院
刑事判决书
〔2021〕苏0123刑初88号
公诉机关江苏省北湖县人民检察院。
被告人刘某，男，1990年2月3日出生，汉族，住江苏省北湖县。
辩护人何某，江苏某某律师事务所律师。
江苏省北湖县人民检察院以北检刑诉〔2021〕70号起诉书指控被告人刘某犯侵犯公民个人信息罪，于2021年3月1日向本院提起公诉。
公诉机关指控：被告人刘某出售公民个人信息五千余条。
经审理查明：2020年，被告人刘某通过网络出售公民个人信息五千余条。
本院认为，被告人刘某违反国家有关规定，向他人出售公民个人信息，情节严重，其行为已构成侵犯公民个人信息罪。依照《中华人民共和国刑法》第二百五十三条之一第一款、第六十七条第三款之规定，判决如下：
被告人刘某犯侵犯公民个人信息罪，判处有期徒刑一年。
审判长　孙某
人民陪审员　马某
人民陪审员　朱某
2021年6月1日
书记员　冯某
"""


def _kinds(s):
    return [x.kind for x in s.sections]


def test_chinese_numbers_and_dates():
    assert chinese_number("二百六十") == 260
    assert chinese_number("一千零三十五") == 1035
    assert chinese_number("十七") == 17
    assert chinese_number("四十") == 40
    assert chinese_number("２０１９") == 2019
    assert chinese_number("某") is None
    assert parse_date("二〇一九年十月二十日") == "2019-10-20"
    assert parse_date("二○二○年十二月三十一日") == "2020-12-31"
    assert parse_date("2021年6月1日") == "2021-06-01"
    assert parse_date("二〇一九年十三月一日") is None


def test_case_numbers_in_both_bracket_widths_with_suffix():
    found = [
        n
        for n, _s, _e in find_case_numbers(
            "见(2019)京0199民初1987号之一及〔2021〕苏0123刑初88号、（2022）浙01民终2186号"
        )
    ]
    assert found == ["（2019）京0199民初1987号之一", "（2021）苏0123刑初88号", "（2022）浙01民终2186号"]


def test_civil_first_instance():
    s = detect(CIVIL_FIRST)
    assert s.case_number == "（2019）京0199民初1987号之一"
    assert (s.court, s.document_type, s.case_kind, s.procedure) == (
        "北京市海岩区人民法院",
        "民事判决书",
        "民事",
        "一审",
    )
    assert s.date == "2019-10-20" and s.year == 2019
    assert s.cause == "网络服务合同纠纷"
    roles = [(p.role, p.name, p.representative) for p in s.parties]
    assert roles == [
        ("原告", "张𠮷", False),
        ("委托诉讼代理人", "李某", True),
        ("被告", "北京云栈数据服务有限公司", False),
        ("法定代表人", "赵某", True),
        ("第三人", "北京小鹿科技有限公司", False),
    ]
    assert s.judges == [("审判员", "欧阳明月")]
    assert s.clerk == "钱多"
    assert _kinds(s) == [
        "header",
        "parties",
        "procedure",
        "claims",
        "facts",
        "reasoning",
        "decision",
        "closing",
    ]
    text = CIVIL_FIRST
    sec = {x.kind: text[x.start : x.end] for x in s.sections}
    assert sec["reasoning"].startswith("本院认为") and sec["reasoning"].endswith("合法原则。")
    assert sec["decision"].startswith("综上，依照") and "案件受理费" in sec["decision"]
    assert sec["closing"].startswith("审　判　员") and sec["closing"].endswith("钱多")
    assert sec["facts"].startswith("本院经审理查明")
    # Sections are contiguous and in order.
    for a, b in zip(s.sections, s.sections[1:], strict=False):
        assert a.end <= b.start and "\n" not in text[a.end : b.start].strip()


def test_civil_statutes_resolve_references_and_lists():
    labels = [c.label() for c in detect(CIVIL_FIRST).citations]
    assert labels == [
        "个人信息保护法第47条第1款第2项",
        "个人信息保护法第47条第4款",
        "个人信息保护法第13条",
        "个人信息保护法第14条",
        "个人信息保护法第69条第1款",
        "民法典第1035条",
        "民事诉讼法第67条",
    ]


def test_citation_offsets_point_at_the_text():
    text = "依照消费者权益保护法第五十六条第一款处理。"
    (c,) = find_citations(text)
    assert c.key() == ("消费者权益保护法", 56, 1, None)
    assert text[c.start : c.end] == "消费者权益保护法第五十六条第一款"


def test_same_article_paragraph_and_unknown_reference():
    cites = find_citations("反不正当竞争法第十二条的适用。该条第二款规制技术手段。")
    assert [c.key() for c in cites] == [("反不正当竞争法", 12, None, None), ("反不正当竞争法", 12, 2, None)]
    assert find_citations("该法第三条没有先行提到法律。") == []


def test_administrative_second_instance_ruling():
    s = detect(ADMIN_SECOND)
    assert s.case_number == "（2020）粤09行终45号"
    assert (s.document_type, s.case_kind, s.procedure) == ("行政裁定书", "行政", "二审")
    assert s.date == "2020-12-31"
    assert s.cause == "政府信息公开"
    assert s.cited_cases == ["（2019）粤0902行初300号"]
    first = s.parties[0]
    assert (first.role, first.original_role, first.name) == ("上诉人", "原审原告", "陈某某")
    assert [p.role for p in s.parties] == ["上诉人", "被上诉人", "法定代表人"]
    assert "decision" in _kinds(s) and "facts" not in _kinds(s)
    dec = next(x for x in s.sections if x.kind == "decision")
    assert ADMIN_SECOND[dec.start : dec.end].startswith("依照《中华人民共和国行政诉讼法》第八十九条")
    assert [c.label() for c in s.citations] == ["行政诉讼法第49条", "行政诉讼法第89条第1款第1项"]
    assert [j[0] for j in s.judges] == ["审判长", "审判员", "审判员"]


def test_criminal_first_instance():
    s = detect(CRIMINAL)
    assert s.case_number == "（2021）苏0123刑初88号"
    assert (s.document_type, s.case_kind, s.procedure) == ("刑事判决书", "刑事", "一审")
    assert s.cause == "侵犯公民个人信息罪"
    assert s.date == "2021-06-01"
    assert [(p.role, p.name) for p in s.parties] == [
        ("公诉机关", "江苏省北湖县人民检察院"),
        ("被告人", "刘某"),
        ("辩护人", "何某"),
    ]
    assert _kinds(s) == [
        "header",
        "parties",
        "procedure",
        "claims",
        "facts",
        "reasoning",
        "decision",
        "closing",
    ]
    keys = [c.key() for c in s.citations]
    assert keys == [("刑法", 253, 1, 1), ("刑法", 67, 3, None)]
    assert s.meta()["statutes"][0] == {"statute": "刑法", "article": 253, "paragraph": 1, "article_suffix": 1}


def test_text_that_is_not_a_judgment_has_no_sections():
    s = detect("法院审结一起数据纠纷案\n记者从明川一法院获悉，该院近日审结一起案件。\n")
    assert s.sections == [] and s.case_number == "" and s.court == ""
    assert detect("").meta() == {}


@pytest.mark.parametrize(
    ("name", "encoding", "expected"),
    [
        (
            "01_crawler_reviews_first_instance.txt",
            "utf-8",
            ("（2021）浙0196民初3127号", "一审", "2022-06-28"),
        ),
        ("02_group_control_plugin_appeal.txt", "utf-8", ("（2022）浙01民终2186号", "二审", "2022-09-15")),
        (
            "03_app_personal_info_administrative.gb18030.txt",
            "gb18030",
            ("（2022）浙0198行初87号", "一审", "2023-03-15"),
        ),
        ("04_data_crime_criminal.txt", "utf-8", ("（2022）浙0196刑初412号", "一审", "2022-06-09")),
    ],
)
def test_sample_judgments(name, encoding, expected):
    text = (ROOT / "sample_texts" / name).read_text(encoding=encoding)
    s = detect(text)
    assert (s.case_number, s.procedure, s.date) == expected
    assert [x.kind for x in s.sections][-3:] == ["reasoning", "decision", "closing"]
    reasoning = next(x for x in s.sections if x.kind == "reasoning")
    assert text[reasoning.start : reasoning.end].startswith("本院认为")
    assert s.clerk and s.judges


def test_a_short_ruling_without_a_procedure_paragraph():
    text = (
        "某某市人民法院\n民事裁定书\n（2023）京0101民初5号\n原告：甲公司。\n被告：乙公司。\n"
        "本院认为，原告的起诉不符合受理条件。\n裁定如下：驳回原告的起诉。\n"
    )
    s = detect(text)
    assert [(x.kind, text[x.start : x.end]) for x in s.sections][2:] == [
        ("reasoning", "本院认为，原告的起诉不符合受理条件。"),
        ("decision", "裁定如下：驳回原告的起诉。"),
    ]
