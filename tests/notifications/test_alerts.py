"""Each app's alerts.py feeds the daily job; an alert reaches the inbox, SMTP and a group bot."""

import datetime as dt
import email
import email.policy

import pytest
from django.urls import reverse

from fazhi.core import periods
from fazhi.core.choices import Role
from fazhi.core.discovery import app_modules
from fazhi.core.models import AuditEvent, Region, StatutoryPeriod, User
from fazhi.disputes import alerts as disputes_alerts
from fazhi.disputes.choices import PetitionStatus
from fazhi.disputes.models import Petition
from fazhi.enforcement import alerts as enforcement_alerts
from fazhi.enforcement.choices import PartyKind
from fazhi.enforcement.models import EnforcementBody, Officer, PenaltyCase
from fazhi.normdocs import alerts as normdocs_alerts
from fazhi.normdocs.choices import Stage
from fazhi.normdocs.models import NormativeDocument
from fazhi.notifications import services
from fazhi.notifications.choices import DeliveryStatus
from fazhi.notifications.models import Delivery, Notification, Webhook
from fazhi.plans import alerts as plans_alerts
from fazhi.plans.choices import OwnerRole
from fazhi.plans.models import Chapter, Measure, Obligation, Plan, Task, TaskOwner
from tests.factories import UnitFactory, UserFactory

ON = dt.date(2026, 3, 16)


def in_days(n: int) -> dt.date:
    return ON + dt.timedelta(days=n)


def only(monkeypatch, module):
    """The daily job reads this app's producer alone (other apps' rows are other tests')."""
    monkeypatch.setattr(services, "app_modules", lambda name: [(None, module)])


@pytest.fixture
def clerk(make_user):
    """A petition clerk of the county's letters-and-visits bureau."""
    return make_user(
        Role.REPORTER, email="wang@example.gov.cn", unit=UnitFactory(name="天镇县信访局")
    )


def petition(unit, number, due, status=PetitionStatus.RECEIVED):
    return Petition.objects.create(
        created_by=User.objects.filter(unit=unit).first() or UserFactory(unit=unit),
        number=number,
        petitioner_name="李某某",
        unit=unit,
        subject="农村道路维修",
        received_on=ON - dt.timedelta(days=10),
        acceptance_due=due,
        status=status,
    )


def test_a_petition_deadline_reaches_inbox_mail_and_bot(
    clerk, smtp, bot, django_capture_on_commit_callbacks, monkeypatch
):
    only(monkeypatch, disputes_alerts)
    Webhook.objects.create(unit=clerk.unit, name="信访局工作群", url=bot.url)
    case = petition(clerk.unit, "天信〔2026〕7号", in_days(3))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.deadline_alerts_send(on=ON) == 1

    note = Notification.objects.get(recipient=clerk)
    assert note.dedup_key == f"disputes.petition_acceptance:{case.pk}:{in_days(3).isoformat()}"
    assert note.url == reverse("disputes:petition_detail", args=[case.pk])
    assert "天信〔2026〕7号" in note.title and "2026-03-19" in note.title
    assert "李某某" not in note.title + note.body  # the petitioner's name stays in the platform
    [(to, mail)] = smtp.messages
    assert to == ["wang@example.gov.cn"]
    message = email.message_from_string(mail, policy=email.policy.default)
    assert "天信〔2026〕7号" in message["Subject"]
    assert note.url in message.get_content()
    [posted] = bot.received
    assert "天信〔2026〕7号" in posted["title"]
    assert posted["url"].endswith(note.url)
    assert set(Delivery.objects.values_list("channel", "status")) == {
        ("email", DeliveryStatus.SENT),
        ("webhook", DeliveryStatus.SENT),
    }
    assert AuditEvent.objects.filter(action="notifications.delivery_sent").count() == 2
    # The next morning the same clock is not told again.
    with django_capture_on_commit_callbacks(execute=True):
        assert services.deadline_alerts_send(on=ON + dt.timedelta(days=1)) == 0
    assert len(smtp.messages) == 1 and len(bot.received) == 1


def test_closed_overdue_and_distant_clocks_are_not_alerted(clerk):
    petition(clerk.unit, "A-1", in_days(30))  # beyond the 5-day lead
    petition(clerk.unit, "A-2", ON - dt.timedelta(days=1))  # overdue: the board shows it
    petition(clerk.unit, "A-3", in_days(2), status=PetitionStatus.REPLIED)
    assert list(disputes_alerts.upcoming(ON)) == []


def test_lead_time_is_per_period_and_per_region(clerk, monkeypatch):
    """The county sets its own lead for petitions; another clock keeps the national value."""
    only(monkeypatch, disputes_alerts)
    petition(clerk.unit, "B-1", in_days(8))
    assert services.deadline_alerts_send(on=ON) == 0  # national lead: 5 days
    StatutoryPeriod.objects.create(
        key="notifications.lead_disputes_petition_acceptance",
        region=Region.objects.get(code=clerk.unit.region_id),
        label="提醒:信访受理告知",
        value=10,
        unit="calendar_day",
        law="本平台设置",
    )
    periods.invalidate()
    assert services.deadline_alerts_send(on=ON) == 1
    assert periods.value("notifications.lead_disputes_recon_decision", region="140222") == 10
    assert periods.value("notifications.lead_disputes_petition_acceptance") == 5


def test_the_lead_time_is_read_once_per_period_and_region_not_per_alert(clerk, monkeypatch):
    """A province's daily job weighs thousands of alerts: each lead time is one read of the
    period table (a query of the cache table on the embedded default), whatever the count."""
    only(monkeypatch, disputes_alerts)
    for n in range(6):
        petition(clerk.unit, f"C-{n}", in_days(n % 3))
    reads = []
    real = periods.value
    monkeypatch.setattr(periods, "value", lambda key, **kw: reads.append(key) or real(key, **kw))
    assert services.deadline_alerts_send(on=ON) == 6
    # the producer's horizon reads it once, weighing the six alerts once more
    assert reads.count("notifications.lead_disputes_petition_acceptance") == 2


def test_every_lead_an_app_names_is_declared():
    declared = periods.declared()
    named = {plans_alerts.OBLIGATION_LEAD, plans_alerts.NOTICE_LEAD}
    named |= {normdocs_alerts.FILING_LEAD, normdocs_alerts.REVIEW_LEAD}
    named |= {c.lead for c in disputes_alerts.CLOCKS}
    named |= {*enforcement_alerts.LEADS.values(), enforcement_alerts.INSPECTION_LEAD}
    assert named <= set(declared)
    assert {config.label for config, _m in app_modules("alerts")} >= {
        "plans",
        "normdocs",
        "disputes",
        "enforcement",
    }


def test_a_plan_time_node_alerts_the_lead_units_reporters(make_user, monkeypatch):
    only(monkeypatch, plans_alerts)
    lead_unit, helper_unit = UnitFactory(name="天镇县司法局"), UnitFactory(name="天镇县财政局")
    reporter = make_user(Role.REPORTER, unit=lead_unit)
    make_user(Role.REPORTER, unit=helper_unit)
    plan = Plan.objects.create(
        identity="t",
        title="实施方案",
        start_year=2026,
        end_year=2026,
        content_hash="x",
        region=Region.objects.get(code=lead_unit.region_id),
    )
    chapter = Chapter.objects.create(plan=plan, number=1, title="总体要求", position=1)
    measure = Measure.objects.create(plan=plan, chapter=chapter, number=2, title="措施", position=1)
    task = Task.objects.create(measure=measure, position=1, text="完善行政执法三项制度")
    TaskOwner.objects.create(task=task, unit=lead_unit, role=OwnerRole.LEAD)
    TaskOwner.objects.create(task=task, unit=helper_unit, role=OwnerRole.PARTICIPATING)
    node = Obligation.objects.create(task=task, due_on=in_days(6), label="2026年一季度")
    Obligation.objects.create(task=task, due_on=in_days(3), label="已完成", done_on=ON)

    [alert] = plans_alerts.upcoming(ON)
    assert alert.key == f"plans.obligation:{node.pk}"
    assert alert.units == (lead_unit.pk,) and alert.roles == (Role.REPORTER,)
    assert alert.lead == "notifications.lead_plans_obligation"
    assert services.deadline_alerts_send(on=ON) == 1  # 6 days ≤ the 7-day lead
    assert Notification.objects.get().recipient == reporter
    task.withdrawn_on = ON
    task.save()
    assert list(plans_alerts.upcoming(ON)) == []


def test_a_published_document_alerts_its_units_before_the_filing_deadline(make_user, monkeypatch):
    only(monkeypatch, normdocs_alerts)
    issuer = UnitFactory(name="天镇县人民政府办公室")
    reporter = make_user(Role.REPORTER, unit=issuer)
    doc = NormativeDocument.objects.create(
        title="天镇县物业管理办法",
        issuer=issuer,
        drafting_unit=issuer,
        stage=Stage.PUBLISHED,
        published_on=ON - dt.timedelta(days=25),
        due_on=in_days(5),
    )
    NormativeDocument.objects.create(
        title="已备案的办法",
        issuer=issuer,
        drafting_unit=issuer,
        stage=Stage.FILED,
        due_on=in_days(5),
    )
    [alert] = [a for a in normdocs_alerts.upcoming(ON)]
    assert alert.key == f"normdocs.filing:{doc.pk}" and alert.due_on == in_days(5)
    assert "报送备案" in alert.title
    assert services.deadline_alerts_send(on=ON) == 1
    assert Notification.objects.get().recipient == reporter


def test_a_penalty_case_alerts_its_officers_before_the_decision_deadline(make_user, monkeypatch):
    only(monkeypatch, enforcement_alerts)
    body = EnforcementBody.objects.create(
        unit=UnitFactory(name="天镇县市场监督管理局"), case_prefix="天市监罚"
    )
    officer_user = make_user(Role.OFFICER, unit=body.unit)
    bystander = make_user(Role.OFFICER, unit=body.unit)
    case = PenaltyCase.objects.create(
        body=body,
        year=2026,
        serial=1,
        number="天市监罚〔2026〕1号",
        title="销售过期食品",
        party_kind=PartyKind.PERSON,
        party_name="张某某",
        filed_on=ON - dt.timedelta(days=80),
        filed_by=officer_user,
        decision_due=in_days(10),
    )
    case.officers.add(Officer.objects.create(body=body, full_name="赵执法", user=officer_user))

    [alert] = enforcement_alerts.upcoming(ON)
    assert alert.key == f"enforcement.case_decision:{case.pk}"
    assert alert.users == (officer_user.pk,)
    assert "张某某" not in alert.title + alert.body
    assert services.deadline_alerts_send(on=ON) == 1
    assert Notification.objects.get().recipient == officer_user
    assert not Notification.objects.filter(recipient=bystander).exists()

    # Decided: the 7-working-day service clock runs next, with its own (2-day) lead.
    case.decided_on = ON
    case.service_due = in_days(9)
    case.save()
    assert list(enforcement_alerts.upcoming(ON)) == []
    [alert] = enforcement_alerts.upcoming(in_days(8))
    assert alert.key == f"enforcement.case_service:{case.pk}"
    assert alert.lead == "notifications.lead_enforcement_service"
