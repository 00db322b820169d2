"""The dossier page: every step of the five procedures, execution and change as declared actions."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from fazhi.core.errors import ApplicationError
from fazhi.core.pages import Action, ObjectDetailView, with_row
from fazhi.core.scoping import get_for_user

from .. import documents as texts
from .. import forms, selectors
from ..choices import DocumentKind, Procedure, RiskLevel, Stage
from ..models import OfficialDocument
from ..services import documents, dossier, execution, experts
from ..services.execution import IN_FORCE
from ..services.order import refusal
from ..services.steps import DRAFT, REVIEW


def step(name, label, form, service, allowed, *, perm=DRAFT, **kwargs) -> Action:
    """An action on the dossier, offered at the stages `allowed` (None: at any stage)."""
    return Action(
        name,
        label,
        form,
        service,
        perm=perm,
        allowed=allowed,
        status_field="stage",
        target="decision_id",
        **kwargs,
    )


ISSUE_LABELS = {
    DocumentKind.CONSULTATION_NOTICE: _("印发征求意见公告"),
    DocumentKind.EXPERT_SUMMARY: _("印发专家论证意见综述"),
    DocumentKind.REVIEW_OPINION: _("印发合法性审查意见书"),
    DocumentKind.PUBLICATION_NOTICE: _("印发决策公布公告"),
}


def _verified(draw) -> bool:
    """Whether the selection recomputes from the published list and the revealed seed."""
    try:
        return bool(draw.seed) and experts.recompute(draw) == draw.selection
    except ApplicationError:
        return False


def _document_action(kind: DocumentKind) -> Action:
    def ready(user, d):
        issued = {doc.kind for doc in d.documents.all()}
        return kind not in issued and texts.ready(d, kind, selectors.decision_consultation(d))

    return step(
        f"doc_{kind}",
        ISSUE_LABELS[kind],
        forms.DocumentForm,
        partial(documents.document_issue, kind=kind.value),
        None,
        perm=documents.PERMS[kind],
        visible=ready,
        form_kwargs=lambda u, d: {"prefix_initial": documents.last_prefix(d, kind)},
        success=lambda doc: _("已印发%(number)s") % {"number": doc.number},
    )


class DecisionDetail(ObjectDetailView):
    permission = "decisions.view"
    selector = staticmethod(selectors.decision_get_for_user)
    template_name = "decisions/decision_detail.html"
    actions = [
        step(
            "draft_done",
            _("起草完成,进入下一程序"),
            forms.EmptyForm,
            dossier.decision_complete_draft,
            (Stage.DRAFTING,),
            visible=lambda u, d: not d.needs(Procedure.PUBLIC_PARTICIPATION),
            success=_("已进入下一程序"),
        ),
        step(
            "consult",
            _("公开征求意见"),
            forms.ConsultationForm,
            dossier.decision_open_consultation,
            (Stage.DRAFTING,),
            visible=lambda u, d: d.needs(Procedure.PUBLIC_PARTICIPATION),
            success=_("已公开征求意见"),
        ),
        step(
            "hearing",
            _("登记听证"),
            forms.HearingForm,
            dossier.decision_record_hearing,
            (Stage.PARTICIPATION,),
            success=_("已登记听证"),
        ),
        step(
            "participation_done",
            _("公众参与完成"),
            forms.DoneForm,
            dossier.decision_finish_participation,
            (Stage.PARTICIPATION,),
            success=_("公众参与程序已完成"),
        ),
        step(
            "draw",
            _("随机抽取论证专家"),
            forms.DrawForm,
            experts.draw_commit,
            (Stage.EXPERT,),
            visible=lambda u, d: not d.draws.filter(seed="").exists(),
            success=_("已公布候选名单和种子承诺值"),
        ),
        step(
            "run_draw",
            _("揭示种子并抽取"),
            forms.EmptyForm,
            experts.decision_run_draw,
            (Stage.EXPERT,),
            visible=lambda u, d: d.draws.filter(seed="").exists(),
            success=_("已抽取"),
        ),
        step(
            "opinion",
            _("登记专家论证意见"),
            forms.OpinionForm,
            experts.decision_record_opinion,
            (Stage.EXPERT,),
            visible=lambda u, d: d.draws.exclude(seed="").exists(),
            form_kwargs=with_row("decision"),
            success=_("已登记专家意见"),
        ),
        step(
            "expert_done",
            _("专家论证完成"),
            forms.ExpertDoneForm,
            experts.decision_finish_expert,
            (Stage.EXPERT,),
            visible=lambda u, d: d.opinions.exists(),
            success=_("专家论证已完成"),
        ),
        step(
            "risk",
            _("登记风险评估结论"),
            forms.RiskForm,
            dossier.decision_assess_risk,
            (Stage.RISK,),
            visible=lambda u, d: d.risk_level != RiskLevel.UNCONTROLLABLE,
            success=_("已登记风险评估"),
        ),
        step(
            "adjust_draft",
            _("调整决策草案"),
            forms.AdjustDraftForm,
            dossier.decision_adjust_draft,
            (Stage.RISK,),
            visible=lambda u, d: d.risk_level == RiskLevel.UNCONTROLLABLE,
            success=_("草案已调整,请重新评估风险"),
        ),
        step(
            "submit_review",
            _("送请合法性审查"),
            forms.SubmitReviewForm,
            dossier.decision_submit_review,
            (Stage.LEGALITY,),
            visible=lambda u, d: d.review_submitted_on is None,
            success=_("已送请合法性审查"),
        ),
        step(
            "return_materials",
            _("退回补充材料"),
            forms.ReturnMaterialsForm,
            dossier.decision_return_materials,
            (Stage.LEGALITY,),
            perm=REVIEW,
            visible=lambda u, d: d.review_submitted_on is not None,
            success=_("已退回,承办单位补充材料后重新送审,审查时间自重新送审起计算"),
        ),
        step(
            "advice",
            _("登记法律顾问意见"),
            forms.AdviceForm,
            dossier.decision_record_advice,
            (Stage.LEGALITY,),
            perm=REVIEW,
            success=_("已登记法律意见"),
        ),
        step(
            "review",
            _("出具合法性审查意见"),
            forms.ReviewForm,
            dossier.decision_review,
            (Stage.LEGALITY,),
            perm=REVIEW,
            success=_("已出具审查意见"),
        ),
        step(
            "discuss",
            _("登记集体讨论决定"),
            forms.DiscussForm,
            dossier.decision_discuss,
            (Stage.DISCUSSION,),
            success=_("已登记集体讨论决定"),
        ),
        step(
            "party",
            _("登记报请党委"),
            forms.PartyForm,
            dossier.decision_report_party,
            (Stage.PARTY_REPORT,),
            success=_("已登记"),
        ),
        step(
            "publish",
            _("公布决策"),
            forms.PublishDecisionForm,
            dossier.decision_publish,
            (Stage.DECIDED,),
            success=_("决策已公布"),
        ),
        step(
            "report",
            _("报送执行情况"),
            forms.ReportForm,
            execution.decision_submit_report,
            IN_FORCE,
            perm="decisions.implement_decision",
            visible=lambda u, d: d.reports.filter(submitted_on=None).exists(),
            form_kwargs=with_row("decision"),
            success=_("已报送执行情况"),
        ),
        step(
            "evaluate",
            _("组织决策后评估"),
            forms.EvaluationForm,
            execution.evaluation_start,
            (*IN_FORCE, Stage.STOPPED),
            success=_("已组织决策后评估"),
        ),
        step(
            "evaluation_done",
            _("登记评估结论"),
            forms.EvaluationDoneForm,
            execution.decision_complete_evaluation,
            (*IN_FORCE, Stage.STOPPED),
            visible=lambda u, d: d.evaluations.filter(completed_on=None).exists(),
            form_kwargs=with_row("decision"),
            success=_("已登记评估结论"),
        ),
        step(
            "change",
            _("变更、暂停或停止执行"),
            forms.ChangeForm,
            execution.decision_change,
            IN_FORCE,
            danger=True,
            success=_("已登记"),
        ),
        step(
            "adjust_major",
            _("重大调整(新建决策案卷)"),
            forms.AdjustMajorForm,
            execution.decision_adjust_major,
            IN_FORCE,
            success=lambda new: (
                _("已新建调整案卷%(number)s,请依法重新履行相关程序") % {"number": new.number}
            ),
        ),
        step(
            "attach",
            _("上传决策材料"),
            forms.AttachForm,
            dossier.decision_attach,
            None,
            success=_("已上传"),
        ),
        *[_document_action(kind) for kind in DocumentKind],
    ]

    def post(self, request, *args, **kwargs):
        """A procedure posted out of its statutory order (a stale page, a forged form) is refused
        with the article that orders it, as the service would say, not a bare "not now"."""
        name = request.GET.get("action") or request.POST.get("action")
        action = next((a for a in self.actions if a.name == name), None)
        if action is not None and action.allowed:
            obj = self.get_object(request, kwargs[self.pk_kwarg])
            may = not action.perm or request.user.has_perm(action.perm, obj)
            why = refusal(obj, action.allowed) if may else ""
            if why:
                messages.error(request, why)
                return redirect(request.path)
        return super().post(request, *args, **kwargs)

    def extra_context(self, request, obj):
        draws = list(obj.draws.prefetch_related("selected"))
        for draw in draws:
            draw.verified = _verified(draw)
        return {
            "consultation": selectors.decision_consultation(obj),
            "hearings": obj.hearings.all(),
            "draws": draws,
            "opinions": obj.opinions.select_related("expert"),
            "advice": obj.advice.select_related("adviser"),
            "attachments": obj.attachments.all(),
            "documents": obj.documents.all(),
            "reports": obj.reports.all(),
            "evaluations": obj.evaluations.all(),
            "changes": obj.changes.all(),
            "adjustments": obj.adjustments.order_by("pk"),
            "can_audit": request.user.has_perm("decisions.view_accountability"),
        }


@require_GET
@login_required
def document_download(request, pk):
    """An issued document as it was issued (the .docx kept with its SM3)."""
    doc = get_for_user(OfficialDocument.objects.select_related("decision"), request.user, pk)
    return FileResponse(
        doc.file.open("rb"),
        as_attachment=True,
        filename=f"{doc.number}{doc.get_kind_display()}.docx",
    )
