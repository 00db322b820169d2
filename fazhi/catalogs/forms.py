from __future__ import annotations

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from fazhi.core.forms import VersionedForm
from fazhi.core.models import OrgUnit

from .choices import CatalogKind


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excel 文件(.xlsx)"))
    kind = forms.ChoiceField(label=_("清单类别"), choices=CatalogKind.choices)
    body = forms.ModelChoiceField(label=_("编制单位"), queryset=OrgUnit.objects.none())
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    note = forms.CharField(label=_("说明"), max_length=255, required=False)
    adjustment_reason = forms.CharField(
        label=_("调整理由"),
        max_length=255,
        required=False,
        help_text=_("本年度清单已发布、因法律法规等变化需在年度内调整时填写,导入为调整版本"),
    )

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = units if units is not None else OrgUnit.objects.none()


class CheckForm(VersionedForm):
    checked_on = forms.DateField(label=_("审核日期"))


class ApproveForm(VersionedForm):
    approved_on = forms.DateField(label=_("批准日期"))
    approval_ref = forms.CharField(label=_("批准文号"), max_length=64, required=False)


class PublishForm(VersionedForm):
    published_on = forms.DateField(label=_("发布日期"))


class ReturnForm(VersionedForm):
    reason = forms.CharField(
        label=_("退回理由"), max_length=255, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReasonForm(VersionedForm):
    code = forms.CharField(label=_("事项编码"), max_length=64)
    reason = forms.CharField(label=_("变更理由"), max_length=255)


class BaselineForm(VersionedForm):
    pass


class MappingChooser(forms.Form):
    body = forms.ModelChoiceField(label=_("编制单位"), queryset=OrgUnit.objects.none())
    kind = forms.ChoiceField(label=_("清单类别"), choices=CatalogKind.choices)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = units if units is not None else OrgUnit.objects.none()


class MappingForm(forms.Form):
    """One text box per field of the kind: the column name in the body's file."""

    def __init__(self, *args, fields=(), **kwargs):
        super().__init__(*args, **kwargs)
        for name, label, default in fields:
            self.fields[name] = forms.CharField(
                label=label,
                max_length=64,
                required=False,
                # The provincial column names are the file's own words, Chinese in every language.
                help_text=format_html(
                    '{} <span lang="zh-hans">{}</span>', _("省级格式列名:"), default
                ),
                widget=forms.TextInput(attrs={"placeholder": default, "lang": "zh-hans"}),
            )

    def clean(self):
        data = super().clean()
        seen: dict[str, str] = {}
        for name, value in list(data.items()):
            value = (value or "").strip()
            if not value:
                continue
            if value in seen:
                self.add_error(
                    name, _("与“%(other)s”的列名重复") % {"other": self.fields[seen[value]].label}
                )
            seen[value] = name
        return data


class BodyExportForm(forms.Form):
    body = forms.IntegerField(min_value=1)
    year = forms.IntegerField(min_value=2000, max_value=2100)
