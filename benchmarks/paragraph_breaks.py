"""Where paragraph breaks go into judgments that arrive as one line (annotator/text/paragraphs.py).

Run:  .venv/bin/python benchmarks/paragraph_breaks.py [--dir ../shared/realtexts/dev] [-v]

Every real judgment delivered one paragraph per line is joined with "" (one line) and with " "
(paragraphs separated by spaces); the breaks `paragraph_step` puts in are compared with the source's
own line breaks: precision (share of breaks put in where the source had one) and recall (share of the
source's breaks found). The time per judgment is compared with a baseline measured in the same run:
one pass of a regular expression that finds every 。 in the text. The last line is
`RESULT key=value ...` (shares in %, times in ms, ratios plain).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from annotator.text.paragraphs import paragraph_step  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dir", type=Path, default=ROOT.parent / "shared" / "realtexts" / "dev")
    parser.add_argument("-v", action="store_true", help="list breaks put in wrongly or missed")
    args = parser.parse_args(argv)
    result = {}
    for sep, name in (("", "one_line"), (" ", "spaces")):
        tp = fp = fn = 0
        spent = base = 0.0
        n = 0
        for path in sorted(args.dir.glob("*.txt")):
            lines = path.read_text(encoding="utf-8").split("\n")
            if len(lines) < 3:  # delivered as one line already: no truth for its breaks
                continue
            n += 1
            joined = sep.join(lines)
            truth, pos = set(), 0
            for line in lines[:-1]:
                pos += len(line)
                truth.add(pos)
                pos += len(sep)
            truth = {p for p in truth if p < len(joined)}
            t0 = time.perf_counter()
            got = {e.start for e in paragraph_step(joined).edits}
            spent += time.perf_counter() - t0
            t0 = time.perf_counter()
            sum(1 for _ in re.finditer("。", joined))
            base += time.perf_counter() - t0
            tp += len(got & truth)
            fp += len(got - truth)
            fn += len(truth - got)
            if args.v:
                for p in sorted(got - truth):
                    print(f"{name} extra  {path.name}: {joined[max(0, p - 10) : p]}|{joined[p : p + 10]}")
                for p in sorted(truth - got):
                    print(f"{name} missed {path.name}: {joined[max(0, p - 10) : p]}|{joined[p : p + 10]}")
        precision, recall = 100 * tp / max(1, tp + fp), 100 * tp / max(1, tp + fn)
        print(
            f"{name}: {n} judgments, {tp + fn} source breaks; precision {precision:.1f}%, recall {recall:.1f}%, "
            f"{1000 * spent / max(1, n):.1f} ms per judgment ({spent / base:.0f}× one regex pass)"
        )
        result.update(
            {
                f"{name}_precision": f"{precision:.1f}",
                f"{name}_recall": f"{recall:.1f}",
                f"{name}_ms": f"{1000 * spent / max(1, n):.1f}",
                f"{name}_ratio": f"{spent / base:.0f}",
            }
        )
    print("RESULT " + " ".join(f"{k}={v}" for k, v in result.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
