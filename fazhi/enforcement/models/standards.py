"""Discretion standards (裁量基准): levels and the exemption list."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from fazhi.core.models import TimeStampedModel

from ..choices import (
    CircumstanceLevel,
    ExemptionKind,
)
from .bodies import EnforcementBody
from .common import MONEY


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
