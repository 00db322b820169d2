"""Catalogs (清单): a body's yearly version of one list, and the items in it."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from fazhi.core.fields import person, status_field
from fazhi.core.models import OrgUnit, TimeStampedModel
from fazhi.core.scoping import Scope, ScopedQuerySet

from .choices import CatalogKind, ImportStatus, PowerKind, VersionStatus


class CatalogVersion(TimeStampedModel):
    """One body's list of one kind for one year: drafted, checked, approved, published.

    A published list never changes. When laws change within the year, the body publishes an
    adjustment: the next `sequence` of the same year (2025, 2025-2, …), with its reason.
    """

    body = models.ForeignKey(
        OrgUnit, verbose_name=_("编制单位"), on_delete=models.PROTECT, related_name="catalogs"
    )
    kind = models.CharField(_("清单类别"), max_length=16, choices=CatalogKind.choices)
    year = models.PositiveSmallIntegerField(_("年度"))
    sequence = models.PositiveSmallIntegerField(
        _("年度内序号"), default=1, help_text=_("1 为年度清单,2 起为年度内的调整版本")
    )
    adjustment_reason = models.CharField(_("调整理由"), max_length=255, blank=True)
    status = status_field(VersionStatus.DRAFT)
    previous = models.ForeignKey(
        "self",
        verbose_name=_("上一版本"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.CharField(_("说明"), max_length=255, blank=True)
    # Reasons for items the previous version had and this one drops: {code: reason}
    removal_reasons = models.JSONField(_("取消理由"), default=dict, blank=True)
    item_count = models.PositiveIntegerField(_("事项数"), default=0)
    checked_on = models.DateField(_("审核日期"), null=True, blank=True)
    approved_on = models.DateField(_("批准日期"), null=True, blank=True)
    approval_ref = models.CharField(_("批准文号"), max_length=64, blank=True)
    published_on = models.DateField(_("发布日期"), null=True, blank=True)
    return_reason = models.CharField(_("退回理由"), max_length=255, blank=True)
    is_baseline = models.BooleanField(
        _("压减基数"), default=False, help_text=_("计算审批事项压减比例的基准版本")
    )
    version = models.PositiveIntegerField(_("版本"), default=1)

    objects = ScopedQuerySet.as_manager()
    scope = Scope(unit="body", region="body__region__code", sees_all="catalogs.view_all")

    class Meta:
        verbose_name = _("清单版本")
        verbose_name_plural = _("清单版本")
        ordering = ["body_id", "kind", "-year", "-sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "kind", "year", "sequence"], name="catalog_version_sequence"
            ),
            models.CheckConstraint(
                condition=Q(year__gte=2000) & Q(year__lte=2100), name="catalog_version_year_range"
            ),
            models.CheckConstraint(
                condition=Q(sequence=1) | (Q(sequence__gt=1) & ~Q(adjustment_reason="")),
                name="catalog_adjustment_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["kind", "status", "year"])]

    def __str__(self) -> str:
        return f"{self.body.name} {self.get_kind_display()}({self.label})"

    @property
    def label(self) -> str:
        """ "2025" for the year's list, "2025-2" for its first adjustment."""
        return str(self.year) if self.sequence == 1 else f"{self.year}-{self.sequence}"

    def get_absolute_url(self) -> str:
        return reverse("catalogs:version_detail", args=[self.pk])


class CatalogItem(models.Model):
    """One item of a version. Fields a kind does not use stay empty (`kinds.KINDS`)."""

    catalog = models.ForeignKey(
        CatalogVersion, verbose_name=_("清单版本"), on_delete=models.CASCADE, related_name="items"
    )
    position = models.PositiveIntegerField(_("序号"), default=0)
    code = models.CharField(_("事项编码"), max_length=64)
    name = models.CharField(_("事项名称"), max_length=255)
    basis = models.TextField(_("设定依据"), blank=True)
    implementing_body = models.CharField(_("实施主体"), max_length=128, blank=True)
    power_kind = models.CharField(
        _("权力类型"), max_length=16, choices=PowerKind.choices, blank=True
    )
    responsibility = models.TextField(_("责任事项"), blank=True)
    accountability = models.TextField(_("追责情形"), blank=True)
    statutory_days = models.PositiveIntegerField(_("法定时限(工作日)"), null=True, blank=True)
    promised_days = models.PositiveIntegerField(_("承诺时限(工作日)"), null=True, blank=True)
    fee = models.CharField(_("收费标准"), max_length=255, blank=True)
    promise = models.BooleanField(_("是否告知承诺"), null=True, blank=True)
    service_object = models.CharField(_("服务对象"), max_length=128, blank=True)
    standard = models.CharField(_("征收标准"), max_length=255, blank=True)
    collecting_body = models.CharField(_("执收单位"), max_length=128, blank=True)
    fund_management = models.CharField(_("资金管理方式"), max_length=64, blank=True)
    served_approval = models.CharField(_("对应审批事项"), max_length=255, blank=True)
    issuing_body = models.CharField(_("开具单位"), max_length=128, blank=True)
    guide = models.TextField(_("办理指南"), blank=True)
    inspection_object = models.CharField(_("检查对象"), max_length=255, blank=True)
    frequency = models.CharField(_("检查频次"), max_length=64, blank=True)
    change_reason = models.CharField(_("变更理由"), max_length=255, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope = Scope(
        unit="catalog__body", region="catalog__body__region__code", sees_all="catalogs.view_all"
    )

    class Meta:
        verbose_name = _("清单事项")
        verbose_name_plural = _("清单事项")
        ordering = ["catalog_id", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["catalog", "code"], name="catalog_item_code"),
        ]
        indexes = [models.Index(fields=["code"]), models.Index(fields=["power_kind"])]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class ColumnMapping(TimeStampedModel):
    """A body's column names for one kind, where its file differs from the provincial layout."""

    body = models.ForeignKey(
        OrgUnit, verbose_name=_("编制单位"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("清单类别"), max_length=16, choices=CatalogKind.choices)
    # {field: column name in the file}
    columns = models.JSONField(_("列名对照"), default=dict)
    version = models.PositiveIntegerField(_("版本"), default=1)

    objects = ScopedQuerySet.as_manager()
    scope = Scope(unit="body", region="body__region__code", sees_all="catalogs.view_all")

    class Meta:
        verbose_name = _("列名对照")
        verbose_name_plural = _("列名对照")
        constraints = [
            models.UniqueConstraint(fields=["body", "kind"], name="catalog_mapping_unique")
        ]

    def __str__(self) -> str:
        return f"{self.body_id} {self.kind}"


def import_path(job: ImportJob, filename: str) -> str:
    return f"catalogs/imports/{job.body_id}/{filename}"


class ImportJob(TimeStampedModel):
    """One uploaded workbook being read in the background; its progress is polled by the page."""

    body = models.ForeignKey(
        OrgUnit, verbose_name=_("编制单位"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("清单类别"), max_length=16, choices=CatalogKind.choices)
    year = models.PositiveSmallIntegerField(_("年度"))
    note = models.CharField(_("说明"), max_length=255, blank=True)
    adjustment_reason = models.CharField(_("调整理由"), max_length=255, blank=True)
    file = models.FileField(_("文件"), upload_to=import_path, max_length=300)
    created_by = person(_("导入人"), null=True, on_delete=models.SET_NULL)
    status = status_field(ImportStatus.QUEUED)
    total = models.PositiveIntegerField(_("总行数"), default=0)
    done = models.PositiveIntegerField(_("已检查行数"), default=0)
    message = models.TextField(_("结果"), blank=True)
    errors = models.JSONField(_("逐行错误"), default=list, blank=True)
    catalog = models.ForeignKey(
        CatalogVersion,
        verbose_name=_("清单版本"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ScopedQuerySet.as_manager()
    scope = Scope(unit="body", region="body__region__code", sees_all="catalogs.view_all")

    class Meta:
        verbose_name = _("导入任务")
        verbose_name_plural = _("导入任务")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.body_id} {self.kind} {self.year}"

    @property
    def file_name(self) -> str:
        """The uploaded file's own name, without the folder it is stored in."""
        return self.file.name.rsplit("/", 1)[-1]

    @property
    def percent(self) -> int:
        if self.finished:
            return 100
        return min(99, round(self.done * 100 / self.total)) if self.total else 0

    @property
    def finished(self) -> bool:
        return self.status in (ImportStatus.DONE, ImportStatus.FAILED)
