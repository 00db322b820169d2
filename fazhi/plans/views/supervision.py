"""Progress review, supervision notices (督办单) and the notice as an official document."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from fazhi.core import dates
from fazhi.core.documents import DOCX_TYPE
from fazhi.core.pages import Action, Col, ObjectDetailView, ObjectListView, detail_url

from .. import selectors, services
from ..choices import NoticeStatus, ReportStatus
from ..documents import notice_document
from ..filters import NoticeFilter, ReportFilter
from ..forms import NoticeReplyForm, ReviewForm


def _task_link(row) -> str:
    return detail_url("plans:task_detail")(row.task)


class ReportList(ObjectListView):
    """待审核进展 (the office: pending reports first) / 本单位填报记录 (a unit)."""

    permission = "plans.view_plan"
    selector = staticmethod(selectors.report_list)
    filterset = ReportFilter
    template_name = "plans/report_list.html"
    table_template = "plans/partials/report_table.html"
    title = gettext_lazy("进展填报")
    # A listing for reading, never imported back: it follows the interface language.
    export_name = gettext_lazy("进展填报")
    default_sort = "-date"
    columns = [
        Col("task.code", gettext_lazy("任务"), sort=False, link=_task_link),
        Col("unit", gettext_lazy("填报单位"), value=lambda r: r.unit.name, sort="unit__name"),
        Col("text", gettext_lazy("进展情况"), sort=False),
        Col("percent_done", gettext_lazy("完成进度(%)"), sort=False),
        Col("date", gettext_lazy("填报日期"), value=lambda r: r.reported_on, sort="reported_on"),
        Col("status", gettext_lazy("状态"), value=lambda r: r.get_status_display(), sort="status"),
        Col("review_comment", gettext_lazy("审核意见"), sort=False),
    ]

    def params(self, request):
        """The office opens on the reports waiting for it."""
        if not request.GET and request.user.has_perm("plans.review_report"):
            return {"status": ReportStatus.SUBMITTED}
        return request.GET

    def get_queryset(self, request):
        return self.selector(user=request.user, params=self.params(request))

    def filter_form(self, request):
        return ReportFilter(self.params(request), request=request).form

    def extra_context(self, request, listing):
        return {"can_review": request.user.has_perm("plans.review_report")}


def _reviewed(report) -> str:
    return _("已采纳该进展") if report.status == ReportStatus.ACCEPTED else _("已退回该进展")


class ReportDetail(ObjectDetailView):
    """A progress report with its review (采纳 or 退回, with the version the reviewer saw). The
    task page and the review list post the same action here and come back to where they were."""

    permission = "plans.view_plan"
    template_name = "plans/report_detail.html"
    pk_kwarg = "report_id"
    actions = [
        Action(
            "review",
            gettext_lazy("审核"),
            ReviewForm,
            services.progress_report_review,
            perm="plans.review_report",
            allowed=(ReportStatus.SUBMITTED,),
            target="report",
            success=_reviewed,
        )
    ]

    @staticmethod
    def selector(*, user, id):
        return selectors.report_get_for_user(user=user, report_id=id)

    def success_url(self, request, obj, result):
        back = request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
            return back
        return detail_url("plans:task_detail")(obj.task)

    def extra_context(self, request, report):
        return {"report": report}


class NoticeList(ObjectListView):
    permission = "plans.view_plan"
    selector = staticmethod(selectors.notice_list)
    filterset = NoticeFilter
    template_name = "plans/notice_list.html"
    table_template = "plans/partials/notice_table.html"
    title = gettext_lazy("督办单")
    # A listing for reading, never imported back: it follows the interface language.
    export_name = gettext_lazy("督办单")
    default_sort = "-issued"
    columns = [
        Col("number", gettext_lazy("编号"), sort="serial", link=detail_url("plans:notice_detail")),
        Col("unit", gettext_lazy("督办单位"), value=lambda n: n.unit.name, sort="unit__name"),
        Col("task.code", gettext_lazy("任务"), sort=False, link=_task_link),
        Col("request", gettext_lazy("督办事项"), sort=False),
        Col("issued", gettext_lazy("签发日期"), value=lambda n: n.issued_on, sort="issued_on"),
        Col(
            "due",
            gettext_lazy("回复期限"),
            value=lambda n: n.reply_due_on,
            sort="reply_due_on",
            badge="deadline",
            provisional="reply_due_provisional",
        ),
        Col("status", gettext_lazy("状态"), value=lambda n: n.get_status_display(), sort="status"),
        Col("replied_on", gettext_lazy("回复日期"), sort=False),
        Col("reply", gettext_lazy("回复内容"), sort=False),
    ]

    def extra_context(self, request, listing):
        return {"today": dates.today()}


class NoticeDetail(ObjectDetailView):
    permission = "plans.view_plan"
    selector = staticmethod(selectors.notice_get_for_user)
    template_name = "plans/notice_detail.html"
    pk_kwarg = "notice_id"
    actions = [
        Action(
            "reply",
            gettext_lazy("回复(说明原因与整改措施)"),
            NoticeReplyForm,
            services.supervision_notice_reply,
            perm="plans.reply_notice",
            allowed=(NoticeStatus.ISSUED,),
            target="notice",
            success=gettext_lazy("回复已提交"),
        )
    ]

    def extra_context(self, request, notice):
        return {"notice": notice}


@require_GET
@login_required
def notice_docx(request, notice_id: int):
    """督办单 as a Word file to print and send (GB/T 9704 layout)."""
    notice = selectors.notice_get_for_user(user=request.user, id=notice_id)
    response = HttpResponse(notice_document(notice), content_type=DOCX_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, f"{notice.number}.docx")
    return response
