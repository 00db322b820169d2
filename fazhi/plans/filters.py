"""FilterSets of the plans lists (django-filter), applied inside the selectors; the pages and
the API share them."""

from __future__ import annotations

from functools import lru_cache

import django_filters
from django import forms
from django.db.models import Q
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from fazhi.core import dates
from fazhi.core.errors import ApplicationError
from fazhi.core.models import OrgUnit

from .cells import escaped
from .choices import NoticeStatus, OwnerRole, ReportStatus, TaskStatus
from .errors import PlansError
from .models import Chapter, Obligation, ProgressReport, SupervisionNotice, Task, TaskOwner
from .numbers import chinese_number


def apply(filterset_class, params, queryset, *, strict: bool = False, **kwargs):
    """`params` filtered through the FilterSet; `strict` (the API) refuses a bad value instead
    of ignoring it, naming the field."""
    filterset = filterset_class(params or None, queryset=queryset, **kwargs)
    if strict and params and not filterset.is_valid():
        fields = {k: "；".join(v) for k, v in filterset.errors.items()}
        raise ApplicationError(
            _("筛选条件有误:%(fields)s") % {"fields": "、".join(fields)},
            code=PlansError.INVALID,
            fields=fields,
        )
    return filterset.qs


def _owner_units(request, plan=None):
    """Units that owe tasks the user sees (a province lists only what its counties assigned);
    with `plan`, the tasks of that plan (the ledger's bar: one plan's units)."""
    if request is None:
        return OrgUnit.objects.all()
    tasks = Task.objects.visible_to(request.user)
    if plan is not None:
        tasks = tasks.filter(measure__plan=plan)
    tasks = tasks.values("pk")
    return (
        OrgUnit.objects.filter(pk__in=TaskOwner.objects.filter(task__in=tasks).values("unit_id"))
        .only("id", "name", "kind")
        .order_by("kind", "name")
    )


def _chapters(request):
    if request is None:
        return Chapter.objects.all()
    return Chapter.objects.visible_to(request.user).order_by("plan_id", "position")


class TaskFilter(django_filters.FilterSet):
    plan = django_filters.NumberFilter(field_name="measure__plan_id", widget=forms.HiddenInput)
    q = django_filters.CharFilter(label=_("关键词"), method="search", max_length=100)
    chapter = django_filters.ModelChoiceFilter(
        label=_("部分"),
        field_name="measure__chapter",
        queryset=_chapters,
        empty_label=_("全部部分"),
    )
    measure = django_filters.NumberFilter(field_name="measure_id", widget=forms.HiddenInput)
    unit = django_filters.ModelChoiceFilter(
        label=_("单位"), queryset=_owner_units, method="owed_by", empty_label=_("全部单位")
    )
    role = django_filters.ChoiceFilter(
        label=_("职责"), choices=OwnerRole.choices, method="in_role", empty_label=_("全部职责")
    )
    status = django_filters.ChoiceFilter(
        label=_("状态"), choices=TaskStatus.choices, empty_label=_("全部状态")
    )
    year = django_filters.NumberFilter(
        label=_("到期年度"), method="due_in", min_value=2000, max_value=2100
    )

    class Meta:
        model = Task
        fields = ["plan", "q", "chapter", "measure", "unit", "role", "status", "year"]

    def __init__(self, *args, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        if plan is not None:
            self.filters["chapter"].queryset = plan.chapters.order_by("position")

    def search(self, qs, name, value):
        value = value.strip()
        if not value:
            return qs
        return qs.filter(Q(text__icontains=value) | Q(measure__title__icontains=value))

    def owed_by(self, qs, name, unit):
        owners = TaskOwner.objects.filter(unit=unit)
        role = self.form.cleaned_data.get("role")
        if role:
            owners = owners.filter(role=role)
        return qs.filter(pk__in=owners.values("task_id"))

    def in_role(self, qs, name, value):
        return qs  # with a unit only (owed_by reads it)

    def due_in(self, qs, name, value):
        return qs.filter(pk__in=Obligation.objects.filter(due_on__year=value).values("task_id"))


BAR_FIELDS = ("q", "chapter", "unit", "role", "status", "year")
# What TaskFilter filters by besides the plan (`measure`: the dashboard's and link board's links).
TASK_FILTERS = ("q", "chapter", "measure", "unit", "role", "status", "year")


def asks_beyond_plan(params, but: tuple[str, ...] = ()) -> bool:
    """Whether the ledger's query asks TaskFilter for more than the plan the selector already
    filters by (its first view, its pages and sorts ask for nothing else), `but` aside:
    building the FilterSet and its form is then skipped. A `plan` that is not a plain number
    (which the page does not read as a plan, but the FilterSet would filter by) keeps it."""
    plan = params.get("plan", "")
    asked = (k for k in TASK_FILTERS if k not in but)
    return bool(plan and not plan.isdigit()) or any(params.get(k) for k in asked)


def ledger_query(params) -> tuple[object, str]:
    """(params for TaskFilter, status for the selector): None and the status where the query
    asks for a plan and at most a valid status (the dashboard's cards and lists link there),
    which the selector filters by as TaskFilter's status choice would; else the query."""
    status = params.get("status", "")
    if not asks_beyond_plan(params, but=("status",)) and (
        not status or status in TaskStatus.values
    ):
        return None, status
    return params, ""


@lru_cache(maxsize=8)
def _bar_static(language: str | None) -> dict:
    """What the ledger's filter bar shows the same on every request in a language: each
    field's label tag and the fixed choices, from an unbound TaskFilter form."""
    form = TaskFilter(None).form
    return {
        "labels": {name: form[name].label_tag(label_suffix="") for name in BAR_FIELDS},
        "role_choices": list(form.fields["role"].choices),
        "status_choices": list(form.fields["status"].choices),
        "chapter_empty": form.fields["chapter"].empty_label,
    }


def task_filter_bar(request, plan=None) -> dict:
    """The ledger's filter bar as plain data (labels, choices, the values asked for), without
    building the FilterSet's form on every request: what its fields would render."""
    static = _bar_static(translation.get_language())
    chapters = plan.chapters.order_by("position") if plan is not None else _chapters(request)
    chapter_choices = [("", static["chapter_empty"])] + [
        (pk, f"{chinese_number(number)}、{title}")
        for pk, number, title in chapters.values_list("pk", "number", "title")
    ]
    unit_choices = list(_owner_units(request, plan).values_list("pk", "name"))
    value = {name: request.GET.get(name) for name in BAR_FIELDS}
    return {
        **static,
        "chapter_choices": chapter_choices,
        "unit_choices": unit_choices,
        "value": value,
        # The two long selects' options (a county owes its tasks to dozens of units), printed
        # here rather than by the template's loop: what `task_list.html` printed from the
        # choices above.
        "chapter_options": _options(chapter_choices, value["chapter"]),
        "unit_options": _options(unit_choices, value["unit"]),
    }


def _options(choices, current) -> str:
    """`<option>`s as the template printed them: `{{ v }}` and `{{ l }}` escaped, `selected`
    where `current|stringformat:"s"` equals `v|stringformat:"s"` (so None matches nothing)."""
    current = str(current)
    return mark_safe(  # noqa: S308 (the values and labels are escaped)
        "".join(
            f'<option value="{escaped(v)}"'
            f"{' selected' if current == str(v) else ''}>{escaped(label)}</option>"
            for v, label in choices
        )
    )


def plan_options(choices, current_pk) -> str:
    """The plan switcher's `<option>`s (`selectors.PlanChoice` rows), in an `<optgroup>` per
    region when the user sees plans of more than one (a city's or a province's office)."""
    groups: dict[str, list[tuple[int, str]]] = {}
    for choice in choices:
        groups.setdefault(choice.region, []).append((choice.pk, choice.label))
    if len(groups) <= 1:
        return _options([(c.pk, c.label) for c in choices], current_pk)
    return mark_safe(  # noqa: S308 (the labels are escaped, the options by `_options`)
        "".join(
            f'<optgroup label="{escaped(region)}">{_options(rows, current_pk)}</optgroup>'
            for region, rows in groups.items()
        )
    )


class ReportFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("状态"), choices=ReportStatus.choices, empty_label=_("全部")
    )
    unit = django_filters.NumberFilter(field_name="unit_id", widget=forms.HiddenInput)
    task = django_filters.NumberFilter(field_name="task_id", widget=forms.HiddenInput)

    class Meta:
        model = ProgressReport
        fields = ["status", "unit", "task"]


class NoticeFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("状态"), choices=NoticeStatus.choices, empty_label=_("全部")
    )
    overdue = django_filters.BooleanFilter(
        label=_("超期未回复"), method="past_due", widget=forms.CheckboxInput
    )
    unit = django_filters.NumberFilter(field_name="unit_id", widget=forms.HiddenInput)

    class Meta:
        model = SupervisionNotice
        fields = ["status", "overdue", "unit"]

    def past_due(self, qs, name, value):
        if not value:
            return qs
        return qs.filter(status=NoticeStatus.ISSUED, reply_due_on__lt=dates.today())
