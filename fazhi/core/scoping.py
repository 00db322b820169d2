"""Who sees which rows: one declaration per model, one QuerySet method for every read.

    class Petition(TimeStampedModel):
        handling_unit = models.ForeignKey(OrgUnit, ...)
        objects = ScopedQuerySet.as_manager()
        scope = Scope(unit="handling_unit", sees_all="disputes.view_all")

    Petition.objects.visible_to(user)          # every list, export, API list, statistic
    get_for_user(Petition, user, pk)           # 404 for missing and forbidden alike

A user sees the rows of their own unit. A holder of the `sees_all` permission (supervisors,
leaders) sees every row of their region and the regions below it: a county's supervisor its
county, a city's its counties, a province's all of them (GB/T 2260 codes nest by prefix).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext as _

from .actors import is_system
from .errors import NotFound


def region_prefix(code: str) -> str:
    """The code prefix shared by a region and everything below it (140000 → 14, 140200 → 1402)."""
    if code.endswith("0000"):
        return code[:2]
    if code.endswith("00"):
        return code[:4]
    return code


def user_region(user) -> str | None:
    unit = getattr(user, "unit", None)
    return unit.region_id if unit is not None else None


def region_q(path: str, code: str) -> Q:
    """Rows whose region (at `path`, a lookup ending in the region code) is `code` or below it."""
    prefix = region_prefix(code)
    if len(prefix) == 6:
        return Q(**{path: code})
    # `unit__region_id__startswith` is no lookup Django allows on a foreign key: match the
    # codes below the region in a sub-select instead (no join on the scoped table).
    from .models import Region

    return Q(**{f"{path}__in": Region.objects.filter(pk__startswith=prefix).values("pk")})


@dataclass(frozen=True)
class Scope:
    """How a model's rows belong to units and regions.

    `unit`: lookup(s) to the OrgUnit whose users see the row ("unit", "case__respondent",
    "owners__unit"); `region`: lookup to the region code, by default the first unit's
    (`<unit>__region_id`); `sees_all`: a permission whose holders see their whole region;
    `also`: extra rows a user sees, as a function of the user returning a Q (an officer's own
    cases, say).
    """

    unit: str | tuple[str, ...] | None = "unit"
    region: str | None = None
    sees_all: str | None = None
    also: Callable[[Any], Q] | None = field(default=None, compare=False)

    @property
    def unit_paths(self) -> tuple[str, ...]:
        if self.unit is None:
            return ()
        return (self.unit,) if isinstance(self.unit, str) else tuple(self.unit)

    @property
    def region_path(self) -> str:
        if self.region:
            return self.region
        if not self.unit_paths:
            raise ValueError("a Scope needs a unit or a region lookup")
        first = self.unit_paths[0]
        return "region_id" if first in ("pk", "id") else f"{first}__region_id"


def _crosses_many(model: type[models.Model], path: str) -> bool:
    opts = model._meta
    for name in path.split("__"):
        try:
            f = opts.get_field(name)
        except Exception:  # noqa: BLE001 - a transform such as region_id on the last step
            return False
        if f.many_to_many or f.one_to_many:
            return True
        if not f.is_relation or f.related_model is None:
            return False
        opts = f.related_model._meta
    return False


class ScopedQuerySet(models.QuerySet):
    """A QuerySet whose `visible_to(user)` follows the model's `scope` declaration."""

    def visible_to(self, user) -> ScopedQuerySet:
        if user is None:
            return self.none()
        if is_system(user) or getattr(user, "is_superuser", False):
            return self
        if not getattr(user, "is_authenticated", False):
            return self.none()
        scope: Scope = self.model.scope
        if scope.sees_all and user.has_perm(scope.sees_all):
            region = user_region(user)
            if region is None:
                return self.none()
            return self._narrow(region_q(scope.region_path, region), (scope.region_path,))
        condition = Q(pk__in=[])
        if user.unit_id is not None:
            for path in scope.unit_paths:
                target = "pk" if path in ("pk", "id") else path
                condition |= Q(**{target: user.unit_id})
        if scope.also is not None:
            condition |= scope.also(user)
        return self._narrow(condition, scope.unit_paths, by_key=scope.also is not None)

    def _narrow(self, condition: Q, paths: tuple[str, ...], *, by_key: bool = False):
        """`condition` as a filter; by key where a path it follows is many-valued (joining would
        repeat rows). Only the paths the condition uses count: a supervisor's region path runs
        through foreign keys alone even where a unit path (a task's owners) is many-valued, and
        its join is far cheaper than a sub-select of every row of the region."""
        if by_key or any(_crosses_many(self.model, p) for p in paths):
            inner = self.model._default_manager.filter(condition).values("pk")
            return self.filter(pk__in=inner)
        return self.filter(condition)

    def get_for_user(self, user, pk: Any):
        """The row if it exists and `user` may see it; NotFound otherwise (never which of the two)."""
        try:
            return self.visible_to(user).get(pk=pk)
        except (self.model.DoesNotExist, ValueError, TypeError) as exc:
            raise NotFound(_("记录不存在或您无权查看")) from exc


def get_for_user(model_or_qs, user, pk: Any):
    """`get_for_user(Petition, user, pk)` or with a prepared QuerySet (select_related …)."""
    qs = model_or_qs if isinstance(model_or_qs, models.QuerySet) else model_or_qs.objects.all()
    return qs.get_for_user(user, pk)
