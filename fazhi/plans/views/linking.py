"""对应上级措施: the reference plan's measures beside the county's tasks; link, unlink, confirm."""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from fazhi.core.errors import ApplicationError
from fazhi.core.forms import VersionedForm
from fazhi.core.models import Region
from fazhi.core.pages import refused

from .. import linking


class LinkForm(VersionedForm):
    """One link or unlink: the task (with the version the office saw) and the higher measure."""

    task_id = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    measure_id = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class IssuingRegionForm(forms.Form):
    region_code = forms.ChoiceField(label=gettext_lazy("发文区划"))

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        codes = linking.higher_regions(plan.region_id)
        regions = Region.objects.in_bulk(codes)
        self.fields["region_code"].choices = [
            (c, f"{regions[c].name}({c})") for c in codes if c in regions
        ]


def _int(request, name: str) -> int | None:
    value = request.GET.get(name, "")
    return int(value) if value.isdigit() else None


def _pick(qs, pk: int | None):
    """The row asked for if the user may see it, else the first one (None when there is none)."""
    return (qs.filter(pk=pk).first() if pk else None) or qs.first()


@require_http_methods(["GET", "POST"])
@login_required
def link_board(request):
    user = request.user
    if not user.has_perm("plans.link_task"):
        raise DjangoPermissionDenied(_("只有本级依法治县办可以对应上级措施"))
    plans = linking.own_plans(user=user)
    references = linking.reference_plans(user=user)
    plan = _pick(plans, _int(request, "plan"))
    reference = _pick(references, _int(request, "reference"))
    measure_id = _int(request, "measure")
    query = {k: v for k, v in {"plan": plan, "reference": reference}.items() if v}
    back = reverse("plans:link_board") + "?" + urlencode({k: v.pk for k, v in query.items()})
    if request.method == "POST":
        return _act(request, reference, back)
    context = {
        "plans": plans,
        "references": references,
        "plan": plan,
        "reference": reference,
        "only_open": request.GET.get("open") == "1",
    }
    if reference is not None:
        context["region_form"] = IssuingRegionForm(
            plan=reference,
            initial={
                "region_code": reference.issuing_region_id
                or getattr(linking.guess_issuing_region(reference), "pk", None)
            },
        )
    if plan is not None and reference is not None:
        board = linking.link_board(user=user, plan=plan, reference=reference)
        selected = next((r for r in board["rows"] if r.measure.pk == measure_id), None)
        context.update(board, selected=selected or next(iter(board["rows"]), None))
    return render(request, "plans/link_board.html", context)


def _act(request, reference, back: str):
    """POST ?action=link|unlink|region: call the service, say what happened, go back."""
    action = request.GET.get("action", "")
    try:
        if action == "region":
            if reference is None:
                raise ApplicationError(_("没有可指定的参照方案"))
            form = IssuingRegionForm(request.POST, plan=reference)
            if not form.is_valid():
                raise ApplicationError(_("请选择上级区划"))
            plan = linking.reference_plan_set_region(
                actor=request.user,
                plan_id=reference.pk,
                region_code=form.cleaned_data["region_code"],
            )
            messages.success(
                request,
                _("已指定《%(plan)s》的发文区划:%(region)s")
                % {"plan": plan.title, "region": plan.issuing_region.name},
            )
            return redirect(back)
        form = LinkForm(request.POST)
        if action not in ("link", "unlink") or not form.is_valid():
            raise ApplicationError(_("请求不完整,请刷新页面后重试"))
        service = linking.task_link if action == "link" else linking.task_unlink
        task = service(actor=request.user, **form.cleaned_data)
        done = _("已对应:任务%(task)s") if action == "link" else _("已取消对应:任务%(task)s")
        messages.success(request, done % {"task": task.code})
        return redirect(f"{back}&measure={form.cleaned_data['measure_id']}#measure-detail")
    except ApplicationError as exc:
        refused(request, exc)
        measure = request.POST.get("measure_id", "")
        return redirect(f"{back}&measure={measure}" if measure.isdigit() else back)
