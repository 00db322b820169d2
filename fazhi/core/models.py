"""Shared kernel tables: regions, units, users, holidays, audit chain."""

from __future__ import annotations

from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .choices import Role, UnitKind

region_code_validator = RegexValidator(
    r"^[1-8]\d{5}$", _("区划代码应为6位数字(GB/T 2260),首位为1-8")
)


class TimeStampedModel(models.Model):
    """Abstract base: creation and modification times."""

    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        abstract = True


class Region(models.Model):
    """An administrative division (行政区划), keyed by its GB/T 2260 code."""

    code = models.CharField(
        _("区划代码"), max_length=6, primary_key=True, validators=[region_code_validator]
    )
    name = models.CharField(_("名称"), max_length=64)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级区划"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )

    class Meta:
        verbose_name = _("行政区划")
        verbose_name_plural = _("行政区划")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.name}({self.code})"


class OrgUnitQuerySet(models.QuerySet):
    def visible_to(self, user) -> OrgUnitQuerySet:
        # The directory is not secret inside the government: every signed-in user sees it.
        if user is None or not user.is_authenticated:
            return self.none()
        return self


class OrgUnit(TimeStampedModel):
    """A body named in a plan or running casework (单位)."""

    name = models.CharField(_("全称"), max_length=128, unique=True)
    kind = models.CharField(_("类别"), max_length=32, choices=UnitKind.choices)
    region = models.ForeignKey(
        Region, verbose_name=_("行政区划"), on_delete=models.PROTECT, related_name="units"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级单位"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    is_active = models.BooleanField(_("有效"), default=True)

    objects = OrgUnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("单位")
        verbose_name_plural = _("单位")
        ordering = ["kind", "name"]
        indexes = [models.Index(fields=["region", "kind"])]

    def __str__(self) -> str:
        return self.name

    @property
    def short_name(self) -> str:
        first = next(
            (a.name for a in self.aliases.all() if a.kind == UnitAlias.Kind.SHORT_NAME), None
        )
        return first or self.name


class UnitAlias(models.Model):
    """Another name by which a plan refers to a unit: short name, variant or misspelling."""

    class Kind(models.TextChoices):
        SHORT_NAME = "short_name", _("简称")
        VARIANT = "variant", _("别名/误写")

    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("单位"), on_delete=models.CASCADE, related_name="aliases"
    )
    name = models.CharField(_("名称"), max_length=128, unique=True)
    kind = models.CharField(_("类别"), max_length=16, choices=Kind.choices, default=Kind.VARIANT)

    class Meta:
        verbose_name = _("单位别名")
        verbose_name_plural = _("单位别名")
        ordering = ["unit_id", "kind", "name"]

    def __str__(self) -> str:
        return self.name


class UnitGroup(TimeStampedModel):
    """A collective name that stands for many units (单位群组), e.g. 各乡(镇)人民政府."""

    name = models.CharField(_("名称"), max_length=128, unique=True)
    aliases = models.JSONField(_("别名"), default=list, blank=True)
    members = models.ManyToManyField(
        OrgUnit, verbose_name=_("成员单位"), related_name="groups", blank=True
    )

    class Meta:
        verbose_name = _("单位群组")
        verbose_name_plural = pgettext_lazy("plural", "单位群组")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A person who signs in; acts for one unit with one or more roles."""

    unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("所属单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    full_name = models.CharField(_("姓名"), max_length=64, blank=True)
    phone = models.CharField(_("联系电话"), max_length=32, blank=True)
    roles = models.JSONField(_("角色"), default=list, blank=True)
    password_changed_at = models.DateTimeField(_("密码修改时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")
        ordering = ["username"]

    def clean(self) -> None:
        super().clean()
        unknown = set(self.roles or []) - set(Role.values)
        if unknown:
            raise ValidationError({"roles": _("未知角色: %s") % ", ".join(sorted(unknown))})

    @cached_property
    def role_set(self) -> frozenset[str]:
        return frozenset(self.roles or [])

    def has_role(self, role: str) -> bool:
        return self.is_active and (role in self.role_set)

    @property
    def display_name(self) -> str:
        return self.full_name or self.username

    def role_labels(self) -> list[str]:
        return [str(Role(r).label) for r in self.roles or [] if r in Role.values]


class CalendarYear(models.Model):
    """A year whose holiday arrangement is known (from chinese-calendar or entered by hand)."""

    year = models.PositiveSmallIntegerField(_("年份"), primary_key=True)
    source = models.CharField(_("来源"), max_length=64, default="chinese-calendar")

    class Meta:
        verbose_name = _("节假日年度")
        verbose_name_plural = _("节假日年度")
        ordering = ["year"]

    def __str__(self) -> str:
        return str(self.year)


class CalendarDay(models.Model):
    """A day that departs from the weekday rule: a holiday on a weekday, or a working weekend (调休)."""

    date = models.DateField(_("日期"), primary_key=True)
    is_working_day = models.BooleanField(_("是否工作日"))
    note = models.CharField(_("说明"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("节假日与调休")
        verbose_name_plural = _("节假日与调休")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {'上班' if self.is_working_day else '休息'} {self.note}"


class AuditEvent(models.Model):
    """One link of the audit chain. Append-only: the app never updates or deletes one."""

    seq = models.PositiveBigIntegerField(_("序号"), unique=True)
    occurred_at = models.DateTimeField(_("时间"))
    actor = models.ForeignKey(
        User, verbose_name=_("操作人"), null=True, blank=True, on_delete=models.PROTECT
    )
    actor_name = models.CharField(_("操作人姓名"), max_length=150, blank=True)
    unit_name = models.CharField(_("操作人单位"), max_length=128, blank=True)
    action = models.CharField(_("操作"), max_length=64)
    object_type = models.CharField(_("对象类型"), max_length=64)
    object_id = models.CharField(_("对象编号"), max_length=64)
    object_repr = models.CharField(_("对象"), max_length=255, blank=True)
    before = models.JSONField(_("修改前"), null=True, blank=True)
    after = models.JSONField(_("修改后"), null=True, blank=True)
    prev_hash = models.CharField(_("前一哈希"), max_length=64)
    hash = models.CharField(_("哈希(SM3)"), max_length=64)

    class Meta:
        verbose_name = _("审计事件")
        verbose_name_plural = _("审计事件")
        ordering = ["seq"]
        indexes = [models.Index(fields=["object_type", "object_id", "seq"])]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_type}:{self.object_id}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError(_("审计事件不可修改"))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("审计事件不可删除"))


class AuditHead(models.Model):
    """Single row holding the chain's tip; locked while appending so the chain never forks."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default="0" * 64)

    class Meta:
        verbose_name = _("审计链头")
        verbose_name_plural = _("审计链头")

    def __str__(self) -> str:
        return f"#{self.seq} {self.hash[:12]}"


class FileDigest(models.Model):
    """The SM3 of a stored file, recorded when it was saved (`core.files`); checked when served."""

    name = models.CharField(_("存储名"), max_length=255, unique=True)
    sm3 = models.CharField(_("SM3 哈希"), max_length=64)
    size = models.PositiveBigIntegerField(_("大小"))
    recorded_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("文件摘要")
        verbose_name_plural = _("文件摘要")

    def __str__(self) -> str:
        return f"{self.name} {self.sm3[:12]}"


class RateCounter(models.Model):
    """A fixed-window counter (`core.ratelimit`) where the cache cannot count atomically: the
    embedded default's database cache reads and writes in two steps, so parallel hits were lost."""

    key = models.CharField(_("键"), max_length=200, primary_key=True)
    count = models.PositiveIntegerField(_("次数"))
    window_ends = models.DateTimeField(_("窗口结束"), db_index=True)

    class Meta:
        verbose_name = _("频率计数")
        verbose_name_plural = _("频率计数")

    def __str__(self) -> str:
        return f"{self.key}={self.count}"


class JobRun(models.Model):
    """The last run of a scheduled job (`core.scheduler`), one row a job: what `fazhi scheduler`
    reads to know what is due, and claims with a conditional UPDATE so that two schedulers never
    run the same occurrence; `fazhi job` shows it."""

    name = models.CharField(_("任务"), max_length=100, unique=True)
    last_run_at = models.DateTimeField(_("上次开始"))
    finished_at = models.DateTimeField(_("上次结束"), null=True, blank=True)
    last_result = models.TextField(_("上次结果"), blank=True)
    last_error = models.TextField(_("上次错误"), blank=True)
    runs = models.PositiveIntegerField(_("运行次数"), default=0)

    class Meta:
        verbose_name = _("定时任务运行")
        verbose_name_plural = _("定时任务运行")

    def __str__(self) -> str:
        return f"{self.name} {self.last_run_at:%Y-%m-%d %H:%M}"


class StatutoryPeriod(TimeStampedModel):
    """A statutory period or quota as an editable row: the national default, or a region's own.

    Seeded from the apps' declarations (`core.periods`); edited only through
    `services.period_update`, which audits the change and resets the cached table.
    """

    key = models.CharField(_("代码"), max_length=64)
    region = models.ForeignKey(
        Region,
        verbose_name=_("适用区划"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    label = models.CharField(_("名称"), max_length=128)
    value = models.PositiveIntegerField(_("数值"))
    unit = models.CharField(_("单位"), max_length=16)
    law = models.CharField(pgettext_lazy("legal", "依据"), max_length=200)
    article = models.CharField(_("条款"), max_length=64, blank=True)
    note = models.CharField(_("说明"), max_length=255, blank=True)
    version = models.PositiveIntegerField(_("版本"), default=1)

    class Meta:
        verbose_name = pgettext_lazy("periods", "法定期限")
        verbose_name_plural = pgettext_lazy("periods", "法定期限")
        ordering = ["key", "region_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["key"],
                condition=models.Q(region__isnull=True),
                name="core_period_national_unique",
            ),
            models.UniqueConstraint(
                fields=["key", "region"],
                condition=models.Q(region__isnull=False),
                name="core_period_region_unique",
            ),
            models.CheckConstraint(condition=models.Q(value__gt=0), name="core_period_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.key}={self.value}{self.unit}"

    @property
    def shown_label(self) -> str:
        from .periods import shown

        return shown(self.label)

    @property
    def shown_note(self) -> str:
        from .periods import shown

        return shown(self.note)

    @property
    def length(self) -> str:
        from .periods import length

        return length(self.value, self.unit)

    @property
    def basis(self) -> str:
        from .periods import basis

        return basis(self.law, self.article)
