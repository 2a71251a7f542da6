"""Corpus work at scale: importing judgments (with structure detection and the search index), the
project file's size, search latency to the first 100 KWIC hits, coded-segment retrieval over 100,000
tags and the statistics refresh, each against a simple baseline measured in the same process.

Run:  .venv/bin/python benchmarks/corpus.py [--docs 1000] [--chars 30000] [--tags 100000]

The corpus is generated from a seed: judgment-like documents (header, parties, procedure, claims, facts,
reasoning with statute citations, decision, signatures) of about `--chars` characters each, built from
a pool of legal sentences with varied names, numbers and dates, so that common words are common and
rare ones rare. Baselines:
- import: the same texts inserted into a bare SQLite table (no detection, no index) with executemany;
- search: a plain Python scan (`str.find` over every text read from the file) until 100 hits;
- segments: reading the same annotation rows with one SQL query, no joins or filters.

The last line is machine-readable: `RESULT key=value ...` (times in ms, sizes in MB, plain ratios).
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from annotator.core.model import new_uuid  # noqa: E402
from annotator.services import Project  # noqa: E402
from annotator.store import search as search_store  # noqa: E402
from annotator.store.models import Annotation  # noqa: E402

SEED = 20241128
PROVINCES = ["浙", "京", "沪", "粤", "苏", "川", "鄂", "鲁"]
CITIES = ["明川", "南屿", "北湖", "东临", "西岭", "青浦", "云泽", "临江"]
COMPANIES = ["数据科技", "网络技术", "信息服务", "智能科技", "软件开发", "电子商务", "云计算", "文化传媒"]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
CAUSES = [
    "不正当竞争纠纷",
    "网络侵权责任纠纷",
    "计算机软件著作权侵权纠纷",
    "个人信息保护纠纷",
    "网络服务合同纠纷",
]
STATUTES = [
    ("反不正当竞争法", 30),
    ("民法典", 1260),
    ("个人信息保护法", 74),
    ("著作权法", 67),
    ("数据安全法", 55),
    ("网络安全法", 79),
    ("电子商务法", 89),
    ("民事诉讼法", 300),
]
CN_DIGITS = "零一二三四五六七八九"
SENTENCES = [
    "{a}通过网络爬虫技术大规模抓取{b}平台的用户评论数据，并在其产品中直接展示。",
    "平台经过长期经营积累形成的数据资源，具有商业价值，能够为经营者带来竞争优势。",
    "用户对其个人信息享有知情权和决定权，平台处理个人信息应当取得用户的同意。",
    "被诉行为违反了诚实信用原则和公认的商业道德，扰乱了市场竞争秩序。",
    "{a}辩称其行为属于技术创新，数据均来源于公开渠道，不构成不正当竞争。",
    "技术本身中立，但利用技术实施破坏他人合法经营的行为，不能以技术创新为由免责。",
    "双方在用户注意力和交易机会上存在此消彼长的竞争关系。",
    "{b}为证明其损失，提交了审计报告、用户流量统计及相关合同，{a}对真实性无异议。",
    "本案中，{a}的行为实质性替代了{b}提供的部分服务，损害了其合法权益。",
    "数据携带权的行使应以用户本人的真实意愿为前提，不得被经营者借用为批量获取数据的手段。",
    "平台对其投入劳动收集、整理、加工的数据集合享有竞争性权益，受法律保护。",
    "{a}在{b}设置访问频率限制后，仍通过更换IP地址等方式规避技术措施。",
    "综合考虑侵权行为的性质、持续时间、主观过错程度以及{b}的维权合理开支，酌情确定赔偿数额。",
    "经查，{a}于{y}年{m}月至{y2}年{m2}月期间共抓取数据{n}万余条。",
    "证人{p}出庭作证，证明涉案数据系通过自动化程序批量获取。",
    "依照{s}第{art}条的规定，经营者不得利用技术手段妨碍其他经营者合法提供的网络产品正常运行。",
    "该法第{art2}条规定了经营者在生产经营活动中应当遵循的基本原则。",
    "关于赔偿数额，{b}主张的经济损失{n}万元缺乏充分证据，本院不予全部支持。",
    "个人数据安全是数据利用的底线，任何经营者不得以非法方式获取、出售或者提供个人信息。",
    "当事人对自己提出的主张，有责任提供证据，未能提供证据的应当承担不利后果。",
]
RARE = "群控软件批量养号"  # put into exactly one document: a query the index answers without a scan


def cn_number(n: int) -> str:
    """1035 -> 一千零三十五, 17 -> 十七 (as judgments write article numbers)."""
    if n < 10:
        return CN_DIGITS[n]
    if n < 20:
        return "十" + (CN_DIGITS[n % 10] if n % 10 else "")
    out, gap, started = "", False, False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十")):
        d = n // value % 10
        if d:
            out += ("零" if gap and started else "") + CN_DIGITS[d] + unit
            started, gap = True, False
        elif started:
            gap = True
    if n % 10:
        out += ("零" if gap else "") + CN_DIGITS[n % 10]
    return out


def company(rng: random.Random) -> str:
    return f"{rng.choice(CITIES)}{rng.choice(SURNAMES)}{rng.choice(SURNAMES)}{rng.choice(COMPANIES)}有限公司"


def judgment(rng: random.Random, i: int, chars: int) -> str:
    prov, city = rng.choice(PROVINCES), rng.choice(CITIES)
    year = rng.randint(2016, 2023)
    court = f"{city}市{'互联网' if rng.random() < 0.3 else rng.choice(['云湖区', '临溪区', '中级'])}人民法院"
    second = "中级" in court
    kind = "民终" if second else "民初"
    a, b = company(rng), company(rng)
    short_a, short_b = a[2:4] + "公司", b[2:4] + "公司"
    cause = rng.choice(CAUSES)
    roles = ("上诉人（原审被告）", "被上诉人（原审原告）") if second else ("被告", "原告")
    lines = [
        court,
        "民事判决书",
        f"（{year}）{prov}{rng.randint(1, 9999):04d}{kind}{rng.randint(1, 20000)}号",
        f"{roles[1]}：{b}，住所地{city}市某路{rng.randint(1, 999)}号。",
        f"法定代表人：{rng.choice(SURNAMES)}某，该公司经理。",
        f"{roles[0]}：{a}，住所地{city}市某路{rng.randint(1, 999)}号。",
        f"委托诉讼代理人：{rng.choice(SURNAMES)}某某，某某律师事务所律师。",
        f"原告{b}（以下简称{short_b}）与被告{a}（以下简称{short_a}）{cause}一案，本院依法审理。本案现已审理终结。",
        f"{short_b}向本院提出诉讼请求：判令{short_a}停止侵权并赔偿经济损失。",
        f"{short_a}辩称：其行为不构成侵权，请求驳回全部诉讼请求。",
        "经审理查明：",
    ]
    body_budget = chars - 600
    parts = {"facts": body_budget * 0.35, "reasoning": body_budget * 0.55}
    for section, budget in parts.items():
        if section == "reasoning":
            lines.append("本院认为，本案的争议焦点在于被诉行为是否构成不正当竞争。")
        size, para = 0, []
        while size < budget:
            statute, top = rng.choice(STATUTES)
            s = rng.choice(SENTENCES).format(
                a=short_a,
                b=short_b,
                y=year - 2,
                m=rng.randint(1, 12),
                y2=year - 1,
                m2=rng.randint(1, 12),
                n=rng.randint(1, 500),
                p=rng.choice(SURNAMES) + "某",
                s=f"《中华人民共和国{statute}》",
                art=cn_number(rng.randint(1, top)),
                art2=cn_number(rng.randint(1, top)),
            )
            para.append(s)
            size += len(s)
            if len(para) >= rng.randint(3, 8):
                lines.append("".join(para))
                para = []
        if para:
            lines.append("".join(para))
    if i == 7:
        lines.append(f"另查明，{short_a}曾使用{RARE}工具。")
    statute, top = rng.choice(STATUTES)
    lines += [
        f"依照《中华人民共和国{statute}》第{cn_number(rng.randint(1, top))}条、第{cn_number(rng.randint(1, top))}条之规定，判决如下：",
        f"一、{a}于本判决生效之日起立即停止侵权行为；",
        f"二、{a}于本判决生效之日起十日内赔偿{b}经济损失{rng.randint(1, 300)}万元。",
        "审判长　" + rng.choice(SURNAMES) + "某",
        "审判员　" + rng.choice(SURNAMES) + "某",
        f"二〇{CN_DIGITS[(year + 1) // 10 % 10]}{CN_DIGITS[(year + 1) % 10]}年{cn_number(rng.randint(1, 12))}月{cn_number(rng.randint(1, 28))}日",
        "书记员　" + rng.choice(SURNAMES) + "某",
    ]
    return "\n".join(lines) + "\n"


def timed(fn, repeat: int = 5) -> tuple[float, object]:
    """Median wall time in ms over `repeat` runs, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), result


def python_scan(db_path: Path, term: str, limit: int = 100) -> int:
    """The baseline: read the texts and find the term with str.find, stopping at `limit` hits."""
    con = sqlite3.connect(str(db_path))
    hits = 0
    try:
        for (text,) in con.execute("SELECT text FROM document WHERE removed_at IS NULL ORDER BY id"):
            i = text.find(term)
            while i >= 0:
                hits += 1
                if hits >= limit:
                    return hits
                i = text.find(term, i + 1)
    finally:
        con.close()
    return hits


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--chars", type=int, default=30000)
    ap.add_argument("--tags", type=int, default=100_000)
    args = ap.parse_args()
    rng = random.Random(SEED)
    tmp = Path(tempfile.mkdtemp(prefix="corpus-bench-"))
    files = tmp / "texts"
    files.mkdir()

    t0 = time.perf_counter()
    texts = [judgment(rng, i, args.chars) for i in range(args.docs)]
    paths = []
    for i, text in enumerate(texts):
        p = files / f"judgment-{i:04d}.txt"
        p.write_text(text, encoding="utf-8")
        paths.append(p)
    total_chars = sum(len(t) for t in texts)
    text_bytes = sum(len(t.encode("utf-8")) for t in texts)
    print(
        f"generated {args.docs} documents, {total_chars:,} characters ({text_bytes / 1e6:.1f} MB UTF-8) "
        f"in {time.perf_counter() - t0:.1f} s"
    )

    # Baseline import: the bare texts into a bare table, one transaction.
    base_path = tmp / "baseline.sqlite"
    con = sqlite3.connect(str(base_path))
    t0 = time.perf_counter()
    con.execute("CREATE TABLE document (id INTEGER PRIMARY KEY, text TEXT)")
    with con:
        con.executemany(
            "INSERT INTO document (text) VALUES (?)", [(p.read_text(encoding="utf-8"),) for p in paths]
        )
    base_import_s = time.perf_counter() - t0
    con.close()

    # Import through the service (file loading, structure detection, index), in batches of 50 files.
    project_path = tmp / "corpus.sqlite"
    project = Project.create(project_path)
    t0 = time.perf_counter()
    for i in range(0, len(paths), 50):
        project.documents.import_files(paths[i : i + 50])
    import_s = time.perf_counter() - t0
    rate = total_chars / import_s
    print(
        f"import: {import_s:.1f} s, {rate / 1000:.0f}k characters/s (bare SQLite insert: {base_import_s:.2f} s, "
        f"{import_s / base_import_s:.0f}x)"
    )
    docs = project.documents.list()
    found = sum(1 for d in docs if d.meta.get("case_number"))
    print(f"structure: case number found in {found}/{len(docs)} documents")

    project._db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    file_mb = project_path.stat().st_size / 1e6
    index_mb = (search_store.index_size() or 0) / 1e6
    print(
        f"file: {file_mb:.1f} MB for {text_bytes / 1e6:.1f} MB of text ({file_mb * 1e6 / text_bytes:.2f}x); "
        f"search index {index_mb:.1f} MB ({index_mb * 1e6 / text_bytes:.2f}x the text)"
    )

    queries = {
        "q1": "权",
        "q2": "数据",
        "q3": "竞争法",
        "q6": "违反了诚实信",
        "phrase": '"反不正当竞争法》第二条"',
        "rare": RARE,
    }
    results: dict[str, tuple[float, float]] = {}
    for key, q in queries.items():
        ms, res = timed(lambda q=q: project.search.search(q, limit=100))
        term = q.strip('"')
        base_ms, base_hits = timed(lambda term=term: python_scan(project_path, term), repeat=3)
        assert len(res.hits) == base_hits, (key, len(res.hits), base_hits)
        results[key] = (ms, base_ms)
        print(
            f"search {key:>6} {q!r:>22}: {ms:7.1f} ms to {len(res.hits)} KWIC hits "
            f"(Python scan {base_ms:7.1f} ms, {base_ms / ms:5.1f}x)"
        )

    # 100,000 tags over the documents, written in bulk (the benchmark is about reading them back).
    me = project.annotators.ensure("bench")
    cats = project.codebook.list()
    parent = next(c for c in cats if c.name == "平台数据资源竞争权益")
    now = "2024-01-01T00:00:00.000+00:00"
    rows = []
    for _ in range(args.tags):
        d = rng.choice(docs)
        s = rng.randrange(0, d.length - 60)
        e = s + rng.randint(5, 60)
        rows.append((new_uuid(), d.id, me.id, rng.choice(cats).id, s, e, "", "", "", "", now, now))
    fields = [
        Annotation.uuid,
        Annotation.document,
        Annotation.annotator,
        Annotation.category,
        Annotation.start,
        Annotation.end,
        Annotation.text,
        Annotation.before,
        Annotation.after,
        Annotation.memo,
        Annotation.created,
        Annotation.updated,
    ]
    with project._db.atomic():
        for i in range(0, len(rows), 5000):
            Annotation.insert_many(rows[i : i + 5000], fields=fields).execute()
    seg_ms, segs = timed(lambda: project.segments.retrieve(parent.id), repeat=3)
    seg_filtered_ms, segs_f = timed(
        lambda: project.segments.retrieve(parent.id, sections=["reasoning"], filters=["year>=2020"]), repeat=3
    )
    base_seg_ms, _ = timed(
        lambda: project._db.execute_sql(
            'SELECT id, document_id, start, "end", text FROM annotation WHERE deleted_at IS NULL'
        ).fetchall(),
        repeat=3,
    )
    print(
        f"segments: {len(segs):,} passages of {parent.name} (with children) out of {args.tags:,} tags in "
        f"{seg_ms:.0f} ms; with section and year filters {len(segs_f):,} in {seg_filtered_ms:.0f} ms "
        f"(one bare SQL read of all tags: {base_seg_ms:.0f} ms, {seg_ms / base_seg_ms:.1f}x)"
    )
    stats_ms, stats = timed(lambda: project.statistics.summary(), repeat=3)
    print(f"statistics refresh: {stats_ms:.0f} ms ({len(stats['cooccurrence'])} co-occurring category pairs)")
    project.close()

    r = results
    print(
        "RESULT "
        + " ".join(
            [
                f"docs={args.docs}",
                f"chars={total_chars}",
                f"import_chars_per_s={rate:.0f}",
                f"import_vs_bare_insert={import_s / base_import_s:.1f}",
                f"file_mb={file_mb:.1f}",
                f"file_vs_text={file_mb * 1e6 / text_bytes:.2f}",
                f"index_vs_text={index_mb * 1e6 / text_bytes:.2f}",
                *(f"search_{k}_ms={v[0]:.1f} search_{k}_vs_scan={v[1] / v[0]:.1f}" for k, v in r.items()),
                f"segments_ms={seg_ms:.0f}",
                f"segments_filtered_ms={seg_filtered_ms:.0f}",
                f"segments_tags={args.tags}",
                f"stats_ms={stats_ms:.0f}",
            ]
        )
    )
    if os.environ.get("KEEP_BENCH") is None:
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
