"""Suspension (中止, Art. 39-40) and termination (终止, Art. 41) of reconsideration cases."""

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser

from fazhi.core.errors import ApplicationError, PermissionDenied
from fazhi.core.models import AuditEvent
from fazhi.disputes import selectors, services
from fazhi.disputes.choices import ReconsiderationStatus as RS
from fazhi.disputes.models import ReconsiderationCase, ReconsiderationSuspension
from tests.disputes.helpers import decide, form, hear_views

D = dt.date


def _state(case):
    case.refresh_from_db()
    return (
        case.status,
        case.version,
        case.decision_due,
        case.terminated_on,
        ReconsiderationSuspension.objects.filter(case=case).count(),
        AuditEvent.objects.count(),
    )


def _suspend(clerk, case, on, ground="missing", **kw):
    return services.reconsideration_suspend(
        actor=clerk, case=case, ground=ground, suspended_on=on, **kw
    )


def _decide(clerk, case):
    return decide(clerk, case, number="天政复〔2026〕9号")


# --- guards ---------------------------------------------------------------------------------


def test_resume_of_a_case_that_is_not_suspended_is_refused_and_nothing_written(
    clerk, accepted_case
):
    before = _state(accepted_case)
    with pytest.raises(ApplicationError) as exc:
        services.reconsideration_resume(actor=clerk, case=accepted_case, resumed_on=D(2026, 3, 2))
    assert "未中止审理" in exc.value.message and "不能恢复审理" in exc.value.message
    assert _state(accepted_case) == before


def test_suspension_of_a_decided_case_is_refused_and_nothing_written(clerk, accepted_case):
    hear_views(clerk, accepted_case)
    _decide(clerk, accepted_case)
    before = _state(accepted_case)
    with pytest.raises(ApplicationError) as exc:
        _suspend(clerk, accepted_case, D(2026, 3, 25))
    assert "已作出决定" in exc.value.message
    assert "只有已受理、尚未作出决定的案件可以中止审理" in exc.value.message
    assert _state(accepted_case) == before


def test_suspension_of_a_case_not_yet_accepted_is_refused(clerk, received_case):
    before = _state(received_case)
    with pytest.raises(ApplicationError) as exc:
        _suspend(clerk, received_case, D(2026, 2, 16))
    assert "待受理审查" in exc.value.message
    assert _state(received_case) == before


def test_suspension_needs_a_ground_and_a_reason_for_other(clerk, accepted_case):
    before = _state(accepted_case)
    with pytest.raises(ApplicationError) as exc:
        _suspend(clerk, accepted_case, D(2026, 3, 2), ground="")
    assert "请选择中止事由" in exc.value.message
    with pytest.raises(ApplicationError) as exc:
        _suspend(clerk, accepted_case, D(2026, 3, 2), ground="other", note="  ")
    assert "请写明具体原因" in exc.value.message
    assert _state(accepted_case) == before


def test_notice_date_before_the_suspension_is_refused(clerk, accepted_case):
    before = _state(accepted_case)
    with pytest.raises(ApplicationError) as exc:
        _suspend(clerk, accepted_case, D(2026, 3, 2), notified_on=D(2026, 3, 1))
    assert "书面告知日期不能早于" in exc.value.message
    assert _state(accepted_case) == before


def test_suspension_after_the_decision_period_ran_out_is_refused(clerk, accepted_case):
    late = accepted_case.decision_due + dt.timedelta(days=1)
    with pytest.raises(ApplicationError) as exc:
        _suspend(clerk, accepted_case, late)
    assert "不能再中止审理" in exc.value.message


def test_a_suspended_case_cannot_be_decided_until_resumed(clerk, accepted_case):
    _suspend(clerk, accepted_case, D(2026, 3, 2))
    before = _state(accepted_case)
    with pytest.raises(ApplicationError) as exc:
        _decide(clerk, accepted_case)
    assert "案件已中止审理" in exc.value.message and "请先恢复审理" in exc.value.message
    assert _state(accepted_case) == before


def test_termination_of_a_decided_case_is_refused(clerk, accepted_case):
    hear_views(clerk, accepted_case)
    _decide(clerk, accepted_case)
    before = _state(accepted_case)
    with pytest.raises(ApplicationError) as exc:
        services.reconsideration_terminate(
            actor=clerk, case=accepted_case, ground="withdrawn", terminated_on=D(2026, 3, 25)
        )
    assert "只有审理中或中止审理的案件可以终止" in exc.value.message
    assert _state(accepted_case) == before


def test_lapse_ground_cannot_be_chosen_by_hand_before_sixty_days(clerk, accepted_case):
    _suspend(clerk, accepted_case, D(2026, 3, 16), ground="applicant_died")
    before = _state(accepted_case)
    with pytest.raises(ApplicationError) as exc:
        services.reconsideration_terminate(
            actor=clerk,
            case=accepted_case,
            ground="suspension_lapsed",
            terminated_on=D(2026, 5, 15),
        )
    assert "第41条第5项" in exc.value.message
    assert _state(accepted_case) == before


# --- the decision clock ------------------------------------------------------------------------


def test_suspension_records_ground_notice_and_audit(clerk, accepted_case):
    sus = _suspend(
        clerk, accepted_case, D(2026, 3, 2), ground="other_case", notified_on=D(2026, 3, 3)
    )
    accepted_case.refresh_from_db()
    assert accepted_case.status == RS.SUSPENDED
    assert (sus.ground, sus.started_on, sus.notified_on, sus.lapses_on) == (
        "other_case",
        D(2026, 3, 2),
        D(2026, 3, 3),
        None,
    )
    event = AuditEvent.objects.filter(action="disputes.reconsideration_suspend").get()
    assert event.after["ground"] == "other_case" and event.after["notified_on"] == "2026-03-03"
    decision = [m for m in selectors.reconsideration_milestones(accepted_case)][-1]
    assert decision.due is None and decision.note == "中止期间暂停计算"


def test_decision_due_moves_by_the_suspended_calendar_days(clerk, accepted_case):
    # Accepted Tuesday 24 February 2026, ordinary procedure: 60 days → Saturday 25 April,
    # a rest day, so Monday 27 April.
    assert accepted_case.decision_due == D(2026, 4, 27)
    _suspend(clerk, accepted_case, D(2026, 3, 2))
    case = services.reconsideration_resume(
        actor=clerk, case=accepted_case, resumed_on=D(2026, 3, 7), note="申请人已联系上"
    )
    # Suspended 2-7 March: 5 calendar days do not count → 30 April.
    assert (case.status, case.decision_due) == (RS.ACCEPTED, D(2026, 4, 30))
    sus = case.suspensions.get()
    assert (sus.days, sus.resume_notified_on) == (5, D(2026, 3, 7))
    event = AuditEvent.objects.filter(action="disputes.reconsideration_resume").get()
    assert event.before["decision_due"] == "2026-04-27"
    assert event.after["decision_due"] == "2026-04-30"
    # A second suspension adds up, and an approved extension still counts on top.
    _suspend(clerk, case, D(2026, 3, 10))
    case = services.reconsideration_resume(actor=clerk, case=case, resumed_on=D(2026, 3, 12))
    assert case.decision_due == D(2026, 5, 6)  # 2 more days: 2 May, in the Labour Day break
    services.reconsideration_extend(
        actor=clerk,
        case=case,
        approved_on=D(2026, 4, 20),
        approver="王主任",
        days=10,
        reason="案情复杂",
    )
    case.refresh_from_db()
    assert case.decision_due == D(2026, 5, 12)  # 24 Feb + 60 + 10 + 7 suspended days


def test_suspended_cases_are_not_on_the_overdue_decision_list(clerk, supervisor, accepted_case):
    _suspend(clerk, accepted_case, D(2026, 3, 2))
    items = selectors.upcoming_deadlines(supervisor, 30, today=D(2026, 4, 30))
    assert not [i for i in items if i.kind == "recon_decision"]
    assert [s.case_id for s in selectors.suspended_cases(user=supervisor)] == [accepted_case.pk]


# --- automatic termination (Art. 41 (5)) -----------------------------------------------------


def test_auto_termination_on_day_61_not_on_day_60(clerk, accepted_case):
    sus = _suspend(clerk, accepted_case, D(2026, 3, 16), ground="applicant_died")
    assert sus.lapses_on == D(2026, 5, 15) and sus.terminates_on == D(2026, 5, 16)
    assert services.reconsideration_apply_deadlines(on=D(2026, 5, 15))["terminated"] == 0
    accepted_case.refresh_from_db()
    assert accepted_case.status == RS.SUSPENDED
    assert services.reconsideration_apply_deadlines(on=D(2026, 5, 16))["terminated"] == 1
    accepted_case.refresh_from_db()
    assert (
        accepted_case.status,
        accepted_case.terminated_on,
        accepted_case.termination_ground,
        accepted_case.termination_notified_on,
    ) == (RS.TERMINATED, D(2026, 5, 16), "suspension_lapsed", None)
    event = AuditEvent.objects.filter(action="disputes.reconsideration_terminated_lapsed").get()
    assert event.actor is None and event.actor_name == "系统"
    assert event.after["termination_ground"] == "suspension_lapsed"
    # Idempotent: the next run finds nothing.
    assert services.reconsideration_apply_deadlines(on=D(2026, 5, 17))["terminated"] == 0


@pytest.mark.parametrize("ground", ["incapacitated", "organisation_ended"])
def test_auto_termination_covers_grounds_two_and_four(clerk, accepted_case, ground):
    _suspend(clerk, accepted_case, D(2026, 3, 16), ground=ground)
    assert services.reconsideration_apply_deadlines(on=D(2026, 5, 16))["terminated"] == 1


@pytest.mark.parametrize("ground", ["missing", "force_majeure", "other_case", "norm_review"])
def test_no_auto_termination_for_other_grounds(clerk, accepted_case, ground):
    _suspend(clerk, accepted_case, D(2026, 3, 16), ground=ground)
    assert services.reconsideration_apply_deadlines(on=D(2026, 11, 30))["terminated"] == 0
    accepted_case.refresh_from_db()
    assert accepted_case.status == RS.SUSPENDED


def test_resumed_case_is_not_terminated(clerk, accepted_case):
    _suspend(clerk, accepted_case, D(2026, 3, 16), ground="applicant_died")
    services.reconsideration_resume(actor=clerk, case=accepted_case, resumed_on=D(2026, 4, 1))
    assert services.reconsideration_apply_deadlines(on=D(2026, 6, 1))["terminated"] == 0


# --- termination by hand ---------------------------------------------------------------------


def test_withdrawal_terminates_an_accepted_case(clerk, accepted_case):
    case = services.reconsideration_terminate(
        actor=clerk,
        case=accepted_case,
        ground="withdrawn",
        terminated_on=D(2026, 3, 10),
        notified_on=D(2026, 3, 11),
        note="双方和解,申请人撤回申请",
    )
    assert (case.status, case.termination_ground, case.termination_notified_on) == (
        RS.TERMINATED,
        "withdrawn",
        D(2026, 3, 11),
    )
    assert AuditEvent.objects.filter(action="disputes.reconsideration_terminate").count() == 1
    decision = selectors.reconsideration_milestones(case)[-1]
    assert decision.due is None and decision.note == "已终止,不再作出决定"
    with pytest.raises(ApplicationError):
        services.reconsideration_resume(actor=clerk, case=case, resumed_on=D(2026, 3, 12))


def test_a_suspended_case_may_be_terminated(clerk, accepted_case):
    _suspend(clerk, accepted_case, D(2026, 3, 16), ground="applicant_died")
    case = services.reconsideration_terminate(
        actor=clerk, case=accepted_case, ground="no_heir", terminated_on=D(2026, 4, 1)
    )
    assert case.status == RS.TERMINATED and case.termination_notified_on == D(2026, 4, 1)
    # the lapsing job leaves it alone
    assert services.reconsideration_apply_deadlines(on=D(2026, 6, 1))["terminated"] == 0


def test_terminated_cases_count_as_concluded(clerk, accepted_case, application):
    hear_views(clerk, accepted_case)
    _decide(clerk, accepted_case)  # uphold
    second, _ = services.reconsideration_apply(
        actor=clerk,
        application=application(applicant_name="李四"),
        channel="counter",
        received_on=D(2026, 3, 2),
    )
    services.reconsideration_accept(
        actor=clerk, case=second, accepted_on=D(2026, 3, 3), procedure="ordinary"
    )
    services.reconsideration_terminate(
        actor=clerk, case=second, ground="withdrawn", terminated_on=D(2026, 3, 20)
    )
    total = selectors.reconsideration_statistics(year=2026)["total"]
    assert (total["decided"], total["terminated"], total["concluded"]) == (1, 1, 2)
    assert total["correction_rate"] == 0.0
    assert selectors.reconsideration_correction_rate(year=2026) == 0.0


class _WithOldPeriodTable:
    """The registry migration 0003 ran against: today's models plus the former period table
    (since moved to the kernel), which records what the migration seeds into it."""

    def __init__(self):
        self.periods = []
        self.objects = self

    def get_or_create(self, *, key, defaults):
        self.periods.append(key)
        return None, True

    def get_model(self, app, name):
        return self if (app, name) == ("disputes", "StatutoryPeriod") else apps.get_model(app, name)


def test_withdrawals_recorded_as_decisions_become_terminations(clerk, accepted_case):
    """Migration 0003 folds the former decision type 和解撤回/终止 into termination."""
    ReconsiderationCase.objects.filter(pk=accepted_case.pk).update(
        status=RS.DECIDED,
        decided_on=D(2026, 3, 20),
        decision_type="settlement_withdrawn",
        decision_doc_number="天政复〔2026〕5号",
        decision_text="申请人撤回申请,终止审理",
    )
    migration = importlib.import_module("fazhi.disputes.migrations.0003_suspension_termination")
    registry = _WithOldPeriodTable()
    migration.forwards(registry, None)
    assert registry.periods == ["recon_suspension_lapse"]
    accepted_case.refresh_from_db()
    assert (
        accepted_case.status,
        accepted_case.termination_ground,
        accepted_case.terminated_on,
        accepted_case.decided_on,
        accepted_case.decision_type,
        accepted_case.termination_note,
    ) == (RS.TERMINATED, "withdrawn", D(2026, 3, 20), None, "", "申请人撤回申请,终止审理")
    migration.backwards(apps, None)
    accepted_case.refresh_from_db()
    assert (accepted_case.status, accepted_case.decision_type) == (
        RS.DECIDED,
        "settlement_withdrawn",
    )


# --- permissions and pages -------------------------------------------------------------------


def test_reporters_cannot_suspend_resume_or_terminate(
    clerk, accepted_case, other_reporter, respondent_reporter
):
    before = _state(accepted_case)
    for user in (other_reporter, respondent_reporter):
        with pytest.raises(PermissionDenied):
            _suspend(user, accepted_case, D(2026, 3, 2))
        with pytest.raises(PermissionDenied):
            services.reconsideration_terminate(
                actor=user, case=accepted_case, ground="withdrawn", terminated_on=D(2026, 3, 2)
            )
    _suspend(clerk, accepted_case, D(2026, 3, 2))
    with pytest.raises(PermissionDenied):
        services.reconsideration_resume(
            actor=other_reporter, case=accepted_case, resumed_on=D(2026, 3, 5)
        )
    assert _state(accepted_case)[4] == before[4] + 1


def test_reporter_of_another_unit_cannot_post_a_suspension(client, other_reporter, accepted_case):
    client.force_login(other_reporter)
    response = client.post(
        f"/disputes/reconsiderations/{accepted_case.pk}/suspend/",
        form("suspend", ground="missing", suspended_on="2026-03-02", version=accepted_case.version),
    )
    assert response.status_code == 404
    accepted_case.refresh_from_db()
    assert accepted_case.status == RS.ACCEPTED


def test_respondent_reporter_sees_no_forms_and_cannot_post(
    client, respondent_reporter, accepted_case
):
    client.force_login(respondent_reporter)
    page = client.get(f"/disputes/reconsiderations/{accepted_case.pk}/").content.decode()
    assert 'data-action="suspend"' not in page and 'data-action="terminate"' not in page
    client.post(
        f"/disputes/reconsiderations/{accepted_case.pk}/suspend/",
        form("suspend", ground="missing", suspended_on="2026-03-02", version=accepted_case.version),
    )
    accepted_case.refresh_from_db()
    assert accepted_case.status == RS.ACCEPTED


def test_clerk_suspends_and_resumes_through_the_page(client, clerk, accepted_case):
    client.force_login(clerk)
    url = f"/disputes/reconsiderations/{accepted_case.pk}/"
    page = client.get(url).content.decode()
    assert 'data-action="suspend"' in page and 'data-action="terminate"' in page
    client.post(
        url + "suspend/",
        form(
            "suspend",
            ground="applicant_died",
            suspended_on="2026-03-16",
            notified_on="2026-03-17",
            note="申请人去世",
            version=accepted_case.version,
        ),
    )
    page = client.get(url).content.decode()
    assert 'id="suspension-alert"' in page and "2026年5月16日" in page
    assert 'data-action="resume"' in page and 'data-action="decide"' not in page
    assert "中止与恢复审理" in page
    accepted_case.refresh_from_db()
    client.post(
        url + "resume/", form("resume", resumed_on="2026-03-26", version=accepted_case.version)
    )
    accepted_case.refresh_from_db()
    assert accepted_case.status == RS.ACCEPTED
    assert accepted_case.decision_due == D(2026, 5, 6)  # 24 Feb + 70 days = 5 May, a holiday


def test_deadline_page_lists_suspended_cases_with_termination_date(
    client, supervisor, clerk, accepted_case
):
    _suspend(clerk, accepted_case, D(2026, 3, 16), ground="organisation_ended")
    client.force_login(supervisor)
    page = client.get("/disputes/deadlines/").content.decode()
    table = page[page.index('id="suspended-table"') :]
    assert accepted_case.number in table and "2026年5月16日" in table


def test_list_filters_by_suspended_and_terminated(client, clerk, accepted_case):
    _suspend(clerk, accepted_case, D(2026, 3, 2))
    client.force_login(clerk)
    page = client.get("/disputes/reconsiderations/?status=suspended").content.decode()
    assert accepted_case.number in page
    page = client.get("/disputes/reconsiderations/?status=terminated").content.decode()
    assert accepted_case.number not in page


def test_public_query_shows_suspension_and_termination_in_plain_words(
    client, clerk, application, holidays, office
):
    case, code = services.reconsideration_apply(actor=AnonymousUser(), application=application())
    services.reconsideration_accept(
        actor=clerk, case=case, accepted_on=case.received_on, procedure="ordinary"
    )
    _suspend(clerk, case, case.received_on, ground="force_majeure")
    data = {"number": case.number, "code": code}
    page = client.post("/public/disputes/query/", data).content.decode()
    assert "中止审理" in page and "原因消除后将恢复审理" in page
    services.reconsideration_terminate(
        actor=clerk, case=case, ground="withdrawn", terminated_on=case.received_on
    )
    page = client.post("/public/disputes/query/", data).content.decode()
    assert "已终止" in page and "不再作出复议决定" in page and "申请人撤回申请" in page


def test_daily_command_reports_terminations(clerk, accepted_case):
    from io import StringIO

    from django.core.management import call_command

    _suspend(clerk, accepted_case, D(2026, 3, 16), ground="applicant_died")
    out = StringIO()
    call_command("disputes_deadlines", stdout=out)  # today is long after 16 May 2026
    assert "中止满期终止 1 件" in out.getvalue()
    accepted_case.refresh_from_db()
    assert accepted_case.status == RS.TERMINATED
