"""Enforcement tables: bodies, officers, penalty cases, discretion standards, random inspections."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from fazhi.core.models import OrgUnit, TimeStampedModel
from fazhi.core.scoping import Scope, ScopedQuerySet

from .choices import (
    CaseAction,
    CaseStage,
    CircumstanceLevel,
    CredentialKind,
    CredentialStatus,
    CustodyAction,
    DecisionKind,
    DrawStatus,
    ExemptionKind,
    InspectionOutcome,
    MatterType,
    PartyKind,
    PlanStatus,
    ReviewConclusion,
)

USER = settings.AUTH_USER_MODEL
VIEW_ALL = "enforcement.view_all"
CASE_SCOPE = Scope(unit="case__body__unit", sees_all=VIEW_ALL)
OFFICER_SCOPE = Scope(unit="officer__body__unit", sees_all=VIEW_ALL)
MONEY = {"max_digits": 14, "decimal_places": 2}


class EnforcementBody(TimeStampedModel):
    """An enforcement body (执法主体): a unit with enforcement powers and its case-number prefix."""

    unit = models.OneToOneField(
        OrgUnit, verbose_name=_("单位"), on_delete=models.PROTECT, related_name="enforcement_body"
    )
    case_prefix = models.CharField(
        _("案件文号代字"), max_length=16, unique=True, help_text=_("如 天市监罚")
    )
    phone = models.CharField(_("监督电话"), max_length=32, blank=True)
    is_active = models.BooleanField(_("有效"), default=True)

    objects = ScopedQuerySet.as_manager()
    # A user sees their own body; supervisors, leaders and legal reviewers their region's.
    scope = Scope(unit="unit", sees_all=VIEW_ALL)

    class Meta:
        verbose_name = _("执法主体")
        verbose_name_plural = _("执法主体")
        ordering = ["unit__name"]

    def __str__(self) -> str:
        return self.unit.name


class EnforcementMatter(TimeStampedModel):
    """One entry of a body's list of enforcement matters (执法事项清单)."""

    body = models.ForeignKey(
        EnforcementBody,
        verbose_name=_("执法主体"),
        on_delete=models.CASCADE,
        related_name="matters",
    )
    name = models.CharField(_("事项名称"), max_length=200)
    matter_type = models.CharField(_("事项类型"), max_length=16, choices=MatterType.choices)
    legal_basis = models.TextField(_("法律依据"))
    in_random_inspection = models.BooleanField(_("列入随机抽查事项清单"), default=False)

    class Meta:
        verbose_name = _("执法事项")
        verbose_name_plural = _("执法事项")
        ordering = ["body_id", "matter_type", "name"]
        constraints = [
            models.UniqueConstraint(fields=["body", "name"], name="enf_matter_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


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


class TrainingSession(TimeStampedModel):
    """A training the justice bureau held or recognised (培训): the source of officers' hours."""

    course = models.CharField(_("培训内容"), max_length=200)
    held_on = models.DateField(_("培训日期"))
    hours = models.DecimalField(_("学时"), max_digits=5, decimal_places=1)
    organiser = models.CharField(_("组织单位"), max_length=128)
    recorded_by = models.ForeignKey(
        USER, verbose_name=_("登记人"), null=True, on_delete=models.PROTECT, related_name="+"
    )

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


class DiscretionStandard(TimeStampedModel):
    """A discretion standard (裁量基准) for one violation: legal basis, level ranges, exemptions."""

    code = models.CharField(pgettext_lazy("code", "编号"), max_length=32, unique=True)
    violation = models.CharField(_("违法行为"), max_length=300)
    legal_basis = models.TextField(_("违法依据"))
    penalty_basis = models.TextField(_("处罚依据"))
    body = models.ForeignKey(
        EnforcementBody,
        verbose_name=_("适用执法主体"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="standards",
    )
    is_active = models.BooleanField(_("有效"), default=True)

    class Meta:
        verbose_name = _("裁量基准")
        verbose_name_plural = _("裁量基准")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.violation}"


class DiscretionLevel(models.Model):
    """The fine range of one circumstance level (轻微/一般/较重/严重) of a standard."""

    standard = models.ForeignKey(
        DiscretionStandard,
        verbose_name=_("裁量基准"),
        on_delete=models.CASCADE,
        related_name="levels",
    )
    level = models.CharField(_("违法情节"), max_length=16, choices=CircumstanceLevel.choices)
    description = models.TextField(_("适用情形"))
    fine_min = models.DecimalField(_("罚款下限(元)"), **MONEY)
    fine_max = models.DecimalField(_("罚款上限(元)"), **MONEY)
    other_penalty = models.CharField(_("其他处罚种类"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("裁量档次")
        verbose_name_plural = _("裁量档次")
        ordering = ["standard_id", "fine_min", "level"]
        constraints = [
            models.UniqueConstraint(fields=["standard", "level"], name="enf_level_unique"),
            models.CheckConstraint(
                condition=Q(fine_min__gte=0) & Q(fine_max__gte=models.F("fine_min")),
                name="enf_level_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_level_display()} {self.fine_min}–{self.fine_max}"


class Exemption(models.Model):
    """An entry of a standard's exemption list (免罚清单 / 减轻 / 从轻)."""

    standard = models.ForeignKey(
        DiscretionStandard,
        verbose_name=_("裁量基准"),
        on_delete=models.CASCADE,
        related_name="exemptions",
    )
    kind = models.CharField(_("类别"), max_length=16, choices=ExemptionKind.choices)
    condition = models.TextField(_("适用条件"))

    class Meta:
        verbose_name = _("免罚轻罚清单")
        verbose_name_plural = _("免罚轻罚清单")
        ordering = ["standard_id", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["standard", "kind"], name="enf_exemption_unique")
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


class PenaltyCase(TimeStampedModel):
    """An administrative penalty case under the general procedure (行政处罚案件)."""

    body = models.ForeignKey(
        EnforcementBody, verbose_name=_("执法主体"), on_delete=models.PROTECT, related_name="cases"
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    serial = models.PositiveIntegerField(_("序号"))
    number = models.CharField(_("案件编号"), max_length=64, unique=True)
    title = models.CharField(_("案由"), max_length=200)
    standard = models.ForeignKey(
        DiscretionStandard,
        verbose_name=_("适用裁量基准"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
    )
    party_kind = models.CharField(_("当事人类型"), max_length=16, choices=PartyKind.choices)
    party_name = models.CharField(_("当事人"), max_length=200)
    party_uscc = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    party_resident_id = models.CharField(_("身份证号码"), max_length=18, blank=True)
    facts = models.TextField(_("违法事实"), blank=True)
    stage = models.CharField(
        _("办理阶段"), max_length=16, choices=CaseStage.choices, default=CaseStage.FILED
    )
    filed_on = models.DateField(_("立案日期"))
    filed_by = models.ForeignKey(
        USER, verbose_name=_("立案人"), on_delete=models.PROTECT, related_name="+"
    )
    officers = models.ManyToManyField(
        Officer, verbose_name=_("承办执法人员"), related_name="cases", blank=True
    )
    is_major = models.BooleanField(_("重大执法决定(须法制审核)"), default=False)
    is_serious = models.BooleanField(_("情节复杂或重大违法(须集体讨论)"), default=False)
    circumstance_level = models.CharField(
        _("违法情节"), max_length=16, choices=CircumstanceLevel.choices, blank=True
    )
    first_offence = models.BooleanField(_("初次违法"), default=False)
    corrected_promptly = models.BooleanField(_("及时改正"), default=False)
    harm = models.CharField(
        _("危害后果"),
        max_length=8,
        choices=[
            ("none", pgettext_lazy("harm", "无")),
            ("minor", pgettext_lazy("harm", "轻微")),
            ("some", pgettext_lazy("harm", "有")),
        ],
        default="some",
    )
    mitigating = models.BooleanField(_("有减轻处罚情节"), default=False)
    lenient = models.BooleanField(_("有从轻处罚情节"), default=False)
    proposed_penalty = models.TextField(_("拟处罚内容"), blank=True)
    proposed_fine = models.DecimalField(_("拟罚款金额(元)"), null=True, blank=True, **MONEY)
    notified_on = models.DateField(_("告知日期"), null=True, blank=True)
    hearing_request_due = models.DateField(_("申请听证截止日"), null=True, blank=True)
    rights_waived = models.BooleanField(_("当事人放弃陈述申辩和听证"), default=False)
    hearing_requested = models.BooleanField(_("当事人申请听证"), default=False)
    hearing_held_on = models.DateField(_("听证日期"), null=True, blank=True)
    review_passed = models.BooleanField(_("法制审核通过"), default=False)
    collective_on = models.DateField(_("集体讨论日期"), null=True, blank=True)
    extension_days = models.PositiveIntegerField(_("延长天数"), default=0)
    decision_due = models.DateField(_("作出决定截止日"))
    decision_due_provisional = models.BooleanField(_("截止日为暂定"), default=False)
    decision_kind = models.CharField(
        _("决定类型"), max_length=16, choices=DecisionKind.choices, blank=True
    )
    fine = models.DecimalField(_("罚款金额(元)"), null=True, blank=True, **MONEY)
    other_penalty = models.CharField(_("其他处罚"), max_length=200, blank=True)
    exemption_applied = models.CharField(
        _("适用免罚轻罚"), max_length=16, choices=ExemptionKind.choices, blank=True
    )
    allowed_min = models.DecimalField(_("裁量下限(元)"), null=True, blank=True, **MONEY)
    allowed_max = models.DecimalField(_("裁量上限(元)"), null=True, blank=True, **MONEY)
    outside_range_reason = models.TextField(_("超出裁量范围的理由"), blank=True)
    decided_on = models.DateField(_("决定日期"), null=True, blank=True)
    service_due = models.DateField(_("送达截止日"), null=True, blank=True)
    served_on = models.DateField(_("送达日期"), null=True, blank=True)
    publicity_due = models.DateField(_("公示截止日"), null=True, blank=True)
    published_on = models.DateField(_("公示日期"), null=True, blank=True)
    executed_on = models.DateField(_("执行完毕日期"), null=True, blank=True)
    closed_on = models.DateField(_("结案日期"), null=True, blank=True)
    version = models.PositiveIntegerField(_("版本"), default=1)

    objects = ScopedQuerySet.as_manager()
    scope = Scope(unit="body__unit", sees_all=VIEW_ALL)

    class Meta:
        verbose_name = _("行政处罚案件")
        verbose_name_plural = _("行政处罚案件")
        ordering = ["-filed_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "year", "serial"], name="enf_case_serial_unique"
            ),
            models.CheckConstraint(
                condition=Q(fine__isnull=True) | Q(fine__gte=0), name="enf_case_fine_nonneg"
            ),
        ]
        indexes = [
            models.Index(fields=["body", "stage"]),
            models.Index(fields=["stage", "decision_due"]),
            models.Index(fields=["filed_on"]),
            models.Index(fields=["published_on"]),
            models.Index(fields=["party_uscc"]),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def is_decided(self) -> bool:
        return self.decided_on is not None

    @property
    def current_due(self) -> dt.date | None:
        """The next statutory deadline the case is running against."""
        if self.decided_on is None:
            return self.decision_due
        if self.served_on is None:
            return self.service_due
        if self.published_on is None and self.decision_kind == DecisionKind.PENALTY:
            return self.publicity_due
        return None


class CaseStep(models.Model):
    """One entry of the full-process record (全过程记录): what was done, when, by whom."""

    case = models.ForeignKey(
        PenaltyCase, verbose_name=_("案件"), on_delete=models.CASCADE, related_name="steps"
    )
    action = models.CharField(
        pgettext_lazy("process record", "环节"), max_length=24, choices=CaseAction.choices
    )
    stage_before = models.CharField(
        _("原阶段"), max_length=16, choices=CaseStage.choices, blank=True
    )
    stage_after = models.CharField(_("新阶段"), max_length=16, choices=CaseStage.choices)
    occurred_at = models.DateTimeField(_("时间"))
    actor = models.ForeignKey(
        USER, verbose_name=_("操作人"), on_delete=models.PROTECT, related_name="+"
    )
    actor_name = models.CharField(_("操作人姓名"), max_length=64)
    note = models.TextField(_("说明"), blank=True)
    data = models.JSONField(_("记录内容"), default=dict, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope = CASE_SCOPE

    class Meta:
        verbose_name = _("全过程记录")
        verbose_name_plural = _("全过程记录")
        ordering = ["case_id", "occurred_at", "id"]
        indexes = [models.Index(fields=["case", "occurred_at"])]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.occurred_at:%Y-%m-%d %H:%M}"


def evidence_path(instance, filename: str) -> str:
    return f"enforcement/evidence/{instance.case_id}/{instance.sm3[:16]}-{filename}"


class Evidence(models.Model):
    """A piece of evidence: the stored file, its SM3 hash, and who collected it when."""

    case = models.ForeignKey(
        PenaltyCase, verbose_name=_("案件"), on_delete=models.CASCADE, related_name="evidence"
    )
    title = models.CharField(_("证据名称"), max_length=200)
    file = models.FileField(_("文件"), upload_to=evidence_path, max_length=300)
    size = models.PositiveBigIntegerField(_("大小(字节)"))
    sm3 = models.CharField(_("SM3 哈希"), max_length=64)
    collected_at = models.DateTimeField(_("收集时间"))
    collected_by = models.ForeignKey(
        USER, verbose_name=_("收集人"), on_delete=models.PROTECT, related_name="+"
    )

    objects = ScopedQuerySet.as_manager()
    scope = CASE_SCOPE

    class Meta:
        verbose_name = _("证据")
        verbose_name_plural = _("证据")
        ordering = ["case_id", "collected_at", "id"]

    def __str__(self) -> str:
        return self.title


class CustodyEntry(models.Model):
    """A link in an evidence item's chain of custody (证据保管链)."""

    evidence = models.ForeignKey(
        Evidence, verbose_name=_("证据"), on_delete=models.CASCADE, related_name="custody"
    )
    action = models.CharField(_("动作"), max_length=16, choices=CustodyAction.choices)
    actor = models.ForeignKey(
        USER, verbose_name=_("经手人"), on_delete=models.PROTECT, related_name="+"
    )
    occurred_at = models.DateTimeField(_("时间"))
    note = models.CharField(_("说明"), max_length=200, blank=True)
    sm3_checked = models.CharField(_("经手时核对的 SM3"), max_length=64)

    objects = ScopedQuerySet.as_manager()
    scope = Scope(unit="evidence__case__body__unit", sees_all=VIEW_ALL)

    class Meta:
        verbose_name = _("证据保管记录")
        verbose_name_plural = _("证据保管记录")
        ordering = ["evidence_id", "occurred_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.occurred_at:%Y-%m-%d}"


class LegalReview(models.Model):
    """A legal reviewer's opinion (法制审核意见) on a case before the decision."""

    case = models.ForeignKey(
        PenaltyCase, verbose_name=_("案件"), on_delete=models.CASCADE, related_name="reviews"
    )
    reviewer = models.ForeignKey(
        USER, verbose_name=_("审核人"), on_delete=models.PROTECT, related_name="+"
    )
    conclusion = models.CharField(_("审核结论"), max_length=16, choices=ReviewConclusion.choices)
    opinion = models.TextField(pgettext_lazy("legal review", "审核意见"))
    reviewed_at = models.DateTimeField(_("审核时间"))

    objects = ScopedQuerySet.as_manager()
    scope = CASE_SCOPE

    class Meta:
        verbose_name = _("法制审核")
        verbose_name_plural = _("法制审核")
        ordering = ["case_id", "reviewed_at", "id"]

    def __str__(self) -> str:
        return self.get_conclusion_display()


class CaseExtension(models.Model):
    """An approved extension of the decision period (Art. 60)."""

    case = models.ForeignKey(
        PenaltyCase, verbose_name=_("案件"), on_delete=models.CASCADE, related_name="extensions"
    )
    days = models.PositiveIntegerField(_("延长天数"))
    reason = models.TextField(_("延期理由"))
    approved_by = models.ForeignKey(
        USER, verbose_name=_("批准人"), on_delete=models.PROTECT, related_name="+"
    )
    new_due = models.DateField(_("延长后截止日"))
    created_at = models.DateTimeField(_("批准时间"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope = CASE_SCOPE

    class Meta:
        verbose_name = _("办案期限延长")
        verbose_name_plural = _("办案期限延长")
        ordering = ["case_id", "created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(days__gt=0), name="enf_extension_positive")
        ]

    def __str__(self) -> str:
        return f"延长{self.days}日"


class CaseFileReview(models.Model):
    """A case-file review (案卷评查) scored on the rubric in `rubric.py`."""

    case = models.ForeignKey(
        PenaltyCase, verbose_name=_("案件"), on_delete=models.CASCADE, related_name="file_reviews"
    )
    reviewer = models.ForeignKey(
        USER, verbose_name=_("评查人"), on_delete=models.PROTECT, related_name="+"
    )
    scores = models.JSONField(_("各项得分"))
    total = models.PositiveSmallIntegerField(_("总分"))
    grade = models.CharField(_("等次"), max_length=8)
    comment = models.TextField(_("评查意见"), blank=True)
    reviewed_at = models.DateTimeField(_("评查时间"))

    objects = ScopedQuerySet.as_manager()
    scope = CASE_SCOPE

    class Meta:
        verbose_name = _("案卷评查")
        verbose_name_plural = _("案卷评查")
        ordering = ["-reviewed_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "reviewer"], name="enf_file_review_once")
        ]

    def __str__(self) -> str:
        return f"{self.total}分 {self.grade}"

    @property
    def grade_label(self) -> str:
        """The grade in the interface language (it is stored in Chinese, see rubric.GRADES)."""
        return gettext(self.grade)


class GuidingCase(TimeStampedModel):
    """A guiding case (指导案例) for officers to learn from."""

    title = models.CharField(_("标题"), max_length=200)
    field = models.CharField(_("执法领域"), max_length=64)
    summary = models.TextField(_("基本案情"))
    key_points = models.TextField(_("裁判要点/指导意义"))
    legal_basis = models.TextField(_("法律依据"), blank=True)
    published_on = models.DateField(_("发布日期"))

    class Meta:
        verbose_name = _("指导案例")
        verbose_name_plural = _("指导案例")
        ordering = ["-published_on", "id"]
        indexes = [models.Index(fields=["field"])]

    def __str__(self) -> str:
        return self.title


class InspectionTarget(models.Model):
    """A market entity in the register of inspection targets (检查对象名录库)."""

    uscc = models.CharField(_("统一社会信用代码"), max_length=18, unique=True)
    name = models.CharField(_("名称"), max_length=200)
    category = models.CharField(_("行业类别"), max_length=64)
    address = models.CharField(_("住所"), max_length=200, blank=True)
    is_active = models.BooleanField(_("存续"), default=True)
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("检查对象")
        verbose_name_plural = _("检查对象")
        ordering = ["uscc"]
        indexes = [models.Index(fields=["category", "uscc"]), models.Index(fields=["name"])]

    def __str__(self) -> str:
        return f"{self.name}({self.uscc})"


class OfficerRelation(models.Model):
    """A recorded relationship between an officer and a target; the officer withdraws (回避) from it."""

    officer = models.ForeignKey(
        Officer, verbose_name=_("执法人员"), on_delete=models.CASCADE, related_name="relations"
    )
    target = models.ForeignKey(
        InspectionTarget,
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


class InspectionPlan(TimeStampedModel):
    """A random-inspection plan (抽查计划): scope, categories, ratio, joint departments."""

    body = models.ForeignKey(
        EnforcementBody,
        verbose_name=_("牵头执法主体"),
        on_delete=models.PROTECT,
        related_name="inspection_plans",
    )
    joint_bodies = models.ManyToManyField(
        EnforcementBody,
        verbose_name=_("联合抽查部门"),
        related_name="joint_inspection_plans",
        blank=True,
    )
    title = models.CharField(_("计划名称"), max_length=200)
    year = models.PositiveSmallIntegerField(_("年度"))
    # The plan's text is stored in the column `scope`; the attribute `scope` declares visibility.
    coverage = models.TextField(_("抽查事项与范围"), db_column="scope")
    categories = models.JSONField(
        _("行业类别"), default=list, blank=True, help_text=_("留空表示全部类别")
    )
    ratio_bp = models.PositiveIntegerField(_("抽查比例(万分比)"), help_text=_("5% 即 500"))
    status = models.CharField(
        _("状态"), max_length=16, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    created_by = models.ForeignKey(
        USER, verbose_name=_("创建人"), on_delete=models.PROTECT, related_name="+"
    )

    objects = ScopedQuerySet.as_manager()
    scope = Scope(unit=("body__unit", "joint_bodies__unit"), sees_all=VIEW_ALL)

    class Meta:
        verbose_name = _("抽查计划")
        verbose_name_plural = _("抽查计划")
        ordering = ["-year", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ratio_bp__gt=0) & Q(ratio_bp__lte=10000), name="enf_plan_ratio"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def ratio_percent(self) -> str:
        return f"{self.ratio_bp / 100:g}%"


def draw_list_path(instance, filename: str) -> str:
    return f"enforcement/draws/{instance.plan_id}/{filename}"


class InspectionDraw(models.Model):
    """A verifiable draw: commitment published first, seed revealed when the draw runs. Never rerun."""

    plan = models.OneToOneField(
        InspectionPlan, verbose_name=_("抽查计划"), on_delete=models.PROTECT, related_name="draw"
    )
    algorithm = models.CharField(_("算法"), max_length=32)
    status = models.CharField(
        _("状态"), max_length=16, choices=DrawStatus.choices, default=DrawStatus.COMMITTED
    )
    target_count = models.PositiveIntegerField(_("名录对象数"))
    ratio_bp = models.PositiveIntegerField(_("抽查比例(万分比)"))
    sample_size = models.PositiveIntegerField(_("抽取数量"))
    target_list = models.FileField(_("规范名单文件"), upload_to=draw_list_path, max_length=300)
    list_sm3 = models.CharField(_("名单 SM3"), max_length=64)
    list_sha256 = models.CharField(_("名单 SHA-256"), max_length=64)
    seed_commitment = models.CharField(_("种子承诺 SHA-256"), max_length=64)
    sealed_seed = models.CharField(_("密封种子"), max_length=64)
    seed = models.CharField(_("已揭示种子"), max_length=64, blank=True)
    selection_sha256 = models.CharField(_("抽取结果 SHA-256"), max_length=64, blank=True)
    committed_at = models.DateTimeField(_("公布承诺时间"))
    committed_by = models.ForeignKey(
        USER, verbose_name=_("公布人"), on_delete=models.PROTECT, related_name="+"
    )
    revealed_at = models.DateTimeField(_("揭示种子时间"), null=True, blank=True)
    revealed_by = models.ForeignKey(
        USER,
        verbose_name=_("抽取人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    result_due = models.DateField(_("结果公示截止日"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope = Scope(unit=("plan__body__unit", "plan__joint_bodies__unit"), sees_all=VIEW_ALL)

    class Meta:
        verbose_name = _("随机抽取")
        verbose_name_plural = _("随机抽取")
        ordering = ["-committed_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=DrawStatus.COMMITTED, seed="")
                | Q(status=DrawStatus.REVEALED) & ~Q(seed=""),
                name="enf_draw_seed_only_when_revealed",
            )
        ]

    def __str__(self) -> str:
        return f"{self.plan.title} 抽取"


class InspectionVisit(models.Model):
    """A drawn target and its one joint visit (综合查一次): inspectors, then the result."""

    draw = models.ForeignKey(
        InspectionDraw, verbose_name=_("随机抽取"), on_delete=models.CASCADE, related_name="visits"
    )
    rank = models.PositiveIntegerField(_("抽取序号"))
    target = models.ForeignKey(
        InspectionTarget,
        verbose_name=_("检查对象"),
        on_delete=models.PROTECT,
        related_name="visits",
    )
    score = models.CharField(_("排序值"), max_length=64)
    officers = models.ManyToManyField(Officer, verbose_name=_("检查人员"), related_name="visits")
    outcome = models.CharField(
        _("检查结果"),
        max_length=16,
        choices=InspectionOutcome.choices,
        default=InspectionOutcome.PENDING,
    )
    result_note = models.TextField(_("结果说明"), blank=True)
    inspected_on = models.DateField(_("检查日期"), null=True, blank=True)
    result_published_on = models.DateField(_("结果公示日期"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope = Scope(
        unit=("draw__plan__body__unit", "draw__plan__joint_bodies__unit"), sees_all=VIEW_ALL
    )

    class Meta:
        verbose_name = _("抽查检查")
        verbose_name_plural = _("抽查检查")
        ordering = ["draw_id", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["draw", "rank"], name="enf_visit_rank_unique"),
            models.UniqueConstraint(fields=["draw", "target"], name="enf_visit_target_unique"),
        ]
        indexes = [models.Index(fields=["draw", "outcome"])]

    def __str__(self) -> str:
        return f"{self.rank}. {self.target_id}"


class CaseSearchEntry(models.Model):
    """Bigram tokens of one case's party name and subject; the FTS5 table or tsvector reads these.

    Written by `case_index.fill` (case filing and bulk loaders); see `search_terms`.
    """

    case = models.OneToOneField(
        PenaltyCase,
        verbose_name=_("行政处罚案件"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="search_entry",
    )
    grams = models.TextField(_("检索词元"))

    class Meta:
        verbose_name = _("全文检索索引")
        verbose_name_plural = _("全文检索索引")
        ordering = ["case_id"]

    def __str__(self) -> str:
        return f"{self.case_id}"
