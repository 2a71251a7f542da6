"""`xmi`: UIMA CAS XMI, the format INCEpTION (and WebAnno, DKPro Core, cassis) exchange: a zip with
`TypeSystem.xml` and one `NNNN.xmi` per document.

Each tag is an annotation of the custom span layer `webanno.custom.JudgmentTag` (an
`uima.tcas.Annotation`) whose `label` feature is the category, with the features `memo`, `annotator`,
`uuid` and `created`; the document's title and uuid are in DKPro Core's `DocumentMetaData`. In
INCEpTION, add a span layer `JudgmentTag` with string features `label` (tagset: the codebook),
`memo`, `annotator` and `uuid`, or let the import create it from the type system.

UIMA counts offsets in Java string positions (UTF-16 code units), as does every XMI reader: the export
writes them so and the import converts back to code points (cassis does the same). Import reads any
span layer: the `label`/`value` feature (or the only other string feature) is the category; other
types (tokens, sentences, metadata) are reported, not imported.
"""

from __future__ import annotations

import re
import zipfile
from datetime import UTC
from pathlib import Path, PurePosixPath

from annotator.core.errors import InputError
from annotator.core.intake import Incoming, IncomingAnnotator, IncomingDocument, IncomingTag
from annotator.core.messages import QT_TRANSLATE_NOOP, Message
from annotator.core.offsets import OffsetMap
from annotator.formats.base import ExportData, ExportOptions, Progress, parse_time, report
from annotator.formats.safe import SafeZip, parse_xml

NAME = "xmi"
LABEL = "UIMA CAS XMI (INCEpTION, zip with the type system)"
EXTENSION = ".zip"
IMPORT_EXTENSIONS = (".xmi",)  # and a zip holding .xmi files (registry.for_import looks inside)
TAG_TYPE = "webanno.custom.JudgmentTag"
FEATURES = ("label", "memo", "annotator", "uuid", "created")
META_TYPE = "de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData"
XMI_NS = "http://www.omg.org/XMI"
CAS_NS = "http:///uima/cas.ecore"

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_GUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def _ns(type_name: str) -> tuple[str, str]:
    """XMI namespace URI and prefix of a UIMA type (`a.b.C` -> `http:///a/b.ecore`, prefix `b`)."""
    package = type_name.rpartition(".")[0]
    return f"http:///{package.replace('.', '/')}.ecore", package.rpartition(".")[2]


def _a(value: str) -> str:
    # Characters XML 1.0 cannot carry become spaces (the offsets stay right); line breaks and tabs are
    # character references, or a reader would normalise them to spaces.
    return (
        _NOT_XML.sub(" ", value)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("\n", "&#10;")
        .replace("\r", "&#13;")
        .replace("\t", "&#9;")
    )


def type_system_xml() -> str:
    def feature(name: str) -> str:
        return (
            f"<featureDescription><name>{name}</name><description/>"
            "<rangeTypeName>uima.cas.String</rangeTypeName></featureDescription>"
        )

    meta_features = ("documentTitle", "documentId", "documentUri", "collectionId", "documentBaseUri")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<typeSystemDescription xmlns="http://uima.apache.org/resourceSpecifier">\n<types>\n'
        f"<typeDescription><name>{TAG_TYPE}</name><description>A tag of the Judgment Annotator: a passage "
        "and its category</description><supertypeName>uima.tcas.Annotation</supertypeName><features>"
        + "".join(feature(f) for f in FEATURES)
        + "</features></typeDescription>\n"
        f"<typeDescription><name>{META_TYPE}</name><description/>"
        "<supertypeName>uima.tcas.DocumentAnnotation</supertypeName><features>"
        + "".join(feature(f) for f in meta_features)
        + "<featureDescription><name>isLastSegment</name><description/>"
        "<rangeTypeName>uima.cas.Boolean</rangeTypeName></featureDescription>"
        + "</features></typeDescription>\n</types>\n</typeSystemDescription>\n"
    )


def cas_xmi(doc, tags, cats, users, options: ExportOptions) -> str:
    offsets = OffsetMap(doc.text)
    tag_ns, tag_prefix = _ns(TAG_TYPE)
    meta_ns, meta_prefix = _ns(META_TYPE)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        f'<xmi:XMI xmlns:xmi="{XMI_NS}" xmlns:cas="{CAS_NS}" xmlns:{tag_prefix}="{tag_ns}" '
        f'xmlns:{meta_prefix}="{meta_ns}" xmi:version="2.0">\n',
        '<cas:NULL xmi:id="0"/>\n',
        f'<cas:Sofa xmi:id="1" sofaNum="1" sofaID="_InitialView" mimeType="text" sofaString="{_a(doc.text)}"/>\n',
        f'<{meta_prefix}:DocumentMetaData xmi:id="2" sofa="1" begin="0" end="{offsets.length_utf16}" '
        f'documentTitle="{_a(doc.title)}" documentId="{doc.uuid}" isLastSegment="false"/>\n',
    ]
    members = ["2"]
    for i, a in enumerate(tags, start=3):
        memo = f' memo="{_a(a.memo)}"' if options.include_memos and a.memo else ""
        created = (
            f' created="{a.created.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")}"' if a.created else ""
        )
        out.append(
            f'<{tag_prefix}:JudgmentTag xmi:id="{i}" sofa="1" begin="{offsets.to_utf16(a.start)}" '
            f'end="{offsets.to_utf16(a.end)}" label="{_a(cats[a.category_id].name)}"{memo} '
            f'annotator="{_a(users[a.annotator_id].name)}" uuid="{a.uuid}"{created}/>\n'
        )
        members.append(str(i))
    out.append(f'<cas:View sofa="1" members="{" ".join(members)}"/>\n</xmi:XMI>\n')
    return "".join(out)


def export(
    data: ExportData, path: str | Path, options: ExportOptions, progress: Progress | None = None
) -> None:
    cats, users = data.category_by_id(), data.annotator_by_id()
    by_doc = data.annotations_by_document()
    total = len(data.documents)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("TypeSystem.xml", type_system_xml())
        for i, d in enumerate(data.documents):
            report(progress, i, total)
            z.writestr(
                f"{i + 1:04d}.xmi", cas_xmi(d, by_doc.get(d.id, []), cats, users, options).encode("utf-8")
            )
    report(progress, total, total)


# Import -------------------------------------------------------------------------------------------

# Types that structure a text rather than tag it: never imported, not reported one by one.
_STRUCTURE = re.compile(
    r"\.(Token|Sentence|Lemma|POS|Stem|Paragraph|Heading|Div|TagsetDescription|"
    r"DocumentMetaData|DocumentAnnotation|MorphologicalFeatures)$"
)


def import_(path: str | Path, *, max_bytes: int | None = None, **_kw) -> Incoming:
    path = Path(path)
    if not path.exists():
        raise InputError("file not found", path=str(path))
    bundle = Incoming(path=str(path), format=NAME)
    users: dict[str, IncomingAnnotator] = {}
    if path.suffix.lower() == ".xmi":
        _cas(path.read_bytes(), str(path), path.stem, None, bundle, users)
    else:
        with SafeZip(path, max_bytes=max_bytes) as z:
            members = sorted(n for n in z.names if n.lower().endswith(".xmi"))
            if not members:
                raise InputError("no .xmi files inside; not a UIMA CAS XMI export", path=str(path))
            for name in members:
                parts = PurePosixPath(name).parts
                # An INCEpTION project export keeps each user's CAS as annotation/<document>/<user>.xmi.
                user = PurePosixPath(name).stem if len(parts) >= 3 and parts[-3] == "annotation" else None
                _cas(
                    z.read(name),
                    f"{path}!{name}",
                    parts[-2] if user else PurePosixPath(name).stem,
                    user,
                    bundle,
                    users,
                )
    bundle.users.extend(users.values())
    if not bundle.documents:
        raise InputError("no document text (sofaString) found", path=str(path))
    return bundle


def _type_name(el) -> str:
    """The UIMA type of an XMI element, from its namespace (`http:///a/b.ecore`) and local name."""
    tag = el.tag if isinstance(el.tag, str) else ""
    ns, _, local = tag[1:].partition("}") if tag.startswith("{") else ("", "", tag)
    package = ns.removeprefix("http:///").removesuffix(".ecore").replace("/", ".")
    return f"{package}.{local}" if package else local


def _cas(
    raw: bytes,
    source: str,
    title: str,
    user: str | None,
    bundle: Incoming,
    users: dict[str, IncomingAnnotator],
) -> None:
    root = parse_xml(raw, source=source)
    if root.tag != f"{{{XMI_NS}}}XMI":
        raise InputError("not a UIMA CAS XMI document (the root element is not xmi:XMI)", path=source)
    sofas = [el for el in root if el.tag == f"{{{CAS_NS}}}Sofa" and el.get("sofaString") is not None]
    if not sofas:
        bundle.notes.append(f"{Path(source.split('!')[-1]).name}: no document text (sofaString); skipped")
        return
    sofa = next((s for s in sofas if s.get("sofaID") == "_InitialView"), sofas[0])
    text = sofa.get("sofaString")
    sofa_id = sofa.get(f"{{{XMI_NS}}}id")
    offsets = OffsetMap(text)
    uuid = None
    for el in root:
        if _type_name(el) == META_TYPE:
            title = (el.get("documentTitle") or "").strip() or title
            doc_id = (el.get("documentId") or "").strip().lower()
            uuid = doc_id if _GUID.match(doc_id) else None
    key = f"{source}"
    bundle.documents.append(
        IncomingDocument(
            key=key, title=title, text=text, uuid=uuid, source_name=Path(source.split("!")[0]).name
        )
    )
    skipped: dict[str, int] = {}
    for el in root:
        begin, end = el.get("begin"), el.get("end")
        if begin is None or end is None or el.get("sofa") != sofa_id:
            continue
        type_name = _type_name(el)
        if _STRUCTURE.search(type_name):
            continue
        where = Message(
            "{file} {type} {id}",
            file=Path(source.split("!")[-1]).name,
            type=type_name.rpartition(".")[2],
            id=el.get(f"{{{XMI_NS}}}id"),
        )
        label = _label(el, type_name)
        if label is None:
            skipped[type_name] = skipped.get(type_name, 0) + 1
            continue
        if not (begin.isdigit() and end.isdigit()):
            bundle.problems.append(
                Message(
                    QT_TRANSLATE_NOOP("Messages", "{where}: begin/end {begin}–{end} are not whole numbers"),
                    where=where,
                    begin=repr(begin),
                    end=repr(end),
                )
            )
            continue
        b, e = int(begin), int(end)
        if 0 <= b <= e <= offsets.length_utf16:
            b, e = offsets.to_codepoint(b), offsets.to_codepoint(e)
        who = (el.get("annotator") or "").strip() or user
        if who:
            users.setdefault(who, IncomingAnnotator(key=who, name=who))
        tag_uuid = (el.get("uuid") or "").strip().lower()
        bundle.annotations.append(
            IncomingTag(
                document_key=key,
                start=b,
                end=e,
                category_key=label,
                where=where,
                user_key=who,
                uuid=tag_uuid if _GUID.match(tag_uuid) else None,
                memo=el.get("memo") or "",
                created=parse_time(el.get("created")),
            )
        )
    if skipped:
        kinds = ", ".join(f"{n} {t}" for t, n in sorted(skipped.items()))
        bundle.notes.append(
            f"{Path(source.split('!')[-1]).name}: skipped annotations without a label ({kinds})"
        )


_NOT_LABELS = {"begin", "end", "sofa", "memo", "annotator", "uuid", "created"}


def _label(el, type_name: str) -> str | None:
    for name in ("label", "value"):
        if (el.get(name) or "").strip():
            return el.get(name).strip()
    others = [
        k for k in el.keys() if not k.startswith("{") and k not in _NOT_LABELS and (el.get(k) or "").strip()
    ]
    if len(others) == 1 and not el.get(others[0]).strip().isdigit():
        return el.get(others[0]).strip()
    return None
