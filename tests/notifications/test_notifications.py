"""An alert reaches the inbox, an SMTP server and a group bot; nothing is lost when one is down."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.urls import reverse

from fazhi.core.choices import Role
from fazhi.core.models import AuditEvent
from fazhi.notifications import services
from fazhi.notifications.choices import DeliveryStatus, Digest, Kind, WebhookStyle
from fazhi.notifications.models import Delivery, Notification, Preference, Webhook
from fazhi.notifications.producers import Alert
from tests.notifications.sinks import free_port


@pytest.fixture
def officer(make_user):
    return make_user(Role.OFFICER, email="zhao@example.gov.cn")


def send(recipients, key="disputes.recon_decision:1", **kwargs):
    return services.notify(
        recipients=recipients,
        kind=Kind.DEADLINE,
        title="复议案件 天政复〔2026〕3号 决定期限",
        body="期限:2026年3月20日",
        url="/disputes/reconsideration/1/",
        dedup_key=key,
        due_on=dt.date(2026, 3, 20),
        **kwargs,
    )


def test_an_alert_reaches_inbox_mail_and_bot(
    smtp, bot, officer, django_capture_on_commit_callbacks
):
    Webhook.objects.create(
        unit=officer.unit, name="执法群", url=bot.url, style=WebhookStyle.DINGTALK
    )
    with django_capture_on_commit_callbacks(execute=True):
        saved = send([officer])
    assert [n.recipient for n in saved] == [officer]
    assert Notification.objects.get().title.startswith("复议案件")
    ((rcpts, content),) = smtp.messages
    assert rcpts == ["zhao@example.gov.cn"]
    assert "http://127.0.0.1:8000/disputes/reconsideration/1/" in content
    (payload,) = bot.received
    assert payload["msgtype"] == "markdown"
    assert "决定期限" in payload["markdown"]["title"]
    assert set(Delivery.objects.values_list("status", flat=True)) == {DeliveryStatus.SENT}
    assert AuditEvent.objects.filter(action="notifications.delivery_sent").count() == 2


def test_the_same_alert_twice_is_sent_once(officer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send([officer])
        assert send([officer]) == []
    assert Notification.objects.count() == 1
    assert Delivery.objects.count() == 1


def test_a_mail_server_down_loses_nothing_and_is_retried(
    settings, officer, smtp, django_capture_on_commit_callbacks
):
    up = settings.EMAIL_PORT
    settings.EMAIL_PORT = free_port()  # nobody listens there
    with django_capture_on_commit_callbacks(execute=True):
        send([officer])
    delivery = Delivery.objects.get()
    assert delivery.status == DeliveryStatus.PENDING
    assert delivery.attempts == 1
    assert "ConnectionRefused" in delivery.last_error
    assert AuditEvent.objects.filter(action="notifications.delivery_failed").count() == 1
    settings.EMAIL_PORT = up
    later = delivery.updated_at + dt.timedelta(minutes=3)
    assert services.deliveries_retry(now=later) == 1
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SENT
    assert len(smtp.messages) == 1


def test_preferences_turn_channels_off(officer, bot, django_capture_on_commit_callbacks):
    Webhook.objects.create(unit=officer.unit, name="执法群", url=bot.url)
    services.preference_set(actor=officer, email=False, webhook=False, digest=Digest.NONE)
    with django_capture_on_commit_callbacks(execute=True):
        send([officer])
    assert Notification.objects.count() == 1
    assert Delivery.objects.count() == 0
    assert bot.received == []


def test_deadline_alerts_come_from_the_apps_within_the_lead_time(
    officer, make_user, monkeypatch, holidays
):
    other = make_user(Role.OFFICER)
    on = dt.date(2026, 3, 16)
    module = SimpleNamespace(
        upcoming=lambda day: [
            Alert("x.case:1", on + dt.timedelta(days=4), "案件1期限", units=(officer.unit_id,)),
            Alert("x.case:2", on + dt.timedelta(days=9), "案件2期限", units=(officer.unit_id,)),
            Alert(
                "x.case:3",
                on + dt.timedelta(days=1),
                "案件3期限",
                units=(other.unit_id,),
                roles=("reviewer",),
            ),
        ]
    )
    monkeypatch.setattr(services, "app_modules", lambda name: [(None, module)])
    assert services.deadline_alerts_send(on=on) == 1
    assert services.deadline_alerts_send(on=on) == 0  # once per alert and due date
    assert list(Notification.objects.values_list("title", "recipient")) == [
        ("案件1期限", officer.pk)
    ]


def test_daily_digest_lists_the_unread(officer):
    send([officer])
    services.preference_set(actor=officer, email=True, webhook=True, digest=Digest.DAILY)
    assert services.digest_send(on=dt.date(2026, 3, 17)) == 1
    digest = Notification.objects.get(kind=Kind.DIGEST)
    assert "决定期限" in digest.body
    assert services.digest_send(on=dt.date(2026, 3, 17)) == 0


def test_inbox_shows_own_messages_and_the_bell_counts_them(client, officer, make_user):
    stranger = make_user(Role.OFFICER)
    (mine,) = send([officer])
    (theirs,) = send([stranger], key="other")
    client.force_login(officer)
    page = client.get(reverse("notifications:inbox")).content.decode()
    assert "复议案件" in page
    assert 'data-unread="1"' in page
    assert client.get(reverse("notifications:open", args=[theirs.pk])).status_code == 404
    opened = client.get(reverse("notifications:open", args=[mine.pk]))
    assert opened.status_code == 302
    assert opened["Location"] == "/disputes/reconsideration/1/"
    mine.refresh_from_db()
    assert mine.read_at is not None
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_all_read_and_preferences_pages(client, officer):
    send([officer])
    client.force_login(officer)
    assert client.post(reverse("notifications:read_all")).status_code == 302
    assert not Notification.objects.filter(read_at__isnull=True).exists()
    response = client.post(
        reverse("notifications:preferences"), {"email": "on", "digest": Digest.WEEKLY}
    )
    assert response.status_code == 302
    pref = Preference.objects.get(user=officer)
    assert (pref.email, pref.webhook, pref.digest) == (True, False, Digest.WEEKLY)


def test_the_audit_page_names_every_notifications_action():
    from fazhi.core.views import action_labels

    labels = action_labels()
    for action in (
        "notifications.notify",
        "notifications.delivery_sent",
        "notifications.delivery_failed",
        "notifications.notification_read",
        "notifications.notification_read_all",
        "notifications.preference_set",
    ):
        assert labels.get(action) not in (None, action)


@pytest.mark.django_db(transaction=True)
def test_no_lock_is_held_while_the_mail_server_answers_and_a_delivery_is_sent_once(
    make_user, monkeypatch
):
    """On SQLite a transaction open across the SMTP call would stop every other write for as
    long as the server takes; and a second worker given the same delivery must not send it."""
    from django.db import connection

    from fazhi.notifications import channels

    officer = make_user(Role.OFFICER, email="zhao@example.gov.cn")
    sent, seen = [], []

    def send_email(**kwargs):
        seen.append(connection.in_atomic_block)
        # a second worker picks up the same delivery meanwhile
        seen.append(services.delivery_send(delivery_id=Delivery.objects.get().pk))
        sent.append(kwargs["to"])

    monkeypatch.setattr(channels, "send_email", send_email)
    send([officer])
    delivery = Delivery.objects.get()
    assert seen == [False, DeliveryStatus.SENDING]
    assert sent == ["zhao@example.gov.cn"]
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.SENT, 1)


def test_a_delivery_left_sending_by_a_dead_worker_is_sent_after_the_lease(
    officer, smtp, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        send([officer])
    delivery = Delivery.objects.get()
    Delivery.objects.filter(pk=delivery.pk).update(status=DeliveryStatus.SENDING, attempts=1)
    delivery.refresh_from_db()
    assert services.deliveries_retry(now=delivery.updated_at + dt.timedelta(minutes=5)) == 0
    assert Delivery.objects.get().status == DeliveryStatus.SENDING
    assert services.deliveries_retry(now=delivery.updated_at + services.SENDING_LEASE * 2) == 1
    assert Delivery.objects.get().status == DeliveryStatus.SENT and len(smtp.messages) == 1


@pytest.mark.django_db(transaction=True)
def test_without_a_broker_the_page_does_not_wait_for_the_mail_server(
    settings, make_user, monkeypatch
):
    import threading
    import time

    from fazhi.notifications import channels

    settings.FAZHI_BACKGROUND_IN_THREAD = True
    officer = make_user(Role.OFFICER, email="zhao@example.gov.cn")
    answer = threading.Event()
    monkeypatch.setattr(channels, "send_email", lambda **kwargs: answer.wait(10))

    def status_becomes(status) -> bool:
        for _ in range(100):
            if Delivery.objects.get().status == status:
                return True
            time.sleep(0.05)
        return False

    send([officer])  # returns while the mail server has not answered
    assert status_becomes(DeliveryStatus.SENDING) and not answer.is_set()
    answer.set()
    assert status_becomes(DeliveryStatus.SENT)
