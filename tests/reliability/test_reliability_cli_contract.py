"""The command-line contract under hostile arguments: every subcommand (found by walking the parser, so a
new command is covered the day it is added), given a project argument or a file argument that is a FIFO,
a device behind a symlink, a folder, an empty file, another program's SQLite file, random bytes, a file
with a non-UTF-8 name or a missing file, exits non-zero with one line `annotator: error: FILE: PROBLEM`,
prints no traceback, and leaves the project and the hostile file byte for byte as they were."""

from __future__ import annotations

import argparse
import faulthandler
import sys

import pytest
from faults import hostile_files, make_project, snapshot

from annotator.cli import _parser, main

# Commands that need a team server (PostgreSQL) are tried in tests/team; here only files are at stake.
SERVER_ONLY = {("server", "init"), ("server", "add-member"), ("server", "members"), ("pull",)}
VALUES = {
    "doc": "1",
    "tag": "1",
    "start": "0",
    "end": "3",
    "category": "用户数据权益",
    "into": "2",
    "query": "本院",
    "name": "新类别",
    "docs": None,
}
OPTIONS = {
    "--format": ["csv"],
    "--for": ["乙"],
    "--doc": ["1"],
    "--annotators": ["甲", "乙"],
    "--owner": ["甲"],
}
FILE_ARGS = ("file", "files", "copy")


def _commands() -> list[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    out = []

    def walk(parser, prefix):
        sub = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if not sub:
            out.append((tuple(prefix), parser))
            return
        for name, sp in sub[0].choices.items():
            walk(sp, [*prefix, name])

    walk(_parser(), [])
    return [(c, p) for c, p in out if c not in SERVER_ONLY]


def _argv(command, parser, project: str, file: str, out: str) -> list[str]:
    argv = list(command)
    for a in parser._actions:
        if a.option_strings or a.dest == "help":
            continue
        if a.dest in ("project", "url") or (a.dest == "file" and command == ("push",)):
            argv.append(project)
        elif a.dest in FILE_ARGS:
            argv.append(file)
        elif a.choices:
            argv.append(next(iter(a.choices)))
        elif VALUES.get(a.dest, "x") is not None:
            argv.append(VALUES.get(a.dest, "x"))
    for a in parser._actions:
        if a.option_strings and a.required:
            flag = a.option_strings[0]
            argv += [flag, out] if flag in ("-o", "--output") else [flag, *OPTIONS[flag]]
    return argv


def _run(argv, capsys) -> tuple[int, str]:
    try:
        code = main(argv)
    except SystemExit as exc:
        code = exc.code
    captured = capsys.readouterr()
    return code, captured.err


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    return hostile_files(tmp_path_factory.mktemp("hostile-cli"))


def _check(argv, code, err, failures):
    shown = " ".join(argv)
    if code in (0, None):
        failures.append(f"{shown}: exit {code} (accepted)")
    elif "Traceback" in err or err.count("\n") != 1 or not err.startswith("annotator: error: "):
        failures.append(f"{shown}: exit {code}, stderr {err!r}")


def test_every_command_refuses_a_hostile_project_argument(files, tmp_path, capsys):
    faulthandler.dump_traceback_later(120, exit=True, file=sys.__stderr__)  # a hang fails, not stalls
    failures: list[str] = []
    tried = 0
    try:
        good = tmp_path / "input.txt"
        good.write_text("本院认为，被告构成不正当竞争。\n", encoding="utf-8")
        for kind, bad in files.items():
            for command, parser in _commands():
                if command == ("init",) and kind == "missing":
                    continue  # that is how a project is made
                before = (
                    snapshot(bad)
                    if bad.exists()
                    and not bad.is_dir()
                    and kind not in ("fifo", "dev-zero-symlink", "dev-urandom-symlink")
                    else None
                )
                argv = _argv(command, parser, str(bad), str(good), str(tmp_path / "out.csv"))
                code, err = _run(argv, capsys)
                tried += 1
                _check(argv, code, err, failures)
                if before is not None and snapshot(bad)[0] != before[0]:
                    failures.append(f"{' '.join(argv)}: changed the {kind} file")
                if kind == "missing" and bad.exists():
                    failures.append(f"{' '.join(argv)}: created the missing file")
    finally:
        faulthandler.cancel_dump_traceback_later()
    assert tried > 250
    assert not failures, "\n".join(failures)


def test_every_command_refuses_a_hostile_file_argument_and_leaves_the_project(files, tmp_path, capsys):
    faulthandler.dump_traceback_later(120, exit=True, file=sys.__stderr__)
    failures: list[str] = []
    project = tmp_path / "p.sqlite"
    make_project(project)
    before = snapshot(project)
    with_files = [
        (c, p)
        for c, p in _commands()
        if any(a.dest in FILE_ARGS for a in p._actions) and c not in (("push",),)
    ]
    assert len(with_files) >= 5
    try:
        for kind, bad in files.items():
            if kind == "gbk-name":
                continue  # a readable text file: several commands rightly accept it
            for command, parser in with_files:
                if command == ("share",) and kind == "missing":
                    continue  # a new file is where a shared copy goes
                argv = _argv(command, parser, str(project), str(bad), str(tmp_path / "out.csv"))
                code, err = _run(argv, capsys)
                _check(argv, code, err, failures)
                if snapshot(project) != before:
                    failures.append(f"{' '.join(argv)}: the project changed")
                    before = snapshot(project)
    finally:
        faulthandler.cancel_dump_traceback_later()
    assert not failures, "\n".join(failures)
