"""Field declarations that every app's models make the same way."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def person(
    label, *, null: bool = False, blank: bool | None = None, on_delete=models.PROTECT
) -> models.ForeignKey:
    """A user who did something to the row (登记人, 审核人, 上传人), with no back-relation on the
    user. PROTECT keeps the account while a row names it (accounts are deactivated, not
    deleted); `on_delete=models.SET_NULL` with `null=True` keeps the row and forgets who."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=label,
        null=null,
        blank=null if blank is None else blank,
        on_delete=on_delete,
        related_name="+",
    )


def status_field(initial: models.TextChoices) -> models.CharField:
    """The row's status (状态), one of `initial`'s choices, starting at `initial`."""
    return models.CharField(
        _("状态"), max_length=16, choices=type(initial).choices, default=initial
    )
