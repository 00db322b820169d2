"""FilterSets shared by the pages and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .choices import CatalogStatus, ConsultationStatus, Stage
from .models import Catalog, CatalogEntry, Consultation, Decision


class CatalogFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(label=_("年度"))
    status = django_filters.ChoiceFilter(label=_("状态"), choices=CatalogStatus.choices)
    body = django_filters.CharFilter(
        label=_("决策机关"), field_name="body__name", lookup_expr="icontains", max_length=64
    )

    class Meta:
        model = Catalog
        fields = ["year", "status", "body"]


class DecisionFilter(django_filters.FilterSet):
    stage = django_filters.ChoiceFilter(label=_("阶段"), choices=Stage.choices)
    q = django_filters.CharFilter(label=_("编号或名称"), method="search", max_length=64)

    class Meta:
        model = Decision
        fields = ["stage", "q"]

    def search(self, qs, name, value):
        value = value.strip()
        return qs.filter(Q(number__icontains=value) | Q(title__icontains=value)) if value else qs


class PublicEntryFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(
        field_name="catalog__year", label=_("年度"), min_value=2000, max_value=2100
    )

    class Meta:
        model = CatalogEntry
        fields = ["year"]


class ConsultationFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("状态"), choices=ConsultationStatus.choices)

    class Meta:
        model = Consultation
        fields = ["status"]
