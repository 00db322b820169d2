"""The fields and scope every disputes model declares the same way."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from fazhi.core.fields import person
from fazhi.core.scoping import Scope

# Supervisors, leaders and the reconsideration office see every case of their region.
SEES_ALL = "disputes.view_all"


def link(
    to, label, related_name: str, *, optional: bool = False, on_delete=models.PROTECT
) -> models.ForeignKey:
    """A foreign key to the unit, case or office a row belongs to, which cannot be deleted while
    rows name it (PROTECT, unless `on_delete` says otherwise); an `optional` row may have none."""
    return models.ForeignKey(
        to,
        verbose_name=label,
        null=optional,
        blank=optional,
        on_delete=on_delete,
        related_name=related_name,
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
