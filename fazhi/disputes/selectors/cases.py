"""Reads of the disputes cases: lists and details scoped with `.visible_to`, the case clock."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from fazhi.core import periods
from fazhi.core.actors import SYSTEM
from fazhi.core.scoping import get_for_user

from .. import filters
from ..choices import ReconsiderationStatus
from ..models import (
    AdjudicationCase,
    AdjudicationItem,
    CourtHearing,
    LitigationCase,
    MediationCase,
    OversightLetter,
    Petition,
    ReconsiderationCase,
    ReconsiderationSuspension,
)
from ..periods import by_procedure

RS = ReconsiderationStatus


def _basis(key: str) -> str:
    row = periods.setting(key)
    return periods.basis(row.law, row.article)


# --- reconsideration -------------------------------------------------------------------------


def reconsideration_list(*, user, params=None, request=None) -> QuerySet[ReconsiderationCase]:
    qs = ReconsiderationCase.objects.visible_to(user).select_related("respondent")
    return filters.ReconsiderationFilter(params or {}, queryset=qs, request=request).qs


def reconsideration_get_for_user(*, user, id: int) -> ReconsiderationCase:
    qs = ReconsiderationCase.objects.select_related(
        "respondent", "office", "created_by"
    ).prefetch_related(
        "attachments",
        "supplements",
        "hearings",
        "extensions",
        "suspensions",
        Prefetch("letters", queryset=OversightLetter.objects.select_related("addressee")),
        "lawsuits",
    )
    return get_for_user(qs, user, id)


@dataclass(frozen=True)
class Milestone:
    label: str
    due: dt.date | None
    done_on: dt.date | None
    provisional: bool = False
    basis: str = ""
    note: str = ""  # shown instead of a due date that does not run (suspended, terminated)


def reconsideration_milestones(case: ReconsiderationCase) -> list[Milestone]:
    """The statutory clock of one case, for its detail page and the applicant's query."""
    application = periods.due("disputes.recon_application", case.act_known_on)
    out = [
        Milestone(
            _("申请期限(知道行政行为之日起60日)"),
            application.date,
            case.received_on,
            basis=_basis("disputes.recon_application"),
        ),
    ]
    for sup in case.supplements.all():
        out.append(
            Milestone(
                _("申请人补正材料"),
                sup.reply_due,
                sup.supplied_on,
                sup.reply_due_provisional,
                _basis("disputes.recon_supplement_reply"),
            )
        )
    if case.acceptance_due or case.accepted_on or case.refused_on:
        out.append(
            Milestone(
                _("受理审查"),
                case.acceptance_due,
                case.accepted_on or case.refused_on,
                case.acceptance_due_provisional,
                _basis("disputes.recon_acceptance"),
            )
        )
    if case.accepted_on:
        if case.copy_due is None:  # a row the migration could not date
            copy = periods.due(by_procedure("copy", case.procedure), case.accepted_on)
            copy_due, copy_provisional = copy.date, copy.provisional
        else:
            copy_due, copy_provisional = case.copy_due, case.copy_due_provisional
        out.append(
            Milestone(
                _("发送申请书副本"),
                copy_due,
                case.copy_sent_on,
                copy_provisional,
                _basis(by_procedure("copy", case.procedure)),
            )
        )
        if case.respondent_reply_due:
            out.append(
                Milestone(
                    _("被申请人书面答复"),
                    case.respondent_reply_due,
                    case.respondent_replied_on,
                    False,
                    _basis(by_procedure("reply", case.procedure)),
                )
            )
        decision_basis = _basis(by_procedure("decision", case.procedure))
        # While suspended the decision clock stops: shown as "paused" until resumption moves it.
        for sus in case.suspensions.all():
            if sus.lapses_on and sus.resumed_on is None and case.status == RS.SUSPENDED:
                out.append(
                    Milestone(
                        _("中止满六十日(原因未消除的,次日自动终止)"),
                        sus.lapses_on,
                        None,
                        False,
                        _basis("disputes.recon_suspension_lapse"),
                    )
                )
        if case.status == RS.TERMINATED:
            decision = Milestone(
                _("作出复议决定"),
                None,
                None,
                basis=decision_basis,
                note=_("已终止,不再作出决定"),
            )
        else:
            decision = Milestone(
                _("作出复议决定"),
                None if case.status == RS.SUSPENDED else case.decision_due,
                case.decided_on,
                case.decision_due_provisional,
                decision_basis,
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
    """A published decision for the portal (anyone may read it)."""
    return get_for_user(
        ReconsiderationCase.objects.filter(status=RS.PUBLISHED).select_related(
            "respondent", "office__unit__region"
        ),
        SYSTEM,
        id,
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
    qs = LitigationCase.objects.select_related("defendant", "reconsideration").prefetch_related(
        "hearings",
        Prefetch("letters", queryset=OversightLetter.objects.select_related("addressee")),
    )
    return get_for_user(qs, user, id)


def letter_list(*, user, params=None, request=None) -> QuerySet[OversightLetter]:
    qs = OversightLetter.objects.visible_to(user).select_related(
        "addressee", "reconsideration", "litigation"
    )
    return filters.LetterFilter(params or {}, queryset=qs, request=request).qs


def letter_get_for_user(*, user, id: int) -> OversightLetter:
    qs = OversightLetter.objects.select_related("addressee", "reconsideration", "litigation")
    return get_for_user(qs, user, id)


# --- mediation, adjudication, petitions ---------------------------------------------------------


def mediation_list(*, user, params=None, request=None) -> QuerySet[MediationCase]:
    qs = MediationCase.objects.visible_to(user).select_related("unit")
    return filters.MediationFilter(params or {}, queryset=qs, request=request).qs


def mediation_get_for_user(*, user, id: int) -> MediationCase:
    return get_for_user(MediationCase.objects.select_related("unit"), user, id)


def adjudication_items(*, user) -> QuerySet[AdjudicationItem]:
    """The catalogue of the user's region, with case counts."""
    return (
        AdjudicationItem.objects.visible_to(user)
        .select_related("unit")
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
    return get_for_user(AdjudicationCase.objects.select_related("item", "item__unit"), user, id)


def petition_list(*, user, params=None, request=None) -> QuerySet[Petition]:
    qs = Petition.objects.visible_to(user).select_related("unit")
    return filters.PetitionFilter(params or {}, queryset=qs, request=request).qs


def petition_get_for_user(*, user, id: int) -> Petition:
    return get_for_user(Petition.objects.select_related("unit"), user, id)
