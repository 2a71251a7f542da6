"""Commands for tag suggestions learnt from the project's tags (on this machine, no network):

annotator suggest PROJECT [--category NAME ...] [--min-score S] [--doc ID ...] [--where FILTER ...]
                  [--annotator NAME ...] [--json]
"""

from __future__ import annotations

import json

from annotator.cli.terminal import annotator_ids

COMMANDS = ("suggest",)


def add_parsers(sub) -> None:
    s = sub.add_parser("suggest", help="suggest passages to tag, learnt from the project's own tags")
    s.add_argument("project")
    s.add_argument(
        "--category",
        nargs="+",
        action="extend",
        metavar="NAME",
        help="only these categories (default: every category with suggestions on)",
    )
    s.add_argument(
        "--min-score",
        type=float,
        default=None,
        metavar="S",
        help="lowest score shown, 0-1 (default: each category's threshold)",
    )
    s.add_argument("--doc", type=int, nargs="+", action="extend", metavar="ID", help="only these documents")
    s.add_argument(
        "--where",
        nargs="+",
        action="extend",
        metavar="FILTER",
        help="only documents whose metadata match, e.g. court~互联网 year>=2019",
    )
    s.add_argument(
        "--annotator",
        nargs="+",
        action="extend",
        metavar="NAME",
        help="learn from these annotators' tags only (default: everyone's)",
    )
    s.add_argument("--json", action="store_true", help="one JSON list of suggestions")


def _suggest(project, args) -> int:
    from annotator.services.search import filter_documents

    learn_from = annotator_ids(project, args.annotator) if args.annotator else None
    categories = [project.codebook.find(c) for c in args.category] if args.category else None
    doc_ids = None
    if args.doc:
        for doc_id in args.doc:
            project.documents.info(doc_id)  # a clear error for an unknown id
        doc_ids = list(args.doc)
    filtered = filter_documents(args.where)
    if filtered is not None:
        doc_ids = filtered if doc_ids is None else [d for d in doc_ids if d in set(filtered)]
    found = project.suggestions.suggest(
        doc_ids,
        category_ids=[c.id for c in categories] if categories else None,
        min_score=args.min_score,
        annotator_ids=learn_from,
    )
    names = {c.id: c.name for c in project.codebook.list(include_archived=True)}
    rows = [
        {
            "document": s.document_id,
            "start": s.start,
            "end": s.end,
            "category": names.get(s.category_id, ""),
            "category_id": s.category_id,
            "score": round(s.score, 4),
            "source": s.source,
            "text": s.text,
        }
        for s in found
    ]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        for r in rows:
            text = r["text"].replace("\n", " ")
            print(
                f"{r['document']}\t{r['start']}\t{r['end']}\t{r['category']}\t{r['score']:.3f}\t{r['source']}\t{text}"
            )
    return 0


HANDLERS = {"suggest": _suggest}
