"""Commands for reviewing colleagues' work: bringing it in, comparing, measuring agreement, settling:

    annotator merge PROJECT FILE [--dry-run] [--conflicts ours|theirs|both] [--take-deletions]
    annotator share PROJECT COPY --for NAME [--tags all|others|none] [--doc ID ...] [--by NAME]
    annotator merge-back COPY [--dry-run] [--conflicts ours|theirs|both] [--take-deletions]
    annotator compare PROJECT --doc ID --annotators A B [--tolerance N] [--json]
    annotator agree PROJECT --annotators A B [C ...] [--unit char|token|sentence] [--category NAME ...]
                    [--exclude-untagged] [--section KIND] [--documents] [--report FILE.csv|.xlsx|.html] [--json]
    annotator adjudicate PROJECT --annotators A B (--accept-agreements | --doc ID --decide N DECISION
                    [--start N --end N]) [--by NAME]

`compare` numbers the differences; `adjudicate --decide N` settles the Nth.
"""

from __future__ import annotations

import json
import sys

from annotator.cli.terminal import annotator_ids
from annotator.core.errors import InputError
from annotator.review.agreement import UNITS
from annotator.services.adjudication import DECISIONS
from annotator.services.merge import OURS, RESOLUTIONS
from annotator.services.review_report import REPORT_KEYS
from annotator.services.sharing import TAG_CHOICES

COMMANDS = ("merge", "agree", "adjudicate", "share", "merge-back", "compare")


def add_parsers(sub) -> None:
    s = sub.add_parser("merge", help="merge a colleague's json bundle or project file into this project")
    s.add_argument("project")
    s.add_argument("file", help="a .json bundle (annotator export --format json) or another project file")
    _merge_options(s)

    s = sub.add_parser(
        "share", help="write a copy of the project for a colleague (blind second coding: --tags others)"
    )
    s.add_argument("project")
    s.add_argument("copy", help="the new project file to write")
    s.add_argument("--for", dest="colleague", required=True, metavar="NAME", help="the colleague's name")
    s.add_argument(
        "--tags",
        choices=TAG_CHOICES,
        default="all",
        help="which tags the copy keeps: all (for reading), others (all but yours: blind second "
        "coding), none",
    )
    s.add_argument("--doc", type=int, nargs="+", action="extend", metavar="ID", help="only these documents")
    s.add_argument("--by", default=None, help="who shares (default: your user name)")

    s = sub.add_parser("merge-back", help="merge a shared copy back into the project it came from")
    s.add_argument("project", metavar="COPY", help="the copy a colleague worked in")
    _merge_options(s)

    s = sub.add_parser("compare", help="list where two annotators agree and differ on a document (numbered)")
    s.add_argument("project")
    s.add_argument("--doc", type=int, required=True, metavar="ID")
    s.add_argument("--annotators", nargs=2, required=True, metavar="NAME", help="annotators A and B")
    s.add_argument("--tolerance", type=int, default=0, metavar="N", help="same extent within N characters")
    s.add_argument("--json", action="store_true", help="one JSON object per difference")

    s = sub.add_parser("agree", help="agreement between annotators (α, α_u, κ, F1), per category and overall")
    s.add_argument("project")
    s.add_argument(
        "--annotators", nargs="+", required=True, metavar="NAME", help="two or more annotator names"
    )
    s.add_argument("--unit", choices=UNITS, default="char", help="unit for α and κ (default: char)")
    s.add_argument("--category", nargs="+", action="extend", metavar="NAME", help="only these categories")
    s.add_argument(
        "--exclude-untagged",
        action="store_true",
        help="leave out text no annotator tagged (by default it counts as agreement on 'no tag')",
    )
    s.add_argument(
        "--section",
        metavar="KIND",
        help="only this part of each judgment (header, parties, procedure, claims, facts, reasoning, "
        "decision, closing)",
    )
    s.add_argument("--documents", action="store_true", help="also print the figures per document")
    s.add_argument(
        "--csv",
        "--report",
        dest="csv",
        metavar="FILE",
        help="also write the report to FILE: .csv, .xlsx or .html",
    )
    s.add_argument("--json", action="store_true", help="one JSON object per category and one for overall")

    s = sub.add_parser("adjudicate", help="settle agreements of two annotators into the agreed layer (审定)")
    s.add_argument("project")
    s.add_argument("--annotators", nargs=2, required=True, metavar="NAME", help="annotators A and B")
    how = s.add_mutually_exclusive_group(required=True)
    how.add_argument(
        "--accept-agreements",
        action="store_true",
        help="copy every passage both tagged alike (same category and extent) into the agreed layer",
    )
    how.add_argument(
        "--decide",
        nargs=2,
        metavar=("N", "DECISION"),
        help=f"settle difference N of `annotator compare` ({', '.join(DECISIONS)}); needs --doc",
    )
    s.add_argument("--doc", type=int, metavar="ID")
    s.add_argument("--start", type=int, help="with --decide N edit: the agreed passage's start")
    s.add_argument("--end", type=int, help="with --decide N edit: its end")
    s.add_argument("--tolerance", type=int, default=0, metavar="N", help="as for compare")
    s.add_argument("--by", default=None, help="who decides (default: your user name)")


def _merge_options(s) -> None:
    s.add_argument("--dry-run", action="store_true", help="say what would be merged; change nothing")
    s.add_argument(
        "--conflicts",
        choices=RESOLUTIONS,
        default=OURS,
        help="for tags changed on both sides: keep ours (default), take theirs, or keep both",
    )
    s.add_argument(
        "--take-deletions",
        action="store_true",
        help="also remove here the tags the colleague removed (default: keep them)",
    )


def _merge(project, args, path: str | None = None) -> int:
    plan = project.merge.preview(
        path or args.file, resolve_all=args.conflicts, take_deletions=args.take_deletions
    )
    for line in plan.summary():
        print(line)
    for line in plan.conflicts:
        print(f"conflict: {line}", file=sys.stderr)
    for c in plan.tag_conflicts:
        print(
            f"changed on both sides ({plan.resolution(c.uuid)}): {c.document} {c.uuid}\n"
            f"  ours:   {_version(c.mine)}\n  theirs: {_version(c.theirs)}",
            file=sys.stderr,
        )
    for d in plan.deletions:
        taken = "removed here too" if plan.take_deletions else "kept here; --take-deletions removes it"
        print(
            f"removed in the file ({taken}): {d.document} {d.ours.uuid} {_version(d.version)}",
            file=sys.stderr,
        )
    for line in plan.unplaced:
        print(f"not placed: {line}", file=sys.stderr)
    if args.dry_run:
        return 0
    changes = project.merge.apply(plan)
    print(
        f"{len(changes.annotations_added)} tags, {len(changes.documents_added)} documents and "
        f"{len(changes.categories_added)} categories added; {len(changes.annotations_updated)} tags updated, "
        f"{len(changes.annotations_removed)} removed"
    )
    return 0


def _version(v) -> str:
    when = v.updated.isoformat(timespec="seconds") if v.updated else "?"
    memo = f" memo “{v.memo}”" if v.memo else ""
    where = f" in {v.changed_in}" if v.changed_in else ""
    return f"[{v.start}, {v.end}) “{v.text}” {v.category}{memo} — {v.annotator}, {when}{where}"


def _merge_back(args) -> int:
    """Open the project the copy came from and merge the copy into it."""
    from annotator.services import Project
    from annotator.services.sharing import origin_of_file

    origin = origin_of_file(args.project)
    if origin is None:
        raise InputError(
            "this file is not a shared copy (File → Share a copy for a colleague…); "
            "use `annotator merge PROJECT FILE`",
            path=args.project,
        )
    with Project.open(origin.path) as project:
        if project.uuid != origin.uuid:
            raise InputError(
                f"the project at {origin.path} is no longer the one this copy came from", path=args.project
            )
        print(f"merging into {origin.path}", file=sys.stderr)
        return _merge(project, args, path=args.project)


def _share(project, args) -> int:
    from annotator.services.annotators import default_name

    # By name: a refused share must not leave a new annotator behind.
    shared = project.sharing.share(
        args.copy, args.colleague, by_name=args.by or default_name(), document_ids=args.doc, tags=args.tags
    )
    print(
        f"{shared.path}: {shared.documents} documents for {shared.colleague} (tags: {shared.tags}); "
        f"merge it back with `annotator merge-back {args.copy}`"
    )
    return 0


def _differences(project, args):
    first, second = annotator_ids(project, args.annotators)
    return project.review.compare(args.doc, first, second, tolerance=args.tolerance)


def _compare(project, args) -> int:
    items = _differences(project, args)
    names = {c.id: c.name for c in project.codebook.list(include_archived=True)}
    text = project.documents.get(args.doc).text
    settled = project.review.decided([args.doc])
    rows = []
    for n, d in enumerate(items, 1):
        rows.append(
            {
                "n": n,
                "kind": d.kind,
                "start": d.start,
                "end": d.end,
                "text": text[d.start : d.end],
                "settled": any(t is not None and t.uuid in settled for t in (d.a, d.b)),
                **{
                    f"{side}_{k}": v
                    for side, t in (("a", d.a), ("b", d.b))
                    for k, v in (
                        ("start", t.start if t else None),
                        ("end", t.end if t else None),
                        ("category", names.get(t.category_id) if t else None),
                        ("memo", t.memo if t else None),
                    )
                },
            }
        )
    if args.json:
        for r in rows:
            print(json.dumps(r, ensure_ascii=False))
        return 0
    for r in rows:
        a = f"[{r['a_start']}, {r['a_end']}) {r['a_category']}" if r["a_category"] else "–"
        b = f"[{r['b_start']}, {r['b_end']}) {r['b_category']}" if r["b_category"] else "–"
        print(
            f"{r['n']:>4}  {r['kind']:<10} {'✓' if r['settled'] else ' '} A {a:<24} B {b:<24} {r['text'][:30]}"
        )
    return 0


def _agree(project, args) -> int:
    ids = annotator_ids(project, args.annotators)
    categories = [project.codebook.find(name).id for name in args.category] if args.category else None
    report = project.review.agreement(
        ids,
        unit=args.unit,
        category_ids=categories,
        count_untagged=not args.exclude_untagged,
        by_document=args.documents,
        section=args.section,
    )
    rows = project.review.rows(report)
    if args.csv:
        project.review.export_report(report, args.csv)
        print(f"report written to {args.csv}", file=sys.stderr)
    if args.json:
        print(json.dumps([{k: r[k] for k in REPORT_KEYS} for r in rows], ensure_ascii=False, indent=1))
        return 0
    kappa = "kappa (Cohen)" if len(ids) == 2 else "kappa (Fleiss)"
    print(f"unit: {args.unit}; annotators: {', '.join(args.annotators)}")
    print(
        f"{'category':<24}{'units':>10}{'alpha':>9}{'alpha_u':>9}{kappa:>16}{'F1 exact':>10}{'F1 overlap':>12}"
    )
    for r in rows:
        name = r["category"] if r["category"] is not None else "(overall)"
        print(
            f"{name:<24}{r['units']:>10}{_fmt(r['alpha']):>9}{_fmt(r['alpha_u']):>9}{_fmt(r['kappa']):>16}"
            f"{_fmt(r['f1_exact']):>10}{_fmt(r['f1_overlap']):>12}"
        )
    if args.documents:
        print()
        for r in project.review.document_rows(report):
            print(
                f"{r['document']:<24}{r['units']:>10}{_fmt(r['alpha']):>9}{_fmt(r['alpha_u']):>9}"
                f"{_fmt(r['kappa']):>16}{_fmt(r['f1_exact']):>10}{_fmt(r['f1_overlap']):>12}"
            )
    return 0


def _fmt(value) -> str:
    return "–" if value is None else f"{value:.3f}"


def _adjudicate(project, args) -> int:
    from annotator.services.annotators import default_name

    first, second = annotator_ids(project, args.annotators)
    if args.decide:
        if args.doc is None:
            raise InputError("--decide needs --doc (the document the differences were listed for)")
        number, decision = args.decide
        items = _differences(project, args)
        if not number.isdigit() or not 1 <= int(number) <= len(items):
            raise InputError(
                f"no difference {number} on document {args.doc} (there are {len(items)}; "
                "see `annotator compare`)"
            )
        d = items[int(number) - 1]
        if decision not in DECISIONS:
            raise InputError(f"unknown decision {decision!r}; choose one of {', '.join(DECISIONS)}")
        judge = project.annotators.ensure(args.by or default_name())
        extent = {"start": args.start, "end": args.end} if decision == "edit" else {}
        changes = project.review.decide(
            d.a.id if d.a else None, d.b.id if d.b else None, decision, decided_by=judge.id, **extent
        )
        agreed = project.review.agreed_annotator()
        print(
            f"difference {number}: {decision}; {len(changes.annotations_added)} tags added to {agreed.name}"
        )
        return 0
    judge = project.annotators.ensure(args.by or default_name())
    changes = project.review.accept_agreements(first, second, decided_by=judge.id)
    agreed = project.review.agreed_annotator()
    print(f"{len(changes.annotations_added)} agreed passages added to {agreed.name}")
    return 0


HANDLERS = {"merge": _merge, "agree": _agree, "adjudicate": _adjudicate, "share": _share, "compare": _compare}
OPENS_ITSELF = {"merge-back": _merge_back}  # opens the project the copy came from, not the file named
