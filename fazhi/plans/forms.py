"""Forms: input parsing only; every rule lives in the services."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from fazhi.core.dates import day
from fazhi.core.forms import MultipleFileField, VersionedForm
from fazhi.core.models import OrgUnit


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
    """A unit's progress on a task: the open obligation it answers, a current value for each
    target reported by hand (`target_<id>`), evidence files. Cleans to the service's keywords."""

    text = forms.CharField(
        label=_("进展情况"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )
    percent_done = forms.IntegerField(label=_("完成进度(%)"), min_value=0, max_value=100)
    obligation = forms.TypedChoiceField(
        label=_("对应时间节点"), required=False, coerce=int, empty_value=None
    )
    completes_obligation = forms.BooleanField(label=_("该时间节点的工作已完成"), required=False)
    evidence = MultipleFileField(label=_("佐证材料"), required=False)

    def __init__(self, *args, task=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.obligations = (
            {o.pk: o for o in task.obligations.all() if not o.done_on} if task else {}
        )
        self.fields["obligation"].choices = [
            ("", "—"),
            *(
                # The label is data (the plan's wording); only the date follows the language.
                (o.pk, gettext("%(label)s(%(due)s)") % {"label": o.label, "due": day(o.due_on)})
                for o in self.obligations.values()
            ),
        ]
        if task is not None:
            self.fields["percent_done"].initial = task.percent_done
            for target in task.targets.all():
                if not target.indicator_key:
                    self.fields[f"target_{target.pk}"] = forms.CharField(
                        label=gettext("%(text)s 当前值(%(unit)s)")
                        % {"text": target.text, "unit": target.unit},
                        required=False,
                        max_length=20,
                        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
                    )

    def clean(self):
        data = super().clean()
        targets = {
            name.removeprefix("target_"): data.pop(name)
            for name in list(data)
            if name.startswith("target_")
        }
        obligation = data.pop("obligation", None)
        files = data.pop("evidence", None) or []
        return {
            **data,
            "obligation": self.obligations.get(obligation) if obligation else None,
            "target_values": targets,
            "files": files,
        }


class ReviewForm(VersionedForm):
    decision = forms.ChoiceField(choices=[("accept", _("采纳")), ("return", _("退回"))])
    comment = forms.CharField(label=_("审核意见"), required=False, max_length=2000)


class ReminderForm(forms.Form):
    message = forms.CharField(
        label=_("催办内容"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )

    def __init__(self, *args, task=None, **kwargs):
        super().__init__(*args, **kwargs)
        if task is not None:
            # Sent to the units and saved: Chinese whatever the interface language.
            self.fields["message"].initial = f"请抓紧推进“{task.code}”任务,并及时填报进展。"


class NoticeForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("督办单位"), queryset=OrgUnit.objects.none())
    request = forms.CharField(
        label=_("督办事项"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )

    def __init__(self, *args, task=None, units=(), lead=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = OrgUnit.objects.filter(
            pk__in=[u.pk for u in units]
        ).order_by("name")
        self.fields["unit"].initial = lead.pk if lead else None
        if task is not None:
            self.fields[
                "request"
            ].initial = f"你单位承担的“{task.code}”任务已逾期,请说明原因并提出整改措施。"


class NoticeReplyForm(VersionedForm):
    reply = forms.CharField(
        label=_("回复内容"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )


class TaskEditForm(VersionedForm):
    text = forms.CharField(label=_("任务内容"), widget=forms.Textarea(attrs={"rows": 5}))
    note = forms.CharField(
        label=_("督办备注"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class TargetEditForm(VersionedForm):
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


class LedgerUploadForm(forms.Form):
    file = forms.FileField(label=_("台账文件(.xlsx)"))
