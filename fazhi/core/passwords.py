"""Account rules for 等保 level 3 that Django lacks: character classes and password age."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _


class CharacterClassValidator:
    """At least `min_classes` of: lower-case letters, upper-case letters, digits, symbols."""

    def __init__(self, min_classes: int = 3):
        self.min_classes = min_classes

    def validate(self, password: str, user=None) -> None:
        classes = [
            any(c.islower() for c in password),
            any(c.isupper() for c in password),
            any(c.isdigit() for c in password),
            any(not c.isalnum() for c in password),
        ]
        if sum(classes) < self.min_classes:
            raise ValidationError(self.get_help_text(), code="password_too_simple")

    def get_help_text(self) -> str:
        return _("密码须包含大写字母、小写字母、数字、符号中的至少 %(n)s 类") % {
            "n": self.min_classes
        }


def expires_on(user) -> dt.datetime | None:
    """When the user's password must be changed, or None when passwords do not expire."""
    days = settings.FAZHI_PASSWORD_MAX_AGE_DAYS
    if not days:
        return None
    changed = user.password_changed_at or user.date_joined
    return changed + dt.timedelta(days=days)


def expired(user) -> bool:
    due = expires_on(user)
    return due is not None and timezone.now() >= due
