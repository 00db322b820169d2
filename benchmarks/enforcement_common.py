"""Data builders shared by the enforcement benchmarks (bodies, officers, targets, cases at scale)."""

from __future__ import annotations

import datetime as dt
import os
import statistics
import subprocess
import time

# PostgreSQL settings refuse to start without a key; a benchmark's throwaway one will do.
os.environ.setdefault("FAZHI_SECRET_KEY", os.urandom(32).hex())


def make_bodies(officers_per_body: int = 20):
    from django.db import transaction

    with transaction.atomic():  # SQLite checks its deferred foreign keys at the commit
        return _make_bodies(officers_per_body)


def _make_bodies(officers_per_body: int):
    from fazhi.core.choices import Role
    from fazhi.core.models import OrgUnit, Region, User
    from fazhi.enforcement.models import Credential, EnforcementBody, Officer

    region, _ = Region.objects.get_or_create(code="140222", defaults={"name": "天镇县"})
    bodies, actors = [], []
    for index, (name, prefix) in enumerate(
        [
            ("天镇县市场监督管理局", "天市监罚"),
            ("天镇县生态环境局", "天环罚"),
            ("天镇县交通运输局", "天交罚"),
        ]
    ):
        unit, _ = OrgUnit.objects.get_or_create(
            name=name, defaults={"kind": "government_department", "region": region}
        )
        body, _ = EnforcementBody.objects.get_or_create(unit=unit, defaults={"case_prefix": prefix})
        user, _ = User.objects.get_or_create(
            username=f"bench{index}",
            defaults={"unit": unit, "roles": [Role.OFFICER.value], "full_name": f"执法{index}"},
        )
        bodies.append(body)
        actors.append(user)
        for n in range(officers_per_body):
            officer = Officer.objects.create(body=body, full_name=f"{prefix}人员{n}")
            Credential.objects.create(
                officer=officer,
                number=f"{prefix}-{n}",
                issued_on=dt.date(2020, 1, 1),
                valid_until=dt.date(2099, 12, 31),
            )
    return bodies, actors


def target_rows(n: int, categories=("食品销售", "餐饮服务", "药品零售", "批发零售")):
    from fazhi.enforcement.demo import generated_uscc

    for i in range(n):
        yield (
            generated_uscc(10000000 + i),
            f"天镇县基准企业{i}",
            categories[i % len(categories)],
            "天镇县",
        )


def load_targets(n: int) -> None:
    """N targets straight into the table (setting the scene, not a measured figure)."""
    from django.utils import timezone

    from fazhi.core import bulk
    from fazhi.enforcement.models import InspectionTarget
    from fazhi.enforcement.services.inspections import TARGET_COLUMNS

    now = bulk.db_value(InspectionTarget, "created_at", timezone.now())
    bulk.insert(InspectionTarget, TARGET_COLUMNS, ((*r, True, now) for r in target_rows(n)))


def median_time(fn, repeats: int = 3):
    """(median seconds, the last result) of `repeats` calls."""
    samples, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples), result


def load_average() -> str:
    out = subprocess.run(["uptime"], capture_output=True, text=True, check=True).stdout
    return out.strip().rsplit("load average: ", 1)[-1]
