"""`webanno`: WebAnno TSV 3.3, the tab-separated format of WebAnno and INCEpTION: a zip with one
`NNNN.tsv` per document.

Each file starts with `#FORMAT=WebAnno TSV 3.3` and declares the span layer
`#T_SP=webanno.custom.JudgmentTag|annotator|label|memo|uuid` (the layer of the `xmi` format). Then,
per sentence, a `#Text=` line and one line per token: `sentence-token<TAB>begin-end<TAB>token<TAB>`
and one column per feature. Tokens are single characters (whitespace is not a token); sentences end
by the project's one rule (core/sentence_marks.py: after 。！？； with the closing quotes or brackets
that follow them, or at a line break). A tag is the feature values on its tokens, each with the tag's
number in brackets (`用户数据权益[3]`), so that adjacent and overlapping tags stay apart; tags on the
same token are joined by `|`; `_` is "no tag here". Values and texts are escaped as WebAnno does
(backslash before `\\ [ ] | _ -> ; *`, `\\t`, `\\n`).

Offsets are UTF-16 code units, as WebAnno (Java) counts; the import converts them to code points. A
sentence's `#Text` includes the whitespace after it, so the document's text is the sentences' texts
joined, exactly; files from WebAnno, whose `#Text` lines leave that whitespace out, are rebuilt by
placing each token at its offset. What TSV cannot say: a tag's whitespace at its very start or end
(tags cover whole tokens).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path, PurePosixPath

from annotator.core.errors import InputError
from annotator.core.intake import Incoming, IncomingAnnotator, IncomingDocument, IncomingTag
from annotator.core.messages import QT_TRANSLATE_NOOP, Message
from annotator.core.offsets import OffsetMap
from annotator.core.sentence_marks import SENTENCE_END
from annotator.formats.base import ExportData, ExportOptions, Progress, report
from annotator.formats.safe import SafeZip
from annotator.formats.uima_xmi import TAG_TYPE

NAME = "webanno"
LABEL = "WebAnno TSV 3.3 (INCEpTION, zip of .tsv)"
EXTENSION = ".zip"
IMPORT_EXTENSIONS = (".tsv",)  # and a zip holding .tsv files (registry.for_import looks inside)
FEATURES = ("annotator", "label", "memo", "uuid")
HEADER = "#FORMAT=WebAnno TSV 3.3"

_VALUE_ESC = [
    ("\\", "\\\\"),
    ("[", "\\["),
    ("]", "\\]"),
    ("|", "\\|"),
    ("_", "\\_"),
    ("->", "\\->"),
    (";", "\\;"),
    ("\t", "\\t"),
    ("\n", "\\n"),
    ("*", "\\*"),
]
_TEXT_ESC = {
    "\\": "\\\\",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
    "\b": "\\b",
    **{chr(i): "\\" + chr(i) for i in range(32) if not 7 < i < 14},
}
_TEXT_UNESC = {v: k for k, v in _TEXT_ESC.items()}
_TEXT_ESC_RE = re.compile("|".join(re.escape(k) for k in sorted(_TEXT_ESC, key=len, reverse=True)))
_TEXT_UNESC_RE = re.compile("|".join(re.escape(k) for k in sorted(_TEXT_UNESC, key=len, reverse=True)))
_VALUE_ESC_RE = re.compile("|".join(re.escape(k) for k, _v in _VALUE_ESC))
_VALUE_MAP = dict(_VALUE_ESC)


def escape_value(value: str) -> str:
    return _VALUE_ESC_RE.sub(lambda m: _VALUE_MAP[m.group()], value)


def unescape_value(value: str) -> str:
    return re.sub(
        r"\\(->|.)",
        lambda m: "\n" if m.group(1) == "n" else "\t" if m.group(1) == "t" else m.group(1),
        value,
        flags=re.S,
    )


def escape_text(text: str) -> str:
    return _TEXT_ESC_RE.sub(lambda m: _TEXT_ESC[m.group()], text)


def unescape_text(text: str) -> str:
    if "\\" not in text:
        return text
    return _TEXT_UNESC_RE.sub(lambda m: _TEXT_UNESC[m.group()], text)


def sentences(text: str) -> list[tuple[int, int]]:
    """[start, end) of each sentence, covering the whole text: a sentence ends by the project's rule
    and keeps the whitespace that follows it."""
    out, start, consumed, n = [], 0, 0, len(text)
    for m in SENTENCE_END.finditer(text):
        if m.end() <= consumed:  # a line break already taken as the whitespace after a sentence
            continue
        j = m.end()
        while j < n and text[j].isspace():
            j += 1
        if text[start:j].strip():
            out.append((start, j))
            start = j
        consumed = j
    if start < n:
        if out and not text[start:].strip():
            out[-1] = (out[-1][0], n)
        else:
            out.append((start, n))
    return out


def _segments(tags) -> list[tuple[int, int, tuple[int, ...]]]:
    """[from, to) stretches of the text over which the same tags (by number) are present, by a sweep
    over the tags' boundaries (a character-by-character list of lists costs seconds at 100,000 tags)."""
    events: dict[int, list[tuple[int, int]]] = {}
    for n, a in enumerate(tags, start=1):
        events.setdefault(a.start, []).append((1, n))
        events.setdefault(a.end, []).append((0, n))
    out, active, last = [], [], None
    for pos in sorted(events):
        if last is not None and active and pos > last:
            out.append((last, pos, tuple(active)))
        for kind, n in sorted(events[pos]):
            if kind:
                active.append(n)
            else:
                active.remove(n)
        last = pos
    return out


def tsv_text(doc, tags, cats, users, options: ExportOptions) -> str:
    text = doc.text
    values = []
    for a in tags:
        memo = a.memo if options.include_memos else ""
        values.append(
            [
                escape_value(v) if v else "*"
                for v in (users[a.annotator_id].name, cats[a.category_id].name, memo, a.uuid)
            ]
        )
    empty = "\t".join(["_"] * len(FEATURES))
    cells: dict[tuple[int, ...], str] = {}  # the feature columns of one set of tags, made once
    segments = _segments(tags)
    seg = 0
    out = [HEADER, f"#T_SP={TAG_TYPE}|{'|'.join(FEATURES)}", "", ""]
    append = out.append
    u16 = 0  # UTF-16 offset of the current character
    for s_no, (s, e) in enumerate(sentences(text), start=1):
        append(f"#Text={escape_text(text[s:e])}")
        t_no = 0
        for i in range(s, e):
            ch = text[i]
            width = 2 if ch > "\uffff" else 1
            if ch.isspace():
                u16 += width
                continue
            t_no += 1
            while seg < len(segments) and segments[seg][1] <= i:
                seg += 1
            if seg < len(segments) and segments[seg][0] <= i:
                here = segments[seg][2]
                cols = cells.get(here)
                if cols is None:
                    cols = cells[here] = "\t".join(
                        "|".join(f"{values[n - 1][f]}[{n}]" for n in here) for f in range(len(FEATURES))
                    )
            else:
                cols = empty
            form = ch if ch not in _TEXT_ESC else _TEXT_ESC[ch]
            append(f"{s_no}-{t_no}\t{u16}-{u16 + width}\t{form}\t{cols}\t")
            u16 += width
        append("")
    return "\n".join(out) + "\n"


def export(
    data: ExportData, path: str | Path, options: ExportOptions, progress: Progress | None = None
) -> None:
    cats, users = data.category_by_id(), data.annotator_by_id()
    by_doc = data.annotations_by_document()
    total = len(data.documents)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for i, d in enumerate(data.documents):
            report(progress, i, total)
            z.writestr(
                f"{i + 1:04d}.tsv", tsv_text(d, by_doc.get(d.id, []), cats, users, options).encode("utf-8")
            )
    report(progress, total, total)


# Import -------------------------------------------------------------------------------------------


def import_(path: str | Path, *, max_bytes: int | None = None, **_kw) -> Incoming:
    path = Path(path)
    if not path.exists():
        raise InputError("file not found", path=str(path))
    bundle = Incoming(path=str(path), format=NAME)
    users: dict[str, IncomingAnnotator] = {}
    if path.suffix.lower() == ".tsv":
        _document(path.read_bytes(), str(path), path.stem, bundle, users)
    else:
        with SafeZip(path, max_bytes=max_bytes) as z:
            members = sorted(n for n in z.names if n.lower().endswith(".tsv"))
            if not members:
                raise InputError("no .tsv files inside; not a WebAnno TSV export", path=str(path))
            for name in members:
                _document(z.read(name), f"{path}!{name}", PurePosixPath(name).stem, bundle, users)
    bundle.users.extend(users.values())
    if not bundle.documents:
        raise InputError("no WebAnno TSV document found", path=str(path))
    return bundle


_ID = re.compile(r"^(.*?)(?:\[(\d+)(?:_\d+)?\])?$", re.S)


def _split_stack(cell: str) -> list[str]:
    """A cell's stacked values, split at `|` not escaped by a backslash."""
    if "\\" not in cell:
        return cell.split("|")
    parts, cur, i = [], [], 0
    while i < len(cell):
        ch = cell[i]
        if ch == "\\" and i + 1 < len(cell):
            cur.append(cell[i : i + 2])
            i += 2
            continue
        if ch == "|":
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
        i += 1
    parts.append("".join(cur))
    return parts


def _document(
    raw: bytes, source: str, title: str, bundle: Incoming, users: dict[str, IncomingAnnotator]
) -> None:
    name = Path(source.split("!")[-1]).name
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 (byte {exc.start})", path=source) from None
    lines = content.split("\n")
    if not lines or not lines[0].strip().startswith("#FORMAT=WebAnno TSV 3"):
        raise InputError("not WebAnno TSV 3 (the first line is not “#FORMAT=WebAnno TSV 3.x”)", path=source)
    layers, texts, tokens = _read_lines(lines, source)
    text = _rebuild(texts, tokens)
    if text is None:
        raise InputError("the token offsets do not fit the #Text lines", path=source)
    offsets = OffsetMap(text)
    key = source
    bundle.documents.append(
        IncomingDocument(key=key, title=title, text=text, source_name=Path(source.split("!")[0]).name)
    )
    skipped = 0
    for entry in _span_extents(tokens, _span_columns(layers)).values():
        feats = dict(zip(entry["features"], entry["values"], strict=False))
        label = _label(feats)
        if not label:
            skipped += 1
            continue
        who = (feats.get("annotator") or "").strip() or None
        if who:
            users.setdefault(who, IncomingAnnotator(key=who, name=who))
        uuid = (feats.get("uuid") or "").strip().lower()
        bundle.annotations.append(
            IncomingTag(
                document_key=key,
                start=offsets.to_codepoint(entry["begin"]),
                end=offsets.to_codepoint(entry["end"]),
                category_key=label.strip(),
                where=Message(
                    QT_TRANSLATE_NOOP("Messages", "{file} line {number}"), file=name, number=entry["line"]
                ),
                user_key=who,
                uuid=uuid
                if re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", uuid)
                else None,
                memo=feats.get("memo") or "",
            )
        )
    if skipped:
        bundle.notes.append(f"{name}: {skipped} span annotation(s) without a label skipped")


_Token = tuple[int, int, str, list[str], int]  # begin, end (UTF-16), form, cells, line number


def _read_lines(
    lines: list[str], source: str
) -> tuple[list[tuple[str, str, list[str]]], list[str], list[_Token]]:
    """The layer declarations (kind, type, features, in column order), the #Text lines and the tokens."""
    layers: list[tuple[str, str, list[str]]] = []
    texts: list[str] = []
    tokens: list[_Token] = []
    for number, line in enumerate(lines, start=1):
        if not line:
            continue
        if line[-1] == "\r":
            line = line[:-1]
        if line[0] != "#":  # a token line, by far the most common: no regular expressions here
            cells = line.split("\t")
            ident = cells[0] if len(cells) >= 3 else ""
            b_text, dash, e_text = cells[1].partition("-") if len(cells) >= 3 else ("", "", "")
            s_no, _, t_no = ident.partition("-")
            if not (
                dash
                and b_text.isdigit()
                and e_text.isdigit()
                and s_no.isdigit()
                and t_no.replace(".", "", 1).isdigit()
            ):
                raise InputError(
                    f"line {number}: a token line is “sentence-token<TAB>begin-end<TAB>token…”", path=source
                )
            if "." in t_no:
                continue  # a sub-token line: its annotations are on the token line too
            form = cells[2]
            tokens.append(
                (int(b_text), int(e_text), unescape_text(form) if "\\" in form else form, cells[3:], number)
            )
        elif line.startswith(("#T_SP=", "#T_CH=", "#T_RL=")):
            kind, _, decl = line[1:].partition("=")
            type_name, *features = decl.split("|")
            layers.append((kind, type_name, features))
        elif line.startswith("#Text="):
            texts.append(unescape_text(line[len("#Text=") :]))
    return layers, texts, tokens


def _span_columns(layers: list[tuple[str, str, list[str]]]) -> list[tuple[str, list[str], int]]:
    """(type, features, first column) of each span layer."""
    col, spans = 0, []
    for kind, type_name, features in layers:
        width = max(1, len(features))
        if kind == "T_SP":
            spans.append((type_name, features, col))
        col += width
    return spans


def _span_extents(
    tokens: list[_Token], spans: list[tuple[str, list[str], int]]
) -> dict[tuple[str, str], dict]:
    """Each span annotation by (type, id or token): its first token's begin, its last token's end, its
    feature names and values and the line it starts on."""
    found: dict[tuple[str, str], dict] = {}
    # Neighbouring tokens of one tag carry the same cells: each distinct row of cells is parsed once.
    parsed: dict[tuple[str, ...], list[tuple[str, str | None, list[str], list[str], int]]] = {}
    for b, e, _form, cells, number in tokens:
        row = tuple(cells)
        entries = parsed.get(row)
        if entries is None:
            entries = parsed[row] = _parse_row(cells, spans)
        for j, (type_name, ident, features, vals, _k) in enumerate(entries):
            k = (type_name, ident or f"line{number}.{j}")
            entry = found.get(k)
            if entry is None:
                found[k] = {
                    "begin": b,
                    "end": e,
                    "values": vals,
                    "type": type_name,
                    "features": features,
                    "line": number,
                }
            else:
                if b < entry["begin"]:
                    entry["begin"] = b
                if e > entry["end"]:
                    entry["end"] = e
    return found


def _label(feats: dict[str, str]) -> str | None:
    """The category a span names: its label (or value) feature, else its one other non-empty feature."""
    label = feats.get("label") or feats.get("value")
    if not label:
        rest = [v for f, v in feats.items() if v and f not in ("annotator", "memo", "uuid", "created")]
        label = rest[0] if len(rest) == 1 else None
    return label


def _parse_row(cells: list[str], spans) -> list[tuple[str, str | None, list[str], list[str], int]]:
    """The span annotations one token row holds: (layer, id or None, features, values, position)."""
    out = []
    for type_name, features, start_col in spans:
        columns = [
            cells[start_col + k] if start_col + k < len(cells) else "_" for k in range(len(features) or 1)
        ]
        if all(c in ("_", "") for c in columns):
            continue
        stacks = [_split_stack(c) for c in columns]
        for j in range(max(len(s) for s in stacks)):
            parts = [s[j] if j < len(s) else "_" for s in stacks]
            if all(p in ("_", "") for p in parts):
                continue
            ident = None
            vals = []
            for p in parts:
                m = _ID.match(p)
                value, num = m.group(1), m.group(2)
                ident = ident or num
                vals.append("" if value in ("_", "*") else unescape_value(value))
            out.append((type_name, ident, features, vals, j))
    return out


def _rebuild(texts: list[str], tokens: list[tuple[int, int, str, list[str], int]]) -> str | None:
    """The document's text: the #Text lines joined, when every token sits where its offsets say;
    otherwise each token placed at its offset (WebAnno leaves the whitespace between sentences out
    of #Text), the gaps filled with spaces, and a line break where a sentence ends."""
    joined = "".join(texts)
    offsets = OffsetMap(joined)
    if all(
        e <= offsets.length_utf16 and joined[offsets.to_codepoint(b) : offsets.to_codepoint(e)] == form
        for b, e, form, _c, _n in tokens
    ):
        return joined
    # Place tokens: a UTF-16 buffer of characters.
    out: list[str] = []
    length = 0  # in UTF-16 units
    for b, e, form, _c, _n in sorted(tokens, key=lambda t: t[0]):
        if b < length:
            if b == length - (e - b):
                continue
            return None
        out.append(" " * (b - length))
        out.append(form)
        length = b + sum(2 if ord(c) > 0xFFFF else 1 for c in form)
        if length != e:
            return None
    placed = "".join(out)
    # The tokens must spell the sentences (whitespace aside), or the offsets belong to another text.
    if "".join(placed.split()) != "".join(joined.split()):
        return None
    return placed
