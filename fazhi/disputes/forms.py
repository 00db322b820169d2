"""Forms parse input only; the rules live in services."""

from django import forms
from django.db.models import Q
from django.utils.functional import lazy
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from fazhi.core.choices import UnitKind
from fazhi.core.forms import MultipleFileField, VersionedForm
from fazhi.core.models import OrgUnit
from fazhi.core.numbering import court_name

from . import choices
from .models import AdjudicationItem


def _example(text, number: str) -> SafeString:
    """A help text whose example is a Chinese document number: data, marked as Chinese."""
    span = format_html('<span lang="zh-hans">{}</span>', number)
    return mark_safe(escape(str(text)) % {"example": span})  # noqa: S308 - escaped above


example = lazy(_example, str, SafeString)


class ChineseTextInput(forms.TextInput):
    """A text input for a name that is data in Chinese (an authority, a court)."""

    def __init__(self, attrs=None):
        super().__init__({"lang": "zh-hans", **(attrs or {})})


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def D(label, required=True, **kw):  # noqa: N802 - reads like a field type
    return forms.DateField(label=label, required=required, widget=DateInput(), **kw)


def T(label, required=True, rows=3, max_length=4000):  # noqa: N802
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def agencies():
    """Bodies that can be a respondent or defendant: government departments, offices and townships."""
    kinds = [
        UnitKind.GOVERNMENT_DEPARTMENT,
        UnitKind.GOVERNMENT_OFFICE,
        UnitKind.TOWNSHIP_GOVERNMENT,
        UnitKind.PUBLIC_INSTITUTION,
    ]
    return OrgUnit.objects.filter(Q(kind__in=kinds), is_active=True).order_by("kind", "name")


class UnitChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


def unit_choice(label) -> UnitChoice:
    """A unit to pick (its queryset set by the form); none picked is refused by the service."""
    return UnitChoice(
        label=label, queryset=OrgUnit.objects.none(), required=False, empty_label=_("请选择")
    )


def own(qs, user, unit: str = "pk"):
    """`qs` for the reconsideration office, which registers for any unit; else the user's own
    unit's rows only (`unit` is the lookup of the unit's id)."""
    if user is not None and not user.has_perm("disputes.handle_reconsideration"):
        qs = qs.filter(**{unit: user.unit_id})
    return qs


class CaseworkForm(forms.Form):
    """Registration of a mediation or petition: the `unit` is the user's own, any active unit
    for the reconsideration office."""

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        units = OrgUnit.objects.filter(is_active=True).order_by("kind", "name")
        self.fields["unit"].queryset = own(units, user)


class ApplicationForm(forms.Form):
    applicant_kind = forms.ChoiceField(label=_("申请人类型"), choices=choices.PartyKind.choices)
    applicant_name = forms.CharField(label=_("申请人姓名或名称"), max_length=128)
    applicant_id_number = forms.CharField(
        label=_("身份证号码或统一社会信用代码"), max_length=18, required=False
    )
    applicant_phone = forms.CharField(label=_("联系电话"), max_length=32)
    applicant_address = forms.CharField(label=_("联系地址"), max_length=255, required=False)
    respondent = unit_choice(_("被申请人(作出行政行为的机关)"))
    act_description = forms.CharField(
        label=_("申请复议的行政行为"),
        max_length=255,
        help_text=example(
            _("如:县市场监督管理局作出的%(example)s行政处罚决定"), "天市监罚〔2026〕15号"
        ),
    )
    act_known_on = D(_("知道该行政行为的日期"))
    request = T(_("复议请求"))
    facts_reasons = T(_("事实和理由"), required=False, rows=5)
    files = MultipleFileField(label=_("申请材料(可多选:PDF、图片、Word)"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["respondent"].queryset = agencies()


class CounterApplicationForm(ApplicationForm):
    channel = forms.ChoiceField(
        label=_("申请方式"),
        choices=[c for c in choices.Channel.choices if c[0] != choices.Channel.ONLINE],
    )
    received_on = D(_("收到申请日期"))
    applicant_phone = forms.CharField(label=_("联系电话"), max_length=32, required=False)


class QueryForm(forms.Form):
    number = forms.CharField(
        label=_("案号"), max_length=40, help_text=example(_("如 %(example)s"), "天政复〔2026〕12号")
    )
    code = forms.CharField(
        label=_("查询码"), max_length=64, widget=forms.PasswordInput(render_value=False)
    )


class AcceptForm(VersionedForm):
    accepted_on = D(_("受理日期"))
    procedure = forms.ChoiceField(label=_("审理程序"), choices=choices.Procedure.choices)
    is_major = forms.BooleanField(label=_("重大、疑难、复杂案件"), required=False)


class RefuseForm(VersionedForm):
    refused_on = D(_("不予受理日期"))
    reason = T(_("不予受理理由"))


class SupplementRequestForm(VersionedForm):
    requested_on = D(_("补正通知日期"))
    items = T(_("需补正的材料(一次性列明)"))


class SupplementRecordForm(VersionedForm):
    supplied_on = D(_("收到补正材料日期"))
    files = MultipleFileField(label=_("补正材料"), required=False)


class CopyForm(VersionedForm):
    sent_on = D(_("发送申请书副本日期"))


class RespondentReplyForm(VersionedForm):
    replied_on = D(_("答复日期"))
    text = T(_("书面答复(附证据目录)"), rows=5)


class HearingForm(VersionedForm):
    kind = forms.ChoiceField(label=_("方式"), choices=choices.HearingKind.choices)
    notice_on = D(_("通知日期(听证必填)"), required=False)
    held_on = D(_("日期"))
    place = forms.CharField(label=_("地点"), max_length=128, required=False)
    participants = forms.CharField(label=_("参加人员"), max_length=255, required=False)
    respondent_head_attended = forms.BooleanField(label=_("被申请人负责人参加"), required=False)
    summary = T(_("情况记录"), required=False)


class CommitteeForm(VersionedForm):
    consulted_on = D(_("咨询日期"))
    opinion = T(_("委员会咨询意见"))


class ExtensionForm(VersionedForm):
    approved_on = D(_("批准日期"))
    approver = forms.CharField(label=_("批准人(复议机构负责人)"), max_length=64)
    days = forms.IntegerField(label=_("延长天数"), min_value=1, max_value=30)
    reason = T(_("延期理由"))


class DecisionForm(VersionedForm):
    decided_on = D(_("决定日期"))
    decision_type = forms.ChoiceField(label=_("决定类型"), choices=choices.DecisionType.choices)
    doc_number = forms.CharField(
        label=_("决定书文号"),
        max_length=64,
        help_text=example(_("如 %(example)s"), "天政复〔2026〕12号"),
    )
    text = T(_("决定书正文"), rows=8, max_length=20000)


class SuspendForm(VersionedForm):
    ground = forms.ChoiceField(
        label=_("中止事由(第39条第1款)"), choices=choices.SuspensionGround.choices
    )
    suspended_on = D(_("中止日期"))
    notified_on = D(_("书面告知当事人日期"), required=False)
    note = T(_("中止说明"), required=False, rows=2)


class ResumeForm(VersionedForm):
    resumed_on = D(_("恢复审理日期"))
    notified_on = D(_("书面告知当事人日期"), required=False)
    note = T(_("恢复说明(中止原因如何消除)"), required=False, rows=2)


class TerminateForm(VersionedForm):
    ground = forms.ChoiceField(
        label=_("终止事由(第41条)"), choices=choices.TerminationGround.choices
    )
    terminated_on = D(_("终止日期"))
    notified_on = D(_("书面告知当事人日期"), required=False)
    note = T(_("终止说明"), required=False, rows=2)


class PublishForm(VersionedForm):
    published_on = D(_("公开日期"))


class LetterForm(forms.Form):
    kind = forms.ChoiceField(label=_("类别"), choices=choices.LetterKind.choices)
    addressee = unit_choice(_("收文单位"))
    # Authority names are data, typed and shown in Chinese.
    issuer = forms.CharField(label=_("制发机关"), max_length=128, widget=ChineseTextInput)
    doc_number = forms.CharField(label=_("文号"), max_length=64)
    issued_on = D(_("制发/收到日期"))
    content = T(_("主要内容"))

    def __init__(self, *args, kinds=None, defaults=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["addressee"].queryset = agencies()
        if kinds is not None:
            self.fields["kind"].choices = [c for c in choices.LetterKind.choices if c[0] in kinds]
        for name, value in (defaults or {}).items():
            self.initial.setdefault(name, value)


class LetterReplyForm(forms.Form):
    replied_on = D(_("回复日期"))
    text = T(_("整改落实情况"))


class FollowUpForm(forms.Form):
    note = T(_("督促情况"), rows=2)


class LitigationForm(forms.Form):
    court_case_number = forms.CharField(
        label=_("法院案号"),
        max_length=64,
        help_text=example(_("如 %(example)s"), "(2026)晋0222行初12号"),
    )
    court = forms.CharField(
        label=_("审理法院"),
        max_length=64,
        required=False,
        help_text=_("留空则为被告单位所在地的基层人民法院"),
        widget=ChineseTextInput,
    )
    instance = forms.ChoiceField(label=_("审级"), choices=choices.Instance.choices)
    defendant = unit_choice(_("被告单位"))
    plaintiff_name = forms.CharField(label=_("原告"), max_length=128)
    cause = forms.CharField(label=_("案由"), max_length=255)
    filed_on = D(_("立案日期"))
    served_on = D(_("起诉状副本送达日期"))
    head_notified = forms.BooleanField(label=_("法院通知负责人出庭"), required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["defendant"].queryset = own(agencies(), user)
        if user is not None and user.unit_id:
            self.fields["court"].initial = court_name(user.unit.region)


class DefenceForm(VersionedForm):
    submitted_on = D(_("提交答辩状日期"))


class CourtHearingForm(VersionedForm):
    held_on = D(_("开庭日期"))
    appearance = forms.ChoiceField(label=_("出庭情况"), choices=choices.Appearance.choices)
    head_name = forms.CharField(label=_("出庭负责人姓名"), max_length=64, required=False)
    head_title = forms.CharField(label=_("职务"), max_length=64, required=False)
    head_spoke = forms.BooleanField(label=_("负责人当庭发言(出声)"), required=False)
    staff_names = forms.CharField(label=_("出庭工作人员"), max_length=255, required=False)
    absence_reason = T(_("负责人未出庭理由"), required=False, rows=2)


class CloseForm(VersionedForm):
    closed_on = D(_("结案日期"))
    outcome = forms.ChoiceField(label=_("结果"), choices=choices.Outcome.choices)
    summary = T(_("裁判要旨"), required=False)


class MediationForm(CaseworkForm):
    unit = unit_choice(_("调解单位"))
    kind = forms.ChoiceField(label=_("调解类型"), choices=choices.MediationKind.choices)
    category = forms.CharField(
        label=_("纠纷类别"), max_length=64, help_text=_("如 消费者权益、交通损害赔偿、房屋土地征收")
    )
    parties = forms.CharField(label=_("当事人"), max_length=255)
    subject = T(_("纠纷简况"))
    received_on = D(_("受理日期"))


class MediationResultForm(forms.Form):
    agreed = forms.TypedChoiceField(
        label=_("结果"),
        choices=[("1", _("达成协议")), ("0", _("调解不成"))],
        coerce=lambda v: v == "1",
    )
    on = D(_("日期"))
    summary = T(_("协议内容"), required=False)


class ConfirmationForm(forms.Form):
    requested_on = D(_("申请司法确认日期"))
    confirmed_on = D(_("法院确认日期(已确认时填写)"), required=False)


class AdjudicationItemForm(forms.Form):
    name = forms.CharField(label=_("裁决事项"), max_length=128)
    legal_basis = forms.CharField(label=_("设定依据"), max_length=255)
    unit = unit_choice(_("实施主体"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = agencies()


class AdjudicationCaseForm(forms.Form):
    item = forms.ModelChoiceField(
        label=_("裁决事项"),
        queryset=AdjudicationItem.objects.none(),
        required=False,
        empty_label=_("请选择"),
    )
    applicant_name = forms.CharField(label=_("申请人"), max_length=128)
    other_party = forms.CharField(label=_("被申请人"), max_length=128)
    received_on = D(_("受理日期"))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        items = AdjudicationItem.objects.filter(is_active=True).select_related("unit")
        self.fields["item"].queryset = own(items, user, unit="unit_id")


class AdjudicationDecideForm(forms.Form):
    decided_on = D(_("裁决日期"))
    result = T(_("裁决结果"))


class PetitionForm(CaseworkForm):
    unit = unit_choice(_("办理单位"))
    petitioner_name = forms.CharField(label=_("信访人"), max_length=64)
    channel = forms.ChoiceField(label=_("信访形式"), choices=choices.Channel.choices)
    subject = forms.CharField(label=_("事项"), max_length=255)
    content = T(_("主要诉求"), required=False)
    received_on = D(_("收到日期"))


class PetitionAcceptForm(forms.Form):
    accepted_on = D(_("受理日期"))
    redirect_route = forms.CharField(
        label=_("导入的法定途径(属诉讼、复议等途径解决的填写,否则留空)"),
        max_length=128,
        required=False,
    )


class PetitionExtendForm(forms.Form):
    days = forms.IntegerField(label=_("延长天数"), min_value=1, max_value=30)
    reason = T(_("延期理由(告知信访人)"), rows=2)


class PetitionReplyForm(forms.Form):
    replied_on = D(_("出具日期"))
    reply_kind = forms.ChoiceField(label=_("处理意见"), choices=choices.PetitionReply.choices)
    text = T(_("处理意见书内容"))


class StatisticsForm(forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
