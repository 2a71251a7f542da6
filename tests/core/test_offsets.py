from annotator.core.offsets import OffsetMap, utf16_len

TEXT = "原告𠮷某诉称：被告的群控软件𠮷𠮷侵害数据权益。"


def utf16_index(text: str, cp: int) -> int:
    return len(text[:cp].encode("utf-16-le")) // 2


def test_roundtrip_every_offset_with_astral_characters():
    m = OffsetMap(TEXT)
    assert m.length == len(TEXT)
    assert m.length_utf16 == utf16_len(TEXT) == len(TEXT.encode("utf-16-le")) // 2
    for cp in range(len(TEXT) + 1):
        u16 = m.to_utf16(cp)
        assert u16 == utf16_index(TEXT, cp)
        assert m.to_codepoint(u16) == cp


def test_offset_inside_a_surrogate_pair_rounds_down():
    m = OffsetMap(TEXT)
    cp = TEXT.index("𠮷")
    u16 = m.to_utf16(cp)
    assert m.to_codepoint(u16 + 1) == cp


def test_bmp_only_text_is_identity():
    m = OffsetMap("数据权益" * 10)
    assert m.is_bmp_only
    assert all(m.to_utf16(i) == i and m.to_codepoint(i) == i for i in range(41))


def test_passage_after_astral_character_matches_qt_units():
    passage = "侵害数据权益"
    cp = TEXT.index(passage)
    m = OffsetMap(TEXT)
    # Qt would report the selection in UTF-16 units: three astral characters precede the passage.
    assert m.to_utf16(cp) == cp + 3
    assert TEXT[m.to_codepoint(cp + 3) : m.to_codepoint(cp + 3 + len(passage))] == passage
