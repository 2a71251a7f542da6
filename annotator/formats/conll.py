"""`conll`: BIO tags in two tab-separated columns, one token per line: every character (the default)
or, as an option, every jieba word. A blank line ends each sentence and each document; sentences end
by the project's one rule (core/sentence_marks.py: after 。！？； with the closing quotes or brackets
that follow them, 他说：“同意。”, or at a line break); `-DOCSTART-` lines before each document only when asked for (CoNLL-2003
readers want them, doccano's CoNLL reader makes junk examples of them). Whitespace is not written as
a token.

BIO is per sentence: a tag that a sentence break cuts restarts with `B-` in the next sentence, so
strict IOB2 readers (seqeval's strict mode) see every piece as an entity of its own.

BIO cannot express overlapping tags, so one rule decides: the tag that starts first wins, and of tags
starting at the same place the longest; a tag overlapping one already chosen is left out whole (never
cut into pieces). A token that only partly lies in a tag (jieba words) takes the tag.
"""

from __future__ import annotations

from bisect import bisect_left
from pathlib import Path

from annotator.core.sentence_marks import LINE_BREAKS, SENTENCE_END
from annotator.formats.base import ExportData, ExportOptions, Progress, report

NAME = "conll"
LABEL = "CoNLL BIO (per character, or per jieba word)"
EXTENSION = ".conll"
OPTIONS = ("word_tokens", "docstart")


def choose(spans: list[tuple[int, int, str]]) -> tuple[list[tuple[int, int, str]], int]:
    """Non-overlapping spans by the rule above, and how many were left out."""
    chosen, dropped, reach = [], 0, 0
    for s, e, label in sorted(spans, key=lambda t: (t[0], -(t[1] - t[0]))):
        if s < reach:
            dropped += 1
            continue
        chosen.append((s, e, label))
        reach = e
    return chosen, dropped


def sentence_ends(text: str) -> list[int]:
    """The offsets just after each sentence's closing marks (。, ！？, 。” …), in order. A sentence that
    ends at a line break needs none: the line break itself ends it."""
    return [m.end() for m in SENTENCE_END.finditer(text) if m.group()[0] not in LINE_BREAKS]


def char_tokens(text: str) -> list[tuple[int, int]]:
    return [(i, i + 1) for i in range(len(text))]


def lines(text: str, spans: list[tuple[int, int, str]], tokens: list[tuple[int, int]]) -> list[str]:
    """The token lines of one document, sentences separated by empty strings."""
    chosen, _ = choose(spans)
    ends = sentence_ends(text)
    out: list[str] = []
    k = 0  # index into chosen
    current: tuple[int, int, str] | None = None
    for s, e in tokens:
        piece = text[s:e]
        if not LINE_BREAKS.isdisjoint(piece) and out and out[-1] != "":
            out.append("")
        if out and out[-1] == "":
            current = None  # a new sentence: a tag continuing into it starts again with B-
        if not piece.strip():
            continue
        while k < len(chosen) and chosen[k][1] <= s:
            k += 1
        tag = "O"
        if k < len(chosen) and chosen[k][0] < e:  # token overlaps the span
            span = chosen[k]
            tag = ("I-" if current is span else "B-") + span[2]
            current = span
        else:
            current = None
        out.append(f"{piece.strip()}\t{tag}")
        i = bisect_left(ends, s + 1)
        if i < len(ends) and ends[i] <= e:  # a sentence ends inside or at the end of this token
            out.append("")
    if out and out[-1] == "":
        out.pop()
    return out


def char_lines(text: str, spans: list[tuple[int, int, str]]) -> list[str]:
    """`lines()` for one token per character, in a few passes over plain lists (4M characters in
    seconds, not tens of seconds)."""
    chosen, _ = choose(spans)
    labels = ["O"] * len(text)
    for s, e, label in chosen:
        labels[s:e] = ["I-" + label] * (e - s)
        labels[s] = "B-" + label
    out: list[str] = []
    append = out.append
    carry_b = False  # a tag that starts on whitespace begins at the next written character
    pos = 0
    # Sentence by sentence, so that the loop over characters does not also look for sentence ends.
    for end in [*sentence_ends(text), None]:
        for ch, label in zip(text[pos:end], labels[pos:end], strict=True):
            if ch.isspace():
                if ch in LINE_BREAKS and out and out[-1] != "":
                    append("")
                carry_b = carry_b or label[0] == "B"
                continue
            if label[0] == "I" and (carry_b or (out and out[-1] == "")):
                label = "B" + label[1:]  # after whitespace at a tag's start, or at a new sentence
            carry_b = False
            append(ch + "\t" + label)
        if end is not None:
            append("")  # the sentence's last mark was just written: it is never whitespace
            pos = end
    if out and out[-1] == "":
        out.pop()
    return out


def export(
    data: ExportData, path: str | Path, options: ExportOptions, progress: Progress | None = None
) -> None:
    cats = data.category_by_id()
    by_doc: dict[int, list[tuple[int, int, str]]] = {}
    for a in data.iter_annotations():
        by_doc.setdefault(a.document_id, []).append(
            (a.start, a.end, cats[a.category_id].name.replace(" ", "_"))
        )
    words = options.word_tokens and data.tokenize is not None
    total = len(data.documents)
    with Path(path).open("w", encoding="utf-8", newline="\n") as fh:
        for i, d in enumerate(data.documents):
            report(progress, i, total)
            if options.docstart:
                fh.write("-DOCSTART-\tO\n\n")
            spans = by_doc.get(d.id, [])
            body = lines(d.text, spans, data.tokenize(d.text)) if words else char_lines(d.text, spans)
            fh.write("\n".join(body))
            fh.write("\n\n")
    report(progress, total, total)
