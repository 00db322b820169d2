"""API tokens: a named outside system reads the datasets it was granted, in its region only."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from fazhi.core.fields import person
from fazhi.core.models import Region, TimeStampedModel


class ApiToken(TimeStampedModel):
    """Only the SM3 digest of the secret is kept; the secret is shown once, when created."""

    system = models.CharField(_("系统名称"), max_length=100)
    prefix = models.CharField(_("令牌前缀"), max_length=12, unique=True)
    digest = models.CharField(_("令牌摘要(SM3)"), max_length=64, unique=True)
    region = models.ForeignKey(
        Region, verbose_name=_("可读区划"), on_delete=models.PROTECT, related_name="+"
    )
    datasets = models.JSONField(_("可读数据集"), default=list)
    per_minute = models.PositiveIntegerField(_("每分钟调用上限"), default=60)
    created_by = person(_("创建人"), null=True, on_delete=models.SET_NULL)
    revoked_at = models.DateTimeField(_("吊销时间"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("最近使用"), null=True, blank=True)
    version = models.PositiveIntegerField(_("版本"), default=1)

    class Meta:
        verbose_name = _("接口令牌")
        verbose_name_plural = _("接口令牌")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(per_minute__gt=0), name="token_rate_positive")
        ]

    def __str__(self) -> str:
        return f"{self.system}({self.prefix}…)"

    def get_absolute_url(self) -> str:
        return reverse("exchange:token_detail", args=[self.pk])

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
