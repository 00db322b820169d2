"""Execution reports, post-decision evaluation (Art. 36), change and suspension (Art. 37)."""

import datetime as dt

import pytest

from fazhi.core.actors import SYSTEM
from fazhi.core.errors import ApplicationError, PermissionDenied
from fazhi.decisions.choices import ChangeKind, HeadDecision, MeetingKind, Procedure, Stage
from fazhi.decisions.services import dossier, execution

from .conftest import new_decision
from .test_dossier import through_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(government, bureau, justice, reviewer):
    decision = new_decision(
        government, bureau, procedures=[Procedure.LEGALITY_REVIEW, Procedure.COLLECTIVE_DISCUSSION]
    )
    dossier.decision_complete_draft(actor=SYSTEM, decision_id=decision.pk, version=None)
    through_review(decision, justice, reviewer)
    dossier.decision_discuss(
        actor=SYSTEM,
        decision_id=decision.pk,
        version=None,
        meeting_kind=MeetingKind.STANDING,
        meeting_on=dt.date(2026, 6, 30),
        minutes="纪要",
        head_name="县长张某",
        head_decision=HeadDecision.ADOPT,
        dissent="无",
    )
    return dossier.decision_publish(
        actor=SYSTEM,
        decision_id=decision.pk,
        version=None,
        published_on=dt.date(2026, 7, 3),
        explanation="",
        implementing_unit=bureau,
    )


def test_the_implementing_unit_reports_and_the_next_report_is_scheduled(
    published, drafter, clerk, nothing_written
):
    report = published.reports.get()
    with nothing_written(), pytest.raises(PermissionDenied):
        execution.report_submit(
            actor=clerk,
            report_id=report.pk,
            version=1,
            submitted_on=dt.date(2027, 1, 4),
            progress="x",
        )
    execution.report_submit(
        actor=drafter,
        report_id=report.pk,
        version=1,
        submitted_on=dt.date(2027, 1, 4),
        progress="完成改造12个小区",
        problems="资金拨付滞后",
    )
    assert list(published.reports.values_list("due_on", flat=True)) == [
        dt.date(2027, 1, 4),
        dt.date(2027, 7, 5),  # 4 July 2027 is a Sunday
    ]


def test_suspension_and_change_go_through_a_recorded_procedure(published, nothing_written):
    with nothing_written(), pytest.raises(ApplicationError) as exc:
        execution.decision_change(
            actor=SYSTEM,
            decision_id=published.pk,
            version=None,
            kind=ChangeKind.SUSPEND,
            reason="",
            meeting_kind=MeetingKind.STANDING,
            meeting_on=dt.date(2026, 9, 1),
        )
    assert "第37条" in exc.value.message
    with nothing_written(), pytest.raises(ApplicationError) as exc:
        execution.decision_change(
            actor=SYSTEM,
            decision_id=published.pk,
            version=None,
            kind=ChangeKind.RESUME,
            reason="恢复",
            meeting_kind=MeetingKind.STANDING,
            meeting_on=dt.date(2026, 9, 1),
        )
    assert exc.value.code == "change_state"
    execution.decision_change(
        actor=SYSTEM,
        decision_id=published.pk,
        version=None,
        kind=ChangeKind.SUSPEND,
        reason="上级政策调整",
        meeting_kind=MeetingKind.STANDING,
        meeting_on=dt.date(2026, 9, 1),
    )
    published.refresh_from_db()
    assert published.stage == Stage.SUSPENDED


def test_an_evaluation_follows_publication(government, bureau, published, nothing_written):
    draft = dossier.decision_create(
        actor=SYSTEM,
        body=government,
        drafting_unit=bureau,
        title="县城停车收费调整",
        options="方案",
        justification="说明",
    )
    with nothing_written(), pytest.raises(ApplicationError) as exc:
        execution.evaluation_start(
            actor=SYSTEM,
            decision_id=draft.pk,
            version=None,
            trigger="body",
            evaluator="县政府",
            third_party=False,
            started_on=dt.date(2027, 3, 1),
        )
    assert "第36条" in exc.value.message
    evaluation = execution.evaluation_start(
        actor=SYSTEM,
        decision_id=published.pk,
        version=None,
        trigger="objections",
        evaluator="山西大学公共管理学院",
        third_party=True,
        started_on=dt.date(2027, 3, 1),
    )
    with nothing_written(), pytest.raises(ApplicationError):
        execution.evaluation_complete(
            actor=SYSTEM,
            evaluation_id=evaluation.pk,
            version=1,
            conclusion="",
            completed_on=dt.date(2027, 5, 1),
        )
    execution.evaluation_complete(
        actor=SYSTEM,
        evaluation_id=evaluation.pk,
        version=1,
        conclusion="基本达到预期,建议调整补贴标准",
        completed_on=dt.date(2027, 5, 1),
    )


def test_the_dossier_shows_the_days_left_to_a_report_due(published, drafter):
    from django.test import Client
    from django.urls import reverse

    from fazhi.core.templatetags.fazhi import days_left

    report = published.reports.get()
    client = Client()
    client.force_login(drafter)
    page = client.get(reverse("decisions:decision_detail", args=[published.pk])).content.decode()
    table = page[page.index('id="reports"') :]
    assert days_left(report.due_on) in table[: table.index("</table>")]
