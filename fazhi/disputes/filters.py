"""FilterSets shared by the list pages and their Excel exports."""

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


class YearFilter(df.NumberFilter):
    """A year as a date range on an indexed column."""

    def filter(self, qs, value):
        if not value:
            return qs
        import datetime as dt

        year = int(value)
        return qs.filter(
            **{
                f"{self.field_name}__gte": dt.date(year, 1, 1),
                f"{self.field_name}__lt": dt.date(year + 1, 1, 1),
            }
        )


class ReconsiderationFilter(df.FilterSet):
    q = keyword("number", "applicant_name", "act_description", label=_("关键词"))
    status = df.ChoiceFilter(
        choices=choices.ReconsiderationStatus.choices, label=_("状态"), empty_label=_("全部状态")
    )
    respondent = df.ModelChoiceFilter(
        queryset=_units, label=_("被申请人"), empty_label=_("全部被申请人")
    )
    year = YearFilter(field_name="received_on", label=_("年度"))
    procedure = df.ChoiceFilter(
        choices=choices.Procedure.choices, label=_("程序"), empty_label=_("全部程序")
    )

    class Meta:
        model = ReconsiderationCase
        fields = ["status", "respondent", "procedure"]


class LitigationFilter(df.FilterSet):
    q = keyword("court_case_number", "plaintiff_name", "cause", label=_("关键词"))
    status = df.ChoiceFilter(
        choices=choices.LitigationStatus.choices, label=_("状态"), empty_label=_("全部状态")
    )
    outcome = df.ChoiceFilter(
        choices=choices.Outcome.choices, label=_("结果"), empty_label=_("全部结果")
    )
    defendant = df.ModelChoiceFilter(
        queryset=_units, label=_("被告单位"), empty_label=_("全部被告单位")
    )
    year = YearFilter(field_name="filed_on", label=_("年度"))

    class Meta:
        model = LitigationCase
        fields = ["status", "outcome", "defendant"]


class LetterFilter(df.FilterSet):
    kind = df.ChoiceFilter(
        choices=choices.LetterKind.choices, label=_("类别"), empty_label=_("全部类别")
    )
    addressee = df.ModelChoiceFilter(
        queryset=_units, label=_("收文单位"), empty_label=_("全部单位")
    )
    replied = df.BooleanFilter(
        field_name="replied_on", lookup_expr="isnull", exclude=True, label=_("已回复")
    )
    year = YearFilter(field_name="issued_on", label=_("年度"))

    class Meta:
        model = OversightLetter
        fields = ["kind", "addressee"]


class MediationFilter(df.FilterSet):
    status = df.ChoiceFilter(
        choices=choices.MediationStatus.choices, label=_("状态"), empty_label=_("全部状态")
    )
    kind = df.ChoiceFilter(
        choices=choices.MediationKind.choices, label=_("类型"), empty_label=_("全部类型")
    )
    year = YearFilter(field_name="received_on", label=_("年度"))

    class Meta:
        model = MediationCase
        fields = ["status", "kind"]


class AdjudicationFilter(df.FilterSet):
    status = df.ChoiceFilter(
        choices=choices.AdjudicationStatus.choices, label=_("状态"), empty_label=_("全部状态")
    )
    year = YearFilter(field_name="received_on", label=_("年度"))

    class Meta:
        model = AdjudicationCase
        fields = ["status"]


class PetitionFilter(df.FilterSet):
    q = keyword("number", "subject", label=_("关键词"))
    status = df.ChoiceFilter(
        choices=choices.PetitionStatus.choices, label=_("状态"), empty_label=_("全部状态")
    )
    unit = df.ModelChoiceFilter(queryset=_units, label=_("办理单位"), empty_label=_("全部单位"))
    year = YearFilter(field_name="received_on", label=_("年度"))

    class Meta:
        model = Petition
        fields = ["status", "unit"]
