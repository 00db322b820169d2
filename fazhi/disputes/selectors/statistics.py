"""Yearly figures: reconsideration, litigation (head appearance), petitions; the indicators."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Count, Exists, F, OuterRef, Q
from django.utils.translation import gettext as _

from fazhi.core import dates
from fazhi.core.models import OrgUnit

from ..choices import (
    CORRECTING_DECISIONS,
    HEAD_APPEARANCES,
    Appearance,
    HearingKind,
    Outcome,
    PetitionStatus,
    ReconsiderationStatus,
)
from ..models import (
    CourtHearing,
    LitigationCase,
    Petition,
    ReconsiderationCase,
    ReconsiderationHearing,
)

RS = ReconsiderationStatus


def _year_range(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year + 1, 1, 1)


# --- statistics ------------------------------------------------------------------------------


def _rows(model, user):
    """Statistics read the user's region (every row for the indicators, which pass no user)."""
    return model.objects.all() if user is None else model.objects.visible_to(user)


def _rate(part: int, whole: int) -> float | None:
    return round(100.0 * part / whole, 1) if whole else None


def reconsideration_statistics(*, year: int, today: dt.date | None = None, user=None) -> dict:
    """Per respondent: cases received in `year`, accepted, decided, corrected, hearing and site-investigation rates, overdue."""
    today = dates.today(today)
    start, end = _year_range(year)
    hearing = ReconsiderationHearing.objects.filter(case=OuterRef("pk"), kind=HearingKind.HEARING)
    site = ReconsiderationHearing.objects.filter(
        case=OuterRef("pk"), kind=HearingKind.SITE_INVESTIGATION
    )
    overdue = Q(decided_on__isnull=False, decided_on__gt=F("decision_due")) | Q(
        status=RS.ACCEPTED, decision_due__lt=today
    )
    rows = (
        _rows(ReconsiderationCase, user)
        .filter(received_on__gte=start, received_on__lt=end)
        .annotate(has_hearing=Exists(hearing), has_site=Exists(site))
        .values("respondent_id", "respondent__name")
        .annotate(
            received=Count("id"),
            accepted=Count("id", filter=Q(accepted_on__isnull=False)),
            refused=Count("id", filter=Q(status=RS.REFUSED)),
            decided=Count("id", filter=Q(decided_on__isnull=False)),
            terminated=Count("id", filter=Q(status=RS.TERMINATED)),
            suspended=Count("id", filter=Q(status=RS.SUSPENDED)),
            corrected=Count("id", filter=Q(decision_type__in=CORRECTING_DECISIONS)),
            hearings=Count("id", filter=Q(has_hearing=True)),
            sites=Count("id", filter=Q(has_site=True)),
            overdue=Count("id", filter=overdue),
        )
        .order_by("respondent__name")
    )
    table = []
    total = dict.fromkeys(
        (
            "received",
            "accepted",
            "refused",
            "decided",
            "terminated",
            "suspended",
            "corrected",
            "hearings",
            "sites",
            "overdue",
        ),
        0,
    )
    for r in rows:
        row = {
            "unit_id": r["respondent_id"],
            "unit": r["respondent__name"],
            **{k: r[k] for k in total},
        }
        for k in total:
            total[k] += r[k]
        table.append(_with_rates(row))
    return {"year": year, "rows": table, "total": _with_rates({"unit": _("全县合计"), **total})}


def _with_rates(row: dict) -> dict:
    # Concluded (审结) = decided + terminated; the correction rate is over concluded cases.
    row["concluded"] = row["decided"] + row["terminated"]
    row["correction_rate"] = _rate(row["corrected"], row["concluded"])
    row["hearing_rate"] = _rate(row["hearings"], row["accepted"])
    row["site_rate"] = _rate(row["sites"], row["accepted"])
    return row


def litigation_statistics(*, year: int, user=None) -> dict:
    """Per defendant: cases filed, losses, and the head-appearance rate over cases heard in `year`.

    Appearance rate = cases heard in the year at which a head (principal or deputy) appeared at a
    session, over cases heard in the year (法释〔2020〕3号: only the agency's own heads count).
    """
    start, end = _year_range(year)
    cases = {
        r["defendant_id"]: r
        for r in _rows(LitigationCase, user)
        .filter(filed_on__gte=start, filed_on__lt=end)
        .values("defendant_id", "defendant__name")
        .annotate(filed=Count("id"))
    }
    closed = {
        r["defendant_id"]: r
        for r in _rows(LitigationCase, user)
        .filter(closed_on__gte=start, closed_on__lt=end)
        .values("defendant_id", "defendant__name")
        .annotate(closed=Count("id"), lost=Count("id", filter=Q(outcome=Outcome.LOST)))
    }
    heard = {
        r["case__defendant_id"]: r
        for r in _rows(CourtHearing, user)
        .filter(held_on__gte=start, held_on__lt=end)
        .values("case__defendant_id", "case__defendant__name")
        .annotate(
            heard=Count("case", distinct=True),
            head=Count("case", distinct=True, filter=Q(appearance__in=HEAD_APPEARANCES)),
            principal=Count("case", distinct=True, filter=Q(appearance=Appearance.PRINCIPAL)),
            spoke=Count("case", distinct=True, filter=Q(head_spoke=True)),
        )
    }
    names = (
        {k: v["defendant__name"] for k, v in cases.items()}
        | {k: v["defendant__name"] for k, v in closed.items()}
        | {k: v["case__defendant__name"] for k, v in heard.items()}
    )
    keys = ("filed", "closed", "lost", "heard", "head", "principal", "spoke")
    table, total = [], dict.fromkeys(keys, 0)
    for unit_id, name in sorted(names.items(), key=lambda kv: kv[1]):
        row = {"unit_id": unit_id, "unit": name}
        row["filed"] = cases.get(unit_id, {}).get("filed", 0)
        row["closed"] = closed.get(unit_id, {}).get("closed", 0)
        row["lost"] = closed.get(unit_id, {}).get("lost", 0)
        for k in ("heard", "head", "principal", "spoke"):
            row[k] = heard.get(unit_id, {}).get(k, 0)
        for k in keys:
            total[k] += row[k]
        table.append(_with_litigation_rates(row))
    return {
        "year": year,
        "rows": table,
        "total": _with_litigation_rates({"unit": _("全县合计"), **total}),
    }


def _with_litigation_rates(row: dict) -> dict:
    row["appearance_rate"] = _rate(row["head"], row["heard"])
    row["spoke_rate"] = _rate(row["spoke"], row["head"])
    row["loss_rate"] = _rate(row["lost"], row["closed"])
    return row


def head_appearance_rate(*, year: int, unit: OrgUnit | None = None) -> float | None:
    start, end = _year_range(year)
    qs = CourtHearing.objects.filter(held_on__gte=start, held_on__lt=end)
    if unit is not None:
        qs = qs.filter(case__defendant=unit)
    agg = qs.aggregate(
        heard=Count("case", distinct=True),
        head=Count("case", distinct=True, filter=Q(appearance__in=HEAD_APPEARANCES)),
    )
    return _rate(agg["head"], agg["heard"])


def reconsideration_correction_rate(*, year: int) -> float | None:
    start, end = _year_range(year)
    agg = ReconsiderationCase.objects.filter(
        Q(decided_on__gte=start, decided_on__lt=end)
        | Q(terminated_on__gte=start, terminated_on__lt=end)
    ).aggregate(
        concluded=Count("id"),
        corrected=Count("id", filter=Q(decision_type__in=CORRECTING_DECISIONS)),
    )
    return _rate(agg["corrected"], agg["concluded"])


def litigation_case_count(*, year: int) -> int:
    start, end = _year_range(year)
    return LitigationCase.objects.filter(filed_on__gte=start, filed_on__lt=end).count()


def litigation_loss_count(*, year: int) -> int:
    start, end = _year_range(year)
    return LitigationCase.objects.filter(
        closed_on__gte=start, closed_on__lt=end, outcome=Outcome.LOST
    ).count()


def litigation_trend(*, years: Iterable[int], user=None) -> list[dict]:
    """Cases, losses and appearance rate year by year ("双下降" and the road to 100%)."""
    years = list(years)
    if not years:
        return []
    start, end = dt.date(min(years), 1, 1), dt.date(max(years) + 1, 1, 1)
    from django.db.models.functions import ExtractYear

    filed = dict(
        _rows(LitigationCase, user)
        .filter(filed_on__gte=start, filed_on__lt=end)
        .annotate(y=ExtractYear("filed_on"))
        .values("y")
        .annotate(n=Count("id"))
        .values_list("y", "n")
    )
    lost = dict(
        _rows(LitigationCase, user)
        .filter(closed_on__gte=start, closed_on__lt=end, outcome=Outcome.LOST)
        .annotate(y=ExtractYear("closed_on"))
        .values("y")
        .annotate(n=Count("id"))
        .values_list("y", "n")
    )
    heard = {
        r["y"]: r
        for r in _rows(CourtHearing, user)
        .filter(held_on__gte=start, held_on__lt=end)
        .annotate(y=ExtractYear("held_on"))
        .values("y")
        .annotate(
            heard=Count("case", distinct=True),
            head=Count("case", distinct=True, filter=Q(appearance__in=HEAD_APPEARANCES)),
        )
    }
    out = []
    for y in years:
        h = heard.get(y, {"heard": 0, "head": 0})
        out.append(
            {
                "year": y,
                "filed": filed.get(y, 0),
                "lost": lost.get(y, 0),
                "heard": h["heard"],
                "head": h["head"],
                "appearance_rate": _rate(h["head"], h["heard"]),
            }
        )
    for prev, cur in zip(out, out[1:], strict=False):
        cur["double_decline"] = cur["filed"] < prev["filed"] and cur["lost"] < prev["lost"]
    return out


def petition_statistics(*, year: int, user=None) -> dict:
    start, end = _year_range(year)
    return (
        _rows(Petition, user)
        .filter(received_on__gte=start, received_on__lt=end)
        .aggregate(
            received=Count("id"),
            accepted=Count(
                "id", filter=Q(status__in=[PetitionStatus.ACCEPTED, PetitionStatus.REPLIED])
            ),
            redirected=Count("id", filter=Q(status=PetitionStatus.REDIRECTED)),
            replied=Count("id", filter=Q(status=PetitionStatus.REPLIED)),
            on_time=Count(
                "id", filter=Q(status=PetitionStatus.REPLIED, replied_on__lte=F("handling_due"))
            ),
        )
    )
