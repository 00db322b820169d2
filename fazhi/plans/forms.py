"""Forms: input parsing only; every rule lives in the services."""

from django import forms
from django.utils import dateformat
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from fazhi.core.models import OrgUnit

from .choices import NoticeStatus, OwnerRole, ReportStatus, TaskStatus


class TaskFilterForm(forms.Form):
    plan = forms.IntegerField(required=False, widget=forms.HiddenInput)
    q = forms.CharField(label=_("关键词"), required=False, max_length=100)
    chapter = forms.TypedChoiceField(label=_("部分"), required=False, coerce=int, empty_value=None)
    unit = forms.ModelChoiceField(label=_("单位"), required=False, queryset=OrgUnit.objects.none())
    role = forms.ChoiceField(
        label=_("职责"), required=False, choices=[("", _("全部职责")), *OwnerRole.choices]
    )
    status = forms.ChoiceField(
        label=_("状态"), required=False, choices=[("", _("全部状态")), *TaskStatus.choices]
    )
    year = forms.IntegerField(label=_("到期年度"), required=False, min_value=2000, max_value=2100)

    def __init__(self, *args, chapters=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chapter"].choices = [
            ("", gettext("全部部分")),
            *((c.pk, str(c)) for c in chapters),
        ]
        self.fields["unit"].queryset = OrgUnit.objects.filter(is_active=True).order_by(
            "kind", "name"
        )
        self.fields["unit"].empty_label = gettext("全部单位")


class PlanUploadForm(forms.Form):
    file = forms.FileField(label=_("方案文件(.txt 或 .docx)"))
    doc_number = forms.CharField(
        label=_("文号(选填)"),
        required=False,
        max_length=64,
        help_text=_("方案未写明文号(如工作要点、转载的方案)时可在此填写"),
    )
    is_reference = forms.BooleanField(
        label=_("作为上级政府的参照方案导入(只保存措施,供本级任务对应)"), required=False
    )


def review_decisions(data, rows: list[dict]) -> dict:
    """The review page's choices, one per unresolved name (row i): `action_i` is unit, group,
    new, split or ignore; a bare `pick_i` (a unit id) means unit. Names left undecided are
    absent, and the service says which."""
    from .import_names import NameDecision

    def number(key: str) -> int | None:
        value = (data.get(key) or "").strip()
        return int(value) if value.isdigit() else None

    decisions = {}
    for i, row in enumerate(rows):
        action = data.get(f"action_{i}") or ("unit" if number(f"pick_{i}") else "")
        alias = bool(data.get(f"alias_{i}"))
        if action == "unit" and number(f"pick_{i}"):
            decisions[row["raw"]] = NameDecision("unit", unit_id=number(f"pick_{i}"), alias=alias)
        elif action == "group" and number(f"group_{i}"):
            decisions[row["raw"]] = NameDecision("group", group_id=number(f"group_{i}"))
        elif action == "new":
            decisions[row["raw"]] = NameDecision(
                "new",
                new_name=(data.get(f"new_name_{i}") or row["raw"]).strip()[:128],
                new_kind=data.get(f"new_kind_{i}") or "",
                parent_id=number(f"new_parent_{i}"),
                alias=alias,
            )
        elif action == "split":
            parts = tuple(
                p.strip()[:128]
                for p in (data.get(f"split_a_{i}") or "", data.get(f"split_b_{i}") or "")
                if p.strip()
            )
            if len(parts) == 2:
                decisions[row["raw"]] = NameDecision("split", parts=parts)
        elif action == "ignore":
            decisions[row["raw"]] = NameDecision("ignore")
    return decisions


class ReportForm(forms.Form):
    text = forms.CharField(
        label=_("进展情况"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )
    percent_done = forms.IntegerField(label=_("完成进度(%)"), min_value=0, max_value=100)
    obligation = forms.TypedChoiceField(
        label=_("对应时间节点"), required=False, coerce=int, empty_value=None
    )
    completes_obligation = forms.BooleanField(label=_("该时间节点的工作已完成"), required=False)
    evidence = forms.FileField(label=_("佐证材料"), required=False)

    def __init__(self, *args, obligations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["obligation"].choices = [
            ("", "—"),
            *(
                (
                    o.pk,
                    # The label is data (the plan's wording); only the date follows the language.
                    gettext("%(label)s(%(due)s)")
                    % {"label": o.label, "due": dateformat.format(o.due_on, gettext("Y年m月d日"))},
                )
                for o in obligations
            ),
        ]


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", _("采纳")), ("return", _("退回"))])
    comment = forms.CharField(label=_("审核意见"), required=False, max_length=2000)


class ReminderForm(forms.Form):
    message = forms.CharField(
        label=_("催办内容"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class NoticeForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("督办单位"), queryset=OrgUnit.objects.none())
    request = forms.CharField(
        label=_("督办事项"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = OrgUnit.objects.filter(
            pk__in=[u.pk for u in units]
        ).order_by("name")


class NoticeReplyForm(forms.Form):
    reply = forms.CharField(
        label=_("回复内容"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )


class TaskEditForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    text = forms.CharField(label=_("任务内容"), widget=forms.Textarea(attrs={"rows": 5}))
    note = forms.CharField(
        label=_("督办备注"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class TargetEditForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    baseline = forms.CharField(label=_("基数"), required=False, max_length=20)
    goal = forms.CharField(label=_("目标值"), required=False, max_length=20)
    current = forms.CharField(label=_("当前值"), required=False, max_length=20)
    indicator_key = forms.ChoiceField(label=_("关联指标"), required=False)

    def __init__(self, *args, indicators=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator_key"].choices = [
            ("", gettext("不关联(按填报)")),
            *(
                (k, gettext("%(label)s(%(unit)s)") % {"label": i.label, "unit": i.unit})
                for k, i in (indicators or {}).items()
            ),
        ]


class NoticeFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("状态"), required=False, choices=[("", _("全部")), *NoticeStatus.choices]
    )
    overdue = forms.BooleanField(label=_("超期未回复"), required=False)


class ReportFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("状态"), required=False, choices=[("", _("全部")), *ReportStatus.choices]
    )


class LedgerUploadForm(forms.Form):
    file = forms.FileField(label=_("台账文件(.xlsx)"))
