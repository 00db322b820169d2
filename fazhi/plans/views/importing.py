"""Pages of the plan import: upload, review, and the ledger sheet back."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from fazhi.core import uploads
from fazhi.core.errors import ApplicationError
from fazhi.core.pages import refused

from .. import selectors, services
from ..excel import LedgerImportError, ledger_import_progress
from ..forms import LedgerUploadForm, PlanUploadForm, review_decisions
from ..import_names import import_review as import_review_context


@require_http_methods(["GET", "POST"])
@login_required
def plan_import(request):
    """导入方案: upload, then review."""
    if not request.user.has_perm("plans.import_plan"):
        raise DjangoPermissionDenied(_("只有依法治县办可以导入实施方案"))
    form = PlanUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            uploads.check(upload, kinds=("docx", "txt"), field="file")
            services.check_plan_file(size=upload.size, filename=upload.name)
            prepared = services.plan_import_prepare(
                actor=request.user,
                data=upload.read(),
                filename=upload.name,
                doc_number=form.cleaned_data["doc_number"],
                is_reference=form.cleaned_data["is_reference"],
            )
        except ApplicationError as exc:
            field = "doc_number" if "doc_number" in (exc.fields or {}) else "file"
            form.add_error(field, exc.message)
        else:
            if prepared.unchanged:
                messages.info(
                    request,
                    _("%(number)s 已导入过,内容没有变化,无需重复导入")
                    % {"number": prepared.existing.label},
                )
                return redirect(f"{reverse('plans:dashboard')}?plan={prepared.existing.pk}")
            return redirect("plans:import_review", import_id=prepared.plan_import.pk)
    imports = selectors.import_list(user=request.user)[:20]
    return render(
        request,
        "plans/plan_import.html",
        {"form": form, "imports": imports, "max_mb": services.max_upload_bytes() // 1024 // 1024},
    )


@require_http_methods(["GET", "POST"])
@login_required
def import_review(request, import_id: int):
    plan_import = selectors.import_get_for_user(user=request.user, import_id=import_id)
    review = import_review_context(plan_import=plan_import)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "discard":
                services.plan_import_discard(actor=request.user, plan_import=plan_import)
                messages.info(request, _("已放弃本次导入"))
                return redirect("plans:plan_import")
            plan = services.plan_import_apply(
                actor=request.user,
                plan_import=plan_import,
                decisions=review_decisions(request.POST, review["unresolved"]),
                doc_number=request.POST.get("doc_number", plan_import.doc_number)[:64],
            )
        except ApplicationError as exc:
            refused(request, exc)
        else:
            messages.success(request, _("%(number)s 已导入") % {"number": plan.label})
            if plan.is_reference:  # measures only: next, the county's tasks are linked to them
                return redirect(f"{reverse('plans:link_board')}?reference={plan.pk}")
            return redirect(f"{reverse('plans:dashboard')}?plan={plan.pk}")
    return render(request, "plans/import_review.html", {"plan_import": plan_import, **review})


@require_POST
@login_required
def ledger_import(request):
    """进展导入: the ledger sheet back, with new 进展情况 / 完成进度."""
    form = LedgerUploadForm(request.POST, request.FILES)
    back = reverse("plans:task_list")
    if not form.is_valid():
        messages.error(request, _("请选择台账文件"))
        return redirect(back)
    upload = form.cleaned_data["file"]
    try:
        uploads.check(upload, kinds=("xlsx",))
        reports = ledger_import_progress(actor=request.user, data=upload.read())
    except LedgerImportError as exc:
        return render(request, "plans/ledger_import_errors.html", {"error": exc}, status=400)
    except ApplicationError as exc:
        refused(request, exc)
        return redirect(back)
    messages.success(
        request,
        ngettext(
            "已导入 %(n)s 条进展,等待依法治县办审核",
            "已导入 %(n)s 条进展,等待依法治县办审核",
            len(reports),
        )
        % {"n": len(reports)},
    )
    return redirect(back)
