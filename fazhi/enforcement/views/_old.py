"""Enforcement pages: thin views over the services and selectors.

Excel exports follow the interface language, except the two that the importers read back
(discretion standards and the register of inspection targets): their headers stay Chinese.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET, require_POST

from fazhi.core.errors import ApplicationError, NotFound
from fazhi.core.excel import table_response
from fazhi.core.listing import listing
from fazhi.core.rules import is_reviewer, is_supervisor

from . import discretion, forms, rubric, selectors, services, workflow
from .choices import CaseStage, DecisionKind, DrawStatus, ExemptionKind, InspectionOutcome
from .models import (
    EnforcementBody,
    Evidence,
    InspectionDraw,
    InspectionTarget,
    InspectionVisit,
)
from .templatetags.enforcement_tags import short_unit

view_case = permission_required("enforcement.view_case", raise_exception=True)
view_inspection = permission_required("enforcement.view_inspection", raise_exception=True)


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _fail(request, exc: ApplicationError) -> None:
    messages.error(request, exc.message)
    for line in exc.fields.get("rows", [])[:50]:
        messages.error(request, line)


def _case_or_404(request, case_id: int):
    try:
        return selectors.case_get_for_user(user=request.user, case_id=case_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc


# ---------------------------------------------------------------- cases


@require_GET
@login_required
@view_case
def case_list(request):
    g = request.GET
    qs = selectors.case_list(
        user=request.user,
        stage=g.get("stage", "") if g.get("stage") in CaseStage.values else "",
        body_id=_int(g.get("body")),
        query=g.get("q", "").strip()[:100],
        due=g.get("due", ""),
        year=_int(g.get("year")),
    )
    if g.get("format") == "xlsx":
        rows = (
            (
                c.number,
                c.body.unit.name,
                c.title,
                c.party_name if c.party_kind == "organisation" else c.party_name,
                c.get_stage_display(),
                c.filed_on,
                c.decision_due,
                c.decided_on,
                c.fine,
                c.get_exemption_applied_display(),
            )
            for c in qs.order_by("-filed_on", "-id")[:100000]
        )
        return table_response(
            _("执法案件"),
            [
                _("案件编号"),
                _("执法主体"),
                _("案由"),
                _("当事人"),
                _("阶段"),
                _("立案日期"),
                _("决定期限"),
                _("决定日期"),
                _("罚款(元)"),
                _("免罚轻罚"),
            ],
            rows,
            _("执法案件.xlsx"),
        )
    page = listing(
        request,
        qs,
        sortable={
            "number": "number",
            "filed_on": "filed_on",
            "decision_due": "decision_due",
            "stage": "stage",
            "body": "body__unit__name",
        },
        default_sort="-filed_on",
    )
    return render(
        request,
        "enforcement/case_list.html",
        {
            "listing": page,
            "filters": g,
            "stages": CaseStage.choices,
            "bodies": selectors.bodies_for_user(request.user),
            "can_file": selectors.own_body(request.user) is not None
            and request.user.has_perm("enforcement.file_case"),
        },
    )


@login_required
@permission_required("enforcement.file_case", raise_exception=True)
def case_create(request):
    body = selectors.own_body(request.user)
    if body is None:
        raise DjangoPermissionDenied(_("您所在单位不是执法主体"))
    form = forms.CaseFileForm(request.POST or None, body=body)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            case = services.case_file(
                actor=request.user,
                body=body,
                title=d["title"],
                party_kind=d["party_kind"],
                party_name=d["party_name"],
                party_uscc=d["party_uscc"],
                party_resident_id=d["party_resident_id"],
                facts=d["facts"],
                standard=d["standard"],
                is_major=d["is_major"],
                is_serious=d["is_serious"],
                officers=list(d["officers"].prefetch_related("credentials")),
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("已立案:%(number)s") % {"number": case.number})
            return redirect("enforcement:case_detail", case_id=case.pk)
    return render(request, "enforcement/case_form.html", {"form": form, "body": body})


@require_GET
@login_required
@view_case
def case_detail(request, case_id: int):
    case = _case_or_404(request, case_id)
    today = timezone.localdate()
    can_act = selectors.can_act_on_case(request.user, case)
    actions = workflow.offered_actions(services.case_facts(case, today)) if can_act else []
    if (
        is_reviewer(request.user)
        and case.stage == CaseStage.LEGAL_REVIEW
        and not case.review_passed
    ):
        actions = [*actions, "review"]
    elif "review" in actions:
        actions.remove("review")
    officers = list(case.officers.all())
    _good, problems = services.credentialed(officers, today)
    reached = {step.stage_after for step in case.steps.all()}
    return render(
        request,
        "enforcement/case_detail.html",
        {
            "case": case,
            "actions": actions,
            "can_act": can_act,
            "credential_problems": problems,
            "body_officers": selectors.officers_for_case(case) if can_act else [],
            "circumstances_form": forms.NotifyForm(
                initial={"level": case.circumstance_level or "general", "harm": case.harm}
            ),
            "decide_form": forms.DecideForm(
                initial={
                    "decision_kind": DecisionKind.NO_PENALTY
                    if case.exemption_applied in ("no_penalty", "first_offence")
                    else DecisionKind.PENALTY,
                    "fine": case.proposed_fine,
                }
            ),
            "review_form": forms.ReviewForm(),
            "extend_form": forms.ExtendForm(),
            "evidence_form": forms.EvidenceForm(),
            "custody_form": forms.CustodyForm(),
            "stage_bar": [
                (
                    label,
                    "current"
                    if s == case.stage
                    else "done"
                    if s in reached
                    else "skipped"
                    if workflow.STAGE_ORDER.index(s) < workflow.STAGE_ORDER.index(case.stage)
                    else "todo",
                )
                for s, label in CaseStage.choices
            ],
            "action_labels": workflow.ACTION_LABELS,
        },
    )


def _decimal(value) -> Decimal | None:
    return Decimal(value) if value not in (None, "") else None


@require_POST
@login_required
@view_case
def case_act(request, case_id: int, action: str):
    case = _case_or_404(request, case_id)
    post, user, version = request.POST, request.user, request.POST.get("version")
    try:
        if action == "assign":
            form = forms.OfficersForm(post)
            if not form.is_valid():
                raise ApplicationError(_("请至少选择两名执法人员"))
            services.case_assign_officers(
                actor=user,
                case=case,
                officers=list(form.cleaned_data["officers"].prefetch_related("credentials")),
                version=version,
            )
        elif action == "investigate":
            services.case_investigate(actor=user, case=case, version=version)
        elif action == "add_evidence":
            form = forms.EvidenceForm(post, request.FILES)
            if not form.is_valid():
                raise ApplicationError(_("请填写证据名称并选择文件"))
            services.evidence_add(
                actor=user,
                case=case,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["upload"],
            )
        elif action == "notify":
            form = forms.NotifyForm(post)
            if not form.is_valid():
                raise ApplicationError(
                    _("请选择违法情节并填写拟处罚内容:%(errors)s")
                    % {
                        "errors": "; ".join(
                            f"{form.fields[k].label}{v[0]}"
                            for k, v in form.errors.items()
                            if k in form.fields
                        )
                    }
                )
            d = form.cleaned_data
            services.case_notify(
                actor=user,
                case=case,
                level=d["level"],
                proposed_penalty=d["proposed_penalty"],
                proposed_fine=d["proposed_fine"],
                first_offence=d["first_offence"],
                corrected_promptly=d["corrected_promptly"],
                harm=d["harm"],
                mitigating=d["mitigating"],
                lenient=d["lenient"],
                version=version,
            )
        elif action == "waive":
            services.case_waive(actor=user, case=case, version=version)
        elif action == "request_hearing":
            services.case_request_hearing(actor=user, case=case, version=version)
        elif action == "hold_hearing":
            services.case_hold_hearing(
                actor=user, case=case, record=post.get("text", ""), version=version
            )
        elif action == "submit_review":
            services.case_submit_review(actor=user, case=case, version=version)
        elif action == "review":
            form = forms.ReviewForm(post)
            if not form.is_valid():
                raise ApplicationError(_("请选择审核结论并填写审核意见"))
            services.case_review(
                actor=user,
                case=case,
                approved=form.cleaned_data["approved"],
                opinion=form.cleaned_data["opinion"],
                version=version,
            )
        elif action == "discuss":
            services.case_discuss(
                actor=user, case=case, minutes=post.get("text", ""), version=version
            )
        elif action == "extend":
            form = forms.ExtendForm(post)
            if not form.is_valid():
                raise ApplicationError(_("请填写延长天数和理由"))
            services.case_extend(
                actor=user,
                case=case,
                days=form.cleaned_data["days"],
                reason=form.cleaned_data["reason"],
                version=version,
            )
        elif action == "decide":
            form = forms.DecideForm(post)
            if not form.is_valid():
                raise ApplicationError(_("决定内容填写有误"))
            d = form.cleaned_data
            services.case_decide(
                actor=user,
                case=case,
                decision_kind=d["decision_kind"],
                fine=d["fine"],
                other_penalty=d["other_penalty"],
                outside_range_reason=d["outside_range_reason"],
                version=version,
            )
        elif action == "serve":
            services.case_serve(actor=user, case=case, version=version)
        elif action == "publish":
            services.case_publish(actor=user, case=case, version=version)
        elif action == "execute":
            services.case_execute(actor=user, case=case, note=post.get("text", ""), version=version)
        elif action == "close":
            services.case_close(actor=user, case=case, version=version)
        else:
            raise Http404(_("未知操作"))
    except ApplicationError as exc:
        _fail(request, exc)
    else:
        messages.success(
            request, _("已完成:%(action)s") % {"action": workflow.ACTION_LABELS.get(action, action)}
        )
    return redirect("enforcement:case_detail", case_id=case.pk)


@require_POST
@login_required
@view_case
def evidence_custody(request, evidence_id: int):
    evidence = Evidence.objects.select_related("case").filter(pk=evidence_id).first()
    if evidence is None:
        raise Http404
    _case_or_404(request, evidence.case_id)
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
        _fail(request, exc)
    else:
        messages.success(request, _("已记录保管动作,文件 SM3 核对一致"))
    return redirect("enforcement:case_detail", case_id=evidence.case_id)


@require_GET
@login_required
@view_case
def evidence_download(request, evidence_id: int):
    evidence = Evidence.objects.filter(pk=evidence_id).first()
    if evidence is None:
        raise Http404
    _case_or_404(request, evidence.case_id)
    return FileResponse(
        evidence.file.open("rb"), as_attachment=True, filename=evidence.file.name.rsplit("/", 1)[-1]
    )


@require_GET
@login_required
@view_case
def discretion_preview(request, case_id: int):
    """htmx: the allowed range and the exemption for the circumstances being picked."""
    case = _case_or_404(request, case_id)
    form = forms.CircumstancesForm(request.GET)
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


# ---------------------------------------------------------------- officers


@require_GET
@login_required
@permission_required("enforcement.view_officer", raise_exception=True)
def officer_list(request):
    g = request.GET
    year = _int(g.get("year")) or timezone.localdate().year
    qs = selectors.officer_list(
        user=request.user,
        body_id=_int(g.get("body")),
        year=year,
        short_only=g.get("short") == "1",
        query=g.get("q", "").strip()[:50],
        credential=g.get("credential", ""),
    )
    required = selectors.training_required()
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
            "today": timezone.localdate(),
            "soon": timezone.localdate() + timezone.timedelta(days=90),
        },
    )


@login_required
@permission_required("enforcement.view_officer", raise_exception=True)
def officer_detail(request, officer_id: int):
    try:
        officer = selectors.officer_get_for_user(user=request.user, officer_id=officer_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    forms_by_name = {
        "credential": forms.CredentialForm,
        "training": forms.TrainingForm,
        "relation": forms.RelationForm,
    }
    bound = {
        name: cls(request.POST if request.POST.get("form") == name else None, prefix=name)
        for name, cls in forms_by_name.items()
    }
    if request.method == "POST" and request.POST.get("form") in bound:
        name = request.POST["form"]
        form = bound[name]
        if form.is_valid():
            d = form.cleaned_data
            try:
                if name == "credential":
                    services.credential_issue(
                        actor=request.user,
                        officer=officer,
                        number=d["number"],
                        kind=d["kind"],
                        issued_on=d["issued_on"],
                        valid_until=d["valid_until"],
                    )
                elif name == "training":
                    services.training_record(
                        actor=request.user,
                        officer=officer,
                        trained_on=d["trained_on"],
                        course=d["course"],
                        hours=d["hours"],
                    )
                else:
                    target = InspectionTarget.objects.filter(uscc=d["uscc"].strip().upper()).first()
                    if target is None:
                        raise ApplicationError(_("名录中没有该统一社会信用代码的检查对象"))
                    services.relation_record(
                        actor=request.user, officer=officer, target=target, relation=d["relation"]
                    )
            except ApplicationError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("已保存"))
                return redirect("enforcement:officer_detail", officer_id=officer.pk)
    can_edit = services._is_member(request.user, officer.body) or is_supervisor(request.user)
    return render(
        request,
        "enforcement/officer_detail.html",
        {
            "officer": officer,
            "forms": bound,
            "can_edit": can_edit,
            "required": selectors.training_required(),
            "today": timezone.localdate(),
        },
    )


# ---------------------------------------------------------------- standards


@require_GET
@login_required
@permission_required("enforcement.view_standard", raise_exception=True)
def standard_list(request):
    qs = selectors.standard_list(user=request.user, query=request.GET.get("q", "").strip()[:100])
    if request.GET.get("format") == "xlsx":
        # The importer reads this workbook back: headers, levels and exemptions stay Chinese.
        with translation.override("zh-hans"):
            rows = _standard_rows(qs)
        return table_response(
            "裁量基准", list(services.importing.STANDARD_HEADERS), rows, "裁量基准.xlsx"
        )
    page = listing(
        request, qs, sortable={"code": "code", "violation": "violation"}, default_sort="code"
    )
    return render(
        request,
        "enforcement/standard_list.html",
        {
            "listing": page,
            "filters": request.GET,
            "upload_form": forms.UploadForm(),
            "can_import": request.user.has_perm("enforcement.import_standard"),
        },
    )


def _standard_rows(qs) -> list[tuple]:
    """The standards in the layout of the import template, one row per level and per exemption."""
    rows = []
    for s in qs.prefetch_related("levels", "exemptions").order_by("code"):
        for lv in s.levels.all():
            rows.append(
                (
                    s.code,
                    s.violation,
                    s.legal_basis,
                    s.penalty_basis,
                    str(lv.get_level_display()),
                    lv.description,
                    lv.fine_min,
                    lv.fine_max,
                    lv.other_penalty,
                    "",
                    "",
                )
            )
        for e in s.exemptions.all():
            rows.append(
                (
                    s.code,
                    s.violation,
                    s.legal_basis,
                    s.penalty_basis,
                    "",
                    "",
                    "",
                    "",
                    "",
                    str(ExemptionKind(e.kind).label),
                    e.condition,
                )
            )
    return rows


@require_GET
@login_required
@permission_required("enforcement.view_standard", raise_exception=True)
def standard_detail(request, standard_id: int):
    try:
        standard = selectors.standard_get_for_user(user=request.user, standard_id=standard_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    return render(request, "enforcement/standard_detail.html", {"standard": standard})


@require_POST
@login_required
@permission_required("enforcement.import_standard", raise_exception=True)
def standard_import(request):
    form = forms.UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("请选择要导入的 Excel 文件"))
        return redirect("enforcement:standard_list")
    try:
        count = services.standard_import(actor=request.user, upload=form.cleaned_data["upload"])
    except ApplicationError as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("已导入 %(count)s 项裁量基准") % {"count": count})
    return redirect("enforcement:standard_list")


@require_GET
@login_required
def standard_template(request):
    example = [
        (
            "SJ-001",
            "示例违法行为",
            "《某法》第X条",
            "《某法》第Y条",
            "一般",
            "适用情形说明",
            1000,
            5000,
            "",
            "首违不罚",
            "初次违法且危害后果轻微并及时改正",
        )
    ]
    return table_response(
        "裁量基准", list(services.importing.STANDARD_HEADERS), example, "裁量基准导入模板.xlsx"
    )


# ---------------------------------------------------------------- inspections


@require_GET
@login_required
@view_inspection
def plan_list(request):
    qs = selectors.plan_list(user=request.user, year=_int(request.GET.get("year")))
    if request.GET.get("format") == "xlsx":
        rows = (
            (
                p.title,
                p.year,
                p.body.unit.name,
                "、".join(b.unit.name for b in p.joint_bodies.all()),
                p.ratio_percent,
                p.get_status_display(),
            )
            for p in qs
        )
        return table_response(
            _("抽查计划"),
            [_("计划名称"), _("年度"), _("牵头部门"), _("联合部门"), _("比例"), _("状态")],
            rows,
            _("抽查计划.xlsx"),
        )
    page = listing(request, qs, sortable={"year": "year", "title": "title"}, default_sort="-year")
    return render(
        request,
        "enforcement/plan_list.html",
        {
            "listing": page,
            "filters": request.GET,
            "can_manage": selectors.own_body(request.user) is not None
            and request.user.has_perm("enforcement.manage_inspection"),
            "target_count": InspectionTarget.objects.count(),
        },
    )


@login_required
@permission_required("enforcement.manage_inspection", raise_exception=True)
def plan_create(request):
    body = selectors.own_body(request.user)
    if body is None:
        raise DjangoPermissionDenied(_("您所在单位不是执法主体"))
    form = forms.PlanForm(
        request.POST or None,
        categories=selectors.target_categories(),
        initial={"year": timezone.localdate().year, "ratio_percent": 5},
    )
    form.fields["joint_bodies"].queryset = EnforcementBody.objects.exclude(
        pk=body.pk
    ).select_related("unit")
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            plan = services.plan_create(
                actor=request.user,
                body=body,
                title=d["title"],
                year=d["year"],
                scope=d["scope"],
                ratio_bp=int(d["ratio_percent"] * 100),
                categories=d["categories"],
                joint_bodies=list(d["joint_bodies"]),
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect("enforcement:plan_detail", plan_id=plan.pk)
    return render(request, "enforcement/plan_form.html", {"form": form, "body": body})


def _plan_or_404(request, plan_id):
    try:
        return selectors.plan_get_for_user(user=request.user, plan_id=plan_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc


@require_GET
@login_required
@view_inspection
def plan_detail(request, plan_id: int):
    plan = _plan_or_404(request, plan_id)
    draw_row = getattr(plan, "draw", None)
    context = {
        "plan": plan,
        "draw": draw_row,
        "can_manage": services._is_member(request.user, plan.body),
        "result_form": forms.ResultForm(initial={"inspected_on": timezone.localdate()}),
    }
    if draw_row and draw_row.status == DrawStatus.REVEALED:
        outcome = request.GET.get("outcome", "")
        context["listing"] = listing(
            request,
            selectors.draw_visits(
                draw_row, outcome=outcome if outcome in InspectionOutcome.values else ""
            ),
            sortable={"rank": "rank"},
            default_sort="rank",
            per_page=50,
        )
        context["loads"] = selectors.officer_loads(draw_row)
        context["outcomes"] = InspectionOutcome.choices
        context["filters"] = request.GET
    return render(request, "enforcement/plan_detail.html", context)


@require_POST
@login_required
@view_inspection
def draw_commit(request, plan_id: int):
    plan = _plan_or_404(request, plan_id)
    try:
        services.draw_commit(actor=request.user, plan=plan)
    except ApplicationError as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("已冻结名单并公布种子承诺;揭示种子后即完成抽取"))
    return redirect("enforcement:plan_detail", plan_id=plan.pk)


@require_POST
@login_required
@view_inspection
def draw_reveal(request, plan_id: int):
    plan = _plan_or_404(request, plan_id)
    draw_row = InspectionDraw.objects.filter(plan=plan).first()
    if draw_row is None:
        raise Http404
    try:
        services.draw_reveal(actor=request.user, draw_row=draw_row)
    except ApplicationError as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("已揭示种子并完成抽取和人员分派"))
    return redirect("enforcement:plan_detail", plan_id=plan.pk)


@require_POST
@login_required
@view_inspection
def visit_result(request, visit_id: int):
    visit = (
        InspectionVisit.objects.select_related("draw__plan", "target").filter(pk=visit_id).first()
    )
    if visit is None:
        raise Http404
    plan = _plan_or_404(request, visit.draw.plan_id)
    form = forms.ResultForm(request.POST)
    try:
        if not form.is_valid():
            raise ApplicationError(_("请选择检查结果并填写检查日期"))
        d = form.cleaned_data
        services.visit_record_result(
            actor=request.user,
            visit=visit,
            outcome=d["outcome"],
            note=d["note"],
            inspected_on=d["inspected_on"],
        )
    except ApplicationError as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("已录入 %(target)s 的检查结果") % {"target": visit.target.name})
    return redirect("enforcement:plan_detail", plan_id=plan.pk)


@require_POST
@login_required
@view_inspection
def draw_publish(request, plan_id: int):
    plan = _plan_or_404(request, plan_id)
    try:
        count = services.draw_publish_results(actor=request.user, draw_row=plan.draw)
    except (ApplicationError, InspectionDraw.DoesNotExist) as exc:
        _fail(
            request, exc if isinstance(exc, ApplicationError) else ApplicationError(_("尚未抽取"))
        )
    else:
        messages.success(request, _("已公示 %(count)s 条检查结果") % {"count": count})
    return redirect("enforcement:plan_detail", plan_id=plan.pk)


@require_GET
@login_required
@view_inspection
def target_list(request):
    g = request.GET
    qs = selectors.target_list(
        user=request.user, query=g.get("q", "").strip()[:100], category=g.get("category", "")
    )
    if g.get("format") == "xlsx":
        rows = ((t.uscc, t.name, t.category, t.address) for t in qs.order_by("uscc")[:100000])
        # The importer reads this workbook back: its headers stay Chinese.
        return table_response(
            "检查对象名录",
            ["统一社会信用代码", "名称", "行业类别", "住所"],
            rows,
            "检查对象名录.xlsx",
        )
    page = listing(
        request,
        qs,
        sortable={"uscc": "uscc", "name": "name", "category": "category"},
        default_sort="uscc",
    )
    return render(
        request,
        "enforcement/target_list.html",
        {
            "listing": page,
            "filters": g,
            "categories": selectors.target_categories(),
            "upload_form": forms.UploadForm(),
            "can_import": request.user.has_perm("enforcement.manage_inspection")
            or is_supervisor(request.user),
        },
    )


def read_target_rows(upload):
    """Rows (without header) from an uploaded CSV (UTF-8, GBK accepted) or .xlsx file."""
    name = upload.name.lower()
    if name.endswith(".csv"):
        raw = upload.read()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("gb18030")
        rows = csv.reader(io.StringIO(text))
        header = next(rows, [])
        return header, rows
    if name.endswith(".xlsx"):
        from openpyxl import load_workbook

        wb = load_workbook(upload, read_only=True, data_only=True)
        rows = wb.worksheets[0].iter_rows(values_only=True)
        header = next(rows, ())
        return header, rows
    raise ApplicationError(_("请上传 .csv 或 .xlsx 文件"), code="bad_type")


@require_POST
@login_required
@view_inspection
def target_import(request):
    form = forms.UploadForm(request.POST, request.FILES)
    try:
        if not form.is_valid():
            raise ApplicationError(_("请选择文件"))
        upload = form.cleaned_data["upload"]
        from django.conf import settings

        if upload.size > settings.FAZHI_MAX_UPLOAD_BYTES:
            raise ApplicationError(_("文件过大"))
        header, rows = read_target_rows(upload)
        problem = services.importing.check_headers(header, services.importing.TARGET_HEADERS)
        if problem:
            raise ApplicationError(problem)
        count = services.target_import(actor=request.user, rows=rows)
    except ApplicationError as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("已导入 %(count)s 个检查对象") % {"count": count})
    return redirect("enforcement:target_list")


def _draw_text(draw_row: InspectionDraw) -> bytes:
    from . import draw

    return draw.render(
        draw.Selected(v.rank, v.target.uscc, v.score)
        for v in draw_row.visits.select_related("target").order_by("rank")
    )


# ---------------------------------------------------------------- supervision


@require_GET
@login_required
@permission_required("enforcement.view_supervision", raise_exception=True)
def supervision(request):
    year = _int(request.GET.get("year")) or timezone.localdate().year
    rows = selectors.statistics(user=request.user, year=year)
    if request.GET.get("format") == "xlsx":
        data = (
            (
                r["body"].unit.name,
                r["total"],
                r["decided"],
                r["penalties"],
                r["fines"],
                r["major"],
                r["major_reviewed"],
                r["overdue"],
                r["exemptions"],
                r["drawn"],
                r["inspected"],
            )
            for r in rows
        )
        return table_response(
            _("执法统计"),
            [
                _("执法主体"),
                _("案件数"),
                _("已决定"),
                _("处罚"),
                _("罚款(元)"),
                _("重大案件"),
                _("已法制审核"),
                _("超期环节"),
                _("免罚轻罚"),
                _("抽查数"),
                _("已检查"),
            ],
            data,
            _("%(year)s年执法统计.xlsx") % {"year": year},
        )
    alerts = selectors.case_alerts(user=request.user).order_by("decision_due")[:20]
    chart = {
        "xAxis": {
            "type": "category",
            "data": [short_unit(r["body"].unit.name) for r in rows],
        },
        "yAxis": {"type": "value"},
        "tooltip": {},
        "legend": {},
        "series": [
            {
                "name": _("案件数"),
                "type": "bar",
                "data": [
                    {
                        "value": r["total"],
                        "url": f"/enforcement/cases/?body={r['body'].pk}&year={year}",
                    }
                    for r in rows
                ],
            },
            {
                "name": _("超期环节"),
                "type": "bar",
                "data": [
                    {
                        "value": r["overdue"],
                        "url": f"/enforcement/cases/?body={r['body'].pk}&due=overdue",
                    }
                    for r in rows
                ],
            },
        ],
    }
    return render(
        request,
        "enforcement/supervision.html",
        {
            "rows": rows,
            "year": year,
            "alerts": alerts,
            "chart": chart,
            "reviews": selectors.file_review_list(user=request.user)[:20],
        },
    )


@login_required
@permission_required("enforcement.review_case_file", raise_exception=True)
def file_review_create(request, case_id: int):
    case = _case_or_404(request, case_id)
    if request.method == "POST":
        scores = {key: _int(request.POST.get(key)) for key, _label, _points in rubric.ITEMS}
        try:
            if any(v is None for v in scores.values()):
                raise ApplicationError(_("请为每一项打分"))
            services.file_review_record(
                actor=request.user,
                case=case,
                scores=scores,
                comment=request.POST.get("comment", ""),
            )
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("评查结果已保存"))
            return redirect("enforcement:supervision")
    return render(
        request,
        "enforcement/file_review_form.html",
        {"case": case, "items": rubric.ITEMS, "max_total": rubric.MAX_TOTAL},
    )


@login_required
@permission_required("enforcement.view_supervision", raise_exception=True)
def guiding_case_list(request):
    form = forms.GuidingCaseForm(request.POST or None)
    if request.method == "POST":
        if not request.user.has_perm("enforcement.manage_guiding_case"):
            raise DjangoPermissionDenied
        if form.is_valid():
            try:
                services.guiding_case_create(actor=request.user, **form.cleaned_data)
            except ApplicationError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("已发布指导案例"))
                return redirect("enforcement:guiding_case_list")
    qs = selectors.guiding_case_search(
        query=request.GET.get("q", "")[:100], field=request.GET.get("field", "")
    )
    if request.GET.get("format") == "xlsx":
        return table_response(
            _("指导案例"),
            [_("标题"), _("领域"), _("发布日期"), _("基本案情"), _("指导意义")],
            ((c.title, c.field, c.published_on, c.summary, c.key_points) for c in qs),
            _("指导案例.xlsx"),
        )
    page = listing(
        request,
        qs,
        sortable={"published_on": "published_on", "title": "title"},
        default_sort="-published_on",
        per_page=20,
    )
    return render(
        request,
        "enforcement/guiding_case_list.html",
        {
            "listing": page,
            "filters": request.GET,
            "form": form,
            "can_manage": request.user.has_perm("enforcement.manage_guiding_case"),
        },
    )


# ---------------------------------------------------------------- files shared with the portal


def draw_file(request, draw_id: int, kind: str):
    """The frozen target list, or the selection, as published text files (also served publicly)."""
    row = InspectionDraw.objects.filter(pk=draw_id).first()
    if row is None:
        raise Http404
    if kind == "targets":
        return FileResponse(
            row.target_list.open("rb"),
            as_attachment=True,
            filename=f"draw-{row.pk}-targets.txt",
            content_type="text/plain; charset=utf-8",
        )
    if kind == "selection" and row.status == DrawStatus.REVEALED:
        response = HttpResponse(
            selectors.selection_text(row), content_type="text/plain; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="draw-{row.pk}-selection.txt"'
        return response
    raise Http404
