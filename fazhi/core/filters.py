"""FilterSets of the kernel's own lists (django-filter); the pages and the API share them."""

from __future__ import annotations

import operator
from functools import reduce

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import StatutoryPeriod


def keyword(*fields: str, label, max_length: int = 64) -> django_filters.CharFilter:
    """A search box: the rows where any of `fields` contains what was typed (cut to
    `max_length` characters); an empty box filters nothing."""

    def search(qs, name, value):
        value = value.strip()[:max_length]
        if not value:
            return qs
        return qs.filter(reduce(operator.or_, (Q(**{f"{f}__icontains": value}) for f in fields)))

    return django_filters.CharFilter(label=label, method=search)


class PeriodFilter(django_filters.FilterSet):
    q = keyword("label", "law", "key", label=_("名称或依据"), max_length=100)
    app = django_filters.CharFilter(label=_("业务"), method="in_app")

    class Meta:
        model = StatutoryPeriod
        fields = ["q", "app"]

    def in_app(self, qs, name, value):
        value = value.strip()[:32]
        return qs.filter(key__startswith=f"{value}.") if value else qs
