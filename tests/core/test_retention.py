import datetime as dt
from io import StringIO

import pytest
from axes.models import AccessLog
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone

from fazhi.core import periods, retention
from fazhi.core.actors import SYSTEM
from fazhi.core.models import AuditEvent, StatutoryPeriod, User

NOW = dt.datetime(2026, 7, 10, 3, 0, tzinfo=dt.UTC)


def _session(key: str, expired_days_ago: int) -> Session:
    return Session.objects.create(
        session_key=key, session_data="x", expire_date=NOW - dt.timedelta(days=expired_days_ago)
    )


def _sign_in(days_ago: int) -> AccessLog:
    log = AccessLog.objects.create(username="zhang", ip_address="10.0.0.1", user_agent="ua")
    AccessLog.objects.filter(pk=log.pk).update(attempt_time=NOW - dt.timedelta(days=days_ago))
    return log


@pytest.fixture
def rows(db):
    return {
        "old_session": _session("a" * 32, 2),
        "fresh_session": _session("b" * 32, 0),
        "old_sign_in": _sign_in(191),
        "recent_sign_in": _sign_in(189),
    }


def test_rows_past_their_period_are_erased_and_the_run_audited(rows):
    counts = retention.run(actor=SYSTEM, now=NOW)
    assert counts["core.sessions"] == 1
    assert counts["core.sign_in_log"] == 1
    assert list(Session.objects.values_list("session_key", flat=True)) == ["b" * 32]
    assert list(AccessLog.objects.values_list("pk", flat=True)) == [rows["recent_sign_in"].pk]
    event = AuditEvent.objects.get(action="core.retention_run")
    assert event.after["rows"] == counts and event.after["complete"] is True
    assert "zhang" not in str(event.after) and "10.0.0.1" not in str(event.after)


def test_dry_run_counts_and_writes_nothing(rows):
    counts = retention.run(actor=SYSTEM, now=NOW, dry_run=True)
    assert (counts["core.sessions"], counts["core.sign_in_log"]) == (1, 1)
    assert Session.objects.count() == 2 and AccessLog.objects.count() == 2
    assert not AuditEvent.objects.exists()


def test_the_edited_period_is_the_one_applied(rows, supervisor):
    from fazhi.core.services import period_update

    period = StatutoryPeriod.objects.get(key="core.retention_sign_in_records", region=None)
    period_update(actor=supervisor, period_id=period.pk, version=None, value=365)
    periods.invalidate()
    assert retention.run(actor=SYSTEM, now=NOW)["core.sign_in_log"] == 0
    assert AccessLog.objects.count() == 2


def test_batches_erase_everything_past_the_period(db):
    for i in range(7):
        _session(f"{i:032d}", 3)
    assert retention.run(actor=SYSTEM, now=NOW, batch=3)["core.sessions"] == 7
    assert not Session.objects.exists()


def test_a_blanking_rule_keeps_the_row(db, monkeypatch):
    rule = retention.Rule(
        "core.test_phone", "core.User", "date_joined", "core.retention_sessions", blank=("phone",)
    )
    monkeypatch.setattr(retention, "_declared", {rule.key: rule})
    old = User.objects.create(username="old", phone="13800000000")
    new = User.objects.create(username="new", phone="13900000000")
    User.objects.filter(pk=old.pk).update(date_joined=NOW - dt.timedelta(days=3))
    User.objects.filter(pk=new.pk).update(date_joined=NOW)
    assert retention.run(actor=SYSTEM, now=NOW) == {"core.test_phone": 1}
    assert retention.run(actor=SYSTEM, now=NOW) == {"core.test_phone": 0}  # already blank
    assert dict(User.objects.values_list("username", "phone")) == {
        "old": "",
        "new": "13900000000",
    }


def test_consultation_comment_keeps_text_and_name_loses_client_digest(db, holidays):
    from fazhi.decisions.services import consultations, dossier
    from tests.decisions.conftest import new_decision
    from tests.factories import UnitFactory

    government = UnitFactory(name="天镇县人民政府", kind="county_government")
    decision = new_decision(government, UnitFactory(name="天镇县住房和城乡建设局"))
    dossier.decision_open_consultation(
        actor=SYSTEM,
        decision_id=decision.pk,
        version=None,
        opens_on=dt.date(2026, 5, 4),
        closes_on=dt.date(2026, 6, 3),
        draft_text="草案全文",
    )
    comment = consultations.comment_submit(
        actor=AnonymousUser(),
        consultation_id=dossier.decision_consultation(decision).pk,
        text="建议增加停车位",
        client="10.0.0.9",
        author_name="李四",
        as_of=dt.date(2026, 5, 10),
    )
    within = dt.datetime(2026, 7, 2, tzinfo=timezone.get_current_timezone())
    assert retention.run(actor=SYSTEM, now=within)["decisions.comment_client"] == 0
    assert retention.run(actor=SYSTEM, now=NOW)["decisions.comment_client"] == 1
    comment.refresh_from_db()
    assert (comment.client_digest, comment.text, comment.author_name) == (
        "",
        "建议增加停车位",
        "李四",
    )


def test_cli_dry_run(rows):
    out = StringIO()
    call_command("retention", "--dry-run", stdout=out)
    assert "core.sessions" in out.getvalue()
    assert Session.objects.count() == 2
    assert not AuditEvent.objects.exists()


def test_every_rule_names_a_declared_period_in_days():
    for rule in retention.rules().values():
        assert periods.declared()[rule.period].unit == periods.PeriodUnit.CALENDAR_DAY


def test_the_scheduled_task_runs_every_rule(rows):
    from django.conf import settings

    from fazhi.core.tasks import retention_run

    assert settings.CELERY_BEAT_SCHEDULE["core-retention"]["task"] == "core.retention_run"
    counts = retention_run.delay().get()
    assert set(counts) == set(retention.rules())
    assert AuditEvent.objects.filter(action="core.retention_run").count() == 1


def test_retention_periods_are_on_the_legal_offices_period_page(client, supervisor):
    from django.urls import reverse

    client.force_login(supervisor)
    response = client.get(reverse("core:period_list") + "?app=core")
    assert response.status_code == 200
    assert "登录记录的保存期限" in response.content.decode()
