"""Writes of the notifications app: notify, deliver (with retries), read, preferences."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core import audit, background, dates, periods
from fazhi.core.actors import SYSTEM
from fazhi.core.discovery import app_modules
from fazhi.core.errors import ApplicationError
from fazhi.core.models import User
from fazhi.core.writes import guarded

from . import channels
from .choices import Channel, DeliveryStatus, Digest, Kind
from .events import Event
from .models import Delivery, Notification, Preference, Webhook
from .producers import Alert, within_lead

MAX_ATTEMPTS = 20
# A delivery claimed by a worker that died mid-send (发送中) is pending again after this: far
# longer than the mail and bot timeouts.
SENDING_LEASE = dt.timedelta(minutes=15)


@transaction.atomic
def notify(
    *,
    actor=SYSTEM,
    recipients: Iterable[User],
    kind: str,
    title: str,
    dedup_key: str,
    body: str = "",
    url: str = "",
    due_on: dt.date | None = None,
) -> list[Notification]:
    """Put a message in each recipient's inbox (once per dedup key) and queue its deliveries."""
    users = {u.pk: u for u in recipients if u.is_active}
    if kind not in Kind.values:
        raise ApplicationError(_("未知的消息类别"))
    seen = set(
        Notification.objects.filter(recipient_id__in=users, dedup_key=dedup_key).values_list(
            "recipient_id", flat=True
        )
    )
    fresh = [
        Notification(
            recipient=user,
            kind=kind,
            title=title[:200],
            body=body,
            url=url,
            dedup_key=dedup_key,
            due_on=due_on,
        )
        for pk, user in users.items()
        if pk not in seen
    ]
    if not fresh:
        return []
    Notification.objects.bulk_create(fresh)
    saved = list(
        Notification.objects.filter(
            recipient_id__in=[n.recipient_id for n in fresh], dedup_key=dedup_key
        ).select_related("recipient")
    )
    prefs = {p.user_id: p for p in Preference.objects.filter(user_id__in=users)}
    deliveries = [
        Delivery(notification=n, channel=Channel.EMAIL)
        for n in saved
        if n.recipient.email and prefs.get(n.recipient_id, Preference()).email
    ]
    unit_ids = {
        n.recipient.unit_id
        for n in saved
        if n.recipient.unit_id and prefs.get(n.recipient_id, Preference()).webhook
    }
    # One post per group bot, however many of the unit's users are told.
    first_by_unit = {}
    for n in saved:
        first_by_unit.setdefault(n.recipient.unit_id, n)
    for hook in Webhook.objects.filter(unit_id__in=unit_ids, is_active=True):
        deliveries.append(
            Delivery(
                notification=first_by_unit[hook.unit_id], channel=Channel.WEBHOOK, webhook=hook
            )
        )
    Delivery.objects.bulk_create(deliveries)
    audit.record(
        actor=actor,
        action=Event.NOTIFY,
        object_type="notifications.notification",
        object_id=dedup_key[:64],
        object_repr=title,
        after={"kind": kind, "recipients": len(saved), "deliveries": len(deliveries)},
    )
    ids = list(Delivery.objects.filter(notification__in=saved).values_list("pk", flat=True))
    transaction.on_commit(lambda: _queue(ids))
    return saved


def _queue(ids: list[int]) -> None:
    from .tasks import deliver

    for pk in ids:
        background.later(deliver, pk)


def delivery_send(*, delivery_id: int) -> str:
    """Try one delivery; on failure keep it pending (retried later) and record the error.

    The attempt is claimed by one conditional UPDATE and its result recorded in a second short
    transaction: no lock is held while the mail server or the bot answers (up to its timeout;
    on SQLite a held lock would stop every other write of the installation). The claim moves it
    to 发送中, so a second worker given the same delivery leaves it alone; one left 发送中 by a
    worker that died is pending again for `deliveries_retry` after `SENDING_LEASE`."""
    delivery = (
        Delivery.objects.select_related("notification__recipient", "webhook")
        .filter(pk=delivery_id)
        .first()
    )
    if delivery is None or delivery.status != DeliveryStatus.PENDING:
        return delivery.status if delivery else "missing"
    claimed = Delivery.objects.filter(pk=delivery.pk, status=DeliveryStatus.PENDING).update(
        status=DeliveryStatus.SENDING, attempts=F("attempts") + 1, updated_at=timezone.now()
    )
    if not claimed:
        return DeliveryStatus.SENDING
    delivery.attempts += 1
    note = delivery.notification
    try:
        if delivery.channel == Channel.EMAIL:
            channels.send_email(
                to=note.recipient.email, title=note.title, body=note.body, url=note.url
            )
        else:
            channels.send_webhook(
                endpoint=delivery.webhook.url,
                style=delivery.webhook.style,
                title=note.title,
                body=note.body,
                url=note.url,
            )
    except Exception as exc:  # noqa: BLE001 - any transport failure is retried
        delivery.last_error = f"{type(exc).__name__}: {exc}"[:300]
        delivery.status = (
            DeliveryStatus.FAILED if delivery.attempts >= MAX_ATTEMPTS else DeliveryStatus.PENDING
        )
        return _attempt_recorded(
            delivery,
            ["last_error", "status"],
            Event.DELIVERY_FAILED,
            {"attempts": delivery.attempts, "error": delivery.last_error},
        )
    delivery.status = DeliveryStatus.SENT
    delivery.sent_at = timezone.now()
    delivery.last_error = ""
    return _attempt_recorded(
        delivery,
        ["status", "sent_at", "last_error"],
        Event.DELIVERY_SENT,
        {"channel": delivery.channel, "attempts": delivery.attempts},
    )


def _attempt_recorded(delivery: Delivery, fields: list[str], action: str, after: dict) -> str:
    """The outcome of a delivery's attempt, saved and audited in one short transaction; its
    status."""
    with transaction.atomic():
        delivery.save(update_fields=[*fields, "updated_at"])
        audit.record(actor=SYSTEM, action=action, obj=delivery, after=after)
    return delivery.status


def deliveries_retry(*, now: dt.datetime | None = None) -> int:
    """Send again what is still pending (after a back-off that grows with the attempts)."""
    now = now or timezone.now()
    horizon = now - dt.timedelta(hours=periods.value("notifications.retry_hours"))
    Delivery.objects.filter(
        status=DeliveryStatus.SENDING, updated_at__lt=now - SENDING_LEASE
    ).update(status=DeliveryStatus.PENDING)
    pending = Delivery.objects.filter(status=DeliveryStatus.PENDING)
    expired = list(pending.filter(created_at__lt=horizon).values_list("pk", flat=True))
    if expired:
        Delivery.objects.filter(pk__in=expired).update(status=DeliveryStatus.FAILED)
    sent = 0
    for delivery in pending.filter(created_at__gte=horizon).only("pk", "attempts", "updated_at"):
        wait = dt.timedelta(minutes=min(2**delivery.attempts, 240))
        if delivery.attempts == 0 or delivery.updated_at + wait <= now:
            sent += delivery_send(delivery_id=delivery.pk) == DeliveryStatus.SENT
    return sent


def unit_users(units: Iterable[int], roles: Iterable[str] = ()) -> list[User]:
    """The active users of these units holding one of `roles` (every one when empty)."""
    users = list(User.objects.filter(is_active=True, unit_id__in=list(units)))
    wanted = set(roles)
    return [u for u in users if set(u.roles or []) & wanted] if wanted else users


def _recipients(alert: Alert) -> list[User]:
    if alert.users:
        return list(User.objects.filter(is_active=True, pk__in=alert.users))
    return unit_users(alert.units, alert.roles)


def deadline_alerts_send(*, on: dt.date | None = None) -> int:
    """The daily job: every app's upcoming statutory deadlines within the lead time."""
    on = dates.today(on)
    told = 0

    @functools.cache  # one read of the period table per lead and region, not per alert
    def lead_of(key: str, region: str | None) -> int:
        return periods.value(key, region=region)

    def lead(alert: Alert) -> int:
        return lead_of(alert.lead, alert.region)

    for _config, module in app_modules("alerts"):
        for alert in within_lead(module.upcoming(on), on, lead):
            told += len(
                notify(
                    recipients=_recipients(alert),
                    kind=Kind.DEADLINE,
                    title=alert.title,
                    body=alert.body or _("期限:%(due)s") % {"due": alert.due_on.isoformat()},
                    url=alert.url,
                    due_on=alert.due_on,
                    dedup_key=f"{alert.key}:{alert.due_on.isoformat()}",
                )
            )
    return told


def digest_send(*, on: dt.date | None = None) -> int:
    """Daily (and, on Mondays, weekly) summaries of what is unread, by email."""
    on = dates.today(on)
    wanted = [Digest.DAILY] + ([Digest.WEEKLY] if on.weekday() == 0 else [])
    sent = 0
    for pref in Preference.objects.filter(digest__in=wanted).select_related("user"):
        unread = list(
            Notification.objects.filter(recipient=pref.user, read_at__isnull=True)
            .exclude(kind=Kind.DIGEST)
            .order_by("due_on", "-created_at")[:50]
        )
        if not unread:
            continue
        # Stored in Chinese like every message the platform sends.
        body = "\n".join(f"· {n.title}" for n in unread)
        sent += len(
            notify(
                recipients=[pref.user],
                kind=Kind.DIGEST,
                title=f"待办摘要({len(unread)} 条未读)",
                body=body,
                url="/notifications/",
                dedup_key=f"digest:{pref.digest}:{on.isoformat()}",
            )
        )
    return sent


@transaction.atomic
def notification_mark_read(*, actor, notification_id: int) -> Notification:
    with guarded(
        Notification,
        notification_id,
        actor=actor,
        action=Event.NOTIFICATION_READ,
        queryset=Notification.objects.filter(recipient=actor),
    ) as note:
        if note.read_at is None:
            note.read_at = timezone.now()
    return note


@transaction.atomic
def notifications_mark_all_read(*, actor) -> int:
    count = Notification.objects.filter(recipient=actor, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    if count:
        audit.record(
            actor=actor,
            action=Event.NOTIFICATION_READ_ALL,
            object_type="notifications.notification",
            object_id=str(actor.pk),
            after={"count": count},
        )
    return count


@transaction.atomic
def preference_set(*, actor, email: bool, webhook: bool, digest: str) -> Preference:
    if digest not in Digest.values:
        raise ApplicationError(_("请选择摘要频率"), fields={"digest": _("必填")})
    pref, _created = Preference.objects.select_for_update().get_or_create(user=actor)
    before = {"email": pref.email, "webhook": pref.webhook, "digest": pref.digest}
    pref.email, pref.webhook, pref.digest = bool(email), bool(webhook), digest
    pref.version += 1
    pref.save()
    audit.record(
        actor=actor,
        action=Event.PREFERENCE_SET,
        obj=pref,
        before=before,
        after={"email": pref.email, "webhook": pref.webhook, "digest": pref.digest},
    )
    return pref
