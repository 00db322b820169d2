"""FilterSets shared by the list pages and their Excel exports."""

import datetime as dt

import django_filters as df
from django.utils.translation import gettext_lazy as _

from fazhi.core.filters import keyword
from fazhi.core.models import OrgUnit

from . import choices
from .models import (
    AdjudicationCase,
    LitigationCase,
    MediationCase,
    OversightLetter,
    Petition,
    ReconsiderationCase,
)


def _units(request):
    return (
        OrgUnit.objects.visible_to(request.user if request else None).only("id", "name")
        if request
        else OrgUnit.objects.only("id", "name")
    )


def choice_filter(options, label, everything) -> df.ChoiceFilter:
    """One of `options` (TextChoices), or all rows (`everything` names that choice)."""
    return df.ChoiceFilter(choices=options.choices, label=label, empty_label=everything)


def status_filter(statuses) -> df.ChoiceFilter:
    return choice_filter(statuses, _("状态"), _("全部状态"))


def unit_filter(label, everything) -> df.ModelChoiceFilter:
    """One of the units the user sees, or all rows."""
    return df.ModelChoiceFilter(queryset=_units, label=label, empty_label=everything)


class YearFilter(df.NumberFilter):
    """A year (年度) as a date range on an indexed column."""

    def __init__(self, field_name: str, label=None, **kwargs):
        super().__init__(field_name=field_name, label=label or _("年度"), **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        year = int(value)
        return qs.filter(
            **{
                f"{self.field_name}__gte": dt.date(year, 1, 1),
                f"{self.field_name}__lt": dt.date(year + 1, 1, 1),
            }
        )


class ReconsiderationFilter(df.FilterSet):
    q = keyword("number", "applicant_name", "act_description", label=_("关键词"))
    status = status_filter(choices.ReconsiderationStatus)
    respondent = unit_filter(_("被申请人"), _("全部被申请人"))
    year = YearFilter("received_on")
    procedure = choice_filter(choices.Procedure, _("程序"), _("全部程序"))

    class Meta:
        model = ReconsiderationCase
        fields = ["status", "respondent", "procedure"]


class LitigationFilter(df.FilterSet):
    q = keyword("court_case_number", "plaintiff_name", "cause", label=_("关键词"))
    status = status_filter(choices.LitigationStatus)
    outcome = choice_filter(choices.Outcome, _("结果"), _("全部结果"))
    defendant = unit_filter(_("被告单位"), _("全部被告单位"))
    year = YearFilter("filed_on")

    class Meta:
        model = LitigationCase
        fields = ["status", "outcome", "defendant"]


class LetterFilter(df.FilterSet):
    kind = choice_filter(choices.LetterKind, _("类别"), _("全部类别"))
    addressee = unit_filter(_("收文单位"), _("全部单位"))
    replied = df.BooleanFilter(
        field_name="replied_on", lookup_expr="isnull", exclude=True, label=_("已回复")
    )
    year = YearFilter("issued_on")

    class Meta:
        model = OversightLetter
        fields = ["kind", "addressee"]


class MediationFilter(df.FilterSet):
    status = status_filter(choices.MediationStatus)
    kind = choice_filter(choices.MediationKind, _("类型"), _("全部类型"))
    year = YearFilter("received_on")

    class Meta:
        model = MediationCase
        fields = ["status", "kind"]


class AdjudicationFilter(df.FilterSet):
    status = status_filter(choices.AdjudicationStatus)
    year = YearFilter("received_on")

    class Meta:
        model = AdjudicationCase
        fields = ["status"]


class PetitionFilter(df.FilterSet):
    q = keyword("number", "subject", label=_("关键词"))
    status = status_filter(choices.PetitionStatus)
    unit = unit_filter(_("办理单位"), _("全部单位"))
    year = YearFilter("received_on")

    class Meta:
        model = Petition
        fields = ["status", "unit"]
