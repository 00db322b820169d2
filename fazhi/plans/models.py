"""Plans and their supervision: plan → chapter → measure → task → obligations, owners, targets,
progress reports, reminders and supervision notices."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fazhi.core.fields import person, status_field
from fazhi.core.models import OrgUnit, Region, TimeStampedModel, UnitGroup
from fazhi.core.scoping import Scope, ScopedQuerySet, user_region
from fazhi.plans.numbers import chinese_number

from .choices import ImportStatus, NoticeStatus, OwnerRole, ReportStatus

SEES_ALL = "plans.view_all"


def _region_of(path: str):
    """Every user of a unit in the plan's region reads the plan itself (not its casework)."""

    def also(user) -> Q:
        region = user_region(user)
        return Q(**{path: region}) if region else Q(pk__in=[])

    return also


def _task_scope(prefix: str = "") -> Scope:
    """A task and its child rows: the units that owe it; supervisors by the plan's region."""
    return Scope(
        unit=f"{prefix}owners__unit",
        region=f"{prefix}measure__plan__region_id",
        sees_all=SEES_ALL,
    )


class Plan(TimeStampedModel):
    """An implementation plan (实施方案). `identity` is its 文号, or for a plan published
    without one (工作要点, a republished plan) its issuers + title + date, or its content hash."""

    doc_number = models.CharField(_("文号"), max_length=64, blank=True)
    identity = models.CharField(_("识别标识"), max_length=80)
    is_reference = models.BooleanField(
        _("参照方案"),
        default=False,
        help_text=_("上级政府的方案:不分解任务,只供本级任务对应其措施"),
    )
    title = models.CharField(_("标题"), max_length=255)
    issuers = models.JSONField(_("发文机关"), default=list, blank=True)
    issued_on = models.DateField(_("成文日期"), null=True, blank=True)
    start_year = models.PositiveSmallIntegerField(_("起始年度"))
    end_year = models.PositiveSmallIntegerField(_("截止年度"))
    content_hash = models.CharField(_("内容哈希"), max_length=64)
    source_name = models.CharField(_("来源文件"), max_length=255, blank=True)
    imported_by = person(_("导入人"), null=True, on_delete=models.SET_NULL)
    region = models.ForeignKey(
        Region, verbose_name=_("行政区划"), on_delete=models.PROTECT, related_name="+"
    )
    issuing_region = models.ForeignKey(
        Region,
        verbose_name=_("发文区划"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("参照方案由哪一级上级政府发布;本级方案不填"),
    )

    objects = ScopedQuerySet.as_manager()
    scope = Scope(unit=None, region="region_id", sees_all=SEES_ALL, also=_region_of("region_id"))

    class Meta:
        verbose_name = _("实施方案")
        verbose_name_plural = _("实施方案")
        ordering = ["-issued_on", "doc_number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__gte=models.F("start_year")), name="plan_years_ordered"
            ),
            # Only a reference plan comes from a higher government (plans.linking).
            models.CheckConstraint(
                condition=Q(is_reference=True) | Q(issuing_region__isnull=True),
                name="plan_issuing_region_only_for_reference",
            ),
            # Each region keeps its own plans (a higher government's reference plan included).
            models.UniqueConstraint(fields=["region", "identity"], name="plan_identity_unique"),
            models.UniqueConstraint(
                fields=["region", "doc_number"],
                condition=~Q(doc_number=""),
                name="plan_doc_number_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.doc_number} {self.title}".strip()

    @property
    def label(self) -> str:
        """The 文号, or the title for a plan without one."""
        return self.doc_number or self.title


class PlanPart(models.Model):
    """What a chapter and a measure share: a number, a title and a place in their `plan`;
    readers of the plan's region read them."""

    number = models.PositiveSmallIntegerField(_("编号"))
    title = models.CharField(_("标题"), max_length=255)
    position = models.PositiveSmallIntegerField(_("顺序"))

    objects = ScopedQuerySet.as_manager()
    scope = Scope(
        unit=None, region="plan__region_id", sees_all=SEES_ALL, also=_region_of("plan__region_id")
    )

    class Meta:
        abstract = True
        ordering = ["plan_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="%(class)s_number_unique")
        ]


class Chapter(PlanPart):
    """A part of the plan (一、二、…)."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("实施方案"), on_delete=models.CASCADE, related_name="chapters"
    )

    class Meta(PlanPart.Meta):
        verbose_name = _("部分")
        verbose_name_plural = _("部分")

    def __str__(self) -> str:
        return f"{self.label}、{self.title}"

    @property
    def label(self) -> str:
        return chinese_number(self.number)


class Measure(PlanPart):
    """A numbered measure of the plan ((一)…(三十三))."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("实施方案"), on_delete=models.CASCADE, related_name="measures"
    )
    chapter = models.ForeignKey(
        Chapter, verbose_name=_("部分"), on_delete=models.CASCADE, related_name="measures"
    )

    class Meta(PlanPart.Meta):
        verbose_name = _("措施")
        verbose_name_plural = _("措施")

    def __str__(self) -> str:
        return f"{self.label}{self.title}"

    @property
    def label(self) -> str:
        return f"({chinese_number(self.number)})"


class TaskQuerySet(ScopedQuerySet):
    def current(self) -> TaskQuerySet:
        return self.filter(withdrawn_on__isnull=True)


class Task(TimeStampedModel):
    """One block of a measure with its own unit lines: the row of the ledger (台账)."""

    measure = models.ForeignKey(
        Measure, verbose_name=_("措施"), on_delete=models.CASCADE, related_name="tasks"
    )
    position = models.PositiveSmallIntegerField(_("顺序"))
    text = models.TextField(_("任务内容"))
    deadline_text = models.CharField(_("完成时限"), max_length=255, blank=True)
    deadlines = models.JSONField(_("时限(解析结果)"), default=list, blank=True)
    percent_done = models.PositiveSmallIntegerField(_("完成进度(%)"), default=0)
    last_reported_on = models.DateField(_("最近采纳进展日期"), null=True, blank=True)
    completed_on = models.DateField(_("完成日期"), null=True, blank=True)
    withdrawn_on = models.DateField(
        _("撤销日期"), null=True, blank=True, help_text=_("方案修订中删除的任务保留历史,不再督办")
    )
    note = models.TextField(_("督办备注"), blank=True)
    implements = models.ManyToManyField(
        "Measure",
        verbose_name=_("落实的上级措施"),
        blank=True,
        related_name="implementing_tasks",
    )
    version = models.PositiveIntegerField(_("版本"), default=1)

    objects = TaskQuerySet.as_manager()
    scope = _task_scope()

    class Meta:
        verbose_name = _("任务")
        verbose_name_plural = _("任务")
        ordering = ["measure__plan_id", "measure__position", "position"]
        constraints = [
            models.CheckConstraint(
                condition=Q(percent_done__lte=100), name="task_percent_at_most_100"
            )
        ]
        indexes = [models.Index(fields=["completed_on", "withdrawn_on"])]

    def __str__(self) -> str:
        return f"{self.code} {self.text[:30]}"

    def _names(self, roles) -> str:
        return "、".join(a.name for a in self.assignments.all() if a.role in roles)

    @property
    def lead_names(self) -> str:
        """Lead and responsible units as the plan names them (uses prefetched assignments)."""
        return self._names((OwnerRole.LEAD, OwnerRole.RESPONSIBLE))

    @property
    def participating_names(self) -> str:
        return self._names((OwnerRole.PARTICIPATING,))

    @property
    def code(self) -> str:
        """The measure's number and the task's place in it: (十九)-2."""
        return f"{self.measure.label}-{self.position}"


class TaskAssignment(models.Model):
    """A unit line as the plan wrote it: the raw name, resolved to a unit or a unit group."""

    task = models.ForeignKey(
        Task, verbose_name=_("任务"), on_delete=models.CASCADE, related_name="assignments"
    )
    role = models.CharField(_("职责"), max_length=16, choices=OwnerRole.choices)
    raw = models.CharField(_("原文名称"), max_length=128)
    unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    group = models.ForeignKey(
        UnitGroup,
        verbose_name=_("单位群组"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    position = models.PositiveSmallIntegerField(_("顺序"))

    objects = ScopedQuerySet.as_manager()
    scope = _task_scope("task__")

    class Meta:
        verbose_name = _("责任分工")
        verbose_name_plural = _("责任分工")
        ordering = ["task_id", "role", "position"]
        constraints = [
            models.CheckConstraint(
                condition=Q(unit__isnull=False, group__isnull=True)
                | Q(unit__isnull=True, group__isnull=False),
                name="assignment_unit_xor_group",
            )
        ]

    def __str__(self) -> str:
        return self.raw

    @property
    def name(self) -> str:
        target = self.unit or self.group
        return target.name if target else self.raw


class TaskOwner(models.Model):
    """Who owes what: assignments with groups expanded to their member units."""

    task = models.ForeignKey(
        Task, verbose_name=_("任务"), on_delete=models.CASCADE, related_name="owners"
    )
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("单位"), on_delete=models.PROTECT, related_name="plan_tasks"
    )
    role = models.CharField(_("职责"), max_length=16, choices=OwnerRole.choices)

    objects = ScopedQuerySet.as_manager()
    scope = _task_scope("task__")

    class Meta:
        verbose_name = _("任务责任单位")
        verbose_name_plural = _("任务责任单位")
        ordering = ["task_id", "role", "unit_id"]
        constraints = [
            models.UniqueConstraint(fields=["task", "unit", "role"], name="owner_unique")
        ]
        indexes = [models.Index(fields=["unit", "role"])]

    def __str__(self) -> str:
        return f"{self.unit_id}:{self.get_role_display()}"


class Obligation(models.Model):
    """One due instance of a task: a dated deadline, or one period of a recurring one."""

    task = models.ForeignKey(
        Task, verbose_name=_("任务"), on_delete=models.CASCADE, related_name="obligations"
    )
    due_on = models.DateField(_("到期日"))
    label = models.CharField(_("期次"), max_length=64)
    source_text = models.CharField(_("时限原文"), max_length=255, blank=True)
    done_on = models.DateField(_("完成日期"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope = _task_scope("task__")

    class Meta:
        verbose_name = _("时间节点")
        verbose_name_plural = _("时间节点")
        ordering = ["task_id", "due_on"]
        constraints = [
            models.UniqueConstraint(fields=["task", "due_on", "label"], name="obligation_unique")
        ]
        indexes = [models.Index(fields=["due_on", "done_on"])]

    def __str__(self) -> str:
        return f"{self.label}({self.due_on:%Y-%m-%d})"


class Target(TimeStampedModel):
    """A quantified target (量化目标): goal, baseline and current value."""

    task = models.ForeignKey(
        Task, verbose_name=_("任务"), on_delete=models.CASCADE, related_name="targets"
    )
    text = models.CharField(_("目标原文"), max_length=255)
    goal = models.DecimalField(_("目标值"), max_digits=12, decimal_places=2, null=True, blank=True)
    unit = models.CharField(_("计量单位"), max_length=16, blank=True)
    comparator = models.CharField(_("比较方式"), max_length=16, blank=True)
    due_on = models.DateField(_("目标年限"), null=True, blank=True)
    baseline = models.DecimalField(
        _("基数"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    current = models.DecimalField(
        _("当前值"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    indicator_key = models.CharField(
        _("关联指标"), max_length=64, blank=True, help_text=_("当前值由该指标按年度计算")
    )
    version = models.PositiveIntegerField(_("版本"), default=1)

    objects = ScopedQuerySet.as_manager()
    scope = _task_scope("task__")

    class Meta:
        verbose_name = _("量化目标")
        verbose_name_plural = _("量化目标")
        ordering = ["task_id", "id"]

    def __str__(self) -> str:
        return self.text


class ProgressReport(TimeStampedModel):
    """A unit's report on a task (进展填报), reviewed by the rule-of-law office."""

    task = models.ForeignKey(
        Task, verbose_name=_("任务"), on_delete=models.CASCADE, related_name="reports"
    )
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("填报单位"), on_delete=models.PROTECT, related_name="+"
    )
    author = person(_("填报人"), null=True, on_delete=models.SET_NULL)
    obligation = models.ForeignKey(
        Obligation,
        verbose_name=_("时间节点"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
    )
    completes_obligation = models.BooleanField(_("本期已完成"), default=False)
    text = models.TextField(_("进展情况"))
    percent_done = models.PositiveSmallIntegerField(_("完成进度(%)"))
    target_values = models.JSONField(_("目标当前值"), default=dict, blank=True)
    reported_on = models.DateField(_("填报日期"))
    status = status_field(ReportStatus.SUBMITTED)
    reviewed_by = person(_("审核人"), null=True, on_delete=models.SET_NULL)
    reviewed_on = models.DateField(_("审核日期"), null=True, blank=True)
    review_comment = models.TextField(_("审核意见"), blank=True)
    version = models.PositiveIntegerField(_("版本"), default=1)

    objects = ScopedQuerySet.as_manager()
    scope = Scope(unit="unit", sees_all=SEES_ALL)

    class Meta:
        verbose_name = _("进展填报")
        verbose_name_plural = _("进展填报")
        ordering = ["-reported_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(percent_done__lte=100), name="report_percent_at_most_100"
            )
        ]
        indexes = [
            models.Index(fields=["task", "status"]),
            # The review queue: a status, newest first, ties by id as the list pages sort
            # (core.pages), so its first page stops after 50 entries of the index.
            models.Index(fields=["status", "-reported_on", "id"], name="report_queue_idx"),
            # A unit's own page: its reports of a status, the latest reviewed first.
            models.Index(fields=["unit", "status", "-reviewed_on"], name="report_unit_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.task_id} {self.reported_on}"


def evidence_path(instance, filename: str) -> str:
    return f"plans/evidence/{instance.report.task_id}/{filename}"


class Evidence(models.Model):
    """A file attached to a progress report as evidence (佐证材料)."""

    report = models.ForeignKey(
        ProgressReport,
        verbose_name=_("进展填报"),
        on_delete=models.CASCADE,
        related_name="evidence",
    )
    file = models.FileField(_("文件"), upload_to=evidence_path)
    name = models.CharField(_("文件名"), max_length=255)
    size = models.PositiveIntegerField(_("大小(字节)"))

    objects = ScopedQuerySet.as_manager()
    scope = Scope(unit="report__unit", sees_all=SEES_ALL)

    class Meta:
        verbose_name = _("佐证材料")
        verbose_name_plural = _("佐证材料")
        ordering = ["report_id", "id"]

    def __str__(self) -> str:
        return self.name


class Reminder(models.Model):
    """A reminder (催办) sent to a unit about a task."""

    task = models.ForeignKey(
        Task, verbose_name=_("任务"), on_delete=models.CASCADE, related_name="reminders"
    )
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("催办单位"), on_delete=models.PROTECT, related_name="+"
    )
    message = models.TextField(_("催办内容"))
    sent_by = person(_("催办人"), null=True, on_delete=models.SET_NULL)
    sent_on = models.DateField(_("催办日期"))

    objects = ScopedQuerySet.as_manager()
    scope = Scope(unit="unit", sees_all=SEES_ALL)

    class Meta:
        verbose_name = _("催办")
        verbose_name_plural = _("催办")
        ordering = ["-sent_on", "-id"]

    def __str__(self) -> str:
        return f"催办 {self.task_id} {self.sent_on}"


class NoticePrefix(models.Model):
    """The 文号 prefix of a region's supervision notices (天法督〔2026〕3号). The reply period is
    the statutory-period registry's `plans.notice_reply`."""

    region = models.OneToOneField(
        Region,
        verbose_name=_("行政区划"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    prefix = models.CharField(_("文号前缀"), max_length=16)

    class Meta:
        verbose_name = _("督办单文号前缀")
        verbose_name_plural = _("督办单文号前缀")
        ordering = ["region_id"]

    def __str__(self) -> str:
        return f"{self.prefix}〔年〕N号"


class SupervisionNotice(TimeStampedModel):
    """A supervision notice (督办单) issued to a unit for an overdue or stalled task."""

    number = models.CharField(_("督办单编号"), max_length=64)
    region = models.ForeignKey(
        Region, verbose_name=_("行政区划"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    serial = models.PositiveIntegerField(_("序号"))
    task = models.ForeignKey(
        Task, verbose_name=_("任务"), on_delete=models.CASCADE, related_name="notices"
    )
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("督办单位"), on_delete=models.PROTECT, related_name="+"
    )
    request = models.TextField(_("督办事项"))
    issued_by = person(_("签发人"), null=True, on_delete=models.SET_NULL)
    issued_on = models.DateField(_("签发日期"))
    reply_due_on = models.DateField(_("回复期限"))
    reply_due_provisional = models.BooleanField(_("期限暂定"), default=False)
    status = status_field(NoticeStatus.ISSUED)
    reply = models.TextField(_("回复内容"), blank=True)
    replied_by = person(_("回复人"), null=True, on_delete=models.SET_NULL)
    replied_on = models.DateField(_("回复日期"), null=True, blank=True)
    version = models.PositiveIntegerField(_("版本"), default=1)

    objects = ScopedQuerySet.as_manager()
    # The notice's region is its plan's: each region numbers its own notices.
    scope = Scope(unit="unit", region="region_id", sees_all=SEES_ALL)

    class Meta:
        verbose_name = _("督办单")
        verbose_name_plural = _("督办单")
        ordering = ["-year", "-serial"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "year", "serial"], name="notice_serial_unique"
            ),
            models.UniqueConstraint(fields=["region", "number"], name="notice_number_unique"),
        ]
        indexes = [
            models.Index(fields=["unit", "status"]),
            models.Index(fields=["status", "reply_due_on"]),
        ]

    def __str__(self) -> str:
        return self.number


class PlanImport(TimeStampedModel):
    """An uploaded plan awaiting review: the parsed draft, and what it would change."""

    filename = models.CharField(_("文件名"), max_length=255)
    content_hash = models.CharField(_("内容哈希"), max_length=64)
    doc_number = models.CharField(_("文号"), max_length=64, blank=True)
    is_reference = models.BooleanField(_("作为参照方案导入"), default=False)
    draft = models.JSONField(_("解析结果"))
    uploaded_by = person(_("上传人"), null=True, on_delete=models.SET_NULL)
    status = status_field(ImportStatus.PENDING)
    plan = models.ForeignKey(
        Plan,
        verbose_name=_("实施方案"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="imports",
    )
    region = models.ForeignKey(
        Region, verbose_name=_("行政区划"), on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(_("版本"), default=1)

    objects = ScopedQuerySet.as_manager()
    # Only the office that imports plans sees the uploads, those of its own region.
    scope = Scope(unit=None, region="region_id", sees_all="plans.import_plan")

    class Meta:
        verbose_name = _("方案导入")
        verbose_name_plural = _("方案导入")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.filename} {self.get_status_display()}"
