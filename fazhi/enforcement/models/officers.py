"""Officers, their credentials and training, and the relations they must withdraw from."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from fazhi.core.fields import person
from fazhi.core.models import TimeStampedModel
from fazhi.core.scoping import Scope, ScopedQuerySet

from ..choices import (
    CredentialKind,
    CredentialStatus,
)
from .bodies import EnforcementBody
from .common import OFFICER_SCOPE, USER, VIEW_ALL


class Officer(TimeStampedModel):
    """An enforcement officer (执法人员) of one body, optionally linked to a user account."""

    body = models.ForeignKey(
        EnforcementBody,
        verbose_name=_("执法主体"),
        on_delete=models.PROTECT,
        related_name="officers",
    )
    user = models.OneToOneField(
        USER,
        verbose_name=_("用户账号"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="officer",
    )
    full_name = models.CharField(_("姓名"), max_length=64)
    resident_id = models.CharField(_("身份证号码"), max_length=18, blank=True)
    position = models.CharField(_("职务"), max_length=64, blank=True)
    is_active = models.BooleanField(_("在岗"), default=True)

    objects = ScopedQuerySet.as_manager()
    scope = Scope(unit="body__unit", sees_all=VIEW_ALL)

    class Meta:
        verbose_name = _("执法人员")
        verbose_name_plural = _("执法人员")
        ordering = ["body_id", "full_name", "id"]
        indexes = [models.Index(fields=["body", "is_active"])]

    def __str__(self) -> str:
        return self.full_name


class Credential(TimeStampedModel):
    """An enforcement credential (执法证); valid on a day when its status is valid and the day is in range."""

    officer = models.ForeignKey(
        Officer, verbose_name=_("执法人员"), on_delete=models.CASCADE, related_name="credentials"
    )
    number = models.CharField(_("证件编号"), max_length=32, unique=True)
    kind = models.CharField(
        _("证件种类"),
        max_length=16,
        choices=CredentialKind.choices,
        default=CredentialKind.PROVINCIAL,
    )
    issued_on = models.DateField(_("发证日期"))
    valid_until = models.DateField(_("有效期至"))
    status = models.CharField(
        _("状态"), max_length=16, choices=CredentialStatus.choices, default=CredentialStatus.VALID
    )

    objects = ScopedQuerySet.as_manager()
    scope = OFFICER_SCOPE

    class Meta:
        verbose_name = _("执法证")
        verbose_name_plural = _("执法证")
        ordering = ["officer_id", "-valid_until"]
        indexes = [models.Index(fields=["status", "valid_until"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__gte=models.F("issued_on")), name="enf_credential_dates"
            )
        ]

    def __str__(self) -> str:
        return self.number

    def is_valid_on(self, day: dt.date) -> bool:
        return self.status == CredentialStatus.VALID and self.issued_on <= day <= self.valid_until

    @property
    def summary(self) -> str:
        """What the officer list and the API show of a credential: 14022001(至2026-12-31,有效)."""
        return gettext("%(number)s(至%(date)s,%(status)s)") % {
            "number": self.number,
            "date": f"{self.valid_until:%Y-%m-%d}",
            "status": self.get_status_display(),
        }


class TrainingSession(TimeStampedModel):
    """A training the justice bureau held or recognised (培训): the source of officers' hours."""

    course = models.CharField(_("培训内容"), max_length=200)
    held_on = models.DateField(_("培训日期"))
    hours = models.DecimalField(_("学时"), max_digits=5, decimal_places=1)
    organiser = models.CharField(_("组织单位"), max_length=128)
    recorded_by = person(_("登记人"), null=True, blank=False)

    class Meta:
        verbose_name = _("培训")
        verbose_name_plural = _("培训")
        ordering = ["-held_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(hours__gt=0), name="enf_session_hours_positive")
        ]

    def __str__(self) -> str:
        return f"{self.course}({self.held_on:%Y-%m-%d})"


class TrainingRecord(TimeStampedModel):
    """Hours of legal and professional training an officer attended (seed: ≥ 60 hours a year)."""

    officer = models.ForeignKey(
        Officer, verbose_name=_("执法人员"), on_delete=models.CASCADE, related_name="trainings"
    )
    session = models.ForeignKey(
        TrainingSession,
        verbose_name=_("培训"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="attendance",
    )
    trained_on = models.DateField(_("培训日期"))
    course = models.CharField(_("培训内容"), max_length=200)
    hours = models.DecimalField(_("学时"), max_digits=5, decimal_places=1)

    objects = ScopedQuerySet.as_manager()
    scope = OFFICER_SCOPE

    class Meta:
        verbose_name = _("培训记录")
        verbose_name_plural = _("培训记录")
        ordering = ["officer_id", "-trained_on"]
        indexes = [models.Index(fields=["officer", "trained_on"])]
        constraints = [
            models.CheckConstraint(condition=Q(hours__gt=0), name="enf_training_hours_positive"),
            models.UniqueConstraint(
                fields=["officer", "session"], name="enf_training_once_per_session"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.course}({self.hours}学时)"


class OfficerRelation(models.Model):
    """A recorded relationship between an officer and a target; the officer withdraws (回避) from it."""

    officer = models.ForeignKey(
        Officer, verbose_name=_("执法人员"), on_delete=models.CASCADE, related_name="relations"
    )
    target = models.ForeignKey(
        "enforcement.InspectionTarget",
        verbose_name=_("检查对象"),
        on_delete=models.CASCADE,
        related_name="relations",
    )
    relation = models.CharField(_("关系"), max_length=100)

    objects = ScopedQuerySet.as_manager()
    scope = OFFICER_SCOPE

    class Meta:
        verbose_name = _("回避关系")
        verbose_name_plural = _("回避关系")
        ordering = ["officer_id", "target_id"]
        constraints = [
            models.UniqueConstraint(fields=["officer", "target"], name="enf_relation_unique")
        ]

    def __str__(self) -> str:
        return self.relation
