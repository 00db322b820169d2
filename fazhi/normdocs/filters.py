"""FilterSets of the normdocs lists (django-filter); the pages and the API share them."""

from __future__ import annotations

import datetime as dt

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fazhi.core import dates
from fazhi.core.models import OrgUnit

from .choices import LawStatus, Stage, Status
from .docnumber import parse_doc_number
from .models import Law, LegalityReview, NormativeDocument
from .review_rules import normal_title

FILING_STAGES = (
    Stage.PUBLISHED,
    Stage.FILED,
    Stage.FILING_REVIEWED,
    Stage.CORRECTION_REQUIRED,
    Stage.REVOKED,
)


def issuers(request=None):
    """Issuers of the documents the user sees (every issuer when validating without a page)."""
    documents = NormativeDocument.objects.all()
    if request is not None:
        documents = documents.visible_to(request.user)
    return OrgUnit.objects.filter(pk__in=documents.values("issuer_id")).order_by("name")


class DocumentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("标题或文号"),
        method="search",
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": _("标题或文号"), "type": "search"}),
    )
    issuer = django_filters.ModelChoiceFilter(
        label=_("制定机关"), queryset=issuers, empty_label=_("全部制定机关")
    )
    year = django_filters.NumberFilter(
        label=_("年份"),
        field_name="published_on",
        lookup_expr="year",
        min_value=1949,
        max_value=2100,
        widget=forms.NumberInput(attrs={"placeholder": _("年份")}),
    )
    status = django_filters.ChoiceFilter(
        label=_("效力状态"), choices=Status.choices, empty_label=_("全部状态")
    )
    stage = django_filters.ChoiceFilter(
        label=_("办理环节"), choices=Stage.choices, empty_label=_("全部环节")
    )

    class Meta:
        model = NormativeDocument
        fields = ["q", "issuer", "year", "status", "stage"]

    def search(self, qs, name, value):
        value = value.strip()
        if not value:
            return qs
        number = parse_doc_number(value)
        if number:
            return qs.filter(doc_number=str(number))
        return qs.filter(Q(title__icontains=value) | Q(doc_number__icontains=value))


class FilingFilter(django_filters.FilterSet):
    stage = django_filters.ChoiceFilter(
        label=_("环节"),
        choices=[(s.value, s.label) for s in FILING_STAGES],
        empty_label=_("全部"),
    )

    class Meta:
        model = NormativeDocument
        fields = ["stage"]


class ReviewFilter(django_filters.FilterSet):
    """Pending reviews by default; `?all=1` adds those already decided."""

    all = django_filters.CharFilter(
        label=_("含已出具意见的"), method="include_decided", widget=forms.HiddenInput
    )

    class Meta:
        model = LegalityReview
        fields = ["all"]

    def include_decided(self, qs, name, value):
        return qs

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        return queryset if self.data.get("all") == "1" else queryset.filter(opinion="")


class OverdueFilter(django_filters.FilterSet):
    """Late steps, and with `within` those due in the next N days (0–90)."""

    within = django_filters.NumberFilter(
        label=_("天内到期"), method="due_within", min_value=0, max_value=90
    )

    class Meta:
        model = NormativeDocument
        fields = ["within"]

    def due_within(self, qs, name, value):
        today = dates.today()
        limit = today + dt.timedelta(days=int(value)) if value else today - dt.timedelta(days=1)
        return qs.filter(due_on__lte=limit)


CLEANUP_KINDS = {
    "expiring": _("即将到期"),
    "expired": _("已过有效期"),
    "superseded": _("引用已修订或废止的法律"),
}


class CleanupFilter(django_filters.FilterSet):
    """Published documents to look at in a cleanup (the queryset carries `status`)."""

    kind = django_filters.ChoiceFilter(
        label=_("类别"), choices=list(CLEANUP_KINDS.items()), method="of_kind", empty_label=None
    )

    class Meta:
        model = NormativeDocument
        fields = ["kind"]

    def of_kind(self, qs, name, value):
        if value == "expiring":
            return qs.filter(status=Status.EXPIRING).order_by("valid_until", "pk")
        if value == "expired":
            return qs.filter(status=Status.EXPIRED).order_by("valid_until", "pk")
        stale = Law.objects.exclude(status=LawStatus.IN_FORCE).values_list("title", flat=True)
        short = {normal_title(t) for t in stale}
        if not short:
            return qs.none()
        cond = Q()
        for title in short:
            cond |= Q(body__contains=title) | Q(legal_basis__contains=title)
        return qs.filter(cond).exclude(status=Status.REPEALED).order_by("published_on", "pk")
