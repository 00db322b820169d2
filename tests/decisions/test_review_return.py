"""Art. 26 ¶1: the legality-review body returns a submission whose materials fall short; the
drafter resubmits and the review time runs again from the complete submission."""

import datetime as dt

import pytest

from fazhi.core.actors import SYSTEM
from fazhi.core.choices import Role
from fazhi.core.errors import ApplicationError, PermissionDenied
from fazhi.core.models import AuditEvent
from fazhi.decisions.choices import Procedure, Stage
from fazhi.decisions.events import Event
from fazhi.decisions.models import Decision
from fazhi.decisions.services import dossier

from .conftest import new_decision
from .test_dossier import BASIS, submit_review

pytestmark = pytest.mark.django_db
MISSING = "缺少风险评估报告;缺少公众意见采纳情况说明"


@pytest.fixture
def submitted(government, bureau, justice):
    decision = new_decision(
        government, bureau, procedures=[Procedure.LEGALITY_REVIEW, Procedure.COLLECTIVE_DISCUSSION]
    )
    dossier.decision_complete_draft(actor=SYSTEM, decision_id=decision.pk, version=None)
    return submit_review(decision, justice)


def _return(decision, actor, missing=MISSING, on=dt.date(2026, 6, 18)):
    return dossier.decision_return_materials(
        actor=actor, decision_id=decision.pk, version=None, missing=missing, returned_on=on
    )


def test_the_reviewer_returns_and_the_period_restarts_from_the_resubmission(
    submitted, justice, reviewer
):
    decision = _return(submitted, reviewer)
    assert decision.stage == Stage.LEGALITY
    assert decision.review_submitted_on is None and decision.review_due_on is None
    assert (decision.review_returned_on, decision.review_missing) == (dt.date(2026, 6, 18), MISSING)
    event = AuditEvent.objects.filter(action=Event.DECISION_RETURN_MATERIALS).get()
    assert event.after["review_missing"] == MISSING
    assert event.before["review_submitted_on"] == "2026-06-16"

    # The drafter resubmits; the seven working days count from the new submission (6 July, Mon).
    with pytest.raises(ApplicationError) as exc:
        submit_review(decision, justice, dt.date(2026, 7, 6), dt.date(2026, 7, 10))
    assert exc.value.code == "review_time" and "2026年7月15日" in exc.value.message
    decision = submit_review(
        decision,
        justice,
        dt.date(2026, 7, 6),
        dt.date(2026, 7, 15),
        basis=BASIS + ";补充风险评估报告",
    )
    assert decision.review_submitted_on == dt.date(2026, 7, 6)
    assert dossier.review_time_floor(decision, decision.review_submitted_on) == dt.date(2026, 7, 15)


def test_only_the_reviewing_body_may_return(
    submitted, drafter, clerk, make_user, bureau, nothing_written
):
    drafting_reviewer = make_user(Role.REVIEWER, unit=bureau)
    for actor in (drafter, clerk, drafting_reviewer):
        with nothing_written(), pytest.raises(PermissionDenied):
            _return(submitted, actor)
    assert Decision.objects.get(pk=submitted.pk).review_submitted_on == dt.date(2026, 6, 16)


def test_a_return_names_the_missing_materials_and_follows_a_submission(
    submitted, reviewer, justice, nothing_written
):
    with nothing_written(), pytest.raises(ApplicationError) as exc:
        _return(submitted, reviewer, missing="  ")
    assert "第26条第1款" in exc.value.message and "missing" in exc.value.fields
    with nothing_written(), pytest.raises(ApplicationError) as exc:
        _return(submitted, reviewer, on=dt.date(2026, 6, 15))
    assert "returned_on" in exc.value.fields
    _return(submitted, reviewer)
    with nothing_written(), pytest.raises(ApplicationError) as exc:
        _return(submitted, reviewer)
    assert exc.value.code == "out_of_order"
    with nothing_written(), pytest.raises(ApplicationError) as exc:
        submit_review(submitted, justice, dt.date(2026, 6, 17), dt.date(2026, 6, 30))
    assert "submitted_on" in exc.value.fields


def test_the_dossier_page_offers_the_return_to_the_reviewer_and_shows_it(
    submitted, reviewer, drafter, client
):
    client.force_login(drafter)
    assert "退回补充材料" not in client.get(f"/decisions/{submitted.pk}/").content.decode()
    client.force_login(reviewer)
    url = f"/decisions/{submitted.pk}/"
    assert 'name="return_materials-missing"' in client.get(url).content.decode()
    response = client.post(
        f"{url}?action=return_materials",
        {
            "return_materials-version": submitted.version,
            "return_materials-missing": MISSING,
            "return_materials-returned_on": "2026-06-18",
        },
    )
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert 'id="review-return"' in page and "缺少风险评估报告" in page
