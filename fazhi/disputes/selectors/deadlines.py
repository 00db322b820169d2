"""The deadline board (期限预警): every open statutory clock of the user's cases."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy

from fazhi.core import dates

from ..choices import (
    LitigationStatus,
    PetitionStatus,
    ReconsiderationStatus,
    SupplementStatus,
)
from ..models import (
    LitigationCase,
    OversightLetter,
    Petition,
    ReconsiderationCase,
    SupplementRequest,
)

RS = ReconsiderationStatus


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
    "recon_copy": gettext_lazy("发送申请书副本"),
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
            "recon_copy",
            rc.filter(status=RS.ACCEPTED, copy_sent_on__isnull=True, copy_due__lte=limit),
            "copy_due",
            "copy_due_provisional",
            *recon,
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
    today = dates.today(today)
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
    today = dates.today(today)
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
