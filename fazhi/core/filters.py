"""FilterSets of the kernel's own lists (django-filter); the pages and the API share them."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import StatutoryPeriod


class PeriodFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("名称或依据"), method="search")
    app = django_filters.CharFilter(label=_("业务"), method="in_app")

    class Meta:
        model = StatutoryPeriod
        fields = ["q", "app"]

    def search(self, qs, name, value):
        value = value.strip()[:100]
        if not value:
            return qs
        return qs.filter(
            Q(label__icontains=value) | Q(law__icontains=value) | Q(key__icontains=value)
        )

    def in_app(self, qs, name, value):
        value = value.strip()[:32]
        return qs.filter(key__startswith=f"{value}.") if value else qs
