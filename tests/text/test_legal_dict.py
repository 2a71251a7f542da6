"""The legal user dictionary shipped in resources/."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from annotator.core.paths import resource

LINE = re.compile(r"^(\S+) ([1-9][0-9]*) ([a-z]+)$")
REQUIRED = [
    "中华人民共和国反不正当竞争法",
    "反不正当竞争法",
    "个人信息保护法",
    "数据安全法",
    "网络安全法",
    "电子商务法",
    "民法典",
    "著作权法",
    "专利法",
    "商标法",
    "反垄断法",
    "民事诉讼法",
    "行政诉讼法",
    "刑事诉讼法",
    "刑法",
    "消费者权益保护法",
    "数据权益",
    "数据携带权",
    "不正当竞争",
    "商业道德",
    "竞争权益",
    "数据资源",
    "破坏性利用",
    "搭便车",
    "用户同意",
    "知情同意",
    "个人信息",
    "个人数据",
    "原始数据",
    "衍生数据",
    "数据垄断",
    "技术中立",
    "技术创新",
    "诚实信用原则",
    "合法正当必要",
    "损害赔偿",
    "合理费用",
    "消除影响",
    "赔礼道歉",
    "停止侵权",
    "举证责任",
    "经审理查明",
    "本院认为",
    "判决如下",
    "裁定如下",
    "原告",
    "被告",
    "上诉人",
    "被上诉人",
    "第三人",
    "审判长",
    "审判员",
    "人民陪审员",
    "书记员",
    "一审",
    "二审",
    "再审",
    "案由",
    "诉讼请求",
    "诉讼费用",
    "群控软件",
    "外挂软件",
    "爬虫",
    "网络爬虫",
    "数据抓取",
    "应用程序接口",
    "用户画像",
    "好友关系链",
    "朋友圈",
    "小程序",
    "算法推荐",
    "刷单",
    "流量劫持",
    "屏蔽广告",
    "平台经营者",
    "最高人民法院",
    "杭州互联网法院",
    "北京互联网法院",
    "广州互联网法院",
    "北京知识产权法院",
    "上海知识产权法院",
    "广州知识产权法院",
    "浙江省高级人民法院",
]


@pytest.fixture(scope="module")
def lines() -> list[str]:
    data = resource("legal_dict.txt").read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf"), (
        "no byte-order mark: jieba reads it as part of the first word"
    )
    return data.decode("utf-8").splitlines()


def test_every_line_is_word_freq_tag(lines) -> None:
    bad = [(n, line) for n, line in enumerate(lines, 1) if not LINE.match(line)]
    assert bad == []


def test_no_duplicates_and_enough_terms(lines) -> None:
    words = [line.split(" ")[0] for line in lines]
    assert [w for w, n in Counter(words).items() if n > 1] == []
    assert len(words) >= 250


def test_required_terms_are_present(lines) -> None:
    words = {line.split(" ")[0] for line in lines}
    assert [term for term in REQUIRED if term not in words] == []


def test_every_term_is_one_word_for_jieba(segmenter, lines) -> None:
    words = [line.split(" ")[0] for line in lines]
    assert [w for w in words if segmenter.words(w) != [w]] == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A boosted term must not swallow the words around it.
        ("该案由某法院审理。", ["该案", "由", "某", "法院", "审理", "。"]),
        ("原告诉称，被告辩称。", ["原告", "诉称", "，", "被告", "辩称", "。"]),
        ("他被告知开庭时间。", ["他", "被", "告知", "开庭", "时间", "。"]),
        ("案由：不正当竞争纠纷", ["案由", "：", "不正当竞争纠纷"]),
    ],
)
def test_terms_do_not_distort_their_neighbours(segmenter, sentence, expected) -> None:
    assert segmenter.words(sentence) == expected
