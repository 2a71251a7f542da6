"""How well the judgment-structure detector (annotator/text/judgment/) reads real judgments, in the
three layouts they arrive in, and what it costs.

Run:  .venv/bin/python benchmarks/structure_accuracy.py [--dir ../shared/realtexts/dev] [-v]

Every judgment in the folder is read as delivered (one paragraph per line), with its lines joined with
"" (the whole judgment on one line) and with " " (paragraphs separated by spaces), and held to the same
`truth.json` (offsets are moved with the text). Per layout it prints:
- case number, court, document type, date: share of judgments where the value found equals the truth
  (brackets compared in either width; a date or section the truth leaves out must not be found either);
- parties: share of the truth's (role, name) pairs found, roles written as in the party block
  (上诉人（原审被告）), and the share of found pairs that are in the truth (precision);
- reasoning / decision: share of judgments whose reasoning section starts at the truth's 本院认为 and
  whose decision section starts with the sentence holding the truth's 判决如下/裁定如下 (a sentence ends at 。！？, not at a line break);
- citations: recall and precision over (statute, article, 款, 之一) as truth.json counts them (an article
  cited with a 款 anywhere is counted with its 款s only);
- time per judgment, against a baseline measured in the same run: one regular-expression pass that
  finds every 第…条 in the text.
With -v it lists every miss. The last line is machine-readable: `RESULT key=value ...` (shares in %,
times in ms, ratios plain).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from annotator.text.judgment import JudgmentStructure, detect  # noqa: E402

LAYOUTS = ("delivered", "one_line", "spaces")
_SENTENCE_END = "。！？!?"


def layout(text: str, kind: str) -> tuple[str, Callable[[int], int]]:
    """The text in a layout and a function that moves an offset of the delivered text into it."""
    if kind == "delivered":
        return text, lambda offset: offset
    joiner = "" if kind == "one_line" else " "
    pieces, starts, new_starts, pos, new_pos = [], [], [], 0, 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        starts.append(pos)
        new_starts.append(new_pos)
        pieces.append(body)
        pos += len(raw)
        new_pos += len(body) + len(joiner)

    def move(offset: int) -> int:
        lo, hi = 0, len(starts) - 1
        while lo < hi:  # the last line starting at or before offset
            mid = (lo + hi + 1) // 2
            if starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return new_starts[lo] + offset - starts[lo]

    return joiner.join(pieces), move


def case_key(number: str) -> str:
    table = str.maketrans("()〔〕[]［］【】０１２３４５６７８９", "（）（）（）（）（）0123456789")
    return re.sub(r"\s+", "", number or "").translate(table)


def citation_keys(items) -> set[tuple]:
    """(statute, article, paragraph, suffix) the way truth.json counts them."""
    by_article: dict[tuple, set] = {}
    for statute, article, paragraph, suffix in items:
        by_article.setdefault((statute, article, suffix), set()).add(paragraph)
    out = set()
    for (statute, article, suffix), paragraphs in by_article.items():
        if len(paragraphs) > 1:
            paragraphs.discard(None)
        out |= {(statute, article, p, suffix) for p in paragraphs}
    return out


def truth_citations(entry: dict) -> set[tuple]:
    return citation_keys(
        (s["statute"], s["article"], s["paragraph"], 1 if s.get("article_suffix") else None)
        for s in entry["statutes"]
    )


def found_citations(found: JudgmentStructure) -> set[tuple]:
    return citation_keys((c.statute, c.article, c.paragraph, c.article_suffix) for c in found.citations)


def party_pairs(found: JudgmentStructure) -> list[tuple[str, str]]:
    return [(p.role + (f"（{p.original_role}）" if p.original_role else ""), p.name) for p in found.parties]


def section_ok(found: JudgmentStructure, kind: str, truth: int | None, text: str) -> bool:
    section = next((s for s in found.sections if s.kind == kind), None)
    if truth is None:
        return section is None
    if section is None:
        return False
    if kind == "reasoning":
        return section.start == truth
    # The decision section opens with the sentence that leads to 判决如下 (依照……，判决如下：).
    return section.start <= truth and not any(ch in _SENTENCE_END for ch in text[section.start : truth])


@dataclass
class Tally:
    right: dict[str, int] = field(default_factory=dict)
    total: dict[str, int] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)

    def add(self, key: str, ok: bool, n: int = 1, total: int = 1, miss: str = "") -> None:
        self.right[key] = self.right.get(key, 0) + (n if ok is True else 0 if ok is False else ok)
        self.total[key] = self.total.get(key, 0) + total
        if miss:
            self.misses.append(miss)

    def share(self, key: str) -> float:
        return 100.0 * self.right.get(key, 0) / self.total[key] if self.total.get(key) else 100.0


def score(
    name: str, text: str, entry: dict, found: JudgmentStructure, move: Callable[[int], int], tally: Tally
) -> None:
    def fact(key: str, got: str, want: str | None) -> None:
        ok = got == (want or "")
        tally.add(key, ok, miss="" if ok else f"{name}: {key} {got!r} != {want!r}")

    fact("case_number", case_key(found.case_number), case_key(entry["case_number"]))
    fact("court", found.court, entry["court"])
    fact("document_type", found.document_type, entry["document_type"])
    fact("date", found.date, entry["date"])

    want = [(p["role"], p["name"]) for p in entry["parties"]]
    got = party_pairs(found)
    hit = sum(1 for p in dict.fromkeys(want) if p in got)
    tally.add(
        "parties",
        hit,
        total=len(dict.fromkeys(want)),
        miss=""
        if hit == len(dict.fromkeys(want))
        else f"{name}: parties missing {[p for p in want if p not in got]}",
    )
    extra = [p for p in dict.fromkeys(got) if p not in want]
    tally.add(
        "parties_precision",
        len(dict.fromkeys(got)) - len(extra),
        total=len(dict.fromkeys(got)),
        miss=f"{name}: parties extra {extra}" if extra else "",
    )

    for kind in ("reasoning", "decision"):
        at = entry[f"{kind}_start"]
        ok = section_ok(found, kind, None if at is None else move(at), text)
        section = next((s for s in found.sections if s.kind == kind), None)
        tally.add(
            kind,
            ok,
            miss=""
            if ok
            else f"{name}: {kind} at {section.start if section else None} "
            f"{text[section.start : section.start + 20] if section else ''!r}, truth {at}",
        )

    want_c, got_c = truth_citations(entry), found_citations(found)
    tally.add(
        "citation_recall",
        len(want_c & got_c),
        total=len(want_c),
        miss=f"{name}: citations missed {sorted(want_c - got_c, key=str)}" if want_c - got_c else "",
    )
    tally.add(
        "citation_precision",
        len(want_c & got_c),
        total=len(got_c),
        miss=f"{name}: citations wrong {sorted(got_c - want_c, key=str)}" if got_c - want_c else "",
    )


_BASELINE = re.compile(r"第[〇零一二三四五六七八九十百千0-9]{1,8}条")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=ROOT.parent / "shared" / "realtexts" / "dev")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    parser.add_argument("--repeat", type=int, default=3, help="timing runs per text")
    args = parser.parse_args()
    truth_file = args.dir / "truth.json"
    if not truth_file.is_file():
        sys.exit(f"no {truth_file}: the real judgments are not here")
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    keys = (
        "case_number",
        "court",
        "document_type",
        "date",
        "parties",
        "parties_precision",
        "reasoning",
        "decision",
        "citation_recall",
        "citation_precision",
    )
    results: dict[str, float] = {}
    times, baseline = [], []
    for kind in LAYOUTS:
        tally = Tally()
        for name, entry in sorted(truth.items()):
            text, move = layout((args.dir / name).read_text(encoding="utf-8"), kind)
            found = detect(text)
            score(name, text, entry, found, move, tally)
            for _ in range(args.repeat):
                t = time.perf_counter()
                detect(text)
                times.append(time.perf_counter() - t)
                t = time.perf_counter()
                sum(1 for _m in _BASELINE.finditer(text))
                baseline.append(time.perf_counter() - t)
        print(f"{kind:>10}: " + "  ".join(f"{k} {tally.share(k):.1f}%" for k in keys))
        if args.verbose:
            for miss in tally.misses:
                print("    " + miss)
        for k in keys:
            results[f"{kind}_{k}"] = tally.share(k)
    per_doc, per_base = statistics.median(times) * 1000, statistics.median(baseline) * 1000
    print(f"time per judgment: {per_doc:.2f} ms (median), baseline regex pass {per_base:.3f} ms")
    worst = {k: min(results[f"{lay}_{k}"] for lay in LAYOUTS) for k in keys}
    spread = max(max(results[f"{lay}_{k}"] for lay in LAYOUTS) - worst[k] for k in keys)
    out = {
        **{f"min_{k}": f"{v:.1f}" for k, v in worst.items()},
        "layout_spread": f"{spread:.1f}",
        **{k: f"{v:.1f}" for k, v in results.items()},
        "ms_per_judgment": f"{per_doc:.2f}",
        "baseline_ms": f"{per_base:.3f}",
        "ratio": f"{per_doc / per_base:.1f}" if per_base else "inf",
        "judgments": str(len(truth)),
    }
    print("RESULT " + " ".join(f"{k}={v}" for k, v in out.items()))


if __name__ == "__main__":
    main()
