import json

import pytest

from annotator.core import codebook
from annotator.core.context import Anchor, anchor, reanchor
from annotator.core.errors import InputError
from annotator.core.paths import resource


def test_bundled_codebook_is_valid_and_has_the_required_categories():
    entries = codebook.load(resource("codebook.json"))
    flat = [e for root in entries for e, _ in root.walk()]
    names = {e.name for e in flat}
    assert {"用户数据权益", "平台数据资源竞争权益", "破坏性利用"} <= names
    assert len(flat) >= 10
    assert all(e.name_en and e.description and e.color for e in flat)
    shortcuts = [e.shortcut for e in flat if e.shortcut]
    assert len(shortcuts) == len(set(shortcuts)) >= 3
    assert len({e.color for e in flat}) == len(flat)
    assert any(e.children for e in entries), "the codebook should be hierarchical"


@pytest.mark.parametrize(
    "data, message",
    [
        ({"format": "x"}, "not a codebook"),
        ({"format": codebook.FORMAT, "version": 99, "categories": []}, "version"),
        ({"format": codebook.FORMAT, "version": 1, "categories": [{"name": ""}]}, "name"),
        ({"format": codebook.FORMAT, "version": 1, "categories": [{"name": "a", "color": "red"}]}, "colour"),
        (
            {"format": codebook.FORMAT, "version": 1, "categories": [{"name": "a", "shortcut": "x"}]},
            "shortcut",
        ),
        ({"format": codebook.FORMAT, "version": 1, "categories": [{"name": "a"}, {"name": "a"}]}, "share"),
    ],
)
def test_bad_codebooks_are_refused_with_a_reason(data, message):
    with pytest.raises(InputError, match=message):
        codebook.parse(data, source="cb.json")


def test_codebook_file_that_is_not_json(tmp_path):
    bad = tmp_path / "cb.json"
    bad.write_bytes(b"\x89PNG\r\n")
    with pytest.raises(InputError, match="cb.json"):
        codebook.load(bad)


def test_deeply_nested_codebook_is_refused(tmp_path):
    node: dict = {"name": "leaf"}
    for i in range(30):
        node = {"name": f"n{i}", "children": [node]}
    path = tmp_path / "deep.json"
    path.write_text(json.dumps({"format": codebook.FORMAT, "version": 1, "categories": [node]}))
    with pytest.raises(InputError, match="nested"):
        codebook.load(path)


def test_anchor_and_reanchor_after_an_insertion():
    old = "本院认为，被告的行为构成不正当竞争。被告应当赔偿损失。"
    start = old.index("构成不正当竞争")
    a = anchor(old, start, start + 7)
    assert a.text == "构成不正当竞争"
    new = "经审理查明，事实清楚。" + old
    assert reanchor(new, a) == (new.index("构成不正当竞争"), new.index("构成不正当竞争") + 7)


def test_reanchor_uses_context_to_choose_between_repeats_and_refuses_to_guess():
    text = "甲说：被告。乙说：被告。"
    second = text.rindex("被告")
    a = anchor(text, second, second + 2, width=3)
    assert reanchor(text, a) == (second, second + 2)
    assert reanchor(text, Anchor("被告", "", "")) is None  # two equal candidates, no hint
    assert reanchor("没有这个词", a) is None
