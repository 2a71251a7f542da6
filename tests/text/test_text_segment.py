"""Word segmentation: legal terms stay whole, offsets are code points, only the local block is cut."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from annotator.core.errors import OffsetError
from annotator.text import segment as segment_module

PROJECT_ROOT = Path(__file__).resolve().parents[2]

SENTENCE = (
    "杭州互联网法院审理认为，被告运营的群控软件违反了反不正当竞争法，"
    "也不符合个人信息保护法的要求；用户的数据携带权不能成为侵害平台数据权益的理由。"
)
TERMS = ["反不正当竞争法", "数据权益", "数据携带权", "群控软件", "个人信息保护法", "杭州互联网法院"]

DOCUMENT = (
    "　　原告诉称，被告开发的外挂软件通过网络爬虫抓取好友关系链，违反了诚实信用原则。\n\n"
    "　　本院认为，Xposed框架本身技术中立，但被告的使用方式属于破坏性利用。\n"
    "审判长　张某\n"
    "𠮷某与被告之间的纠纷，适用民法典第一千零三十四条。"
)


def _run(code: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=PROJECT_ROOT,
        env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT), **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_legal_terms_stay_whole(segmenter) -> None:
    found = segmenter.words(SENTENCE)
    for term in TERMS:
        assert term in found


def test_tokenize_gives_spans_of_the_words(segmenter) -> None:
    spans = segmenter.tokenize(SENTENCE)
    assert [SENTENCE[s:e] for s, e in spans] == segmenter.words(SENTENCE)
    # Together with nothing but whitespace in between, the spans cover the text in order.
    assert "".join(SENTENCE[s:e] for s, e in spans) == SENTENCE
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))


def test_whitespace_is_not_a_word(segmenter) -> None:
    text = "本院认为：\n\u3000\u3000被告 应当 赔偿。"
    assert all(not text[s:e].isspace() for s, e in segmenter.tokenize(text))
    assert segmenter.words(text) == ["本院认为", "：", "被告", "应当", "赔偿", "。"]


def test_offsets_are_code_points_after_astral_characters(segmenter) -> None:
    text = "𠮷𠮷某诉称，其数据权益受到侵害。"
    start = text.index("数据权益")
    assert start == 7
    # In UTF-16 the same word starts two units later: the offsets must not be UTF-16.
    assert len(text[:start].encode("utf-16-le")) // 2 == 9
    assert (start, start + 4) in segmenter.tokenize(text)
    assert segmenter.word_at(text, start + 2) == (start, start + 4)
    assert segmenter.word_at(text, 0) == (0, 1)


def test_word_at_agrees_with_tokenize_everywhere(segmenter) -> None:
    spans = segmenter.tokenize(DOCUMENT)
    owner = {}
    for start, end in spans:
        for pos in range(start, end):
            owner[pos] = (start, end)
    for pos in range(len(DOCUMENT)):
        expected = owner.get(pos, (pos, pos + 1))  # whitespace: the character itself
        assert segmenter.word_at(DOCUMENT, pos) == expected, (pos, DOCUMENT[pos])


def test_word_at_on_terms_and_symbols(segmenter) -> None:
    start = SENTENCE.index("反不正当竞争法")
    for pos in range(start, start + 7):
        assert segmenter.word_at(SENTENCE, pos) == (start, start + 7)
    comma = SENTENCE.index("，")
    assert segmenter.word_at(SENTENCE, comma) == (comma, comma + 1)


@pytest.mark.parametrize("pos", [-1, len(SENTENCE), len(SENTENCE) + 5])
def test_word_at_outside_the_text(segmenter, pos) -> None:
    with pytest.raises(OffsetError):
        segmenter.word_at(SENTENCE, pos)


def test_word_at_segments_only_the_block_around_the_position(segmenter, monkeypatch) -> None:
    paragraph = "本院认为，被告擅自抓取平台数据的行为违反商业道德，构成不正当竞争。\n"
    document = paragraph * 30_000  # about a million characters
    tokenizer = segment_module._get_tokenizer()
    seen: list[int] = []
    original = tokenizer.tokenize

    def spy(text, *args, **kwargs):
        seen.append(len(text))
        return original(text, *args, **kwargs)

    monkeypatch.setattr(tokenizer, "tokenize", spy)
    pos = len(document) - len(paragraph) + paragraph.index("不正当竞争") + 2
    start, end = segmenter.word_at(document, pos)
    assert document[start:end] == "不正当竞争"
    assert seen and max(seen) <= len(paragraph)
    seen.clear()
    # From the middle of 被告 in the first paragraph to the middle of 不正当竞争 in the last.
    assert segmenter.snap_to_words(document, 6, len(document) - 3) == (5, len(document) - 2)
    assert max(seen) <= len(paragraph)


def test_word_at_in_a_block_without_any_break(segmenter) -> None:
    text = "数据权益" * 3000  # 12,000 CJK characters jieba would treat as one block
    start, end = segmenter.word_at(text, 6001)
    assert start <= 6001 < end
    assert end - start <= 10


def test_snap_to_words(segmenter) -> None:
    a = SENTENCE.index("反不正当竞争法")
    b = SENTENCE.index("个人信息保护法")
    # From inside 反不正当竞争法 to inside 个人信息保护法.
    assert segmenter.snap_to_words(SENTENCE, a + 3, b + 2) == (a, b + 7)
    # Already on word boundaries: unchanged.
    assert segmenter.snap_to_words(SENTENCE, a, a + 7) == (a, a + 7)
    # An empty selection is left alone; whole text stays whole.
    assert segmenter.snap_to_words(SENTENCE, a + 3, a + 3) == (a + 3, a + 3)
    assert segmenter.snap_to_words(SENTENCE, 0, len(SENTENCE)) == (0, len(SENTENCE))


@pytest.mark.parametrize(("start", "end"), [(-1, 3), (5, 2), (0, len(SENTENCE) + 1)])
def test_snap_to_words_rejects_bad_selections(segmenter, start, end) -> None:
    with pytest.raises(OffsetError):
        segmenter.snap_to_words(SENTENCE, start, end)


def test_block_characters_match_jieba(segmenter) -> None:
    import jieba

    ours = segment_module._BLOCK_CHAR
    chars = [chr(c) for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF] + ["𠮷", "\U0002a700"]
    assert [c for c in chars if bool(jieba.re_han_default.fullmatch(c)) != bool(ours.fullmatch(c))] == []


def test_empty_text(segmenter) -> None:
    assert segmenter.tokenize("") == []
    assert segmenter.words("  \n") == []


def test_importing_the_text_package_does_not_load_heavy_libraries() -> None:
    result = _run(
        """
        import sys
        import annotator.text
        import annotator.text.segment
        import annotator.text.loaders
        heavy = [m for m in ("jieba", "docx", "pdfminer", "charset_normalizer") if m in sys.modules]
        assert not heavy, heavy
        """,
        {},
    )
    assert result.returncode == 0, result.stderr


def test_jieba_cache_goes_to_the_cache_folder_and_stays_quiet(tmp_path) -> None:
    cache = tmp_path / "cache"
    system_tmp = tmp_path / "systmp"
    system_tmp.mkdir()
    result = _run(
        """
        import sys
        from annotator.text import segment
        assert not segment.is_loaded()
        print(segment.words("群控软件违反反不正当竞争法"))
        assert segment.is_loaded()
        assert "jieba.analyse" not in sys.modules
        """,
        {
            "ANNOTATOR_CACHE_DIR": str(cache),
            "TMPDIR": str(system_tmp),
            "TEMP": str(system_tmp),
            "TMP": str(system_tmp),
        },
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['群控软件', '违反', '反不正当竞争法']"
    # jieba announces every load on stderr unless its logger is quietened.
    assert result.stderr == ""
    assert [p.name for p in cache.iterdir()] == ["jieba-0.42.1.cache"]
    assert list(system_tmp.iterdir()) == []


def test_reset_tokenizer_reloads_from_the_current_cache_folder(segmenter, tmp_path, monkeypatch) -> None:
    cache = tmp_path / "fresh-cache"
    monkeypatch.setenv("ANNOTATOR_CACHE_DIR", str(cache))
    previous = segment_module._get_tokenizer()
    try:
        segmenter.reset_tokenizer()
        assert not segmenter.is_loaded()
        assert segmenter.words("数据携带权") == ["数据携带权"]
        assert segment_module._get_tokenizer() is not previous
        assert segment_module._get_tokenizer().tmp_dir == str(cache)
    finally:
        # Give the rest of the session back the tokenizer it had.
        segment_module._tokenizer = previous
