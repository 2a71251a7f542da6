"""The CLI end to end: init, import, docs, codebook, tag, export — no display needed."""

import csv
import json
import os
import subprocess
import sys

from annotator.cli import main

TEXT = "（2020）浙0192民初1号\n原告𠮷某公司诉称，被告擅自抓取用户数据，构成不正当竞争。\n本院认为，被告的行为违反商业道德。\n"


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_whole_slice(tmp_path, capsys):
    proj = tmp_path / "p.sqlite"
    src = tmp_path / "judgment.txt"
    src.write_bytes(TEXT.encode("gb18030"))  # GB18030 carries 𠮷 as a four-byte sequence
    assert run(capsys, "init", proj)[0] == 0
    code, out, _ = run(capsys, "import", proj, src)
    assert code == 0
    doc_id = int(out.strip())

    code, out, _ = run(capsys, "docs", proj, "--json")
    [doc] = json.loads(out)
    assert (
        doc["id"] == doc_id and doc["title"] == "（2020）浙0192民初1号" and doc["characters"] == len(TEXT)
    )  # as delivered

    code, out, _ = run(capsys, "codebook", proj, "--json")
    names = [c["name"] for c in json.loads(out)]
    assert "破坏性利用" in names

    stored = TEXT
    start = stored.index("擅自抓取用户数据")
    code, out, _ = run(
        capsys,
        "tag",
        proj,
        doc_id,
        start,
        start + 8,
        "User data rights",
        "--annotator",
        "王五",
        "--note",
        "=核心",
    )
    assert code == 0 and out.strip().endswith("擅自抓取用户数据")

    code, _, _ = run(capsys, "export", proj, "--format", "csv", "-o", tmp_path / "out.csv")
    assert code == 0
    rows = list(csv.DictReader((tmp_path / "out.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert [(r["passage"], r["annotator"], r["memo"], r["start"]) for r in rows] == [
        ("擅自抓取用户数据", "王五", "'=核心", str(start))
    ]

    code, _, _ = run(capsys, "export", proj, "--format", "json", "-o", tmp_path / "out.json")
    bundle = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert bundle["annotations"][0]["text"] == "擅自抓取用户数据"


def test_errors_are_one_line_and_non_zero(tmp_path, capsys):
    proj = tmp_path / "p.sqlite"
    run(capsys, "init", proj)
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    for args, needle in [
        (("import", proj, binary), "image.txt"),
        (("import", proj, tmp_path / "missing.txt"), "missing.txt"),
        (("tag", proj, 1, 0, 5, "破坏性利用"), "no document"),
        (("docs", tmp_path / "nothing.sqlite"), "not found"),
        (("export", proj, "--format", "nope", "-o", tmp_path / "x"), "unknown format"),
        (("init", proj), "already exists"),
    ]:
        code, out, err = run(capsys, *args)
        assert code == 1, args
        assert err.startswith("annotator: error:") and needle in err and err.count("\n") == 1, err
    code, out, _ = run(capsys, "docs", proj)
    assert out == ""  # nothing was added by the failed import


def test_python_dash_m_entry_point(tmp_path):
    env = dict(os.environ)
    proc = subprocess.run(
        [sys.executable, "-m", "annotator", "init", str(tmp_path / "x.sqlite")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "x.sqlite").is_file()


def test_codebook_export_and_import_round_trip(tmp_path, capsys):
    a, b = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    cb = tmp_path / "codebook.json"
    run(capsys, "init", a)
    assert run(capsys, "codebook", a, "--export", cb)[0] == 0
    data = json.loads(cb.read_text(encoding="utf-8"))
    assert data["format"] == "judgment-annotator-codebook"
    code, _, _ = run(capsys, "init", b, "--codebook", cb)
    assert code == 0
    _, out_a, _ = run(capsys, "codebook", a, "--json")
    _, out_b, _ = run(capsys, "codebook", b, "--json")
    strip = lambda out: [(c["uuid"], c["name"], c["color"], c["shortcut"]) for c in json.loads(out)]  # noqa: E731
    assert strip(out_a) == strip(out_b)
    # Importing the same codebook again adds nothing: categories are matched by uuid.
    code, _, err = run(capsys, "codebook", b, "--import", cb)
    assert code == 0 and err.startswith("0 categories added")


def test_terminal_progress_bar_only_on_a_terminal():
    import io

    from annotator.cli import terminal_progress

    class Tty(io.StringIO):
        def isatty(self):
            return True

    assert terminal_progress("Importing", io.StringIO()) is None
    out = Tty()
    bar = terminal_progress("Importing", out)
    assert bar(1, 4) is True and bar(4, 4) is True
    assert "Importing [#######" in out.getvalue() and out.getvalue().endswith("100%\n")


def test_import_progress_and_cancel_leave_nothing_behind(tmp_path):
    from annotator.formats.base import Cancelled
    from annotator.services import Project

    files = []
    for i in range(3):
        f = tmp_path / f"判决{i}.txt"
        f.write_text(f"本院认为，第{i}份文书的被告构成不正当竞争。\n", encoding="utf-8")
        files.append(f)
    with Project.create(tmp_path / "p.sqlite") as project:
        seen = []
        project.documents.import_files(files[:2], progress=lambda d, t: seen.append((d, t)) or True)
        assert seen[0] == (0, 4) and seen[-1] == (4, 4)
        import pytest

        with pytest.raises(Cancelled):
            project.documents.import_files([files[2]], progress=lambda d, t: d < 1)
        assert len(project.documents.list()) == 2
