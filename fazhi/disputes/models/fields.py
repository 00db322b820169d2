"""The fields and scope every disputes model declares the same way."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from fazhi.core.models import User
from fazhi.core.scoping import Scope

# Supervisors, leaders and the reconsideration office see every case of their region.
SEES_ALL = "disputes.view_all"


def person(label, *, null: bool = False) -> models.ForeignKey:
    """A user who did something to the row (登记人, 记录人, 上传人)."""
    return models.ForeignKey(
        User,
        verbose_name=label,
        null=null,
        blank=null,
        on_delete=models.PROTECT,
        related_name="+",
    )


def registrar(*, null: bool = False) -> models.ForeignKey:
    """Who registered the row (登记人); none for a citizen on the portal or the system."""
    return person(_("登记人"), null=null)


def recorder(*, null: bool = False) -> models.ForeignKey:
    """Who recorded a step of a case (记录人)."""
    return person(_("记录人"), null=null)


def unit_scope(unit: str, **kwargs) -> Scope:
    """Rows seen by the users of the unit at `unit` and, within its region, by SEES_ALL."""
    return Scope(unit=unit, region=f"{unit}__region__code", sees_all=SEES_ALL, **kwargs)


def status_field(initial: models.TextChoices) -> models.CharField:
    """The row's status (状态), one of `initial`'s choices, starting at `initial`."""
    return models.CharField(
        _("状态"), max_length=16, choices=type(initial).choices, default=initial
    )
