"""The legal word lists in resources/legal/, their loader, and the script that builds them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from annotator.text import legal_lists

ROOT = Path(__file__).resolve().parents[2]
LEGAL = ROOT.parent / "shared" / "legal"


def test_statute_names_normalise_to_the_short_name() -> None:
    assert legal_lists.statute_short_name("《中华人民共和国反不正当竞争法》") == "反不正当竞争法"
    assert legal_lists.statute_short_name("中华人民共和国反不正当竞争法") == "反不正当竞争法"
    assert legal_lists.statute_short_name("反不正当竞争法") == "反不正当竞争法"
    assert legal_lists.statute_short_name("中华人民共和国刑法修正案(九)") == "刑法修正案（九）"
    # a judicial interpretation, written with its inner title in 〈〉 as courts do
    assert (
        legal_lists.statute_short_name("最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释")
        == "最高人民法院关于适用民事诉讼法的解释"
    )
    assert legal_lists.statute_short_name("某某不存在法") is None


def test_lists_have_what_the_reference_data_has() -> None:
    titles = {s.title for s in legal_lists.statutes()}
    assert {"中华人民共和国民法典", "中华人民共和国刑法", "中华人民共和国个人信息保护法"} <= titles
    assert len(titles) > 3000
    charges = legal_lists.charges()
    assert len(charges) == 544
    assert len(legal_lists.charges(current_only=True)) == 483
    assert {"危险驾驶罪", "盗窃罪", "帮助信息网络犯罪活动罪"} <= {c.name for c in charges}
    causes = {c.name: c for c in legal_lists.causes()}
    assert causes["民间借贷纠纷"].kind == "民事" and causes["政府信息公开"].kind == "行政"
    assert all(c.met_in for c in causes.values())
    assert "危险驾驶罪" in legal_lists.cause_names() and "不正当竞争纠纷" in legal_lists.cause_names()
    assert {"公诉机关", "从轻处罚", "有期徒刑", "委托诉讼代理人"} <= set(legal_lists.procedural_terms())


def test_jieba_dictionary_lines_are_word_freq_tag() -> None:
    lines = [
        line
        for line in Path(legal_lists.jieba_dictionary()).read_text(encoding="utf-8").splitlines()
        if not line.startswith("#")
    ]
    words = []
    for line in lines:
        word, freq, tag = line.split(" ")
        assert legal_lists.jieba_word_ok(word) and int(freq) > 0 and tag in ("n", "nz"), line
        words.append(word)
    assert len(words) == len(set(words)) > 4000
    # a charge with 、 cannot be one jieba word; its last piece is in the list instead
    assert "窝藏、转移、隐瞒毒品、毒赃罪" not in words and "毒赃罪" in words


@pytest.mark.parametrize(
    ("sentence", "term"),
    [
        ("被告人王某犯危险驾驶罪，判处拘役二个月。", "危险驾驶罪"),
        ("公诉机关指控被告人犯盗窃罪。", "公诉机关"),
        ("对被告人可以从轻处罚。", "从轻处罚"),
        ("原告与被告民间借贷纠纷一案", "民间借贷纠纷"),
        ("依照《中华人民共和国个人信息保护法》第十三条", "中华人民共和国个人信息保护法"),
    ],
)
def test_segmenter_keeps_legal_terms_whole(segmenter, sentence, term) -> None:
    assert term in segmenter.words(sentence)


@pytest.mark.skipif(
    not (LEGAL / "law_titles.tsv").is_file(),
    reason=f"the reference data is not at {LEGAL} (it lives in the team's shared folder)",
)
def test_shipped_lists_are_what_the_script_builds() -> None:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_legal_resources.py"), "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
