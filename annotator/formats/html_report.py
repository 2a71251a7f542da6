"""`html`: a standalone, printable report: a legend of categories, each document's tagged passages in
colour, and a table of passages by category with annotators and memos. No scripts, no external files."""

from __future__ import annotations

import html
from pathlib import Path

from annotator.formats.base import ExportData, ExportOptions, Progress, report

NAME = "html"
LABEL = "HTML report (printable)"
EXTENSION = ".html"
OPTIONS = ("include_text",)
# Beyond this many characters a document's full text is left out (the passages table still lists every
# tag): a million-character judgment in one page helps no reader.
MAX_FULL_TEXT = 300_000

CSS = """
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif;
       margin: 2em auto; max-width: 60em; line-height: 1.7; color: #222; }
h1 { font-size: 1.6em; } h2 { font-size: 1.3em; border-bottom: 1px solid #ccc; margin-top: 2em; }
.legend span { display: inline-block; margin: 0 .6em .3em 0; padding: 0 .4em; border-radius: 3px; }
.text { white-space: pre-wrap; border: 1px solid #ddd; padding: 1em; }
mark { color: inherit; padding: 0; border-radius: 2px; }
mark.overlap { outline: 2px solid #555; }
table { border-collapse: collapse; width: 100%; margin-top: .5em; }
th, td { border: 1px solid #ccc; padding: .3em .5em; vertical-align: top; text-align: left; }
th { background: #f3f3f3; } td.num { text-align: right; white-space: nowrap; }
.memo { color: #555; } .meta { color: #666; font-size: .9em; }
@media print { body { margin: 0; max-width: none; } h2 { page-break-before: auto; }
  mark, .legend span { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
"""


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def highlighted(text: str, spans: list[tuple[int, int, str, str]]) -> str:
    """The text with <mark>s: split at every span boundary (a sweep, not pairs); where tags overlap
    the piece takes the innermost (latest-starting) tag's colour and is outlined, and its title
    names every category that covers it."""
    points = sorted({0, len(text), *(s for s, _e, _c, _n in spans), *(e for _s, e, _c, _n in spans)})
    starts: dict[int, list] = {}
    for sp in spans:
        starts.setdefault(sp[0], []).append(sp)
    active: list[tuple[int, int, str, str]] = []
    out = []
    for a, b in zip(points, points[1:], strict=False):
        active = [sp for sp in active if sp[1] > a] + starts.get(a, [])
        piece = _esc(text[a:b])
        if not active:
            out.append(piece)
            continue
        inner = max(active, key=lambda sp: (sp[0], -sp[1]))
        names = " / ".join(dict.fromkeys(sp[3] for sp in active))
        cls = ' class="overlap"' if len(active) > 1 else ""
        out.append(f'<mark{cls} style="background:{inner[2]}" title="{_esc(names)}">{piece}</mark>')
    return "".join(out)


def render(data: ExportData, options: ExportOptions, progress: Progress | None = None) -> str:
    cats = data.category_by_id()
    users = data.annotator_by_id()
    docs = data.document_by_id()
    annotations = list(data.iter_annotations())  # a report to read: sorted by category below
    by_doc: dict[int, list] = {}
    for a in annotations:
        by_doc.setdefault(a.document_id, []).append(a)
    used = {a.category_id for a in annotations}
    title = data.project.get("name") or "Annotations"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{_esc(title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>{_esc(title)}</h1>",
        f'<p class="meta">{len(data.documents)} documents, {len(annotations)} tagged passages, '
        f"{len(data.annotators)} annotators: {_esc(', '.join(u.name for u in data.annotators))}</p>",
        '<div class="legend">',
    ]
    for c in data.categories:
        if c.id in used:
            label = f"{c.name} ({c.name_en})" if c.name_en else c.name
            parts.append(f'<span style="background:{c.color}">{_esc(label)}</span>')
    parts.append("</div>")
    total = len(data.documents)
    for i, d in enumerate(data.documents):
        report(progress, i, total)
        tags = by_doc.get(d.id, [])
        parts.append(f'<h2 id="doc-{d.id}">{_esc(d.title)}</h2>')
        meta = "; ".join(f"{_esc(str(k))}: {_esc(str(v))}" for k, v in d.meta.items())
        parts.append(
            f'<p class="meta">{len(d.text):,} characters, {len(tags)} tags{"; " + meta if meta else ""}</p>'
        )
        if options.include_text and len(d.text) <= MAX_FULL_TEXT:
            spans = [(a.start, a.end, cats[a.category_id].color, cats[a.category_id].name) for a in tags]
            parts.append(f'<div class="text">{highlighted(d.text, spans)}</div>')
    parts.append("<h2>Passages by category</h2>")
    order = {c.id: n for n, c in enumerate(data.categories)}
    rows = sorted(annotations, key=lambda a: (order.get(a.category_id, 0), a.document_id, a.start))
    current = None
    for a in rows:
        if a.category_id != current:
            if current is not None:
                parts.append("</table>")
            current = a.category_id
            c = cats[current]
            parts.append(
                f'<h3><span style="background:{c.color}">&nbsp;&nbsp;</span> {_esc(c.name)}'
                f"{' — ' + _esc(c.name_en) if c.name_en else ''}</h3>"
            )
            parts.append(
                "<table><tr><th>Document</th><th>Offsets</th><th>Passage</th><th>Annotator</th>"
                + ("<th>Memo</th>" if options.include_memos else "")
                + "</tr>"
            )
        memo = f'<td class="memo">{_esc(a.memo)}</td>' if options.include_memos else ""
        parts.append(
            f'<tr><td>{_esc(docs[a.document_id].title)}</td><td class="num">{a.start}–{a.end}</td>'
            f"<td>{_esc(a.text)}</td><td>{_esc(users[a.annotator_id].name)}</td>{memo}</tr>"
        )
    if current is not None:
        parts.append("</table>")
    parts += ["</body>", "</html>", ""]
    report(progress, total, total)
    return "\n".join(parts)


def export(
    data: ExportData, path: str | Path, options: ExportOptions, progress: Progress | None = None
) -> None:
    Path(path).write_text(render(data, options, progress), encoding="utf-8")
