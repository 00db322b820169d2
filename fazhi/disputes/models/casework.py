"""Mediation, the adjudication catalogue and its cases, petitions."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fazhi.core.fields import status_field
from fazhi.core.models import OrgUnit, TimeStampedModel
from fazhi.core.scoping import ScopedQuerySet, user_region

from ..choices import (
    AdjudicationStatus,
    Channel,
    MediationKind,
    MediationStatus,
    PetitionReply,
    PetitionStatus,
)
from .fields import link, registrar, unit_scope


class RegisteredCase(TimeStampedModel):
    """What a mediation, an adjudication case and a petition have alike: the number issued in
    its unit's number space, the day it came in, who registered it; listed newest first."""

    number = models.CharField(_("编号"), max_length=40, unique=True)
    received_on = models.DateField(_("受理日期"), db_index=True)
    created_by = registrar()

    objects = ScopedQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-received_on", "-id"]

    def __str__(self) -> str:
        return self.number


class MediationCase(RegisteredCase):
    """A mediation of a civil dispute by an administrative body or mediation committee."""

    kind = models.CharField(
        _("调解类型"),
        max_length=16,
        choices=MediationKind.choices,
        default=MediationKind.ADMINISTRATIVE,
    )
    category = models.CharField(_("纠纷类别"), max_length=64)
    unit = link(OrgUnit, _("调解单位"), "mediation_cases")
    parties = models.CharField(_("当事人"), max_length=255)
    subject = models.TextField(_("纠纷简况"))
    status = status_field(MediationStatus.IN_PROGRESS)
    agreement_on = models.DateField(_("协议日期"), null=True, blank=True)
    agreement_summary = models.TextField(_("协议内容"), blank=True)
    confirmation_requested_on = models.DateField(_("申请司法确认日期"), null=True, blank=True)
    confirmed_on = models.DateField(_("司法确认日期"), null=True, blank=True)
    closed_on = models.DateField(_("结案日期"), null=True, blank=True)

    scope = unit_scope("unit")

    class Meta(RegisteredCase.Meta):
        verbose_name = _("调解案件")
        verbose_name_plural = _("调解案件")
        constraints = [
            models.CheckConstraint(
                condition=Q(agreement_on__isnull=True)
                | Q(agreement_on__gte=models.F("received_on")),
                name="disputes_med_agreement_after_received",
            ),
        ]


def same_region(user) -> Q:
    region = user_region(user)
    return Q(unit__region_id=region) if region else Q(pk__in=[])


class AdjudicationItem(TimeStampedModel):
    """A matter in the adjudication catalogue (行政裁决事项目录), with its legal basis and body."""

    name = models.CharField(_("裁决事项"), max_length=128)
    legal_basis = models.CharField(_("设定依据"), max_length=255)
    unit = link(OrgUnit, _("实施主体"), "adjudication_items")
    is_active = models.BooleanField(_("有效"), default=True)

    objects = ScopedQuerySet.as_manager()
    # The catalogue is read by every unit of its region.
    scope = unit_scope("unit", also=same_region)

    class Meta:
        verbose_name = _("行政裁决事项")
        verbose_name_plural = _("行政裁决事项目录")
        ordering = ["unit_id", "name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "name"], name="disputes_adj_item_unique")
        ]

    def __str__(self) -> str:
        return self.name


class AdjudicationCase(RegisteredCase):
    """A case decided under an adjudication catalogue item."""

    item = link(AdjudicationItem, _("裁决事项"), "cases")
    applicant_name = models.CharField(_("申请人"), max_length=128)
    other_party = models.CharField(_("被申请人"), max_length=128)
    status = status_field(AdjudicationStatus.PENDING)
    decided_on = models.DateField(_("裁决日期"), null=True, blank=True)
    result = models.TextField(_("裁决结果"), blank=True)

    scope = unit_scope("item__unit")

    class Meta(RegisteredCase.Meta):
        verbose_name = _("行政裁决案件")
        verbose_name_plural = _("行政裁决案件")
        constraints = [
            models.CheckConstraint(
                condition=Q(decided_on__isnull=True) | Q(decided_on__gte=models.F("received_on")),
                name="disputes_adj_decided_after_received",
            ),
        ]


class Petition(RegisteredCase):
    """A petition (信访事项) under the 2022 regulation: acceptance in 15 days, handling in 60 (+30)."""

    petitioner_name = models.CharField(_("信访人"), max_length=64)
    channel = models.CharField(
        _("信访形式"), max_length=16, choices=Channel.choices, default=Channel.COUNTER
    )
    unit = link(OrgUnit, _("办理单位"), "petitions")
    subject = models.CharField(_("事项"), max_length=255)
    content = models.TextField(_("主要诉求"), blank=True)
    received_on = models.DateField(_("收到日期"), db_index=True)
    acceptance_due = models.DateField(_("受理告知期限"))
    acceptance_due_provisional = models.BooleanField(_("受理期限暂定"), default=False)
    status = status_field(PetitionStatus.RECEIVED)
    accepted_on = models.DateField(_("受理日期"), null=True, blank=True)
    redirect_route = models.CharField(_("导入的法定途径"), max_length=128, blank=True)
    handling_due = models.DateField(_("办结期限"), null=True, blank=True)
    handling_due_provisional = models.BooleanField(_("办结期限暂定"), default=False)
    extension_days = models.PositiveSmallIntegerField(_("延长天数"), default=0)
    extension_reason = models.TextField(_("延期理由"), blank=True)
    replied_on = models.DateField(_("出具处理意见日期"), null=True, blank=True)
    reply_kind = models.CharField(
        _("处理意见"), max_length=16, choices=PetitionReply.choices, blank=True
    )
    reply_text = models.TextField(_("处理意见书内容"), blank=True)

    scope = unit_scope("unit")

    class Meta(RegisteredCase.Meta):
        verbose_name = _("信访事项")
        verbose_name_plural = _("信访事项")
        indexes = [
            models.Index(fields=["status", "acceptance_due"], name="disputes_pet_status_acc_due"),
            models.Index(fields=["status", "handling_due"], name="disputes_pet_status_hdl_due"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(extension_days__lte=30), name="disputes_pet_extension_30"
            ),
            models.CheckConstraint(
                condition=Q(accepted_on__isnull=True) | Q(accepted_on__gte=models.F("received_on")),
                name="disputes_pet_accepted_after_received",
            ),
        ]
