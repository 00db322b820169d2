"""The ledger's rows come from value tuples (issue 15); they say what the task models say."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.text import Truncator

from fazhi.plans import selectors
from fazhi.plans.models import Task


def test_ledger_rows_say_what_the_task_models_say(demo, office):
    qs = selectors.task_list(user=office, plan=demo.pk).order_by("measure__position", "position")
    tasks = {t.pk: t for t in qs}
    assert any(t.participating_names for t in tasks.values())
    with CaptureQueriesContext(connection) as captured:
        rows = selectors.ledger_rows(qs)
    # the tasks, their unit lines, the higher measures they implement: however many rows
    assert len(captured) == 3
    assert [r.pk for r in rows] == list(tasks)
    for row in rows:
        task = tasks[row.pk]
        assert row.code == task.code
        assert row.lead == task.lead_names
        assert row.participating == Truncator(task.participating_names).chars(60)
        assert row.measure == Truncator(task.measure.title).chars(12)
        assert row.status == task.status
        assert row.percent == task.percent_done


def test_unit_names_of_a_plan_match_each_tasks_names(demo):
    names = selectors.unit_names(task__measure__plan=demo)
    tasks = Task.objects.filter(measure__plan=demo).prefetch_related(
        "assignments__unit", "assignments__group"
    )
    for task in tasks:
        assert names[task.pk] == (task.lead_names, task.participating_names)


def test_the_filter_bar_names_the_plans_chapters_and_owner_units(client, demo, office):
    client.force_login(office)
    page = client.get("/plans/tasks/", {"plan": demo.pk}).content.decode()
    for chapter in demo.chapters.all():
        assert f'<option value="{chapter.pk}">{chapter}</option>' in page
    assert '<label class="form-label" for="id_q">' in page


def test_the_excel_rows_say_what_the_task_models_say(demo, office):
    from fazhi.plans.excel import ledger_rows as excel_rows

    with CaptureQueriesContext(connection) as captured:
        by_chapter = excel_rows(user=office, plan=demo)
    assert len(captured) == 2  # the tasks with their latest accepted progress, the unit lines
    tasks = {
        t.pk: t for t in selectors.task_list(user=office, plan=demo.pk).select_related("measure")
    }
    rows = [row for chapter_rows in by_chapter.values() for row in chapter_rows]
    assert sorted(row[-1] for row in rows) == sorted(tasks)
    for row in rows:
        task = tasks[row[-1]]
        assert row[1:5] == [str(task.measure), task.text, task.lead_names, task.participating_names]
        assert row[8] == task.percent_done
    for chapter_rows in by_chapter.values():
        assert [row[0] for row in chapter_rows] == list(range(1, len(chapter_rows) + 1))


def test_truncate_gives_what_truncator_gives():
    texts = [
        "",
        "短",
        "一" * 12,
        "一" * 13,
        "一" * 200,
        "e\u0301" * 12,  # not NFC: Truncator returns the NFC form
        "e\u0301" * 13,
        "a\u0300\u0316" * 12,  # combining marks with no composed form count as nothing
        "a\u0300\u0316" * 13,
        "落实《关于加强法治政府建设的实施意见》",
    ]
    for text in texts:
        for length in (1, 12, 24, 60):
            assert selectors.truncate(text, length) == Truncator(text).chars(length), (text, length)


def test_ledger_rows_link_each_task_and_badge_its_deadline(demo, office):
    from django.urls import reverse

    from fazhi.core.templatetags.fazhi import deadline_badge

    qs = selectors.task_list(user=office, plan=demo.pk).order_by("measure__position", "position")
    tasks = {t.pk: t for t in qs}
    rows = selectors.ledger_rows(qs)
    assert any(row.badge for row in rows)
    for row in rows:
        task = tasks[row.pk]
        assert row.url == reverse("plans:task_detail", args=[task.pk])
        if task.next_due:
            assert row.badge == deadline_badge(task.next_due, task.completed_on)
        assert row.text == Truncator(task.text).chars(120)


def test_the_dashboards_cells_are_what_its_template_filters_gave(demo, office):
    """The target rows and the overdue / due-soon lines are formatted in `selectors.dashboard`;
    each cell is what the dashboard's template used to compute from the row."""
    from django.template import Context, Template

    from fazhi.plans.models import Target

    Target.objects.filter(task__measure__plan=demo).update(current=12.5)
    data = selectors.dashboard(user=office, plan=demo)
    assert data["targets"]
    target_cells = Template(
        '{% load fazhi plans_tags %}{% url "plans:task_detail" row.target.task_id %}|'
        "{{ row.target.task.measure.label }}|"
        '{% if row.current is not None %}{{ row.current|floatformat:"-2" }}{% endif %}|'
        '{{ row.target.goal|floatformat:"-2" }}|'
        "{% target_source_url row.target %}|"
        '{{ row.target.due_on|date:_("Y年")|default:_("每年") }}'
    )
    for row in data["targets"]:
        old = target_cells.render(Context({"row": row}))
        new = "|".join(
            str(v or "")
            for v in (
                row["url"],
                row["measure"],
                row["current_text"],
                row["goal_text"],
                row["source_url"],
                row["year"],
            )
        )
        assert new == old
    line_cells = Template(
        "{% load fazhi %}{% url 'plans:task_detail' task.pk %}|{{ task.text|truncatechars:50 }}|"
        '{% if task.next_due %}{{ task.next_due|date:"DATE_FORMAT" }}|'
        "{% deadline_badge task.next_due task.completed_on %}{% else %}|{% endif %}|"
        '{% include "plans/partials/status_badge.html" with status=task.status %}'
    )
    lines = data["overdue"] + data["due_soon"]
    assert lines
    for task in lines:
        new = f"{task.url}|{task.short_text}|{task.due}|{task.badge}|{task.status_badge}\n"
        assert line_cells.render(Context({"task": task})) == new
