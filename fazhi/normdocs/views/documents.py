"""The registry list, drafting pages and a document's page with its procedure actions."""

from __future__ import annotations

from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from fazhi.core import files
from fazhi.core.errors import ApplicationError
from fazhi.core.pages import Action, Col, ObjectDetailView, ObjectListView, refused

from .. import filters, forms, selectors, services
from ..choices import FindingStatus, Stage, Status
from ..models import Law

DRAFT = "normdocs.draft_normdoc"
REVIEW = "normdocs.review_normdoc"


def _status(d) -> str:
    return str(Status(d.status).label)


class DocumentList(ObjectListView):
    """The registry. Its Excel file stays Chinese whatever the interface language: its headers
    are the bulk import's, so the file can be read back or sent to a unit."""

    permission = "normdocs.view_normdoc"
    selector = staticmethod(selectors.normdoc_list)
    filterset = filters.DocumentFilter
    title = gettext_lazy("行政规范性文件")
    template_name = "normdocs/document_list.html"
    table_template = "normdocs/partials/document_table.html"
    default_sort = "-published_on"
    export_name = "行政规范性文件"
    columns = [
        Col("doc_number", gettext_lazy("文号")),
        Col("registration_number", gettext_lazy("统一登记号"), sort=False),
        Col("title", gettext_lazy("标题")),
        Col("issuer", gettext_lazy("制定机关"), value=lambda d: d.issuer.name, sort="issuer__name"),
        Col("published_on", gettext_lazy("公布日期")),
        Col("effective_on", gettext_lazy("施行日期"), sort=False),
        Col("valid_until", gettext_lazy("有效期至")),
        Col("status", gettext_lazy("效力状态"), value=_status, sort=False),
        Col("stage", gettext_lazy("办理环节"), value=lambda d: d.get_stage_display(), sort=False),
    ]

    def export(self, request, qs, columns):
        with translation.override("zh-hans"):
            return super().export(request, qs, columns)

    def extra_context(self, request, listing):
        return {"can_draft": request.user.has_perm(DRAFT, None)}


@require_http_methods(["GET", "POST"])
@login_required
def document_create(request):
    if not request.user.has_perm(DRAFT, None):
        raise DjangoPermissionDenied(_("只有单位填报员或依法治县办可以起草规范性文件"))
    form = forms.DraftForm(request.POST or None, initial={"issuer": request.user.unit_id})
    if request.method == "POST" and form.is_valid():
        try:
            document = services.normdoc_create(actor=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("草案已创建"))
            return redirect("normdocs:document_detail", document.pk)
    return render(
        request, "normdocs/document_form.html", {"form": form, "heading": _("起草规范性文件")}
    )


@require_http_methods(["GET", "POST"])
@login_required
def document_edit(request, pk: int):
    document = selectors.normdoc_get_for_user(user=request.user, id=pk)
    initial = {
        "version": document.version,
        "title": document.title,
        "legal_basis": document.legal_basis,
        "body": document.body,
    }
    form = forms.DraftEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.normdoc_update_draft(
                actor=request.user, document=document, **form.cleaned_data
            )
        except ApplicationError as exc:
            refused(request, exc, form)
        else:
            messages.success(request, _("草案已保存"))
            return redirect("normdocs:document_detail", document.pk)
    return render(
        request,
        "normdocs/document_form.html",
        {
            "form": form,
            "heading": _("修改草案:%(title)s") % {"title": document.title},
            "document": document,
        },
    )


# The actions each stage offers; an out-of-order post still reaches the service, which
# refuses it with the reason (shown on the form it came from).
STAGE_ACTIONS = {
    Stage.DRAFTING: ["open_comment"],
    Stage.PUBLIC_COMMENT: ["submit"],
    Stage.COLLECTIVE_DELIBERATION: ["deliberate"],
    Stage.DELIBERATED: ["publish"],
    Stage.PUBLISHED: ["file"],
    Stage.FILED: ["filing_review"],
    Stage.CORRECTION_REQUIRED: ["correct", "filing_review"],
}


def _step(name, label, form, service, success, *, perm=DRAFT, **options) -> Action:
    """A procedure step on the document's page (its service takes the document itself)."""
    return Action(
        name, label, form, service, perm=perm, target="document", success=success, **options
    )


class DocumentDetail(ObjectDetailView):
    permission = "normdocs.view_normdoc"
    selector = staticmethod(selectors.normdoc_get_for_user)
    template_name = "normdocs/document_detail.html"
    actions = [
        _step(
            "open_comment",
            gettext_lazy("公开征求意见"),
            forms.OpenCommentForm,
            services.normdoc_open_comment,
            success=gettext_lazy("已开始公开征求意见"),
        ),
        _step(
            "submit",
            gettext_lazy("送合法性审核"),
            forms.SubmitForm,
            services.normdoc_submit_for_review,
            success=gettext_lazy("已送合法性审核"),
        ),
        _step(
            "deliberate",
            gettext_lazy("登记集体审议"),
            forms.DeliberateForm,
            services.normdoc_deliberate,
            success=gettext_lazy("已登记集体审议"),
        ),
        _step(
            "publish",
            gettext_lazy("签发公布"),
            forms.PublishForm,
            services.normdoc_publish,
            success=gettext_lazy("已签发公布并统一登记"),
            form_kwargs=lambda user, d: {"doc_number": d.doc_number or ""},
        ),
        _step(
            "file",
            gettext_lazy("报送备案"),
            forms.FileForm,
            services.normdoc_file,
            success=gettext_lazy("已报送备案"),
            form_kwargs=lambda user, d: {"filed_with": services.filing_body(d.issuer)},
        ),
        _step(
            "filing_review",
            gettext_lazy("备案审查"),
            forms.FilingReviewForm,
            services.filing_review_decide,
            success=gettext_lazy("备案审查结果已登记"),
            perm=REVIEW,
        ),
        _step(
            "correct",
            gettext_lazy("登记纠正情况"),
            forms.CorrectForm,
            services.normdoc_correct,
            success=gettext_lazy("纠正情况已登记"),
        ),
    ]

    def action_url(self, request, obj, action):
        return reverse("normdocs:document_action", args=[obj.pk, action.name])

    def success_url(self, request, obj, result):
        return reverse("normdocs:document_detail", args=[obj.pk])

    def bound_actions(self, request, obj, posted=None):
        offered = set(STAGE_ACTIONS.get(obj.stage, []))
        if posted is not None:
            offered.add(posted.name)
        bound = super().bound_actions(request, obj, posted)
        return {name: b for name, b in bound.items() if name in offered}

    def render_page(self, request, obj, posted=None, status=200):
        if posted is not None and not request.headers.get("HX-Request"):
            status = 400  # a refused or invalid form, shown again on a full page
        return super().render_page(request, obj, posted, status)

    def extra_context(self, request, document):
        user = request.user
        required = services.changes_required(document)
        resolution_rows = []
        if required is not None:
            findings = [f for f in required.findings.all() if f.status == FindingStatus.CONFIRMED]
            state = services.resolutions(document, findings)
            resolution_rows = [
                (f, state.get(f.pk, ""), RESOLUTION_LABELS[state.get(f.pk, "")]) for f in findings
            ]
        return {
            "document": document,
            "can_edit": services.revisable(document) and user.has_perm(DRAFT, document),
            "can_link": document.is_published and user.has_perm("normdocs.manage_registry"),
            "link_form": forms.LinkForm(prefix="link"),
            "stale_citations": selectors.superseded_citations(document, list(Law.objects.all()))
            if document.is_published
            else [],
            "reviews": list(document.reviews.all()),
            "filing": getattr(document, "filing", None),
            "resolution_review": required,
            "resolution_rows": resolution_rows,
            "can_explain": user.has_perm(DRAFT, document)
            and document.stage in (Stage.COLLECTIVE_DELIBERATION, Stage.DELIBERATED),
            "can_accept": user.has_perm(REVIEW)
            and document.stage in (Stage.COLLECTIVE_DELIBERATION, Stage.DELIBERATED),
            "explain_form": forms.FindingExplainForm(),
        }


RESOLUTION_LABELS = {
    "changed": pgettext_lazy("finding resolution", "已修改原文"),
    "accepted": pgettext_lazy("finding resolution", "理由已认可"),
    "explained": pgettext_lazy("finding resolution", "已说明理由,待审核人员认可"),
    "": pgettext_lazy("finding resolution", "未解决"),
}


@require_POST
@login_required
def document_link(request, pk: int):
    document = selectors.normdoc_get_for_user(user=request.user, id=pk)
    form = forms.LinkForm(request.POST, prefix="link")
    if form.is_valid():
        number = form.cleaned_data["target_number"]
        targets = selectors.normdoc_list(user=request.user, params={"q": number})
        target = targets.first() if targets.count() == 1 else None
        try:
            if target is None:
                raise ApplicationError(_("找不到文号为“%(number)s”的文件") % {"number": number})
            services.normdoc_link(
                actor=request.user, source=document, target=target, kind=form.cleaned_data["kind"]
            )
        except ApplicationError as exc:
            refused(request, exc)
        else:
            messages.success(request, _("文件关系已登记"))
    return redirect("normdocs:document_detail", document.pk)


@require_GET
@login_required
def document_original(request, pk: int):
    document = selectors.normdoc_get_for_user(user=request.user, id=pk)
    if not document.original_file:
        raise Http404(_("没有原件"))
    suffix = Path(document.original_file.name).suffix
    return files.serve(
        request,
        document.original_file,
        filename=f"{document.doc_number or document.title[:40]}{suffix}",
    )
