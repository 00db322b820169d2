"""Litigation where a unit is the defendant, its court sessions, and letters that demand a reply."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fazhi.core.fields import status_field
from fazhi.core.models import OrgUnit, TimeStampedModel
from fazhi.core.scoping import ScopedQuerySet

from ..choices import (
    Appearance,
    Instance,
    LetterKind,
    LitigationStatus,
    Outcome,
)
from .fields import link, recorder, registrar, unit_scope
from .reconsideration import ReconsiderationCase


class LitigationCase(TimeStampedModel):
    """An administrative lawsuit in which a unit is the defendant (行政应诉案件)."""

    court_case_number = models.CharField(_("法院案号"), max_length=64, unique=True)
    court = models.CharField(_("审理法院"), max_length=64)
    instance = models.CharField(
        _("审级"), max_length=16, choices=Instance.choices, default=Instance.FIRST
    )
    defendant = link(OrgUnit, _("被告单位"), "litigation_cases")
    plaintiff_name = models.CharField(_("原告"), max_length=128)
    cause = models.CharField(_("案由"), max_length=255)
    reconsideration = link(
        ReconsiderationCase, _("关联复议案件"), "lawsuits", optional=True, on_delete=models.SET_NULL
    )
    filed_on = models.DateField(_("立案日期"), db_index=True)
    served_on = models.DateField(_("起诉状副本送达日期"))
    defence_due = models.DateField(_("答辩期限"))
    defence_due_provisional = models.BooleanField(_("答辩期限暂定"), default=False)
    defence_submitted_on = models.DateField(_("提交答辩日期"), null=True, blank=True)
    head_notified = models.BooleanField(_("法院通知负责人出庭"), default=False)
    status = status_field(LitigationStatus.PENDING)
    outcome = models.CharField(_("结果"), max_length=16, choices=Outcome.choices, blank=True)
    closed_on = models.DateField(_("结案日期"), null=True, blank=True)
    judgment_summary = models.TextField(_("裁判要旨"), blank=True)
    created_by = registrar(null=True)
    version = models.PositiveIntegerField(_("版本"), default=1)

    objects = ScopedQuerySet.as_manager()
    scope = unit_scope("defendant")

    class Meta:
        verbose_name = _("行政应诉案件")
        verbose_name_plural = _("行政应诉案件")
        ordering = ["-filed_on", "-id"]
        indexes = [
            models.Index(fields=["status", "defence_due"], name="disputes_lit_status_def_due"),
            models.Index(fields=["defendant", "filed_on"], name="disputes_lit_def_filed"),
            models.Index(fields=["closed_on", "outcome"], name="disputes_lit_closed_outcome"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(served_on__gte=models.F("filed_on")),
                name="disputes_lit_served_after_filed",
            ),
            models.CheckConstraint(
                condition=Q(status="pending") | (Q(outcome__gt="") & Q(closed_on__isnull=False)),
                name="disputes_lit_closed_has_outcome",
            ),
        ]

    def __str__(self) -> str:
        return self.court_case_number

    @property
    def was_heard(self) -> bool:
        return bool(self.hearings.all())

    @property
    def head_appeared(self) -> bool:
        """A head (principal or deputy) appeared at one session at least (uses prefetched hearings)."""
        return any(h.head_appeared for h in self.hearings.all())


class CourtHearing(TimeStampedModel):
    """One court session, with who appeared for the defendant unit (负责人出庭应诉)."""

    case = link(LitigationCase, _("案件"), "hearings", on_delete=models.CASCADE)
    held_on = models.DateField(_("开庭日期"))
    appearance = models.CharField(_("出庭情况"), max_length=16, choices=Appearance.choices)
    head_name = models.CharField(_("出庭负责人姓名"), max_length=64, blank=True)
    head_title = models.CharField(_("出庭负责人职务"), max_length=64, blank=True)
    head_spoke = models.BooleanField(_("负责人当庭发言"), default=False)
    staff_names = models.CharField(_("出庭工作人员"), max_length=255, blank=True)
    absence_reason = models.TextField(_("负责人未出庭理由"), blank=True)
    recorded_by = recorder()

    objects = ScopedQuerySet.as_manager()
    scope = unit_scope("case__defendant")

    class Meta:
        verbose_name = _("庭审出庭记录")
        verbose_name_plural = _("庭审出庭记录")
        ordering = ["case_id", "held_on", "id"]
        indexes = [
            models.Index(fields=["held_on", "appearance"], name="disputes_ch_held_appearance")
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(appearance__in=["principal", "deputy"]) | ~Q(head_name=""),
                name="disputes_ch_head_named",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case} {self.held_on} {self.get_appearance_display()}"

    @property
    def head_appeared(self) -> bool:
        return self.appearance in (Appearance.PRINCIPAL, Appearance.DEPUTY)


class OversightLetter(TimeStampedModel):
    """A letter that demands a reply: reconsideration opinion/recommendation, judicial or procuratorial recommendation."""

    kind = models.CharField(_("类别"), max_length=16, choices=LetterKind.choices)
    reconsideration = link(ReconsiderationCase, _("复议案件"), "letters", optional=True)
    litigation = link(LitigationCase, _("应诉案件"), "letters", optional=True)
    addressee = link(OrgUnit, _("收文单位"), "oversight_letters")
    issuer = models.CharField(_("制发机关"), max_length=128)
    doc_number = models.CharField(_("文号"), max_length=64)
    issued_on = models.DateField(_("制发/收到日期"))
    content = models.TextField(_("主要内容"))
    reply_due = models.DateField(_("回复期限"))
    reply_due_provisional = models.BooleanField(_("回复期限暂定"), default=False)
    replied_on = models.DateField(_("回复日期"), null=True, blank=True)
    reply_text = models.TextField(_("整改落实情况"), blank=True)
    follow_up = models.TextField(_("跟踪督促记录"), blank=True)
    created_by = registrar()

    objects = ScopedQuerySet.as_manager()
    scope = unit_scope("addressee")

    class Meta:
        verbose_name = _("意见书与建议书")
        verbose_name_plural = _("意见书与建议书")
        ordering = ["-issued_on", "-id"]
        indexes = [
            models.Index(fields=["replied_on", "reply_due"], name="disputes_letter_reply_due")
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "doc_number"], name="disputes_letter_unique_number"
            ),
            models.CheckConstraint(
                condition=Q(replied_on__isnull=True) | Q(replied_on__gte=models.F("issued_on")),
                name="disputes_letter_reply_after_issue",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.doc_number}"
