"""Personal-data retention: apps declare what is erased when, one job erases it.

    # fazhi/decisions/retention.py
    PERIODS = [Period("decisions.retention_comment_client", gettext_noop("…"), 30,
                      PeriodUnit.CALENDAR_DAY, PIPL, gettext_noop("第19条、第47条"), note)]
    RULES = [Rule("decisions.comment_client", "decisions.Comment", since="consultation__closes_on",
                  period="decisions.retention_comment_client", blank=("client_digest",))]

个人信息保护法 Art. 19: personal information is kept no longer than its purpose needs, unless a
law or administrative regulation sets a period; Art. 47(1)(i)–(ii): once the purpose is met or
the period has run out the processor deletes it on its own initiative. A period is a row of the
statutory-period table (`core:period_list`), edited there with its legal basis. Case files are
kept for their archive periods (档案法), so rules on case records only blank personal fields that
are not part of the file; a rule deletes whole rows only where the row is nothing but a log.

`run(actor=SYSTEM)` erases in batches; each run is one audit event holding how many rows each
rule erased (never the data). `run(dry_run=True)` counts and writes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_noop

from . import audit, periods
from .periods import Period, PeriodUnit

PIPL = gettext_noop("个人信息保护法")
CYBERSECURITY_LAW = gettext_noop("网络安全法")
BATCH = 500


@dataclass(frozen=True)
class Rule:
    """Rows of `model` whose `since` lies more than the period ago: delete them or blank fields."""

    key: str  # "app.name"
    model: str  # "app_label.ModelName"
    since: str  # the date or time the period runs from (a lookup path)
    period: str  # key of a declared Period in calendar days
    blank: tuple[str, ...] = ()  # the fields erased; empty: the whole row is deleted
    where: Callable[[], Q] | None = None  # only rows this matches (e.g. closed cases)

    @property
    def app_label(self) -> str:
        return self.key.split(".", 1)[0]

    def queryset(self, now: dt.datetime) -> models.QuerySet:
        model = apps.get_model(self.model)
        days = periods.value(self.period)
        cutoff = now - dt.timedelta(days=days)
        since = _field(model, self.since)
        limit = cutoff if isinstance(since, models.DateTimeField) else timezone.localdate(cutoff)
        qs = model._default_manager.filter(**{f"{self.since}__lt": limit})
        if self.where is not None:
            qs = qs.filter(self.where())
        if self.blank:
            qs = qs.exclude(_all_blank(model, self.blank))
        return qs

    def erase(self, pks: list) -> None:
        model = apps.get_model(self.model)
        rows = model._default_manager.filter(pk__in=pks)
        if self.blank:
            rows.update(**{name: _blank_value(model, name) for name in self.blank})
        else:
            rows.delete()


def _field(model: type[models.Model], path: str) -> models.Field:
    *hops, last = path.split("__")
    for hop in hops:
        model = model._meta.get_field(hop).related_model
    return model._meta.get_field(last)


def _blank_value(model: type[models.Model], name: str):
    return None if model._meta.get_field(name).null else ""


def _all_blank(model: type[models.Model], names: tuple[str, ...]) -> Q:
    condition = Q()
    for name in names:
        value = _blank_value(model, name)
        condition &= Q(**{f"{name}__isnull": True}) if value is None else Q(**{name: value})
    return condition


PERIODS = [
    Period(
        "core.retention_sessions",
        gettext_noop("过期会话的保存期限"),
        1,
        PeriodUnit.CALENDAR_DAY,
        PIPL,
        gettext_noop("第19条、第47条"),
        gettext_noop("会话过期后删除(会话记录登录用户与会话数据)"),
    ),
    Period(
        "core.retention_sign_in_records",
        gettext_noop("登录记录的保存期限"),
        190,
        PeriodUnit.CALENDAR_DAY,
        CYBERSECURITY_LAW,
        gettext_noop("第21条第(三)项"),
        gettext_noop(
            "网络日志留存不少于六个月;期满删除登录记录与登录失败记录(用户名、IP地址、浏览器),"
            "个人信息保护法第19条、第47条"
        ),
    ),
]
RULES = [
    Rule("core.sessions", "sessions.Session", "expire_date", "core.retention_sessions"),
    Rule("core.sign_in_log", "axes.AccessLog", "attempt_time", "core.retention_sign_in_records"),
    Rule(
        "core.sign_in_failures",
        "axes.AccessFailureLog",
        "attempt_time",
        "core.retention_sign_in_records",
    ),
    Rule(
        "core.sign_in_attempts",
        "axes.AccessAttempt",
        "attempt_time",
        "core.retention_sign_in_records",
    ),
]

_declared: dict[str, Rule] | None = None


def modules() -> list:
    """Every installed app's `retention` module (autodiscovered)."""
    autodiscover_modules("retention")
    found = []
    for config in apps.get_app_configs():
        module = getattr(config.module, "retention", None)
        if module is not None:
            found.append((config.label, module))
    return found


def rules() -> dict[str, Rule]:
    global _declared
    if _declared is None:
        found: dict[str, Rule] = {}
        for label, module in modules():
            for rule in getattr(module, "RULES", ()):
                if rule.app_label != label:
                    raise ValueError(f"retention rule {rule.key} is declared by app {label}")
                if rule.key in found:
                    raise ValueError(f"retention rule {rule.key} is declared twice")
                period = periods.declared().get(rule.period)
                if period is None or period.unit != PeriodUnit.CALENDAR_DAY:
                    raise ValueError(f"retention rule {rule.key}: no period {rule.period} in days")
                found[rule.key] = rule
        _declared = found
    return _declared


def run(*, actor, dry_run: bool = False, now: dt.datetime | None = None, batch: int = BATCH):
    """Erase what every rule says is past its period; {rule key: rows} (to be erased, if dry)."""
    now = now or timezone.now()
    counts: dict[str, int] = {}
    complete = False
    try:
        for rule in rules().values():
            counts[rule.key] = 0
            if dry_run:
                counts[rule.key] = rule.queryset(now).count()
                continue
            while pks := list(rule.queryset(now).values_list("pk", flat=True)[:batch]):
                with transaction.atomic():
                    rule.erase(pks)
                counts[rule.key] += len(pks)
        complete = True
    finally:
        if not dry_run:
            with transaction.atomic():
                audit.record(
                    actor=actor,
                    action="core.retention_run",
                    object_type="retention",
                    object_id=now.date().isoformat(),
                    object_repr="个人信息到期删除",
                    after={"rows": counts, "complete": complete},
                )
    return counts
