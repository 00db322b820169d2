"""Double-random inspections: the target register, plans, the verifiable draw, visits."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fazhi.core.fields import person, status_field
from fazhi.core.models import TimeStampedModel
from fazhi.core.scoping import Scope, ScopedQuerySet

from ..choices import (
    DrawStatus,
    InspectionOutcome,
    PlanStatus,
)
from .bodies import EnforcementBody
from .common import VIEW_ALL
from .officers import Officer


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
    status = status_field(PlanStatus.DRAFT)
    created_by = person(_("创建人"))

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
    status = status_field(DrawStatus.COMMITTED)
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
    committed_by = person(_("公布人"))
    revealed_at = models.DateTimeField(_("揭示种子时间"), null=True, blank=True)
    revealed_by = person(_("抽取人"), null=True)
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

    # no index of its own: the unique (draw, rank) and (draw, target) lead with it
    draw = models.ForeignKey(
        InspectionDraw,
        verbose_name=_("随机抽取"),
        on_delete=models.CASCADE,
        related_name="visits",
        db_index=False,
    )
    rank = models.PositiveIntegerField(_("抽取序号"))
    target = models.ForeignKey(
        InspectionTarget,
        verbose_name=_("检查对象"),
        on_delete=models.PROTECT,
        related_name="visits",
    )
    score = models.CharField(_("排序值"), max_length=64)
    officers = models.ManyToManyField(
        Officer,
        verbose_name=_("检查人员"),
        related_name="visits",
        through="InspectionVisitOfficer",
    )
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


class InspectionVisitOfficer(models.Model):
    """An inspector of a visit: the table Django's automatic many-to-many made (same name and
    columns), declared so the visit column has no index of its own beside the unique pair."""

    inspectionvisit = models.ForeignKey(InspectionVisit, on_delete=models.CASCADE, db_index=False)
    officer = models.ForeignKey(Officer, on_delete=models.CASCADE)

    class Meta:
        db_table = "enforcement_inspectionvisit_officers"
        unique_together = [("inspectionvisit", "officer")]
        verbose_name = _("检查人员")
        verbose_name_plural = _("检查人员")

    def __str__(self) -> str:
        return f"{self.inspectionvisit_id}: {self.officer_id}"
