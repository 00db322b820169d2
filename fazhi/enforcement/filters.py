"""FilterSets of the enforcement lists; the pages, their Excel exports and the API share them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import django_filters as df
from django import forms
from django.db.models import (
    Case,
    Count,
    DecimalField,
    Exists,
    F,
    FilteredRelation,
    FloatField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from fazhi.core import dates

from .choices import CaseStage, CredentialStatus, DecisionKind, InspectionOutcome, MatterType
from .models import (
    Credential,
    DiscretionStandard,
    EnforcementBody,
    EnforcementMatter,
    GuidingCase,
    InspectionPlan,
    InspectionTarget,
    InspectionVisit,
    Officer,
    PenaltyCase,
)

SOON_DAYS = 15
EXPIRING_DAYS = 90


def _bodies(request):
    user = getattr(request, "user", None)
    return EnforcementBody.objects.visible_to(user).select_related("unit").order_by("unit__name")


def _text(value, limit: int) -> str:
    return (value or "").strip()[:limit]


def _body_filter():
    return df.ModelChoiceFilter(
        queryset=_bodies, label=_("执法主体"), empty_label=_("全部执法主体")
    )


class CaseFilter(df.FilterSet):
    q = df.CharFilter(method="search", label=_("关键词"))
    stage = df.ChoiceFilter(
        choices=CaseStage.choices, label=_("办理阶段"), empty_label=_("全部阶段")
    )
    body = _body_filter()
    due = df.ChoiceFilter(
        choices=[("soon", _("15日内到期")), ("overdue", _("已超期"))],
        method="running_late",
        label=_("期限"),
        empty_label=_("全部期限"),
    )
    year = df.NumberFilter(field_name="year", label=_("年度"), min_value=2000, max_value=2100)

    class Meta:
        model = PenaltyCase
        fields = ["q", "stage", "body", "due", "year"]

    def search(self, qs, name, value):
        from .selectors import case_search

        value = _text(value, 100)
        return qs.filter(case_search(value)) if value else qs

    def running_late(self, qs, name, value):
        """Cases whose running deadline (decision, service, publicity) has passed or soon will."""
        if value not in ("overdue", "soon"):
            return qs
        today = dates.today()
        limit = today if value == "overdue" else today + dt.timedelta(days=SOON_DAYS)
        compare = "lt" if value == "overdue" else "lte"
        qs = qs.filter(
            Q(decided_on__isnull=True, **{f"decision_due__{compare}": limit})
            | Q(
                decided_on__isnull=False,
                served_on__isnull=True,
                **{f"service_due__{compare}": limit},
            )
            | Q(
                decision_kind=DecisionKind.PENALTY,
                published_on__isnull=True,
                **{f"publicity_due__{compare}": limit},
            )
        )
        return qs.exclude(stage=CaseStage.CLOSED) if value == "soon" else qs


def officer_hours(qs, year: int):
    """Annotate each officer with the year's training hours and whether a credential is valid."""
    today = dates.today()
    return qs.annotate(
        year_hours=Coalesce(
            Sum("trainings__hours", filter=Q(trainings__trained_on__year=year)),
            Value(Decimal("0")),
            output_field=DecimalField(max_digits=7, decimal_places=1),
        ),
        has_valid=Exists(
            Credential.objects.filter(
                officer=OuterRef("pk"),
                status=CredentialStatus.VALID,
                issued_on__lte=today,
                valid_until__gte=today,
            )
        ),
    )


class ForYear(df.FilterSet):
    """A list whose figures are counted for one year: `year` (this year when empty)."""

    year = df.NumberFilter(method="keep", label=_("年度"), min_value=2000, max_value=2100)

    @property
    def year_value(self) -> int:
        self.form.is_valid()  # validated once; before the queryset is asked for, too
        cleaned = getattr(self.form, "cleaned_data", None) or {}
        return int(cleaned.get("year") or dates.today().year)

    def keep(self, qs, name, value):
        return qs


class OfficerFilter(ForYear):
    """`year` chooses the training year the hours are counted for (this year when empty)."""

    q = df.CharFilter(method="search", label=_("姓名"))
    body = _body_filter()
    credential = df.ChoiceFilter(
        choices=[
            ("valid", _("持有效证件")),
            ("expiring", _("90日内到期")),
            ("invalid", _("无有效证件")),
        ],
        method="by_credential",
        label=_("证件"),
        empty_label=_("全部证件状态"),
    )
    short = df.BooleanFilter(
        method="short_of_training", label=_("只看学时不足"), widget=forms.CheckboxInput
    )

    class Meta:
        model = Officer
        fields = ["q", "body", "credential", "year", "short"]

    def filter_queryset(self, queryset):
        return super().filter_queryset(officer_hours(queryset, self.year_value))

    def search(self, qs, name, value):
        value = _text(value, 50)
        return qs.filter(full_name__icontains=value) if value else qs

    def short_of_training(self, qs, name, value):
        from .selectors import training_required

        return qs.filter(year_hours__lt=training_required()) if value else qs

    def by_credential(self, qs, name, value):
        today = dates.today()
        if value == "valid":
            return qs.filter(has_valid=True)
        if value == "invalid":
            return qs.filter(has_valid=False)
        if value == "expiring":
            return qs.filter(
                Exists(
                    Credential.objects.filter(
                        officer=OuterRef("pk"),
                        status=CredentialStatus.VALID,
                        valid_until__gte=today,
                        valid_until__lte=today + dt.timedelta(days=EXPIRING_DAYS),
                    )
                )
            )
        return qs


class StandardFilter(df.FilterSet):
    q = df.CharFilter(method="search", label=_("编号、违法行为或依据"))

    class Meta:
        model = DiscretionStandard
        fields = ["q"]

    def search(self, qs, name, value):
        value = _text(value, 100)
        if not value:
            return qs
        return qs.filter(
            Q(code__icontains=value)
            | Q(violation__icontains=value)
            | Q(legal_basis__icontains=value)
        )


def _categories(request=None):
    from .selectors import target_categories

    return [(c, c) for c in target_categories()]


class TargetFilter(df.FilterSet):
    q = df.CharFilter(method="search", label=_("名称或统一社会信用代码"))
    category = df.ChoiceFilter(
        choices=_categories, label=_("行业类别"), empty_label=pgettext_lazy("industry", "全部类别")
    )

    class Meta:
        model = InspectionTarget
        fields = ["q", "category"]

    def search(self, qs, name, value):
        value = _text(value, 100)
        if not value:
            return qs
        return qs.filter(Q(uscc__startswith=value.upper()) | Q(name__icontains=value))


def _percent(part: str, whole: str):
    """100 × part / whole, or None where `whole` is 0."""
    return Case(
        When(**{f"{whole}__gt": 0}, then=Cast(F(part), FloatField()) * 100 / F(whole)),
        output_field=FloatField(),
    )


def body_statistics(qs, year: int):
    """Annotate each body with the year's figures: cases, penalties, the legal-review rate,
    overdue steps, exemptions, inspection coverage. One query: the year's cases joined once
    (every count a filter on that join), the visits of the year's plans as two subqueries.

    The legal-review rate of major cases counts decided cases only: a case still being
    investigated has not yet reached its review (行政处罚法第五十八条: before the decision).
    """
    today = dates.today()

    def cases(condition: Q | None = None):  # `yc`: the body's cases of the year
        return Count("yc", filter=condition)

    def visits(condition: Q | None = None):
        rows = InspectionVisit.objects.filter(
            draw__plan__body=OuterRef("pk"), draw__plan__year=year
        )
        rows = rows.filter(condition) if condition is not None else rows
        count = rows.order_by().values("draw__plan__body").annotate(n=Count("id")).values("n")
        return Coalesce(Subquery(count), 0)

    major = Q(yc__is_major=True)
    decided = Q(yc__decided_on__isnull=False)
    return (
        qs.annotate(yc=FilteredRelation("cases", condition=Q(cases__year=year)))
        .annotate(
            total=cases(),
            open=cases(~Q(yc__stage=CaseStage.CLOSED)),
            decided=cases(decided),
            penalties=cases(Q(yc__decision_kind=DecisionKind.PENALTY)),
            fines=Coalesce(
                Sum("yc__fine"),
                Value(Decimal("0")),
                output_field=DecimalField(max_digits=16, decimal_places=2),
            ),
            major=cases(major),
            major_reviewed=cases(major & Q(yc__review_passed=True)),
            major_decided=cases(major & decided),
            major_decided_reviewed=cases(major & decided & Q(yc__review_passed=True)),
            reviewed=cases(Q(yc__review_passed=True)),
            overdue=cases(
                Q(yc__decided_on__isnull=True, yc__decision_due__lt=today)
                | Q(decided, yc__served_on__isnull=True, yc__service_due__lt=today)
                | Q(
                    yc__decision_kind=DecisionKind.PENALTY,
                    yc__published_on__isnull=True,
                    yc__publicity_due__lt=today,
                )
            ),
            exemptions=cases(~Q(yc__exemption_applied="") & decided),
            outside_range=cases(~Q(yc__outside_range_reason="")),
            drawn=visits(),
            inspected=visits(~Q(outcome=InspectionOutcome.PENDING)),
        )
        .annotate(
            review_rate=_percent("major_decided_reviewed", "major_decided"),
            coverage=_percent("inspected", "drawn"),
        )
    )


class StatisticsFilter(ForYear):
    """The supervision table: every body the user sees, with the figures of `year`."""

    class Meta:
        model = EnforcementBody
        fields = ["year"]

    def filter_queryset(self, queryset):
        return body_statistics(super().filter_queryset(queryset), self.year_value)


class PlanFilter(df.FilterSet):
    year = df.NumberFilter(field_name="year", label=_("年度"), min_value=2000, max_value=2100)

    class Meta:
        model = InspectionPlan
        fields = ["year"]


class GuidingCaseFilter(df.FilterSet):
    q = df.CharFilter(method="search", label=_("关键词"))
    field = df.CharFilter(method="in_field", label=_("执法领域"))

    class Meta:
        model = GuidingCase
        fields = ["q", "field"]

    def search(self, qs, name, value):
        for word in _text(value, 100).split()[:5]:
            qs = qs.filter(
                Q(title__icontains=word)
                | Q(summary__icontains=word)
                | Q(key_points__icontains=word)
                | Q(legal_basis__icontains=word)
            )
        return qs

    def in_field(self, qs, name, value):
        value = _text(value, 64)
        return qs.filter(field=value) if value else qs


class MatterFilter(df.FilterSet):
    q = df.CharFilter(method="search", label=_("事项名称"))
    body = _body_filter()
    matter_type = df.ChoiceFilter(
        choices=MatterType.choices, label=_("事项类型"), empty_label=_("全部类型")
    )
    power = df.ChoiceFilter(
        choices=[
            ("removed", _("权责清单已取消")),
            ("missing", _("未关联权责清单")),
            ("linked", _("在清单内")),
        ],
        method="by_power_item",
        label=_("权责清单"),
        empty_label=_("全部"),
    )

    class Meta:
        model = EnforcementMatter
        fields = ["q", "body", "matter_type", "power"]

    def search(self, qs, name, value):
        value = _text(value, 100)
        return qs.filter(name__icontains=value) if value else qs

    def by_power_item(self, qs, name, value):
        """`removed` and `linked` read the `power_removed` annotation of `selectors.matter_list`."""
        if value == "missing":
            return qs.filter(power_item__isnull=True)
        if value == "removed":
            return qs.filter(power_removed=True)
        if value == "linked":
            return qs.filter(power_item__isnull=False, power_removed=False)
        return qs
