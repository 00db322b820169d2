"""Reads for the shared kernel: the directory and the audit trail, scoped to the user."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from .errors import NotFound, PermissionDenied
from .filters import PeriodFilter
from .models import AuditEvent, OrgUnit, StatutoryPeriod, UnitAlias, UnitGroup


def unit_list(*, user, query: str = "", kind: str = "") -> QuerySet[OrgUnit]:
    qs = OrgUnit.objects.visible_to(user).select_related("region")
    if query:
        qs = qs.filter(Q(name__icontains=query) | Q(aliases__name__icontains=query)).distinct()
    if kind:
        qs = qs.filter(kind=kind)
    return qs.prefetch_related(
        Prefetch("aliases", queryset=UnitAlias.objects.order_by("kind", "name")),
        Prefetch("groups", queryset=UnitGroup.objects.only("id", "name")),
    )


def unit_get_for_user(*, user, unit_id: int) -> OrgUnit:
    unit = unit_list(user=user).filter(pk=unit_id).first()
    if unit is None:
        raise NotFound(_("单位不存在"))
    return unit


def group_list(*, user) -> QuerySet[UnitGroup]:
    if not user.is_authenticated:
        return UnitGroup.objects.none()
    return UnitGroup.objects.annotate(member_count=Count("members")).prefetch_related(
        Prefetch("members", queryset=OrgUnit.objects.only("id", "name"))
    )


def audit_trail(
    *, user, object_type: str = "", object_id: str = "", actor: str = ""
) -> QuerySet[AuditEvent]:
    if not user.has_perm("core.view_audit"):
        raise PermissionDenied(_("只有依法治县办和领导可以查看审计记录"))
    qs = AuditEvent.objects.all().order_by("-seq")
    if object_type:
        qs = qs.filter(object_type=object_type)
    if object_id:
        qs = qs.filter(object_id=object_id)
    if actor:
        qs = qs.filter(actor_name__icontains=actor)
    return qs


def period_list(*, user, params=None) -> QuerySet[StatutoryPeriod]:
    if not user.has_perm("core.view_periods"):
        return StatutoryPeriod.objects.none()
    qs = StatutoryPeriod.objects.select_related("region")
    return PeriodFilter(params or None, queryset=qs).qs


def period_get_for_user(*, user, id) -> StatutoryPeriod:
    period = period_list(user=user).filter(pk=id).first() if str(id).isdigit() else None
    if period is None:
        raise NotFound(_("法定期限不存在"))
    return period
