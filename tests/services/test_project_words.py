"""The project's own dictionary: add, remove, import a list, suggestions from its documents; CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.core.errors import InputError
from annotator.services import Project
from annotator.text import segment

DEV = Path(__file__).resolve().parents[2].parent / "shared" / "realtexts" / "dev"


def test_words_are_kept_whole_at_once_and_stay_with_the_project(tmp_path) -> None:
    path = tmp_path / "p.sqlite"
    with Project.create(path) as project:
        assert "蒋家畅" not in segment.words("上诉人蒋家畅不服")
        assert project.words.add(["蒋家畅", " 蒋家畅 "]) == ["蒋家畅"]
        assert "蒋家畅" in segment.words("上诉人蒋家畅不服")
        assert project.words.add(["蒋家畅"]) == []
    assert "蒋家畅" not in segment.words("上诉人蒋家畅不服")  # closed: the words go with the project
    with Project.open(path) as project:
        assert [w.word for w in project.words.list()] == ["蒋家畅"]
        assert "蒋家畅" in segment.words("上诉人蒋家畅不服")
        assert project.words.remove(["蒋家畅"]) == ["蒋家畅"]
        assert "蒋家畅" not in segment.words("上诉人蒋家畅不服")


def test_a_word_already_in_jieba_keeps_its_frequency(project) -> None:
    before = segment.words("本院认为被告应当承担责任")
    project.words.add(["本院认为", "承担责任"])
    project.words.remove(["本院认为", "承担责任"])
    assert segment.words("本院认为被告应当承担责任") == before


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "not UTF-8"),
        ("蒋家畅\n刘秀碧 abc\n".encode(), "line 2"),
        ("蒋家畅\n蒋家，畅\n".encode(), "line 2"),
        (b"# only a comment\n", "no words"),
        (("字" * 50 + "\n").encode(), "longer than"),
    ],
)
def test_hostile_lists_are_refused_and_nothing_is_added(project, tmp_path, content, problem) -> None:
    path = tmp_path / "list.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match=problem):
        project.words.import_list(path)
    assert project.words.list() == []
    with pytest.raises(InputError, match="regular file"):
        project.words.import_list(tmp_path)


def test_a_jieba_dictionary_imports_as_a_list(project, tmp_path) -> None:
    path = tmp_path / "userdict.txt"
    path.write_text("\ufeff# 本案\n蒋家畅 300 nr\n刘秀碧\t\n\n", encoding="utf-8")
    assert project.words.import_list(path) == ["蒋家畅", "刘秀碧"]
    assert [(w.word, w.freq, w.origin) for w in project.words.list()] == [
        ("蒋家畅", 300, "imported"),
        ("刘秀碧", None, "imported"),
    ]


@pytest.mark.skipif(not DEV.is_dir(), reason=f"real judgments not found at {DEV} (team's shared folder)")
def test_suggestions_from_real_judgments_are_split_by_jieba_and_accepted_whole(project) -> None:
    for name in ("wsjd_5be1857d1e.txt", "daybright_dbb9232a0ae54873bc16a92f00b1eed6.txt"):
        project.documents.add_text(name, (DEV / name).read_text(encoding="utf-8"))
    found = {s.term: s for s in project.words.suggest(40)}
    assert {"蒋家畅", "刘秀碧", "抵押登记"} <= set(found)
    for s in found.values():
        assert len(s.jieba) > 1 and s.count >= 3 and s.cohesion >= 2.0
    assert "民间借贷纠纷" not in found  # what the shipped lists hold is never suggested
    project.words.add(["抵押登记"], origin="suggested")
    assert "抵押登记" in segment.words("被诉抵押登记行为违法")
    assert "抵押登记" not in {s.term for s in project.words.suggest(40)}


def test_cli_words(tmp_path, capsys) -> None:
    proj = tmp_path / "p.sqlite"
    assert main(["init", str(proj)]) == 0
    assert main(["words", str(proj), "--add", "蒋家畅", "刘秀碧"]) == 0
    assert main(["words", str(proj), "--remove", "刘秀碧"]) == 0
    capsys.readouterr()
    assert main(["words", str(proj), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == [{"word": "蒋家畅", "freq": None, "origin": "user"}]
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00garbage")
    before = proj.read_bytes()
    assert main(["words", str(proj), "--import", str(bad)]) != 0
    assert "not UTF-8" in capsys.readouterr().err
    assert proj.read_bytes() == before
