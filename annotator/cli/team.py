"""Commands for team projects on a PostgreSQL server:

    annotator server init URL --owner NAME [--codebook FILE] [--password-stdin]
    annotator server add-member URL NAME [--role annotator|adjudicator|owner] [--password-stdin]
    annotator server members URL
    annotator push FILE.sqlite URL               copy a whole project file into an empty server database
    annotator pull URL FILE.sqlite               copy a whole team project into a new file

URL is `postgresql://USER@HOST[:PORT]/DATABASE[?sslmode=verify-full]`. Passwords are read by libpq from
its own pgpass file (~/.pgpass) or service file, never from the app's settings; a generated password
for a new member is printed once, for the owner to hand over.
"""

from __future__ import annotations

import sys

from annotator.cli.terminal import terminal_progress
from annotator.core.errors import InputError
from annotator.services import Project, transfer
from annotator.services.team import ROLES, server_holds_project

COMMANDS = ("server", "push", "pull")


def add_parsers(sub) -> None:
    s = sub.add_parser("server", help="prepare a team project on a PostgreSQL server and add its members")
    actions = s.add_subparsers(dest="server_command", required=True, metavar="ACTION")
    a = actions.add_parser(
        "init", help="create the project (if the database holds none), its roles and rules"
    )
    a.add_argument("url", help="postgresql://OWNER@HOST/DATABASE, as the database's owner login")
    a.add_argument(
        "--owner", required=True, help="the owner's member name (the login connected now, or a new one)"
    )
    a.add_argument("--codebook", help="codebook JSON file for a new project (default: the bundled codebook)")
    a.add_argument(
        "--password-stdin", action="store_true", help="read a new owner login's password from stdin"
    )
    a = actions.add_parser("add-member", help="create a member's PostgreSQL login with the rights of a role")
    a.add_argument("url")
    a.add_argument("name", help="the member's login, which is also their annotator name")
    a.add_argument("--role", choices=ROLES, default="annotator")
    a.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    a = actions.add_parser("members", help="list the members and their roles")
    a.add_argument("url")

    s = sub.add_parser("push", help="copy a whole project file into an empty database on a team server")
    s.add_argument("file")
    s.add_argument("url")
    s = sub.add_parser("pull", help="copy a whole team project into a new project file")
    s.add_argument("url")
    s.add_argument("file")


def _password(args) -> str | None:
    if not args.password_stdin:
        return None
    password = sys.stdin.readline().rstrip("\n")
    if not password:
        raise InputError("no password on standard input")
    return password


def _counts(counts: dict[str, int]) -> str:
    keys = ("document", "category", "annotation", "adjudication", "document_version")
    return ", ".join(f"{counts.get(k, 0)} {k}" for k in keys)


def _push(args) -> int:
    counts = transfer.push(args.file, args.url, progress=terminal_progress("Pushing"))
    print(f"copied {_counts(counts)} rows to the server; next: annotator server init URL --owner NAME")
    return 0


def _pull(args) -> int:
    counts = transfer.pull(args.url, args.file, progress=terminal_progress("Pulling"))
    print(f"copied {_counts(counts)} rows into {args.file}")
    return 0


def _server(args) -> int:
    if args.server_command == "init":
        password = _password(args)
        if server_holds_project(args.url):
            project = Project.open(args.url)
        else:
            project = Project.create(args.url, args.codebook)
        with project:
            generated = project.team.prepare(args.owner, password)
            _say_password(args.owner, generated, password)
            print(f"team project ready: {project.location}")
        return 0
    with Project.open(args.url) as project:
        if args.server_command == "add-member":
            password = _password(args)
            generated = project.team.add_member(args.name, args.role, password)
            _say_password(args.name, generated, password)
            print(f"{args.name}\t{args.role}")
            return 0
        for m in project.team.members():
            print(f"{m.login}\t{m.role}\t{m.name}")
        return 0


def _say_password(login: str, generated: str | None, given: str | None) -> None:
    if generated and generated != given:
        print(f"password for {login} (shown once; the member puts it in ~/.pgpass): {generated}")


HANDLERS: dict = {}
OPENS_ITSELF = {"server": _server, "push": _push, "pull": _pull}  # a server URL, or a file and a URL
