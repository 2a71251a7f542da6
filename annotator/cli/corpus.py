"""Commands over the corpus: search, passages by category, statistics, the judgments' structure, and the
project's legal dictionary that segmentation and search read:

    annotator search PROJECT QUERY [--limit N] [--json] [--regex] [--where KEY=VALUE ...] [--section KIND ...]
                                   [--category NAME [--outside]]
    annotator segments PROJECT --category NAME [--json] [--annotator NAME ...] [--where ...] [--section ...]
                                   [--text TEXT] [--format csv -o PATH]
    annotator stats PROJECT [--json]
    annotator structure PROJECT [DOC ...] [--json]     find (again) the structure of judgments
    annotator section PROJECT DOC KIND START END       mark characters START–END as a section
    annotator words PROJECT [--add W...] [--remove W...] [--import FILE] [--suggest [N]] [--accept W...]
"""

from __future__ import annotations

import json
import sys

from annotator.cli.terminal import annotator_ids
from annotator.core.inputs import whole_number
from annotator.services import Project
from annotator.text.judgment import SECTION_KINDS

COMMANDS = ("search", "segments", "stats", "structure", "section", "words")
_WHERE_HELP = (
    "document metadata filter: court~互联网, year>=2019, case_kind=民事, statute~反不正当竞争法第2条"
)


def add_parsers(sub) -> None:
    s = sub.add_parser("search", help="search the documents (KWIC)")
    s.add_argument("project")
    s.add_argument("query", help='words (all must occur), "a phrase", OR, -excluded; or a regex with --regex')
    s.add_argument(
        "--limit", type=whole_number, default=100, help="at most this many hits (default 100; 0: all)"
    )
    s.add_argument("--json", action="store_true")
    s.add_argument("--regex", action="store_true", help="QUERY is a Python regular expression")
    s.add_argument("--where", nargs="+", action="extend", default=[], metavar="FILTER", help=_WHERE_HELP)
    s.add_argument(
        "--section", nargs="+", action="extend", choices=SECTION_KINDS, help="only inside these sections"
    )
    s.add_argument("--category", help="only inside passages tagged with this category (or its children)")
    s.add_argument("--outside", action="store_true", help="with --category: only outside those passages")
    s.add_argument("--context", type=whole_number, default=30, help="characters of context each side")

    s = sub.add_parser("segments", help="every passage of a category across documents")
    s.add_argument("project")
    s.add_argument("--category", help="category id or name (with its children); default: all")
    s.add_argument("--no-children", action="store_true")
    s.add_argument("--annotator", nargs="+", action="extend", metavar="NAME")
    s.add_argument("--where", nargs="+", action="extend", default=[], metavar="FILTER", help=_WHERE_HELP)
    s.add_argument("--section", nargs="+", action="extend", choices=SECTION_KINDS)
    s.add_argument("--text", help="only passages containing this text")
    s.add_argument("--json", action="store_true")
    s.add_argument("--format", help="write the list with an export format (csv, json, …)")
    s.add_argument("-o", "--output", help="file for --format")

    s = sub.add_parser("stats", help="tag counts per category, document, court, year; co-occurrence")
    s.add_argument("project")
    s.add_argument("--json", action="store_true")
    s.add_argument(
        "--words",
        type=whole_number,
        nargs="?",
        const=15,
        metavar="N",
        help="also the N words that characterise each category (jieba, TF-IDF; default 15)",
    )

    s = sub.add_parser("structure", help="find the structure of judgments again (case number, sections …)")
    s.add_argument("project")
    s.add_argument("docs", nargs="*", type=whole_number, help="document ids (default: all)")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("section", help="mark a passage as a section of the judgment (corrects the detector)")
    s.add_argument("project")
    s.add_argument("doc", type=whole_number)
    s.add_argument("kind", choices=SECTION_KINDS)
    s.add_argument("start", type=whole_number)
    s.add_argument("end", type=whole_number)

    s = sub.add_parser("words", help="the project's legal dictionary: list, add, remove, import, suggest")
    s.add_argument("project")
    s.add_argument("--add", nargs="+", metavar="WORD", default=[])
    s.add_argument("--remove", nargs="+", metavar="WORD", default=[])
    s.add_argument("--import", dest="import_", metavar="FILE", help="a list: one word per line [frequency]")
    s.add_argument(
        "--suggest",
        nargs="?",
        type=int,
        const=30,
        metavar="N",
        help="terms learnt from the project's documents that jieba splits (default 30)",
    )
    s.add_argument("--accept", nargs="+", metavar="WORD", default=[], help="add suggested terms")
    s.add_argument("--json", action="store_true")


def _clean(text: str) -> str:
    return text.replace("\r", " ").replace("\n", " ")


def _search(project, args) -> int:
    category = project.codebook.find(args.category).id if args.category else None
    result = project.search.search(
        args.query,
        regex=args.regex,
        limit=args.limit or None,
        filters=args.where,
        sections=args.section,
        category_id=category,
        inside=not args.outside,
        context=args.context,
    )
    if args.json:
        out = []
        for h in result.hits:
            title, meta = result.documents.get(h.document_id, ("", {}))
            out.append(
                {
                    **h.as_dict(),
                    "title": title,
                    **{k: meta[k] for k in ("case_number", "court", "year") if k in meta},
                }
            )
        print(json.dumps(out, ensure_ascii=False, indent=1))
    else:
        width = max((len(_clean(h.left)) for h in result.hits), default=0)
        for h in result.hits:
            print(f"{h.document_id}\t{h.start}\t{_clean(h.left):>{width}} 【{h.hit}】 {_clean(h.right)}")
    if result.truncated:
        print(f"(first {len(result.hits)} hits; use --limit to see more)", file=sys.stderr)
    return 0


def _segments(project, args) -> int:
    category = project.codebook.find(args.category).id if args.category else None
    annotators = annotator_ids(project, args.annotator) if args.annotator else None
    segments = project.segments.retrieve(
        category,
        include_children=not args.no_children,
        annotator_ids=annotators,
        filters=args.where,
        sections=args.section,
        text=args.text,
    )
    if args.format:
        if not args.output:
            from annotator.core.errors import InputError

            raise InputError("--format needs -o PATH")
        n = project.segments.export(segments, args.format, args.output)
        print(f"{n} passages written to {args.output}", file=sys.stderr)
        return 0
    if args.json:
        print(json.dumps([s.as_dict() for s in segments], ensure_ascii=False, indent=1))
    else:
        for s in segments:
            print(
                f"{s.document_id}\t{s.start}\t{s.end}\t{s.category}\t{s.annotator}\t{s.section}\t{_clean(s.text)}"
            )
    return 0


def _stats(project, args) -> int:
    summary = project.statistics.summary()
    if args.words:
        summary["characteristic_words"] = {
            cat: [{"word": w, "score": sc} for w, sc in found]
            for cat, found in project.statistics.characteristic_words(args.words).items()
        }
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=1))
        return 0
    print(f"{summary['annotations']} tags in {summary['documents']} documents")
    for title, key in (
        ("per category", "per_category"),
        ("per court", "per_court"),
        ("per year", "per_year"),
    ):
        print(f"\n{title}:")
        for name, n in summary[key].items():
            print(f"  {n:>6}  {name or '(unknown)'}")
    if summary["cooccurrence"]:
        print("\noverlapping tags:")
        for row in summary["cooccurrence"]:
            print(f"  {row['count']:>6}  {row['a']} × {row['b']}")
    for cat, found in summary.get("characteristic_words", {}).items():
        print(f"\n{cat}: " + "  ".join(w["word"] for w in found))
    return 0


def _structure(project, args) -> int:
    changes = project.structure.detect(args.docs or None)
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "id": d.id,
                        "title": d.title,
                        "meta": d.meta,
                        "sections": [
                            {"kind": k, "start": s, "end": e} for k, s, e in project.structure.sections(d.id)
                        ],
                    }
                    for d in changes.documents_updated
                ],
                ensure_ascii=False,
                indent=1,
            )
        )
    else:
        for d in changes.documents_updated:
            m = d.meta
            print(
                f"{d.id}\t{m.get('case_number', '')}\t{m.get('court', '')}\t{m.get('document_type', '')}\t"
                f"{m.get('date', '')}\t{m.get('cause', '')}"
            )
    return 0


def _section(project, args) -> int:
    project.structure.set_section(args.doc, args.kind, args.start, args.end)
    for kind, start, end in project.structure.sections(args.doc):
        print(f"{kind}\t{start}\t{end}")
    return 0


def _words(project: Project, args) -> int:
    for label, done in (
        ("added", project.words.add(args.add) if args.add else None),
        ("removed", project.words.remove(args.remove) if args.remove else None),
        ("imported", project.words.import_list(args.import_) if args.import_ else None),
        ("accepted", project.words.add(args.accept, origin="suggested") if args.accept else None),
    ):
        if done is not None:
            print(f"{len(done)} word(s) {label}: {' '.join(done)}", file=sys.stderr)
    if args.suggest is not None:
        found = project.words.suggest(args.suggest)
        if args.json:
            print(
                json.dumps(
                    [
                        {
                            "term": s.term,
                            "count": s.count,
                            "cohesion": round(s.cohesion, 2),
                            "left_entropy": round(s.left_entropy, 2),
                            "right_entropy": round(s.right_entropy, 2),
                            "jieba": list(s.jieba),
                        }
                        for s in found
                    ],
                    ensure_ascii=False,
                    indent=1,
                )
            )
        else:
            for s in found:
                print(f"{s.term}\t{s.count}\t{'/'.join(s.jieba)}")
        return 0
    if args.add or args.remove or args.import_ or args.accept:
        return 0
    words = project.words.list()
    if args.json:
        print(
            json.dumps(
                [{"word": w.word, "freq": w.freq, "origin": w.origin} for w in words],
                ensure_ascii=False,
                indent=1,
            )
        )
    else:
        for w in words:
            print(f"{w.word}\t{w.origin}")
    return 0


HANDLERS = {
    "search": _search,
    "segments": _segments,
    "stats": _stats,
    "structure": _structure,
    "words": _words,
    "section": _section,
}
