"""The dashboard's counts: one read of the statuses, counted in Python."""

from fazhi.plans.models import Task


def test_status_counts_agree_with_each_tasks_own_status(demo, office):
    from collections import Counter

    from fazhi.plans import cells, selectors
    from fazhi.plans.models import TaskOwner

    counts = selectors.status_counts(user=office, plan=demo)
    tasks = list(Task.objects.filter(measure__plan=demo, withdrawn_on__isnull=True))
    own = {t.pk: selectors.task_status(t) for t in tasks}
    assert counts["status_of"] == own
    assert {k: v for k, v in counts["totals"].items() if v} == dict(Counter(own.values()))
    chapters = Counter((t.measure.chapter_id, own[t.pk]) for t in tasks)
    assert {(c, s): n for c, row in counts["by_chapter"].items() for s, n in row.items() if n} == (
        dict(chapters)
    )
    lines = TaskOwner.objects.filter(task__in=tasks, role__in=cells.OWING_ROLES)
    units = Counter((o.unit_id, own[o.task_id]) for o in lines)
    assert {(u, s): n for u, row in counts["by_unit"].items() for s, n in row.items() if n} == (
        dict(units)
    )


def test_the_dashboard_lists_the_earliest_due_of_each_status(demo, office):
    from fazhi.plans import selectors
    from fazhi.plans.choices import TaskStatus

    data = selectors.dashboard(user=office, plan=demo)
    tasks = selectors.task_list(user=office, plan=demo.pk)
    for key, status in (("overdue", TaskStatus.OVERDUE), ("due_soon", TaskStatus.DUE_SOON)):
        expected = list(tasks.filter(status=status).order_by("next_due", "pk")[:10])
        assert [t.pk for t in data[key]] == [t.pk for t in expected]
    assert data["overdue"], "the demo has overdue tasks"
