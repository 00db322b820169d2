"""Pages of the disputes app (thin: parse, call a service or selector, render)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views.decorators.http import require_http_methods, require_POST
from openpyxl import Workbook

from fazhi.core.errors import ApplicationError, NotFound
from fazhi.core.excel import table_response, workbook_response, write_sheet
from fazhi.core.listing import Listing, listing

from . import filters, forms, selectors, services
from .choices import LetterKind, PetitionStatus
from .models import ReconsiderationAttachment


def _d(value) -> str:
    return services.day(value)


def style(form):
    """Bootstrap classes on every widget, so templates can render fields plainly."""
    for field in form.fields.values():
        widget = field.widget
        kind = getattr(widget, "input_type", "")
        css = (
            "form-check-input"
            if kind == "checkbox"
            else "form-select"
            if widget.__class__.__name__ in ("Select", "NullBooleanSelect")
            else "form-control"
        )
        widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
    return form


def _require_view(request, perm: str = "disputes.view"):
    if not request.user.has_perm(perm):
        raise DjangoPermissionDenied(_("您无权查看此页面"))


def _get(selector, request, pk):
    try:
        return selector(user=request.user, id=pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def _form_error(form) -> str:
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        return f"{label}:{errors[0]}" if label else str(errors[0])
    return _("请检查填写内容")


def _run(request, form_class, service, success: str, **target):
    """Validate a POSTed action form, call the service; a refusal is shown and nothing is written."""
    form = form_class(request.POST, request.FILES or None)
    if not form.is_valid():
        messages.error(request, _form_error(form))
        return False
    data = dict(form.cleaned_data)
    if "version" in data:
        data["expected_version"] = data.pop("version")
    try:
        service(actor=request.user, **target, **data)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return False
    messages.success(request, success)
    return True


def _filter_form(filterset_class, request):
    fs = filterset_class(request.GET or None, request=request)
    style(fs.form)
    return fs.form


# --- reconsideration -------------------------------------------------------------------------

RECON_SORT = {
    "number": "number",
    "received": "received_on",
    "respondent": "respondent__name",
    "status": "status",
    "decision_due": "decision_due",
    "acceptance_due": "acceptance_due",
}


@login_required
def reconsideration_list(request):
    _require_view(request)
    qs = selectors.reconsideration_list(user=request.user, params=request.GET, request=request)
    if request.GET.get("format") == "xlsx":
        rows = (
            (
                c.number,
                c.get_channel_display(),
                c.applicant_name,
                c.respondent.name,
                c.act_description,
                _d(c.received_on),
                c.get_status_display(),
                c.get_procedure_display(),
                _d(c.accepted_on),
                _d(c.decision_due),
                _d(c.decided_on),
                c.get_decision_type_display(),
            )
            for c in qs.order_by("-received_on", "-id").iterator(chunk_size=2000)
        )
        return table_response(
            _("行政复议案件"),
            [
                _("案号"),
                _("申请方式"),
                _("申请人"),
                _("被申请人"),
                _("行政行为"),
                _("收到日期"),
                _("状态"),
                _("程序"),
                _("受理日期"),
                _("决定期限"),
                _("决定日期"),
                _("决定类型"),
            ],
            rows,
            _("行政复议案件.xlsx"),
        )
    page = listing(request, qs, sortable=RECON_SORT, default_sort="-received")
    return render(
        request,
        "disputes/reconsideration_list.html",
        {
            "listing": page,
            "filter_form": _filter_form(filters.ReconsiderationFilter, request),
            "today": timezone.localdate(),
            "can_handle": request.user.has_perm("disputes.handle_reconsideration"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def reconsideration_create(request):
    if not request.user.has_perm("disputes.handle_reconsideration"):
        raise DjangoPermissionDenied(_("只有行政复议机构工作人员可以登记复议申请"))
    form = style(
        forms.CounterApplicationForm(
            request.POST or None,
            request.FILES or None,
            initial={"received_on": timezone.localdate()},
        )
    )
    error = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        files, channel, received_on = (
            data.pop("files"),
            data.pop("channel"),
            data.pop("received_on"),
        )
        try:
            case, _code = services.reconsideration_apply(
                actor=request.user,
                application=services.Application(**data),
                channel=channel,
                received_on=received_on,
                files=files,
            )
        except ApplicationError as exc:
            error = exc
        else:
            messages.success(
                request,
                _("已登记复议申请 %(number)s,受理审查期限 %(due)s")
                % {"number": case.number, "due": _d(case.acceptance_due)},
            )
            return redirect("disputes:reconsideration_detail", case.pk)
    return render(request, "disputes/reconsideration_form.html", {"form": form, "error": error})


RECON_ACTIONS = {
    "accept": (
        forms.AcceptForm,
        services.reconsideration_accept,
        gettext_lazy("已受理,决定期限已计算"),
    ),
    "refuse": (
        forms.RefuseForm,
        services.reconsideration_refuse,
        gettext_lazy("已作出不予受理决定"),
    ),
    "supplement": (
        forms.SupplementRequestForm,
        services.reconsideration_request_supplement,
        gettext_lazy("已发出补正通知,受理审查期限暂停计算"),
    ),
    "supplied": (
        forms.SupplementRecordForm,
        services.reconsideration_record_supplement,
        gettext_lazy("已登记补正材料,受理审查期限重新计算"),
    ),
    "copy": (
        forms.CopyForm,
        services.reconsideration_send_copy,
        gettext_lazy("已登记发送申请书副本"),
    ),
    "reply": (
        forms.RespondentReplyForm,
        services.reconsideration_submit_reply,
        gettext_lazy("已提交书面答复"),
    ),
    "hearing": (forms.HearingForm, services.reconsideration_record_hearing, gettext_lazy("已记录")),
    "committee": (
        forms.CommitteeForm,
        services.reconsideration_consult_committee,
        gettext_lazy("已记录复议委员会咨询意见"),
    ),
    "extend": (
        forms.ExtensionForm,
        services.reconsideration_extend,
        gettext_lazy("已延长决定期限"),
    ),
    "decide": (forms.DecisionForm, services.reconsideration_decide, gettext_lazy("已作出复议决定")),
    "publish": (
        forms.PublishForm,
        services.reconsideration_publish,
        gettext_lazy("决定书已公开(个人信息已隐去)"),
    ),
    "suspend": (
        forms.SuspendForm,
        services.reconsideration_suspend,
        gettext_lazy("已中止审理,决定期限暂停计算"),
    ),
    "resume": (
        forms.ResumeForm,
        services.reconsideration_resume,
        gettext_lazy("已恢复审理,决定期限已顺延"),
    ),
    "terminate": (
        forms.TerminateForm,
        services.reconsideration_terminate,
        gettext_lazy("已终止行政复议"),
    ),
}


@login_required
def reconsideration_detail(request, pk: int):
    _require_view(request)
    case = _get(selectors.reconsideration_get_for_user, request, pk)
    today = timezone.localdate()
    action_forms = {
        k: style(
            f(
                initial={
                    "version": case.version,
                    **{
                        n: today
                        for n, fl in f.base_fields.items()
                        if isinstance(fl, forms.forms.DateField)
                        and n not in ("notice_on", "notified_on")
                    },
                }
            )
        )
        for k, (f, _s, _m) in RECON_ACTIONS.items()
    }
    letter_form = style(
        forms.LetterForm(
            initial={
                "issued_on": today,
                "issuer": case.office.name,
                "addressee": case.respondent_id,
                "kind": LetterKind.OPINION,
            }
        )
    )
    letter_form.fields["kind"].choices = [
        c for c in LetterKind.choices if c[0] in (LetterKind.OPINION, LetterKind.RECOMMENDATION)
    ]
    return render(
        request,
        "disputes/reconsideration_detail.html",
        {
            "case": case,
            "today": today,
            "forms": action_forms,
            "letter_form": letter_form,
            "milestones": selectors.reconsideration_milestones(case),
            "can_handle": request.user.has_perm("disputes.handle_reconsideration"),
            "can_reply": request.user.has_perm("disputes.reply_reconsideration", case),
            "deemed": case.is_deemed_accepted(today),
            "open_suspension": next(
                (
                    s
                    for s in case.suspensions.all()
                    if s.resumed_on is None and case.status == "suspended"
                ),
                None,
            ),
        },
    )


@login_required
@require_POST
def reconsideration_action(request, pk: int, action: str):
    _require_view(request)
    case = _get(selectors.reconsideration_get_for_user, request, pk)
    if action == "letter":
        _letter_issue(request, reconsideration=case)
    elif action in RECON_ACTIONS:
        form_class, service, success = RECON_ACTIONS[action]
        _run(request, form_class, service, success, case=case)
    else:
        raise Http404(_("未知操作"))
    return redirect("disputes:reconsideration_detail", case.pk)


@login_required
def attachment_download(request, pk: int, attachment_id: int):
    _require_view(request)
    case = _get(selectors.reconsideration_get_for_user, request, pk)
    att = ReconsiderationAttachment.objects.filter(case=case, pk=attachment_id).first()
    if att is None:
        raise Http404(_("文件不存在"))
    return FileResponse(att.file.open("rb"), as_attachment=True, filename=att.name)


# --- letters ---------------------------------------------------------------------------------


def _letter_issue(request, **links):
    form = forms.LetterForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_error(form))
        return None
    try:
        letter = services.letter_issue(actor=request.user, **form.cleaned_data, **links)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return None
    messages.success(
        request,
        _("已登记%(kind)s,回复期限 %(due)s")
        % {"kind": letter.get_kind_display(), "due": _d(letter.reply_due)},
    )
    return letter


LETTER_SORT = {
    "issued": "issued_on",
    "due": "reply_due",
    "addressee": "addressee__name",
    "kind": "kind",
}


@login_required
def letter_list(request):
    _require_view(request)
    qs = selectors.letter_list(user=request.user, params=request.GET, request=request)
    if request.GET.get("format") == "xlsx":
        rows = (
            (
                lt.get_kind_display(),
                lt.doc_number,
                lt.issuer,
                lt.addressee.name,
                _d(lt.issued_on),
                _d(lt.reply_due),
                _d(lt.replied_on),
                lt.content,
            )
            for lt in qs
        )
        return table_response(
            _("意见书与建议书"),
            [
                _("类别"),
                _("文号"),
                _("制发机关"),
                _("收文单位"),
                _("日期"),
                _("回复期限"),
                _("回复日期"),
                _("主要内容"),
            ],
            rows,
            _("意见书与建议书.xlsx"),
        )
    page = listing(request, qs, sortable=LETTER_SORT, default_sort="due")
    form = None
    if request.user.has_perm("disputes.issue_letter"):
        form = style(
            forms.LetterForm(
                initial={
                    "issued_on": timezone.localdate(),
                    "kind": LetterKind.JUDICIAL,
                    "issuer": "天镇县人民法院",
                }
            )
        )
        if not request.user.has_perm("disputes.handle_reconsideration"):
            form.fields["kind"].choices = [
                c
                for c in LetterKind.choices
                if c[0] in (LetterKind.JUDICIAL, LetterKind.PROCURATORIAL)
            ]
    return render(
        request,
        "disputes/letter_list.html",
        {"listing": page, "filter_form": _filter_form(filters.LetterFilter, request), "form": form},
    )


@login_required
@require_POST
def letter_create(request):
    _require_view(request)
    letter = _letter_issue(request)
    return (
        redirect("disputes:letter_detail", letter.pk)
        if letter
        else redirect("disputes:letter_list")
    )


LETTER_ACTIONS = {
    "reply": (forms.LetterReplyForm, services.letter_reply, gettext_lazy("已回复")),
    "follow_up": (forms.FollowUpForm, services.letter_follow_up, gettext_lazy("已记录督促情况")),
}


@login_required
def letter_detail(request, pk: int):
    _require_view(request)
    letter = _get(selectors.letter_get_for_user, request, pk)
    today = timezone.localdate()
    return render(
        request,
        "disputes/letter_detail.html",
        {
            "letter": letter,
            "today": today,
            "reply_form": style(forms.LetterReplyForm(initial={"replied_on": today})),
            "follow_form": style(forms.FollowUpForm()),
            "can_reply": request.user.has_perm("disputes.reply_letter", letter),
            "can_follow": request.user.has_perm("disputes.follow_up_letter", letter),
        },
    )


@login_required
@require_POST
def letter_action(request, pk: int, action: str):
    _require_view(request)
    letter = _get(selectors.letter_get_for_user, request, pk)
    if action not in LETTER_ACTIONS:
        raise Http404(_("未知操作"))
    form_class, service, success = LETTER_ACTIONS[action]
    _run(request, form_class, service, success, letter=letter)
    return redirect("disputes:letter_detail", letter.pk)


# --- litigation ------------------------------------------------------------------------------

LIT_SORT = {
    "number": "court_case_number",
    "filed": "filed_on",
    "defendant": "defendant__name",
    "defence_due": "defence_due",
    "status": "status",
}


@login_required
def litigation_list(request):
    _require_view(request)
    qs = selectors.litigation_list(user=request.user, params=request.GET, request=request)
    if request.GET.get("format") == "xlsx":
        rows = (
            (
                c.court_case_number,
                c.court,
                c.get_instance_display(),
                c.defendant.name,
                c.plaintiff_name,
                c.cause,
                _d(c.filed_on),
                _d(c.defence_due),
                _d(c.defence_submitted_on),
                _("是") if c.was_heard else _("否"),
                _("是") if c.head_appeared else _("否"),
                c.get_status_display(),
                c.get_outcome_display(),
            )
            for c in qs.iterator(chunk_size=2000)
        )
        return table_response(
            _("行政应诉案件"),
            [
                _("法院案号"),
                _("法院"),
                _("审级"),
                _("被告单位"),
                _("原告"),
                _("案由"),
                _("立案日期"),
                _("答辩期限"),
                _("答辩日期"),
                _("已开庭"),
                _("负责人出庭"),
                _("状态"),
                _("结果"),
            ],
            rows,
            _("行政应诉案件.xlsx"),
        )
    page = listing(request, qs, sortable=LIT_SORT, default_sort="-filed")
    return render(
        request,
        "disputes/litigation_list.html",
        {
            "listing": page,
            "filter_form": _filter_form(filters.LitigationFilter, request),
            "today": timezone.localdate(),
            "can_add": request.user.has_perm("disputes.add_litigation"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def litigation_create(request):
    if not request.user.has_perm("disputes.add_litigation"):
        raise DjangoPermissionDenied(_("您无权登记应诉案件"))
    form = style(forms.LitigationForm(request.POST or None, user=request.user))
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            case = services.litigation_register(actor=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            error = exc
        else:
            messages.success(
                request,
                _("已登记应诉案件 %(number)s,答辩期限 %(due)s")
                % {"number": case.court_case_number, "due": _d(case.defence_due)},
            )
            return redirect("disputes:litigation_detail", case.pk)
    return render(
        request,
        "disputes/simple_form.html",
        {
            "form": form,
            "error": error,
            "title": _("登记行政应诉案件"),
            "back": reverse("disputes:litigation_list"),
        },
    )


LIT_ACTIONS = {
    "defence": (forms.DefenceForm, services.litigation_submit_defence, gettext_lazy("已登记答辩")),
    "hearing": (
        forms.CourtHearingForm,
        services.litigation_record_hearing,
        gettext_lazy("已登记出庭情况"),
    ),
    "close": (forms.CloseForm, services.litigation_close, gettext_lazy("已登记结案")),
}


@login_required
def litigation_detail(request, pk: int):
    _require_view(request)
    case = _get(selectors.litigation_get_for_user, request, pk)
    today = timezone.localdate()
    action_forms = {
        k: style(
            f(
                initial={
                    "version": case.version,
                    **{
                        n: today
                        for n, fl in f.base_fields.items()
                        if isinstance(fl, forms.forms.DateField)
                    },
                }
            )
        )
        for k, (f, _s, _m) in LIT_ACTIONS.items()
    }
    letter_form = None
    if request.user.has_perm("disputes.issue_letter"):
        letter_form = style(
            forms.LetterForm(
                initial={
                    "issued_on": today,
                    "issuer": case.court,
                    "addressee": case.defendant_id,
                    "kind": LetterKind.JUDICIAL,
                }
            )
        )
        letter_form.fields["kind"].choices = [
            c for c in LetterKind.choices if c[0] in (LetterKind.JUDICIAL, LetterKind.PROCURATORIAL)
        ]
    return render(
        request,
        "disputes/litigation_detail.html",
        {
            "case": case,
            "today": today,
            "forms": action_forms,
            "letter_form": letter_form,
            "can_change": request.user.has_perm("disputes.change_litigation", case),
        },
    )


@login_required
@require_POST
def litigation_action(request, pk: int, action: str):
    _require_view(request)
    case = _get(selectors.litigation_get_for_user, request, pk)
    if action == "letter":
        _letter_issue(request, litigation=case)
    elif action in LIT_ACTIONS:
        form_class, service, success = LIT_ACTIONS[action]
        _run(request, form_class, service, success, case=case)
    else:
        raise Http404(_("未知操作"))
    return redirect("disputes:litigation_detail", case.pk)


# --- mediation and adjudication --------------------------------------------------------------


@login_required
def mediation_list(request):
    _require_view(request)
    qs = selectors.mediation_list(user=request.user, params=request.GET, request=request)
    if request.GET.get("format") == "xlsx":
        rows = (
            (
                m.number,
                m.get_kind_display(),
                m.category,
                m.unit.name,
                m.parties,
                _d(m.received_on),
                m.get_status_display(),
                _d(m.agreement_on),
                _d(m.confirmed_on),
            )
            for m in qs
        )
        return table_response(
            _("调解案件"),
            [
                pgettext("case", "编号"),
                _("类型"),
                _("纠纷类别"),
                _("调解单位"),
                _("当事人"),
                _("受理日期"),
                _("状态"),
                _("协议日期"),
                _("司法确认日期"),
            ],
            rows,
            _("调解案件.xlsx"),
        )
    page = listing(
        request,
        qs,
        sortable={"received": "received_on", "unit": "unit__name", "status": "status"},
        default_sort="-received",
    )
    adjudications = selectors.adjudication_list(user=request.user).order_by("-received_on", "-id")[
        :10
    ]
    return render(
        request,
        "disputes/mediation_list.html",
        {
            "listing": page,
            "filter_form": _filter_form(filters.MediationFilter, request),
            "items": selectors.adjudication_items(user=request.user),
            "adjudications": adjudications,
            "can_add": request.user.has_perm("disputes.add_casework"),
            "can_catalogue": request.user.has_perm("disputes.handle_reconsideration"),
            "item_form": style(forms.AdjudicationItemForm()),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def mediation_create(request):
    if not request.user.has_perm("disputes.add_casework"):
        raise DjangoPermissionDenied(_("您无权登记调解案件"))
    form = style(
        forms.MediationForm(
            request.POST or None,
            user=request.user,
            initial={"received_on": timezone.localdate(), "unit": request.user.unit_id},
        )
    )
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            case = services.mediation_register(actor=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            error = exc
        else:
            messages.success(request, _("已登记调解案件 %(number)s") % {"number": case.number})
            return redirect("disputes:mediation_detail", case.pk)
    return render(
        request,
        "disputes/simple_form.html",
        {
            "form": form,
            "error": error,
            "title": _("登记调解案件"),
            "back": reverse("disputes:mediation_list"),
        },
    )


MEDIATION_ACTIONS = {
    "result": (
        forms.MediationResultForm,
        services.mediation_record_result,
        gettext_lazy("已记录调解结果"),
    ),
    "confirmation": (
        forms.ConfirmationForm,
        services.mediation_refer_confirmation,
        gettext_lazy("已记录司法确认"),
    ),
}


@login_required
def mediation_detail(request, pk: int):
    _require_view(request)
    case = _get(selectors.mediation_get_for_user, request, pk)
    today = timezone.localdate()
    return render(
        request,
        "disputes/mediation_detail.html",
        {
            "case": case,
            "result_form": style(forms.MediationResultForm(initial={"on": today})),
            "confirm_form": style(forms.ConfirmationForm(initial={"requested_on": today})),
            "can_change": request.user.has_perm("disputes.change_casework", case),
        },
    )


@login_required
@require_POST
def mediation_action(request, pk: int, action: str):
    _require_view(request)
    case = _get(selectors.mediation_get_for_user, request, pk)
    if action not in MEDIATION_ACTIONS:
        raise Http404(_("未知操作"))
    form_class, service, success = MEDIATION_ACTIONS[action]
    _run(request, form_class, service, success, case=case)
    return redirect("disputes:mediation_detail", case.pk)


@login_required
@require_POST
def adjudication_item_create(request):
    _require_view(request)
    _run(request, forms.AdjudicationItemForm, services.adjudication_item_save, _("已保存裁决事项"))
    return redirect("disputes:mediation_list")


@login_required
def adjudication_list(request):
    _require_view(request)
    qs = selectors.adjudication_list(user=request.user, params=request.GET, request=request)
    if request.GET.get("format") == "xlsx":
        rows = (
            (
                c.number,
                c.item.name,
                c.item.unit.name,
                c.applicant_name,
                c.other_party,
                _d(c.received_on),
                c.get_status_display(),
                _d(c.decided_on),
            )
            for c in qs
        )
        return table_response(
            _("行政裁决案件"),
            [
                pgettext("case", "编号"),
                _("裁决事项"),
                _("实施主体"),
                _("申请人"),
                _("被申请人"),
                _("受理日期"),
                _("状态"),
                _("裁决日期"),
            ],
            rows,
            _("行政裁决案件.xlsx"),
        )
    page = listing(
        request,
        qs,
        sortable={"received": "received_on", "status": "status"},
        default_sort="-received",
    )
    return render(
        request,
        "disputes/adjudication_list.html",
        {
            "listing": page,
            "filter_form": _filter_form(filters.AdjudicationFilter, request),
            "can_add": request.user.has_perm("disputes.add_casework"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def adjudication_create(request):
    if not request.user.has_perm("disputes.add_casework"):
        raise DjangoPermissionDenied(_("您无权登记裁决案件"))
    form = style(
        forms.AdjudicationCaseForm(
            request.POST or None, user=request.user, initial={"received_on": timezone.localdate()}
        )
    )
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            case = services.adjudication_register(actor=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            error = exc
        else:
            messages.success(request, _("已登记裁决案件 %(number)s") % {"number": case.number})
            return redirect("disputes:adjudication_detail", case.pk)
    return render(
        request,
        "disputes/simple_form.html",
        {
            "form": form,
            "error": error,
            "title": _("登记行政裁决案件"),
            "back": reverse("disputes:adjudication_list"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def adjudication_detail(request, pk: int):
    _require_view(request)
    case = _get(selectors.adjudication_get_for_user, request, pk)
    if request.method == "POST":
        _run(
            request,
            forms.AdjudicationDecideForm,
            services.adjudication_decide,
            _("已记录裁决结果"),
            case=case,
        )
        return redirect("disputes:adjudication_detail", case.pk)
    return render(
        request,
        "disputes/adjudication_detail.html",
        {
            "case": case,
            "form": style(
                forms.AdjudicationDecideForm(initial={"decided_on": timezone.localdate()})
            ),
            "can_change": request.user.has_perm("disputes.change_casework", case.item),
        },
    )


# --- petitions -------------------------------------------------------------------------------


@login_required
def petition_list(request):
    _require_view(request)
    qs = selectors.petition_list(user=request.user, params=request.GET, request=request)
    if request.GET.get("format") == "xlsx":
        rows = (
            (
                p.number,
                p.petitioner_name,
                p.unit.name,
                p.subject,
                _d(p.received_on),
                _d(p.acceptance_due),
                _d(p.accepted_on),
                _d(p.handling_due),
                p.get_status_display(),
                _d(p.replied_on),
            )
            for p in qs
        )
        return table_response(
            _("信访事项"),
            [
                pgettext("case", "编号"),
                _("信访人"),
                _("办理单位"),
                _("事项"),
                _("收到日期"),
                _("受理告知期限"),
                _("受理日期"),
                _("办结期限"),
                _("状态"),
                _("出具意见日期"),
            ],
            rows,
            _("信访事项.xlsx"),
        )
    page = listing(
        request,
        qs,
        sortable={
            "received": "received_on",
            "unit": "unit__name",
            "status": "status",
            "handling_due": "handling_due",
        },
        default_sort="-received",
    )
    return render(
        request,
        "disputes/petition_list.html",
        {
            "listing": page,
            "filter_form": _filter_form(filters.PetitionFilter, request),
            "today": timezone.localdate(),
            "can_add": request.user.has_perm("disputes.add_casework"),
            "open_statuses": [PetitionStatus.RECEIVED, PetitionStatus.ACCEPTED],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def petition_create(request):
    if not request.user.has_perm("disputes.add_casework"):
        raise DjangoPermissionDenied(_("您无权登记信访事项"))
    form = style(
        forms.PetitionForm(
            request.POST or None,
            user=request.user,
            initial={"received_on": timezone.localdate(), "unit": request.user.unit_id},
        )
    )
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            petition = services.petition_register(actor=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            error = exc
        else:
            messages.success(
                request,
                _("已登记信访事项 %(number)s,应在 %(due)s 前告知是否受理")
                % {"number": petition.number, "due": _d(petition.acceptance_due)},
            )
            return redirect("disputes:petition_detail", petition.pk)
    return render(
        request,
        "disputes/simple_form.html",
        {
            "form": form,
            "error": error,
            "title": _("登记信访事项"),
            "back": reverse("disputes:petition_list"),
        },
    )


PETITION_ACTIONS = {
    "accept": (forms.PetitionAcceptForm, services.petition_accept, gettext_lazy("已受理")),
    "extend": (forms.PetitionExtendForm, services.petition_extend, gettext_lazy("已延长办理期限")),
    "reply": (forms.PetitionReplyForm, services.petition_reply, gettext_lazy("已出具处理意见")),
}


@login_required
def petition_detail(request, pk: int):
    _require_view(request)
    petition = _get(selectors.petition_get_for_user, request, pk)
    today = timezone.localdate()
    return render(
        request,
        "disputes/petition_detail.html",
        {
            "petition": petition,
            "today": today,
            "can_change": request.user.has_perm("disputes.change_casework", petition),
            "accept_form": style(forms.PetitionAcceptForm(initial={"accepted_on": today})),
            "extend_form": style(forms.PetitionExtendForm()),
            "reply_form": style(forms.PetitionReplyForm(initial={"replied_on": today})),
        },
    )


@login_required
@require_POST
def petition_action(request, pk: int, action: str):
    _require_view(request)
    petition = _get(selectors.petition_get_for_user, request, pk)
    if action not in PETITION_ACTIONS:
        raise Http404(_("未知操作"))
    form_class, service, success = PETITION_ACTIONS[action]
    _run(request, form_class, service, success, petition=petition)
    return redirect("disputes:petition_detail", petition.pk)


# --- deadlines and statistics ----------------------------------------------------------------

PER_PAGE = 50


class _Known:
    """A list whose length is known from a count query although only its head was read."""

    def __init__(self, head: list, total: int):
        self.head, self.total = head, max(total, len(head))

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, index):
        return self.head[index]


DEADLINE_SORT = {
    "due": lambda i: (i.due, i.title),
    "kind": lambda i: (i.kind_label, i.due),
    "unit": lambda i: (i.unit, i.due),
}


@login_required
def deadlines(request):
    _require_view(request)
    today = timezone.localdate()
    try:
        within = max(0, min(int(request.GET.get("within", 15)), 365))
    except ValueError:
        within = 15
    kind = request.GET.get("kind", "")
    kind = kind if kind in selectors.DEADLINE_KINDS else ""
    counts = selectors.deadline_counts(user=request.user, within_days=within, today=today)
    sort = request.GET.get("sort", "due")
    key = sort.lstrip("-")
    if key not in DEADLINE_SORT:
        sort, key = "due", "due"
    export = request.GET.get("format") == "xlsx"
    try:
        page_number = max(1, int(request.GET.get("page", 1)))
    except ValueError:
        page_number = 1
    # Sorted by due date, the first pages only need the soonest rows of each kind.
    soonest_only = sort == "due" and not export
    items = selectors.upcoming_deadlines(
        request.user,
        within,
        today=today,
        kind=kind,
        limit_per_kind=page_number * PER_PAGE if soonest_only else None,
    )
    if export:
        rows = (
            (
                i.kind_label,
                i.title,
                i.unit,
                _d(i.due),
                i.days_left(today),
                _("暂定") if i.provisional else "",
            )
            for i in items
        )
        return table_response(
            _("期限预警"),
            [_("事项"), _("案件"), _("单位"), _("期限"), _("剩余天数(负数为逾期)"), _("说明")],
            rows,
            _("期限预警.xlsx"),
        )
    total = sum(c["overdue"] + c["upcoming"] for k, c in counts.items() if not kind or k == kind)
    if not soonest_only:
        items.sort(key=DEADLINE_SORT[key], reverse=sort.startswith("-"))
    params = request.GET.copy()
    params.pop("page", None)
    params.pop("sort", None)
    page = Listing(
        page=Paginator(_Known(items, total), PER_PAGE).get_page(page_number),
        sort=sort,
        querystring=params.urlencode(),
    )
    summary = [
        {"kind": k, "label": label, **counts[k]} for k, label in selectors.DEADLINE_KINDS.items()
    ]
    return render(
        request,
        "disputes/deadlines.html",
        {
            "listing": page,
            "within": within,
            "kind": kind,
            "summary": summary,
            "kinds": selectors.DEADLINE_KINDS.items(),
            "today": today,
            "overdue": sum(s["overdue"] for s in summary),
            "suspended": [
                (s, (today - s.started_on).days)
                for s in selectors.suspended_cases(user=request.user)
            ],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def period_list(request):
    """The statutory periods as editable rows; only administrators and the supervisor change them."""
    _require_view(request)
    if request.method == "POST":
        _run(
            request,
            forms.PeriodForm,
            services.period_update,
            _("已修改法定期限,此后新计算的期限按新规则"),
        )
        return redirect("disputes:period_list")
    from .models import StatutoryPeriod

    can_edit = request.user.is_superuser or request.user.has_perm("core.change_directory")
    rows = [(r, can_edit) for r in StatutoryPeriod.objects.order_by("key")]
    return render(request, "disputes/period_list.html", {"rows": rows, "can_edit": can_edit})


def _year(request) -> int:
    form = forms.StatisticsForm(request.GET or None)
    return form.cleaned_data["year"] if form.is_valid() else timezone.localdate().year


@login_required
def statistics(request):
    _require_view(request, "disputes.view_statistics")
    year = _year(request)
    recon = selectors.reconsideration_statistics(year=year)
    lit = selectors.litigation_statistics(year=year)
    trend = selectors.litigation_trend(years=range(max(2022, year - 4), year + 1))
    petitions = selectors.petition_statistics(year=year)
    if request.GET.get("format") == "xlsx":
        return _statistics_workbook(year, recon, lit, trend)
    chart = {
        "tooltip": {"trigger": "axis"},
        "legend": {"data": [_("行政诉讼案件"), _("败诉案件"), _("负责人出庭应诉率(%)")]},
        "xAxis": {"type": "category", "data": [str(t["year"]) for t in trend]},
        "yAxis": [{"type": "value", "name": _("件")}, {"type": "value", "name": "%", "max": 100}],
        "series": [
            {
                "name": _("行政诉讼案件"),
                "type": "bar",
                "data": [
                    {
                        "value": t["filed"],
                        "url": reverse("disputes:litigation_list") + f"?year={t['year']}",
                    }
                    for t in trend
                ],
            },
            {
                "name": _("败诉案件"),
                "type": "bar",
                "data": [
                    {
                        "value": t["lost"],
                        "url": reverse("disputes:litigation_list")
                        + f"?year={t['year']}&outcome=lost",
                    }
                    for t in trend
                ],
            },
            {
                "name": _("负责人出庭应诉率(%)"),
                "type": "line",
                "yAxisIndex": 1,
                "data": [t["appearance_rate"] for t in trend],
                "markLine": {
                    "data": [{"yAxis": 100, "name": _("2025年目标")}],
                    "label": {"formatter": _("目标100%")},
                },
            },
        ],
    }
    return render(
        request,
        "disputes/statistics.html",
        {
            "year": year,
            "recon": recon,
            "lit": lit,
            "trend": trend,
            "petitions": petitions,
            "chart": chart,
            "years": range(timezone.localdate().year, 2021, -1),
        },
    )


def _pct(value) -> str:
    return "—" if value is None else f"{value}%"


def _statistics_workbook(year, recon, lit, trend):
    wb = Workbook()
    ws = wb.active
    ws.title = _("行政复议")
    write_sheet(
        ws,
        [
            _("被申请人"),
            _("收案"),
            pgettext("count", "受理"),
            _("不予受理"),
            _("审结"),
            _("其中:作出决定"),
            _("其中:终止"),
            _("中止中"),
            _("纠错"),
            _("纠错率"),
            _("听证案件"),
            _("听证率"),
            _("实地调查"),
            _("实地调查率"),
            _("超期"),
        ],
        [
            (
                r["unit"],
                r["received"],
                r["accepted"],
                r["refused"],
                r["concluded"],
                r["decided"],
                r["terminated"],
                r["suspended"],
                r["corrected"],
                _pct(r["correction_rate"]),
                r["hearings"],
                _pct(r["hearing_rate"]),
                r["sites"],
                _pct(r["site_rate"]),
                r["overdue"],
            )
            for r in [*recon["rows"], recon["total"]]
        ],
    )
    write_sheet(
        wb.create_sheet(_("行政应诉")),
        [
            _("被告单位"),
            _("新收案件"),
            _("审结"),
            _("败诉"),
            _("开庭案件"),
            _("负责人出庭案件"),
            _("正职出庭"),
            _("负责人出声"),
            _("出庭应诉率"),
        ],
        [
            (
                r["unit"],
                r["filed"],
                r["closed"],
                r["lost"],
                r["heard"],
                r["head"],
                r["principal"],
                r["spoke"],
                _pct(r["appearance_rate"]),
            )
            for r in [*lit["rows"], lit["total"]]
        ],
    )
    write_sheet(
        wb.create_sheet(_("逐年趋势")),
        [
            _("年度"),
            _("行政诉讼案件"),
            _("败诉案件"),
            _("开庭案件"),
            _("负责人出庭案件"),
            _("出庭应诉率"),
        ],
        [
            (t["year"], t["filed"], t["lost"], t["heard"], t["head"], _pct(t["appearance_rate"]))
            for t in trend
        ],
    )
    return workbook_response(wb, _("纠纷化解年度统计%(year)s.xlsx") % {"year": year})
