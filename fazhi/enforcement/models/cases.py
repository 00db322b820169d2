"""Penalty cases and their record: steps, evidence and custody, reviews, extensions, file reviews, guiding cases."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from fazhi.core.fields import person
from fazhi.core.models import TimeStampedModel
from fazhi.core.scoping import Scope, ScopedQuerySet

from ..choices import (
    CaseAction,
    CaseStage,
    CircumstanceLevel,
    CustodyAction,
    DecisionKind,
    ExemptionKind,
    PartyKind,
    ReviewConclusion,
)
from .bodies import EnforcementBody
from .common import CASE_SCOPE, MONEY, VIEW_ALL
from .officers import Officer
from .standards import DiscretionStandard


class PenaltyCase(TimeStampedModel):
    """An administrative penalty case under the general procedure (行政处罚案件)."""

    body = models.ForeignKey(
        EnforcementBody, verbose_name=_("执法主体"), on_delete=models.PROTECT, related_name="cases"
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    # The serial of `number` in its prefix and year (`services.cases.case_number`); the number,
    # not the body, is the unique key: bodies without a prefix of their own share one space.
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
    power_item = models.ForeignKey(
        "catalogs.CatalogItem",
        verbose_name=_("权责清单事项"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("本机关已发布的权责清单中的行政处罚事项"),
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
    filed_by = person(_("立案人"))
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


def of_case(related_name: str) -> models.ForeignKey:
    """The case a record of it belongs to (a step, evidence, a review…), deleted with it."""
    return models.ForeignKey(
        PenaltyCase, verbose_name=_("案件"), on_delete=models.CASCADE, related_name=related_name
    )


class CaseStep(models.Model):
    """One entry of the full-process record (全过程记录): what was done, when, by whom."""

    case = of_case("steps")
    action = models.CharField(
        pgettext_lazy("process record", "环节"), max_length=24, choices=CaseAction.choices
    )
    stage_before = models.CharField(
        _("原阶段"), max_length=16, choices=CaseStage.choices, blank=True
    )
    stage_after = models.CharField(_("新阶段"), max_length=16, choices=CaseStage.choices)
    occurred_at = models.DateTimeField(_("时间"))
    actor = person(_("操作人"))
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

    case = of_case("evidence")
    title = models.CharField(_("证据名称"), max_length=200)
    file = models.FileField(_("文件"), upload_to=evidence_path, max_length=300)
    size = models.PositiveBigIntegerField(_("大小(字节)"))
    sm3 = models.CharField(_("SM3 哈希"), max_length=64)
    collected_at = models.DateTimeField(_("收集时间"))
    collected_by = person(_("收集人"))

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
    actor = person(_("经手人"))
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

    case = of_case("reviews")
    reviewer = person(_("审核人"))
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

    case = of_case("extensions")
    days = models.PositiveIntegerField(_("延长天数"))
    reason = models.TextField(_("延期理由"))
    approved_by = person(_("批准人"))
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

    case = of_case("file_reviews")
    reviewer = person(_("评查人"))
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
