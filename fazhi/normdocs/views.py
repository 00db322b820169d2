"""Pages for staff: registry, drafting and review, filing, cleanup, overdue list, bulk import."""

from __future__ import annotations

import datetime as dt
from functools import wraps
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from fazhi.core import uploads as upload_guard
from fazhi.core.errors import ApplicationError, NotFound
from fazhi.core.errors import PermissionDenied as AppPermissionDenied
from fazhi.core.excel import table_response
from fazhi.core.listing import listing
from fazhi.core.models import OrgUnit

from . import forms, importing, selectors, services
from .choices import Stage, Status
from .models import Law, ReviewFinding
from .selectors import DocumentFilters


def _app_errors(view):
    """NotFound → 404, PermissionDenied → 403; other ApplicationErrors are shown by the view."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except NotFound as exc:
            raise Http404(exc.message) from exc
        except AppPermissionDenied as exc:
            raise DjangoPermissionDenied(exc.message) from exc

    return wrapper


def _fmt(day) -> str:
    """A date cell of an Excel export: Chinese style, or ISO when the interface is English."""
    if not day:
        return ""
    if translation.get_language() == "en":
        return day.isoformat()
    return f"{day:%Y年%-m月%-d日}"


def _issuers():
    return OrgUnit.objects.filter(normative_documents__isnull=False).distinct().order_by("name")


@require_GET
@login_required
def document_list(request):
    form = forms.DocumentFilterForm(request.GET or None, issuers=_issuers())
    data = form.cleaned_data if form.is_valid() else {}
    filters = DocumentFilters(
        q=data.get("q", ""),
        issuer=data["issuer"].pk if data.get("issuer") else None,
        year=data.get("year"),
        status=data.get("status", ""),
        stage=data.get("stage", ""),
    )
    qs = selectors.normdoc_list(user=request.user, filters=filters)
    if request.GET.get("format") == "xlsx":
        # The registry export stays Chinese whatever the interface language: its headers are the
        # bulk import's (importing.EXCEL_HEADERS), so the file can be read back or sent to a unit.
        with translation.override("zh-hans"):
            return _registry_export(qs)
    page = listing(
        request,
        qs,
        sortable={
            "published_on": "published_on",
            "title": "title",
            "doc_number": "doc_number",
            "valid_until": "valid_until",
            "issuer": "issuer__name",
        },
        default_sort="-published_on",
    )
    return render(
        request,
        "normdocs/document_list.html",
        {
            "listing": page,
            "form": form,
            "can_draft": request.user.has_perm("normdocs.draft_normdoc", None),
        },
    )


def _registry_export(qs):
    rows = [
        (
            d.doc_number or "",
            d.registration_number or "",
            d.title,
            d.issuer.name,
            _fmt(d.published_on),
            _fmt(d.effective_on),
            _fmt(d.valid_until),
            str(Status(d.status).label),
            d.get_stage_display(),
        )
        for d in qs.order_by("-published_on", "-pk")
    ]
    return table_response(
        "规范性文件",
        [
            "文号",
            "统一登记号",
            "标题",
            "制定机关",
            "公布日期",
            "施行日期",
            "有效期至",
            "效力状态",
            "办理环节",
        ],
        rows,
        "行政规范性文件.xlsx",
    )


@require_http_methods(["GET", "POST"])
@login_required
@_app_errors
def document_create(request):
    if not request.user.has_perm("normdocs.draft_normdoc", None):
        raise DjangoPermissionDenied(_("只有单位填报员或依法治县办可以起草规范性文件"))
    initial = {"issuer": request.user.unit_id}
    form = forms.DraftForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            document = services.normdoc_create(actor=request.user, **form.cleaned_data)
        except AppPermissionDenied as exc:
            form.add_error(None, exc.message)
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
@_app_errors
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
            form.add_error(None, exc.message)
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


# action -> (form, service call)
ACTIONS = {
    "open_comment": (
        forms.OpenCommentForm,
        lambda u, d, c: services.normdoc_open_comment(actor=u, document=d, version=d.version, **c),
        gettext_lazy("已开始公开征求意见"),
    ),
    "submit": (
        forms.SubmitForm,
        lambda u, d, c: services.normdoc_submit_for_review(
            actor=u, document=d, version=d.version, **c
        ),
        gettext_lazy("已送合法性审核"),
    ),
    "deliberate": (
        forms.DeliberateForm,
        lambda u, d, c: services.normdoc_deliberate(actor=u, document=d, version=d.version, **c),
        gettext_lazy("已登记集体审议"),
    ),
    "publish": (
        forms.PublishForm,
        lambda u, d, c: services.normdoc_publish(actor=u, document=d, version=d.version, **c),
        gettext_lazy("已签发公布并统一登记"),
    ),
    "file": (
        forms.FileForm,
        lambda u, d, c: services.normdoc_file(actor=u, document=d, version=d.version, **c),
        gettext_lazy("已报送备案"),
    ),
    "filing_review": (
        forms.FilingReviewForm,
        lambda u, d, c: services.filing_review_decide(actor=u, document=d, **c),
        gettext_lazy("备案审查结果已登记"),
    ),
    "correct": (
        forms.CorrectForm,
        lambda u, d, c: services.normdoc_correct(actor=u, document=d, **c),
        gettext_lazy("纠正情况已登记"),
    ),
}

STAGE_ACTIONS = {
    Stage.DRAFTING: ["open_comment"],
    Stage.PUBLIC_COMMENT: ["submit"],
    Stage.COLLECTIVE_DELIBERATION: ["deliberate"],
    Stage.DELIBERATED: ["publish"],
    Stage.PUBLISHED: ["file"],
    Stage.FILED: ["filing_review"],
    Stage.CORRECTION_REQUIRED: ["correct", "filing_review"],
}


def _action_forms(request, document, bound: dict | None = None) -> list[tuple[str, object]]:
    today = timezone.localdate()
    result = []
    # A refused out-of-order action stays on the page so its reason is shown on its form.
    extra = [a for a in (bound or {}) if a not in STAGE_ACTIONS.get(document.stage, [])]
    for action in [*STAGE_ACTIONS.get(document.stage, []), *extra]:
        perm = "normdocs.review_normdoc" if action == "filing_review" else "normdocs.draft_normdoc"
        if not request.user.has_perm(perm, document):
            continue
        if bound and action in bound:
            form = bound[action]
        else:
            initial = {
                k: today
                for k in (
                    "started_on",
                    "submitted_on",
                    "deliberated_on",
                    "published_on",
                    "filed_on",
                    "reviewed_on",
                    "corrected_on",
                )
            }
            if action == "publish" and document.doc_number:
                initial["doc_number"] = document.doc_number
            if action == "publish":
                initial["effective_on"] = today + dt.timedelta(days=30)
            form = ACTIONS[action][0](initial=initial, prefix=action)
        result.append((action, form))
    return result


@require_GET
@login_required
@_app_errors
def document_detail(request, pk: int):
    document = selectors.normdoc_get_for_user(user=request.user, id=pk)
    return _detail(request, document)


def _detail(request, document, bound: dict | None = None, status: int = 200):
    laws = list(Law.objects.all())
    context = {
        "document": document,
        "action_forms": _action_forms(request, document, bound),
        "can_edit": document.stage == Stage.DRAFTING
        and request.user.has_perm("normdocs.draft_normdoc", document),
        "can_link": document.is_published and request.user.has_perm("normdocs.manage_registry"),
        "link_form": forms.LinkForm(prefix="link"),
        "stale_citations": selectors.superseded_citations(document, laws)
        if document.is_published
        else [],
        "reviews": list(document.reviews.all()),
        "filing": getattr(document, "filing", None),
    }
    return render(request, "normdocs/document_detail.html", context, status=status)


@require_POST
@login_required
@_app_errors
def document_action(request, pk: int, action: str):
    if action not in ACTIONS:
        raise Http404(_("未知操作"))
    document = selectors.normdoc_get_for_user(user=request.user, id=pk)
    form_class, call, done = ACTIONS[action]
    form = form_class(request.POST, prefix=action)
    if form.is_valid():
        try:
            call(request.user, document, form.cleaned_data)
        except AppPermissionDenied:
            raise
        except ApplicationError as exc:
            form.add_error(None, exc.message)
            for name, message in exc.fields.items():
                if name in form.fields:
                    form.add_error(name, message)
        else:
            messages.success(request, str(done))
            return redirect("normdocs:document_detail", document.pk)
    document = selectors.normdoc_get_for_user(user=request.user, id=pk)
    return _detail(request, document, bound={action: form}, status=400)


@require_POST
@login_required
@_app_errors
def document_link(request, pk: int):
    document = selectors.normdoc_get_for_user(user=request.user, id=pk)
    form = forms.LinkForm(request.POST, prefix="link")
    if form.is_valid():
        number = form.cleaned_data["target_number"]
        targets = selectors.normdoc_list(user=request.user, filters=DocumentFilters(q=number))
        target = targets.first() if targets.count() == 1 else None
        try:
            if target is None:
                raise ApplicationError(_("找不到文号为“%(number)s”的文件") % {"number": number})
            services.normdoc_link(
                actor=request.user, source=document, target=target, kind=form.cleaned_data["kind"]
            )
        except AppPermissionDenied:
            raise
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("文件关系已登记"))
    return redirect("normdocs:document_detail", document.pk)


@require_GET
@login_required
@_app_errors
def document_original(request, pk: int):
    document = selectors.normdoc_get_for_user(user=request.user, id=pk)
    if not document.original_file:
        raise Http404(_("没有原件"))
    suffix = Path(document.original_file.name).suffix
    return FileResponse(
        document.original_file.open("rb"),
        as_attachment=True,
        filename=f"{document.doc_number or document.title[:40]}{suffix}",
    )


@require_GET
@login_required
def review_list(request):
    pending = request.GET.get("all") != "1"
    qs = selectors.review_list(user=request.user, pending_only=pending)
    if request.GET.get("format") == "xlsx":
        rows = (
            (
                r.document.title,
                r.document.drafting_unit.name,
                _fmt(r.submitted_on),
                _fmt(r.due_on),
                r.finding_count,
                r.open_findings,
                r.get_opinion_display() or _("审核中"),
            )
            for r in qs.order_by("due_on")
        )
        title = _("合法性审核")
        headers = [
            _("草案"),
            _("起草单位"),
            _("送审日期"),
            _("审核期限"),
            _("审核发现"),
            _("待确认"),
            pgettext("legality review", "审核意见"),
        ]
        return table_response(title, headers, rows, f"{title}.xlsx")
    page = listing(
        request,
        qs,
        sortable={"due_on": "due_on", "submitted_on": "submitted_on", "title": "document__title"},
        default_sort="due_on",
    )
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
    return render(
        request,
        "normdocs/review_list.html",
        {"listing": page, "pending": pending, "drafts": drafts},
    )


@require_GET
@login_required
@_app_errors
def review_detail(request, pk: int):
    review = selectors.review_get_for_user(user=request.user, id=pk)
    return _review_page(request, review)


def _review_page(request, review, decide_form=None, status: int = 200):
    can_review = request.user.has_perm("normdocs.review_normdoc") and not review.opinion
    decide_form = decide_form or forms.DecideForm(initial={"decided_on": timezone.localdate()})
    return render(
        request,
        "normdocs/review_detail.html",
        {
            "review": review,
            "document": review.document,
            "can_review": can_review,
            "decide_form": decide_form,
            "finding_form": forms.FindingForm(),
        },
        status=status,
    )


@require_POST
@login_required
@_app_errors
def finding_set(request, pk: int):
    finding = ReviewFinding.objects.select_related("review").filter(pk=pk).first()
    if finding is None:
        raise Http404(_("审核发现不存在"))
    review = selectors.review_get_for_user(user=request.user, id=finding.review_id)
    form = forms.FindingForm(request.POST)
    if form.is_valid():
        try:
            services.review_finding_set(actor=request.user, finding=finding, **form.cleaned_data)
        except AppPermissionDenied:
            raise
        except ApplicationError as exc:
            messages.error(request, exc.message)
    if request.headers.get("HX-Request"):
        finding.refresh_from_db()
        return render(
            request,
            "normdocs/partials/finding_row.html",
            {
                "finding": finding,
                "can_review": not review.opinion
                and request.user.has_perm("normdocs.review_normdoc"),
                "finding_form": forms.FindingForm(),
            },
        )
    return redirect("normdocs:review_detail", review.pk)


@require_POST
@login_required
@_app_errors
def review_decide(request, pk: int):
    review = selectors.review_get_for_user(user=request.user, id=pk)
    form = forms.DecideForm(request.POST)
    if form.is_valid():
        try:
            services.legality_review_decide(
                actor=request.user, review_row=review, **form.cleaned_data
            )
        except AppPermissionDenied:
            raise
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("合法性审核意见书已生成"))
            return redirect("normdocs:review_detail", review.pk)
    review = selectors.review_get_for_user(user=request.user, id=pk)
    return _review_page(request, review, decide_form=form, status=400)


@require_GET
@login_required
@_app_errors
def review_letter(request, pk: int):
    review = selectors.review_get_for_user(user=request.user, id=pk)
    if not review.letter:
        raise Http404(_("尚未出具意见书"))
    return FileResponse(
        review.letter.open("rb"),
        as_attachment=True,
        filename=f"合法性审核意见书-{review.document.title[:40]}.docx",
    )


@require_GET
@login_required
def filing_list(request):
    qs = (
        selectors.normdoc_list(user=request.user)
        .filter(
            stage__in=[
                Stage.PUBLISHED,
                Stage.FILED,
                Stage.FILING_REVIEWED,
                Stage.CORRECTION_REQUIRED,
                Stage.REVOKED,
            ]
        )
        .select_related("filing")
    )
    stage = request.GET.get("stage", "")
    if stage in (
        Stage.PUBLISHED,
        Stage.FILED,
        Stage.FILING_REVIEWED,
        Stage.CORRECTION_REQUIRED,
        Stage.REVOKED,
    ):
        qs = qs.filter(stage=stage)
    if request.GET.get("format") == "xlsx":
        rows = (
            (
                d.doc_number,
                d.title,
                d.issuer.name,
                _fmt(d.published_on),
                _fmt(d.due_on),
                _fmt(d.filing.filed_on) if hasattr(d, "filing") else "",
                d.get_stage_display(),
            )
            for d in qs
        )
        title = _("备案审查")
        headers = [
            _("文号"),
            _("标题"),
            _("制定机关"),
            _("公布日期"),
            _("报备期限"),
            _("报备日期"),
            _("环节"),
        ]
        return table_response(title, headers, rows, f"{title}.xlsx")
    page = listing(
        request,
        qs,
        sortable={"published_on": "published_on", "due_on": "due_on", "doc_number": "doc_number"},
        default_sort="-published_on",
    )
    return render(
        request,
        "normdocs/filing_list.html",
        {
            "listing": page,
            "stage": stage,
            "stages": [
                (s, Stage(s).label)
                for s in (
                    Stage.PUBLISHED,
                    Stage.FILED,
                    Stage.FILING_REVIEWED,
                    Stage.CORRECTION_REQUIRED,
                    Stage.REVOKED,
                )
            ],
        },
    )


@require_GET
@login_required
def overdue_list(request):
    if not request.user.has_perm("normdocs.view_overdue"):
        raise DjangoPermissionDenied(_("只有依法治县办、司法局和领导可以查看逾期情况"))
    try:
        within = max(0, min(int(request.GET.get("within", "15")), 90))
    except ValueError:
        within = 15
    qs = selectors.overdue_list(user=request.user, include_due_within=within)
    if request.GET.get("format") == "xlsx":
        rows = (
            (
                d.title,
                d.drafting_unit.name,
                _("合法性审核") if d.stage == Stage.LEGALITY_REVIEW else _("报送备案"),
                _fmt(d.due_on),
            )
            for d in qs
        )
        return table_response(
            _("待办与逾期"),
            [pgettext("normative document", "文件"), _("起草单位"), _("待办事项"), _("法定期限")],
            rows,
            _("规范性文件待办与逾期") + ".xlsx",
        )
    page = listing(
        request, qs, sortable={"due_on": "due_on", "title": "title"}, default_sort="due_on"
    )
    return render(
        request,
        "normdocs/overdue_list.html",
        {
            "listing": page,
            "within": within,
            "summary": selectors.overdue_summary(user=request.user),
            "today": timezone.localdate(),
        },
    )


CLEANUP_KINDS = {
    "expiring": gettext_lazy("即将到期"),
    "expired": gettext_lazy("已过有效期"),
    "superseded": gettext_lazy("引用已修订或废止的法律"),
}


@require_http_methods(["GET", "POST"])
@login_required
@_app_errors
def cleanup(request):
    kind = request.GET.get("kind", "expiring")
    kind = kind if kind in CLEANUP_KINDS else "expiring"
    form = forms.CleanupRoundForm(
        request.POST or None, initial={"started_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            row = services.cleanup_round_create(actor=request.user, **form.cleaned_data)
        except AppPermissionDenied:
            raise
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect("normdocs:cleanup_round", row.pk)
    qs = selectors.cleanup_candidates(user=request.user, kind=kind)
    if request.GET.get("format") == "xlsx":
        rows = (
            (
                d.doc_number,
                d.title,
                d.issuer.name,
                _fmt(d.published_on),
                _fmt(d.valid_until),
                str(Status(d.status).label),
            )
            for d in qs
        )
        return table_response(
            _("清理"),
            [_("文号"), _("标题"), _("制定机关"), _("公布日期"), _("有效期至"), _("状态")],
            rows,
            f"{_('清理')}-{CLEANUP_KINDS[kind]}.xlsx",
        )
    page = listing(
        request,
        qs,
        sortable={"valid_until": "valid_until", "published_on": "published_on"},
        default_sort="valid_until",
    )
    return render(
        request,
        "normdocs/cleanup.html",
        {
            "listing": page,
            "kind": kind,
            "kinds": CLEANUP_KINDS,
            "rounds": selectors.cleanup_round_list(user=request.user),
            "form": form,
            "can_manage": request.user.has_perm("normdocs.manage_registry"),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
@_app_errors
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
        except AppPermissionDenied:
            raise
        except ApplicationError as exc:
            messages.error(request, exc.message)
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
            "can_manage": request.user.has_perm("normdocs.manage_registry")
            and row.status == "open",
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
@_app_errors
def document_import(request):
    if not request.user.has_perm("normdocs.manage_registry"):
        raise DjangoPermissionDenied(_("只有依法治县办或司法局可以批量登记文件"))
    form = forms.ImportForm(request.POST or None)
    report = None
    errors: list[tuple[str, str]] = []
    if request.method == "POST" and form.is_valid():
        uploads = request.FILES.getlist("files")
        if not uploads:
            form.add_error(None, _("请选择要登记的文件"))
        files = []
        for upload in uploads:
            try:
                upload_guard.check(upload, kinds=importing.KINDS)
            except upload_guard.UploadRejected as exc:
                errors.append((upload.name, exc.reason))
            else:
                files.append((upload.name, upload.read()))
        rows, failed = importing.rows_from_files(files)
        errors.extend(failed)
        if rows:
            try:
                report = services.normdoc_import(
                    actor=request.user, rows=rows, default_issuer=form.cleaned_data.get("issuer")
                )
            except ApplicationError as exc:
                form.add_error(None, exc.message)
        if report is not None:
            report.failed[:0] = errors
        elif errors:
            report = services.ImportReport(failed=errors)
    return render(
        request,
        "normdocs/import.html",
        {"form": form, "report": report, "headers": list(importing.EXCEL_HEADERS)},
    )
