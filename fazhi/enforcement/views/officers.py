"""Bodies, their matters, officers, credentials and training: lists, details, creation pages."""

from __future__ import annotations

import datetime as dt
from functools import cached_property

from django import forms as django_forms
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from fazhi.core import dates
from fazhi.core.models import OrgUnit
from fazhi.core.pages import Col, Link, ObjectDetailView, ObjectListView, detail_url

from .. import filters, forms, selectors, services
from .common import CreatePage, ListPage, row_action

CREDENTIALS = "enforcement.administer_credentials"


def _credentials(officer) -> str:
    return "、".join(c.summary for c in officer.credentials.all())


class OfficerList(ListPage):
    permission = "enforcement.view_officer"
    selector = staticmethod(selectors.officer_list)
    filterset = filters.OfficerFilter
    title = pgettext_lazy("enforcement", "执法人员")
    export_name = pgettext_lazy("enforcement", "执法人员")
    template_name = "enforcement/officer_list.html"
    table_template = "enforcement/partials/officer_table.html"
    default_sort = "body"
    shown = ("name", "body", "position", "credentials", "hours")

    @cached_property
    def required(self) -> int:
        """The yearly training quota (a statutory period's value), read once per request."""
        return selectors.training_required()

    @property
    def columns(self):
        """The hours columns name the year and the quota, so they are built per request."""
        return self.get_columns(self.request)

    def get_columns(self, request):
        required = self.required
        return [
            Col("name", gettext_lazy("姓名"), value=lambda o: o.full_name, sort="full_name"),
            Col(
                "body",
                gettext_lazy("执法主体"),
                value=lambda o: o.body.unit.name,
                sort="body__unit__name",
            ),
            Col("position", gettext_lazy("职务"), sort=False),
            Col("credentials", gettext_lazy("执法证"), value=_credentials, sort=False),
            Col("valid", gettext_lazy("证件有效"), value=lambda o: o.has_valid, sort=False),
            Col(
                "hours",
                _("%(year)s年培训学时") % {"year": dates.requested_year(request.GET.get("year"))},
                value=lambda o: o.year_hours,
                sort="year_hours",
            ),
            Col(
                "short",
                _("不足%(hours)s学时") % {"hours": required},
                value=lambda o: o.year_hours < required,
                sort=False,
            ),
        ]

    def page_context(self, request, listing):
        own = selectors.own_body(request.user)
        today = dates.today()
        return {
            "required": self.required,
            "can_create": own is not None
            and request.user.has_perm("enforcement.manage_officer", own),
            "today": today,
            "soon": today + dt.timedelta(days=filters.EXPIRING_DAYS),
        }


officer_list = OfficerList.as_view()


def _set_status(*, actor, officer, credential, status):
    return services.credential_set_status(actor=actor, credential=credential, status=status)


def _relation(*, actor, officer, target, relation):
    return services.relation_record(actor=actor, officer=officer, target=target, relation=relation)


class OfficerDetail(ObjectDetailView):
    permission = "enforcement.view_officer"
    template_name = "enforcement/officer_detail.html"
    pk_kwarg = "officer_id"
    actions = [
        row_action(
            "training",
            gettext_lazy("登记培训"),
            forms.TrainingForm,
            services.training_record,
            target="officer",
            perm=CREDENTIALS,
        ),
        row_action(
            "credential",
            gettext_lazy("登记执法证"),
            forms.CredentialForm,
            services.credential_issue,
            target="officer",
            perm=CREDENTIALS,
        ),
        row_action(
            "credential_status",
            gettext_lazy("暂扣、注销或恢复执法证"),
            forms.CredentialStatusForm,
            _set_status,
            target="officer",
            perm=CREDENTIALS,
            visible=lambda user, officer: bool(officer.credentials.all()),
        ),
        row_action(
            "relation",
            gettext_lazy("登记回避关系"),
            forms.RelationForm,
            _relation,
            target="officer",
            perm="enforcement.record_relation",
        ),
    ]

    def get_object(self, request, pk):
        return selectors.officer_get_for_user(user=request.user, officer_id=pk)

    def extra_context(self, request, officer):
        return {
            "officer": officer,
            "required": selectors.training_required(),
            "can_create_session": request.user.has_perm(CREDENTIALS),
        }


officer_detail = OfficerDetail.as_view()


class OfficerCreate(CreatePage):
    """A new officer of the user's body (or of any body of the region, for the supervisor)."""

    permission = "enforcement.view_officer"
    form_class = forms.OfficerCreateForm
    title = gettext_lazy("新增执法人员")
    detail = "enforcement:officer_detail"
    back = "enforcement:officer_list"

    def check_permission(self, request) -> None:
        super().check_permission(request)
        self.body = selectors.own_body(request.user)
        if self.body is None or not request.user.has_perm("enforcement.manage_officer", self.body):
            raise DjangoPermissionDenied(_("只能维护本单位的执法人员"))

    def subtitle(self, request) -> str:
        return self.body.unit.name

    def create(self, request, data: dict):
        return services.officer_create(actor=request.user, body=self.body, **data)


class TrainingSessionCreate(CreatePage):
    """The justice bureau records a training; officers' hours are then taken from it."""

    permission = CREDENTIALS
    form_class = forms.TrainingSessionForm
    service = staticmethod(services.training_session_create)
    title = gettext_lazy("登记培训")
    back = "enforcement:officer_list"

    def success_url(self, row) -> str:
        return reverse("enforcement:officer_list")


officer_create = OfficerCreate.as_view()
training_session_create = TrainingSessionCreate.as_view()


# ---------------------------------------------------------------- bodies


class BodyForm(django_forms.Form):
    unit = django_forms.ModelChoiceField(
        label=gettext_lazy("单位"),
        queryset=OrgUnit.objects.filter(enforcement_body__isnull=True, is_active=True),
    )
    case_prefix = django_forms.CharField(
        label=gettext_lazy("案件文号代字"),
        max_length=16,
        required=False,
        help_text=gettext_lazy("案件编号中本机关的简称;留空则用本行政区划名称的首字加“罚”"),
    )
    phone = django_forms.CharField(label=gettext_lazy("监督电话"), max_length=32, required=False)


class BodyList(ObjectListView):
    permission = "enforcement.view_officer"
    selector = staticmethod(selectors.body_list)
    title = gettext_lazy("执法主体")
    export_name = gettext_lazy("执法主体")
    default_sort = "unit.name"
    columns = [
        Col("unit.name", gettext_lazy("执法主体"), link=detail_url("enforcement:body_detail")),
        Col(
            "case_prefix",
            gettext_lazy("案件文号代字"),
            value=lambda b: b.number_prefix,
            sort="case_prefix",
        ),
        Col("phone", gettext_lazy("监督电话"), sort=False),
        Col("officer_count", gettext_lazy("在岗执法人员")),
        Col("matter_count", gettext_lazy("执法事项")),
    ]
    links = [
        Link(gettext_lazy("新增执法主体"), "enforcement:body_create", "enforcement.manage_body")
    ]


def _link_power_item(*, actor, body, matter, power_item):
    return services.matter_link_power_item(actor=actor, matter=matter, power_item=power_item)


class BodyDetail(ObjectDetailView):
    permission = "enforcement.view_officer"
    template_name = "enforcement/body_detail.html"
    pk_kwarg = "body_id"
    actions = [
        row_action(
            "matter",
            gettext_lazy("新增执法事项"),
            forms.MatterForm,
            services.matter_create,
            target="body",
            perm="enforcement.manage_matter",
        ),
        row_action(
            "link",
            gettext_lazy("关联权责清单事项"),
            forms.MatterLinkForm,
            _link_power_item,
            target="body",
            perm="enforcement.manage_matter",
            success=gettext_lazy("已关联权责清单事项"),
            visible=lambda user, body: bool(body.matters.all()),
        ),
    ]

    def get_object(self, request, pk):
        return selectors.body_get_for_user(user=request.user, body_id=pk)


def _power_item_text(matter) -> str:
    item = matter.power_item
    return f"{item.code} {item.name}" if item else ""


def _power_state(matter) -> str:
    if matter.power_item_id is None:
        return _("未关联权责清单")
    return _("权责清单已取消") if matter.power_removed else _("在清单内")


class MatterList(ListPage):
    """Every body's matters; those whose power item left the list in force are flagged."""

    permission = "enforcement.view_officer"
    selector = staticmethod(selectors.matter_list)
    filterset = filters.MatterFilter
    title = gettext_lazy("执法事项清单")
    export_name = gettext_lazy("执法事项清单")
    table_template = "enforcement/partials/matter_table.html"
    default_sort = "body"
    columns = [
        Col("name", gettext_lazy("事项名称")),
        Col(
            "body",
            gettext_lazy("执法主体"),
            value=lambda m: m.body.unit.name,
            sort="body__unit__name",
        ),
        Col("matter_type", gettext_lazy("事项类型"), value=lambda m: m.get_matter_type_display()),
        Col("legal_basis", gettext_lazy("法律依据"), sort=False),
        Col("power_item", gettext_lazy("权责清单事项"), value=_power_item_text, sort=False),
        Col(
            "power_state",
            gettext_lazy("权责清单"),
            value=_power_state,
            sort="power_removed",
        ),
    ]


body_list = BodyList.as_view()
matter_list = MatterList.as_view()
body_detail = BodyDetail.as_view()


class BodyCreate(CreatePage):
    permission = "enforcement.manage_body"
    form_class = BodyForm
    service = staticmethod(services.body_create)
    title = gettext_lazy("新增执法主体")
    detail = "enforcement:body_detail"
    back = "enforcement:body_list"


body_create = BodyCreate.as_view()
