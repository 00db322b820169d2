"""The expert pool's and the adviser register's entry forms; the units' execution tasks; the
catalogues' publication per body (measure (九), the plan ledger's click-through)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from fazhi.core import dates
from fazhi.core.pages import Col, ObjectCreateView, ObjectListView
from fazhi.core.scoping import user_region

from .. import forms, selectors
from ..services import experts

MANAGE = "decisions.manage_experts"


class CreatePage(ObjectCreateView):
    """A page of the app that creates a row: a refusal is shown at the field it names
    (`errors.invalid`), and the forms take no user."""

    refusal_on_form = True

    def form_kwargs(self, request) -> dict:
        return {}


class ExpertCreate(CreatePage):
    permission = MANAGE
    form_class = forms.ExpertCreateForm
    title = _("新增专家")

    def may_create(self, user) -> bool:
        return super().may_create(user) and user.unit is not None

    def create(self, request, data: dict):
        return experts.expert_create(
            actor=request.user,
            code=data["code"],
            name=data["name"],
            fields=data["fields_text"],
            employer=data["employer"],
            contact=data["contact"],
            conflict_units=data["conflict_units"],
            conflict_note=data["conflict_note"],
            keeper=request.user.unit,
        )

    def success_url(self, row) -> str:
        return reverse("decisions:expert_list")


class AdviserCreate(CreatePage):
    permission = MANAGE
    form_class = forms.AdviserCreateForm
    service = staticmethod(experts.adviser_create)
    title = _("登记法律顾问或公职律师")

    def initial(self, request) -> dict:
        return {"unit": request.user.unit_id}

    def success_url(self, row) -> str:
        return reverse("decisions:adviser_list")


class ExecutionTaskList(ObjectListView):
    """决策执行任务: the execution reports a unit owes, like the plan's tasks on its page."""

    permission = "decisions.view"
    selector = staticmethod(selectors.execution_tasks)
    title = _("决策执行任务")
    export_name = _("决策执行任务")
    default_sort = "due_on"
    columns = [
        Col("decision.number", _("决策编号"), link=lambda r: r.decision.get_absolute_url()),
        Col("decision.title", _("决策名称"), sort="decision__title"),
        Col("decision.implementing_unit.name", _("决策执行单位"), sort=False),
        Col("due_on", _("应报日期"), badge="deadline", done="submitted_on"),
        Col("submitted_on", _("报送日期")),
        Col("problems", _("存在问题"), sort=False),
    ]


@login_required
@permission_required("decisions.view", raise_exception=True)
def catalog_on_time(request):
    """Per body of the user's region: the year's catalogue, its deadline and publication."""
    this_year, year = dates.today().year, dates.requested_year(request.GET.get("year"))
    region = None if request.user.is_superuser else user_region(request.user)
    rows = selectors.catalog_on_time(year=year, region=region)
    return render(
        request,
        "decisions/catalog_on_time.html",
        {
            "year": year,
            "rows": rows,
            "standing": selectors.standing_of(rows),
            "years": range(this_year + 1, this_year - 5, -1),
        },
    )
