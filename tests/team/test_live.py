"""Live team work: members in their own processes on one real server, rights enforced, each one's
commits heard by the others at once; a lost connection is a clear message and never half a change."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from annotator.core.errors import ConnectionLostError
from annotator.services import Project

WORKER = Path(__file__).with_name("worker.py")


def _collect(sub, until, timeout: float = 10.0) -> list:
    seen, end = [], time.monotonic() + timeout
    while time.monotonic() < end and not until(seen):
        seen += sub.changes(wait=0.2)
    return seen


def test_a_team_of_three_processes_on_one_server(team):
    with Project.open(team.url("乙")) as b:  # 乙 tags first, in this process, and then listens
        me, _ = b.team.me()
        cat = b.codebook.find("破坏性利用")
        for start in (0, 5):
            b.annotations.add(1, start, start + 4, cat.id, me.id)
        sub = b.live.subscribe()
        assert sub.changes(wait=0.3) == []  # its own commits are not news to it
        results = {}
        for role, user in (("owner", "team_owner"), ("annotator", "甲"), ("adjudicator", "丙")):
            out = subprocess.run(
                [sys.executable, str(WORKER), role, team.url(user)],
                capture_output=True,
                text=True,
                timeout=120,
            )
            assert out.returncode == 0, out.stderr
            results[role] = json.loads(out.stdout.strip().splitlines()[-1])
        assert results["owner"]["server_role"] == "owner" and results["owner"]["category"] == "团队新类别"
        assert results["annotator"]["refused"] == ["codebook"] and len(results["annotator"]["tags"]) == 3
        assert results["adjudicator"]["refused"] == ["tag"] and len(results["adjudicator"]["tags"]) == 2

        seen = _collect(
            sub,
            lambda s: (
                {(c.table, c.by) for c in s}
                >= {
                    ("category", "team_owner"),
                    ("annotation", "甲"),
                    ("annotation", "丙"),
                    ("adjudication", "丙"),
                }
            ),
        )
        kinds = {(c.table, c.op, c.by) for c in seen}
        assert ("category", "INSERT", "team_owner") in kinds
        assert ("annotation", "INSERT", "甲") in kinds
        assert ("adjudication", "INSERT", "丙") in kinds
        assert all(c.documents in ((), (1,)) for c in seen)
        assert not any(c.by == "乙" for c in seen)
        sub.close()
        # Everything each one committed is there, and nothing that was refused.
        tags = b.annotations.list()
        uuids = {t.uuid for t in tags}
        assert set(results["annotator"]["tags"]) <= uuids and set(results["adjudicator"]["tags"]) <= uuids
        assert b.codebook.find("破坏性利用").name == "破坏性利用"
        assert len(tags) == 2 + 3 + 2


def _terminate(server, database: str, application: str = "judgment-annotator") -> int:
    rows = server.admin_sql(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s "
        "AND application_name LIKE %s",
        (database, application + "%"),
    )
    return len(rows)


def test_a_lost_connection_is_reported_and_the_next_action_reconnects(team):
    with Project.open(team.url("甲")) as a:
        me, _ = a.team.me()
        cat = a.codebook.find("破坏性利用")
        sub = a.live.subscribe()
        assert _terminate(team.server, team.database) >= 2  # the project's and the listener's connections
        with pytest.raises(ConnectionLostError, match="lost"):
            _collect(sub, lambda s: False, timeout=5)
        sub.close()
        # The project's own connection is opened again when the next transaction begins: nothing had
        # been sent on the broken one, so the action simply goes through.
        added = a.annotations.add(1, 0, 4, cat.id, me.id).annotations_added[0]
        assert a.live.reachable()
        # Broken in the middle of a change: the server rolls it back and the member is told.
        from annotator import store

        with pytest.raises(ConnectionLostError, match="nothing was changed"), store.project.transaction():
            a.annotations.remove(added.id)
            _terminate(team.server, team.database)
            time.sleep(0.2)
            a.annotations.add(1, 5, 9, cat.id, me.id)
        assert [t.uuid for t in a.annotations.list()] == [added.uuid]
