"""Judgment structure on real court documents as they arrive (../shared/realtexts/dev, read by hand into
truth.json), each in the three layouts researchers meet: as delivered (one paragraph per line), the whole
judgment on one line, and paragraphs separated by spaces. Every layout is held to the same truth, field
by field; and our own sample judgments must read the same whatever their layout."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from annotator.text.judgment import JudgmentStructure, detect

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT.parent / "shared" / "realtexts" / "dev"
LAYOUTS = ("delivered", "one_line", "spaces")

needs_real = pytest.mark.skipif(
    not (REAL / "truth.json").is_file(),
    reason=f"the real judgments are not at {REAL} (they live in the team's shared folder)",
)


def in_layout(text: str, layout: str) -> tuple[str, list[int]]:
    """The text in a layout, and for each offset of the delivered text its offset in the new one."""
    if layout == "delivered":
        return text, list(range(len(text) + 1))
    joiner = "" if layout == "one_line" else " "
    out, moved, pos = [], [], 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        moved.extend(range(pos, pos + len(body)))
        moved.extend([pos + len(body)] * (len(raw) - len(body)))
        out.append(body)
        pos += len(body) + len(joiner)
    moved.append(pos)
    return joiner.join(out), moved


def case_key(number: str | None) -> str:
    return re.sub(r"\s+", "", number or "").translate(str.maketrans("()〔〕［］", "（）（）（）"))


def article_keys(items) -> set[tuple]:
    """(statute, article, 款, 之一) counted as truth.json counts them: an article cited with a 款 anywhere
    is counted with its 款s only."""
    by_article: dict[tuple, set] = {}
    for statute, article, paragraph, suffix in items:
        by_article.setdefault((statute, article, bool(suffix)), set()).add(paragraph)
    out = set()
    for (statute, article, suffix), paragraphs in by_article.items():
        if len(paragraphs) > 1:
            paragraphs.discard(None)
        out |= {(statute, article, p, suffix) for p in paragraphs}
    return out


def truth() -> dict:
    return json.loads((REAL / "truth.json").read_text(encoding="utf-8"))


_CACHE: dict[str, list[tuple[str, dict, str, list[int], JudgmentStructure]]] = {}


def read_all(layout: str):
    """(name, truth entry, text, offset map, what was found) for every real judgment in a layout."""
    if layout not in _CACHE:
        rows = []
        for name, entry in sorted(truth().items()):
            text, moved = in_layout((REAL / name).read_text(encoding="utf-8"), layout)
            rows.append((name, entry, text, moved, detect(text)))
        _CACHE[layout] = rows
    return _CACHE[layout]


@needs_real
@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("key", ["case_number", "court", "document_type", "date"])
def test_header_facts_and_date_in_every_layout(layout, key):
    wrong = []
    for name, entry, _text, _moved, found in read_all(layout):
        got, want = getattr(found, key), entry[key] or ""
        if key == "case_number":
            got, want = case_key(got), case_key(want)
        if got != want:
            wrong.append((name, got, want))
    assert wrong == []


@needs_real
@pytest.mark.parametrize("layout", LAYOUTS)
def test_parties_with_their_roles_in_every_layout(layout):
    want_total = hit = got_total = right = 0
    for _name, entry, _text, _moved, found in read_all(layout):
        want = list(dict.fromkeys((p["role"], p["name"]) for p in entry["parties"]))
        got = list(
            dict.fromkeys(
                (p.role + (f"（{p.original_role}）" if p.original_role else ""), p.name)
                for p in found.parties
            )
        )
        want_total += len(want)
        hit += sum(p in got for p in want)
        got_total += len(got)
        right += sum(p in want for p in got)
    assert hit / want_total >= 0.95 and right / got_total >= 0.95, (hit, want_total, right, got_total)


@needs_real
@pytest.mark.parametrize("layout", LAYOUTS)
def test_operative_reasoning_and_decision_in_every_layout(layout):
    right = {"reasoning": 0, "decision": 0}
    for _name, entry, text, moved, found in read_all(layout):
        sections = {s.kind: s for s in found.sections}
        at = entry["reasoning_start"]
        if at is None:
            right["reasoning"] += "reasoning" not in sections
        else:
            right["reasoning"] += "reasoning" in sections and sections["reasoning"].start == moved[at]
        at = entry["decision_start"]
        if at is None:
            right["decision"] += "decision" not in sections
        elif "decision" in sections:
            # The decision opens with the sentence that leads to 判决如下 (依照……，判决如下：).
            start = sections["decision"].start
            right["decision"] += start <= moved[at] and not re.search(r"[。！？]", text[start : moved[at]])
    n = len(read_all(layout))
    assert right["reasoning"] / n >= 0.95 and right["decision"] / n >= 0.95, right


@needs_real
@pytest.mark.parametrize("layout", LAYOUTS)
def test_cited_articles_in_every_layout(layout):
    want_total = got_total = common = 0
    for _name, entry, _text, _moved, found in read_all(layout):
        want = article_keys(
            (s["statute"], s["article"], s["paragraph"], s.get("article_suffix")) for s in entry["statutes"]
        )
        got = article_keys((c.statute, c.article, c.paragraph, c.article_suffix) for c in found.citations)
        want_total += len(want)
        got_total += len(got)
        common += len(want & got)
    assert common / want_total >= 0.95 and common / got_total >= 0.98, (common, want_total, got_total)


@needs_real
def test_the_layout_makes_no_difference():
    for rows in zip(*(read_all(layout) for layout in LAYOUTS), strict=True):
        facts = [
            (
                f.case_number,
                f.court,
                f.document_type,
                f.case_kind,
                f.procedure,
                f.date,
                f.cause,
                [(p.role, p.original_role, p.name) for p in f.parties],
                f.judges,
                f.clerk,
                sorted({c.key() for c in f.citations}, key=str),
            )
            for _n, _e, _t, _m, f in rows
        ]
        assert facts[0] == facts[1] == facts[2], rows[0][0]
        # Sections start at the same characters of the court's text.
        starts = [
            [(s.kind, {v: k for k, v in enumerate(m)}.get(s.start)) for s in f.sections]
            for _n, _e, _t, m, f in rows
        ]
        assert starts[0] == starts[1] == starts[2], rows[0][0]


@needs_real
def test_the_documents_own_case_number_is_never_a_cited_case():
    for layout in LAYOUTS:
        for name, _entry, _text, _moved, found in read_all(layout):
            assert found.case_number and found.case_number not in found.cited_cases, name


@needs_real
def test_appellants_and_representatives_as_written_in_real_judgments():
    rows = {name: found for name, _e, _t, _m, found in read_all("one_line")}
    appeal = rows["daybright_7ad5175106404b03b5afa74700902bcb.txt"]  # 上诉人（原审被告）：田某
    assert (appeal.parties[0].role, appeal.parties[0].original_role, appeal.parties[0].name) == (
        "上诉人",
        "原审被告",
        "田某",
    )
    assert appeal.procedure == "二审" and appeal.case_kind == "民事"
    # 委托代理人 written without a colon, a note in brackets after the role, and the party after them.
    admin = rows["seaeagle_a437c8d12cea4b5998718ad57d966c3d.txt"]
    assert [(p.role, p.name) for p in admin.parties][1:3] == [
        ("委托代理人", "刘建民"),
        ("被上诉人", "泰安市人民政府"),
    ]
    review = rows["seaeagle_84d2babbe68446cd9a1dab2a00da5936.txt"]
    assert (review.parties[0].role, review.parties[0].original_role) == ("再审申请人", "一审原告、二审上诉人")
    assert review.procedure == "再审审查"
    # 委托代理人黄超、汪幼君: two representatives.
    assert {("委托代理人", "黄超"), ("委托代理人", "汪幼君")} <= {(p.role, p.name) for p in review.parties}
    commutation = rows["daybright_af2943c1a98143ff9217836e68369684.txt"]
    assert [(p.role, p.name) for p in commutation.parties] == [("罪犯", "李良华")]
    assert commutation.procedure == "减刑/假释"


@needs_real
def test_page_noise_before_the_header_is_passed_over():
    name = "daybright_0120dec7291b46ca8c19a7f9009762f5.txt"  # page title and 发布日期/浏览 line first
    for layout in LAYOUTS:
        found = next(f for n, _e, _t, _m, f in read_all(layout) if n == name)
        assert (found.court, found.document_type, found.case_number) == (
            "重庆市南岸区人民法院",
            "刑事判决书",
            "（2017）渝0108刑初680号",
        )
        assert found.cause == "盗窃罪"


# ------------------------------------------------------------------------------ our own samples


SAMPLES = [
    "01_crawler_reviews_first_instance.txt",
    "02_group_control_plugin_appeal.txt",
    "03_app_personal_info_administrative.gb18030.txt",
    "04_data_crime_criminal.txt",
]


@pytest.mark.parametrize("name", SAMPLES)
def test_sample_judgments_read_the_same_in_every_layout(name):
    text = (ROOT / "sample_texts" / name).read_text(encoding="gb18030" if "gb18030" in name else "utf-8")
    found = {}
    for layout in LAYOUTS:
        joined, moved = in_layout(text, layout)
        f = detect(joined)
        back = {v: k for k, v in enumerate(moved)}
        found[layout] = (
            f.case_number,
            f.court,
            f.document_type,
            f.date,
            f.cause,
            [(p.role, p.name) for p in f.parties],
            f.judges,
            f.clerk,
            [c.key() for c in f.citations],
            [(s.kind, back.get(s.start)) for s in f.sections if s.kind in ("reasoning", "decision")],
        )
    assert found["delivered"] == found["one_line"] == found["spaces"]
    case_number, court, document_type, date, cause, parties, judges, clerk, citations, sections = found[
        "delivered"
    ]
    assert case_number and court and document_type and date and cause and parties and judges and clerk
    assert [k for k, _ in sections] == ["reasoning", "decision"] and len(citations) >= 10
