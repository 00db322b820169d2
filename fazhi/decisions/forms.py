"""Action forms of the catalogue and dossier pages (services do every legal check)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from fazhi.core.forms import VersionedForm
from fazhi.core.models import OrgUnit

from .choices import (
    MEETINGS,
    AdviserKind,
    ChangeKind,
    EvaluationTrigger,
    HeadDecision,
    MeetingKind,
    Procedure,
    ReviewConclusion,
    RiskLevel,
)
from .models import Comment, Expert, LegalAdviser


class Text(forms.CharField):
    def __init__(self, label, required=True, rows=3, max_length=20000, help_text=""):
        super().__init__(
            label=label,
            required=required,
            max_length=max_length,
            help_text=help_text,
            widget=forms.Textarea(attrs={"rows": rows}),
        )


class Day(forms.DateField):
    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
        super().__init__(**kwargs)


def units():
    return OrgUnit.objects.filter(is_active=True).order_by("name")


class EntryForm(VersionedForm):
    matter = forms.CharField(label=_("决策事项"), max_length=200)
    scope_text = Text(_("事项范围"), rows=2)
    lead_unit = forms.ModelChoiceField(label=_("承办单位"), queryset=units())
    cooperating_units = forms.ModelMultipleChoiceField(
        label=_("配合单位"), queryset=units(), required=False
    )
    goal = Text(_("工作目标"), rows=2)
    due_on = Day(label=_("完成时限"))
    procedures = forms.MultipleChoiceField(
        label=_("适用程序"),
        choices=Procedure.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("合法性审查和集体讨论决定是必经程序,总是适用"),
    )
    hearing = forms.BooleanField(label=_("需要听证"), required=False)


class ApproveForm(VersionedForm):
    approved_on = Day(label=_("党委同意日期"))
    approval_ref = forms.CharField(label=_("党委同意文件或会议"), max_length=128)


class PublishCatalogForm(VersionedForm):
    published_on = Day(label=_("公布日期"))


class AdjustForm(VersionedForm):
    reason = Text(_("调整理由"))


class ConsultationForm(VersionedForm):
    opens_on = Day(label=_("开始日期"))
    closes_on = Day(label=_("截止日期"))
    draft_text = Text(_("草案及说明"), rows=6)
    short_reason = Text(_("期限少于法定期限的理由"), required=False, rows=2)


class HearingForm(VersionedForm):
    draft_published_on = Day(label=_("公布听证草案日期"))
    materials_sent_on = Day(label=_("材料送达参加人日期"))
    held_on = Day(label=_("听证日期"))
    participants = Text(_("听证参加人及遴选方式"), rows=2)
    record = Text(_("听证笔录摘要"))


class DoneForm(VersionedForm):
    done_on = Day(label=_("完成日期"))


class DrawForm(VersionedForm):
    field = forms.CharField(label=_("专业领域"), max_length=64)
    count = forms.IntegerField(label=_("抽取人数"), min_value=1, max_value=30)


class OpinionForm(VersionedForm):
    expert = forms.ModelChoiceField(label=_("专家"), queryset=Expert.objects.filter(is_active=True))
    text = Text(_("书面论证意见"))
    dissenting = forms.BooleanField(label=_("持不同意见"), required=False)
    given_on = Day(label=_("出具日期"))

    def __init__(self, *args, decision=None, **kwargs):
        super().__init__(*args, **kwargs)
        if decision is not None:
            self.fields["expert"].queryset = Expert.objects.filter(draws__decision=decision)


class ExpertDoneForm(VersionedForm):
    summary = Text(_("专家论证意见综述"))
    dissent_note = Text(
        _("听取不同意见情况"),
        required=False,
        rows=2,
        help_text=_("没有专家持不同意见时必填:如何注重选择持不同意见的专家(第20条)"),
    )
    done_on = Day(label=_("完成日期"))


class RiskForm(VersionedForm):
    level = forms.ChoiceField(label=_("风险评估结论"), choices=RiskLevel.choices)
    report = Text(_("风险评估报告"))
    assessor = forms.CharField(label=_("风险评估承担单位"), max_length=128, required=False)
    assessed_on = Day(label=_("风险评估日期"))


class AdjustDraftForm(VersionedForm):
    options = Text(_("调整后的决策方案"), rows=4)
    adjustment = Text(_("草案调整说明"))


class SubmitReviewForm(VersionedForm):
    review_unit = forms.ModelChoiceField(label=_("合法性审查机构"), queryset=units())
    submitted_on = Day(label=_("送审日期"))
    basis = Text(_("决策依据及履行法定程序的说明"), rows=3)
    due_on = Day(label=_("要求审查完成日期"), help_text=_("一般不少于7个工作日(第26条第2款)"))
    short_reason = Text(_("审查时间少于法定期限的理由"), required=False, rows=2)


class AdviceForm(VersionedForm):
    adviser = forms.ModelChoiceField(
        label=_("法律顾问或公职律师"), queryset=LegalAdviser.objects.filter(is_active=True)
    )
    text = Text(_("法律意见"))
    given_on = Day(label=_("出具日期"))


class ReviewForm(VersionedForm):
    conclusion = forms.ChoiceField(label=_("审查结论"), choices=ReviewConclusion.choices)
    opinion = Text(_("合法性审查意见"))
    done_on = Day(label=_("审查完成日期"))


class DiscussForm(VersionedForm):
    meeting_kind = forms.ChoiceField(
        label=_("会议类型"), choices=[(m.value, m.label) for m in MEETINGS]
    )
    meeting_on = Day(label=_("会议日期"))
    minutes = Text(_("会议纪要"))
    head_name = forms.CharField(label=_("行政首长"), max_length=64)
    head_decision = forms.ChoiceField(label=_("行政首长决定"), choices=HeadDecision.choices)
    dissent = Text(_("不同意见"), rows=2)


class PartyForm(VersionedForm):
    reported_on = Day(label=_("报请党委日期"))
    report_ref = forms.CharField(label=_("党委研究情况"), max_length=200)


class PublishDecisionForm(VersionedForm):
    published_on = Day(label=_("公布日期"))
    explanation = Text(_("意见采纳情况说明"))
    implementing_unit = forms.ModelChoiceField(label=_("决策执行单位"), queryset=units())


class ReturnMaterialsForm(VersionedForm):
    missing = Text(
        _("需补充的材料"), help_text=_("提供的材料不符合要求的,可以退回或者要求补充(第26条第1款)")
    )
    returned_on = Day(label=_("退回日期"))


class ChangeForm(VersionedForm):
    kind = forms.ChoiceField(
        label=_("类别"), choices=[c for c in ChangeKind.choices if c[0] != ChangeKind.MAJOR]
    )
    reason = Text(_("理由"))
    meeting_kind = forms.ChoiceField(label=_("会议类型"), choices=MeetingKind.choices)
    meeting_on = Day(label=_("会议日期"))
    content = Text(_("变更内容"), required=False)
    major = forms.BooleanField(
        label=_("属于重大调整"),
        required=False,
        help_text=_("重大调整须重新履行法定程序,另建决策案卷(第37条)"),
    )


class AdjustMajorForm(VersionedForm):
    reason = Text(_("重大调整理由"))
    meeting_kind = forms.ChoiceField(
        label=_("会议类型"), choices=[(m.value, m.label) for m in MEETINGS]
    )
    meeting_on = Day(label=_("会议日期"))
    title = forms.CharField(label=_("调整后的决策名称"), max_length=200)
    options = Text(_("调整方案"))
    justification = Text(_("起草说明"))


class ReportForm(forms.Form):
    report = forms.ModelChoiceField(label=_("报告期"), queryset=None)
    submitted_on = Day(label=_("报送日期"))
    progress = Text(_("执行情况"))
    problems = Text(
        _("存在问题"),
        required=False,
        rows=2,
        help_text=_("决策存在问题、客观情况发生重大变化或发生不可抗力的,应当及时报告(第35条)"),
    )

    def __init__(self, *args, decision=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["report"].queryset = decision.reports.filter(submitted_on=None)
        self.fields["report"].label_from_instance = lambda r: (
            _("%(date)s应报") % {"date": r.due_on.isoformat()}
        )


class EvaluationForm(VersionedForm):
    trigger = forms.ChoiceField(label=_("评估原因"), choices=EvaluationTrigger.choices)
    evaluator = forms.CharField(label=_("承担评估具体工作的单位"), max_length=128)
    third_party = forms.BooleanField(label=_("委托第三方评估"), required=False)
    started_on = Day(label=_("开始日期"))


class EvaluationDoneForm(forms.Form):
    evaluation = forms.ModelChoiceField(label=_("评估"), queryset=None)
    conclusion = Text(_("评估结论"))
    completed_on = Day(label=_("完成日期"))

    def __init__(self, *args, decision=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evaluation"].queryset = decision.evaluations.filter(completed_on=None)


class DocumentForm(VersionedForm):
    prefix = forms.CharField(
        label=_("文号前缀"), max_length=16, help_text=_("机关代字,如“天政审”;年份和序号自动编排")
    )
    issued_on = Day(label=_("成文日期"))

    def __init__(self, *args, prefix_initial="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["prefix"].initial = prefix_initial


class ExpertCreateForm(forms.Form):
    code = forms.CharField(label=_("专家编号"), max_length=16)
    name = forms.CharField(label=_("姓名"), max_length=64)
    fields_text = forms.CharField(
        label=_("专业领域"), max_length=200, help_text=_("多个领域用逗号分隔")
    )
    employer = forms.CharField(label=_("工作单位"), max_length=128)
    contact = forms.CharField(label=_("联系方式(不公开)"), max_length=64, required=False)
    conflict_units = forms.ModelMultipleChoiceField(
        label=_("申报的利害关系单位"),
        queryset=units(),
        required=False,
        help_text=_("抽取时与决策机关或决策承办单位有利害关系的专家自动回避(第20条)"),
    )
    conflict_note = Text(_("利害关系说明"), required=False, rows=2)

    def clean_fields_text(self):
        raw = self.cleaned_data["fields_text"].replace(",", ",").replace("、", ",")
        return [f.strip() for f in raw.split(",") if f.strip()]


class AdviserCreateForm(forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=64)
    kind = forms.ChoiceField(label=_("类别"), choices=AdviserKind.choices)
    employer = forms.CharField(label=_("执业机构或工作单位"), max_length=128)
    unit = forms.ModelChoiceField(label=_("聘请或所在单位"), queryset=units())


class AttachForm(VersionedForm):
    title = forms.CharField(label=_("材料名称"), max_length=200)
    upload = forms.FileField(label=_("文件"))


class EmptyForm(VersionedForm):
    pass


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("意见内容"), widget=forms.Textarea(attrs={"rows": 5, "maxlength": 2000})
    )
    author_name = forms.CharField(label=_("署名(可不填)"), max_length=64, required=False)


class ModerateForm(forms.Form):
    comment = forms.ModelChoiceField(label=_("意见"), queryset=Comment.objects.none())
    approve = forms.TypedChoiceField(
        label=_("审核"),
        choices=[("1", _("公开")), ("0", _("不予公开"))],
        coerce=lambda v: v == "1",
    )

    def __init__(self, *args, consultation=None, **kwargs):
        super().__init__(*args, **kwargs)
        if consultation is not None:
            self.fields["comment"].queryset = consultation.comments.filter(status="pending")


class CatalogCreateForm(forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=2019, max_value=2100)


class DecisionCreateForm(forms.Form):
    entry = forms.ModelChoiceField(label=_("目录事项"), queryset=None)
    title = forms.CharField(label=_("决策名称"), max_length=200)
    options = Text(_("决策方案(含备选方案)"), rows=4)
    justification = Text(_("起草说明"))
    requires_party_report = forms.BooleanField(label=_("需报请同级党委"), required=False)

    def __init__(self, *args, entries=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entry"].queryset = entries


class SummaryForm(VersionedForm):
    summary = Text(_("意见采纳情况及理由"), rows=5)
    summarised_on = Day(label=_("公布日期"))
