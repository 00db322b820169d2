"""List and detail pages as declarations.

    class PetitionList(ObjectListView):
        permission = "disputes.view"
        selector = staticmethod(selectors.petition_list)     # (user=, params=) -> QuerySet
        filterset = filters.PetitionFilter                    # the API uses the same FilterSet
        columns = [
            Col("number", _("编号"), link=True),
            Col("petitioner", _("信访人"), value=lambda p: mask_name(p.petitioner)),
            Col("reply_due", _("答复期限"), badge="deadline", done="is_closed"),
            Col("status", _("状态"), value=lambda p: p.get_status_display(), sort="status"),
        ]
        default_sort = "-received_on"
        export_name = _("信访事项")                            # ?format=xlsx, same columns

    class PetitionDetail(ObjectDetailView):
        permission = "disputes.view"
        selector = staticmethod(selectors.petition_get_for_user)   # (user=, id=) -> row
        template_name = "disputes/petition_detail.html"
        actions = [
            Action("accept", _("受理"), forms.AcceptForm, services.petition_accept,
                   perm="disputes.handle_petition", allowed=(PetitionStatus.REGISTERED,),
                   success=_("已受理")),
        ]

The list view filters, sorts by declared columns only, paginates, exports the same columns
to Excel, and answers htmx requests with the table alone. The detail view offers only the
actions the user may take now, carries the version the user saw in every action form,
shows a refusal on the form it came from (nothing is written), and redirects after success.
`ObjectCreateView` is the page that creates a row (form → service → message → its page).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ImproperlyConfigured
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from . import audit, dates, pagecache
from .errors import ApplicationError, NotFound, PermissionDenied
from .excel import table_response
from .listing import Listing, listing

# --- list pages --------------------------------------------------------------------------------


def _resolve(obj: Any, path: str) -> Any:
    for part in path.split("."):
        if obj is None:
            return None
        obj = getattr(obj, part)
        if callable(obj) and not isinstance(obj, type):
            obj = obj()
    return obj


@dataclass(frozen=True)
class Col:
    """One column of a list: the page, the sort and the Excel export read the same declaration.

    `key`: attribute path on the row ("respondent.name"); `value`: a function of the row
    for what is shown instead; `sort`: ORM ordering for the header (default: the key as a
    lookup; `False` for no sorting); `link`: True for the row's detail page, or a function of
    the row returning a URL; `badge="deadline"` shows days left coloured by urgency (with
    `done`: attribute path that is true when the deadline no longer runs, `provisional`: path
    that is true when the year lacks holiday data).
    """

    key: str
    label: str
    value: Callable[[Any], Any] | None = None
    sort: str | bool | None = None
    link: bool | Callable[[Any], str] = False
    badge: str = ""
    done: str = ""
    provisional: str = ""
    export: bool = True
    css: str = ""

    @property
    def sort_field(self) -> str | None:
        if self.sort is False:
            return None
        if isinstance(self.sort, str):
            return self.sort
        return None if self.value is not None else self.key.replace(".", "__")

    def raw(self, row: Any) -> Any:
        return self.value(row) if self.value is not None else _resolve(row, self.key)

    def text(self, row: Any) -> str:
        value = self.raw(row)
        if value is None:
            return ""
        if isinstance(value, bool):
            return _("是") if value else _("否")
        if isinstance(value, dt.date):
            return dates.day(value)
        return str(value)


@dataclass
class Cell:
    text: str
    url: str = ""
    badge: str = ""
    date: dt.date | None = None
    done: bool = False
    provisional: bool = False
    css: str = ""


def cells(columns: Sequence[Col], row: Any) -> list[Cell]:
    out = []
    for col in columns:
        url = ""
        if col.link is True:
            url = row.get_absolute_url()
        elif callable(col.link):
            url = col.link(row) or ""
        raw = col.raw(row) if col.badge else None
        out.append(
            Cell(
                text=col.text(row),
                url=url,
                badge=col.badge,
                date=raw if isinstance(raw, dt.date) else None,
                done=bool(_resolve(row, col.done)) if col.done else False,
                provisional=bool(_resolve(row, col.provisional)) if col.provisional else False,
                css=col.css,
            )
        )
    return out


@dataclass(frozen=True)
class Link:
    """A button above a list or on a detail page that leads elsewhere (新建, 导入 …)."""

    label: str
    url_name: str
    perm: str | None = None
    icon: str = ""
    args: tuple = ()


class PermissionMixin(LoginRequiredMixin):
    permission: str | None = None
    denied_message = ""

    def check_permission(self, request) -> None:
        if self.permission and not request.user.has_perm(self.permission):
            raise DjangoPermissionDenied(self.denied_message or _("您无权查看此页面"))

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.check_permission(request)
        return super().dispatch(request, *args, **kwargs)


class ObjectListView(PermissionMixin, View):
    selector: Callable[..., QuerySet]
    filterset: type | None = None
    columns: Sequence[Col] = ()
    default_sort: str = "-pk"
    per_page = 50
    title: str = ""
    export_name: str = ""
    template_name = "core/object_list.html"
    table_template = "core/partials/object_table.html"
    links: Sequence[Link] = ()

    def get_queryset(self, request) -> QuerySet:
        return self.selector(user=request.user, params=request.GET)

    def sortable(self) -> dict[str, str]:
        return {c.key: c.sort_field for c in self.columns if c.sort_field}

    def get_columns(self, request) -> Sequence[Col]:
        return self.columns

    def extra_context(self, request, listing: Listing) -> dict[str, Any]:
        return {}

    def table_rows(self, rows, columns: Sequence[Col]) -> list:
        """What the table template iterates: each row with its formatted cells."""
        return [(row, cells(columns, row)) for row in rows]

    def get(self, request, *args, **kwargs):
        self.kwargs = kwargs
        if request.GET.get("format") == "xlsx" and self.export_name:
            return self.export(request, self.get_queryset(request), self.get_columns(request))
        return pagecache.serve(request, lambda: self.render_list(request))

    def render_list(self, request):
        qs = self.get_queryset(request)
        columns = self.get_columns(request)
        page = listing(
            request,
            qs,
            sortable=self.sortable(),
            default_sort=self.default_sort,
            per_page=self.per_page,
        )
        rows = self.table_rows(page.rows, columns)
        context = {
            "view": self,
            "title": self.title,
            "listing": page,
            "columns": columns,
            "sortable": self.sortable(),
            "rows": rows,
            "filter_form": self.filter_form(request),
            "links": [lk for lk in self.links if not lk.perm or request.user.has_perm(lk.perm)],
            "exportable": bool(self.export_name),
            **self.extra_context(request, page),
        }
        template = self.table_template if request.headers.get("HX-Request") else None
        return render(request, template or self.template_name, context)

    def filter_form(self, request):
        if self.filterset is None:
            return None
        return self.filterset(request.GET or None, request=request).form

    def export(self, request, qs: QuerySet, columns: Sequence[Col]):
        sortable = self.sortable()
        sort = request.GET.get("sort", self.default_sort)
        key = sort.lstrip("-")
        field_name = sortable.get(key) or sortable.get(self.default_sort.lstrip("-"))
        if field_name:
            qs = qs.order_by(("-" if sort.startswith("-") else "") + field_name, "pk")
        wanted = [c for c in columns if c.export]
        rows = ([c.text(row) for c in wanted] for row in qs.iterator(chunk_size=2000))
        name = str(self.export_name)
        audit.export_recorded(
            actor=request.user, what=name, rows=qs.count(), filters=request.GET.dict()
        )
        return table_response(name, [str(c.label) for c in wanted], rows, f"{name}.xlsx")


# --- detail pages with actions ---------------------------------------------------------------


@dataclass(frozen=True)
class Action:
    """A state change offered on a detail page.

    `service` is called as `service(actor=user, <target>=row, **form.cleaned_data)`; the
    form's `version` field carries the version the user saw. `target` names the keyword the
    service takes the row by (`"case"` passes the row, `"case_id"` its key); left empty, the
    page's `action_target` names it. `perm` is checked
    with the row (django-rules); `allowed` lists the statuses in which it is offered;
    `visible` is a further test of (user, row). `success` is the message after success, or a
    function of the service's result returning it. `shows` names the fields that open with the
    row's current value (an edit form: the user changes what is there, not retypes it).
    """

    name: str
    label: str
    form_class: type[forms.Form]
    service: Callable[..., Any]
    perm: str | None = None
    allowed: tuple | None = None
    status_field: str = "status"
    success: str | Callable[[Any], str] = ""
    target: str = ""
    visible: Callable[[Any, Any], bool] | None = None
    danger: bool = False
    confirm: str = ""
    form_kwargs: Callable[[Any, Any], dict] | None = None
    shows: tuple[str, ...] = ()

    def available(self, user, obj) -> bool:
        if self.perm and not user.has_perm(self.perm, obj):
            return False
        if self.allowed is not None and getattr(obj, self.status_field) not in self.allowed:
            return False
        return self.visible is None or bool(self.visible(user, obj))

    def initial(self, obj) -> dict[str, Any]:
        initial: dict[str, Any] = {}
        for name, fld in self.form_class.base_fields.items():
            if name == "version":
                initial["version"] = getattr(obj, "version", None)
            elif name in self.shows:
                initial[name] = getattr(obj, name)
            elif isinstance(fld, forms.DateField) and fld.required:
                initial[name] = dates.today()
        return initial

    def make_form(self, user, obj, data=None, files=None):
        kwargs = self.form_kwargs(user, obj) if self.form_kwargs else {}
        prefix = self.name
        if data is None:
            return self.form_class(initial=self.initial(obj), prefix=prefix, **kwargs)
        return self.form_class(data, files, prefix=prefix, **kwargs)

    def run(self, user, obj, form, *, target: str = "obj") -> Any:
        data = dict(form.cleaned_data)
        target = self.target or target
        target_value = obj.pk if target.endswith("_id") else obj
        return self.service(actor=user, **{target: target_value}, **data)


@dataclass
class BoundAction:
    action: Action
    form: forms.Form
    url: str
    error: str = ""
    open: bool = False
    extra: dict = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.action.name

    @property
    def label(self) -> str:
        return self.action.label

    @property
    def style(self) -> str:
        """The button's Bootstrap colour."""
        return "danger" if self.action.danger else "primary"


def apply_error(form: forms.Form, exc: ApplicationError) -> None:
    """Put a service's refusal on the form: each message it names a field by on that field, and
    its message (the reason, with the article it cites) at the top unless a field says it."""
    placed = []
    for name, said in (exc.fields or {}).items():
        if name not in form.fields:
            continue
        for text in said if isinstance(said, (list, tuple)) else [said]:
            form.add_error(name, str(text))
            placed.append(str(text))
    if exc.message not in placed:
        form.add_error(None, exc.message)


def refused(request, exc: ApplicationError, form: forms.Form | None = None) -> None:
    """A service's refusal on a page that handles it itself: on `form` (`apply_error`), else
    as a message, with each bad row of an import. A refusal to show the row or to let this user
    act at all is raised again, for the 404 and 403 pages (`core.errorpages`)."""
    if isinstance(exc, (PermissionDenied, NotFound)):
        raise exc
    if form is not None:
        apply_error(form, exc)
        return
    messages.error(request, exc.message)
    for line in (exc.fields or {}).get("rows", [])[:50]:
        messages.error(request, str(line))


class ObjectDetailView(PermissionMixin, View):
    selector: Callable[..., Any]
    template_name: str = ""
    actions: Sequence[Action] = ()
    action_target = "obj"  # the keyword an action's service takes the row by, unless it names one
    url_name: str = ""  # the detail page's URL name; actions post to it with ?action=NAME
    pk_kwarg = "pk"

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        # Templates read `actions.<name>`; where the user may not take the action now, the
        # lookup falls through to the dict's attributes (`actions.copy` is dict.copy, truthy).
        clashing = [a.name for a in cls.actions if hasattr(dict, a.name)]
        if clashing:
            raise ImproperlyConfigured(
                f"{cls.__name__}: action names {clashing} are dict attributes; rename them"
            )

    def get_object(self, request, pk):
        try:
            return self.selector(user=request.user, id=pk)
        except NotFound as exc:
            raise Http404(exc.message) from exc

    def extra_context(self, request, obj) -> dict[str, Any]:
        return {}

    def action_url(self, request, obj, action: Action) -> str:
        return f"{request.path}?action={action.name}"

    def success_url(self, request, obj, result) -> str:
        return request.path

    def bound_actions(self, request, obj, posted: BoundAction | None = None):
        out: dict[str, BoundAction] = {}
        for action in self.actions:
            if posted is not None and posted.action.name == action.name:
                out[action.name] = posted
            elif action.available(request.user, obj):
                out[action.name] = BoundAction(
                    action,
                    action.make_form(request.user, obj),
                    self.action_url(request, obj, action),
                )
        return out

    def render_page(self, request, obj, posted: BoundAction | None = None, status: int = 200):
        actions = self.bound_actions(request, obj, posted)
        context = {
            "view": self,
            "object": obj,
            "actions": actions,
            "today": dates.today(),
            **self.extra_context(request, obj),
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request, *args, **kwargs):
        self.kwargs = kwargs
        obj = self.get_object(request, kwargs[self.pk_kwarg])
        return self.render_page(request, obj)

    def post(self, request, *args, **kwargs):
        self.kwargs = kwargs
        obj = self.get_object(request, kwargs[self.pk_kwarg])
        name = request.GET.get("action") or request.POST.get("action") or kwargs.get("action")
        action = next((a for a in self.actions if a.name == name), None)
        if action is None:
            raise Http404(_("未知操作"))
        if not action.available(request.user, obj):
            if action.perm and not request.user.has_perm(action.perm, obj):
                raise DjangoPermissionDenied(_("您无权进行此操作"))
            messages.error(
                request, _("“%(action)s”在当前状态下不能进行") % {"action": action.label}
            )
            return redirect(self.success_url(request, obj, None))
        form = action.make_form(request.user, obj, request.POST, request.FILES)
        bound = BoundAction(action, form, self.action_url(request, obj, action), open=True)
        if form.is_valid():
            try:
                result = action.run(request.user, obj, form, target=self.action_target)
            except ApplicationError as exc:
                apply_error(form, exc)
                bound.error = exc.message
            else:
                success = action.success(result) if callable(action.success) else action.success
                if success:
                    messages.success(request, success)
                return redirect(self.success_url(request, obj, result))
        obj = self.get_object(request, kwargs[self.pk_kwarg])
        # 200, not 4xx: htmx swaps only successful responses, and the form shows the refusal.
        return self.render_page(request, obj, posted=bound)


# --- create pages -------------------------------------------------------------------------------


class ObjectCreateView(PermissionMixin, View):
    """A page that creates a row: `permission` to open it (else 403 with `denied_message`),
    `form_class` built with `form_kwargs()` (the user) and `initial()`,
    `service(actor=user, **cleaned_data)` (override `create` to shape the call), then
    `success(row)` as the message and `success_url(row)`: the `detail` URL name with the row's
    key, else the row's own page. A refusal is shown above the form (`error`) and nothing is
    written; with `refusal_on_form` it is put on the fields it names instead, as on detail
    pages. `title` with `subtitle(request)` beside it, `note` under the fields, `submit` as the
    button's label (保存 when empty), and `back` (a list's URL name) as the link beside it."""

    http_method_names = ["get", "head", "post"]
    denied_message = ""
    form_class: type[forms.Form]
    service: Callable[..., Any]
    detail = ""
    title = ""
    note = ""
    submit = ""
    back = ""
    refusal_on_form = False
    template_name = "core/object_form.html"

    def check_permission(self, request) -> None:
        if not self.may_create(request.user):
            raise DjangoPermissionDenied(str(self.denied_message or _("您无权查看此页面")))

    def may_create(self, user) -> bool:
        return not self.permission or user.has_perm(self.permission)

    def initial(self, request) -> dict[str, Any]:
        return {}

    def form_kwargs(self, request) -> dict[str, Any]:
        return {"user": request.user}

    def get_form(self, request):
        return self.form_class(
            request.POST or None,
            request.FILES or None,
            initial=self.initial(request),
            **self.form_kwargs(request),
        )

    def create(self, request, data: dict):
        return self.service(actor=request.user, **data)

    def subtitle(self, request) -> str:
        return ""

    def success(self, row) -> str:
        return ""

    def success_url(self, row) -> str:
        return reverse(self.detail, args=[row.pk]) if self.detail else row.get_absolute_url()

    def get(self, request, *args, **kwargs):
        self.kwargs = kwargs
        form, error = self.get_form(request), None
        if request.method == "POST" and form.is_valid():
            try:
                row = self.create(request, dict(form.cleaned_data))
            except ApplicationError as exc:
                if self.refusal_on_form:
                    apply_error(form, exc)
                else:
                    error = exc
            else:
                if message := self.success(row):
                    messages.success(request, message)
                return redirect(self.success_url(row))
        context = {
            "view": self,
            "form": form,
            "error": error,
            "title": self.title,
            "subtitle": self.subtitle(request),
            "note": self.note,
            "submit": self.submit,
            "back": reverse(self.back) if self.back else "",
        }
        return render(request, self.template_name, context)

    post = get


def with_row(name: str) -> Callable[[Any, Any], dict]:
    """`Action(..., form_kwargs=with_row("decision"))` for a form that takes the page's row."""
    return lambda user, row: {name: row}


def detail_url(url_name: str) -> Callable[[Any], str]:
    """`Col(..., link=detail_url("disputes:petition_detail"))` for rows without get_absolute_url."""
    return lambda row: reverse(url_name, args=[row.pk])
