"""Command line for reviewing colleagues' work:

    annotator merge PROJECT FILE [--dry-run]
    annotator agree PROJECT --annotators A B [C ...] [--unit char|token|sentence] [--category NAME ...]
                    [--exclude-untagged] [--section KIND] [--documents] [--report FILE.csv|.xlsx|.html] [--json]
    annotator adjudicate PROJECT --annotators A B --accept-agreements [--by NAME]
"""

from __future__ import annotations

import json
import sys

from annotator.core.errors import InputError
from annotator.review.agreement import UNITS
from annotator.services.review import REPORT_KEYS

COMMANDS = ("merge", "agree", "adjudicate")


def add_parsers(sub) -> None:
    s = sub.add_parser("merge", help="merge a colleague's json bundle or project file into this project")
    s.add_argument("project")
    s.add_argument("file", help="a .json bundle (annotator export --format json) or another project file")
    s.add_argument("--dry-run", action="store_true", help="say what would be merged; change nothing")

    s = sub.add_parser("agree", help="agreement between annotators (α, α_u, κ, F1), per category and overall")
    s.add_argument("project")
    s.add_argument("--annotators", nargs="+", required=True, metavar="NAME", help="two or more annotator names")
    s.add_argument("--unit", choices=UNITS, default="char", help="unit for α and κ (default: char)")
    s.add_argument("--category", nargs="+", action="extend", metavar="NAME", help="only these categories")
    s.add_argument("--exclude-untagged", action="store_true",
                   help="leave out text no annotator tagged (by default it counts as agreement on 'no tag')")
    s.add_argument("--section", metavar="KIND",
                   help="only this part of each judgment (header, parties, procedure, claims, facts, reasoning, "
                        "decision, closing)")
    s.add_argument("--documents", action="store_true", help="also print the figures per document")
    s.add_argument("--csv", "--report", dest="csv", metavar="FILE",
                   help="also write the report to FILE: .csv, .xlsx or .html")
    s.add_argument("--json", action="store_true", help="one JSON object per category and one for overall")

    s = sub.add_parser("adjudicate", help="settle agreements of two annotators into the agreed layer (审定)")
    s.add_argument("project")
    s.add_argument("--annotators", nargs=2, required=True, metavar="NAME", help="annotators A and B")
    s.add_argument("--accept-agreements", action="store_true", required=True,
                   help="copy every passage both tagged alike (same category and extent) into the agreed layer")
    s.add_argument("--by", default=None, help="who decides (default: your user name)")


def _merge(project, args) -> int:
    plan = project.merge.preview(args.file)
    for line in plan.summary():
        print(line)
    for line in plan.conflicts:
        print(f"conflict: {line}", file=sys.stderr)
    for line in plan.unplaced:
        print(f"not placed: {line}", file=sys.stderr)
    if args.dry_run:
        return 0
    changes = project.merge.apply(plan)
    print(f"{len(changes.annotations_added)} tags, {len(changes.documents_added)} documents and "
          f"{len(changes.categories_added)} categories added")
    return 0


def _annotator_ids(project, names: list[str]) -> list[int]:
    known = {a.name: a.id for a in project.annotators.list()}
    missing = [n for n in names if n not in known]
    if missing:
        raise InputError(f"no annotator named {', '.join(missing)} (annotators: {', '.join(known) or 'none'})")
    return [known[n] for n in names]


def _agree(project, args) -> int:
    ids = _annotator_ids(project, args.annotators)
    categories = [project.codebook.find(name).id for name in args.category] if args.category else None
    report = project.review.agreement(ids, unit=args.unit, category_ids=categories,
                                      count_untagged=not args.exclude_untagged, by_document=args.documents,
                                      section=args.section)
    rows = project.review.rows(report)
    if args.csv:
        project.review.export_report(report, args.csv)
        print(f"report written to {args.csv}", file=sys.stderr)
    if args.json:
        print(json.dumps([{k: r[k] for k in REPORT_KEYS} for r in rows], ensure_ascii=False, indent=1))
        return 0
    kappa = "kappa (Cohen)" if len(ids) == 2 else "kappa (Fleiss)"
    print(f"unit: {args.unit}; annotators: {', '.join(args.annotators)}")
    print(f"{'category':<24}{'units':>10}{'alpha':>9}{'alpha_u':>9}{kappa:>16}{'F1 exact':>10}{'F1 overlap':>12}")
    for r in rows:
        name = r["category"] if r["category"] is not None else "(overall)"
        print(f"{name:<24}{r['units']:>10}{_fmt(r['alpha']):>9}{_fmt(r['alpha_u']):>9}{_fmt(r['kappa']):>16}"
              f"{_fmt(r['f1_exact']):>10}{_fmt(r['f1_overlap']):>12}")
    if args.documents:
        print()
        for r in project.review.document_rows(report):
            print(f"{r['document']:<24}{r['units']:>10}{_fmt(r['alpha']):>9}{_fmt(r['alpha_u']):>9}"
                  f"{_fmt(r['kappa']):>16}{_fmt(r['f1_exact']):>10}{_fmt(r['f1_overlap']):>12}")
    return 0


def _fmt(value) -> str:
    return "–" if value is None else f"{value:.3f}"


def _adjudicate(project, args) -> int:
    from annotator.services.annotators import default_name

    first, second = _annotator_ids(project, args.annotators)
    judge = project.annotators.ensure(args.by or default_name())
    changes = project.review.accept_agreements(first, second, decided_by=judge.id)
    agreed = project.review.agreed_annotator()
    print(f"{len(changes.annotations_added)} agreed passages added to {agreed.name}")
    return 0


HANDLERS = {"merge": _merge, "agree": _agree, "adjudicate": _adjudicate}
