"""Property tests: every loader and importer raises only the project's own error type whatever bytes it
is given, re-anchoring never places a tag outside the text, and export → import keeps random projects
(overlaps, characters outside the BMP, emoji, empty memos, deep codebooks) for every format that
carries them. Example counts stay small so the suite stays quick; raise them with
`--hypothesis-seed`/settings profiles when hunting."""

from __future__ import annotations

import io
import json
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core import codebook as codebook_file
from annotator.core.context import anchor, place
from annotator.core.errors import AnnotatorError
from annotator.formats import registry
from annotator.formats.json_bundle_reader import read_bundle
from annotator.services import Project
from annotator.text.loaders import LOADERS, load_file

QUICK = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ROUND = settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _importers() -> list:
    return list(getattr(registry, "importers", list)())


def _extensions() -> list[tuple[str, str]]:
    """(surface, extension) for every reader of files."""
    out = [("loader", ext) for ext in sorted(LOADERS)]
    for m in _importers():
        out += [(m.NAME, ext) for ext in registry.import_extensions(m)]
    return out + [("bundle", ".json"), ("codebook", ".json")]


def _read(surface: str, path: Path) -> None:
    if surface == "loader":
        load_file(path)
    elif surface == "bundle":
        read_bundle(path)
    elif surface == "codebook":
        codebook_file.load(path)
    else:
        registry.get(surface).import_(path)


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


# Arbitrary bytes, and arbitrary zips whose members have names the readers look for.
member_names = st.sampled_from(
    [
        "project.qde",
        "sources/a.txt",
        "word/document.xml",
        "[Content_Types].xml",
        "0001.txt",
        "0001.ann",
        "annotation.conf",
        "a/../b.txt",
        "x",
    ]
)
payloads = st.one_of(
    st.binary(max_size=3000),
    st.dictionaries(member_names, st.binary(max_size=500), max_size=4).map(_zip),
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=20),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
        max_leaves=20,
    ).map(lambda v: json.dumps(v).encode()),
)


@pytest.mark.parametrize(("surface", "ext"), _extensions())
@QUICK
@given(data=payloads)
def test_readers_raise_only_annotator_errors_on_arbitrary_bytes(surface, ext, data):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{ext}"
        path.write_bytes(data)
        try:
            _read(surface, path)
        except AnnotatorError as exc:
            assert str(exc)  # a message for the user, never empty


alphabet = st.sampled_from(list("本院认为被告数据平台竞争王𠮷😀a1，。 \n"))
texts = st.text(alphabet, min_size=1, max_size=60)


@QUICK
@given(
    old=st.text(alphabet, min_size=4, max_size=80),
    new=st.text(alphabet, min_size=1, max_size=80),
    cut=st.tuples(st.integers(0, 79), st.integers(1, 10)),
    hint=st.none() | st.integers(-5, 100),
)
def test_place_never_leaves_the_text_and_exact_means_equal(old, new, cut, hint):
    start = min(cut[0], len(old) - 1)
    end = min(len(old), start + cut[1])
    found = place(new, anchor(old, start, end), hint)
    if found is not None:
        assert 0 <= found.start < found.end <= len(new)
        assert 0.0 <= found.score <= 1.0
        if found.method == "exact":
            assert new[found.start : found.end] == old[start:end]


# Round trips --------------------------------------------------------------------------------------

doc_text = st.text(st.sampled_from(list("本院认为被告数据平台竞争王𠮷😀法条，。")), min_size=8, max_size=80)
project_spec = st.fixed_dictionaries(
    {
        "docs": st.lists(doc_text, min_size=1, max_size=3, unique=True),
        "depth": st.integers(0, 5),  # a chain of nested categories below the bundled codebook
        "tags": st.lists(
            st.tuples(
                st.integers(0, 2),
                st.integers(0, 79),
                st.integers(1, 12),
                st.integers(0, 8),
                st.sampled_from(["", "备忘", "memo 😀", "𠮷"]),
            ),
            min_size=1,
            max_size=12,
        ),
    }
)


def _build(path: Path, spec: dict) -> set[tuple]:
    """A project from the spec; returns what every format must carry: (doc text, start, end, category)."""
    expected = set()
    with Project.create(path) as p:
        docs = [p.documents.add_text(f"文书{i}", t).documents_added[0] for i, t in enumerate(spec["docs"])]
        cats = [c for c in p.codebook.list()][:4]
        parent = None
        for level in range(spec["depth"]):
            parent = p.codebook.add(
                f"层级{level}🙂", parent_id=parent.id if parent else None
            ).categories_added[0]
            cats.append(parent)
        who = p.annotators.ensure("甲").id
        for d, s, n, c, memo in spec["tags"]:
            doc = docs[d % len(docs)]
            start = s % doc.length
            end = min(doc.length, start + n)
            cat = cats[c % len(cats)]
            p.annotations.add(doc.id, start, end, cat.id, who, memo)
            expected.add((spec["docs"][d % len(docs)], start, end, cat.name, memo))
    return expected


def _stored(p: Project, with_memo: bool) -> set[tuple]:
    names = {c.id: c.name for c in p.codebook.list(include_archived=True)}
    texts = {d.id: p.documents.get(d.id).text for d in p.documents.list()}
    return {
        (texts[a.document_id], a.start, a.end, names[a.category_id], a.memo if with_memo else "")
        for a in p.annotations.list()
    }


def _round_trip_formats() -> list[str]:
    present = {m.NAME for m in _importers()}
    return ["json"] + sorted(present & {"qdpx", "jsonl", "brat"})


@pytest.mark.parametrize("fmt", _round_trip_formats())
@ROUND
@given(spec=project_spec)
def test_export_then_import_keeps_every_tag(fmt, spec):
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        expected = _build(tmp / "source.sqlite", spec)
        module = registry.get(fmt)
        out = tmp / f"export{module.EXTENSION}"
        with Project.open(tmp / "source.sqlite") as p:
            p.exports.export(fmt, out)
        with Project.create(tmp / "target.sqlite") as target:
            if fmt == "json":
                target.merge.merge(out)
            else:
                target.imports.import_file(out, fmt, annotator="甲", add_categories=True)
            carries_memo = fmt in ("json", "qdpx")
            got = _stored(target, carries_memo)
        if not carries_memo:
            expected = {(t, s, e, c, "") for t, s, e, c, _m in expected}
        assert got == expected
