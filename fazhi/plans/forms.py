"""Forms: input parsing only; every rule lives in the services."""

from django import forms

from fazhi.core.models import OrgUnit

from .choices import NoticeStatus, OwnerRole, ReportStatus, TaskStatus


class TaskFilterForm(forms.Form):
    plan = forms.IntegerField(required=False, widget=forms.HiddenInput)
    q = forms.CharField(label="关键词", required=False, max_length=100)
    chapter = forms.TypedChoiceField(label="部分", required=False, coerce=int, empty_value=None)
    unit = forms.ModelChoiceField(label="单位", required=False, queryset=OrgUnit.objects.none())
    role = forms.ChoiceField(
        label="职责", required=False, choices=[("", "全部职责"), *OwnerRole.choices]
    )
    status = forms.ChoiceField(
        label="状态", required=False, choices=[("", "全部状态"), *TaskStatus.choices]
    )
    year = forms.IntegerField(label="到期年度", required=False, min_value=2000, max_value=2100)

    def __init__(self, *args, chapters=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chapter"].choices = [("", "全部部分"), *((c.pk, str(c)) for c in chapters)]
        self.fields["unit"].queryset = OrgUnit.objects.filter(is_active=True).order_by(
            "kind", "name"
        )
        self.fields["unit"].empty_label = "全部单位"


class PlanUploadForm(forms.Form):
    file = forms.FileField(label="方案文件(.txt 或 .docx)")


class ReportForm(forms.Form):
    text = forms.CharField(
        label="进展情况", widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )
    percent_done = forms.IntegerField(label="完成进度(%)", min_value=0, max_value=100)
    obligation = forms.TypedChoiceField(
        label="对应时间节点", required=False, coerce=int, empty_value=None
    )
    completes_obligation = forms.BooleanField(label="该时间节点的工作已完成", required=False)
    evidence = forms.FileField(label="佐证材料", required=False)

    def __init__(self, *args, obligations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["obligation"].choices = [
            ("", "—"),
            *((o.pk, f"{o.label}({o.due_on:%Y年%m月%d日})") for o in obligations),
        ]


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", "采纳"), ("return", "退回")])
    comment = forms.CharField(label="审核意见", required=False, max_length=2000)


class ReminderForm(forms.Form):
    message = forms.CharField(
        label="催办内容", widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class NoticeForm(forms.Form):
    unit = forms.ModelChoiceField(label="督办单位", queryset=OrgUnit.objects.none())
    request = forms.CharField(
        label="督办事项", widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = OrgUnit.objects.filter(
            pk__in=[u.pk for u in units]
        ).order_by("name")


class NoticeReplyForm(forms.Form):
    reply = forms.CharField(
        label="回复内容", widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )


class TaskEditForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    text = forms.CharField(label="任务内容", widget=forms.Textarea(attrs={"rows": 5}))
    note = forms.CharField(
        label="督办备注", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class TargetEditForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    baseline = forms.CharField(label="基数", required=False, max_length=20)
    goal = forms.CharField(label="目标值", required=False, max_length=20)
    current = forms.CharField(label="当前值", required=False, max_length=20)
    indicator_key = forms.ChoiceField(label="关联指标", required=False)

    def __init__(self, *args, indicators=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator_key"].choices = [
            ("", "不关联(按填报)"),
            *((k, f"{i.label}({i.unit})") for k, i in (indicators or {}).items()),
        ]


class NoticeFilterForm(forms.Form):
    status = forms.ChoiceField(
        label="状态", required=False, choices=[("", "全部"), *NoticeStatus.choices]
    )
    overdue = forms.BooleanField(label="超期未回复", required=False)


class ReportFilterForm(forms.Form):
    status = forms.ChoiceField(
        label="状态", required=False, choices=[("", "全部"), *ReportStatus.choices]
    )


class LedgerUploadForm(forms.Form):
    file = forms.FileField(label="台账文件(.xlsx)")
