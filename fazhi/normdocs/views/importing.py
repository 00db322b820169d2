"""Bulk registration of existing documents from uploaded files (the upload guard first)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from fazhi.core import uploads as upload_guard
from fazhi.core.errors import ApplicationError

from .. import forms, importing, services


@require_http_methods(["GET", "POST"])
@login_required
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
