"""Legality review pages: the review list, a review with its findings and the opinion, the
finding rows (htmx), and the drafter's and reviewer's handling of a "修改后通过" opinion."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_GET, require_POST

from fazhi.core import dates, files
from fazhi.core.errors import ApplicationError
from fazhi.core.pages import Action, Col, ObjectDetailView, ObjectListView, refused

from .. import filters, forms, selectors, services
from ..choices import Stage

REVIEW = "normdocs.review_normdoc"


class ReviewList(ObjectListView):
    permission = "normdocs.view_normdoc"
    selector = staticmethod(selectors.review_list)
    filterset = filters.ReviewFilter
    title = gettext_lazy("合法性审核")
    template_name = "normdocs/review_list.html"
    table_template = "normdocs/partials/review_table.html"
    default_sort = "due_on"
    export_name = gettext_lazy("合法性审核")
    columns = [
        Col(
            "title", gettext_lazy("草案"), value=lambda r: r.document.title, sort="document__title"
        ),
        Col(
            "unit",
            gettext_lazy("起草单位"),
            value=lambda r: r.document.drafting_unit.name,
            sort=False,
        ),
        Col("submitted_on", gettext_lazy("送审日期")),
        Col("due_on", gettext_lazy("审核期限")),
        Col("finding_count", gettext_lazy("审核发现"), sort=False),
        Col("open_findings", gettext_lazy("待确认"), sort=False),
        Col(
            "opinion",
            pgettext_lazy("legality review", "审核意见"),
            value=lambda r: r.get_opinion_display() or gettext_lazy("审核中"),
            sort=False,
        ),
    ]

    def extra_context(self, request, listing):
        drafts = (
            selectors.normdoc_list(user=request.user)
            .filter(
                stage__in=[
                    Stage.DRAFTING,
                    Stage.PUBLIC_COMMENT,
                    Stage.COLLECTIVE_DELIBERATION,
                    Stage.DELIBERATED,
                ]
            )
            .order_by("-updated_at")[:50]
        )
        return {"pending": request.GET.get("all") != "1", "drafts": drafts}


class ReviewDetail(ObjectDetailView):
    permission = "normdocs.view_normdoc"
    selector = staticmethod(selectors.review_get_for_user)
    template_name = "normdocs/review_detail.html"
    action_target = "review_row"
    actions = [
        Action(
            "decide",
            gettext_lazy("出具审核意见"),
            forms.DecideForm,
            services.legality_review_decide,
            perm=REVIEW,
            visible=lambda user, review: not review.opinion,
            success=gettext_lazy("合法性审核意见书已生成"),
            form_kwargs=lambda user, review: {
                "document_version": review.document.version,
                "letter_number": services.letter_number_suggestion(
                    getattr(user, "unit", None), dates.today().year
                ),
            },
        ),
        Action(
            "add_finding",
            gettext_lazy("添加审核发现"),
            forms.FindingAddForm,
            services.review_finding_add,
            perm=REVIEW,
            visible=lambda user, review: not review.opinion,
            success=gettext_lazy("审核发现已添加"),
        ),
    ]

    def action_url(self, request, obj, action):
        return reverse("normdocs:review_action", args=[obj.pk, action.name])

    def success_url(self, request, obj, result):
        return reverse("normdocs:review_detail", args=[obj.pk])

    def render_page(self, request, obj, posted=None, status=200):
        if posted is not None and not request.headers.get("HX-Request"):
            status = 400
        return super().render_page(request, obj, posted, status)

    def extra_context(self, request, review):
        return {
            "review": review,
            "document": review.document,
            "can_review": request.user.has_perm(REVIEW) and not review.opinion,
            "finding_form": forms.FindingForm(),
        }


@require_POST
@login_required
def finding_set(request, pk: int):
    finding = selectors.finding_get_for_user(user=request.user, id=pk)
    review = finding.review
    form = forms.FindingForm(request.POST)
    if form.is_valid():
        try:
            services.review_finding_set(actor=request.user, finding=finding, **form.cleaned_data)
        except ApplicationError as exc:
            refused(request, exc)
    if request.headers.get("HX-Request"):
        finding.refresh_from_db()
        return render(
            request,
            "normdocs/partials/finding_row.html",
            {
                "finding": finding,
                "can_review": not review.opinion and request.user.has_perm(REVIEW),
                "finding_form": forms.FindingForm(),
            },
        )
    return redirect("normdocs:review_detail", review.pk)


@require_POST
@login_required
def finding_explain(request, pk: int):
    """The drafter's reason for keeping a confirmed finding's words (after 修改后通过)."""
    finding = selectors.finding_get_for_user(user=request.user, id=pk)
    form = forms.FindingExplainForm(request.POST)
    try:
        if not form.is_valid():
            raise ApplicationError(gettext_lazy("请说明理由"))
        services.review_finding_explain(
            actor=request.user, finding=finding, explanation=form.cleaned_data["explanation"]
        )
    except ApplicationError as exc:
        refused(request, exc)
    else:
        messages.success(request, gettext_lazy("理由已提交,待审核人员认可"))
    return redirect("normdocs:document_detail", finding.review.document_id)


@require_POST
@login_required
def finding_accept(request, pk: int):
    """The reviewer accepts the drafter's reason."""
    finding = selectors.finding_get_for_user(user=request.user, id=pk)
    try:
        services.review_finding_accept(actor=request.user, finding=finding)
    except ApplicationError as exc:
        refused(request, exc)
    else:
        messages.success(request, gettext_lazy("已认可起草单位的理由"))
    return redirect("normdocs:document_detail", finding.review.document_id)


@require_GET
@login_required
def review_letter(request, pk: int):
    review = selectors.review_get_for_user(user=request.user, id=pk)
    if not review.letter:
        raise Http404(gettext_lazy("尚未出具意见书"))
    return files.serve(
        request, review.letter, filename=f"合法性审核意见书-{review.document.title[:40]}.docx"
    )
