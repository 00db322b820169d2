"""Input parsing for the pages; the rules themselves live in services."""

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from fazhi.core import dates
from fazhi.core.forms import VersionedForm
from fazhi.core.models import OrgUnit

from .choices import CleanupDecisionKind, FilingResult, FindingStatus, ReviewOpinion, Status

DATE = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


class PublicSearchForm(forms.Form):
    q = forms.CharField(label=_("关键词或文号"), required=False, max_length=10000)
    issuer = forms.ModelChoiceField(
        label=_("制定机关"),
        queryset=OrgUnit.objects.none(),
        required=False,
        empty_label=_("全部制定机关"),
    )
    year = forms.IntegerField(
        label=_("年份"),
        required=False,
        min_value=1949,
        max_value=2100,
        widget=forms.NumberInput(attrs={"placeholder": _("年份")}),
    )
    status = forms.ChoiceField(
        label=_("效力状态"),
        required=False,
        choices=[("", _("全部状态")), *(c for c in Status.choices if c[0] != Status.DRAFT)],
    )
    order = forms.ChoiceField(
        label=_("排序"),
        required=False,
        choices=[
            ("rank", _("按相关度")),
            ("-published_on", _("按公布日期(新→旧)")),
            ("published_on", _("按公布日期(旧→新)")),
        ],
    )

    def __init__(self, *args, issuers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = issuers if issuers is not None else OrgUnit.objects.all()


class DraftForm(forms.Form):
    title = forms.CharField(label=_("标题"), max_length=200)
    issuer = forms.ModelChoiceField(label=_("制定机关"), queryset=OrgUnit.objects.all())
    legal_basis = forms.CharField(
        label=_("制定依据"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    body = forms.CharField(label=_("正文"), widget=forms.Textarea(attrs={"rows": 14}))


class DraftEditForm(VersionedForm):
    title = forms.CharField(label=_("标题"), max_length=200)
    legal_basis = forms.CharField(
        label=_("制定依据"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    body = forms.CharField(label=_("正文"), widget=forms.Textarea(attrs={"rows": 14}))


class OpenCommentForm(VersionedForm):
    started_on = forms.DateField(label=_("征求意见开始日期"), widget=DATE)


class SubmitForm(VersionedForm):
    submitted_on = forms.DateField(label=_("送审日期"), widget=DATE)


class DeliberateForm(VersionedForm):
    meeting = forms.CharField(label=_("审议会议"), max_length=128)
    deliberated_on = forms.DateField(label=_("审议日期"), widget=DATE)


class PublishForm(VersionedForm):
    doc_number = forms.CharField(
        label=_("文号"), max_length=64, help_text=_("如 天政办发〔2026〕12号")
    )
    written_on = forms.DateField(label=_("成文日期"), widget=DATE, required=False)
    published_on = forms.DateField(label=_("公布日期"), widget=DATE)
    effective_on = forms.DateField(label=_("施行日期"), widget=DATE)
    valid_until = forms.DateField(label=_("有效期至"), widget=DATE, required=False)

    def __init__(self, *args, doc_number: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["effective_on"] = dates.today() + dt.timedelta(days=30)
            if doc_number:
                self.initial["doc_number"] = doc_number


class FileForm(VersionedForm):
    filed_on = forms.DateField(label=_("报备日期"), widget=DATE)
    filed_with = forms.CharField(label=_("备案机关"), max_length=128)

    def __init__(self, *args, filed_with: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            # The body filed with depends on the issuer; a proper name, so it stays Chinese.
            self.initial["filed_with"] = filed_with


class FilingReviewForm(VersionedForm):
    result = forms.ChoiceField(
        label=_("审查结果"),
        choices=[c for c in FilingResult.choices if c[0] != FilingResult.PENDING],
    )
    reviewed_on = forms.DateField(label=_("审查日期"), widget=DATE)
    note = forms.CharField(
        label=_("审查意见"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class CorrectForm(VersionedForm):
    corrected_on = forms.DateField(label=_("纠正完成日期"), widget=DATE)
    note = forms.CharField(label=_("纠正情况"), widget=forms.Textarea(attrs={"rows": 2}))


class FindingForm(forms.Form):
    status = forms.ChoiceField(
        label=_("结论"), choices=[c for c in FindingStatus.choices if c[0] != FindingStatus.OPEN]
    )
    note = forms.CharField(label=_("说明"), required=False, max_length=255)


class DecideForm(VersionedForm):
    """The opinion; `version` is the document's. No conclusion is chosen in advance."""

    opinion = forms.ChoiceField(
        label=_("审核结论"), choices=[("", _("请选择审核结论")), *ReviewOpinion.choices]
    )
    opinion_text = forms.CharField(
        label=_("其他意见"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    letter_number = forms.CharField(
        label=_("意见书文号"), max_length=64, help_text=_("如 天司审〔2026〕3号")
    )
    decided_on = forms.DateField(label=_("出具日期"), widget=DATE)

    def __init__(self, *args, document_version=None, letter_number: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.update(version=document_version, letter_number=letter_number)


class FindingAddForm(forms.Form):
    sentence = forms.CharField(
        label=_("原文语句(从草案中复制,可不填)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    message = forms.CharField(label=_("问题"), widget=forms.Textarea(attrs={"rows": 2}))
    note = forms.CharField(label=_("说明"), required=False, max_length=255)


class FindingExplainForm(forms.Form):
    explanation = forms.CharField(
        label=_("不作修改的理由"), widget=forms.Textarea(attrs={"rows": 2})
    )


class CleanupRoundForm(forms.Form):
    title = forms.CharField(label=_("清理批次名称"), max_length=128)
    started_on = forms.DateField(label=_("开始日期"), widget=DATE)


class CleanupDecisionForm(forms.Form):
    document = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(label=_("清理结论"), choices=CleanupDecisionKind.choices)
    reason = forms.CharField(label=_("理由"), required=False, max_length=255)


class LinkForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("关系"),
        choices=[
            ("amends", pgettext_lazy("relation choice", "本文件修改了")),
            ("repeals", pgettext_lazy("relation choice", "本文件废止了")),
            ("implements", pgettext_lazy("relation choice", "本文件贯彻落实")),
        ],
    )
    target_number = forms.CharField(label=_("被关联文件文号"), max_length=64)


class ImportForm(forms.Form):
    """The files themselves arrive as request.FILES.getlist("files") (a multiple file input)."""

    issuer = forms.ModelChoiceField(
        label=_("默认制定机关(文件中未写明时使用)"), queryset=OrgUnit.objects.all(), required=False
    )
