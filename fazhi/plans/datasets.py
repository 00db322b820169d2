"""What plans gives other systems (seed (二十八): data shared across levels): the progress of each
current task of a plan and the progress reports the supervisors accepted. Reports are read with
a token only (their text is the unit's own account, not published); who wrote or reviewed one is
left out, and personal names and numbers in the text are masked."""

from django.db.models import Prefetch, Q
from django.utils.translation import gettext_noop

from fazhi.core.datasets import Dataset
from fazhi.core.masking import mask_text

from .choices import ReportStatus
from .models import ProgressReport, Task, TaskAssignment

DATASETS = [
    Dataset(
        key="plans.task_progress",
        label=gettext_noop("实施方案任务进展"),
        publisher=gettext_noop("依法治县办"),
        frequency=gettext_noop("实时"),
        model=Task,
        published=Q(withdrawn_on__isnull=True),
        related=("measure__plan",),
        prefetch=(
            Prefetch(
                "assignments", queryset=TaskAssignment.objects.select_related("unit", "group")
            ),
        ),
        fields={
            "plan": "measure.plan.title",
            "code": "code",
            "text": "text",
            "lead_units": "lead_names",
            "participating_units": "participating_names",
            "deadline": "deadline_text",
            "percent_done": "percent_done",
            "last_reported_on": "last_reported_on",
            "completed_on": "completed_on",
            "updated_at": "updated_at",
        },
    ),
    Dataset(
        key="plans.accepted_reports",
        label=gettext_noop("已采纳的任务进展报告"),
        publisher=gettext_noop("依法治县办"),
        frequency=gettext_noop("实时"),
        model=ProgressReport,
        published=Q(status=ReportStatus.ACCEPTED),
        related=("task__measure", "unit", "author"),
        fields={
            "task": "task.code",
            "unit": "unit.name",
            "reported_on": "reported_on",
            "percent_done": "percent_done",
            "text": lambda r: mask_text(r.text, [r.author.full_name] if r.author else []),
            "reviewed_on": "reviewed_on",
            "updated_at": "updated_at",
        },
    ),
]
