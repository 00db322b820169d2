"""Reads of the disputes app: scoped to the user with `.visible_to`, annotated, prefetched."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core.errors import NotFound
from fazhi.core.models import OrgUnit

from . import filters, periods
from .choices import (
    CORRECTING_DECISIONS,
    HEAD_APPEARANCES,
    Appearance,
    HearingKind,
    LitigationStatus,
    Outcome,
    PetitionStatus,
    Procedure,
    ReconsiderationStatus,
    SupplementStatus,
)
from .models import (
    AdjudicationCase,
    AdjudicationItem,
    CourtHearing,
    LitigationCase,
    MediationCase,
    OversightLetter,
    Petition,
    ReconsiderationCase,
    ReconsiderationHearing,
    ReconsiderationSuspension,
    SupplementRequest,
)

RS = ReconsiderationStatus


def _year_range(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year + 1, 1, 1)


def _get(qs: QuerySet, pk, message: str):
    obj = qs.filter(pk=pk).first()
    if obj is None:
        raise NotFound(message)
    return obj


# --- reconsideration -------------------------------------------------------------------------


def reconsideration_list(*, user, params=None, request=None) -> QuerySet[ReconsiderationCase]:
    qs = ReconsiderationCase.objects.visible_to(user).select_related("respondent")
    return filters.ReconsiderationFilter(params or {}, queryset=qs, request=request).qs


def reconsideration_get_for_user(*, user, id: int) -> ReconsiderationCase:
    qs = (
        ReconsiderationCase.objects.visible_to(user)
        .select_related("respondent", "office", "created_by")
        .prefetch_related(
            "attachments",
            "supplements",
            "hearings",
            "extensions",
            "suspensions",
            Prefetch("letters", queryset=OversightLetter.objects.select_related("addressee")),
            "lawsuits",
        )
    )
    return _get(qs, id, _("复议案件不存在或无权查看"))


@dataclass(frozen=True)
class Milestone:
    label: str
    due: dt.date | None
    done_on: dt.date | None
    provisional: bool = False
    basis: str = ""
    note: str = ""  # shown instead of a due date that does not run (suspended, terminated)


def reconsideration_milestones(case: ReconsiderationCase) -> list[Milestone]:
    """The statutory clock of one case, for its detail page."""
    p = periods.periods()
    out = [
        Milestone(
            _("申请期限(知道行政行为之日起60日)"),
            periods.deadline(case.act_known_on, 60, working=False).date,
            case.received_on,
            basis=periods.basis(periods.RECON_LAW, _("第20条")),
        ),
    ]
    supplements = list(case.supplements.all())
    for sup in supplements:
        out.append(
            Milestone(
                _("申请人补正材料"),
                sup.reply_due,
                sup.supplied_on,
                sup.reply_due_provisional,
                p["recon_supplement_reply"].basis,
            )
        )
    if case.acceptance_due or case.accepted_on or case.refused_on:
        out.append(
            Milestone(
                _("受理审查"),
                case.acceptance_due,
                case.accepted_on or case.refused_on,
                case.acceptance_due_provisional,
                p["recon_acceptance"].basis,
            )
        )
    if case.accepted_on:
        copy_key = (
            "recon_copy_simplified"
            if case.procedure == Procedure.SIMPLIFIED
            else "recon_copy_ordinary"
        )
        copy = periods.due(copy_key, case.accepted_on)
        out.append(
            Milestone(
                _("发送申请书副本"),
                copy.date,
                case.copy_sent_on,
                copy.provisional,
                p[copy_key].basis,
            )
        )
        if case.respondent_reply_due:
            key = (
                "recon_reply_simplified"
                if case.procedure == Procedure.SIMPLIFIED
                else "recon_reply_ordinary"
            )
            out.append(
                Milestone(
                    _("被申请人书面答复"),
                    case.respondent_reply_due,
                    case.respondent_replied_on,
                    False,
                    p[key].basis,
                )
            )
        key = (
            "recon_decision_simplified"
            if case.procedure == Procedure.SIMPLIFIED
            else "recon_decision_ordinary"
        )
        # While suspended the decision clock stops: shown as "paused" until resumption moves it.
        for sus in case.suspensions.all():
            if sus.lapses_on and sus.resumed_on is None and case.status == RS.SUSPENDED:
                out.append(
                    Milestone(
                        _("中止满六十日(原因未消除的,次日自动终止)"),
                        sus.lapses_on,
                        None,
                        False,
                        p["recon_suspension_lapse"].basis,
                    )
                )
        if case.status == RS.TERMINATED:
            decision = Milestone(
                _("作出复议决定"),
                None,
                None,
                basis=p[key].basis,
                note=_("已终止,不再作出决定"),
            )
        else:
            decision = Milestone(
                _("作出复议决定"),
                None if case.status == RS.SUSPENDED else case.decision_due,
                case.decided_on,
                case.decision_due_provisional,
                p[key].basis,
                note=_("中止期间暂停计算") if case.status == RS.SUSPENDED else "",
            )
        out.append(decision)
    return out


def suspended_cases(*, user) -> list[ReconsiderationSuspension]:
    """Cases now suspended, oldest first, with their ground and automatic termination date (Art. 40)."""
    return list(
        ReconsiderationSuspension.objects.filter(
            resumed_on__isnull=True,
            case__status=RS.SUSPENDED,
            case__in=ReconsiderationCase.objects.visible_to(user).values("pk"),
        )
        .select_related("case", "case__respondent")
        .order_by("started_on", "pk")
    )


def published_decisions(*, q: str = "") -> QuerySet[ReconsiderationCase]:
    qs = (
        ReconsiderationCase.objects.filter(status=RS.PUBLISHED)
        .select_related("respondent")
        .only(
            "id",
            "number",
            "decision_doc_number",
            "decision_type",
            "decided_on",
            "published_on",
            "act_description",
            "respondent__name",
        )
    )
    if q:
        qs = qs.filter(
            Q(decision_doc_number__icontains=q)
            | Q(act_description__icontains=q)
            | Q(respondent__name__icontains=q)
        )
    return qs.order_by("-published_on", "-id")


def published_decision_get(*, id: int) -> ReconsiderationCase:
    return _get(
        ReconsiderationCase.objects.filter(status=RS.PUBLISHED).select_related("respondent"),
        id,
        _("决定书不存在或尚未公开"),
    )


# --- litigation and letters --------------------------------------------------------------------


def litigation_list(*, user, params=None, request=None) -> QuerySet[LitigationCase]:
    # Hearings are prefetched for the rows shown; an EXISTS per row made PostgreSQL hash the
    # whole hearings table for every page.
    qs = (
        LitigationCase.objects.visible_to(user)
        .select_related("defendant")
        .prefetch_related(
            Prefetch("hearings", queryset=CourtHearing.objects.only("id", "case_id", "appearance"))
        )
    )
    return filters.LitigationFilter(params or {}, queryset=qs, request=request).qs


def litigation_get_for_user(*, user, id: int) -> LitigationCase:
    qs = (
        LitigationCase.objects.visible_to(user)
        .select_related("defendant", "reconsideration")
        .prefetch_related(
            "hearings",
            Prefetch("letters", queryset=OversightLetter.objects.select_related("addressee")),
        )
    )
    return _get(qs, id, _("应诉案件不存在或无权查看"))


def letter_list(*, user, params=None, request=None) -> QuerySet[OversightLetter]:
    qs = OversightLetter.objects.visible_to(user).select_related(
        "addressee", "reconsideration", "litigation"
    )
    return filters.LetterFilter(params or {}, queryset=qs, request=request).qs


def letter_get_for_user(*, user, id: int) -> OversightLetter:
    return _get(
        OversightLetter.objects.visible_to(user).select_related(
            "addressee", "reconsideration", "litigation"
        ),
        id,
        _("文书不存在或无权查看"),
    )


# --- mediation, adjudication, petitions ---------------------------------------------------------


def mediation_list(*, user, params=None, request=None) -> QuerySet[MediationCase]:
    return filters.MediationFilter(
        params or {},
        queryset=MediationCase.objects.visible_to(user).select_related("unit"),
        request=request,
    ).qs


def mediation_get_for_user(*, user, id: int) -> MediationCase:
    return _get(
        MediationCase.objects.visible_to(user).select_related("unit"),
        id,
        _("调解案件不存在或无权查看"),
    )


def adjudication_items(*, user) -> QuerySet[AdjudicationItem]:
    if not user.is_authenticated:
        return AdjudicationItem.objects.none()
    return (
        AdjudicationItem.objects.select_related("unit")
        .annotate(
            case_count=Count("cases"),
            pending_count=Count("cases", filter=Q(cases__status="pending")),
        )
        .order_by("unit__name", "name")
    )


def adjudication_list(*, user, params=None, request=None) -> QuerySet[AdjudicationCase]:
    qs = AdjudicationCase.objects.visible_to(user).select_related("item", "item__unit")
    return filters.AdjudicationFilter(params or {}, queryset=qs, request=request).qs


def adjudication_get_for_user(*, user, id: int) -> AdjudicationCase:
    return _get(
        AdjudicationCase.objects.visible_to(user).select_related("item", "item__unit"),
        id,
        _("裁决案件不存在或无权查看"),
    )


def petition_list(*, user, params=None, request=None) -> QuerySet[Petition]:
    return filters.PetitionFilter(
        params or {},
        queryset=Petition.objects.visible_to(user).select_related("unit"),
        request=request,
    ).qs


def petition_get_for_user(*, user, id: int) -> Petition:
    return _get(
        Petition.objects.visible_to(user).select_related("unit"), id, _("信访事项不存在或无权查看")
    )


# --- deadlines ("期限预警") --------------------------------------------------------------------


@dataclass(frozen=True)
class DeadlineItem:
    kind: str
    kind_label: str
    title: str
    unit: str
    due: dt.date
    provisional: bool
    url: str

    def days_left(self, today: dt.date) -> int:
        return (self.due - today).days


DEADLINE_KINDS = {
    "recon_acceptance": gettext_lazy("复议受理审查"),
    "recon_supplement": gettext_lazy("复议补正材料"),
    "recon_reply": gettext_lazy("被申请人答复"),
    "recon_decision": gettext_lazy("复议决定"),
    "letter_reply": gettext_lazy("意见书/建议书回复"),
    "lit_defence": gettext_lazy("应诉答辩"),
    "petition_acceptance": gettext_lazy("信访受理告知"),
    "petition_handling": gettext_lazy("信访办结"),
}


@dataclass(frozen=True)
class _Source:
    kind: str
    qs: QuerySet
    due: str
    provisional: str  # field name, or "" when the period never crosses an unknown year
    url_name: str
    id_field: str
    title_fields: tuple[str, ...]
    unit_field: str


def _deadline_sources(user, limit: dt.date) -> list[_Source]:
    """Every open statutory clock, as a query on an indexed due-date column."""
    rc = ReconsiderationCase.objects.visible_to(user)
    recon = (
        "disputes:reconsideration_detail",
        "pk",
        ("number", "applicant_name"),
        "respondent__name",
    )
    letters = OversightLetter.objects.visible_to(user)
    lit = LitigationCase.objects.visible_to(user)
    pt = Petition.objects.visible_to(user)
    petition = ("disputes:petition_detail", "pk", ("number", "subject"), "unit__name")
    return [
        _Source(
            "recon_acceptance",
            rc.filter(status=RS.RECEIVED, acceptance_due__lte=limit),
            "acceptance_due",
            "acceptance_due_provisional",
            *recon,
        ),
        _Source(
            "recon_supplement",
            SupplementRequest.objects.filter(
                status=SupplementStatus.PENDING, reply_due__lte=limit, case__in=rc.values("pk")
            ),
            "reply_due",
            "reply_due_provisional",
            "disputes:reconsideration_detail",
            "case_id",
            ("case__number", "case__applicant_name"),
            "case__respondent__name",
        ),
        _Source(
            "recon_reply",
            rc.filter(
                status=RS.ACCEPTED,
                respondent_replied_on__isnull=True,
                respondent_reply_due__lte=limit,
            ),
            "respondent_reply_due",
            "",
            *recon,
        ),
        _Source(
            "recon_decision",
            rc.filter(status=RS.ACCEPTED, decision_due__lte=limit),
            "decision_due",
            "decision_due_provisional",
            *recon,
        ),
        _Source(
            "letter_reply",
            letters.filter(replied_on__isnull=True, reply_due__lte=limit),
            "reply_due",
            "reply_due_provisional",
            "disputes:letter_detail",
            "pk",
            ("doc_number", "content"),
            "addressee__name",
        ),
        _Source(
            "lit_defence",
            lit.filter(
                status=LitigationStatus.PENDING,
                defence_submitted_on__isnull=True,
                defence_due__lte=limit,
            ),
            "defence_due",
            "defence_due_provisional",
            "disputes:litigation_detail",
            "pk",
            ("court_case_number", "cause"),
            "defendant__name",
        ),
        _Source(
            "petition_acceptance",
            pt.filter(status=PetitionStatus.RECEIVED, acceptance_due__lte=limit),
            "acceptance_due",
            "acceptance_due_provisional",
            *petition,
        ),
        _Source(
            "petition_handling",
            pt.filter(status=PetitionStatus.ACCEPTED, handling_due__lte=limit),
            "handling_due",
            "handling_due_provisional",
            *petition,
        ),
    ]


def deadline_counts(
    *, user, within_days: int = 15, today: dt.date | None = None
) -> dict[str, dict[str, int]]:
    """Per kind: how many are overdue and how many fall due within the window."""
    today = today or timezone.localdate()
    limit = today + dt.timedelta(days=within_days)
    return {
        src.kind: src.qs.aggregate(
            overdue=Count("pk", filter=Q(**{f"{src.due}__lt": today})),
            upcoming=Count("pk", filter=Q(**{f"{src.due}__gte": today})),
        )
        for src in _deadline_sources(user, limit)
    }


def upcoming_deadlines(
    user,
    within_days: int = 15,
    *,
    today: dt.date | None = None,
    kind: str = "",
    limit_per_kind: int | None = None,
) -> list[DeadlineItem]:
    """Every open statutory clock due within `within_days` (and every overdue one), soonest first.

    This is the selector the plans dashboard may call; each item links to its case. With
    `limit_per_kind`, only the soonest N of each kind are read (enough for the first N items).
    """
    today = today or timezone.localdate()
    limit = today + dt.timedelta(days=within_days)
    items: list[DeadlineItem] = []
    for src in _deadline_sources(user, limit):
        if kind and src.kind != kind:
            continue
        url = reverse(src.url_name, args=[0])[: -len("0/")]
        fields = [src.id_field, *src.title_fields, src.unit_field, src.due] + (
            [src.provisional] if src.provisional else []
        )
        rows = src.qs.order_by(src.due, "pk").values_list(*fields)
        if limit_per_kind:
            rows = rows[:limit_per_kind]
        label = str(DEADLINE_KINDS[src.kind])
        n = len(src.title_fields)
        for row in rows:
            title = " ".join(str(part)[:40] for part in row[1 : 1 + n])
            items.append(
                DeadlineItem(
                    src.kind,
                    label,
                    title,
                    row[1 + n],
                    row[2 + n],
                    bool(src.provisional and row[3 + n]),
                    f"{url}{row[0]}/",
                )
            )
    items.sort(key=lambda i: (i.due, i.kind, i.title))
    return items


# --- statistics ------------------------------------------------------------------------------


def _rate(part: int, whole: int) -> float | None:
    return round(100.0 * part / whole, 1) if whole else None


def reconsideration_statistics(*, year: int, today: dt.date | None = None) -> dict:
    """Per respondent: cases received in `year`, accepted, decided, corrected, hearing and site-investigation rates, overdue."""
    today = today or timezone.localdate()
    start, end = _year_range(year)
    hearing = ReconsiderationHearing.objects.filter(case=OuterRef("pk"), kind=HearingKind.HEARING)
    site = ReconsiderationHearing.objects.filter(
        case=OuterRef("pk"), kind=HearingKind.SITE_INVESTIGATION
    )
    overdue = Q(decided_on__isnull=False, decided_on__gt=F("decision_due")) | Q(
        status=RS.ACCEPTED, decision_due__lt=today
    )
    rows = (
        ReconsiderationCase.objects.filter(received_on__gte=start, received_on__lt=end)
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


def litigation_statistics(*, year: int) -> dict:
    """Per defendant: cases filed, losses, and the head-appearance rate over cases heard in `year`.

    Appearance rate = cases heard in the year at which a head (principal or deputy) appeared at a
    session, over cases heard in the year (法释〔2020〕3号: only the agency's own heads count).
    """
    start, end = _year_range(year)
    cases = {
        r["defendant_id"]: r
        for r in LitigationCase.objects.filter(filed_on__gte=start, filed_on__lt=end)
        .values("defendant_id", "defendant__name")
        .annotate(filed=Count("id"))
    }
    closed = {
        r["defendant_id"]: r
        for r in LitigationCase.objects.filter(closed_on__gte=start, closed_on__lt=end)
        .values("defendant_id", "defendant__name")
        .annotate(closed=Count("id"), lost=Count("id", filter=Q(outcome=Outcome.LOST)))
    }
    heard = {
        r["case__defendant_id"]: r
        for r in CourtHearing.objects.filter(held_on__gte=start, held_on__lt=end)
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


def litigation_trend(*, years: Iterable[int]) -> list[dict]:
    """Cases, losses and appearance rate year by year ("双下降" and the road to 100%)."""
    years = list(years)
    if not years:
        return []
    start, end = dt.date(min(years), 1, 1), dt.date(max(years) + 1, 1, 1)
    from django.db.models.functions import ExtractYear

    filed = dict(
        LitigationCase.objects.filter(filed_on__gte=start, filed_on__lt=end)
        .annotate(y=ExtractYear("filed_on"))
        .values("y")
        .annotate(n=Count("id"))
        .values_list("y", "n")
    )
    lost = dict(
        LitigationCase.objects.filter(closed_on__gte=start, closed_on__lt=end, outcome=Outcome.LOST)
        .annotate(y=ExtractYear("closed_on"))
        .values("y")
        .annotate(n=Count("id"))
        .values_list("y", "n")
    )
    heard = {
        r["y"]: r
        for r in CourtHearing.objects.filter(held_on__gte=start, held_on__lt=end)
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


def petition_statistics(*, year: int) -> dict:
    start, end = _year_range(year)
    return Petition.objects.filter(received_on__gte=start, received_on__lt=end).aggregate(
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
