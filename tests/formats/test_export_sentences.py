"""The CoNLL and WebAnno TSV exports cut sentences by the project's one rule (core/sentence_marks.py),
so a sentence they write is the sentence the editor selects and agreement counts as a unit.

What the one rule changed in what they write (before, each format had its own set 。！？；!?):
- a closing quote or bracket after the terminator stays with its sentence (他说：“同意。”), where it
  used to begin the next one (”他…);
- a run of terminators (？！) ends one sentence, where the second mark used to be a sentence of its own;
- an ASCII semicolon ends a sentence as ； does, and U+2028/U+2029 end one as a line break does.
An ellipsis (……) ends no sentence, as before. The editor's sentence selection (text/sentences.py) now
ends a sentence after the whole run ？！ too, as agreement units and suggestions already did.
"""

from __future__ import annotations

import zipfile

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.formats import conll, webanno_tsv
from annotator.review.units import sentences as unit_sentences
from annotator.text.sentences import next_sentence, sentence_at

TEXT = "原告称：“被告违约。”本院认为……被告违约？！应予支持;（见附件。）\n判决如下：驳回。"
SENTENCES = [
    "原告称：“被告违约。”",
    "本院认为……被告违约？！",
    "应予支持;",
    "（见附件。）",
    "判决如下：驳回。",
]


def _conll_sentences(lines: list[str]) -> list[str]:
    """The sentences of CoNLL lines as a reader splits them (a blank line ends one), tokens joined."""
    out, cur = [], []
    for line in [*lines, ""]:
        if line:
            cur.append(line.split("\t")[0])
        elif cur:
            out.append("".join(cur))
            cur = []
    return out


def _editor_sentences(text: str) -> list[tuple[int, int]]:
    """The sentences the editor selects one after another, without the spaces before a line break."""
    out: list[tuple[int, int]] = []
    pos = 0
    while (found := next_sentence(text, pos)) is not None:
        start, end = found
        while end > start and text[end - 1].isspace():
            end -= 1
        out.append((start, end))
        pos = found[1]
    return out


def test_conll_and_webanno_write_the_editors_sentences():
    assert [TEXT[s:e] for s, e in unit_sentences(TEXT)] == SENTENCES
    # The editor's selection of a sentence (a click inside it) gives the same spans.
    assert [TEXT[slice(*sentence_at(TEXT, TEXT.index(x) + 1))] for x in SENTENCES] == SENTENCES
    assert _conll_sentences(conll.char_lines(TEXT, [])) == SENTENCES
    assert _conll_sentences(conll.lines(TEXT, [], conll.char_tokens(TEXT))) == SENTENCES
    assert [TEXT[s:e].strip() for s, e in webanno_tsv.sentences(TEXT)] == SENTENCES


def test_a_closing_quote_stays_with_its_sentence_in_the_exported_files(project, tmp_path):
    text = "他说：“同意。”被告违约！"
    doc = project.documents.add_text("引语", text).documents_added[0]
    stored = project.documents.get(doc.id).text
    assert stored == text
    out = tmp_path / "s.conll"
    project.exports.export("conll", out)
    written = _conll_sentences(out.read_text(encoding="utf-8").splitlines())
    at = written.index("他说：“同意。”")  # the closing quote is not the start of the next sentence
    assert written[at + 1] == "被告违约！"
    tsv = tmp_path / "s.zip"
    project.exports.export("webanno", tsv)
    with zipfile.ZipFile(tsv) as z:
        files = [z.read(n).decode("utf-8") for n in z.namelist()]
    tsv_file = next(f for f in files if "#Text=他说" in f)
    texts = [line[len("#Text=") :] for line in tsv_file.split("\n") if line.startswith("#Text=")]
    assert texts == ["他说：“同意。”", "被告违约！"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="甲乙。！？；!?;”’）」…，：\n \u3000\u2028", max_size=24))
def test_export_sentences_equal_the_sentence_units_on_any_text(text):
    spans = unit_sentences(text)
    assert _editor_sentences(text) == spans
    assert all(sentence_at(text, i)[0] == s for s, e in spans for i in range(s, e) if not text[i].isspace())
    units = ["".join(text[s:e].split()) for s, e in spans]
    assert _conll_sentences(conll.char_lines(text, [])) == units
    tsv = webanno_tsv.sentences(text)
    assert "".join(text[s:e] for s, e in tsv) == text  # the sentences still cover the text, in order
    # A text of spaces alone is one sentence of spaces there, as before: TSV must cover the whole text.
    assert [x for x in ("".join(text[s:e].split()) for s, e in tsv) if x] == units
