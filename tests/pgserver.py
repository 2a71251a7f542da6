"""A real PostgreSQL server for the tests and benchmarks, started in a temporary folder.

`initdb` and `pg_ctl` from Debian's `postgresql` package (which `./dev test` installs) run in a fresh
folder on a free local port, listening on 127.0.0.1 only. PostgreSQL refuses to run as root, and CI runs
as root: then the server runs as the unprivileged `postgres` user that the package creates (or `nobody`),
through `runuser`. Nothing here touches a server the machine may already run.

Logins: `pgadmin` is the superuser, reached over the folder's Unix socket without a password; every
other login (the team owner, the members) connects over TCP with a password that libpq reads from the
pgpass file this module writes (`PGPASSFILE`), the way a member's own machine would.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

ADMIN = "pgadmin"
OWNER = "team_owner"
OWNER_PASSWORD = "owner-secret"


def binaries() -> Path | None:
    """The folder with initdb/pg_ctl: Debian keeps them out of PATH, under /usr/lib/postgresql/N/bin."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0,
    )
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("initdb")
    return Path(on_path).resolve().parent if on_path else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _service_user() -> str | None:
    """Who runs the server: ourselves, unless we are root (PostgreSQL refuses root)."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    raise RuntimeError("running as root and no unprivileged user (postgres, nobody) to run PostgreSQL as")


class TestServer:
    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="annotator-pg-"))
        self.data = self.root / "data"
        self.sockets = self.root / "sockets"
        self.log = self.root / "server.log"
        self.pgpass = self.root / "pgpass"
        self.port = _free_port()
        self.user = _service_user()
        self._passwords: dict[str, str] = {}
        self._admin = None
        self._counter = 0

    # The server ---------------------------------------------------------------------------------

    def _run(self, *args: str) -> None:
        cmd = [str(self.bindir / args[0]), *args[1:]]
        if self.user:
            cmd = ["runuser", "-u", self.user, "--", *cmd]
        subprocess.run(cmd, check=True, capture_output=True, cwd=self.root, timeout=120)

    def start(self) -> TestServer:
        self.sockets.mkdir()
        self.log.touch()
        if self.user:
            entry = pwd.getpwnam(self.user)
            os.chmod(self.root, 0o755)
            for p in (self.sockets, self.log):
                os.chown(p, entry.pw_uid, entry.pw_gid)
            self.data.mkdir()
            os.chown(self.data, entry.pw_uid, entry.pw_gid)
        self._run(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            ADMIN,
            "--encoding=UTF8",
            "--locale=C",
            "--auth-local=trust",
            "--auth-host=scram-sha-256",
            "--no-sync",
            "--no-instructions",
        )
        options = (
            f"-p {self.port} -k {self.sockets} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=150 "
            "-c shared_buffers=64MB"
        )
        self._run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60", "-o", options, "start"
        )
        os.environ["PGPASSFILE"] = str(self.pgpass)
        self.pgpass.touch(mode=0o600)
        self.admin_sql(f"CREATE ROLE {OWNER} LOGIN CREATEROLE PASSWORD '{OWNER_PASSWORD}'")
        self.remember_password(OWNER, OWNER_PASSWORD)
        return self

    def stop(self) -> None:
        if self._admin is not None:
            self._admin.close()
            self._admin = None
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        except subprocess.CalledProcessError:
            pass
        shutil.rmtree(self.root, ignore_errors=True)

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    # Administration -----------------------------------------------------------------------------

    def admin(self, database: str = "postgres"):
        import psycopg2

        con = psycopg2.connect(host=str(self.sockets), port=self.port, user=ADMIN, dbname=database)
        con.autocommit = True
        return con

    def admin_sql(self, sql: str, params=None, database: str = "postgres") -> list[tuple]:
        if database == "postgres":
            if self._admin is None or self._admin.closed:
                self._admin = self.admin()
            con = self._admin
        else:
            con = self.admin(database)
        try:
            with con.cursor() as cur:
                cur.execute(sql, params)
                return cur.fetchall() if cur.description else []
        finally:
            if con is not self._admin:
                con.close()

    def remember_password(self, user: str, password: str) -> None:
        """Add a line to the pgpass file libpq reads: how a member's password reaches the driver."""
        self._passwords[user] = password
        esc = user.replace("\\", "\\\\").replace(":", "\\:")
        with self.pgpass.open("a", encoding="utf-8") as fh:
            fh.write(f"127.0.0.1:{self.port}:*:{esc}:{password}\n")

    def known_logins(self) -> set[str]:
        return set(self._passwords)

    def password_of(self, user: str) -> str:
        return self._passwords[user]

    def new_database(self, prefix: str = "project", owner: str = OWNER) -> str:
        self._counter += 1
        name = f"{prefix}_{os.getpid()}_{self._counter}_{int(time.time() * 1000) % 100000}"
        self.admin_sql(f'CREATE DATABASE "{name}" OWNER "{owner}" TEMPLATE template0')
        return name

    def url(self, database: str, user: str = OWNER) -> str:
        """A location without a password (libpq finds it in the pgpass file)."""
        return f"postgresql://{quote(user, safe='')}@127.0.0.1:{self.port}/{quote(database, safe='')}"


def start_server() -> TestServer | None:
    bindir = binaries()
    if bindir is None:
        return None
    return TestServer(bindir).start()
