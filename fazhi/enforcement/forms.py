"""Input parsing for the enforcement pages; rules live in the services.

Widgets get their Bootstrap classes from the form renderer (`core.forms`). Action forms extend
`VersionedForm` and name their fields as the service's keywords.
"""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from fazhi.catalogs.choices import PowerKind
from fazhi.catalogs.models import CatalogItem
from fazhi.core.forms import VersionedForm

from . import selectors
from .choices import (
    CircumstanceLevel,
    CredentialKind,
    CustodyAction,
    DecisionKind,
    InspectionOutcome,
    MatterType,
    PartyKind,
)
from .models import (
    Credential,
    DiscretionStandard,
    EnforcementBody,
    EnforcementMatter,
    InspectionTarget,
    Officer,
    TrainingSession,
)

HARM_CHOICES = [
    ("none", _("无危害后果")),
    ("minor", _("危害后果轻微")),
    ("some", _("有危害后果")),
]


class PowerItemField(forms.ModelChoiceField):
    """An item of the body's power list in force, shown by its code and name."""

    def __init__(self, **kwargs):
        super().__init__(queryset=CatalogItem.objects.none(), **kwargs)

    def label_from_instance(self, obj) -> str:
        return f"{obj.code} {obj.name}"


class CaseFileForm(forms.Form):
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
    power_item = PowerItemField(
        label=_("权责清单事项"),
        required=False,
        help_text=_("本机关现行权责清单中的行政处罚事项;清单已发布的,立案须选择"),
    )

    def __init__(self, *args, body=None, **kwargs):
        super().__init__(*args, **kwargs)
        if body is not None:
            self.fields["power_item"].queryset = selectors.power_items_for(
                body, (PowerKind.PENALTY,)
            )
            self.fields["officers"].queryset = Officer.objects.filter(
                body=body, is_active=True
            ).order_by("full_name")
            self.fields["standard"].queryset = DiscretionStandard.objects.filter(
                Q(body__isnull=True) | Q(body=body), is_active=True
            )


class OfficersForm(VersionedForm):
    officers = forms.ModelMultipleChoiceField(
        label=_("指派执法人员(至少两名,持有效证件)"), queryset=Officer.objects.none()
    )

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officers"].widget.attrs["size"] = 4
        if case is not None:
            self.fields["officers"].queryset = (
                Officer.objects.filter(body_id=case.body_id, is_active=True)
                .prefetch_related("credentials")
                .order_by("full_name")
            )
            if not self.is_bound:
                self.initial["officers"] = [o.pk for o in case.officers.all()]


class StepForm(VersionedForm):
    """A step that needs nothing but the version the user saw."""

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)


class HearingForm(StepForm):
    record = forms.CharField(
        label=_("听证笔录摘要"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class DiscussForm(StepForm):
    minutes = forms.CharField(
        label=_("集体讨论纪要"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class ExecuteForm(StepForm):
    note = forms.CharField(
        label=_("执行情况(如:罚款已缴纳)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class CircumstancesForm(forms.Form):
    level = forms.ChoiceField(label=_("违法情节"), choices=CircumstanceLevel.choices)
    first_offence = forms.BooleanField(label=_("初次违法"), required=False)
    corrected_promptly = forms.BooleanField(label=_("及时改正"), required=False)
    harm = forms.ChoiceField(label=_("危害后果"), choices=HARM_CHOICES, initial="some")
    mitigating = forms.BooleanField(
        label=_("有减轻处罚情节(主动消除或减轻危害后果等)"), required=False
    )
    lenient = forms.BooleanField(label=_("有从轻处罚情节"), required=False)


class NotifyForm(VersionedForm, CircumstancesForm):
    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        if case is not None and not self.is_bound:
            self.initial.update(level=case.circumstance_level or "general", harm=case.harm)

    proposed_penalty = forms.CharField(label=_("拟处罚内容"), max_length=500)
    proposed_fine = forms.DecimalField(
        label=_("拟罚款金额(元)"), required=False, min_value=0, decimal_places=2
    )


class ReviewForm(StepForm):
    approved = forms.TypedChoiceField(
        label=_("审核结论"),
        choices=[("1", _("同意")), ("0", _("退回补充调查"))],
        coerce=lambda v: v == "1",
    )
    opinion = forms.CharField(
        label=pgettext_lazy("legal review", "审核意见"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ExtendForm(StepForm):
    days = forms.IntegerField(label=_("延长天数"), min_value=1, max_value=365)
    reason = forms.CharField(label=_("延期理由"), widget=forms.Textarea(attrs={"rows": 2}))


class DecideForm(VersionedForm):
    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        if case is not None and not self.is_bound:
            no_penalty = case.exemption_applied in ("no_penalty", "first_offence")
            self.initial.update(
                decision_kind=DecisionKind.NO_PENALTY if no_penalty else DecisionKind.PENALTY,
                fine=case.proposed_fine,
            )

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


class EvidenceForm(StepForm):
    title = forms.CharField(label=_("证据名称"), max_length=200)
    upload = forms.FileField(label=_("文件"))


class CustodyForm(forms.Form):
    action = forms.ChoiceField(
        label=_("动作"),
        choices=[c for c in CustodyAction.choices if c[0] != CustodyAction.COLLECTED],
    )
    note = forms.CharField(label=_("说明"), max_length=200, required=False)


class UploadForm(forms.Form):
    upload = forms.FileField(label=_("文件"))


class PlanForm(forms.Form):
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

    def __init__(self, *args, categories=(), joint_bodies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["categories"].choices = [(c, c) for c in categories]
        if joint_bodies is not None:
            self.fields["joint_bodies"].queryset = joint_bodies


class ResultForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("检查结果"),
        choices=[c for c in InspectionOutcome.choices if c[0] != InspectionOutcome.PENDING],
    )
    note = forms.CharField(label=_("结果说明"), max_length=500, required=False)
    inspected_on = forms.DateField(
        label=_("检查日期"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


class GuidingCaseForm(forms.Form):
    title = forms.CharField(label=_("标题"), max_length=200)
    field = forms.CharField(label=_("执法领域"), max_length=64)
    summary = forms.CharField(label=_("基本案情"), widget=forms.Textarea(attrs={"rows": 3}))
    key_points = forms.CharField(label=_("指导意义"), widget=forms.Textarea(attrs={"rows": 3}))
    legal_basis = forms.CharField(
        label=_("法律依据"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class CredentialForm(forms.Form):
    def __init__(self, *args, officer=None, **kwargs):
        super().__init__(*args, **kwargs)

    number = forms.CharField(label=_("证件编号"), max_length=32)
    kind = forms.ChoiceField(label=_("证件种类"), choices=CredentialKind.choices)
    issued_on = forms.DateField(
        label=_("发证日期"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    valid_until = forms.DateField(
        label=_("有效期至"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


class TrainingForm(forms.Form):
    session = forms.ModelChoiceField(
        label=_("参加的培训"), queryset=TrainingSession.objects.order_by("-held_on", "-id")
    )

    def __init__(self, *args, officer=None, **kwargs):
        super().__init__(*args, **kwargs)


class TrainingSessionForm(forms.Form):
    course = forms.CharField(label=_("培训内容"), max_length=200)
    held_on = forms.DateField(
        label=_("培训日期"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    hours = forms.DecimalField(label=_("学时"), min_value=0.5, max_value=200, decimal_places=1)
    organiser = forms.CharField(label=_("组织单位"), max_length=128)


class OfficerCreateForm(forms.Form):
    full_name = forms.CharField(label=_("姓名"), max_length=64)
    resident_id = forms.CharField(label=_("身份证号码"), max_length=18, required=False)
    position = forms.CharField(label=_("职务"), max_length=64, required=False)


class CredentialStatusForm(forms.Form):
    credential = forms.ModelChoiceField(label=_("执法证"), queryset=Credential.objects.none())
    status = forms.ChoiceField(label=_("状态"), choices=())

    def __init__(self, *args, officer=None, **kwargs):
        super().__init__(*args, **kwargs)
        from .choices import CredentialStatus

        self.fields["status"].choices = CredentialStatus.choices
        if officer is not None:
            self.fields["credential"].queryset = officer.credentials.all()


class RelationForm(forms.Form):
    target = forms.CharField(label=_("检查对象统一社会信用代码"), max_length=18)
    relation = forms.CharField(label=_("关系(如:配偶经营、曾任顾问)"), max_length=100)

    def __init__(self, *args, officer=None, **kwargs):
        super().__init__(*args, **kwargs)

    def clean_target(self):
        target = InspectionTarget.objects.filter(
            uscc=self.cleaned_data["target"].strip().upper()
        ).first()
        if target is None:
            raise forms.ValidationError(_("名录中没有该统一社会信用代码的检查对象"))
        return target


class MatterForm(forms.Form):
    name = forms.CharField(label=_("事项名称"), max_length=200)
    matter_type = forms.ChoiceField(label=_("事项类型"), choices=MatterType.choices)
    legal_basis = forms.CharField(label=_("法律依据"), widget=forms.Textarea(attrs={"rows": 2}))
    in_random_inspection = forms.BooleanField(label=_("列入随机抽查事项清单"), required=False)
    power_item = PowerItemField(
        label=_("权责清单事项"),
        required=False,
        help_text=_("本机关现行权责清单中与事项类型相同的事项"),
    )

    def __init__(self, *args, body=None, **kwargs):
        super().__init__(*args, **kwargs)
        if body is not None:
            self.fields["power_item"].queryset = selectors.power_items_for(body, None)


class MatterLinkForm(forms.Form):
    """Re-link a matter (one flagged after a new power list, or never linked) to an item."""

    matter = forms.ModelChoiceField(label=_("执法事项"), queryset=EnforcementMatter.objects.none())
    power_item = PowerItemField(label=_("权责清单事项"))

    def __init__(self, *args, body=None, **kwargs):
        super().__init__(*args, **kwargs)
        if body is not None:
            self.fields["matter"].queryset = body.matters.order_by("matter_type", "name")
            self.fields["power_item"].queryset = selectors.power_items_for(body, None)
