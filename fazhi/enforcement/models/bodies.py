"""Enforcement bodies and their list of enforcement matters (执法事项清单)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from fazhi.core.models import OrgUnit, TimeStampedModel
from fazhi.core.numbering import region_initial
from fazhi.core.scoping import Scope, ScopedQuerySet

from ..choices import (
    MatterType,
)
from .common import VIEW_ALL


class EnforcementBody(TimeStampedModel):
    """An enforcement body (执法主体): a unit with enforcement powers and its case-number prefix.

    Without a prefix of its own a body numbers its cases under its region's 代字 and 罚
    (阳高县 → 阳罚〔2026〕1号), in one number space with every other body of the county that
    has none (`core.numbering`: the highest serial plus one, under a lock)."""

    unit = models.OneToOneField(
        OrgUnit, verbose_name=_("单位"), on_delete=models.PROTECT, related_name="enforcement_body"
    )
    case_prefix = models.CharField(
        _("案件文号代字"),
        max_length=16,
        blank=True,
        help_text=_("如 天市监罚;留空则用本行政区划名称的首字加“罚”"),
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
        constraints = [
            models.UniqueConstraint(
                fields=["case_prefix"],
                condition=~models.Q(case_prefix=""),
                name="enf_body_case_prefix_unique",
            )
        ]

    def __str__(self) -> str:
        return self.unit.name

    @property
    def number_prefix(self) -> str:
        """What the body's case numbers start with: its own 代字, or its region's and 罚."""
        return self.case_prefix or f"{region_initial(self.unit.region)}罚"


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
    # The item of the body's published power list (权责清单) the matter carries out; its
    # removal from the list in force is flagged, not cascaded (`selectors.matter_list`).
    power_item = models.ForeignKey(
        "catalogs.CatalogItem",
        verbose_name=_("权责清单事项"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = ScopedQuerySet.as_manager()
    scope = Scope(unit="body__unit", sees_all=VIEW_ALL)

    class Meta:
        verbose_name = _("执法事项")
        verbose_name_plural = _("执法事项")
        ordering = ["body_id", "matter_type", "name"]
        constraints = [
            models.UniqueConstraint(fields=["body", "name"], name="enf_matter_unique_name")
        ]

    def __str__(self) -> str:
        return self.name
