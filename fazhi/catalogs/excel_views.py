"""Excel pages of the office: import with its progress, the body's column mapping, export."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from fazhi.core import background, uploads
from fazhi.core.errors import ApplicationError
from fazhi.core.excel import workbook_response
from fazhi.core.models import OrgUnit
from fazhi.core.pages import apply_error
from fazhi.core.scoping import get_for_user, region_q, user_region

from . import exporting, forms, selectors, services, tasks
from .choices import CatalogKind, ImportStatus
from .kinds import KINDS
from .models import ImportJob


def _draft_units(user):
    """The bodies whose lists the user may compile: its own, or its region's for the office."""
    if user.has_perm("catalogs.view_all"):
        region = user_region(user)
        if region is None:
            return OrgUnit.objects.none()
        return OrgUnit.objects.filter(region_q("region_id", region), is_active=True)
    return OrgUnit.objects.filter(pk=user.unit_id)


@login_required
def version_import(request):
    """Upload a provincial export; the version is saved only when every row is right.

    The workbook is read by `tasks.import_run` in the background (`core.background`: a worker,
    or a thread of this process on the embedded default), and the job's page shows the progress
    until it is done; where it has finished already (tests run it inline) the page goes on.
    """
    if not request.user.has_perm("catalogs.draft_version"):
        raise DjangoPermissionDenied(_("您无权导入清单"))
    form = forms.ImportForm(
        request.POST or None, request.FILES or None, units=_draft_units(request.user)
    )
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            uploads.check(data["file"], kinds=("xlsx",), field="file")
            job = services.import_queue(
                actor=request.user,
                body=data["body"],
                kind=data["kind"],
                year=data["year"],
                file=data["file"],
                note=data["note"],
                adjustment_reason=data["adjustment_reason"],
            )
        except ApplicationError as exc:
            apply_error(form, exc)
        else:
            # Queued after the job row is committed, so a worker always finds it.
            background.later(tasks.import_run, job.pk)
            job.refresh_from_db()
            if job.status == ImportStatus.DONE:
                messages.success(request, job.message)
                return redirect(job.catalog.get_absolute_url())
            if job.status == ImportStatus.FAILED:
                form.add_error(None, job.message)
                errors = job.errors
            else:
                return redirect("catalogs:import_job", pk=job.pk)
    return render(request, "catalogs/import.html", {"form": form, "errors": errors})


@login_required
@permission_required("catalogs.draft_version", raise_exception=True)
@require_GET
def import_job(request, pk: int):
    """A job's progress; htmx polls the bar partial until the job has finished."""
    job = get_for_user(ImportJob.objects.select_related("body", "catalog"), request.user, pk)
    template = (
        "catalogs/partials/import_progress.html"
        if request.headers.get("HX-Request")
        else "catalogs/import_job.html"
    )
    return render(request, template, {"job": job})


@login_required
@permission_required("catalogs.draft_version", raise_exception=True)
def mapping_edit(request):
    """The column names a body's own files use, per kind (blank: the provincial default)."""
    units = _draft_units(request.user)
    chooser = forms.MappingChooser(request.GET or None, units=units)
    body = kind = None
    if chooser.is_valid():
        body, kind = chooser.cleaned_data["body"], chooser.cleaned_data["kind"]
    elif units.count() == 1 and not request.GET:
        body, kind = units.first(), CatalogKind.APPROVAL
    form = None
    if body is not None:
        current = selectors.mapping_for(body_id=body.pk, kind=kind)
        form = forms.MappingForm(
            request.POST or None,
            fields=[
                (f, _(KINDS[kind].label(f)), KINDS[kind].column(f)) for f in KINDS[kind].fields
            ],
            initial=current,
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.mapping_save(
                    actor=request.user, body=body, kind=kind, columns=form.cleaned_data
                )
            except ApplicationError as exc:
                apply_error(form, exc)
            else:
                messages.success(request, _("已保存列名对照,以后导入按此读取"))
                return redirect(f"{request.path}?body={body.pk}&kind={kind}")
    return render(
        request,
        "catalogs/mapping.html",
        {"chooser": chooser, "form": form, "body": body, "kind": kind and CatalogKind(kind)},
    )


def _sheet(version):
    """A version's sheet: its kind, its items, the body's own column names."""
    return (
        version.kind,
        selectors.item_rows(version),
        selectors.mapping_for(body_id=version.body_id, kind=version.kind),
    )


@login_required
@permission_required("catalogs.view", raise_exception=True)
@require_GET
def version_export(request, pk: int):
    """One version in the provincial layout, under the body's own column names."""
    version = selectors.version_get_for_user(user=request.user, id=pk)
    book = exporting.workbook([_sheet(version)])
    return workbook_response(
        book, f"{version.body.name}-{version.get_kind_display()}-{version.label}.xlsx"
    )


@login_required
@permission_required("catalogs.view", raise_exception=True)
@require_GET
def body_export(request):
    """Every list of one body for one year, one sheet per kind (`?body=…&year=…`): of a kind
    adjusted within the year, its latest version."""
    form = forms.BodyExportForm(request.GET)
    if not form.is_valid():
        raise ApplicationError(_("请选择单位和年度"))
    body_id, year = form.cleaned_data["body"], form.cleaned_data["year"]
    latest = {
        v.kind: v
        for v in selectors.version_list(user=request.user)
        .filter(body_id=body_id, year=year)
        .order_by("kind", "sequence")
    }
    if not latest:
        raise ApplicationError(_("该单位该年度没有您可以查看的清单"))
    order = list(CatalogKind.values)
    versions = sorted(latest.values(), key=lambda v: order.index(v.kind))
    book = exporting.workbook(_sheet(v) for v in versions)
    return workbook_response(book, f"{versions[0].body.name}-{year}.xlsx")
