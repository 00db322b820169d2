"""Litigation pages: the case list, registration, the case with defence, sessions and closing."""

from __future__ import annotations

from functools import partial

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core import dates
from fazhi.core.pages import Action, Col, Link

from .. import filters, forms, selectors, services
from ..choices import LetterKind, LitigationStatus
from .common import CaseDetail, ListPage, RegisterPage
from .letters import COURT_LETTERS, issued

ADD = "disputes.add_litigation"
CHANGE = "disputes.change_litigation"
PENDING = (LitigationStatus.PENDING,)
# The steps of a pending case, by the defendant unit or the reconsideration office.
pending_step = partial(Action, perm=CHANGE, allowed=PENDING, target="case")


def _yes(value: bool) -> str:
    return _("是") if value else _("否")


class LitigationList(ListPage):
    selector = staticmethod(selectors.litigation_list)
    filterset = filters.LitigationFilter
    template_name = "disputes/litigation_list.html"
    table_template = "disputes/partials/litigation_table.html"
    default_sort = "-filed"
    title = export_name = gettext_lazy("行政应诉案件")
    links = [
        Link(gettext_lazy("登记应诉案件"), "disputes:litigation_create", ADD, "plus-lg"),
    ]
    columns = [
        Col(
            "number",
            gettext_lazy("法院案号"),
            value=lambda c: c.court_case_number,
            sort="court_case_number",
        ),
        Col("court", gettext_lazy("法院"), sort=False),
        Col("instance", gettext_lazy("审级"), value=lambda c: c.get_instance_display()),
        Col(
            "defendant",
            gettext_lazy("被告单位"),
            value=lambda c: c.defendant.name,
            sort="defendant__name",
        ),
        Col("plaintiff_name", gettext_lazy("原告"), sort=False),
        Col("cause", gettext_lazy("案由"), sort=False),
        Col("filed", gettext_lazy("立案日期"), value=lambda c: c.filed_on, sort="filed_on"),
        Col("defence_due", gettext_lazy("答辩期限")),
        Col("defence_submitted_on", gettext_lazy("答辩日期"), sort=False),
        Col("was_heard", gettext_lazy("已开庭"), value=lambda c: _yes(c.was_heard)),
        Col("head_appeared", gettext_lazy("负责人出庭"), value=lambda c: _yes(c.head_appeared)),
        Col("status", gettext_lazy("状态"), value=lambda c: c.get_status_display(), sort="status"),
        Col("outcome", gettext_lazy("结果"), value=lambda c: c.get_outcome_display()),
    ]

    def extra_context(self, request, listing):
        return {"today": dates.today()}


class LitigationCreate(RegisterPage):
    permission = ADD
    denied_message = gettext_lazy("您无权登记应诉案件")
    form_class = forms.LitigationForm
    service = staticmethod(services.litigation_register)
    detail = "disputes:litigation_detail"
    title = gettext_lazy("登记行政应诉案件")
    back = "disputes:litigation_list"
    registered = gettext_lazy("已登记应诉案件 %(number)s,答辩期限 %(due)s")
    due = "defence_due"


def _court_letter(user, case) -> dict:
    return {
        "kinds": COURT_LETTERS,
        "defaults": {
            "issuer": case.court,
            "addressee": case.defendant_id,
            "kind": LetterKind.JUDICIAL,
        },
    }


class LitigationDetail(CaseDetail):
    selector = staticmethod(selectors.litigation_get_for_user)
    template_name = "disputes/litigation_detail.html"
    heading = "court_case_number"
    url_name = "disputes:litigation_detail"
    action_url_name = "disputes:litigation_action"
    actions = [
        pending_step(
            "defence",
            gettext_lazy("登记提交答辩"),
            forms.DefenceForm,
            services.litigation_submit_defence,
            visible=lambda user, case: not case.defence_submitted_on,
            success=gettext_lazy("已登记答辩"),
        ),
        pending_step(
            "hearing",
            gettext_lazy("登记庭审出庭情况"),
            forms.CourtHearingForm,
            services.litigation_record_hearing,
            success=gettext_lazy("已登记出庭情况"),
        ),
        pending_step(
            "close",
            gettext_lazy("登记结案"),
            forms.CloseForm,
            services.litigation_close,
            success=gettext_lazy("已登记结案"),
        ),
        Action(
            "letter",
            gettext_lazy("登记司法建议 / 检察建议"),
            forms.LetterForm,
            services.letter_issue,
            perm="disputes.issue_letter",
            target="litigation",
            form_kwargs=_court_letter,
            success=issued,
        ),
    ]
