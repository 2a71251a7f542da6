"""The bundled sample texts and the sample project built from them."""

from annotator.core.paths import sample_texts_dir
from annotator.services import Project
from annotator.services.sample import SAMPLE_ANNOTATOR, create_sample_project, sample_files


def test_sample_texts_cover_encodings_and_a_non_bmp_character():
    files = sample_files()
    assert len(files) >= 5
    raw = {p.name: p.read_bytes() for p in files}
    gb = [name for name, data in raw.items() if "gb18030" in name]
    assert gb, "one sample is stored as GB18030"
    for name in gb:
        try:
            raw[name].decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            raise AssertionError(f"{name} should not be valid UTF-8")
    assert any("𠮷" in data.decode("utf-8", "ignore") for data in raw.values())
    assert (sample_texts_dir() / "README.md").is_file()


def test_sample_project_has_every_text_and_example_tags(tmp_path):
    path = create_sample_project(tmp_path / "sample.sqlite")
    assert not list(tmp_path.glob("*.partial*"))
    with Project.open(path) as project:
        docs = project.documents.list()
        assert len(docs) == len(sample_files())
        texts = [project.documents.get(d.id).text for d in docs]
        assert any("本院认为" in t for t in texts)
        assert any("群控插件" in d.title for d in docs)
        gb_doc = next(d for d in docs if "gb18030" in d.source_name)
        assert gb_doc.meta.get("encoding") == "gb18030"
        assert "\ufffd" not in project.documents.get(gb_doc.id).text
        tags = project.annotations.list()
        assert len(tags) >= 5
        who = {project.annotators.get(a.annotator_id).name for a in tags}
        assert who == {SAMPLE_ANNOTATOR}
        for a in tags:
            text = project.documents.get(a.document_id).text
            assert text[a.start : a.end] == a.text
        # One example tag sits after the non-BMP character, so its code-point offset differs from UTF-16.
        assert any("𠮷" in project.documents.get(a.document_id).text[: a.start] for a in tags)
