"""One member of a team, in a process of its own: `python worker.py ROLE URL`. Prints one JSON line
with what it did and what the server refused."""

from __future__ import annotations

import json
import sys

from annotator.core.errors import RefusedError
from annotator.services import Project


def main(role: str, url: str) -> int:
    done: dict = {"role": role, "refused": [], "tags": []}
    with Project.open(url) as p:
        me, server_role = p.team.me()
        done["me"], done["server_role"] = me.name, server_role
        cat = p.codebook.find("破坏性利用")
        if role == "owner":
            done["category"] = p.codebook.add("团队新类别").categories_added[0].name
        elif role == "annotator":
            for start in (0, 5, 10):
                done["tags"].append(
                    p.annotations.add(1, start, start + 4, cat.id, me.id).annotations_added[0].uuid
                )
            try:
                p.codebook.rename(cat.id, "改名")
            except RefusedError:
                done["refused"].append("codebook")
        elif role == "adjudicator":
            names = {a.name: a.id for a in p.annotators.list()}
            agreed = p.review.accept_agreements(names["甲"], names["乙"], me.id).annotations_added
            done["tags"] = [a.uuid for a in agreed]
            theirs = [t for t in p.annotations.list() if t.annotator_id == names["甲"]]
            try:
                p.annotations.remove(theirs[0].id)
            except RefusedError:
                done["refused"].append("tag")
    print(json.dumps(done, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
