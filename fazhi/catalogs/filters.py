"""FilterSets of the catalog lists; the pages, the portal and the API share them."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .choices import CatalogKind, VersionStatus
from .models import CatalogItem, CatalogVersion


class VersionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("单位"), method="search")
    kind = django_filters.ChoiceFilter(label=_("清单类别"), choices=CatalogKind.choices)
    status = django_filters.ChoiceFilter(label=_("状态"), choices=VersionStatus.choices)
    year = django_filters.NumberFilter(label=_("年度"))

    class Meta:
        model = CatalogVersion
        fields = ["q", "kind", "status", "year"]

    def search(self, qs, name, value):
        value = value.strip()[:64]
        return qs.filter(body__name__icontains=value) if value else qs


class ItemFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("关键词"), method="search")
    kind = django_filters.ChoiceFilter(
        label=_("清单类别"), field_name="catalog__kind", choices=CatalogKind.choices
    )
    body = django_filters.NumberFilter(label=_("单位"), field_name="catalog__body_id")
    year = django_filters.NumberFilter(label=_("年度"), field_name="catalog__year")

    class Meta:
        model = CatalogItem
        fields = ["q", "kind", "body", "year"]

    def search(self, qs, name, value):
        value = value.strip()[:64]
        if not value:
            return qs
        return qs.filter(
            Q(name__icontains=value) | Q(code__icontains=value) | Q(basis__icontains=value)
        )
