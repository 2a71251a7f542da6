"""Plain-text files in every encoding researchers send, and the files that are not text at all."""

from __future__ import annotations

import codecs

import pytest

from annotator.core.errors import InputError
from annotator.text import load_file
from annotator.text.encoding import canonical_encoding, decode_bytes, find_binary

SIMPLIFIED = (
    "本院经审理认为，被告未经许可，利用自动化程序批量抓取平台用户公开发布的内容，"
    "并将其用于自己经营的同类产品，实质性替代了原告提供的服务。该行为违背诚实信用原则"
    "和公认的商业道德，扰乱了市场竞争秩序，损害了原告的合法权益，构成不正当竞争。\n"
    "据此，判决被告停止侵权，并赔偿原告经济损失及为制止侵权所支付的合理费用。"
)
TRADITIONAL = (
    "本院經審理認為，被告未經許可，利用自動化程式大量擷取平臺使用者公開發布之內容，"
    "並將其用於自己經營之同類產品，實質上替代了原告所提供之服務。該行為違背誠實信用原則"
    "及公認之商業倫理，擾亂市場競爭秩序，損害原告之合法權益，構成不公平競爭。\n"
    "據此，判決被告應停止侵害，並賠償原告之損害及為排除侵害所支出之必要費用。"
)
# Characters that GBK has and GB2312 lacks: personal-name characters common in judgments.
GBK_ONLY = "朱镕基", "张喆", "王堃", "李犇", "赵昇"
GBK_TEXT = (
    "当事人名单核对如下：第一被告"
    + GBK_ONLY[1]
    + "，第二被告"
    + GBK_ONLY[2]
    + "，第三被告"
    + GBK_ONLY[3]
    + "，证人"
    + GBK_ONLY[4]
    + "。以上人员均已按时到庭参加诉讼，法庭当庭核实了各方身份信息。"
)


def test_gbk_sample_really_needs_gbk() -> None:
    with pytest.raises(UnicodeEncodeError):
        GBK_TEXT.encode("gb2312")
    GBK_TEXT.encode("gbk")


@pytest.mark.parametrize(
    ("label", "data", "expected_text", "expected_encodings"),
    [
        ("utf8", SIMPLIFIED.encode("utf-8"), SIMPLIFIED, {"utf-8"}),
        ("utf8-bom", codecs.BOM_UTF8 + SIMPLIFIED.encode("utf-8"), SIMPLIFIED, {"utf-8"}),
        ("utf16-le-bom", codecs.BOM_UTF16_LE + SIMPLIFIED.encode("utf-16-le"), SIMPLIFIED, {"utf-16"}),
        ("utf16-be-bom", codecs.BOM_UTF16_BE + SIMPLIFIED.encode("utf-16-be"), SIMPLIFIED, {"utf-16"}),
        ("utf32-bom", SIMPLIFIED.encode("utf-32"), SIMPLIFIED, {"utf-32"}),
        ("gb18030", SIMPLIFIED.encode("gb18030"), SIMPLIFIED, {"gb18030"}),
        ("gb2312", SIMPLIFIED.encode("gb2312"), SIMPLIFIED, {"gb18030"}),
        ("gbk-only", GBK_TEXT.encode("gbk"), GBK_TEXT, {"gb18030"}),
        ("big5", TRADITIONAL.encode("big5"), TRADITIONAL, {"big5hkscs", "cp950"}),
    ],
)
def test_encodings_are_detected(write, label, data, expected_text, expected_encodings) -> None:
    loaded = load_file(write(f"{label}.txt", data))
    assert loaded.text == expected_text
    assert loaded.encoding in expected_encodings
    assert loaded.source_format == "txt"
    assert loaded.title == label
    assert loaded.warnings == []


def test_gb18030_four_byte_characters_outside_the_bmp(write) -> None:
    # 𠮷 exists only in GB18030's four-byte range, not in GBK or Big5.
    text = "原告𠮷某诉称，其个人信息被被告擅自收集并用于商业推广，请求判令被告停止侵害并赔礼道歉。"
    loaded = load_file(write("rare.txt", text.encode("gb18030")))
    assert loaded.text == text
    assert loaded.encoding == "gb18030"


@pytest.mark.parametrize(
    "text",
    # 平台, 抓取平台 and 为 in GB18030 are also valid UTF-8 (for Latin letters and combining marks).
    ["判决如下", "你好", "原告", "本院认为：", "驳回上诉，维持原判。", "平台", "抓取平台", "为"],
)
def test_very_short_gb18030_files(write, text) -> None:
    loaded = load_file(write("short.txt", text.encode("gb18030")))
    assert loaded.text == text
    assert loaded.encoding == "gb18030"


def test_short_ambiguous_file_warns_that_gb18030_was_assumed() -> None:
    decoded = decode_bytes("你好".encode("gb18030"), path="short.txt")
    assert decoded.encoding == "gb18030"
    assert decoded.warnings and "GB18030" in decoded.warnings[0]


@pytest.mark.parametrize("text", ["判決如下", "本院經審理認為，上訴駁回。"])
def test_short_big5_files(write, text) -> None:
    loaded = load_file(write("short5.txt", text.encode("big5")))
    assert loaded.text == text
    assert loaded.encoding in {"big5hkscs", "cp950"}


def test_markdown_is_kept_as_written(write) -> None:
    text = "# 裁判要旨\n\n- 数据权益的归属\n- **破坏性利用**的认定\n\n> 本院认为，应当审慎包容。"
    loaded = load_file(write("notes.MD", text.encode("utf-8")))
    assert loaded.text == text
    assert loaded.source_format == "md"
    assert loaded.title == "notes"


def test_text_extension_and_upper_case(write) -> None:
    loaded = load_file(write("判决书.TEXT", SIMPLIFIED.encode("utf-8")))
    assert loaded.source_format == "txt"
    assert loaded.source_name == "判决书.TEXT"
    assert loaded.title == "判决书"


def test_utf8_with_a_few_bad_bytes_stays_utf8_with_a_warning(write) -> None:
    data = SIMPLIFIED.encode("utf-8")
    cut = data + "结尾".encode()[:-1]  # the file ends in the middle of a character
    loaded = load_file(write("cut.txt", cut))
    assert loaded.encoding == "utf-8"
    assert loaded.text.startswith(SIMPLIFIED[:20])
    assert loaded.text.endswith("结\ufffd")
    assert any("invalid byte" in w for w in loaded.warnings)


# --- bad input -------------------------------------------------------------------------------------


PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"


def test_binary_file_is_refused_with_its_position(write) -> None:
    path = write("picture.txt", PNG_HEADER + bytes(range(256)) * 4)
    with pytest.raises(InputError) as err:
        load_file(path)
    message = str(err.value)
    assert "picture.txt" in message
    assert "not a text file" in message
    assert "byte 8" in message
    assert err.value.path == str(path)


def test_many_control_bytes_without_nul_are_binary() -> None:
    data = b"header " + bytes(range(1, 9)) * 50 + b" tail"
    assert find_binary(data) == 7
    # A stray control byte in a real text does not make it binary.
    assert find_binary(SIMPLIFIED.encode("utf-8") + b"\x1a") is None


def test_nul_bytes_are_binary_even_deep_in_the_file(write) -> None:
    with pytest.raises(InputError, match=r"binary content at byte 30"):
        load_file(write("nul.txt", b"a" * 30 + b"\x00" + b"b" * 30))


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  ", "\u3000\u3000\n".encode(), codecs.BOM_UTF8])
def test_empty_and_whitespace_only_files(write, content) -> None:
    with pytest.raises(InputError, match="is empty") as err:
        load_file(write("blank.txt", content))
    assert "blank.txt" in str(err.value)


def test_undecodable_bytes_name_the_encodings_tried(write) -> None:
    with pytest.raises(InputError) as err:
        load_file(write("mystery.txt", b"case notes " + b"\x80\xff" * 40))
    message = str(err.value)
    assert "mystery.txt" in message
    for name in ("UTF-8", "GB18030", "Big5"):
        assert name in message


def test_bad_utf16_after_a_bom(write) -> None:
    with pytest.raises(InputError, match="byte-order mark") as err:
        load_file(write("half.txt", codecs.BOM_UTF16_LE + "数据".encode("utf-16-le") + b"\x00\xd8"))
    assert "half.txt" in str(err.value)


def test_missing_file_and_folder(tmp_path) -> None:
    with pytest.raises(InputError, match="does not exist") as err:
        load_file(tmp_path / "gone.txt")
    assert "gone.txt" in str(err.value)
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    with pytest.raises(InputError, match="folder") as err:
        load_file(folder)
    assert "folder.txt" in str(err.value)


def test_canonical_encoding_names() -> None:
    assert canonical_encoding("GB2312") == "gb18030"
    assert canonical_encoding("gbk") == "gb18030"
    assert canonical_encoding("BIG5") == "big5hkscs"
    assert canonical_encoding("UTF-8") == "utf-8"
    assert canonical_encoding("no-such-charset") is None


MIXED = "（2019）浙8601民初1987号 原告王𠮷诉称：Tencent v. 群控软件，赔偿260万元。\r\nSee art. 2."
ENGLISH = "The court found that the defendant's bulk scraping was unfair competition.\n"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize(
    ("label", "text"),
    [
        ("chinese", SIMPLIFIED),
        ("traditional", TRADITIONAL),
        ("mixed", MIXED),
        ("english", ENGLISH),
        ("short", "本院认为。"),
    ],
    ids=["chinese", "traditional", "mixed", "english", "short"],
)
def test_utf16_without_a_bom_is_read_in_either_byte_order(write, codec, label, text) -> None:
    """Little- and big-endian are detected the same way: no byte order is called binary while the
    other is accepted, and neither is taken for the other (ASCII swapped reads as CJK)."""
    loaded = load_file(write(f"{label}-{codec}.txt", text.encode(codec)))
    assert loaded.text == text.replace("\r\n", "\n")  # line ends normalised as for every text file
    assert loaded.encoding == codec
    assert any("byte-order mark" in w for w in loaded.warnings)


@pytest.mark.parametrize("codec", ["utf-8", "gb18030", "big5"])
def test_short_legacy_files_are_not_taken_for_utf16(write, codec) -> None:
    texts = (
        ["被告", "平台", "判決如下", "駁回上訴，維持原判。"]
        if codec == "big5"
        else ["被告", "平台", "判决如下", "驳回上诉，维持原判。"]
    )
    for text in texts:
        loaded = load_file(write("short.txt", text.encode(codec)))
        assert loaded.text == text and not loaded.encoding.startswith("utf-16")


def test_binary_is_still_binary_with_utf16_detection(write) -> None:
    with pytest.raises(InputError, match="not a text file"):
        load_file(write("bin.txt", bytes(range(256)) * 64))
    with pytest.raises(InputError, match="not a text file"):
        load_file(write("png.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8))
