"""Suspension (中止, Arts. 39-40) and termination (终止, Art. 41) of reconsideration cases."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core import dates, periods
from fazhi.core.actors import SYSTEM, Actor, user_or_none
from fazhi.core.writes import guarded, validate

from ..choices import (
    LAPSING_SUSPENSION_GROUNDS,
    ReconsiderationStatus,
    SuspensionGround,
    TerminationGround,
)
from ..errors import DisputesError
from ..events import Event
from ..models import ReconsiderationCase, ReconsiderationSuspension
from .common import not_before, past, refuse
from .reconsideration import extension_days, handled, set_decision_due

RS = ReconsiderationStatus


def _notice_date(notified_on: dt.date | None, start: dt.date, field: str) -> dt.date:
    """The date the parties were told in writing (Art. 39 ¶3); the act's own date by default."""
    notified_on = notified_on or start
    past(notified_on, field, _("书面告知日期"))
    not_before(notified_on, start, field, _("书面告知日期不能早于中止、恢复或终止的日期"))
    return notified_on


@transaction.atomic
def reconsideration_suspend(
    *,
    actor: Actor,
    case: ReconsiderationCase,
    ground: str,
    suspended_on: dt.date,
    note: str = "",
    notified_on: dt.date | None = None,
    version: int | None = None,
) -> ReconsiderationSuspension:
    """Suspend the hearing on one of the grounds of Art. 39; the decision period stops running."""
    g = handled(
        case,
        actor=actor,
        action=Event.RECONSIDERATION_SUSPEND,
        version=version,
        allowed=(RS.ACCEPTED,),
        refusal=_("案件当前状态为“%(status)s”,只有已受理、尚未作出决定的案件可以中止审理"),
    )
    with g as case:
        if ground not in SuspensionGround.values:
            raise refuse(_("请选择中止事由(行政复议法第39条第1款)"), "ground", _("必填"))
        note = (note or "").strip()
        if ground == SuspensionGround.OTHER and not note:
            raise refuse(_("中止事由为“其他情形”的,请写明具体原因"), "note", _("必填"))
        past(suspended_on, "suspended_on", _("中止日期"))
        not_before(suspended_on, case.accepted_on, "suspended_on", _("中止日期不能早于受理日期"))
        if case.decision_due and suspended_on > case.decision_due:
            raise refuse(
                _("决定期限已于 %(date)s 届满,不能再中止审理")
                % {"date": dates.day(case.decision_due)},
                "suspended_on",
                _("期限已过"),
                code=DisputesError.PERIOD_PASSED,
            )
        notified_on = _notice_date(notified_on, suspended_on, "notified_on")
        lapses_on = (
            periods.due("disputes.recon_suspension_lapse", suspended_on).date
            if ground in LAPSING_SUSPENSION_GROUNDS
            else None
        )
        suspension = ReconsiderationSuspension(
            case=case,
            ground=ground,
            started_on=suspended_on,
            notified_on=notified_on,
            note=note,
            lapses_on=lapses_on,
            recorded_by=user_or_none(actor),
        )
        validate(suspension)
        suspension.save()
        case.status = RS.SUSPENDED
        g.note(
            ground=ground, suspended_on=suspended_on, notified_on=notified_on, lapses_on=lapses_on
        )
    return suspension


@transaction.atomic
def reconsideration_resume(
    *,
    actor: Actor,
    case: ReconsiderationCase,
    resumed_on: dt.date,
    note: str = "",
    notified_on: dt.date | None = None,
    version: int | None = None,
) -> ReconsiderationCase:
    """The cause of the suspension is gone: the hearing resumes and the decision date moves."""
    g = handled(
        case,
        actor=actor,
        action=Event.RECONSIDERATION_RESUME,
        version=version,
        allowed=(RS.SUSPENDED,),
        refusal=_("案件未中止审理(当前状态为“%(status)s”),不能恢复审理"),
    )
    with g as case:
        suspension = case.suspensions.select_for_update().get(resumed_on__isnull=True)
        past(resumed_on, "resumed_on", _("恢复审理日期"))
        not_before(
            resumed_on,
            suspension.started_on,
            "resumed_on",
            _("恢复审理日期不能早于中止日期(%(date)s)")
            % {"date": dates.day(suspension.started_on)},
        )
        notified_on = _notice_date(notified_on, resumed_on, "notified_on")
        suspension.resumed_on, suspension.resume_notified_on = resumed_on, notified_on
        suspension.resume_note = (note or "").strip()
        suspension.save(
            update_fields=["resumed_on", "resume_notified_on", "resume_note", "updated_at"]
        )
        case.status = RS.ACCEPTED
        set_decision_due(case, extension_days(case))
        g.note(resumed_on=resumed_on, notified_on=notified_on, suspended_days=suspension.days)
    return case


def _end(case: ReconsiderationCase, *, ground, terminated_on, notified_on, note) -> None:
    case.status, case.terminated_on, case.termination_ground = (
        RS.TERMINATED,
        terminated_on,
        ground,
    )
    case.termination_notified_on, case.termination_note = notified_on, note


@transaction.atomic
def reconsideration_terminate(
    *,
    actor: Actor,
    case: ReconsiderationCase,
    ground: str,
    terminated_on: dt.date,
    note: str = "",
    notified_on: dt.date | None = None,
    version: int | None = None,
) -> ReconsiderationCase:
    """Terminate an accepted or suspended case on one of the grounds of Art. 41 (a conclusion)."""
    with handled(
        case,
        actor=actor,
        action=Event.RECONSIDERATION_TERMINATE,
        version=version,
        allowed=(RS.ACCEPTED, RS.SUSPENDED),
        refusal=_("案件当前状态为“%(status)s”,只有审理中或中止审理的案件可以终止"),
    ) as case:
        if ground not in TerminationGround.values:
            raise refuse(_("请选择终止事由(行政复议法第41条)"), "ground", _("必填"))
        past(terminated_on, "terminated_on", _("终止日期"))
        not_before(terminated_on, case.accepted_on, "terminated_on", _("终止日期不能早于受理日期"))
        suspension = (
            case.suspensions.filter(resumed_on__isnull=True).first()
            if case.status == RS.SUSPENDED
            else None
        )
        if suspension:
            not_before(
                terminated_on,
                suspension.started_on,
                "terminated_on",
                _("终止日期不能早于中止日期(%(date)s)")
                % {"date": dates.day(suspension.started_on)},
            )
        if ground == TerminationGround.SUSPENSION_LAPSED and not (
            suspension and suspension.lapses_on and terminated_on > suspension.lapses_on
        ):
            raise refuse(
                _(
                    "只有因第39条第1款第1、2、4项中止满六十日、原因仍未消除的案件,"
                    "才能依第41条第5项终止"
                ),
                "ground",
                _("条件不符"),
                code=DisputesError.TERMINATION_GROUND,
            )
        notified_on = _notice_date(notified_on, terminated_on, "notified_on")
        _end(
            case,
            ground=ground,
            terminated_on=terminated_on,
            notified_on=notified_on,
            note=(note or "").strip(),
        )
    return case


def terminate_lapsed_suspensions(on: dt.date) -> int:
    """Art. 41 (5): a case suspended on grounds 39 (1), (2) or (4) for more than 60 days ends."""
    count = 0
    for suspension in ReconsiderationSuspension.objects.filter(
        resumed_on__isnull=True, case__status=RS.SUSPENDED, lapses_on__lt=on
    ).order_by("lapses_on", "pk"):
        with guarded(
            ReconsiderationCase,
            suspension.case_id,
            actor=SYSTEM,
            allowed=(RS.SUSPENDED,),
            action=Event.RECONSIDERATION_TERMINATED_LAPSED,
        ) as case:
            _end(
                case,
                ground=TerminationGround.SUSPENSION_LAPSED,
                terminated_on=suspension.terminates_on,
                notified_on=None,
                note="",
            )
        count += 1
    return count
