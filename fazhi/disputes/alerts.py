"""Deadline alerts of disputes (notifications' producer contract): the statutory clocks of the
deadline board (期限预警) that the platform's own users must meet, each to the unit that owes the
step: the reconsideration office (acceptance, copy, decision), the respondent (written reply),
the defendant (defence), the addressee of a letter, the unit handling a petition.

Clocks running against the applicant (补正) are not alerted. Titles carry case numbers only:
mails and group bots leave the platform, applicants' names stay in it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse

from fazhi.notifications.producers import Alert, horizon

from .choices import LitigationStatus, PetitionStatus, ReconsiderationStatus
from .models import LitigationCase, OversightLetter, Petition, ReconsiderationCase

RS = ReconsiderationStatus


@dataclass(frozen=True)
class Clock:
    kind: str
    model: type
    open: Q
    due: str
    unit: str  # lookup of the unit that owes the step
    number: str
    title: str  # "{number}", "{due}"
    url_name: str
    lead: str


CLOCKS = [
    Clock(
        "recon_acceptance",
        ReconsiderationCase,
        Q(status=RS.RECEIVED),
        "acceptance_due",
        "office__unit",
        "number",
        "复议申请 {number} 应于 {due} 前完成受理审查(行政复议法第30条)",
        "disputes:reconsideration_detail",
        "notifications.lead_disputes_recon_acceptance",
    ),
    Clock(
        "recon_copy",
        ReconsiderationCase,
        Q(status=RS.ACCEPTED, copy_sent_on__isnull=True),
        "copy_due",
        "office__unit",
        "number",
        "复议案件 {number} 应于 {due} 前将申请书副本发送被申请人",
        "disputes:reconsideration_detail",
        "notifications.lead_disputes_recon_copy",
    ),
    Clock(
        "recon_reply",
        ReconsiderationCase,
        Q(status=RS.ACCEPTED, respondent_replied_on__isnull=True),
        "respondent_reply_due",
        "respondent",
        "number",
        "复议案件 {number}:被申请人应于 {due} 前提出书面答复并提交证据、依据",
        "disputes:reconsideration_detail",
        "notifications.lead_disputes_recon_reply",
    ),
    Clock(
        "recon_decision",
        ReconsiderationCase,
        Q(status=RS.ACCEPTED),
        "decision_due",
        "office__unit",
        "number",
        "复议案件 {number} 应于 {due} 前作出行政复议决定",
        "disputes:reconsideration_detail",
        "notifications.lead_disputes_recon_decision",
    ),
    Clock(
        "letter_reply",
        OversightLetter,
        Q(replied_on__isnull=True),
        "reply_due",
        "addressee",
        "doc_number",
        "{number} 应于 {due} 前书面回复整改落实情况",
        "disputes:letter_detail",
        "notifications.lead_disputes_letter_reply",
    ),
    Clock(
        "lit_defence",
        LitigationCase,
        Q(status=LitigationStatus.PENDING, defence_submitted_on__isnull=True),
        "defence_due",
        "defendant",
        "court_case_number",
        "行政诉讼 {number} 应于 {due} 前提交答辩状及证据(行政诉讼法第67条)",
        "disputes:litigation_detail",
        "notifications.lead_disputes_lit_defence",
    ),
    Clock(
        "petition_acceptance",
        Petition,
        Q(status=PetitionStatus.RECEIVED),
        "acceptance_due",
        "unit",
        "number",
        "信访事项 {number} 应于 {due} 前书面告知是否受理",
        "disputes:petition_detail",
        "notifications.lead_disputes_petition_acceptance",
    ),
    Clock(
        "petition_handling",
        Petition,
        Q(status=PetitionStatus.ACCEPTED),
        "handling_due",
        "unit",
        "number",
        "信访事项 {number} 应于 {due} 前办结并出具处理意见",
        "disputes:petition_detail",
        "notifications.lead_disputes_petition_handling",
    ),
]


def _alerts(clock: Clock, on: dt.date) -> Iterator[Alert]:
    rows = (
        clock.model.objects.filter(clock.open)
        .filter(**{f"{clock.due}__gte": on, f"{clock.due}__lte": horizon(on, clock.lead)})
        .order_by(clock.due, "pk")
        .values_list("pk", clock.due, clock.number, f"{clock.unit}_id", f"{clock.unit}__region_id")
    )
    for pk, due, number, unit_id, region in rows:
        yield Alert(
            key=f"disputes.{clock.kind}:{pk}",
            due_on=due,
            title=clock.title.format(number=number, due=due.isoformat()),
            url=reverse(clock.url_name, args=[pk]),
            units=(unit_id,),
            region=region,
            lead=clock.lead,
        )


def upcoming(on: dt.date) -> Iterator[Alert]:
    for clock in CLOCKS:
        yield from _alerts(clock, on)
