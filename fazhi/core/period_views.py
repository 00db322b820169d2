"""The legal office's page of statutory periods: every app's periods, editable and audited."""

from __future__ import annotations

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from . import selectors, services
from .filters import PeriodFilter
from .forms import VersionedForm
from .models import Region
from .pages import Action, Col, ObjectDetailView, ObjectListView, detail_url


class PeriodForm(VersionedForm):
    value = forms.IntegerField(label=_("数值"), min_value=1, max_value=3650)
    note = forms.CharField(label=_("说明(修改理由或本地规定)"), max_length=255, required=False)


class RegionPeriodForm(forms.Form):
    region = forms.ModelChoiceField(label=_("适用区划"), queryset=Region.objects.all())
    value = forms.IntegerField(label=_("数值"), min_value=1, max_value=3650)
    note = forms.CharField(label=_("本地规定的依据"), max_length=255)


class PeriodList(ObjectListView):
    permission = "core.view_periods"
    selector = staticmethod(selectors.period_list)
    filterset = PeriodFilter

    title = pgettext_lazy("periods", "法定期限")
    export_name = pgettext_lazy("periods", "法定期限")
    default_sort = "key"
    per_page = 100
    columns = [
        Col("key", _("代码"), link=detail_url("core:period_detail"), css="small text-muted"),
        Col("shown_label", _("名称"), sort="label"),
        Col("length", _("期限或数量"), sort="value"),
        Col("basis", pgettext_lazy("legal", "依据"), sort="law"),
        Col("region", _("适用区划"), value=lambda p: p.region.name if p.region_id else _("全国")),
        Col("shown_note", _("说明"), sort=False, css="small"),
    ]


class PeriodDetail(ObjectDetailView):
    permission = "core.view_periods"
    selector = staticmethod(selectors.period_get_for_user)
    template_name = "core/period_detail.html"
    action_target = "period_id"
    actions = [
        Action(
            "edit",
            _("修改"),
            PeriodForm,
            services.period_update,
            perm="core.change_periods",
            shows=("value",),
            success=_("已修改,新计算的期限按新值执行"),
        ),
        Action(
            "region",
            _("设定本地区的值"),
            RegionPeriodForm,
            services.period_set_for_region,
            perm="core.change_periods",
            visible=lambda user, period: period.region_id is None,
            success=_("已设定本地区的值"),
        ),
    ]

    def extra_context(self, request, obj):
        return {"list_url": reverse("core:period_list")}
