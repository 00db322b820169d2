"""Pages of the decisions app: catalogues, dossiers, consultations, accountability."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from fazhi.core import dates
from fazhi.core.pages import Action, Col, Link, ObjectDetailView, ObjectListView, with_row
from fazhi.core.scoping import get_for_user

from .. import forms, selectors
from ..choices import AdviserKind, CatalogStatus, ConsultationStatus, Stage
from ..filters import CatalogFilter, DecisionFilter
from ..models import CatalogEntry, Consultation
from ..services import catalogs, consultations, dossier
from .registers import CreatePage


class CatalogList(ObjectListView):
    permission = "decisions.view"
    selector = staticmethod(selectors.catalog_list)
    filterset = CatalogFilter
    title = _("决策事项目录")
    export_name = _("决策事项目录")
    default_sort = "-year"
    links = [
        Link(_("新建年度目录"), "decisions:catalog_create", perm="decisions.create_decision"),
        Link(_("年度目录公布情况"), "decisions:catalog_on_time", perm="decisions.view"),
    ]
    columns = [
        Col("year", _("年度"), link=True),
        Col("body.name", _("决策机关"), sort="body__name"),
        Col("revision", _("版次")),
        Col("status", _("状态"), value=lambda c: CatalogStatus(c.status).label, sort="status"),
        Col("party_approved_on", _("党委同意日期")),
        Col("published_on", _("公布日期")),
    ]


def _catalog_step(name, label, form, service, status, success) -> Action:
    """An action on a catalogue revision in one status (the service refuses the others)."""
    return Action(
        name,
        label,
        form,
        service,
        perm="decisions.draft_catalog",
        allowed=(status,),
        target="catalog_id",
        success=success,
    )


class CatalogDetail(ObjectDetailView):
    permission = "decisions.view"
    selector = staticmethod(selectors.catalog_get_for_user)
    template_name = "decisions/catalog_detail.html"
    actions = [
        _catalog_step(
            "entry",
            _("添加事项"),
            forms.EntryForm,
            catalogs.catalog_entry_add,
            CatalogStatus.DRAFT,
            _("已添加事项"),
        ),
        _catalog_step(
            "approve",
            _("登记党委同意"),
            forms.ApproveForm,
            catalogs.catalog_approve,
            CatalogStatus.DRAFT,
            _("已登记党委同意"),
        ),
        _catalog_step(
            "publish",
            _("公布目录"),
            forms.PublishCatalogForm,
            catalogs.catalog_publish,
            CatalogStatus.APPROVED,
            _("目录已公布"),
        ),
        _catalog_step(
            "adjust",
            _("调整目录"),
            forms.AdjustForm,
            catalogs.catalog_adjust,
            CatalogStatus.PUBLISHED,
            _("已形成调整版本,请添加或修改事项后报党委同意并公布"),
        ),
    ]

    def extra_context(self, request, obj):
        region = obj.body.region_id
        deadline = catalogs.publication_deadline(obj.year, region=region)
        return {"deadline": deadline, "late": obj.published_on and obj.published_on > deadline}


class CatalogCreate(CreatePage):
    permission = "decisions.create_decision"
    form_class = forms.CatalogCreateForm
    title = _("新建年度目录")

    def may_create(self, user) -> bool:
        return super().may_create(user) and user.unit is not None

    def initial(self, request) -> dict:
        return {"year": dates.today().year}

    def create(self, request, data: dict):
        return catalogs.catalog_create(
            actor=request.user, body=request.user.unit, year=data["year"]
        )


class DecisionList(ObjectListView):
    permission = "decisions.view"
    selector = staticmethod(selectors.decision_list)
    filterset = DecisionFilter
    title = _("重大行政决策")
    export_name = _("重大行政决策")
    default_sort = "-number"
    links = [Link(_("新建决策案卷"), "decisions:decision_create", perm="decisions.create_decision")]
    columns = [
        Col("number", _("决策编号"), link=True),
        Col("title", _("决策名称")),
        Col("body.name", _("决策机关"), sort="body__name"),
        Col("drafting_unit.name", _("决策承办单位"), sort="drafting_unit__name"),
        Col("stage", _("阶段"), value=lambda d: Stage(d.stage).label, sort="stage"),
        Col("published_on", _("公布日期")),
    ]


class DecisionCreate(CreatePage):
    """A dossier opened from an entry of a published catalogue the user sees."""

    permission = "decisions.create_decision"
    form_class = forms.DecisionCreateForm
    title = _("新建决策案卷")

    def form_kwargs(self, request) -> dict:
        entries = (
            CatalogEntry.objects.visible_to(request.user)
            .filter(catalog__status=CatalogStatus.PUBLISHED)
            .select_related("catalog__body")
        )
        return {"entries": entries}

    def create(self, request, data: dict):
        entry = data.pop("entry")
        return dossier.decision_create(
            actor=request.user,
            body=entry.catalog.body,
            drafting_unit=entry.lead_unit,
            entry=entry,
            **data,
        )


@login_required
@permission_required("decisions.view_accountability", raise_exception=True)
def accountability(request, pk):
    decision, events = selectors.accountability(user=request.user, id=pk)
    return render(request, "decisions/accountability.html", {"object": decision, "events": events})


def _consultation_get(*, user, id):
    return get_for_user(Consultation.objects.select_related("unit"), user, id)


class ConsultationDetail(ObjectDetailView):
    permission = "decisions.view"
    selector = staticmethod(_consultation_get)
    template_name = "decisions/consultation_detail.html"
    action_target = "consultation_id"
    actions = [
        Action(
            "moderate",
            _("审核意见"),
            forms.ModerateForm,
            consultations.consultation_moderate,
            perm="decisions.moderate_consultation",
            allowed=(ConsultationStatus.OPEN, ConsultationStatus.CLOSED),
            form_kwargs=with_row("consultation"),
            visible=lambda u, c: c.comments.filter(status="pending").exists(),
            success=_("已审核"),
        ),
        Action(
            "close",
            _("截止征求意见"),
            forms.EmptyForm,
            consultations.consultation_close,
            perm="decisions.moderate_consultation",
            allowed=(ConsultationStatus.OPEN,),
            success=_("已截止"),
        ),
        Action(
            "summarise",
            _("公布意见采纳情况"),
            forms.SummaryForm,
            consultations.consultation_summarise,
            perm="decisions.moderate_consultation",
            allowed=(ConsultationStatus.CLOSED,),
            success=_("已公布采纳情况"),
        ),
    ]

    def extra_context(self, request, obj):
        comments = obj.comments.order_by("submitted_at", "id")
        return {"comments": Paginator(comments, 50).get_page(request.GET.get("page"))}


class ExpertList(ObjectListView):
    permission = "decisions.view"
    selector = staticmethod(selectors.expert_list)
    title = _("专家库")
    export_name = _("专家库")
    default_sort = "code"
    links = [Link(_("新增专家"), "decisions:expert_create", perm="decisions.manage_experts")]
    columns = [
        Col("code", _("专家编号")),
        Col("name", _("姓名")),
        Col("fields", _("专业领域"), value=lambda e: ", ".join(e.fields), sort=False),
        Col("employer", _("工作单位")),
    ]


class AdviserList(ObjectListView):
    permission = "decisions.view"
    selector = staticmethod(selectors.adviser_list)
    title = _("法律顾问和公职律师")
    export_name = _("法律顾问和公职律师")
    default_sort = "name"
    links = [
        Link(
            _("登记法律顾问或公职律师"), "decisions:adviser_create", perm="decisions.manage_experts"
        )
    ]
    columns = [
        Col("name", _("姓名")),
        Col("kind", _("类别"), value=lambda a: AdviserKind(a.kind).label, sort="kind"),
        Col("employer", _("执业机构或工作单位")),
        Col("unit.name", _("聘请或所在单位"), sort="unit__name"),
        Col(
            "advice",
            _("参与的决策"),
            value=lambda a: ", ".join(sorted({x.decision.number for x in a.advice.all()})),
            sort=False,
        ),
    ]


from .dossier_page import DecisionDetail, document_download  # noqa: E402
from .registers import (  # noqa: E402
    AdviserCreate,
    ExecutionTaskList,
    ExpertCreate,
    catalog_on_time,
)

__all__ = [
    "AdviserCreate",
    "AdviserList",
    "CatalogCreate",
    "CatalogDetail",
    "CatalogList",
    "ConsultationDetail",
    "DecisionCreate",
    "DecisionDetail",
    "DecisionList",
    "ExecutionTaskList",
    "ExpertCreate",
    "ExpertList",
    "accountability",
    "catalog_on_time",
    "document_download",
]
