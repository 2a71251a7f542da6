"""A seeded project for the intake benchmarks (import_files.py, merge_project.py), and the floors they
are measured against in the same run.

The project: 200 documents of 20,000 characters of Chinese legal wording (a few characters outside
the BMP), 100,000 tags from 3 annotators over the bundled codebook, some with memos, many overlapping.

Floors, each with plain `sqlite3` on a fresh project file of the same schema:
- `rows_floor`: the same tags inserted with one `executemany` in one transaction (no matching, no
  checks): what writing them costs at least;
- `documents_floor`: the same document texts inserted likewise; the project's full-text index (FTS5
  trigram, a trigger on the document table) indexes them as they go in, and that indexing is most of
  what a new document costs.
"""

from __future__ import annotations

import random
import sqlite3
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from annotator import store  # noqa: E402
from annotator.core.context import CONTEXT_CHARS  # noqa: E402
from annotator.core.model import new_uuid  # noqa: E402
from annotator.services import Project  # noqa: E402

SEED = 20261202
COMMON = (
    "本院认为原告被告诉称数据权益平台用户竞争不正当行为构成侵害赔偿损失请求依照规定条款审理查明事实证据"
    "软件微信群控营销账号经营信息商业道德秩序合法授权使用收集利用保护个人隐私法律责任民事诉讼"
)
PUNCT = "，，。、；：“”（）"


def make_text(rng: random.Random, chars: int) -> str:
    out, n = [], 0
    while n < chars:
        para = "".join(
            rng.choice(COMMON) if rng.random() > 0.08 else rng.choice(PUNCT)
            for _ in range(rng.randint(80, 300))
        )
        if rng.random() < 0.2:
            para = "𠮷" + para
        out.append(para + "。")
        n += len(para) + 2
    return "\n".join(out)[:chars]


def build(
    path: Path, *, docs: int = 200, tags_n: int = 100_000, chars: int = 20_000, seed: int = SEED
) -> Project:
    rng = random.Random(seed)
    project = Project.create(path)
    users = [project.annotators.ensure(n) for n in ("张三", "李四", "王五")]
    cats = project.codebook.list()
    with store.project.transaction():
        infos = [
            store.documents.insert_document(
                title=f"判决 {i:03d}", text=make_text(rng, chars), meta={"court": "某法院", "n": i}
            )
            for i in range(docs)
        ]
    texts = {d.id: project.documents.get(d.id).text for d in infos}
    rows = []
    for i in range(tags_n):
        d = infos[i % docs]
        text = texts[d.id]
        s = rng.randrange(0, len(text) - 200)
        e = s + rng.randint(4, 120)
        rows.append(
            {
                "uuid": new_uuid(),
                "document_id": d.id,
                "annotator_id": rng.choice(users).id,
                "category_id": rng.choice(cats).id,
                "start": s,
                "end": e,
                "text": text[s:e],
                "before": text[max(0, s - CONTEXT_CHARS) : s],
                "after": text[e : e + CONTEXT_CHARS],
                "memo": "备忘：此段论述数据权益。" if rng.random() < 0.1 else "",
            }
        )
    with store.project.transaction():
        store.tags.insert_annotations(rows)
    return project


def copy_documents(source: Path, target: Project) -> None:
    """Give `target` (the open project) the documents of the project file `source` (same uuids and
    texts): a project that already holds what the file's tags are about, so that only the tags are new."""
    with store.project.transaction():
        for info in source_documents(source):
            store.documents.insert_document(title=info["title"], text=info["text"], uuid=info["uuid"])


def source_documents(path: Path) -> list[dict]:
    con = sqlite3.connect(str(path))
    try:
        return [
            {"uuid": u, "title": t, "text": x}
            for u, t, x in con.execute("SELECT uuid, title, text FROM document ORDER BY id")
        ]
    finally:
        con.close()


def _fresh_file(folder: Path, name: str) -> Path:
    path = folder / name
    for old in folder.glob(name + "*"):
        old.unlink()
    Project.create(path).close()
    return path


def rows_floor(source: Path, folder: Path) -> float:
    """ms to insert every tag of `source` (and its documents, without indexing them) with plain
    `executemany` into a fresh project file."""
    con_src = sqlite3.connect(str(source))
    docs = con_src.execute("SELECT id, uuid, title, text, sha256, length FROM document").fetchall()
    users = con_src.execute("SELECT id, uuid, name, created FROM annotator").fetchall()
    rows = con_src.execute(
        'SELECT uuid, document_id, annotator_id, category_id, start, "end", text, before, '
        "after, memo, created, updated FROM annotation"
    ).fetchall()
    con_src.close()
    con = sqlite3.connect(str(_fresh_file(folder, "floor-rows.sqlite")))
    con.execute("DROP TRIGGER document_fts_insert")  # documents only as the tags' foreign keys here
    con.executemany(
        "INSERT INTO document (id, uuid, title, text, sha256, length, source_name, source_format, meta,"
        " imported_at) VALUES (?, ?, ?, ?, ?, ?, '', '', '{}', '')",
        docs,
    )
    con.executemany("INSERT OR IGNORE INTO annotator (id, uuid, name, created) VALUES (?, ?, ?, ?)", users)
    con.commit()
    t = time.perf_counter()
    with con:
        con.executemany(
            'INSERT INTO annotation (uuid, document_id, annotator_id, category_id, start, "end", text, '
            "before, after, memo, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    ms = (time.perf_counter() - t) * 1000
    con.close()
    return ms


def documents_floor(source: Path, folder: Path) -> float:
    """ms to insert the documents of `source` with plain `executemany` into a fresh project file,
    its full-text index indexing them."""
    con_src = sqlite3.connect(str(source))
    docs = con_src.execute("SELECT uuid, title, text, sha256, length FROM document").fetchall()
    con_src.close()
    con = sqlite3.connect(str(_fresh_file(folder, "floor-docs.sqlite")))
    t = time.perf_counter()
    with con:
        con.executemany(
            "INSERT INTO document (uuid, title, text, sha256, length, source_name, source_format, meta,"
            " imported_at) VALUES (?, ?, ?, ?, ?, '', '', '{}', '')",
            docs,
        )
    ms = (time.perf_counter() - t) * 1000
    con.close()
    return ms


def random_tags(
    project: Project, doc_id: int, text: str, count: int, rng: random.Random, prefix: str
) -> None:
    """`count` tags of 4–120 characters at random places in one document (`text` is its text), by
    "bench" in the first 8 categories, written straight into the tag table: a large tagged document
    for the opening and team-server benchmarks, made in seconds."""
    from annotator.store.models import Annotation

    me = project.annotators.ensure("bench")
    cats = [c.id for c in project.codebook.list()][:8]
    now = store.rows.stamp()
    rows = []
    for i in range(count):
        s = rng.randrange(0, len(text) - 200)
        e = s + rng.randint(4, 120)
        rows.append(
            {
                "uuid": f"{prefix}{i}",
                "document": doc_id,
                "annotator": me.id,
                "category": rng.choice(cats),
                "start": s,
                "end": e,
                "text": text[s:e],
                "before": text[max(0, s - 20) : s],
                "after": text[e : e + 20],
                "memo": "",
                "created": now,
                "updated": now,
            }
        )
    with store.project.transaction():
        for j in range(0, count, 2000):
            Annotation.insert_many(rows[j : j + 2000]).execute()


def floors(source: Path, folder: Path, tags: int) -> dict[str, float]:
    """Both floors of a bulk write, measured and printed: the tag rows (median of 3) and the documents."""
    out = {
        "rows_floor_ms": round(statistics.median(rows_floor(source, folder) for _ in range(3))),
        "documents_floor_ms": round(documents_floor(source, folder)),
    }
    print(
        f"floor: {tags:,} tag rows with executemany {out['rows_floor_ms']} ms; "
        f"200 documents with their full-text index {out['documents_floor_ms']} ms"
    )
    return out


def timed(fn) -> tuple[float, object]:
    t = time.perf_counter()
    value = fn()
    return (time.perf_counter() - t) * 1000, value
