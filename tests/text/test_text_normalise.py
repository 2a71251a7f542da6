"""Normalisation of loaded text and the optional repair of sentences broken across lines."""

from __future__ import annotations

import pytest

from annotator.core.textmap import TextMap
from annotator.text import load_file, normalise, reflow, reflow_preview
from annotator.text.normalise import controls_step, deliver, normalise_with_warnings, prepare

# --- normalise --------------------------------------------------------------------------------------


def test_newlines_bom_and_controls() -> None:
    raw = "\ufeff第一行\r\n第二行\r第三行\x00\x07\x1b\x7f\x85第四行\x0c第五行\u2028第六行"
    assert normalise(raw) == "第一行\n第二行\n第三行\n第四行\n第五行\n第六行"


def test_tabs_are_kept_and_other_c0_c1_controls_removed() -> None:
    assert normalise("证据\t内容\x01\x1f\x80\x9f") == "证据\t内容"


def test_nothing_else_changes_unicode_spaces_or_blank_lines() -> None:
    # no NFC (a compatibility ideograph or a combining accent is the court's character), no trimming
    for raw in (
        "cafe\u0301",
        "\uf9d1",
        "\n \n\u3000\n标题  \t\n\n\n\n\n正文。\u3000\n   \n\n",
        "\n\n  \u3000第一段。",
    ):
        assert normalise(raw) == raw


def test_deliver_changes_only_bom_newline_style_and_surrogates() -> None:
    text, warnings = deliver("\ufeff第一行\r\n第二行\r第三行\n\n\n\n第四行 \x07")
    assert text == "第一行\n第二行\n第三行\n\n\n\n第四行 \x07" and warnings == []


def test_controls_step_maps_offsets() -> None:
    raw = "甲\x00乙\x0c丙"
    step = controls_step(raw)
    assert step.apply(raw) == "甲乙\n丙"
    tmap = TextMap([step])
    assert tmap.span_to_stored(2, 5) == (1, 4) and tmap.delivered("甲乙\n丙") == raw


def test_lone_surrogates_are_replaced_with_a_warning() -> None:
    text, warnings = normalise_with_warnings("数据\ud800权益\udfff")
    assert text == "数据\ufffd权益\ufffd"
    assert len(warnings) == 1 and "2 invalid" in warnings[0]
    text.encode("utf-8")  # must be storable


def test_astral_characters_are_untouched() -> None:
    assert normalise("原告𠮷某\r\n") == "原告𠮷某\n"


def test_normalise_is_idempotent() -> None:
    raw = "\ufeff  标题\r\n\r\n\r\n\r\n正文\x00。 \n"
    once = normalise(raw)
    assert normalise(once) == once


# --- reflow -----------------------------------------------------------------------------------------

BROKEN = (
    "被告辩称，其使用的抓取工具只收集了公开信息，且运行时间很短，没有造成任何实质性损\n\n害，不应承担赔偿责任。\n\n"
    "被告未经许可大量抓取上述数据，并在自己的产品中向公众提供，原告对此应\n\n当有权请求停止侵害。\n\n"
    "二、本院认定的事实\n\n"
    "数据权益纠纷的裁判思路\n\n"
    "经审理查明，被告运营的软件可以自动登录用户账号，批量\n发送消息并采集好友信息。"
)


def test_reflow_joins_sentences_broken_by_blank_lines() -> None:
    assert reflow(BROKEN) == (
        "被告辩称，其使用的抓取工具只收集了公开信息，且运行时间很短，没有造成任何实质性损害，不应承担赔偿责任。\n\n"
        "被告未经许可大量抓取上述数据，并在自己的产品中向公众提供，原告对此应当有权请求停止侵害。\n\n"
        "二、本院认定的事实\n\n"
        "数据权益纠纷的裁判思路\n\n"
        "经审理查明，被告运营的软件可以自动登录用户账号，批量发送消息并采集好友信息。"
    )


def test_reflow_is_idempotent() -> None:
    once = reflow(BROKEN)
    assert reflow(once) == once
    assert reflow_preview(once) == []


def test_reflow_preview_lists_each_join_with_its_offset() -> None:
    preview = reflow_preview(BROKEN)
    assert [before[-3:] + "|" + after[:3] for _, before, after in preview] == [
        "质性损|害，不",
        "对此应|当有权",
        "，批量|发送消",
    ]
    for offset, before, after in preview:
        assert BROKEN[offset] == "\n"
        assert BROKEN[:offset].endswith(before)
        assert len(before) <= 10 and len(after) <= 10
        assert "\n" not in before + after
    assert preview[0] == (BROKEN.index("\n"), "没有造成任何实质性损", "害，不应承担赔偿责任")


@pytest.mark.parametrize(
    "text",
    [
        # Sentence-final punctuation.
        "本院认为，被告的行为构成不正当竞争。\n\n被告应当赔偿原告经济损失及合理费用。",
        # A title without punctuation before a paragraph.
        "“平台数据”引发的权益之争 抓取软件被判赔偿\n\n近日，某法院对一起数据抓取纠纷作出一审判决。",
        # Headings on either side.
        "被告的抗辩理由不能成立，本院不予支持\n\n（二）关于赔偿数额的确定",
        "一、关于被告的行为是否构成不正当竞争，各方意见如下\n\n原告认为，被告的行为构成不正当竞争。",
        "原告提交了公证书等证据，用以证明被告实施了抓取行为\n\n第三章 赔偿数额",
        # Label lines in the head of a judgment.
        "法定代表人：张某，该公司执行董事\n委托诉讼代理人：李某，某律师事务所律师",
        "合议庭由审判长王某，审判员赵某\n审判长：王某",
        # An indented line opens a paragraph.
        "被告辩称，其行为属于技术创新，不构成侵权\n\u3000\u3000本院认为，被告的辩称缺乏依据。",
        # A colon or a closing quote or bracket ends the line.
        "判决如下：\n\n一、被告立即停止涉案不正当竞争行为；",
        "原告主张的“数据权益”\n\n其内容包括用户账号数据与好友关系数据，均由原告掌握。",
        # Markdown structure.
        "# 裁判要旨，摘要如下\n\n数据资源的竞争权益应当受到保护，但不得滥用。",
        "- 第一项，停止侵权\n- 第二项，赔偿损失",
        # The next line starts with punctuation or a Latin capital.
        "本案涉及的软件名称为\n\n“某某助手”，其功能包括批量添加好友、自动回复消息等。",
    ],
)
def test_reflow_keeps_real_breaks(text) -> None:
    assert reflow(text) == text
    assert reflow_preview(text) == []


def test_reflow_joins_a_broken_english_sentence_with_a_space() -> None:
    text = "The court held that the defendant, by scraping user data,\nviolated the principle of good faith."
    assert reflow(text) == (
        "The court held that the defendant, by scraping user data, violated the principle of good faith."
    )


def test_reflow_joins_numbers_split_from_their_unit() -> None:
    text = "法院判令被告赔偿原告经济损失，合理费用共计38\n\n万元，并在其网站首页刊登声明。"
    assert reflow(text) == "法院判令被告赔偿原告经济损失，合理费用共计38万元，并在其网站首页刊登声明。"


def test_load_file_keeps_the_text_and_prepare_reflows_by_default(write) -> None:
    path = write("broken.txt", BROKEN.encode("utf-8"))
    plain = load_file(path)
    assert plain.text == BROKEN
    assert plain.warnings == []
    prepared = prepare(plain.text)
    assert prepared.text == reflow(BROKEN)
    assert any("3 line break" in w for w in prepared.warnings)
    assert prepared.map.delivered(prepared.text) == BROKEN
    kept = prepare(plain.text, skip_joins={prepared.joins[0][0]})
    assert len(kept.joins) == 2 and len(kept.skipped_joins) == 1
    assert prepare(plain.text, reflow=False).text == BROKEN
