"""Full-text search of normative documents at scale: indexing throughput, search latency, and
hit overlap with a plain LIKE '%…%' scan, on SQLite (FTS5) and PostgreSQL (tsvector + GIN).

    .venv/bin/python benchmarks/normdocs_search.py --scale 100000 --database both

Each database run happens in its own process (Django is configured once per process) against a
throwaway database: a temp SQLite file, or PostgreSQL database `bench_normdocs` (dropped after).
`--keep` keeps the corpus instead (`$TMPDIR/fazhi-bench-normdocs/`, database `bench_normdocs`) and
a later `--keep` run of the same scale searches it again without re-indexing.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _setup import ROOT, count_queries, database_url, percentile, print_table, setup_django

ONE_WORD = ["复议", "宅基地", "补贴", "听证", "营商环境", "应急预案", "维修资金", "欠薪"]
MULTI_WORD = ["行政复议 决定书", "农村 宅基地 审批", "专项资金 绩效评价", "大气污染 扬尘"]
# A year, newest first: its documents all lie 23 years back, the worst case for a walk.
OLD_ONLY = ["2003"]
REPEAT = 15
REPEAT_LIKE = 5  # the scan takes seconds at 100,000 documents
os.environ.setdefault("FAZHI_SECRET_KEY", os.urandom(32).hex())  # PostgreSQL settings require one
KEPT_SQLITE = Path(tempfile.gettempdir()) / "fazhi-bench-normdocs" / "bench_normdocs.sqlite3"


def _load(scale: int) -> tuple[float, float]:
    from django.db import connection
    from normdocs_corpus import generate

    from fazhi.core.models import User
    from fazhi.core.services import directory_load
    from fazhi.normdocs import services
    from fazhi.normdocs.importing import RegistryRow

    actor = User.objects.create(username="bench", is_superuser=True, is_staff=True)
    directory_load(path=ROOT / "fazhi" / "core" / "data" / "tianzhen.json", actor=actor)
    rows = [RegistryRow(source=str(i), **doc) for i, doc in enumerate(generate(scale))]
    start = time.perf_counter()
    report = services.normdoc_import(actor=actor, rows=rows, batch_size=2000)
    seconds = time.perf_counter() - start
    assert not report.failed, report.failed[:3]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE normdocs_documentsearchentry")
            cursor.execute("VACUUM ANALYZE normdocs_normativedocument")
    return seconds, len(report.created) / seconds


def _timings(fn, repeat: int = REPEAT) -> list[float]:
    fn()  # warm the cache once; a county server answers repeated queries
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return samples


def _fmt(samples: list[float]) -> str:
    return f"{statistics.median(samples) * 1000:8.1f} {percentile(samples, 95) * 1000:8.1f}"


def _measure(scale: int, *, reuse: bool) -> None:
    from django.core.paginator import Paginator
    from django.db import connection

    from fazhi.normdocs import search, segment, selectors
    from fazhi.normdocs.models import NormativeDocument

    vendor = connection.vendor
    existing = NormativeDocument.objects.count()
    if reuse and existing == scale:
        print(f"\n## {vendor}: reusing the kept corpus of {scale} documents (indexing not timed)")
    else:
        assert not existing, f"the kept database holds {existing} documents, not {scale}"
        seconds, rate = _load(scale)
        rows = [
            (
                f"indexing {scale} documents",
                f"{seconds:.1f} s",
                f"{rate:.0f} docs/s (segmentation + insert + index)",
            )
        ]
        print_table(f"{vendor}: indexing", rows)

    def index_page(q, **filters):
        results, _ = selectors.public_search(q=q, **filters)
        page = Paginator(results, 20).get_page(1)
        return [d.pk for d in page.object_list], page.paginator.count

    def first_search(q, **filters):
        """A page with no hint left by an earlier search of the words (search.HINTS)."""
        search.HINTS.clear()
        return index_page(q, **filters)

    def like_page(words):
        sql, params = search.like_sql(words, candidates_sql=None)
        return search.run(sql, params, limit=20), search.count(sql, params)

    def plan_ms(tokens, results) -> dict[str, float]:
        """Median ms of each plan's bare SQL for the first page (count + page), no Python.

        A probe looks at the window the page gives it (search.probe_window); "one pass" is the
        count and the page in one query (search.one_pass_sql), what a page runs on PostgreSQL
        once a search of the same words has counted no more than RANK_LIMIT hits.
        """
        order = "-published_on" if results.by_date else results.order
        plans = list(search.Plan) if order != "rank" else [search.Plan.HITS_FIRST]
        found, rows, _ = results.frequency()
        window = search.probe_window(found, rows, 20)
        out, pages = {}, {}
        for plan in plans:
            sql, params, _, _ = search.match_sql(
                tokens, filter_sql=None, order=order, plan=plan, window=window
            )

            def bare(sql=sql, params=params):
                search.frequency(tokens, filter_sql=None, cap=selectors.RANK_LIMIT + 1)
                return [i for i, _ in search.run(sql, params, limit=20)]

            pages[plan] = bare()
            name = str(plan) if order != "rank" else "rank"
            if len(pages[plan]) < min(20, results.count()):
                del pages[plan]  # a probe whose window held too few: the page asks again
                name += " (too few)"
            out[name] = statistics.median(_timings(bare, 5)) * 1000
        if search.one_pass_available() and not results.by_date and found <= selectors.RANK_LIMIT:
            sql, params = search.one_pass_sql(
                tokens, filter_sql=None, order=order, cap=selectors.RANK_LIMIT + 1
            )

            def one(sql=sql, params=params):
                return [i for i, _ in search.run(sql, params)]

            pages["one pass"] = one()
            out["one pass"] = statistics.median(_timings(one, 5)) * 1000
        assert len({tuple(p) for p in pages.values()}) == 1, f"plans disagree: {pages}"
        return out

    header = (
        "query",
        "kind",
        "index hits",
        "LIKE hits",
        "overlap",
        "plan",
        "bare SQL per plan ms (floor: the least)",
        "index med/p95 ms",
        "first search med/p95 ms",
        "LIKE med/p95 ms",
        "LIKE p95 / index p95",
        "LIKE p95 / first p95",
        "queries/page",
    )
    table = [header]
    for kind, queries in (
        ("one word", ONE_WORD),
        ("multi-word", MULTI_WORD),
        ("old documents only", OLD_ONLY),
    ):
        for q in queries:
            tokens = segment.query_tokens(q)
            index_sql, index_params, _, _ = search.match_sql(tokens, filter_sql=None)
            index_ids = {i for i, _ in search.run(index_sql, index_params)}
            like_ids = {i for i, _ in search.run(*search.like_sql(q.split(), candidates_sql=None))}
            overlap = f"{len(index_ids & like_ids) / len(like_ids):.1%}" if like_ids else "n/a"
            order = "-published_on" if kind == "old documents only" else "rank"
            results, _ = selectors.public_search(q=q, order=order)
            found, size, stopped = results.frequency()
            dated = results.by_date or order != "rank"
            chosen = search.plan(found, size, 20, stopped=stopped) if dated else "rank"
            bare = plan_ms(tokens, results)
            _, queries_per_page = count_queries(lambda q=q, o=order: index_page(q, order=o))
            index_samples = _timings(lambda q=q, o=order: index_page(q, order=o))
            first_samples = _timings(lambda q=q, o=order: first_search(q, order=o))
            assert first_search(q, order=order) == index_page(q, order=order), q
            like_samples = _timings(lambda q=q: like_page(q.split()), REPEAT_LIKE)
            ratio = percentile(like_samples, 95) / percentile(index_samples, 95)
            table.append(
                (
                    q,
                    kind,
                    len(index_ids),
                    len(like_ids),
                    overlap,
                    chosen,
                    " ".join(f"{k} {v:.1f}" for k, v in bare.items()),
                    _fmt(index_samples),
                    _fmt(first_samples),
                    _fmt(like_samples),
                    f"{ratio:.1f}x",
                    f"{percentile(like_samples, 95) / percentile(first_samples, 95):.1f}x",
                    queries_per_page,
                )
            )
    issuer = NormativeDocument.objects.values_list("issuer_id", flat=True).first()
    _, queries_per_page = count_queries(lambda: index_page("复议", issuer=issuer, year=2020))
    hits = index_page("复议", issuer=issuer, year=2020)[1]
    filtered = _timings(lambda: index_page("复议", issuer=issuer, year=2020))
    table.append(
        (
            "复议 + issuer + year",
            "filtered",
            hits,
            "",
            "",
            "",
            "",
            _fmt(filtered),
            _fmt(_timings(lambda: first_search("复议", issuer=issuer, year=2020))),
            "",
            "",
            "",
            queries_per_page,
        )
    )
    numbers = random.Random(7).sample(
        list(NormativeDocument.objects.values_list("doc_number", flat=True)[:5000]), 5
    )
    index_samples, like_samples = [], []
    for number in numbers:
        loose = number.replace("〔", "[").replace("〕", "]")
        index_samples += _timings(lambda n=loose: index_page(n))
        like_samples += _timings(lambda n=number: like_page([n]), 1)
        assert index_page(loose)[1] == 1, number
    _, queries_per_page = count_queries(lambda: index_page(numbers[0]))
    table.append(
        (
            "5 文号 (typed with [])",
            "文号",
            "1 each",
            "1 each",
            "100%",
            "exact 文号",
            "",
            _fmt(index_samples),
            "",
            _fmt(like_samples),
            f"{percentile(like_samples, 95) / percentile(index_samples, 95):.1f}x",
            "",
            queries_per_page,
        )
    )
    print_table(
        f"{vendor}: search over {scale} documents (first page of 20 + count; index {REPEAT} runs, LIKE {REPEAT_LIKE} runs, each after one warm-up)",
        table,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=100_000)
    parser.add_argument("--database", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument(
        "--database-url", default="", help="use this database instead of a throwaway one"
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the corpus; a later --keep run reuses it"
    )
    args = parser.parse_args()
    if args.database == "both" and not args.database_url:
        for vendor in ("sqlite", "postgresql"):
            keep = ["--keep"] if args.keep else []
            subprocess.run(
                [sys.executable, __file__, "--scale", str(args.scale), "--database", vendor, *keep],
                check=True,
            )
        return
    url = args.database_url or (_kept(args.database) if args.keep else "")
    url = url or database_url(args.database, "bench_normdocs")
    print(f"# normdocs search benchmark: {args.database}, {args.scale} documents")
    setup_django(url)
    try:
        _measure(args.scale, reuse=bool(args.keep or args.database_url))
    finally:
        if args.database == "postgresql" and not args.database_url and not args.keep:
            from django.db import connections

            connections.close_all()
            import psycopg

            base = os.environ.get("FAZHI_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
            with psycopg.connect(base, autocommit=True) as conn:
                conn.execute('DROP DATABASE IF EXISTS "bench_normdocs"')


def _kept(vendor: str) -> str:
    """The kept corpus's database, created empty the first time."""
    if vendor == "sqlite":
        KEPT_SQLITE.parent.mkdir(exist_ok=True)
        return f"sqlite:///{KEPT_SQLITE}"
    import psycopg

    base = os.environ.get("FAZHI_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
    with psycopg.connect(base, autocommit=True) as conn:
        found = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = 'bench_normdocs'"
        ).fetchone()
        if not found:
            conn.execute('CREATE DATABASE "bench_normdocs"')
    return base.rsplit("/", 1)[0] + "/bench_normdocs"


if __name__ == "__main__":
    main()
