#!/usr/bin/env python3
"""Build the word lists in resources/legal/ from the official reference data in ../shared/legal.

    PYTHONPATH=. .venv/bin/python scripts/build_legal_resources.py [--legal ../shared/legal] [--check]

Inputs (read only):
- ../shared/legal/law_titles.tsv    titles of laws, regulations and judicial interpretations
- ../shared/legal/charges_status.tsv the official 罪名, current and abolished
- ../shared/legal/statutes/*.md     statute texts (to attest procedural terms)
- ../shared/realtexts/, ../shared/seed/, sample_texts/  real texts (to attest causes and terms)
- scripts/legal_data/causes.tsv, scripts/legal_data/procedural_terms.txt  the two lists we maintain,
  because no official list of them is available (see ../shared/legal/SOURCES.md)

Outputs (resources/legal/, shipped in the wheel; all UTF-8, `#` lines are comments, then a header row):
- statutes.tsv          title, short, kind: one row per distinct title; short is the name courts write
                        (no 中华人民共和国, no 《》〈〉, full-width brackets)
- charges.tsv           name, status (current / abolished)
- causes.tsv            cause, kind (民事 / 行政), met_in (first real text that has it)
- procedural_terms.tsv  term, found_in (a statute text or a real judgment)
- jieba_legal.txt       jieba user dictionary lines `word freq tag`: every title, short name, charge, cause
                        and term that jieba can hold as one word, with the lowest frequency (times a
                        margin) at which jieba keeps it whole rather than split into its parts

The frequencies are computed with the jieba that runs the application, over its main dictionary plus
resources/legal_dict.txt, in order of increasing length so that a long term beats the split into
shorter legal terms added before it. `--check` rebuilds into memory and fails when resources/legal/
differs (for CI or after a jieba upgrade).
"""

from __future__ import annotations

import argparse
import csv
import io
import math
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from annotator.text.legal_lists import FILES, jieba_word_ok, short_statute_name  # noqa: E402
from annotator.text.segment import plain_tokenizer, split_frequency  # noqa: E402

DATA = ROOT / "scripts" / "legal_data"
OUT = ROOT / "resources" / "legal"
# A term's frequency is this many times what it needs to beat its own split: running text offers
# routes that join its first or last character to a neighbour, and the margin keeps it whole there
# (benchmarks/legal_words.py measures the result in sentences).
MARGIN = 200
MIN_FREQ = 20


def read_tsv(path: Path) -> list[dict[str, str]]:
    lines = [
        line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")
    ]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def read_list(path: Path) -> list[str]:
    return [
        line.strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]


def statutes(legal: Path) -> list[tuple[str, str, str]]:
    seen: dict[str, tuple[str, str, str]] = {}
    for row in read_tsv(legal / "law_titles.tsv"):
        title = row["title"].strip()
        if title and title not in seen:
            seen[title] = (title, short_statute_name(title), row["kind"].strip())
    return sorted(seen.values(), key=lambda r: (r[2], r[0]))


def charges(legal: Path) -> list[tuple[str, str]]:
    return [(row["name"].strip(), row["status"].strip()) for row in read_tsv(legal / "charges_status.tsv")]


def real_texts(shared: Path) -> list[tuple[str, str]]:
    """(name relative to ../shared or the repo, text) of every real text we may look terms up in."""
    found = []
    for folder, label in (
        (shared / "seed", "seed"),
        (shared / "realtexts" / "dev", "realtexts/dev"),
        (ROOT / "sample_texts", "sample_texts"),
    ):
        for path in sorted(folder.glob("*.txt")):
            raw = path.read_bytes()
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                text = raw.decode("gb18030")
            found.append((f"{label}/{path.name}", text))
    return found


def statute_texts(legal: Path) -> list[tuple[str, str]]:
    return [
        (f"legal/{p.relative_to(legal).as_posix()}", p.read_text(encoding="utf-8"))
        for p in sorted((legal / "statutes").rglob("*.md"))
    ]


def causes(texts: list[tuple[str, str]]) -> list[tuple[str, str, str]]:
    rows = []
    missing = []
    for row in read_tsv(DATA / "causes.tsv"):
        cause, kind = row["cause"].strip(), row["kind"].strip()
        where = next((name for name, text in texts if cause in text), None)
        if where is None:
            missing.append(cause)
        else:
            rows.append((cause, kind, where))
    if missing:
        raise SystemExit(f"causes met in no real text (remove them or name the text): {', '.join(missing)}")
    return rows


def procedural_terms(texts: list[tuple[str, str]]) -> tuple[list[tuple[str, str]], list[str]]:
    rows, dropped = [], []
    for term in dict.fromkeys(read_list(DATA / "procedural_terms.txt")):
        where = next((name for name, text in texts if term in text), None)
        if where is None:
            dropped.append(term)
        else:
            rows.append((term, where))
    return rows, dropped


def base_tokenizer():
    import jieba

    tok = plain_tokenizer()
    with open(ROOT / "resources" / "legal_dict.txt", "rb") as f:
        tok.load_userdict(f)
    return tok, jieba.__version__


def jieba_words(tok, groups: list[tuple[str, list[str]]]) -> list[tuple[str, int, str]]:
    """(word, frequency, tag) for every term of every group that jieba can hold as one word."""
    tags: dict[str, str] = {}
    for tag, words in groups:
        for w in words:
            if jieba_word_ok(w):
                tags.setdefault(w, tag)
    out = []
    for word in sorted(tags, key=lambda w: (len(w), w)):
        needed = split_frequency(tok, word)
        existing = tok.FREQ.get(word, 0) or 0
        freq = max(existing, MIN_FREQ, math.ceil(needed * MARGIN))
        tok.add_word(word, freq, tags[word])
        out.append((word, freq, tags[word]))
    return out


def charge_pieces(name: str) -> list[str]:
    """A charge (or title) written with punctuation (掩饰、隐瞒犯罪所得、犯罪所得收益罪, 组织他人偷越国（边）境罪)
    cannot be one jieba word, because jieba cuts at punctuation; each piece of two or more characters
    can, so that the charge comes out as its pieces and nothing smaller."""
    pieces = [p for p in re.split(r"[^\u4e00-\u9fd5a-zA-Z0-9]+", name) if p]
    return [name] if len(pieces) == 1 else [p for p in pieces if len(p) >= 2]


def tsv(header: str, columns: tuple[str, ...], rows) -> str:
    buf = io.StringIO()
    buf.write(header)
    buf.write("\t".join(columns) + "\n")
    for row in rows:
        buf.write("\t".join(row) + "\n")
    return buf.getvalue()


def build(legal: Path) -> tuple[dict[str, str], list[str]]:
    shared = legal.parent
    notes: list[str] = []
    texts = real_texts(shared)
    laws = statutes(legal)
    crimes = charges(legal)
    found_causes = causes(texts)
    terms, dropped = procedural_terms(statute_texts(legal) + texts)
    if dropped:
        notes.append(f"procedural terms found in no text and left out: {', '.join(dropped)}")
    tok, version = base_tokenizer()
    words = jieba_words(
        tok,
        [
            ("n", [name for name, _ in crimes] + [p for name, _ in crimes for p in charge_pieces(name)]),
            ("n", [c for c, _, _ in found_causes]),
            (
                "nz",
                [p for _, short, _ in laws for p in charge_pieces(short)]
                + [p for title, _, _ in laws for p in charge_pieces(title)],
            ),
            ("n", [t for t, _ in terms]),
        ],
    )
    src = "# Built by scripts/build_legal_resources.py; do not edit by hand.\n"
    files = {
        FILES["statutes"]: tsv(
            src
            + "# From ../shared/legal/law_titles.tsv (LawRefBook/Laws @ 2f4c5c2, see its SOURCES.md): one row\n"
            "# per distinct title. short = the name courts write: without 中华人民共和国, 《》 and 〈〉, brackets\n"
            "# full-width. kind = the source's folder (刑法, 民法典, 司法解释, 行政法规, 地方性法规, …).\n",
            ("title", "short", "kind"),
            laws,
        ),
        FILES["charges"]: tsv(
            src
            + "# From ../shared/legal/charges_status.tsv: the official 罪名 (SPP 1997 意见 and the eight\n"
            "# 补充规定), status current or abolished as of 补充规定（八） (2024).\n",
            ("name", "status"),
            crimes,
        ),
        FILES["causes"]: tsv(
            src
            + "# From scripts/legal_data/causes.tsv (maintained by hand; no official list was available),\n"
            "# each with the first real text it was met in. Criminal causes are the charges (charges.tsv).\n",
            ("cause", "kind", "met_in"),
            found_causes,
        ),
        FILES["procedural_terms"]: tsv(
            src
            + "# From scripts/legal_data/procedural_terms.txt, kept where a statute text or real judgment\n"
            "# has the term (found_in names the first).\n",
            ("term", "found_in"),
            terms,
        ),
        FILES["jieba"]: (
            src
            + f"# jieba {version} user dictionary: word frequency tag. Each frequency is {MARGIN} times what the\n"
            "# word needs to beat its best split over jieba's main dictionary plus legal_dict.txt (computed\n"
            "# shortest first), at least "
            + str(MIN_FREQ)
            + ". Terms with punctuation (、（）《》) cannot be one\n"
            "# jieba word and are left out; for charges such as 武装叛乱、暴乱罪 each piece is kept.\n"
            + "".join(f"{w} {f} {t}\n" for w, f, t in words)
        ),
    }
    skipped = sum(1 for _, short, _ in laws if not jieba_word_ok(short))
    notes.append(
        f"{len(laws)} titles, {len(crimes)} charges, {len(found_causes)} causes, {len(terms)} terms, "
        f"{len(words)} jieba words ({skipped} short titles with punctuation left out of jieba)"
    )
    return files, notes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--legal", type=Path, default=ROOT.parent / "shared" / "legal")
    parser.add_argument("--check", action="store_true", help="fail when resources/legal/ is not up to date")
    args = parser.parse_args(argv)
    if not (args.legal / "law_titles.tsv").is_file():
        print(f"reference data not found: {args.legal}", file=sys.stderr)
        return 2
    files, notes = build(args.legal)
    for note in notes:
        print(note)
    if args.check:
        stale = [
            name
            for name, text in files.items()
            if not (OUT / name).is_file() or (OUT / name).read_text(encoding="utf-8") != text
        ]
        if stale:
            print(f"out of date: {', '.join(stale)}", file=sys.stderr)
            return 1
        return 0
    OUT.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (OUT / name).write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {len(files)} files to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
