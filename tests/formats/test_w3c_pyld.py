"""The W3C Web Annotation export read by pyld, a JSON-LD processor: it expands to the Web Annotation
Vocabulary's terms and converts to RDF.

pyld would fetch http://www.w3.org/ns/anno.jsonld; there is no network here, so its document loader
serves a context holding the terms of that W3C context which the export uses, mapped to the IRIs the
Web Annotation Vocabulary (W3C Recommendation, 2017) gives them."""

from __future__ import annotations

import json

from pyld import jsonld

OA, AS, DCT, FOAF, RDF = (
    "http://www.w3.org/ns/oa#",
    "http://www.w3.org/ns/activitystreams#",
    "http://purl.org/dc/terms/",
    "http://xmlns.com/foaf/0.1/",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
)
XSD = "http://www.w3.org/2001/XMLSchema#"
CONTEXT = {
    "@context": {
        "oa": OA,
        "as": AS,
        "dcterms": DCT,
        "foaf": FOAF,
        "rdf": RDF,
        "xsd": XSD,
        "dc": "http://purl.org/dc/elements/1.1/",
        "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
        "id": {"@type": "@id", "@id": "@id"},
        "type": {"@type": "@id", "@id": "@type"},
        "Annotation": "oa:Annotation",
        "TextualBody": "oa:TextualBody",
        "SpecificResource": "oa:SpecificResource",
        "TextQuoteSelector": "oa:TextQuoteSelector",
        "TextPositionSelector": "oa:TextPositionSelector",
        "Person": "foaf:Person",
        "AnnotationCollection": "as:OrderedCollection",
        "AnnotationPage": "as:OrderedCollectionPage",
        "classifying": "oa:classifying",
        "commenting": "oa:commenting",
        "tagging": "oa:tagging",
        "body": {"@type": "@id", "@id": "oa:hasBody"},
        "target": {"@type": "@id", "@id": "oa:hasTarget"},
        "source": {"@type": "@id", "@id": "oa:hasSource"},
        "selector": {"@type": "@id", "@id": "oa:hasSelector"},
        "creator": {"@type": "@id", "@id": "dcterms:creator"},
        "items": {"@type": "@id", "@id": "as:items", "@container": "@list"},
        "first": {"@type": "@id", "@id": "as:first"},
        "motivation": {"@type": "@vocab", "@id": "oa:motivatedBy"},
        "purpose": {"@type": "@vocab", "@id": "oa:hasPurpose"},
        "format": "dc:format",
        "value": "rdf:value",
        "exact": "oa:exact",
        "prefix": "oa:prefix",
        "suffix": "oa:suffix",
        "name": "foaf:name",
        "label": "rdfs:label",
        "created": {"@id": "dcterms:created", "@type": "xsd:dateTime"},
        "modified": {"@id": "dcterms:modified", "@type": "xsd:dateTime"},
        "start": {"@id": "oa:start", "@type": "xsd:nonNegativeInteger"},
        "end": {"@id": "oa:end", "@type": "xsd:nonNegativeInteger"},
        "total": {"@id": "as:totalItems", "@type": "xsd:nonNegativeInteger"},
        "startIndex": {"@id": "as:startIndex", "@type": "xsd:nonNegativeInteger"},
    }
}


def _loader(url, options=None):
    assert url.rstrip("/") in ("http://www.w3.org/ns/anno.jsonld", "https://www.w3.org/ns/anno.jsonld"), url
    return {"contextUrl": None, "documentUrl": url, "document": CONTEXT}


def test_w3c_export_expands_with_pyld(tagged, tmp_path):
    out = tmp_path / "a.jsonld"
    tagged.exports.export("w3c", out)
    doc = json.loads(out.read_text(encoding="utf-8"))
    expanded = jsonld.expand(doc, {"documentLoader": _loader})
    [collection] = expanded
    assert collection["@type"] == [AS + "OrderedCollection"]
    page = collection[AS + "first"][0]
    items = page[AS + "items"][0]["@list"]
    assert len(items) == 5
    texts = {d.title: tagged.documents.get(d.id).text for d in tagged.documents.list()}
    passages = {t.text for t in tagged.annotations.list()}
    for item in items:
        assert item["@type"] == [OA + "Annotation"]
        assert item[OA + "motivatedBy"] == [{"@id": OA + "classifying"}]
        target = item[OA + "hasTarget"][0]
        selectors = {s["@type"][0]: s for s in target[OA + "hasSelector"]}
        pos, quote = selectors[OA + "TextPositionSelector"], selectors[OA + "TextQuoteSelector"]
        start, end = int(pos[OA + "start"][0]["@value"]), int(pos[OA + "end"][0]["@value"])
        exact = quote[OA + "exact"][0]["@value"]
        assert exact in passages and any(t[start:end] == exact for t in texts.values())
        purposes = {b[OA + "hasPurpose"][0]["@id"] for b in item[OA + "hasBody"] if OA + "hasPurpose" in b}
        assert OA + "tagging" in purposes and OA + "classifying" in purposes
        assert item[DCT + "creator"][0][FOAF + "name"][0]["@value"]
    memos = sorted(
        b[RDF + "value"][0]["@value"]
        for i in items
        for b in i[OA + "hasBody"]
        if b.get(OA + "hasPurpose") == [{"@id": OA + "commenting"}]
    )
    assert memos == sorted(["重点段落 =备注", "第二条\n备忘"])
    nquads = jsonld.to_rdf(doc, {"documentLoader": _loader, "format": "application/n-quads"})
    assert nquads.count(f"<{RDF}type> <{OA}Annotation>") == 5
