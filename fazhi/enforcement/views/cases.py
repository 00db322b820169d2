"""Penalty-case pages: the list, filing, the case with its declared workflow actions, evidence."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import lazy
from django.utils.translation import gettext, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from fazhi.core import dates, files
from fazhi.core.errors import ApplicationError
from fazhi.core.pages import Action, Col, ObjectDetailView, detail_url, refused

from .. import discretion, filters, forms, selectors, services, workflow
from ..choices import CaseStage
from .common import ListPage, OwnBodyCreatePage, row_action

view_case = permission_required("enforcement.view_case", raise_exception=True)
HANDLE = "enforcement.handle_case"


def _case(request, case_id: int):
    return selectors.case_get_for_user(user=request.user, case_id=case_id)


def _power_item(case) -> str:
    item = case.power_item
    return f"{item.code} {item.name}" if item else ""


class CaseList(ListPage):
    permission = "enforcement.view_case"
    selector = staticmethod(selectors.case_list)
    filterset = filters.CaseFilter
    title = gettext_lazy("行政处罚案件")
    heading_note = gettext_lazy("普通程序 · 三项制度全程留痕")
    export_name = gettext_lazy("执法案件")
    table_template = "enforcement/partials/case_table.html"
    default_sort = "-filed_on"
    shown = ("number", "title", "body", "party_name", "stage", "filed_on", "current_due")
    columns = [
        Col("number", gettext_lazy("案件编号"), link=detail_url("enforcement:case_detail")),
        Col(
            "body",
            gettext_lazy("执法主体"),
            value=lambda c: c.body.unit.name,
            sort="body__unit__name",
        ),
        Col("title", gettext_lazy("案由"), sort=False),
        Col("party_name", gettext_lazy("当事人"), sort=False),
        Col("stage", gettext_lazy("阶段"), value=lambda c: c.get_stage_display(), sort="stage"),
        Col("filed_on", gettext_lazy("立案日期")),
        Col("decision_due", gettext_lazy("决定期限")),
        Col("decided_on", gettext_lazy("决定日期"), sort=False),
        Col("fine", gettext_lazy("罚款(元)"), sort=False),
        Col(
            "exemption_applied",
            gettext_lazy("免罚轻罚"),
            value=lambda c: c.get_exemption_applied_display(),
            sort=False,
        ),
        Col("power_item", gettext_lazy("权责清单事项"), value=_power_item, sort=False),
        Col("current_due", gettext_lazy("当前期限"), sort="decision_due", export=False),
    ]

    def page_context(self, request, listing):
        return {
            "can_file": selectors.own_body(request.user) is not None
            and request.user.has_perm("enforcement.file_case")
        }


case_list = CaseList.as_view()


class CaseCreate(OwnBodyCreatePage):
    """Filing (立案) by the user's body: the number is the body's next in the year."""

    permission = "enforcement.file_case"
    form_class = forms.CaseFileForm
    title = gettext_lazy("立案")
    submit = gettext_lazy("立案")
    back = "enforcement:case_list"
    detail = "enforcement:case_detail"
    note = gettext_lazy(
        "承办人员须持有有效执法证且不少于两人;法人或其他组织须填写统一社会信用代码,"
        "自然人可填写身份证号码(公示时隐去)。"
    )

    def form_kwargs(self, request) -> dict:
        return {"body": self.body}

    def subtitle(self, request) -> str:
        numbering = _("案件编号自动生成(%(prefix)s〔年度〕序号号)") % {
            "prefix": self.body.number_prefix
        }
        return f"{self.body.unit.name} · {numbering}"

    def create(self, request, data: dict):
        officers = list(data.pop("officers").prefetch_related("credentials"))
        return services.case_file(actor=request.user, body=self.body, officers=officers, **data)

    def success(self, case) -> str:
        return _("已立案:%(number)s") % {"number": case.number}


case_create = CaseCreate.as_view()


@require_POST
@login_required
@view_case
def evidence_custody(request, evidence_id: int):
    evidence = selectors.evidence_get_for_user(user=request.user, evidence_id=evidence_id)
    form = forms.CustodyForm(request.POST)
    try:
        if not form.is_valid():
            raise ApplicationError(_("请选择保管动作"))
        services.evidence_custody(
            actor=request.user,
            evidence=evidence,
            action=form.cleaned_data["action"],
            note=form.cleaned_data["note"],
        )
    except ApplicationError as exc:
        refused(request, exc)
    else:
        messages.success(request, _("已记录保管动作,文件 SM3 核对一致"))
    return redirect("enforcement:case_detail", case_id=evidence.case_id)


@require_GET
@login_required
@view_case
def evidence_download(request, evidence_id: int):
    evidence = selectors.evidence_get_for_user(user=request.user, evidence_id=evidence_id)
    return files.serve(
        request,
        evidence.file,
        filename=evidence.file.name.rsplit("/", 1)[-1],
        expected=evidence.sm3,
    )


@require_GET
@login_required
@view_case
def discretion_preview(request, case_id: int):
    """htmx: the allowed range and the exemption for the circumstances being picked."""
    case = _case(request, case_id)
    form = forms.CircumstancesForm(request.GET, prefix="notify")
    context = {"case": case}
    if case.standard and form.is_valid():
        d = form.cleaned_data
        try:
            context["assessment"] = services.assess_case(
                case.standard, discretion.Circumstances(**d)
            )
        except ApplicationError as exc:
            context["error"] = exc.message
    return render(request, "enforcement/partials/discretion_preview.html", context)


def _done(action: str) -> str:
    return gettext("已完成:%(action)s") % {"action": workflow.ACTION_LABELS[action]}


done = lazy(_done, str)


def _offered(case) -> list[str]:
    """The workflow's offer for the case now, computed once per page."""
    if not hasattr(case, "_offered"):
        case._offered = workflow.offered_actions(services.case_facts(case, dates.today()))
    return case._offered


def _step(name: str, form_class, service, **extra) -> Action:
    """A workflow step offered where `workflow` offers it, from the stages it is allowed in."""
    extra.setdefault("perm", HANDLE)
    extra.setdefault("visible", lambda user, case: name in _offered(case))
    return row_action(
        name,
        workflow.ACTION_LABELS[name],
        form_class,
        service,
        target="case",
        allowed=tuple(workflow.ALLOWED_FROM[name]),
        status_field="stage",
        success=done(name),
        **extra,
    )


# The steps in workflow order: name, the form that carries what it needs, the service.
STEPS = [
    ("assign", forms.OfficersForm, services.case_assign_officers),
    ("investigate", forms.StepForm, services.case_investigate),
    ("add_evidence", forms.EvidenceForm, services.evidence_add),
    ("notify", forms.NotifyForm, services.case_notify),
    ("waive", forms.StepForm, services.case_waive),
    ("request_hearing", forms.StepForm, services.case_request_hearing),
    ("hold_hearing", forms.HearingForm, services.case_hold_hearing),
    ("submit_review", forms.StepForm, services.case_submit_review),
    ("review", forms.ReviewForm, services.case_review),
    ("discuss", forms.DiscussForm, services.case_discuss),
    ("extend", forms.ExtendForm, services.case_extend),
    ("decide", forms.DecideForm, services.case_decide),
    ("serve", forms.StepForm, services.case_serve),
    ("publish", forms.StepForm, services.case_publish),
    ("execute", forms.ExecuteForm, services.case_execute),
    ("close", forms.StepForm, services.case_close),
]
# The legal review is the reviewer's, offered until it has passed.
REVIEW = {"perm": "enforcement.review_case", "visible": lambda user, case: not case.review_passed}


class CaseDetail(ObjectDetailView):
    """The case, its deadlines and record, and the steps the user may take now."""

    permission = "enforcement.view_case"
    template_name = "enforcement/case_detail.html"
    pk_kwarg = "case_id"
    actions = [
        _step(name, form, service, **(REVIEW if name == "review" else {}))
        for name, form, service in STEPS
    ]

    def get_object(self, request, pk):
        return _case(request, pk)

    def success_url(self, request, obj, result) -> str:
        return reverse("enforcement:case_detail", args=[obj.pk])

    def action_url(self, request, obj, action) -> str:
        return reverse("enforcement:case_act", args=[obj.pk, action.name])

    def extra_context(self, request, case):
        today = dates.today()
        _good, problems = services.credentialed(list(case.officers.all()), today)
        reached = {step.stage_after for step in case.steps.all()}
        order = workflow.STAGE_ORDER
        return {
            "case": case,
            "can_act": selectors.can_act_on_case(request.user, case),
            "credential_problems": problems,
            "custody_form": forms.CustodyForm(),
            "stage_bar": [
                (
                    label,
                    "current"
                    if s == case.stage
                    else "done"
                    if s in reached
                    else "skipped"
                    if order.index(s) < order.index(case.stage)
                    else "todo",
                )
                for s, label in CaseStage.choices
            ],
        }


case_detail = CaseDetail.as_view()
case_act = require_POST(CaseDetail.as_view())
