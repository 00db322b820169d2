"""Bodies, their matters, officers, credentials and training: lists, details, creation pages."""

from __future__ import annotations

import datetime as dt

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views.decorators.http import require_GET

from fazhi.core import audit, dates
from fazhi.core.errors import ApplicationError
from fazhi.core.excel import table_response
from fazhi.core.listing import listing
from fazhi.core.models import OrgUnit
from fazhi.core.pages import Action, Col, Link, ObjectDetailView, ObjectListView, detail_url

from .. import forms, selectors, services
from ..choices import MatterType
from .common import int_or_none, or_404


@require_GET
@login_required
@permission_required("enforcement.view_officer", raise_exception=True)
def officer_list(request):
    g = request.GET
    year = int_or_none(g.get("year")) or dates.today().year
    qs = selectors.officer_list(
        user=request.user,
        body_id=int_or_none(g.get("body")),
        year=year,
        short_only=g.get("short") == "1",
        query=g.get("q", "").strip()[:50],
        credential=g.get("credential", ""),
    )
    required = selectors.training_required()
    own = selectors.own_body(request.user)
    if g.get("format") == "xlsx":
        yes, no = _("是"), _("否")
        rows = (
            (
                o.full_name,
                o.body.unit.name,
                o.position,
                "、".join(
                    _("%(number)s(至%(date)s,%(status)s)")
                    % {
                        "number": c.number,
                        "date": f"{c.valid_until:%Y-%m-%d}",
                        "status": c.get_status_display(),
                    }
                    for c in o.credentials.all()
                ),
                yes if o.has_valid else no,
                o.year_hours,
                yes if o.year_hours < required else no,
            )
            for o in qs.order_by("body__unit__name", "full_name")
        )
        audit.export_recorded(actor=request.user, what="执法人员", filters=request.GET.dict())
        return table_response(
            pgettext("enforcement", "执法人员"),
            [
                _("姓名"),
                _("执法主体"),
                _("职务"),
                _("执法证"),
                _("证件有效"),
                _("%(year)s年培训学时") % {"year": year},
                _("不足%(hours)s学时") % {"hours": required},
            ],
            rows,
            _("执法人员.xlsx"),
        )
    page = listing(
        request,
        qs,
        sortable={"name": "full_name", "body": "body__unit__name", "hours": "year_hours"},
        default_sort="body",
    )
    return render(
        request,
        "enforcement/officer_list.html",
        {
            "listing": page,
            "filters": g,
            "year": year,
            "required": required,
            "bodies": selectors.bodies_for_user(request.user),
            "can_create": own is not None
            and request.user.has_perm("enforcement.manage_officer", own),
            "today": dates.today(),
            "soon": dates.today() + dt.timedelta(days=90),
        },
    )


def _set_status(*, actor, officer, credential, status):
    return services.credential_set_status(actor=actor, credential=credential, status=status)


def _relation(*, actor, officer, target, relation):
    return services.relation_record(actor=actor, officer=officer, target=target, relation=relation)


class OfficerDetail(ObjectDetailView):
    permission = "enforcement.view_officer"
    template_name = "enforcement/officer_detail.html"
    pk_kwarg = "officer_id"
    actions = [
        Action(
            "training",
            gettext_lazy("登记培训"),
            forms.TrainingForm,
            services.training_record,
            perm="enforcement.administer_credentials",
            target="officer",
            success=gettext_lazy("已保存"),
            form_kwargs=lambda user, officer: {"officer": officer},
        ),
        Action(
            "credential",
            gettext_lazy("登记执法证"),
            forms.CredentialForm,
            services.credential_issue,
            perm="enforcement.administer_credentials",
            target="officer",
            success=gettext_lazy("已保存"),
            form_kwargs=lambda user, officer: {"officer": officer},
        ),
        Action(
            "credential_status",
            gettext_lazy("暂扣、注销或恢复执法证"),
            forms.CredentialStatusForm,
            _set_status,
            perm="enforcement.administer_credentials",
            target="officer",
            success=gettext_lazy("已保存"),
            visible=lambda user, officer: bool(officer.credentials.all()),
            form_kwargs=lambda user, officer: {"officer": officer},
        ),
        Action(
            "relation",
            gettext_lazy("登记回避关系"),
            forms.RelationForm,
            _relation,
            perm="enforcement.record_relation",
            target="officer",
            success=gettext_lazy("已保存"),
            form_kwargs=lambda user, officer: {"officer": officer},
        ),
    ]

    def get_object(self, request, pk):
        return or_404(selectors.officer_get_for_user, user=request.user, officer_id=pk)

    def extra_context(self, request, officer):
        return {
            "officer": officer,
            "required": selectors.training_required(),
            "can_create_session": request.user.has_perm("enforcement.administer_credentials"),
        }


officer_detail = OfficerDetail.as_view()


@login_required
@permission_required("enforcement.view_officer", raise_exception=True)
def officer_create(request):
    """A new officer of the user's body (or of any body of the region, for the supervisor)."""
    body = selectors.own_body(request.user)
    if body is None or not request.user.has_perm("enforcement.manage_officer", body):
        raise DjangoPermissionDenied(_("只能维护本单位的执法人员"))
    form = forms.OfficerCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            officer = services.officer_create(actor=request.user, body=body, **form.cleaned_data)
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("已保存"))
            return redirect("enforcement:officer_detail", officer_id=officer.pk)
    return render(
        request,
        "enforcement/simple_form.html",
        {"form": form, "title": _("新增执法人员"), "subtitle": body.unit.name},
    )


@login_required
@permission_required("enforcement.administer_credentials", raise_exception=True)
def training_session_create(request):
    """The justice bureau records a training; officers' hours are then taken from it."""
    form = forms.TrainingSessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.training_session_create(actor=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("已保存"))
            return redirect("enforcement:officer_list")
    return render(request, "enforcement/simple_form.html", {"form": form, "title": _("登记培训")})


# ---------------------------------------------------------------- bodies


class BodyForm(django_forms.Form):
    unit = django_forms.ModelChoiceField(
        label=gettext_lazy("单位"),
        queryset=OrgUnit.objects.filter(enforcement_body__isnull=True, is_active=True),
    )
    case_prefix = django_forms.CharField(
        label=gettext_lazy("案件文号代字"),
        max_length=16,
        help_text=gettext_lazy("案件编号中本机关的简称"),
    )
    phone = django_forms.CharField(label=gettext_lazy("监督电话"), max_length=32, required=False)


class MatterForm(django_forms.Form):
    name = django_forms.CharField(label=gettext_lazy("事项名称"), max_length=200)
    matter_type = django_forms.ChoiceField(
        label=gettext_lazy("事项类型"), choices=MatterType.choices
    )
    legal_basis = django_forms.CharField(
        label=gettext_lazy("法律依据"), widget=django_forms.Textarea(attrs={"rows": 2})
    )
    in_random_inspection = django_forms.BooleanField(
        label=gettext_lazy("列入随机抽查事项清单"), required=False
    )


class BodyList(ObjectListView):
    permission = "enforcement.view_officer"
    selector = staticmethod(lambda *, user, params: selectors.body_list(user=user))
    title = gettext_lazy("执法主体")
    export_name = gettext_lazy("执法主体")
    default_sort = "unit.name"
    columns = [
        Col("unit.name", gettext_lazy("执法主体"), link=detail_url("enforcement:body_detail")),
        Col("case_prefix", gettext_lazy("案件文号代字")),
        Col("phone", gettext_lazy("监督电话"), sort=False),
        Col("officer_count", gettext_lazy("在岗执法人员")),
        Col("matter_count", gettext_lazy("执法事项")),
    ]
    links = [
        Link(gettext_lazy("新增执法主体"), "enforcement:body_create", "enforcement.manage_body")
    ]


class BodyDetail(ObjectDetailView):
    permission = "enforcement.view_officer"
    template_name = "enforcement/body_detail.html"
    pk_kwarg = "body_id"
    actions = [
        Action(
            "matter",
            gettext_lazy("新增执法事项"),
            MatterForm,
            services.matter_create,
            perm="enforcement.manage_matter",
            target="body",
            success=gettext_lazy("已保存"),
        ),
    ]

    def get_object(self, request, pk):
        return or_404(selectors.body_get_for_user, user=request.user, body_id=pk)


body_list = BodyList.as_view()
body_detail = BodyDetail.as_view()


@login_required
@permission_required("enforcement.manage_body", raise_exception=True)
def body_create(request):
    form = BodyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            body = services.body_create(actor=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("已保存"))
            return redirect("enforcement:body_detail", body_id=body.pk)
    return render(
        request, "enforcement/simple_form.html", {"form": form, "title": _("新增执法主体")}
    )
