"""Offset maps between a text as delivered and the stored text after recorded steps."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.textmap import Edit, Step, TextMap


def test_insertion_deletion_and_replacement_map_both_ways() -> None:
    delivered = "甲乙丙丁\n\n戊己 庚"
    tmap = TextMap(
        [
            Step("reflow", [Edit(4, 6, "\n\n", "")]),
            Step("paragraphs", [Edit(2, 2, "", "\n"), Edit(6, 7, " ", "\n")]),
        ]
    )
    stored = tmap.apply(delivered)
    assert stored == "甲乙\n丙丁戊己\n庚"
    assert tmap.delivered(stored) == delivered
    # a span over the delivered text covers the same characters in the stored one
    for start, end in [(0, 2), (2, 4), (6, 8), (0, 9), (8, 9)]:
        s, e = tmap.span_to_stored(start, end)
        assert stored[s:e].replace("\n", "") == delivered[start:end].replace("\n", "").replace(" ", "")
    assert tmap.span_to_stored(2, 4) == (3, 5)  # starts after the inserted break
    assert tmap.span_to_stored(0, 2) == (0, 2)  # ends before it
    assert tmap.span_to_stored(4, 6) is None  # only the removed blank line
    assert tmap.span_to_delivered(3, 5) == (2, 4)


def test_json_round_trip_and_bad_edits() -> None:
    tmap = TextMap([Step("paragraphs", [Edit(3, 3, "", "\n")])])
    again = TextMap.from_json(tmap.to_json())
    assert again.apply("一二三四") == tmap.apply("一二三四") == "一二三\n四"
    assert not TextMap.from_json("[]")
    for bad in ([Edit(0, 2, "x", "y")], [Edit(0, 1, "a", "a")], [Edit(0, 2, "ab", ""), Edit(1, 3, "bc", "")]):
        try:
            Step("x", bad)
        except ValueError:
            continue
        raise AssertionError(f"accepted {bad}")


@st.composite
def edited(draw):
    text = draw(st.text(alphabet="甲乙丙 \n𠮷", min_size=0, max_size=40))
    cuts = sorted(set(draw(st.lists(st.integers(0, len(text)), max_size=8))))
    edits, last = [], -1
    for i, a in enumerate(cuts):
        b = cuts[i + 1] if i + 1 < len(cuts) else None
        if a <= last:
            continue
        end = a if b is None or draw(st.booleans()) else b
        new = draw(st.sampled_from(["", "\n", "  "]))
        if text[a:end] == new or (a == end and not new):
            continue
        edits.append(Edit(a, end, text[a:end], new))
        last = end if end > a else a + 1
    return text, edits


@settings(max_examples=200, deadline=None)
@given(edited(), st.data())
def test_untouched_spans_keep_their_characters(case, data) -> None:
    text, edits = case
    tmap = TextMap([Step("s", edits)])
    stored = tmap.apply(text)
    assert tmap.delivered(stored) == text
    if not text:
        return
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    touched = any(e.start < end and e.end > start or start < e.start < end for e in edits)
    mapped = tmap.span_to_stored(start, end)
    if not touched:
        assert mapped is not None and stored[mapped[0] : mapped[1]] == text[start:end]
    if mapped is not None:
        assert 0 <= mapped[0] < mapped[1] <= len(stored)
