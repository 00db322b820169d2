"""Party-name search over N penalty cases: bigram index against the LIKE scan it replaces.

.venv/bin/python benchmarks/enforcement_search.py --scale 1000000 --database sqlite
.venv/bin/python benchmarks/enforcement_search.py --scale 1000000 --database postgresql

Cases get realistic Chinese party names (companies of county + town + brand + trade, persons of
2–3 characters). They are bulk-created without index entries, then indexed by
`case_index.backfill` (what the migration runs on existing rows). Each query is timed as the case
list page runs it (count + first page of 20) through `selectors.case_list`, once with the index
and once with the plain LIKE filter (`case_search_like`); agreement compares the full ordered id
lists of both.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import time

from _setup import database_url, percentile, print_table, setup_django
from enforcement_common import load_average, make_bodies

COUNTIES = ["天镇县", "阳高县", "广灵县", "灵丘县", "浑源县", "左云县", "云州区", "平城区"]
TOWNS = ["新平堡镇", "玉泉镇", "谷前堡镇", "米薪关镇", "逯家湾镇", "南河堡乡", "张西河乡", ""]
BRAND = "宁康泰和顺福兴隆昌盛华美佳鑫源达通利丰瑞祥安德信诚恒永宏金鼎辉明晟鸿博远荣嘉"
TRADES = ["食品销售", "餐饮服务", "药品零售", "商贸", "农副产品", "建材", "汽车修理", "百货"]
FORMS = ["有限公司", "有限责任公司", "店", "商行", "经营部", "合作社"]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "小明伟芳娜敏静丽强磊军洋勇艳杰娟涛超秀霞平刚桂英华玉兰"
TITLES = [
    "未取得食品经营许可从事食品经营",
    "销售超过保质期的食品",
    "未按规定公示营业执照",
    "虚假宣传",
    "超标排放大气污染物",
    "超限运输",
]
QUERIES = [
    ("brand fragment", "宁康"),
    ("person, 3 characters", "王小明"),
    ("person, 2 characters", "李敏"),
    ("trade", "食品销售"),
    ("town + brand", "新平堡镇宁康"),
    ("very common: 有限公司", "有限公司"),
    ("no match", "不存在的名称"),
    ("case subject fragment", "保质期"),
]


def party(rng: random.Random) -> tuple[str, str]:
    if rng.random() < 0.6:
        town = rng.choice(TOWNS)
        brand = rng.choice(BRAND) + rng.choice(BRAND)
        return "organisation", rng.choice(COUNTIES) + town + brand + rng.choice(
            TRADES
        ) + rng.choice(FORMS)
    given = rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.7 else "")
    return "person", rng.choice(SURNAMES) + given


def build_cases(n: int, bodies, actors) -> float:
    from fazhi.enforcement.models import PenaltyCase

    rng = random.Random(7)
    today = dt.date.today()
    start = time.perf_counter()
    serials: dict[tuple[int, int], int] = {}
    batch = []
    for i in range(n):
        body = bodies[i % len(bodies)]
        filed = today - dt.timedelta(days=rng.randint(0, 700))
        key = (body.pk, filed.year)
        serials[key] = serials.get(key, 0) + 1
        kind, name = party(rng)
        batch.append(
            PenaltyCase(
                body=body,
                year=filed.year,
                serial=serials[key],
                number=f"{body.case_prefix}〔{filed.year}〕{serials[key]}号",
                title=rng.choice(TITLES),
                party_kind=kind,
                party_name=name,
                party_uscc="",
                stage="filed",
                filed_on=filed,
                filed_by=actors[i % len(actors)],
                decision_due=filed + dt.timedelta(days=90),
            )
        )
        if len(batch) == 10000:
            PenaltyCase.objects.bulk_create(batch)  # no index entries: backfill measured below
            batch.clear()
    PenaltyCase.objects.bulk_create(batch)
    return time.perf_counter() - start


def page(user, query: str, *, index: bool) -> tuple[int, list[int]]:
    """What the case list does: count, then the first 20 rows in list order."""
    from fazhi.enforcement import selectors
    from fazhi.enforcement.models import PenaltyCase

    if index:
        qs = selectors.case_list(user=user, params={"q": query})
    else:
        qs = PenaltyCase.objects.visible_to(user).filter(selectors.case_search_like(query))
    return qs.count(), list(qs.values_list("pk", flat=True)[:20])


def all_ids(user, query: str, *, index: bool) -> list[int]:
    from fazhi.enforcement import selectors
    from fazhi.enforcement.models import PenaltyCase

    if index:
        qs = selectors.case_list(user=user, params={"q": query})
    else:
        qs = PenaltyCase.objects.visible_to(user).filter(selectors.case_search_like(query))
    return list(qs.values_list("pk", flat=True))


def timing(fn, repeats: int) -> tuple[float, float]:
    fn()  # warm-up
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000, percentile(samples, 95) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=1_000_000)
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--like-repeats", type=int, default=5)
    args = parser.parse_args()
    setup_django(database_url(args.database, "bench_enforcement_search"))
    from django.db import connection

    from fazhi.core.choices import Role
    from fazhi.core.models import User
    from fazhi.enforcement import case_index
    from fazhi.enforcement.models import CaseSearchEntry, PenaltyCase

    bodies, actors = make_bodies(2)
    load = build_cases(args.scale, bodies, actors)
    start = time.perf_counter()
    indexed = case_index.backfill(PenaltyCase, CaseSearchEntry)
    backfill = time.perf_counter() - start
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    supervisor, _ = User.objects.get_or_create(
        username="bench.supervisor", defaults={"roles": [Role.SUPERVISOR.value]}
    )
    rows = [
        ("load average", load_average(), "", ""),
        ("insert cases (bulk_create 10k batches)", f"{args.scale:,}", f"{load:.1f} s", ""),
        (
            "index existing cases (migration backfill)",
            f"{indexed:,}",
            f"{backfill:.1f} s",
            f"{indexed / backfill:,.0f} cases/s",
        ),
    ]
    agree = 0
    total = 0
    for who, user in (("supervisor", supervisor), ("officer", actors[0])):
        for label, query in QUERIES:
            hits, _first = page(user, query, index=True)
            plan = "index" if case_index.candidates_sql(query) is not None else "scan"
            same = all_ids(user, query, index=True) == all_ids(user, query, index=False)
            agree += same
            total += 1
            med, p95 = timing(lambda u=user, q=query: page(u, q, index=True), args.repeats)
            lmed, lp95 = timing(lambda u=user, q=query: page(u, q, index=False), args.like_repeats)
            rows.append(
                (
                    f"{who}: {label} ({query}), {hits:,} hits",
                    f"{plan} {med:,.0f} / {p95:,.0f} ms",
                    f"floor: scan {lmed:,.0f} / {lp95:,.0f} ms",
                    "same rows" if same else "DIFFERENT",
                )
            )
    rows.append(("agreement with LIKE (full ordered id lists)", f"{agree}/{total}", "", ""))
    rows.append(("load average after", load_average(), "", ""))
    print_table(
        f"Enforcement party search ({args.database}), {args.scale:,} cases, "
        f"median / p95 of count + first page",
        rows,
    )


if __name__ == "__main__":
    main()
