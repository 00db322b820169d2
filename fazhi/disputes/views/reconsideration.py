"""Reconsideration pages: the case list, counter registration, the case with its actions."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core import dates, files
from fazhi.core.pages import Action, Col, Link

from .. import filters, forms, selectors, services
from ..choices import LetterKind, ReconsiderationStatus
from ..models import ReconsiderationAttachment
from .common import CaseDetail, ListPage, RegisterPage
from .letters import issued

RS = ReconsiderationStatus
HANDLE = "disputes.handle_reconsideration"


class ReconsiderationList(ListPage):
    selector = staticmethod(selectors.reconsideration_list)
    filterset = filters.ReconsiderationFilter
    template_name = "disputes/reconsideration_list.html"
    table_template = "disputes/partials/reconsideration_table.html"
    default_sort = "-received"
    title = export_name = gettext_lazy("行政复议案件")
    links = [
        Link(gettext_lazy("窗口登记申请"), "disputes:reconsideration_create", HANDLE, "plus-lg")
    ]
    columns = [
        Col("number", gettext_lazy("案号")),
        Col("channel", gettext_lazy("申请方式"), value=lambda c: c.get_channel_display()),
        Col("applicant_name", gettext_lazy("申请人"), sort=False),
        Col(
            "respondent",
            gettext_lazy("被申请人"),
            value=lambda c: c.respondent.name,
            sort="respondent__name",
        ),
        Col("act_description", gettext_lazy("行政行为"), sort=False),
        Col(
            "received", gettext_lazy("收到日期"), value=lambda c: c.received_on, sort="received_on"
        ),
        Col("status", gettext_lazy("状态"), value=lambda c: c.get_status_display(), sort="status"),
        Col("procedure", gettext_lazy("程序"), value=lambda c: c.get_procedure_display()),
        Col("accepted_on", gettext_lazy("受理日期"), sort=False),
        Col("decision_due", gettext_lazy("决定期限")),
        Col("decided_on", gettext_lazy("决定日期"), sort=False),
        Col(
            "decision_type", gettext_lazy("决定类型"), value=lambda c: c.get_decision_type_display()
        ),
        Col("acceptance_due", gettext_lazy("受理审查期限"), export=False),
    ]

    def extra_context(self, request, listing):
        return {"today": dates.today()}


class ReconsiderationCreate(RegisterPage):
    """An application handed in at the counter, by post or orally, with its files."""

    permission = HANDLE
    denied_message = gettext_lazy("只有行政复议机构工作人员可以登记复议申请")
    detail = "disputes:reconsideration_detail"
    form_class = forms.CounterApplicationForm
    title = gettext_lazy("登记行政复议申请(窗口、邮寄、口头)")
    submit = gettext_lazy("登记")
    back = "disputes:reconsideration_list"
    registered = gettext_lazy("已登记复议申请 %(number)s,受理审查期限 %(due)s")
    due = "acceptance_due"

    def form_kwargs(self, request) -> dict:
        return {}

    def create(self, request, data: dict):
        files, channel, received_on = (
            data.pop("files"),
            data.pop("channel"),
            data.pop("received_on"),
        )
        case, _code = services.reconsideration_apply(
            actor=request.user,
            application=services.Application(**data),
            channel=channel,
            received_on=received_on,
            files=files,
        )
        return case


def _opinion_letter(user, case) -> dict:
    return {
        "kinds": (LetterKind.OPINION, LetterKind.RECOMMENDATION),
        "defaults": {
            "issuer": case.office.name,
            "addressee": case.respondent_id,
            "kind": LetterKind.OPINION,
        },
    }


def _act(name, label, form, service, allowed, success, **kw) -> Action:
    return Action(
        name,
        label,
        form,
        service,
        perm=kw.pop("perm", HANDLE),
        allowed=allowed,
        success=success,
        target=kw.pop("target", "case"),
        **kw,
    )


class ReconsiderationDetail(CaseDetail):
    selector = staticmethod(selectors.reconsideration_get_for_user)
    template_name = "disputes/reconsideration_detail.html"
    url_name = "disputes:reconsideration_detail"
    action_url_name = "disputes:reconsideration_action"
    actions = [
        _act(
            "accept",
            gettext_lazy("受理"),
            forms.AcceptForm,
            services.reconsideration_accept,
            (RS.RECEIVED,),
            gettext_lazy("已受理,决定期限已计算"),
        ),
        _act(
            "supplement",
            gettext_lazy("通知补正(一次性告知)"),
            forms.SupplementRequestForm,
            services.reconsideration_request_supplement,
            (RS.RECEIVED,),
            gettext_lazy("已发出补正通知,受理审查期限暂停计算"),
            visible=lambda user, case: not case.supplements.all(),
        ),
        _act(
            "refuse",
            gettext_lazy("不予受理"),
            forms.RefuseForm,
            services.reconsideration_refuse,
            (RS.RECEIVED,),
            gettext_lazy("已作出不予受理决定"),
        ),
        _act(
            "supplied",
            gettext_lazy("登记补正材料"),
            forms.SupplementRecordForm,
            services.reconsideration_record_supplement,
            (RS.SUPPLEMENT,),
            gettext_lazy("已登记补正材料,受理审查期限重新计算"),
        ),
        _act(
            "send_copy",
            gettext_lazy("发送申请书副本"),
            forms.CopyForm,
            services.reconsideration_send_copy,
            (RS.ACCEPTED,),
            gettext_lazy("已登记发送申请书副本"),
            visible=lambda user, case: not case.copy_sent_on,
        ),
        _act(
            "hearing",
            gettext_lazy("听证 / 听取意见 / 实地调查"),
            forms.HearingForm,
            services.reconsideration_record_hearing,
            (RS.ACCEPTED,),
            gettext_lazy("已记录"),
        ),
        _act(
            "committee",
            gettext_lazy("提请行政复议委员会咨询"),
            forms.CommitteeForm,
            services.reconsideration_consult_committee,
            (RS.ACCEPTED,),
            gettext_lazy("已记录复议委员会咨询意见"),
            visible=lambda user, case: case.is_major and not case.committee_consulted_on,
        ),
        _act(
            "extend",
            gettext_lazy("延长决定期限(最多30日)"),
            forms.ExtensionForm,
            services.reconsideration_extend,
            (RS.ACCEPTED,),
            gettext_lazy("已延长决定期限"),
            visible=lambda user, case: case.procedure == "ordinary",
        ),
        _act(
            "decide",
            gettext_lazy("作出复议决定"),
            forms.DecisionForm,
            services.reconsideration_decide,
            (RS.ACCEPTED,),
            gettext_lazy("已作出复议决定"),
        ),
        _act(
            "suspend",
            gettext_lazy("中止审理(第39条)"),
            forms.SuspendForm,
            services.reconsideration_suspend,
            (RS.ACCEPTED,),
            gettext_lazy("已中止审理,决定期限暂停计算"),
        ),
        _act(
            "resume",
            gettext_lazy("恢复审理"),
            forms.ResumeForm,
            services.reconsideration_resume,
            (RS.SUSPENDED,),
            gettext_lazy("已恢复审理,决定期限已顺延"),
        ),
        _act(
            "terminate",
            gettext_lazy("终止行政复议(第41条)"),
            forms.TerminateForm,
            services.reconsideration_terminate,
            (RS.ACCEPTED, RS.SUSPENDED),
            gettext_lazy("已终止行政复议"),
        ),
        _act(
            "publish",
            gettext_lazy("公开决定书(自动隐去个人信息)"),
            forms.PublishForm,
            services.reconsideration_publish,
            (RS.DECIDED,),
            gettext_lazy("决定书已公开(个人信息已隐去)"),
        ),
        _act(
            "letter",
            gettext_lazy("制发意见书 / 建议书"),
            forms.LetterForm,
            services.letter_issue,
            (RS.ACCEPTED, RS.DECIDED, RS.PUBLISHED),
            issued,
            target="reconsideration",
            form_kwargs=_opinion_letter,
        ),
        _act(
            "reply",
            gettext_lazy("被申请人书面答复"),
            forms.RespondentReplyForm,
            services.reconsideration_submit_reply,
            (RS.ACCEPTED,),
            gettext_lazy("已提交书面答复"),
            perm="disputes.reply_reconsideration",
            visible=lambda user, case: case.copy_sent_on and not case.respondent_replied_on,
        ),
    ]

    def page_context(self, request, case):
        today = dates.today()
        return {
            "milestones": selectors.reconsideration_milestones(case),
            "deemed": case.is_deemed_accepted(today),
            "open_suspension": next(
                (
                    s
                    for s in case.suspensions.all()
                    if s.resumed_on is None and case.status == RS.SUSPENDED
                ),
                None,
            ),
        }


@login_required
def attachment_download(request, pk: int, attachment_id: int):
    if not request.user.has_perm("disputes.view"):
        raise DjangoPermissionDenied(_("您无权查看此页面"))
    case = selectors.reconsideration_get_for_user(user=request.user, id=pk)
    att = ReconsiderationAttachment.objects.filter(case=case, pk=attachment_id).first()
    if att is None:
        raise Http404(_("文件不存在"))
    return files.serve(request, att.file, filename=att.name)
