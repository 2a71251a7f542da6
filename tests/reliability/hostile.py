"""A corpus of hostile and broken inputs, generated in a folder: every document loader and every
annotation importer gets files that are binary, truncated, mislabelled, oversized, malicious (zip slip,
zip bombs, XXE, entity expansion) or inconsistent (offsets out of range or reversed, duplicate uuids,
unknown categories, control characters, lone surrogates).

Each case is (id, surface, path, expect) where surface names the service that reads the file and expect
is "error" (an AnnotatorError naming the file, project unchanged) or "handled" (imported, with nothing
leaking from outside the file).
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

SECRET = "绝密外部文件内容-SECRET-7f3a"  # written next to the corpus; must never appear in a project


@dataclass(frozen=True)
class Case:
    id: str
    surface: str  # "documents", "imports", "merge" or "codebook"
    path: Path
    expect: str = "error"
    says: str = ""  # a word the message must contain, where the problem has one obvious name


def zip_bytes(members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def read_zip(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def _bomb_member(size: int = 24 << 20) -> bytes:
    return b"\x00" * size  # deflates about 1000:1


def _xxe(root: str, inner: str, secret_path: Path) -> bytes:
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE {root} [<!ENTITY xxe SYSTEM '
        f'"file://{secret_path}">]>\n{inner}'
    ).encode()


def _laughs(root: str, inner: str) -> bytes:
    ents = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)
    )
    return f'<?xml version="1.0"?>\n<!DOCTYPE {root} [{ents}]>\n{inner}'.encode()


def build(folder: Path, seeds: dict[str, Path]) -> list[Case]:
    """Write the corpus into `folder`. `seeds` are valid exports of a small project (json, and qdpx,
    jsonl, brat, qdc where those formats exist and import) that the broken variants are derived from."""
    folder.mkdir(parents=True, exist_ok=True)
    secret = folder / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    cases: list[Case] = []

    def add(
        case_id: str,
        surface: str,
        name: str,
        data: bytes | Callable[[Path], None],
        expect: str = "error",
        says: str = "",
    ) -> None:
        path = folder / case_id / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if callable(data):
            data(path)
        else:
            path.write_bytes(data)
        cases.append(Case(case_id, surface, path, expect, says))

    text = "本院认为，被告王𠮷未经许可抓取数据，构成不正当竞争。\n".encode()
    binary = bytes(range(256)) * 64

    # --- document loaders ------------------------------------------------------------------------
    add("txt-binary", "documents", "judgment.txt", binary)
    add("txt-empty", "documents", "empty.txt", b"")
    add("txt-only-controls", "documents", "controls.txt", b"\x00\x01\x02\x1b\x7f\x00" * 50)
    add("txt-png-renamed", "documents", "picture.txt", b"\x89PNG\r\n\x1a\n" + binary)
    add(
        "txt-200mb-sparse", "documents", "huge.txt", lambda p: _sparse(p, 200 * 1024 * 1024), says="too large"
    )
    add(
        "html-200mb-sparse",
        "documents",
        "huge.html",
        lambda p: _sparse(p, 200 * 1024 * 1024),
        says="too large",
    )
    add(
        "txt-big5-as-txt",
        "documents",
        "big5.txt",
        "本院認為，被告構成不正當競爭。".encode("big5") * 20,
        expect="handled",
    )
    add("txt-lone-surrogates", "documents", "surrogates.txt", text + b"\xed\xa0\x80\xed\xb0\x80" * 3 + text)
    add(
        "txt-utf8-bom-then-gbk",
        "documents",
        "bom-gbk.txt",
        b"\xef\xbb\xbf" + "本院认为被告构成不正当竞争".encode("gb18030") * 5,
        expect="handled",
    )
    add("txt-controls-inside", "documents", "mixed.txt", text + b"\x00\x07\x1b[31m" + text, expect="handled")
    add("md-binary", "documents", "notes.md", binary)
    add(
        "html-xxe",
        "documents",
        "page.html",
        _xxe("html", "<html><body><p>本院认为&xxe;</p></body></html>", secret),
        expect="handled",
    )
    add(
        "html-laughs",
        "documents",
        "laughs.html",
        _laughs("html", "<html><body><p>本院认为&lol9;</p></body></html>"),
        expect="handled",
    )
    add(
        "html-deep-nesting",
        "documents",
        "deep.html",
        b"<html><body>" + b"<div>" * 30_000 + "本院认为".encode() + b"</div>" * 30_000 + b"</body></html>",
        expect="handled",
    )
    add("html-binary", "documents", "binary.htm", binary)
    add("docx-not-zip", "documents", "judgment.docx", text)
    add("docx-truncated", "documents", "truncated.docx", lambda p: _truncated_docx(p))
    add("docx-no-body", "documents", "nobody.docx", zip_bytes({"[Content_Types].xml": b"<Types/>"}))
    add("docx-bomb", "documents", "bomb.docx", lambda p: _docx_bomb(p), says="bomb")
    add(
        "docx-zip-slip",
        "documents",
        "slip.docx",
        lambda p: _docx_extra(p, "../../evil.xml", b"<x/>"),
        expect="handled",
    )
    add("pdf-garbage", "documents", "scan.pdf", b"%PDF-1.7\n" + binary)
    add(
        "pdf-truncated",
        "documents",
        "cut.pdf",
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nendobj\n",
    )
    add("wrong-extension-exe", "documents", "setup.exe", b"MZ" + binary)
    add("no-extension", "documents", "README", text)
    add("folder-named-txt", "documents", "folder.txt", lambda p: p.mkdir())
    add("missing-file", "documents", "gone.txt", lambda p: None)
    add(
        "txt-utf16-no-bom",
        "documents",
        "utf16.txt",
        "本院认为，被告构成不正当竞争。".encode("utf-16-le") * 20,
        expect="handled",
    )
    # Both byte orders alike: big-endian without a mark was once called binary while little-endian passed.
    add(
        "txt-utf16be-no-bom",
        "documents",
        "utf16be.txt",
        "本院认为，被告构成不正当竞争。".encode("utf-16-be") * 20,
        expect="handled",
    )
    add(
        "txt-utf16be-no-bom-ascii",
        "documents",
        "utf16be-ascii.txt",
        "Case (2019) Zhe 8601 No. 1987: 本院认为被告违约。\n".encode("utf-16-be") * 5,
        expect="handled",
    )
    add(
        "html-charset-lies",
        "documents",
        "lies.html",
        b'<html><head><meta charset="utf-8"></head><body><p>'
        + "本院认为被告构成不正当竞争".encode("gb18030") * 10
        + b"</p></body></html>",
        expect="handled",
    )
    add("html-script-only", "documents", "script.html", b"<html><script>alert(1)</script></html>")
    add("md-empty", "documents", "empty.md", b"\n\n   \n")
    add("pdf-encrypted-marker", "documents", "locked.pdf", b"%PDF-1.4\ntrailer << /Encrypt 1 0 R >>\n%%EOF")

    # --- qdpx (REFI-QDA project) -----------------------------------------------------------------
    if "qdpx" in seeds:
        qdpx = read_zip(seeds["qdpx"])
        qde = qdpx["project.qde"].decode()
        add("qdpx-not-zip", "imports", "project.qdpx", text)
        add("qdpx-truncated", "imports", "cut.qdpx", seeds["qdpx"].read_bytes()[:300])
        add(
            "qdpx-zip-slip",
            "imports",
            "slip.qdpx",
            zip_bytes({**qdpx, "../../evil.txt": b"x"}),
            says="outside",
        )
        add("qdpx-absolute-path", "imports", "abs.qdpx", zip_bytes({**qdpx, "/etc/evil.txt": b"x"}))
        add(
            "qdpx-bomb",
            "imports",
            "bomb.qdpx",
            zip_bytes({**qdpx, "sources/bomb.txt": _bomb_member()}),
            says="bomb",
        )
        add("qdpx-no-project", "imports", "empty.qdpx", zip_bytes({"sources/a.txt": text}))
        add(
            "qdpx-xxe",
            "imports",
            "xxe.qdpx",
            zip_bytes(
                {
                    **qdpx,
                    "project.qde": _xxe(
                        "Project", qde.split("?>", 1)[1].replace('name="p"', 'name="&xxe;"', 1), secret
                    ),
                }
            ),
        )
        add(
            "qdpx-laughs",
            "imports",
            "laughs.qdpx",
            zip_bytes(
                {
                    **qdpx,
                    "project.qde": _laughs(
                        "Project", qde.split("?>", 1)[1].replace('name="p"', 'name="&lol9;"', 1)
                    ),
                }
            ),
        )
        add("qdpx-not-xml", "imports", "garbage.qdpx", zip_bytes({**qdpx, "project.qde": binary}))
        add(
            "qdpx-offset-out-of-range",
            "imports",
            "range.qdpx",
            zip_bytes({**qdpx, "project.qde": _set_positions(qde, 5, 99_999).encode()}),
        )
        add(
            "qdpx-offset-reversed",
            "imports",
            "reversed.qdpx",
            zip_bytes({**qdpx, "project.qde": _set_positions(qde, 8, 5).encode()}),
        )
        add(
            "qdpx-offset-negative",
            "imports",
            "negative.qdpx",
            zip_bytes({**qdpx, "project.qde": _set_positions(qde, -3, 5).encode()}),
        )
        add(
            "qdpx-duplicate-uuid",
            "imports",
            "dup.qdpx",
            zip_bytes({**qdpx, "project.qde": _duplicate_selection(qde).encode()}),
        )
        add(
            "qdpx-unknown-category",
            "imports",
            "unknown.qdpx",
            zip_bytes({**qdpx, "project.qde": _unknown_code(qde).encode()}),
        )
        add(
            "qdpx-control-chars",
            "imports",
            "controls.qdpx",
            zip_bytes({**qdpx, "project.qde": qde.replace('name="甲"', 'name="甲\x01\x02"', 1).encode()}),
        )
        # Codings of a missing source are skipped and said so; nothing else is imported.
        add(
            "qdpx-missing-source",
            "imports",
            "nosource.qdpx",
            zip_bytes({"project.qde": qdpx["project.qde"]}),
            expect="handled",
        )

    # --- qdc (REFI-QDA codebook) -----------------------------------------------------------------
    if "qdc" in seeds:
        qdc = seeds["qdc"].read_text(encoding="utf-8")
        add("qdc-binary", "imports", "codes.qdc", binary)
        add(
            "qdc-xxe",
            "imports",
            "xxe.qdc",
            _xxe("CodeBook", qdc.split("?>", 1)[1].replace('name="用户数据权益"', 'name="&xxe;"', 1), secret),
        )
        add(
            "qdc-laughs",
            "imports",
            "laughs.qdc",
            _laughs("CodeBook", qdc.split("?>", 1)[1].replace('name="用户数据权益"', 'name="&lol9;"', 1)),
        )
        add(
            "qdc-gbk-declared",
            "imports",
            "gbk.qdc",
            qdc.replace("encoding='utf-8'", "encoding='gbk'").encode("gbk", errors="replace"),
        )
        add("qdc-truncated", "imports", "cut.qdc", seeds["qdc"].read_bytes()[:500])

    # --- jsonl (doccano) -------------------------------------------------------------------------
    if "jsonl" in seeds:
        line = json.loads(seeds["jsonl"].read_text(encoding="utf-8").splitlines()[0])
        add("jsonl-binary", "imports", "data.jsonl", binary)
        add("jsonl-deep-nesting", "imports", "deep.jsonl", b"[" * 200_000 + b"]" * 200_000 + b"\n")
        add(
            "jsonl-deep-object",
            "imports",
            "deepobj.jsonl",
            ('{"text": ' + '{"a": ' * 50_000 + "1" + "}" * 50_000 + "}\n").encode(),
        )
        add(
            "jsonl-offset-out-of-range",
            "imports",
            "range.jsonl",
            _jsonl(line, label=[[5, 10_000, "用户数据权益"]]),
        )
        add(
            "jsonl-offset-reversed", "imports", "reversed.jsonl", _jsonl(line, label=[[8, 5, "用户数据权益"]])
        )
        add(
            "jsonl-offset-not-int",
            "imports",
            "types.jsonl",
            _jsonl(line, label=[["5", None, "用户数据权益"]]),
        )
        add(
            "jsonl-unknown-category", "imports", "unknown.jsonl", _jsonl(line, label=[[5, 8, "不存在的类别"]])
        )
        add(
            "jsonl-lone-surrogate",
            "imports",
            "surrogate.jsonl",
            json.dumps({**_plain(line), "text": "本院认为\ud800被告"}, ensure_ascii=True).encode() + b"\n",
        )
        add("jsonl-invalid-utf8", "imports", "latin.jsonl", b'{"text": "caf\xe9 \xff"}\n')
        add("jsonl-truncated", "imports", "cut.jsonl", seeds["jsonl"].read_bytes()[:40])
        add("jsonl-duplicate-uuid", "imports", "dup.jsonl", _jsonl_dup(line))

    # --- brat ------------------------------------------------------------------------------------
    if "brat" in seeds:
        brat = read_zip(seeds["brat"])
        ann_name = next(n for n in brat if n.endswith(".ann"))
        add(
            "brat-offset-out-of-range",
            "imports",
            "range.zip",
            zip_bytes({**brat, ann_name: "T1\t用户数据权益 5 99999\t被告王\n".encode()}),
        )
        add(
            "brat-offset-reversed",
            "imports",
            "reversed.zip",
            zip_bytes({**brat, ann_name: "T1\t用户数据权益 8 5\t被告王\n".encode()}),
        )
        add(
            "brat-malformed-line",
            "imports",
            "bad.zip",
            zip_bytes({**brat, ann_name: b"T1 no tabs here\n\x00\x01"}),
        )
        add(
            "brat-zip-slip",
            "imports",
            "slip.zip",
            zip_bytes({**brat, "../../../tmp/evil.ann": b"T1\tx 0 1\ty\n"}),
        )
        add("brat-bomb", "imports", "bomb.zip", zip_bytes({**brat, "0002.txt": _bomb_member()}))
        add("brat-ann-binary", "imports", "binary.ann", binary)
        add(
            "brat-unknown-category",
            "imports",
            "unknown.zip",
            zip_bytes({**brat, ann_name: "T1\t不存在的类别 5 8\t被告王\n".encode()}),
        )
        brat_text = brat[ann_name[:-4] + ".txt"].decode("utf-8")
        # A discontinuous span as brat writes it (fragment texts joined by a space): imported, as its parts.
        add(
            "brat-discontinuous",
            "imports",
            "gapped.zip",
            zip_bytes(
                {
                    **brat,
                    ann_name: (f"T1\t用户数据权益 0 2;5 8\t{brat_text[0:2]} {brat_text[5:8]}\n").encode(),
                }
            ),
            expect="handled",
        )
        add(
            "brat-discontinuous-mismatch",
            "imports",
            "gapped-bad.zip",
            zip_bytes({**brat, ann_name: (f"T1\t用户数据权益 0 2;5 8\t{brat_text[0:5]}\n").encode()}),
            says="discontinuous",
        )
        add(
            "brat-fragments-overlap",
            "imports",
            "overlap.zip",
            zip_bytes(
                {
                    **brat,
                    ann_name: (f"T1\t用户数据权益 0 6;3 8\t{brat_text[0:6]} {brat_text[3:8]}\n").encode(),
                }
            ),
            says="overlap",
        )

    # --- Label Studio tasks ----------------------------------------------------------------------
    if "labelstudio" in seeds:
        tasks = json.loads(seeds["labelstudio"].read_text(encoding="utf-8"))

        def _ls(**value) -> bytes:
            t = json.loads(json.dumps(tasks))
            t[0]["annotations"][0]["result"][0]["value"].update(value)
            return json.dumps(t, ensure_ascii=False).encode()

        add("ls-binary", "imports", "tasks.json", binary)
        add("ls-deep-nesting", "imports", "deep.json", b"[" * 200_000 + b"]" * 200_000)
        add("ls-offset-out-of-range", "imports", "range.json", _ls(start=5, end=99_999))
        add("ls-offset-reversed", "imports", "reversed.json", _ls(start=8, end=5))
        add("ls-offset-not-int", "imports", "types.json", _ls(start="5", end=None))
        add("ls-unknown-category", "imports", "unknown.json", _ls(labels=["不存在的类别"]))
        add("ls-not-tasks", "imports", "object.json", b'{"tasks": 1}')
        add("ls-truncated", "imports", "cut.json", seeds["labelstudio"].read_bytes()[:60])

    # --- INCEpTION: UIMA CAS XMI and WebAnno TSV -------------------------------------------------
    xmi_head = (
        '<xmi:XMI xmlns:xmi="http://www.omg.org/XMI" xmlns:cas="http:///uima/cas.ecore" '
        'xmlns:custom="http:///webanno/custom.ecore"><cas:Sofa xmi:id="1" sofaString="本院认为被告王某构成侵权"/>'
    )
    add("xmi-binary", "imports", "doc.xmi", binary)
    add("xmi-xxe", "imports", "xxe.xmi", _xxe("xmi:XMI", xmi_head + "&xxe;</xmi:XMI>", secret))
    add(
        "xmi-offset-out-of-range",
        "imports",
        "range.xmi",
        (
            xmi_head + '<custom:T xmi:id="2" sofa="1" begin="5" end="99999" label="用户数据权益"/></xmi:XMI>'
        ).encode(),
    )
    add(
        "xmi-offset-not-int",
        "imports",
        "types.xmi",
        (
            xmi_head + '<custom:T xmi:id="2" sofa="1" begin="-1" end="x" label="用户数据权益"/></xmi:XMI>'
        ).encode(),
    )
    add(
        "xmi-zip-slip",
        "imports",
        "slip.zip",
        zip_bytes({"../../evil.xmi": (xmi_head + "</xmi:XMI>").encode()}),
    )
    add("tsv-binary", "imports", "doc.tsv", binary)
    add(
        "tsv-offsets-elsewhere",
        "imports",
        "elsewhere.tsv",
        "#FORMAT=WebAnno TSV 3.3\n#T_SP=x|value\n\n\n#Text=本院\n1-1\t7-8\t甲\t用户数据权益\n".encode(),
    )
    add("tsv-truncated", "imports", "cut.tsv", b"#FORMAT=WebAnno TSV 3.3\n#T_SP=x|value\n\n\n#Text=\xe6\x9c")

    # --- json bundle (merge) and codebook files --------------------------------------------------
    bundle = json.loads(seeds["json"].read_text(encoding="utf-8"))
    add("merge-not-json", "merge", "colleague.json", binary)
    add("merge-deep-nesting", "merge", "deep.json", b"[" * 200_000 + b"]" * 200_000)
    add("merge-offset-out-of-range", "merge", "range.json", _bundle(bundle, start=5, end=99_999))
    add("merge-offset-reversed", "merge", "reversed.json", _bundle(bundle, start=8, end=5))
    add("merge-duplicate-uuid", "merge", "dup.json", _bundle_dup(bundle))
    add("merge-text-mismatch", "merge", "mismatch.json", _bundle(bundle, text="完全不同"))
    add(
        "merge-lone-surrogate",
        "merge",
        "surrogate.json",
        json.dumps(
            {**bundle, "annotators": [{**bundle["annotators"][0], "name": "甲\ud800"}]}, ensure_ascii=True
        ).encode(),
    )
    add(
        "codebook-lone-surrogate",
        "codebook",
        "surrogate.json",
        json.dumps(
            {"format": "judgment-annotator-codebook", "version": 1, "categories": [{"name": "类别\udfff"}]},
            ensure_ascii=True,
        ).encode(),
    )
    add("merge-damaged-project-file", "merge", "colleague.sqlite", b"SQLite format 3\x00" + binary * 4)
    add("merge-wrong-version", "merge", "future.json", json.dumps({**bundle, "version": 99}).encode())
    add(
        "merge-unknown-category",
        "merge",
        "unknown.json",
        _bundle(bundle, category="00000000-0000-4000-8000-000000000000"),
    )
    add("merge-offset-negative", "merge", "negative.json", _bundle(bundle, start=-2, end=3))
    add("merge-offset-not-int", "merge", "types.json", _bundle(bundle, start="5", end=8.5))
    add("codebook-binary", "codebook", "codebook.json", binary)
    add(
        "codebook-deep-nesting",
        "codebook",
        "deep.json",
        ('{"categories": [' + '{"name": "x", "children": [' * 5_000 + "]}" * 5_000 + "]}").encode(),
    )
    add("codebook-not-a-codebook", "codebook", "list.json", b"[1, 2, 3]")
    add(
        "codebook-bad-colour",
        "codebook",
        "colour.json",
        json.dumps(
            {
                "format": "judgment-annotator-codebook",
                "version": 1,
                "categories": [{"name": "类别", "color": "javascript:alert(1)"}],
            }
        ).encode(),
    )
    return cases


def _sparse(path: Path, size: int) -> None:
    with path.open("wb") as fh:
        fh.truncate(size)  # no blocks written: quick and takes no disk


def _docx() -> dict[str, bytes]:
    import docx

    document = docx.Document()
    document.add_paragraph("本院认为，被告构成不正当竞争。")
    buf = io.BytesIO()
    document.save(buf)
    buf.seek(0)
    with zipfile.ZipFile(buf) as z:
        return {n: z.read(n) for n in z.namelist()}


def _docx_bomb(path: Path) -> None:
    parts = _docx()
    body = parts["word/document.xml"]
    parts["word/document.xml"] = body.replace(b"</w:body>", b"<!--" + b" " * (24 << 20) + b"--></w:body>")
    path.write_bytes(zip_bytes(parts))


def _docx_extra(path: Path, name: str, data: bytes) -> None:
    path.write_bytes(zip_bytes({**_docx(), name: data}))


def _truncated_docx(path: Path) -> None:
    data = zip_bytes(
        {
            "[Content_Types].xml": b"<Types/>",
            "word/document.xml": b"<w:document>" + "本院认为".encode() * 2000 + b"</w:document>",
        }
    )
    path.write_bytes(data[: len(data) // 2])


def _set_positions(qde: str, start: int, end: int) -> str:
    import re

    qde = re.sub(r'startPosition="\d+"', f'startPosition="{start}"', qde, count=1)
    return re.sub(r'endPosition="\d+"', f'endPosition="{end}"', qde, count=1)


def _duplicate_selection(qde: str) -> str:
    import re

    m = re.search(r"<PlainTextSelection\b.*?</PlainTextSelection>", qde, re.S)
    if not m:
        return qde + "<broken"
    # The same guid for a second, different selection.
    copy = re.sub(r'startPosition="\d+"', 'startPosition="1"', m.group(0), count=1)
    copy = re.sub(r'endPosition="\d+"', 'endPosition="3"', copy, count=1)
    return qde[: m.end()] + copy + qde[m.end() :]


def _unknown_code(qde: str) -> str:
    import re

    return re.sub(r'(<CodeRef targetGUID=")[^"]+', r"\g<1>00000000-0000-4000-8000-000000000000", qde, count=1)


def _plain(line: dict) -> dict:
    return {k: v for k, v in line.items() if k not in ("annotations",)}


def _jsonl(line: dict, **changes) -> bytes:
    return json.dumps({**_plain(line), **changes}, ensure_ascii=False).encode() + b"\n"


def _jsonl_dup(line: dict) -> bytes:
    item = json.loads(json.dumps(line))
    item["annotations"].append({**item["annotations"][0], "start": 1, "end": 3})
    return json.dumps(item, ensure_ascii=False).encode() + b"\n"


def _bundle(bundle: dict, **changes) -> bytes:
    b = json.loads(json.dumps(bundle))
    b["annotations"][0].update(changes)
    return json.dumps(b, ensure_ascii=False).encode()


def _bundle_dup(bundle: dict) -> bytes:
    b = json.loads(json.dumps(bundle))
    other = dict(b["annotations"][0])
    other.update(start=1, end=3, text=b["documents"][0]["text"][1:3])
    b["annotations"].append(other)
    return json.dumps(b, ensure_ascii=False).encode()
