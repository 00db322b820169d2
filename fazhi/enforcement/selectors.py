"""Every enforcement read: scoped to the user, with the joins each page needs."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext as _

from fazhi.catalogs import selectors as catalog_selectors
from fazhi.core import dates, periods
from fazhi.core.errors import NotFound
from fazhi.core.scoping import get_for_user, region_q

from . import case_index, draw, filters
from .choices import CaseStage, CredentialStatus, DecisionKind, DrawStatus
from .models import (
    CaseFileReview,
    CaseStep,
    Credential,
    DiscretionLevel,
    DiscretionStandard,
    EnforcementBody,
    EnforcementMatter,
    Evidence,
    GuidingCase,
    InspectionDraw,
    InspectionPlan,
    InspectionTarget,
    InspectionVisit,
    LegalReview,
    Officer,
    OfficerRelation,
    PenaltyCase,
    TrainingRecord,
)


def filtered(filterset, params, qs: QuerySet, user) -> QuerySet:
    """Apply a FilterSet of `filters.py` (always bound, so its own annotations run)."""
    return filterset(
        params if params is not None else {}, queryset=qs, request=SimpleNamespace(user=user)
    ).qs


def body_list(*, user, params=None) -> QuerySet[EnforcementBody]:
    return (
        EnforcementBody.objects.visible_to(user)
        .select_related("unit__region")
        .annotate(
            officer_count=Count("officers", filter=Q(officers__is_active=True), distinct=True),
            matter_count=Count("matters", distinct=True),
        )
    )


def with_power_state(qs: QuerySet[EnforcementMatter]) -> QuerySet[EnforcementMatter]:
    """`power_removed`: the matter's power item is no longer in its body's list in force."""
    listed = catalog_selectors.power_item_listed("power_item", year=dates.today().year)
    return qs.select_related("power_item").annotate(
        power_removed=Case(
            When(power_item__isnull=True, then=Value(False)),
            default=~listed,
            output_field=BooleanField(),
        )
    )


def matter_list(*, user, params=None) -> QuerySet[EnforcementMatter]:
    qs = with_power_state(EnforcementMatter.objects.visible_to(user).select_related("body__unit"))
    return filtered(filters.MatterFilter, params, qs, user)


def power_items_for(body: EnforcementBody, kinds, *, year: int | None = None):
    """Items a matter or a case of this body may cite: its power list in force, these kinds."""
    return catalog_selectors.power_items_in_force(
        body_id=body.unit_id, year=year or dates.today().year, kinds=kinds
    ).order_by("position", "code")


def power_list_in_force(body: EnforcementBody, *, year: int | None = None) -> bool:
    return power_items_for(body, None, year=year).exists()


def body_get_for_user(*, user, body_id: int) -> EnforcementBody:
    qs = EnforcementBody.objects.select_related("unit").prefetch_related(
        Prefetch(
            "matters",
            queryset=with_power_state(EnforcementMatter.objects.order_by("matter_type", "name")),
        ),
        Prefetch("officers", queryset=Officer.objects.order_by("full_name")),
    )
    return get_for_user(qs, user, body_id)


def bodies_for_user(user) -> QuerySet[EnforcementBody]:
    return EnforcementBody.objects.visible_to(user).select_related("unit__region__parent")


def joint_body_choices(user, body: EnforcementBody) -> QuerySet[EnforcementBody]:
    """Bodies a plan may invite to a joint inspection: the other active bodies of the region."""
    region = body.unit.region_id
    return (
        EnforcementBody.objects.filter(region_q("unit__region_id", region[:6]), is_active=True)
        .exclude(pk=body.pk)
        .select_related("unit")
    )


def own_body(user) -> EnforcementBody | None:
    if not user.is_authenticated or not user.unit_id:
        return None
    return (
        EnforcementBody.objects.select_related("unit__region").filter(unit_id=user.unit_id).first()
    )


# ---------------------------------------------------------------- cases


def case_list(*, user, params=None) -> QuerySet[PenaltyCase]:
    qs = PenaltyCase.objects.visible_to(user).select_related("body__unit", "power_item")
    return filtered(filters.CaseFilter, params, qs, user)


def case_search(query: str) -> Q:
    """Number and credit code by prefix (indexed); title and party by substring.

    Chinese has no letter case, so plain LIKE is used rather than UPPER(...) LIKE, a function
    call per row. For queries of two or more characters the bigram index (`case_index`) first
    narrows the rows to candidates: cases with the number or credit-code prefix, or holding
    every bigram of the query; the same exact filter then runs on those candidates only, so the
    result equals the plain scan. One-character queries, databases without the index, and
    fragments so common that the scan is cheaper (`case_index.candidates_sql`) scan.
    """
    query = query.strip()
    exact = case_search_like(query)
    candidates = case_index.candidates_sql(query)
    if candidates is None:
        return exact
    sql, params = candidates
    return Q(pk__in=RawSQL(sql, params)) & exact  # noqa: S611 - constant SQL, bound parameters


def case_search_like(query: str) -> Q:
    """The plain scan: what `case_search` must return, and what the index is measured against."""
    query = query.strip()
    return (
        Q(number__startswith=query)
        | Q(party_uscc__startswith=query.upper())
        | Q(title__contains=query)
        | Q(party_name__contains=query)
    )


def case_get_for_user(*, user, case_id: int) -> PenaltyCase:
    case = (
        PenaltyCase.objects.visible_to(user)
        .select_related("body__unit", "standard", "filed_by", "power_item__catalog")
        .prefetch_related(
            Prefetch("officers", queryset=Officer.objects.prefetch_related("credentials")),
            Prefetch("steps", queryset=CaseStep.objects.order_by("occurred_at", "id")),
            Prefetch(
                "evidence",
                queryset=Evidence.objects.prefetch_related("custody").order_by("collected_at"),
            ),
            Prefetch(
                "reviews",
                queryset=LegalReview.objects.select_related("reviewer").order_by("reviewed_at"),
            ),
            "extensions",
            Prefetch("standard__levels", queryset=DiscretionLevel.objects.order_by("fine_min")),
            "standard__exemptions",
        )
        .filter(pk=case_id)
        .first()
    )
    if case is None:
        raise NotFound(_("案件不存在或无权查看"))
    return case


def case_alerts(*, user, within_days: int = 5) -> QuerySet[PenaltyCase]:
    """Open cases whose running deadline passes within `within_days` (or already passed)."""
    limit = dates.today() + dt.timedelta(days=within_days)
    return (
        PenaltyCase.objects.visible_to(user)
        .select_related("body__unit")
        .exclude(stage=CaseStage.CLOSED)
        .filter(
            Q(decided_on__isnull=True, decision_due__lte=limit)
            | Q(decided_on__isnull=False, served_on__isnull=True, service_due__lte=limit)
            | Q(
                decision_kind=DecisionKind.PENALTY,
                published_on__isnull=True,
                publicity_due__lte=limit,
            )
        )
    )


def can_act_on_case(user, case: PenaltyCase) -> bool:
    return user.has_perm("enforcement.handle_case", case)


# ---------------------------------------------------------------- officers


def officer_list(*, user, params=None) -> QuerySet[Officer]:
    """Officers with `year_hours` (the `year` parameter's, this year's by default) and `has_valid`."""
    qs = (
        Officer.objects.visible_to(user)
        .select_related("body__unit", "user")
        .prefetch_related(
            Prefetch("credentials", queryset=Credential.objects.order_by("-valid_until"))
        )
    )
    return filtered(filters.OfficerFilter, params, qs, user)


def training_required() -> int:
    return periods.value("enforcement.training_hours")


def officers_for_case(case: PenaltyCase) -> QuerySet[Officer]:
    return (
        Officer.objects.filter(body=case.body, is_active=True)
        .prefetch_related("credentials")
        .order_by("full_name")
    )


# ---------------------------------------------------------------- discretion


def standard_list(*, user, params=None) -> QuerySet[DiscretionStandard]:
    if not user.is_authenticated:
        return DiscretionStandard.objects.none()
    qs = DiscretionStandard.objects.select_related("body__unit").annotate(
        level_count=Count("levels", distinct=True),
        exemption_count=Count("exemptions", distinct=True),
    )
    return filtered(filters.StandardFilter, params, qs, user)


def standard_get_for_user(*, user, standard_id: int) -> DiscretionStandard:
    standard = (
        standard_list(user=user)
        .prefetch_related(
            Prefetch("levels", queryset=DiscretionLevel.objects.order_by("fine_min")), "exemptions"
        )
        .filter(pk=standard_id)
        .first()
    )
    if standard is None:
        raise NotFound(_("裁量基准不存在"))
    return standard


# ---------------------------------------------------------------- inspections


def target_list(*, user, params=None) -> QuerySet[InspectionTarget]:
    if not user.is_authenticated:
        return InspectionTarget.objects.none()
    return filtered(filters.TargetFilter, params, InspectionTarget.objects.all(), user)


def target_categories() -> list[str]:
    return list(
        InspectionTarget.objects.order_by("category").values_list("category", flat=True).distinct()
    )


def plan_list(*, user, params=None) -> QuerySet[InspectionPlan]:
    qs = (
        InspectionPlan.objects.visible_to(user)
        .select_related("body__unit", "draw")
        .prefetch_related(
            Prefetch("joint_bodies", queryset=EnforcementBody.objects.select_related("unit"))
        )
    )
    return filtered(filters.PlanFilter, params, qs, user)


def plan_get_for_user(*, user, plan_id: int) -> InspectionPlan:
    plan = plan_list(user=user).filter(pk=plan_id).first()
    if plan is None:
        raise NotFound(_("抽查计划不存在或无权查看"))
    return plan


def draw_visits(draw_row: InspectionDraw, *, outcome: str = "") -> QuerySet[InspectionVisit]:
    qs = draw_row.visits.select_related("target").prefetch_related(
        Prefetch("officers", queryset=Officer.objects.select_related("body__unit__region__parent"))
    )
    if outcome:
        qs = qs.filter(outcome=outcome)
    return qs


def officer_loads(draw_row: InspectionDraw) -> list[Officer]:
    """The draw's inspectors, each with `visit_count`, the visits of this draw."""
    return list(
        Officer.objects.filter(visits__draw=draw_row)
        .select_related("body__unit__region__parent")
        .annotate(visit_count=Count("visits"))
        .order_by("body__unit__name", "full_name")
    )


# ---------------------------------------------------------------- supervision


def statistics_list(*, user, params=None) -> QuerySet[EnforcementBody]:
    """Every body the user sees with the figures of `params["year"]` (`filters.body_statistics`)."""
    return filtered(filters.StatisticsFilter, params, bodies_for_user(user), user)


def statistics(*, user, year: int) -> list[EnforcementBody]:
    return list(statistics_list(user=user, params={"year": year}).order_by("unit__name"))


def file_review_list(*, user) -> QuerySet[CaseFileReview]:
    return CaseFileReview.objects.visible_to(user).select_related("case__body__unit", "reviewer")


def reviewable_cases(*, user) -> QuerySet[PenaltyCase]:
    return (
        PenaltyCase.objects.visible_to(user)
        .filter(stage=CaseStage.CLOSED)
        .select_related("body__unit")
    )


def guiding_case_list(*, user, params=None) -> QuerySet[GuidingCase]:
    """Guiding cases are published to every officer of the county and above: not scoped."""
    return filtered(filters.GuidingCaseFilter, params, GuidingCase.objects.all(), user)


# ---------------------------------------------------------------- public


def public_decisions(*, query: str = "") -> QuerySet[PenaltyCase]:
    qs = PenaltyCase.objects.filter(published_on__isnull=False).select_related("body__unit")
    if query:
        qs = qs.filter(
            Q(number__icontains=query)
            | Q(title__icontains=query)
            | Q(party_name__icontains=query, party_kind="organisation")
        )
    return qs


def public_bodies() -> QuerySet[EnforcementBody]:
    today = dates.today()
    return (
        EnforcementBody.objects.filter(is_active=True)
        .select_related("unit")
        .prefetch_related(
            Prefetch("matters", queryset=EnforcementMatter.objects.order_by("matter_type", "name")),
            Prefetch(
                "officers",
                queryset=Officer.objects.filter(
                    is_active=True,
                    credentials__status=CredentialStatus.VALID,
                    credentials__valid_until__gte=today,
                )
                .distinct()
                .prefetch_related(
                    Prefetch(
                        "credentials",
                        queryset=Credential.objects.filter(
                            status=CredentialStatus.VALID, valid_until__gte=today
                        ),
                    )
                ),
            ),
        )
    )


def public_draws() -> QuerySet[InspectionDraw]:
    return InspectionDraw.objects.select_related("plan__body__unit").prefetch_related(
        Prefetch("plan__joint_bodies", queryset=EnforcementBody.objects.select_related("unit"))
    )


def public_draw(draw_id: int) -> InspectionDraw:
    row = public_draws().filter(pk=draw_id).first()
    if row is None:
        raise NotFound(_("抽取记录不存在"))
    return row


def public_draw_visits(draw_row: InspectionDraw) -> QuerySet[InspectionVisit]:
    if draw_row.status != DrawStatus.REVEALED:
        return InspectionVisit.objects.none()
    return draw_row.visits.select_related("target")


def selection_text(draw_row: InspectionDraw) -> bytes:
    """The stored selection rendered exactly as `draw.render` prints it."""
    rows = (
        draw_row.visits.order_by("rank")
        .values_list("rank", "target__uscc", "score")
        .iterator(chunk_size=10000)
    )
    return draw.render(draw.Selected(rank, uscc, score) for rank, uscc, score in rows)


def officer_get_for_user(*, user, officer_id: int) -> Officer:
    officer = (
        officer_list(user=user)
        .prefetch_related(
            Prefetch("trainings", queryset=TrainingRecord.objects.order_by("-trained_on")),
            Prefetch("relations", queryset=OfficerRelation.objects.select_related("target")),
        )
        .filter(pk=officer_id)
        .first()
    )
    if officer is None:
        raise NotFound(_("执法人员不存在或无权查看"))
    return officer


def evidence_get_for_user(*, user, evidence_id: int) -> Evidence:
    return get_for_user(Evidence.objects.select_related("case__body__unit"), user, evidence_id)


def visit_get_for_user(*, user, visit_id: int) -> InspectionVisit:
    return get_for_user(
        InspectionVisit.objects.select_related("draw__plan__body__unit", "target"), user, visit_id
    )


def draw_get_for_user(*, user, plan_id: int) -> InspectionDraw:
    """The draw of a plan the user sees (404 when the plan has none or is not theirs)."""
    plan = plan_get_for_user(user=user, plan_id=plan_id)
    row = InspectionDraw.objects.filter(plan=plan).first()
    if row is None:
        raise NotFound(_("尚未抽取"))
    return row


def target_count() -> int:
    return InspectionTarget.objects.count()
