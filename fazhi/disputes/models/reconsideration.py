"""Reconsideration cases and their child rows (attachments, supplements, hearings, extensions,
suspensions)."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from fazhi.core.fields import person, status_field
from fazhi.core.models import OrgUnit, TimeStampedModel
from fazhi.core.scoping import ScopedQuerySet

from ..choices import (
    RECONSIDERATION_OPEN,
    Channel,
    DecisionType,
    HearingKind,
    PartyKind,
    Procedure,
    ReconsiderationStatus,
    SupplementStatus,
    SuspensionGround,
    TerminationGround,
)
from .fields import link, recorder, registrar, unit_scope


class ReconsiderationOffice(TimeStampedModel):
    """The reconsideration body's office (行政复议机构) and the unit whose staff run it."""

    name = models.CharField(_("名称"), max_length=128, unique=True)
    unit = link(OrgUnit, _("承办单位"), "+")
    number_prefix = models.CharField(
        _("案号前缀"),
        max_length=16,
        blank=True,
        help_text=_("如 天政复;留空则用本行政区划名称的首字加“政复”"),
    )
    is_active = models.BooleanField(_("有效"), default=True)

    class Meta:
        verbose_name = _("行政复议机构")
        verbose_name_plural = _("行政复议机构")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def organ(self) -> str:
        """The reconsideration organ the office serves, the people's government of its region
        (行政复议法 Art. 24): 天镇县人民政府."""
        return f"{self.unit.region.name}人民政府"


class ReconsiderationQuerySet(ScopedQuerySet):
    def open(self):
        return self.filter(status__in=RECONSIDERATION_OPEN)


class ReconsiderationCase(TimeStampedModel):
    """An application for administrative reconsideration and its case (行政复议案件)."""

    office = link(ReconsiderationOffice, _("复议机构"), "cases")
    number = models.CharField(_("案号"), max_length=40, unique=True)
    channel = models.CharField(_("申请方式"), max_length=16, choices=Channel.choices)
    applicant_kind = models.CharField(
        _("申请人类型"), max_length=16, choices=PartyKind.choices, default=PartyKind.PERSON
    )
    applicant_name = models.CharField(_("申请人"), max_length=128)
    applicant_id_number = models.CharField(
        _("身份证号/统一社会信用代码"), max_length=18, blank=True
    )
    applicant_phone = models.CharField(_("联系电话"), max_length=32, blank=True)
    applicant_address = models.CharField(_("联系地址"), max_length=255, blank=True)
    respondent = link(OrgUnit, _("被申请人"), "reconsideration_cases")
    act_description = models.CharField(_("被申请复议的行政行为"), max_length=255)
    act_known_on = models.DateField(_("知道该行政行为的日期"))
    request = models.TextField(_("复议请求"))
    facts_reasons = models.TextField(_("事实和理由"), blank=True)
    received_on = models.DateField(_("收到申请日期"), db_index=True)
    status = status_field(ReconsiderationStatus.RECEIVED)
    acceptance_due = models.DateField(_("受理审查期限"), null=True, blank=True)
    acceptance_due_provisional = models.BooleanField(_("受理期限暂定"), default=False)
    accepted_on = models.DateField(_("受理日期"), null=True, blank=True)
    acceptance_deemed = models.BooleanField(_("视为受理"), default=False)
    refused_on = models.DateField(_("不予受理日期"), null=True, blank=True)
    refusal_reason = models.TextField(_("不予受理理由"), blank=True)
    procedure = models.CharField(
        _("审理程序"), max_length=16, choices=Procedure.choices, blank=True
    )
    is_major = models.BooleanField(_("重大、疑难、复杂案件"), default=False)
    copy_due = models.DateField(_("副本发送期限"), null=True, blank=True)
    copy_due_provisional = models.BooleanField(_("副本发送期限暂定"), default=False)
    copy_sent_on = models.DateField(_("副本发送被申请人日期"), null=True, blank=True)
    respondent_reply_due = models.DateField(_("被申请人答复期限"), null=True, blank=True)
    respondent_replied_on = models.DateField(_("被申请人答复日期"), null=True, blank=True)
    respondent_reply = models.TextField(_("被申请人书面答复"), blank=True)
    committee_consulted_on = models.DateField(_("复议委员会咨询日期"), null=True, blank=True)
    committee_opinion = models.TextField(_("复议委员会咨询意见"), blank=True)
    decision_due = models.DateField(_("决定期限"), null=True, blank=True)
    decision_due_provisional = models.BooleanField(_("决定期限暂定"), default=False)
    decided_on = models.DateField(_("决定日期"), null=True, blank=True)
    decision_type = models.CharField(
        _("决定类型"), max_length=32, choices=DecisionType.choices, blank=True
    )
    decision_doc_number = models.CharField(_("决定书文号"), max_length=64, blank=True)
    decision_text = models.TextField(_("决定书正文"), blank=True)
    terminated_on = models.DateField(_("终止日期"), null=True, blank=True)
    termination_ground = models.CharField(
        _("终止事由"), max_length=32, choices=TerminationGround.choices, blank=True
    )
    termination_notified_on = models.DateField(_("终止书面告知日期"), null=True, blank=True)
    termination_note = models.TextField(_("终止说明"), blank=True)
    published_on = models.DateField(_("公开日期"), null=True, blank=True)
    publication_text = models.TextField(_("公开文本(已隐去个人信息)"), blank=True)
    query_code_digest = models.CharField(_("查询码摘要"), max_length=64, blank=True)
    created_by = registrar(null=True)
    version = models.PositiveIntegerField(_("版本"), default=1)

    objects = ReconsiderationQuerySet.as_manager()
    scope = unit_scope("respondent")

    class Meta:
        verbose_name = _("行政复议案件")
        verbose_name_plural = _("行政复议案件")
        ordering = ["-received_on", "-id"]
        indexes = [
            models.Index(fields=["status", "acceptance_due"], name="disputes_rc_status_acc_due"),
            models.Index(fields=["status", "decision_due"], name="disputes_rc_status_dec_due"),
            models.Index(fields=["respondent", "received_on"], name="disputes_rc_resp_received"),
            models.Index(fields=["decided_on"], name="disputes_rc_decided_on"),
            models.Index(
                fields=["status", "respondent_reply_due"], name="disputes_rc_status_reply_due"
            ),
            models.Index(fields=["status", "copy_due"], name="disputes_rc_status_copy_due"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(accepted_on__isnull=True) | Q(accepted_on__gte=models.F("received_on")),
                name="disputes_rc_accepted_after_received",
            ),
            models.CheckConstraint(
                condition=Q(decided_on__isnull=True)
                | (Q(accepted_on__isnull=False) & Q(decided_on__gte=models.F("accepted_on"))),
                name="disputes_rc_decided_after_accepted",
            ),
            models.CheckConstraint(
                condition=Q(act_known_on__lte=models.F("received_on")),
                name="disputes_rc_known_before_received",
            ),
            models.CheckConstraint(
                condition=~Q(status="terminated")
                | (Q(terminated_on__isnull=False) & Q(termination_ground__gt="")),
                name="disputes_rc_terminated_has_ground",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_open(self) -> bool:
        return self.status in RECONSIDERATION_OPEN

    def is_deemed_accepted(self, today: dt.date) -> bool:
        """Art. 30: no refusal within the review period means the case is accepted."""
        return (
            self.status == ReconsiderationStatus.RECEIVED
            and self.acceptance_due is not None
            and today > self.acceptance_due
        )


class CaseRow(TimeStampedModel):
    """A row of a reconsideration case (a file, a supplement, a hearing…), seen with its case."""

    objects = ScopedQuerySet.as_manager()
    scope = unit_scope("case__respondent")

    class Meta:
        abstract = True


def case_row(related_name: str) -> models.ForeignKey:
    """The case a `CaseRow` belongs to, deleted with it."""
    return link(ReconsiderationCase, _("案件"), related_name, on_delete=models.CASCADE)


class ReconsiderationAttachment(CaseRow):
    """A file handed in with an application or a supplement."""

    case = case_row("attachments")
    file = models.FileField(_("文件"), upload_to="disputes/%Y/%m/")
    name = models.CharField(_("文件名"), max_length=255)
    size = models.PositiveIntegerField(_("大小(字节)"))
    uploaded_by = person(_("上传人"), null=True)

    class Meta:
        verbose_name = _("申请材料")
        verbose_name_plural = _("申请材料")
        ordering = ["case_id", "id"]

    def __str__(self) -> str:
        return self.name


class SupplementRequest(CaseRow):
    """A request to supplement the application (补正通知); it pauses the acceptance clock."""

    case = case_row("supplements")
    requested_on = models.DateField(_("通知日期"))
    items = models.TextField(_("需补正的材料"))
    reply_due = models.DateField(_("补正期限"))
    reply_due_provisional = models.BooleanField(_("补正期限暂定"), default=False)
    supplied_on = models.DateField(_("补正日期"), null=True, blank=True)
    status = status_field(SupplementStatus.PENDING)

    class Meta:
        verbose_name = _("补正通知")
        verbose_name_plural = _("补正通知")
        ordering = ["case_id", "requested_on", "id"]
        indexes = [models.Index(fields=["status", "reply_due"], name="disputes_sup_status_due")]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(status="pending"),
                name="disputes_one_pending_supplement",
            ),
        ]

    def __str__(self) -> str:
        return gettext("%(case)s 补正通知(%(date)s)") % {
            "case": self.case,
            "date": self.requested_on,
        }


class ReconsiderationHearing(CaseRow):
    """A hearing (听证), a hearing of views, or an on-site investigation in a case."""

    case = case_row("hearings")
    kind = models.CharField(_("方式"), max_length=32, choices=HearingKind.choices)
    notice_on = models.DateField(_("通知日期"), null=True, blank=True)
    held_on = models.DateField(_("日期"))
    place = models.CharField(_("地点"), max_length=128, blank=True)
    participants = models.CharField(_("参加人员"), max_length=255, blank=True)
    respondent_head_attended = models.BooleanField(_("被申请人负责人参加"), default=False)
    summary = models.TextField(_("情况记录"), blank=True)
    recorded_by = recorder()

    class Meta:
        verbose_name = _("听证与调查")
        verbose_name_plural = _("听证与调查")
        ordering = ["case_id", "held_on", "id"]
        indexes = [models.Index(fields=["kind", "case"], name="disputes_hearing_kind_case")]

    def __str__(self) -> str:
        return f"{self.case} {self.get_kind_display()} {self.held_on}"


class DecisionExtension(CaseRow):
    """An approved extension of the decision period (Art. 62: at most 30 days in all)."""

    case = case_row("extensions")
    approved_on = models.DateField(_("批准日期"))
    approver = models.CharField(_("批准人(复议机构负责人)"), max_length=64)
    days = models.PositiveSmallIntegerField(_("延长天数"))
    reason = models.TextField(_("延期理由"))
    recorded_by = recorder()

    class Meta:
        verbose_name = _("决定期限延长")
        verbose_name_plural = _("决定期限延长")
        ordering = ["case_id", "approved_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(days__gte=1) & Q(days__lte=30), name="disputes_extension_1_30"
            )
        ]

    def __str__(self) -> str:
        return gettext("%(case)s 延长%(days)s日") % {"case": self.case, "days": self.days}


class ReconsiderationSuspension(CaseRow):
    """A suspension of the hearing (中止, Art. 39), with its ground, written notices and resumption.

    The decision period does not run while a case is suspended: on resumption the due date moves
    by the suspended calendar days (`days`).
    """

    case = case_row("suspensions")
    ground = models.CharField(_("中止事由"), max_length=32, choices=SuspensionGround.choices)
    started_on = models.DateField(_("中止日期"))
    notified_on = models.DateField(_("中止书面告知日期"))
    note = models.TextField(_("中止说明"), blank=True)
    lapses_on = models.DateField(_("中止满六十日"), null=True, blank=True, db_index=True)
    resumed_on = models.DateField(_("恢复审理日期"), null=True, blank=True)
    resume_notified_on = models.DateField(_("恢复书面告知日期"), null=True, blank=True)
    resume_note = models.TextField(_("恢复说明"), blank=True)
    recorded_by = recorder(null=True)

    class Meta:
        verbose_name = _("中止审理")
        verbose_name_plural = _("中止审理")
        ordering = ["case_id", "started_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(resumed_on__isnull=True),
                name="disputes_one_open_suspension",
            ),
            models.CheckConstraint(
                condition=Q(resumed_on__isnull=True) | Q(resumed_on__gte=models.F("started_on")),
                name="disputes_susp_resumed_after_start",
            ),
            models.CheckConstraint(
                condition=Q(notified_on__gte=models.F("started_on")),
                name="disputes_susp_notified_after_start",
            ),
        ]

    def __str__(self) -> str:
        return gettext("%(case)s 中止审理(%(date)s)") % {
            "case": self.case,
            "date": self.started_on,
        }

    @property
    def days(self) -> int | None:
        """Suspended calendar days once resumed (the resumption day runs again)."""
        return (self.resumed_on - self.started_on).days if self.resumed_on else None

    @property
    def terminates_on(self) -> dt.date | None:
        """The day the daily job terminates the case if the cause remains (Art. 41 (5))."""
        return self.lapses_on + dt.timedelta(days=1) if self.lapses_on else None
