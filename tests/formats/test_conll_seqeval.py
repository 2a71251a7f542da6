"""CoNLL read by seqeval, the reference scorer of BIO tagging: in strict IOB2 mode every piece of every
tag is an entity, also where a sentence or paragraph break cuts a tag (it restarts with B-)."""

from __future__ import annotations

from pathlib import Path

import pytest
from seqeval.metrics.sequence_labeling import get_entities
from seqeval.scheme import IOB2, Entities

from annotator.formats import conll
from annotator.formats.base import ExportOptions

SHARED = Path(__file__).resolve().parents[2].parent / "shared"


def _sentences(path: Path) -> tuple[list[list[str]], list[list[str]]]:
    """Tokens and tags per sentence, the way CoNLL readers split a file (blank lines)."""
    tokens, tags, cur_t, cur_g = [], [], [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if cur_g:
                tokens.append(cur_t)
                tags.append(cur_g)
            cur_t, cur_g = [], []
            continue
        word, tag = line.split("\t")
        cur_t.append(word)
        cur_g.append(tag)
    if cur_g:
        tokens.append(cur_t)
        tags.append(cur_g)
    return tokens, tags


def _strict(tags: list[list[str]]) -> list[tuple[int, str, int, int]]:
    """(sentence, label, start, end) of every entity seqeval finds in strict IOB2 mode."""
    return [(e.sent_id, e.tag, e.start, e.end) for sent in Entities(tags, IOB2).entities for e in sent]


def test_a_tag_across_breaks_restarts_with_b_and_seqeval_strict_counts_every_piece(project, tmp_path):
    text = "本院认为，被告的行为\n构成不正当竞争。原告的主张成立！应予支持。"
    doc = project.documents.add_text("判决", text).documents_added[0]
    stored = project.documents.get(doc.id).text
    who = project.annotators.ensure("张三").id
    cat = project.codebook.find("破坏性利用").id
    s = stored.index("被告")
    e = stored.index("应予")  # across a line break, 。 and ！: three pieces
    project.annotations.add(doc.id, s, e, cat, who)
    out = tmp_path / "t.conll"
    project.exports.export("conll", out)
    assert "-DOCSTART-" not in out.read_text(encoding="utf-8")  # only when asked for
    tokens, tags = _sentences(out)
    strict = _strict(tags)
    lenient = [x for sent in tags for x in get_entities(sent)]
    assert len(strict) == len(lenient) == 3
    # Every strict entity spans exactly the characters of its piece.
    pieces = ["".join(tokens[i][a:b]) for (i, _lab, a, b) in strict]
    assert "".join(pieces) == "".join(stored[s:e].split())


def test_real_judgment_conll_is_valid_iob2_for_seqeval(project, tmp_path):
    real = SHARED / "realtexts" / "dev"
    if not real.is_dir():
        pytest.skip(f"real judgments not found at {real} (they live in the team's shared folder)")
    doc_id = project.documents.import_files(sorted(real.glob("daybright_*.txt"))[:1]).documents_added[0].id
    text = project.documents.get(doc_id).text
    who = project.annotators.ensure("张三").id
    cats = [c.id for c in project.codebook.list()[:3]]
    # Tags of 300 characters every 700: most cross a paragraph break or a sentence end.
    for n, start in enumerate(range(0, len(text) - 400, 700)):
        project.annotations.add(doc_id, start, start + 300, cats[n % 3], who)
    for words in (False, True):
        out = tmp_path / f"real-{words}.conll"
        project.exports.export("conll", out, ExportOptions(word_tokens=words, docstart=True))
        _tokens, tags = _sentences(out)
        tags = [t for t in tags if t != ["O"]]  # the -DOCSTART- line's own sentence
        strict = _strict(tags)
        lenient = [x for sent in tags for x in get_entities(sent)]
        assert strict and len(strict) == len(lenient)  # nothing dropped, nothing merged
        # An I- never follows O or a different label inside a sentence.
        for sent in tags:
            for prev, cur in zip(["O", *sent], sent, strict=False):
                if cur.startswith("I-"):
                    assert prev[2:] == cur[2:] and prev != "O"


def test_fast_and_general_paths_agree_at_breaks():
    text = "甲乙。丙丁\n戊己"
    spans = [(1, 7, "X")]
    assert conll.char_lines(text, spans) == conll.lines(text, spans, conll.char_tokens(text))
    assert conll.char_lines(text, spans) == [
        "甲\tO",
        "乙\tB-X",
        "。\tI-X",
        "",
        "丙\tB-X",
        "丁\tI-X",
        "",
        "戊\tB-X",
        "己\tO",
    ]
