"""How many legal terms the segmenter keeps whole in sentences, against plain jieba in the same run.

Run:  .venv/bin/python benchmarks/legal_words.py [--dev ../shared/realtexts/dev] [-v]

Terms come from the lists shipped in resources/legal/ (built from the official reference data by
scripts/build_legal_resources.py; nothing is added by hand here): every charge name (544, current and
abolished), every cause of action (civil and administrative ones met in real judgments) and every
statute short name (3,308 titles). Each term is put into sentences shaped like those of real
judgments (templates below, taken from the dev judgments' own phrasing), and every sentence of the
real judgments in --dev that contains a term is used as it is.

A term is kept whole when the segmentation has a word boundary at its start and its end and none
inside it — except next to punctuation inside the term (掩饰、隐瞒犯罪所得、犯罪所得收益罪), where jieba
always cuts. The same is measured with plain jieba (its own dictionary only) and, as a check that
the figure does not lean on the hand-made resources/legal_dict.txt, on the terms that file lacks.

It also times loading (ours: jieba + both legal dictionaries; plain: jieba alone) and segmenting the
dev judgments. The last line is `RESULT key=value ...` (shares in %, times in ms, ratios plain).
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from annotator.core.paths import resource  # noqa: E402
from annotator.text import legal_lists, segment  # noqa: E402

TEMPLATES = {
    "charges": [
        "被告人王某犯{t}，判处有期徒刑一年。",
        "公诉机关指控被告人李某甲犯{t}，于2019年向本院提起公诉。",
        "被告人的行为已构成{t}，应予惩处。",
    ],
    "causes": [
        "原告张某与被告李某{t}一案，本院立案后依法适用简易程序公开开庭进行了审理。",
        "本案系{t}。",
        "上诉人因与被上诉人{t}一案，不服一审判决，向本院提起上诉。",
    ],
    "statutes": [
        "依照《{t}》第十条之规定，判决如下：",
        "根据{t}第二条的规定，被告应当承担相应责任。",
        "《{t}》第三十条规定，应当依法处理。",
    ],
}
_BLOCK = re.compile(f"[{segment._JIEBA_BLOCK}]")
_SENTENCE = re.compile(r"[^。！？；\n]+[。！？；]?")


def term_sets() -> dict[str, list[str]]:
    return {
        "charges": [c.name for c in legal_lists.charges()],
        "causes": [c.name for c in legal_lists.causes()],
        "statutes": sorted({s.short for s in legal_lists.statutes()}),
    }


def whole(spans: list[tuple[int, int]], text: str, a: int, b: int) -> bool:
    bounds = {s for s, _ in spans} | {e for _, e in spans}
    if a not in bounds or b not in bounds:
        return False
    return all(
        p not in bounds or not _BLOCK.match(text, p - 1) or not _BLOCK.match(text, p) for p in range(a + 1, b)
    )


def plain_spans(tok, text: str) -> list[tuple[int, int]]:
    return [(s, e) for w, s, e in tok.tokenize(text) if not w.isspace()]


def real_sentences(dev: Path, terms: dict[str, list[str]]) -> list[tuple[str, str, str, int]]:
    """(kind, term, sentence, offset) for each term in the sentences of the real judgments. Terms are
    found longest first over every list (procedural terms included), so a term inside a longer one
    (行政复议 in 行政复议决定, 刑法 in 中华人民共和国刑法) counts as the longer one; a statute counts where it
    is cited (followed by 》, 〉 or 第), by its full title or its short name."""
    kinds: dict[str, str] = {t: "terms" for t in legal_lists.procedural_terms()}
    for kind, items in terms.items():
        kinds.update({t: kind for t in items})
    kinds.update({s.title: "statutes" for s in legal_lists.statutes()})
    pattern = re.compile("|".join(sorted(map(re.escape, kinds), key=len, reverse=True)))
    found = []
    for path in sorted(dev.glob("*.txt")):
        for sentence in _SENTENCE.findall(path.read_text(encoding="utf-8")):
            for m in pattern.finditer(sentence):
                kind = kinds[m.group()]
                if kind == "terms" or (
                    kind == "statutes" and sentence[m.end() : m.end() + 1] not in ("》", "〉", "第")
                ):
                    continue
                found.append((kind, m.group(), sentence, m.start()))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dev", type=Path, default=ROOT.parent / "shared" / "realtexts" / "dev")
    parser.add_argument("-v", action="store_true", help="list the terms not kept whole")
    args = parser.parse_args(argv)

    import os

    os.environ.setdefault("ANNOTATOR_CACHE_DIR", tempfile.mkdtemp(prefix="bench-jieba-"))
    segment.plain_tokenizer()  # builds jieba's cache, so that both loads below read it
    t0 = time.perf_counter()
    plain = segment.plain_tokenizer()
    plain_load = time.perf_counter() - t0
    segment.reset_tokenizer()
    t0 = time.perf_counter()
    segment.preload()
    ours_load = time.perf_counter() - t0

    hand = {
        line.split(" ")[0] for line in resource("legal_dict.txt").read_text(encoding="utf-8").splitlines()
    }
    terms = term_sets()
    rows: dict[str, dict[str, list[bool]]] = {}
    misses: list[str] = []

    def measure(kind: str, term: str, sentence: str, a: int | None = None) -> None:
        a = sentence.index(term) if a is None else a
        ours = whole(segment.tokenize(sentence), sentence, a, a + len(term))
        base = whole(plain_spans(plain, sentence), sentence, a, a + len(term))
        r = rows.setdefault(kind, {"ours": [], "plain": [], "ours_nohand": []})
        r["ours"].append(ours)
        r["plain"].append(base)
        if term not in hand:
            r["ours_nohand"].append(ours)
        if not ours:
            misses.append(f"{kind}: {term} in {sentence}  →  {'/'.join(segment.words(sentence))}")

    for kind, items in terms.items():
        for term in items:
            for template in TEMPLATES[kind]:
                measure(kind, term, template.format(t=term))
    real = real_sentences(args.dev, terms) if args.dev.is_dir() else []
    for kind, term, sentence, at in real:
        measure("real_" + kind, term, sentence, at)

    texts = (
        [p.read_text(encoding="utf-8") for p in sorted(args.dev.glob("*.txt"))] if args.dev.is_dir() else []
    )
    chars = sum(map(len, texts)) or 1
    t0 = time.perf_counter()
    for t in texts:
        plain_spans(plain, t)
    plain_seg = time.perf_counter() - t0
    t0 = time.perf_counter()
    for t in texts:
        segment.tokenize(t)
    ours_seg = time.perf_counter() - t0

    def pct(values: list[bool]) -> float:
        return 100.0 * sum(values) / len(values) if values else float("nan")

    print(f"{'set':<16}{'sentences':>10}{'ours %':>9}{'plain %':>9}{'ours, not hand-made %':>24}")
    result = {}
    for kind, r in rows.items():
        print(
            f"{kind:<16}{len(r['ours']):>10}{pct(r['ours']):>9.1f}{pct(r['plain']):>9.1f}"
            f"{pct(r['ours_nohand']):>24.1f}"
        )
        result[f"{kind}_whole"] = f"{pct(r['ours']):.1f}"
        result[f"{kind}_plain"] = f"{pct(r['plain']):.1f}"
        result[f"{kind}_nohand"] = f"{pct(r['ours_nohand']):.1f}"
    templated = [v for k, r in rows.items() if not k.startswith("real_") for v in r["ours"]]
    templated_plain = [v for k, r in rows.items() if not k.startswith("real_") for v in r["plain"]]
    print(f"all templated: ours {pct(templated):.1f}%, plain jieba {pct(templated_plain):.1f}%")
    print(
        f"load: ours {ours_load * 1000:.0f} ms, plain {plain_load * 1000:.0f} ms; "
        f"segmenting {chars:,} characters: ours {ours_seg * 1000:.0f} ms, plain {plain_seg * 1000:.0f} ms"
    )
    if args.v:
        print("\n".join(misses[:300]))
    result.update(
        all_whole=f"{pct(templated):.1f}",
        all_plain=f"{pct(templated_plain):.1f}",
        load_ms=f"{ours_load * 1000:.0f}",
        load_ratio=f"{ours_load / plain_load:.2f}",
        segment_ratio=f"{ours_seg / plain_seg:.2f}" if plain_seg else "nan",
    )
    print("RESULT " + " ".join(f"{k}={v}" for k, v in result.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
