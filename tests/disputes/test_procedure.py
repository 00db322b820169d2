"""Issue 11, reconsideration: the parties' views are heard before an ordinary-procedure
decision (行政复议法 Art. 49), and the copy to the respondent (Art. 48) is on the deadline board."""

import datetime as dt

import pytest
from django.urls import reverse

from fazhi.core.errors import ApplicationError
from fazhi.core.models import AuditEvent
from fazhi.disputes import selectors, services
from fazhi.disputes.choices import ReconsiderationStatus as RS
from fazhi.disputes.errors import DisputesError
from fazhi.disputes.models import ReconsiderationCase, ReconsiderationHearing
from tests.disputes.helpers import decide

D = dt.date


def _decide(clerk, case):
    return decide(clerk, case, number="天政复〔2026〕21号")


def _hear(clerk, case, kind, held_on=D(2026, 3, 2), **kw):
    return services.reconsideration_record_hearing(
        actor=clerk, case=case, kind=kind, held_on=held_on, **kw
    )


def _state(case):
    row = ReconsiderationCase.objects.get(pk=case.pk)
    return row.status, row.decided_on, row.version, AuditEvent.objects.count()


def test_ordinary_case_without_the_parties_heard_cannot_be_decided(clerk, accepted_case):
    before = _state(accepted_case)
    with pytest.raises(ApplicationError) as exc:
        _decide(clerk, accepted_case)
    assert exc.value.code == DisputesError.VIEWS_NOT_HEARD
    assert "第49条" in exc.value.message and "听取当事人的意见" in exc.value.message
    assert _state(accepted_case) == before


def test_a_site_investigation_or_a_later_hearing_of_views_is_not_enough(clerk, accepted_case):
    _hear(clerk, accepted_case, "site_investigation")
    _hear(clerk, accepted_case, "views", held_on=D(2026, 3, 25))  # after the decision date
    before = _state(accepted_case)
    with pytest.raises(ApplicationError) as exc:
        _decide(clerk, accepted_case)
    assert exc.value.code == DisputesError.VIEWS_NOT_HEARD
    assert _state(accepted_case) == before


@pytest.mark.parametrize("kind", ["views", "hearing"])
def test_views_heard_or_a_hearing_held_allow_the_decision(clerk, accepted_case, kind):
    extra = {"notice_on": D(2026, 2, 25), "held_on": D(2026, 3, 5)} if kind == "hearing" else {}
    _hear(clerk, accepted_case, kind, **extra)
    assert _decide(clerk, accepted_case).status == RS.DECIDED


def test_written_review_needs_the_partys_reason_and_then_allows_the_decision(clerk, accepted_case):
    before = ReconsiderationHearing.objects.count(), AuditEvent.objects.count()
    with pytest.raises(ApplicationError) as exc:
        _hear(clerk, accepted_case, "written_review", summary="  ")
    assert exc.value.fields == {"summary": "必填"}
    assert (ReconsiderationHearing.objects.count(), AuditEvent.objects.count()) == before
    _hear(clerk, accepted_case, "written_review", summary="申请人三次电话均拒绝陈述意见")
    assert _decide(clerk, accepted_case).status == RS.DECIDED


def test_simplified_case_may_be_decided_on_the_papers(clerk, received_case):
    case = services.reconsideration_accept(
        actor=clerk, case=received_case, accepted_on=D(2026, 2, 24), procedure="simplified"
    )
    assert _decide(clerk, case).status == RS.DECIDED


def test_the_page_shows_the_refusal_on_the_decision_form(client, clerk, accepted_case):
    client.force_login(clerk)
    url = reverse("disputes:reconsideration_action", args=[accepted_case.pk, "decide"])
    data = {
        "decide-decided_on": "2026-03-20",
        "decide-decision_type": "uphold",
        "decide-doc_number": "天政复〔2026〕21号",
        "decide-text": "维持",
        "decide-version": accepted_case.version,
    }
    before = _state(accepted_case)
    page = client.post(url, data)
    assert page.status_code == 200
    body = page.content.decode()
    form = body[body.index('id="action-decide"') :]
    assert "第49条" in form[: form.index("</form>")]
    assert _state(accepted_case) == before


# --- the copy to the respondent on the deadline board ---------------------------------------


def test_acceptance_sets_the_copy_deadline(accepted_case):
    # Accepted Tue 24 Feb 2026; 7 working days, Sat 28 Feb an adjusted working day: 4 March.
    assert (accepted_case.copy_due, accepted_case.copy_due_provisional) == (D(2026, 3, 4), False)


def test_a_copy_44_days_overdue_is_counted_and_listed(supervisor, clerk, accepted_case):
    today = D(2026, 4, 17)  # 4 March + 44 days
    counts = selectors.deadline_counts(user=supervisor, within_days=15, today=today)
    assert counts["recon_copy"] == {"overdue": 1, "upcoming": 0}
    items = [
        i
        for i in selectors.upcoming_deadlines(supervisor, 15, today=today)
        if i.kind == "recon_copy"
    ]
    assert [(i.title.split()[0], i.due, i.days_left(today)) for i in items] == [
        (accepted_case.number, D(2026, 3, 4), -44)
    ]
    services.reconsideration_send_copy(actor=clerk, case=accepted_case, sent_on=D(2026, 3, 3))
    counts = selectors.deadline_counts(user=supervisor, within_days=15, today=today)
    assert counts["recon_copy"] == {"overdue": 0, "upcoming": 0}


def test_deemed_acceptance_starts_the_copy_clock(received_case):
    services.reconsideration_apply_deadlines(on=D(2026, 3, 2))
    received_case.refresh_from_db()
    assert received_case.acceptance_deemed and received_case.copy_due is not None
    assert received_case.copy_due > received_case.accepted_on


def test_the_deadline_page_names_the_copy(client, supervisor, accepted_case):
    client.force_login(supervisor)
    body = client.get("/disputes/deadlines/?within=400").content.decode()
    assert "发送申请书副本" in body and accepted_case.number in body
