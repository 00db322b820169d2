"""Reads: a user's own inbox only."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import Notification, Preference


def inbox(*, user, params=None) -> QuerySet[Notification]:
    qs = Notification.objects.filter(recipient=user)
    if params is not None and params.get("unread"):
        qs = qs.filter(read_at__isnull=True)
    return qs


def unread_count(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def preference_for(*, user) -> Preference:
    return Preference.objects.filter(user=user).first() or Preference(user=user)
