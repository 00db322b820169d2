"""Input parsing for the enforcement pages; rules live in the services."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .choices import (
    CircumstanceLevel,
    CredentialKind,
    CustodyAction,
    DecisionKind,
    InspectionOutcome,
    PartyKind,
)
from .models import DiscretionStandard, EnforcementBody, Officer


class StyledForm(forms.Form):
    """Bootstrap classes on every widget."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, (forms.Select, forms.SelectMultiple)):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs.setdefault("class", css)


HARM_CHOICES = [
    ("none", _("无危害后果")),
    ("minor", _("危害后果轻微")),
    ("some", _("有危害后果")),
]


class CaseFileForm(StyledForm):
    title = forms.CharField(label=_("案由"), max_length=200)
    party_kind = forms.ChoiceField(label=_("当事人类型"), choices=PartyKind.choices)
    party_name = forms.CharField(label=_("当事人名称/姓名"), max_length=200)
    party_uscc = forms.CharField(label=_("统一社会信用代码"), max_length=18, required=False)
    party_resident_id = forms.CharField(label=_("身份证号码"), max_length=18, required=False)
    facts = forms.CharField(
        label=_("违法事实"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    standard = forms.ModelChoiceField(
        label=_("适用裁量基准"),
        queryset=DiscretionStandard.objects.filter(is_active=True),
        required=False,
    )
    is_major = forms.BooleanField(label=_("重大执法决定(须法制审核)"), required=False)
    is_serious = forms.BooleanField(label=_("情节复杂或重大违法(须集体讨论)"), required=False)
    officers = forms.ModelMultipleChoiceField(
        label=_("承办执法人员(至少两名)"), queryset=Officer.objects.none(), required=False
    )

    def __init__(self, *args, body=None, **kwargs):
        super().__init__(*args, **kwargs)
        if body is not None:
            self.fields["officers"].queryset = Officer.objects.filter(
                body=body, is_active=True
            ).order_by("full_name")


class OfficersForm(StyledForm):
    officers = forms.ModelMultipleChoiceField(label=_("执法人员"), queryset=Officer.objects.all())


class CircumstancesForm(StyledForm):
    level = forms.ChoiceField(label=_("违法情节"), choices=CircumstanceLevel.choices)
    first_offence = forms.BooleanField(label=_("初次违法"), required=False)
    corrected_promptly = forms.BooleanField(label=_("及时改正"), required=False)
    harm = forms.ChoiceField(label=_("危害后果"), choices=HARM_CHOICES, initial="some")
    mitigating = forms.BooleanField(
        label=_("有减轻处罚情节(主动消除或减轻危害后果等)"), required=False
    )
    lenient = forms.BooleanField(label=_("有从轻处罚情节"), required=False)


class NotifyForm(CircumstancesForm):
    proposed_penalty = forms.CharField(label=_("拟处罚内容"), max_length=500)
    proposed_fine = forms.DecimalField(
        label=_("拟罚款金额(元)"), required=False, min_value=0, decimal_places=2
    )


class TextForm(StyledForm):
    text = forms.CharField(
        label=_("内容"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class ReviewForm(StyledForm):
    approved = forms.TypedChoiceField(
        label=_("审核结论"),
        choices=[("1", _("同意")), ("0", _("退回补充调查"))],
        coerce=lambda v: v == "1",
    )
    opinion = forms.CharField(
        label=pgettext_lazy("legal review", "审核意见"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ExtendForm(StyledForm):
    days = forms.IntegerField(label=_("延长天数"), min_value=1, max_value=365)
    reason = forms.CharField(label=_("延期理由"), widget=forms.Textarea(attrs={"rows": 2}))


class DecideForm(StyledForm):
    decision_kind = forms.ChoiceField(label=_("决定类型"), choices=DecisionKind.choices)
    fine = forms.DecimalField(
        label=_("罚款金额(元)"), required=False, min_value=0, decimal_places=2
    )
    other_penalty = forms.CharField(label=_("其他处罚"), max_length=200, required=False)
    outside_range_reason = forms.CharField(
        label=_("超出裁量范围的理由(超出时必填)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class EvidenceForm(StyledForm):
    title = forms.CharField(label=_("证据名称"), max_length=200)
    upload = forms.FileField(label=_("文件"))


class CustodyForm(StyledForm):
    action = forms.ChoiceField(
        label=_("动作"),
        choices=[c for c in CustodyAction.choices if c[0] != CustodyAction.COLLECTED],
    )
    note = forms.CharField(label=_("说明"), max_length=200, required=False)


class UploadForm(StyledForm):
    upload = forms.FileField(label=_("文件"))


class PlanForm(StyledForm):
    title = forms.CharField(label=_("计划名称"), max_length=200)
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    scope = forms.CharField(label=_("抽查事项与范围"), widget=forms.Textarea(attrs={"rows": 2}))
    categories = forms.MultipleChoiceField(
        label=_("行业类别(不选表示全部)"), required=False, choices=()
    )
    ratio_percent = forms.DecimalField(
        label=_("抽查比例(%)"), min_value=0.01, max_value=100, decimal_places=2
    )
    joint_bodies = forms.ModelMultipleChoiceField(
        label=_("联合抽查部门"),
        required=False,
        queryset=EnforcementBody.objects.select_related("unit"),
    )

    def __init__(self, *args, categories=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["categories"].choices = [(c, c) for c in categories]


class ResultForm(StyledForm):
    outcome = forms.ChoiceField(
        label=_("检查结果"),
        choices=[c for c in InspectionOutcome.choices if c[0] != InspectionOutcome.PENDING],
    )
    note = forms.CharField(label=_("结果说明"), max_length=500, required=False)
    inspected_on = forms.DateField(
        label=_("检查日期"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


class GuidingCaseForm(StyledForm):
    title = forms.CharField(label=_("标题"), max_length=200)
    field = forms.CharField(label=_("执法领域"), max_length=64)
    summary = forms.CharField(label=_("基本案情"), widget=forms.Textarea(attrs={"rows": 3}))
    key_points = forms.CharField(label=_("指导意义"), widget=forms.Textarea(attrs={"rows": 3}))
    legal_basis = forms.CharField(
        label=_("法律依据"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class CredentialForm(StyledForm):
    number = forms.CharField(label=_("证件编号"), max_length=32)
    kind = forms.ChoiceField(label=_("证件种类"), choices=CredentialKind.choices)
    issued_on = forms.DateField(
        label=_("发证日期"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    valid_until = forms.DateField(
        label=_("有效期至"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


class TrainingForm(StyledForm):
    trained_on = forms.DateField(
        label=_("培训日期"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    course = forms.CharField(label=_("培训内容"), max_length=200)
    hours = forms.DecimalField(label=_("学时"), min_value=0.5, max_value=200, decimal_places=1)


class RelationForm(StyledForm):
    uscc = forms.CharField(label=_("检查对象统一社会信用代码"), max_length=18)
    relation = forms.CharField(label=_("关系(如:配偶经营、曾任顾问)"), max_length=100)
