"""Public portal pages: apply online, follow one's own case with its query code, read published decisions."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from fazhi.core import ratelimit
from fazhi.core.clientip import client_ip
from fazhi.core.errors import ApplicationError
from fazhi.core.masking import mask_name

from . import querycode, selectors, services
from .forms import ApplicationForm, QueryForm
from .models import ReconsiderationCase, ReconsiderationOffice

QUERY_LIMIT = 10  # failed attempts per client address, and per query code, in the window
APPLY_LIMIT = 5
WINDOW = 15 * 60
NO_MATCH = gettext_lazy("案号或查询码不正确。请核对申请成功时页面显示的案号和查询码。")


def _failure_keys(request, code: str) -> tuple[str, str]:
    """Failures count per client and per code tried, never per case number: guessing codes for
    someone's (sequential) case number must not lock the applicant out of their own case."""
    return (
        f"disputes:query-fail:ip:{client_ip(request)}",
        f"disputes:query-fail:code:{querycode.digest(code)[:32]}",
    )


@require_http_methods(["GET", "POST"])
def apply(request):
    form = ApplicationForm(request.POST or None, request.FILES or None)
    error = None
    if request.method == "POST":
        if ratelimit.over(f"disputes:apply:{client_ip(request)}", APPLY_LIMIT, WINDOW):
            error = ApplicationError(_("提交过于频繁,请稍后再试,或到行政复议机构的窗口递交"))
        elif form.is_valid():
            data = dict(form.cleaned_data)
            files = data.pop("files")
            try:
                case, code = services.reconsideration_apply(
                    actor=request.user, application=services.Application(**data), files=files
                )
            except ApplicationError as exc:
                error = exc
            else:
                return render(request, "disputes/public/applied.html", {"case": case, "code": code})
    offices = ReconsiderationOffice.objects.filter(is_active=True).select_related("unit")
    return render(
        request, "disputes/public/apply.html", {"form": form, "error": error, "offices": offices}
    )


@require_http_methods(["GET", "POST"])
def query(request):
    form = QueryForm(request.POST or None)
    error = None
    if request.method == "POST" and form.is_valid():
        number, code = form.cleaned_data["number"].strip(), form.cleaned_data["code"]
        failures = _failure_keys(request, code)
        if any(ratelimit.blocked(key, QUERY_LIMIT) for key in failures):
            error = _("查询次数过多,请15分钟后再试")
        else:
            case = (
                ReconsiderationCase.objects.filter(number=number)
                .select_related("respondent")
                .first()
            )
            # Compare even when the number is unknown, so timing does not reveal which numbers exist.
            if querycode.matches(code, case.query_code_digest if case else "") and case is not None:
                return render(
                    request,
                    "disputes/public/status.html",
                    {
                        "case": case,
                        "applicant": mask_name(case.applicant_name),
                        "milestones": selectors.reconsideration_milestones(case),
                    },
                )
            for key in failures:
                ratelimit.hit(key, WINDOW)
            error = NO_MATCH
    return render(request, "disputes/public/query.html", {"form": form, "error": error})


@require_GET
def decision_list(request):
    q = request.GET.get("q", "").strip()[:64]
    page = Paginator(selectors.published_decisions(q=q), 20).get_page(request.GET.get("page"))
    return render(request, "disputes/public/decision_list.html", {"page": page, "q": q})


@require_GET
def decision_detail(request, pk: int):
    case = selectors.published_decision_get(id=pk)
    return render(
        request,
        "disputes/public/decision_detail.html",
        {"case": case, "applicant": mask_name(case.applicant_name)},
    )
