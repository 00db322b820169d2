"""Filing, overdue and cleanup pages: lists of published documents and the cleanup rounds."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_http_methods

from fazhi.core import dates
from fazhi.core.errors import ApplicationError
from fazhi.core.pages import Col, ObjectListView, refused

from .. import filters, forms, selectors, services
from ..choices import Status

MANAGE = "normdocs.manage_registry"


class FilingList(ObjectListView):
    permission = "normdocs.view_normdoc"
    selector = staticmethod(selectors.filing_list)
    filterset = filters.FilingFilter
    title = gettext_lazy("备案审查")
    template_name = "normdocs/filing_list.html"
    table_template = "normdocs/partials/filing_table.html"
    default_sort = "-published_on"
    export_name = gettext_lazy("备案审查")
    columns = [
        Col("doc_number", gettext_lazy("文号")),
        Col("title", gettext_lazy("标题"), sort=False),
        Col("issuer", gettext_lazy("制定机关"), value=lambda d: d.issuer.name, sort=False),
        Col("published_on", gettext_lazy("公布日期")),
        Col("due_on", gettext_lazy("报备期限")),
        Col(
            "filed_on",
            gettext_lazy("报备日期"),
            value=lambda d: d.filing.filed_on if hasattr(d, "filing") else None,
            sort=False,
        ),
        Col("stage", gettext_lazy("环节"), value=lambda d: d.get_stage_display(), sort=False),
    ]


def _within(params) -> int:
    try:
        return max(0, min(int(params.get("within", "15")), 90))
    except ValueError:
        return 15


def _overdue_page(*, user, params):
    return selectors.overdue_list(user=user, include_due_within=_within(params))


class OverdueList(ObjectListView):
    permission = "normdocs.view_overdue"
    denied_message = gettext_lazy("只有依法治县办、司法局和领导可以查看逾期情况")
    selector = staticmethod(_overdue_page)
    filterset = filters.OverdueFilter
    title = gettext_lazy("待办与逾期")
    template_name = "normdocs/overdue_list.html"
    default_sort = "due_on"
    export_name = gettext_lazy("待办与逾期")
    columns = [
        Col(
            "title",
            pgettext_lazy("normative document", "文件"),
            link=lambda d: reverse("normdocs:document_detail", args=[d.pk]),
        ),
        Col(
            "unit",
            gettext_lazy("起草单位"),
            value=lambda d: d.drafting_unit.name,
            sort=False,
            css="small",
        ),
        Col("duty", gettext_lazy("待办事项"), value=selectors.overdue_duty, sort=False),
        Col(
            "due_on",
            gettext_lazy("法定期限"),
            badge="deadline",
            provisional="due_provisional",
            css="text-nowrap",
        ),
    ]

    def extra_context(self, request, listing):
        return {
            "within": _within(request.GET),
            "summary": selectors.overdue_summary(user=request.user),
        }


def _candidates(*, user, params):
    kind = params.get("kind", "expiring")
    return selectors.cleanup_candidates(
        user=user, kind=kind if kind in filters.CLEANUP_KINDS else "expiring"
    )


class Cleanup(ObjectListView):
    """Candidates for cleanup by kind, the rounds, and a form to open a round."""

    permission = "normdocs.view_normdoc"
    selector = staticmethod(_candidates)
    filterset = filters.CleanupFilter
    title = gettext_lazy("规范性文件清理")
    template_name = "normdocs/cleanup.html"
    table_template = "normdocs/partials/candidate_table.html"
    default_sort = "valid_until"
    export_name = gettext_lazy("清理")
    columns = [
        Col("doc_number", gettext_lazy("文号"), sort=False),
        Col("title", gettext_lazy("标题"), sort=False),
        Col("issuer", gettext_lazy("制定机关"), value=lambda d: d.issuer.name, sort=False),
        Col("published_on", gettext_lazy("公布日期")),
        Col("valid_until", gettext_lazy("有效期至")),
        Col(
            "status", gettext_lazy("状态"), value=lambda d: str(Status(d.status).label), sort=False
        ),
    ]

    def extra_context(self, request, listing):
        form = getattr(self, "_form", None)
        kind = request.GET.get("kind", "expiring")
        return {
            "kind": kind if kind in filters.CLEANUP_KINDS else "expiring",
            "kinds": filters.CLEANUP_KINDS,
            "rounds": selectors.cleanup_round_list(user=request.user),
            "form": form or forms.CleanupRoundForm(initial={"started_on": dates.today()}),
            "can_manage": request.user.has_perm(MANAGE),
        }

    def post(self, request, *args, **kwargs):
        form = forms.CleanupRoundForm(request.POST)
        if form.is_valid():
            try:
                row = services.cleanup_round_create(actor=request.user, **form.cleaned_data)
            except ApplicationError as exc:
                refused(request, exc, form)
            else:
                return redirect("normdocs:cleanup_round", row.pk)
        self._form = form
        return self.get(request, *args, **kwargs)


@require_http_methods(["GET", "POST"])
@login_required
def cleanup_round(request, pk: int):
    row = selectors.cleanup_round_get(user=request.user, id=pk)
    if request.method == "POST":
        try:
            if request.POST.get("publish"):
                services.cleanup_round_publish(actor=request.user, cleanup_round=row)
                messages.success(request, _("清理结果已公布"))
            else:
                form = forms.CleanupDecisionForm(request.POST)
                if not form.is_valid():
                    raise ApplicationError(_("请选择清理结论"))
                document = selectors.normdoc_get_for_user(
                    user=request.user, id=form.cleaned_data["document"]
                )
                services.cleanup_decide(
                    actor=request.user,
                    cleanup_round=row,
                    document=document,
                    decision=form.cleaned_data["decision"],
                    reason=form.cleaned_data["reason"],
                )
                messages.success(
                    request, _("已登记《%(title)s》的清理结论") % {"title": document.title}
                )
        except ApplicationError as exc:
            refused(request, exc)
        return redirect("normdocs:cleanup_round", row.pk)
    decided = {d.document_id for d in row.decisions.all()}
    undecided = (
        selectors.normdoc_list(user=request.user)
        .filter(
            status__in=[
                Status.IN_FORCE,
                Status.EXPIRING,
                Status.AMENDED,
                Status.EXPIRED,
                Status.PENDING,
            ]
        )
        .exclude(pk__in=decided)
        .order_by("valid_until")[:200]
    )
    return render(
        request,
        "normdocs/cleanup_round.html",
        {
            "round": row,
            "undecided": undecided,
            "decision_form": forms.CleanupDecisionForm(),
            "can_manage": request.user.has_perm(MANAGE) and row.status == "open",
        },
    )
