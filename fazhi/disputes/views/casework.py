"""Mediation, adjudication and petition pages."""

from __future__ import annotations

from functools import partial

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_POST

from fazhi.core import dates
from fazhi.core.pages import Action, Col, Link

from .. import filters, forms, selectors, services
from ..choices import AdjudicationStatus, MediationStatus, PetitionStatus
from .common import CaseDetail, ListPage, RegisterPage, post_from_list

CHANGE = "disputes.change_casework"
ADD = "disputes.add_casework"
NUMBER = pgettext_lazy("case", "编号")
# A handling step of a mediation, adjudication or petition: by the unit handling it (unless
# another perm is named), in the statuses it names.
casework_step = partial(Action, perm=CHANGE, target="case")


# --- mediation -----------------------------------------------------------------------------


class MediationList(ListPage):
    selector = staticmethod(selectors.mediation_list)
    filterset = filters.MediationFilter
    template_name = "disputes/mediation_list.html"
    table_template = "disputes/partials/mediation_table.html"
    default_sort = "-received"
    title = gettext_lazy("行政调解")
    export_name = gettext_lazy("调解案件")
    links = [Link(gettext_lazy("登记调解案件"), "disputes:mediation_create", ADD, "plus-lg")]
    columns = [
        Col("number", NUMBER, sort=False),
        Col("kind", gettext_lazy("类型"), value=lambda m: m.get_kind_display()),
        Col("category", gettext_lazy("纠纷类别"), sort=False),
        Col("unit", gettext_lazy("调解单位"), value=lambda m: m.unit.name, sort="unit__name"),
        Col("parties", gettext_lazy("当事人"), sort=False),
        Col(
            "received", gettext_lazy("受理日期"), value=lambda m: m.received_on, sort="received_on"
        ),
        Col("status", gettext_lazy("状态"), value=lambda m: m.get_status_display(), sort="status"),
        Col("agreement_on", gettext_lazy("协议日期"), sort=False),
        Col("confirmed_on", gettext_lazy("司法确认日期"), sort=False),
    ]

    def extra_context(self, request, listing):
        user = request.user
        recent = selectors.adjudication_list(user=user).order_by("-received_on", "-id")[:10]
        return {
            "can_add": user.has_perm(ADD),
            "items": selectors.adjudication_items(user=user),
            "adjudications": recent,
            "can_catalogue": user.has_perm("disputes.handle_reconsideration"),
            "item_form": forms.AdjudicationItemForm(),
        }


class MediationCreate(RegisterPage):
    denied_message = gettext_lazy("您无权登记调解案件")
    form_class = forms.MediationForm
    service = staticmethod(services.mediation_register)
    own_unit = True
    detail = "disputes:mediation_detail"
    title = gettext_lazy("登记调解案件")
    back = "disputes:mediation_list"
    registered = gettext_lazy("已登记调解案件 %(number)s")


class MediationDetail(CaseDetail):
    selector = staticmethod(selectors.mediation_get_for_user)
    template_name = "disputes/mediation_detail.html"
    url_name = "disputes:mediation_detail"
    action_url_name = "disputes:mediation_action"
    actions = [
        casework_step(
            "result",
            gettext_lazy("记录调解结果"),
            forms.MediationResultForm,
            services.mediation_record_result,
            allowed=(MediationStatus.IN_PROGRESS,),
            success=gettext_lazy("已记录调解结果"),
        ),
        casework_step(
            "confirmation",
            gettext_lazy("申请司法确认"),
            forms.ConfirmationForm,
            services.mediation_refer_confirmation,
            allowed=(MediationStatus.AGREED,),
            success=gettext_lazy("已记录司法确认"),
        ),
    ]


# --- adjudication --------------------------------------------------------------------------


@login_required
@require_POST
def adjudication_item_create(request):
    if not request.user.has_perm("disputes.view"):
        raise DjangoPermissionDenied(_("您无权查看此页面"))
    return post_from_list(
        request,
        forms.AdjudicationItemForm(request.POST),
        lambda data: services.adjudication_item_save(actor=request.user, **data),
        success=lambda item: _("已保存裁决事项"),
        back="disputes:mediation_list",
    )


class AdjudicationList(ListPage):
    selector = staticmethod(selectors.adjudication_list)
    filterset = filters.AdjudicationFilter
    table_template = "disputes/partials/adjudication_table.html"
    default_sort = "-received"
    title = export_name = gettext_lazy("行政裁决案件")
    links = [Link(gettext_lazy("登记裁决案件"), "disputes:adjudication_create", ADD)]
    columns = [
        Col("number", NUMBER, sort=False),
        Col("item", gettext_lazy("裁决事项"), value=lambda c: c.item.name, sort=False),
        Col("unit", gettext_lazy("实施主体"), value=lambda c: c.item.unit.name, sort=False),
        Col("applicant_name", gettext_lazy("申请人"), sort=False),
        Col("other_party", gettext_lazy("被申请人"), sort=False),
        Col(
            "received", gettext_lazy("受理日期"), value=lambda c: c.received_on, sort="received_on"
        ),
        Col("status", gettext_lazy("状态"), value=lambda c: c.get_status_display(), sort="status"),
        Col("decided_on", gettext_lazy("裁决日期"), sort=False),
    ]


class AdjudicationCreate(RegisterPage):
    denied_message = gettext_lazy("您无权登记裁决案件")
    form_class = forms.AdjudicationCaseForm
    service = staticmethod(services.adjudication_register)
    detail = "disputes:adjudication_detail"
    title = gettext_lazy("登记行政裁决案件")
    back = "disputes:adjudication_list"
    registered = gettext_lazy("已登记裁决案件 %(number)s")


class AdjudicationDetail(CaseDetail):
    selector = staticmethod(selectors.adjudication_get_for_user)
    template_name = "disputes/adjudication_detail.html"
    url_name = "disputes:adjudication_detail"
    actions = [
        casework_step(
            "decide",
            gettext_lazy("作出裁决"),
            forms.AdjudicationDecideForm,
            services.adjudication_decide,
            perm="disputes.change_adjudication",
            allowed=(AdjudicationStatus.PENDING,),
            success=gettext_lazy("已记录裁决结果"),
        ),
    ]


# --- petitions -----------------------------------------------------------------------------


class PetitionList(ListPage):
    selector = staticmethod(selectors.petition_list)
    filterset = filters.PetitionFilter
    template_name = "disputes/petition_list.html"
    table_template = "disputes/partials/petition_table.html"
    default_sort = "-received"
    title = export_name = gettext_lazy("信访事项")
    links = [Link(gettext_lazy("登记信访事项"), "disputes:petition_create", ADD, "plus-lg")]
    columns = [
        Col("number", NUMBER, sort=False),
        Col("petitioner_name", gettext_lazy("信访人"), sort=False),
        Col("unit", gettext_lazy("办理单位"), value=lambda p: p.unit.name, sort="unit__name"),
        Col("subject", gettext_lazy("事项"), sort=False),
        Col(
            "received", gettext_lazy("收到日期"), value=lambda p: p.received_on, sort="received_on"
        ),
        Col("acceptance_due", gettext_lazy("受理告知期限"), sort=False),
        Col("accepted_on", gettext_lazy("受理日期"), sort=False),
        Col("handling_due", gettext_lazy("办结期限")),
        Col("status", gettext_lazy("状态"), value=lambda p: p.get_status_display(), sort="status"),
        Col("replied_on", gettext_lazy("出具意见日期"), sort=False),
    ]

    def extra_context(self, request, listing):
        return {
            "today": dates.today(),
            "open_statuses": [PetitionStatus.RECEIVED, PetitionStatus.ACCEPTED],
        }


class PetitionCreate(RegisterPage):
    denied_message = gettext_lazy("您无权登记信访事项")
    form_class = forms.PetitionForm
    service = staticmethod(services.petition_register)
    own_unit = True
    detail = "disputes:petition_detail"
    title = gettext_lazy("登记信访事项")
    back = "disputes:petition_list"
    registered = gettext_lazy("已登记信访事项 %(number)s,应在 %(due)s 前告知是否受理")
    due = "acceptance_due"


petition_step = partial(casework_step, target="petition")


class PetitionDetail(CaseDetail):
    selector = staticmethod(selectors.petition_get_for_user)
    template_name = "disputes/petition_detail.html"
    url_name = "disputes:petition_detail"
    action_url_name = "disputes:petition_action"
    context_name = "petition"
    actions = [
        petition_step(
            "accept",
            gettext_lazy("受理 / 导入法定途径"),
            forms.PetitionAcceptForm,
            services.petition_accept,
            allowed=(PetitionStatus.RECEIVED,),
            success=gettext_lazy("已受理"),
        ),
        petition_step(
            "reply",
            gettext_lazy("出具信访处理意见书"),
            forms.PetitionReplyForm,
            services.petition_reply,
            allowed=(PetitionStatus.ACCEPTED,),
            success=gettext_lazy("已出具处理意见"),
        ),
        petition_step(
            "extend",
            gettext_lazy("延长办理期限(最多30日)"),
            forms.PetitionExtendForm,
            services.petition_extend,
            allowed=(PetitionStatus.ACCEPTED,),
            success=gettext_lazy("已延长办理期限"),
        ),
    ]
