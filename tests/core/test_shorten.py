"""The one text-shortening rule: at most `width` characters, an ellipsis where cut, one line."""

from __future__ import annotations

from annotator.core.shorten import shorten


def test_short_text_is_unchanged_and_long_text_ends_in_an_ellipsis():
    assert shorten("本院认为", 4) == "本院认为"
    assert shorten("本院认为被告违约", 5) == "本院认为…"
    assert len(shorten("𠮷" * 50, 24)) == 24  # code points, not UTF-16 units


def test_line_breaks_become_spaces_unless_asked_to_keep_them():
    assert shorten("第一行\n第二行", 20) == "第一行 第二行"
    assert shorten("第一行\n第二行", 20, one_line=False) == "第一行\n第二行"
    assert shorten("第一行\n第二行", 5) == "第一行 …"
