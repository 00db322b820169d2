"""The ledger's rows come from value tuples (issue 15); they say what the task models say."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.text import Truncator
from hypothesis import given
from hypothesis import strategies as st

from fazhi.plans import cells, selectors
from fazhi.plans.models import Task


def test_ledger_rows_say_what_the_task_models_say(demo, office):
    qs = selectors.task_list(user=office, plan=demo.pk).order_by("measure__position", "position")
    tasks = {t.pk: t for t in qs}
    assert any(t.participating_names for t in tasks.values())
    with CaptureQueriesContext(connection) as captured:
        rows = cells.ledger_rows(qs)
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
    names = cells.unit_names(task__measure__plan=demo)
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
    # Each label names its field (it pointed at ids no control had) and has no colon.
    for name in ("q", "chapter", "unit", "role", "status", "year"):
        assert f'for="id_{name}"' in page and f'id="id_{name}" name="{name}"' in page
    assert "：</label>" not in page and ":</label>" not in page


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
            assert cells.truncate(text, length) == Truncator(text).chars(length), (text, length)


def test_ledger_rows_link_each_task_and_badge_its_deadline(demo, office):
    from django.urls import reverse

    from fazhi.core.templatetags.fazhi import deadline_badge

    qs = selectors.task_list(user=office, plan=demo.pk).order_by("measure__position", "position")
    tasks = {t.pk: t for t in qs}
    rows = cells.ledger_rows(qs)
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


# The ledger table's loop as the template printed it before its rows were pre-rendered.
OLD_LEDGER_LOOP = """{% load i18n %}{% for row in rows %}
  <tr data-task="{{ row.pk }}">
    <td class="text-nowrap"><a href="{{ row.url }}">{{ row.code }}</a><div class="small text-muted">{{ row.measure }}</div></td>
    <td class="small">{{ row.text }}{% for pk, label in row.implements %}<div class="text-success" data-implements="{{ pk }}"><i class="bi bi-diagram-3"></i> {{ label }}</div>{% endfor %}</td>
    <td class="small">{{ row.lead }}</td>
    <td class="small text-muted">{{ row.participating }}</td>
    <td class="small text-nowrap">{{ row.due }}{% if row.badge %}<br>{{ row.badge }}{% endif %}</td>
    <td class="small">{{ row.percent }}%</td>
    <td>{{ row.status_badge }}</td>
  </tr>
  {% endfor %}"""  # noqa: E501


def test_the_ledgers_pre_rendered_rows_are_what_its_template_loop_gave(demo, office):
    import dataclasses

    from django.template import Context, Template
    from django.utils import translation

    qs = selectors.task_list(user=office, plan=demo.pk).order_by("measure__position", "position")
    rows = cells.ledger_rows(qs)
    hostile = dataclasses.replace(
        rows[0],
        code="<b>&",
        measure="\"引号\" 'x'",
        text="<script>alert(1)</script> & 任务",
        implements=[(7, "落实《<上级>》(一)&"), (8, "'")],
        lead="A&B",
        participating="<i>",
        due="2026年1月1日",
        badge="",
        percent=None,
    )
    loop = Template(OLD_LEDGER_LOOP)
    for language in ("zh-hans", "en"):
        with translation.override(language):
            cases = [rows, [hostile], []]
            cases.append(cells.ledger_rows(qs))  # the other language's badges and dates
            for case in cases:
                assert cells.ledger_rows_html(case) == loop.render(Context({"rows": case}))
    assert any(r.badge for r in rows) and any(not r.badge for r in rows)


def test_the_filter_bars_options_are_what_its_template_loops_gave(demo, office, rf):
    """The chapter and unit selects' options are printed in `filters.task_filter_bar`; each is
    what `task_list.html`'s loops printed from the same choices and the value asked for."""
    from django.template import Context, Template

    from fazhi.plans.filters import _options, task_filter_bar

    old = Template(
        '{% with current=value|stringformat:"s" %}{% for v, l in choices %}'
        '<option value="{{ v }}"{% if current == v|stringformat:"s" %} selected{% endif %}>'
        "{{ l }}</option>{% endfor %}{% endwith %}"
    )
    request = rf.get("/plans/tasks/", {"plan": demo.pk})
    request.user = office
    bar = task_filter_bar(request, demo)
    assert len(bar["chapter_choices"]) > 2 and len(bar["unit_choices"]) > 2
    chapter, unit = bar["chapter_choices"][2][0], bar["unit_choices"][1][0]
    hostile = [("", "全部"), (3, "<b>&\"'"), ("x&y", "a")]
    for choices in (bar["chapter_choices"], bar["unit_choices"], hostile, []):
        for value in (None, "", str(chapter), str(unit), "3", "x&y", "nonsense"):
            want = old.render(Context({"choices": choices, "value": value}))
            assert _options(choices, value) == want, (choices[:2], value)
    for params in ({"chapter": chapter}, {"unit": unit}, {}):
        request = rf.get("/plans/tasks/", {"plan": demo.pk, **params})
        request.user = office
        bar = task_filter_bar(request, demo)
        for key in ("chapter", "unit"):
            want = old.render(
                Context({"choices": bar[f"{key}_choices"], "value": bar["value"][key]})
            )
            assert bar[f"{key}_options"] == want
    assert "selected" in _options(bar["chapter_choices"], "")


def test_the_ledger_skips_the_filterset_only_where_it_would_filter_by_the_plan_alone(demo, office):
    from django.http import QueryDict

    from fazhi.plans.filters import asks_beyond_plan

    def ids(qs):
        return list(qs.order_by("pk").values_list("pk", flat=True))

    plain = ids(selectors.task_list(user=office, plan=demo.pk))
    for query in (f"plan={demo.pk}", "", f"plan={demo.pk}&page=2&sort=-due", "status=&q="):
        params = QueryDict(query)
        assert not asks_beyond_plan(params), query
        filtered = selectors.task_list(user=office, params=params, plan=demo.pk, plan_obj=demo)
        assert ids(filtered) == plain, query
    for query in ("status=done", "plan=-1", "plan=1.5", "q=x", "measure=1", "year=2026"):
        assert asks_beyond_plan(QueryDict(query)), query


def test_the_ledger_filters_a_plain_status_as_the_filterset_did(demo, office):
    from django.http import QueryDict

    from fazhi.plans.choices import TaskStatus
    from fazhi.plans.filters import ledger_query

    def ids(qs):
        return list(qs.order_by("pk").values_list("pk", flat=True))

    seen = set()
    for status in [*TaskStatus.values, "", "nonsense"]:
        for extra in ("", "&sort=due&page=2", "&q=", "&chapter=", "&status=done"):
            params = QueryDict(f"plan={demo.pk}&status={status}{extra}")
            filterset = ids(
                selectors.task_list(user=office, params=params, plan=demo.pk, plan_obj=demo)
            )
            plain, asked = ledger_query(params)
            assert plain is None or plain is params
            ours = ids(
                selectors.task_list(
                    user=office, params=plain, status=asked, plan=demo.pk, plan_obj=demo
                )
            )
            assert ours == filterset, (status, extra)
            seen.add(plain is None)
            if filterset:
                seen.add("rows")
    assert seen == {True, False, "rows"}
    assert ledger_query(QueryDict("status=overdue&unit=3"))[0] is not None


def test_the_dashboards_unit_names_are_what_the_unit_models_give(demo):
    """`selectors._owner_names` reads tuples; each unit's short name is `local_name` of the
    model with its regions, for every unit of the directory (with and without a region)."""
    from fazhi.core.models import OrgUnit
    from fazhi.core.names import local_name

    units = list(OrgUnit.objects.select_related("region__parent__parent"))
    names = selectors._owner_names([u.pk for u in units])
    assert names == {u.pk: (u.name, local_name(u.name, u.region)) for u in units}
    assert any(short != name for name, short in names.values())


# The dashboard's target and task loops as its templates printed them before their rows were
# pre-rendered in `selectors`.
OLD_TARGET_LOOP = """{% load i18n %}{% for row in targets %}{% with target=row.target %}<tr><td class="text-nowrap"><a href="{{ row.url }}">{{ row.measure }}</a></td><td>{{ target.text }}</td><td class="text-end">{{ target.baseline|default:"—" }}</td><td class="text-end">{% if row.current_text is not None %}{{ row.current_text }}{{ target.unit }}{% else %}—{% endif %}<div class="text-muted">{% if row.source_url %}<a class="link-secondary" href="{{ row.source_url }}">{{ row.source }}</a>{% else %}{{ row.source }}{% endif %}</div></td><td class="text-end">{{ row.goal_text }}{{ target.unit }}</td>
<td>{% if row.ratio is not None %}<div class="progress" role="progressbar" aria-valuenow="{{ row.ratio }}" aria-valuemin="0" aria-valuemax="100"><div class="progress-bar {% if row.ratio >= 100 %}bg-success{% endif %}" style="width:{% if row.ratio > 100 %}100{% else %}{{ row.ratio }}{% endif %}%">{{ row.ratio }}%</div></div>{% else %}<span class="text-muted">{% translate "未填报" %}</span>{% endif %}</td><td class="text-nowrap">{{ row.year }}</td></tr>{% endwith %}
{% endfor %}"""  # noqa: E501
OLD_TASK_ROWS = """{% load i18n %}{% for task in tasks %}
<tr>
  <td class="text-nowrap"><a href="{{ task.url }}">{{ task.code }}</a></td>
  <td class="small">{{ task.short_text }}</td>
  <td class="small">{{ task.lead_names }}</td>
  <td class="text-nowrap small">{% if task.next_due %}{{ task.due }}<br>{{ task.badge }}{% else %}—{% endif %}</td>
  <td>{{ task.status_badge }}
</td>
</tr>
{% endfor %}
"""


def test_the_dashboards_pre_rendered_rows_are_what_its_template_loops_gave(demo, office):
    import dataclasses
    from decimal import Decimal

    from django.template import Context, Template
    from django.utils import translation

    from fazhi.plans.indicators import registry
    from fazhi.plans.models import Target

    targets = list(Target.objects.filter(task__measure__plan=demo).order_by("id"))
    assert len(targets) >= 5
    # every branch of the row: a baseline, no current value, reached, beyond, a hostile text
    Target.objects.filter(pk=targets[0].pk).update(baseline=Decimal("12.50"), current=None)
    Target.objects.filter(pk=targets[1].pk).update(current=Decimal("200"), goal=Decimal("100"))
    Target.objects.filter(pk=targets[2].pk).update(
        current=Decimal("100"), goal=Decimal("100"), unit="<&>", text='"<b>"'
    )
    Target.objects.filter(pk=targets[3].pk).update(current=Decimal("0.333"), baseline=0)
    with_url = [k for k, i in registry().items() if i.url]
    assert with_url
    Target.objects.filter(pk=targets[4].pk).update(indicator_key=with_url[0])
    target_loop, task_rows = Template(OLD_TARGET_LOOP), Template(OLD_TASK_ROWS)
    for language in ("zh-hans", "en"):
        with translation.override(language):
            data = selectors.dashboard(user=office, plan=demo)
            rows = data["targets"]
            assert any(r["source_url"] for r in rows)  # the demo links one to an indicator
            want = target_loop.render(Context({"targets": rows}))
            assert "".join(f"{r['html']}\n" for r in rows) == want
            assert {r["ratio"] is None for r in rows} == {True, False}
            lines = data["overdue"] + data["due_soon"]
            assert lines
            hostile = dataclasses.replace(lines[0], code="<x>", short_text="&'", lead_names='"')
            no_due = dataclasses.replace(lines[0], next_due=None)
            for case in (data["overdue"], data["due_soon"], [hostile, no_due]):
                html = cells.task_lines_html(case)
                assert html == task_rows.render(Context({"tasks": case}))[: -len("\n")]


def test_the_plan_switchers_read_chooses_the_plan_the_plan_query_chose(demo, office):
    """`plans_with_chosen` picks from the switcher's list what `plan_get_for_user` picks by
    ORDER BY is_reference, issued_on DESC, id DESC: on this database's ordering of a plan
    without a date, with reference plans and plans issued the same day."""
    import datetime as dt

    import pytest

    from fazhi.core.errors import NotFound
    from fazhi.plans.models import Plan

    def check():
        choices, chosen = selectors.plans_with_chosen(user=office, plan_id=None)
        assert chosen == selectors.plan_get_for_user(user=office, plan_id=None)
        plans = list(selectors.plan_list(user=office))
        assert sorted(c.pk for c in choices) == sorted(p.pk for p in plans)
        assert {c.pk: c.label for c in choices} == {p.pk: p.label for p in plans}
        for plan in plans:
            assert selectors.plans_with_chosen(user=office, plan_id=plan.pk)[1] == plan

    check()
    for n, (issued, reference) in enumerate(
        [(demo.issued_on, False), (None, True), (dt.date(2020, 1, 1), False), (None, False)]
    ):
        number = f"测发〔2020〕{n}号"
        Plan.objects.create(
            doc_number=number,
            identity=number,
            region_id=demo.region_id,
            title=f"测试方案{n}",
            start_year=2020,
            end_year=2025,
            issued_on=issued,
            is_reference=reference,
            content_hash=f"test{n}",
        )
        check()
    with pytest.raises(NotFound):
        selectors.plans_with_chosen(user=office, plan_id=10**9)


def test_the_plan_switcher_groups_a_citys_plans_by_county_and_names_a_plan_without_a_number(
    demo, office, make_user
):
    """One county's office sees plain options; the city's office sees an `<optgroup>` per
    region (the city's own first, by region code). A plan without a 文号 shows its title."""
    from fazhi.core.choices import Role, UnitKind
    from fazhi.core.models import OrgUnit
    from fazhi.plans.filters import plan_options
    from fazhi.plans.models import Plan
    from tests.factories import datong_counties

    city, county, _yanggao = datong_counties()
    assert county.pk == demo.region_id
    for region, number, title in (
        (county, "", "<无文号>方案"),
        (city, "同发〔2022〕1号", "市方案"),
    ):
        Plan.objects.create(
            doc_number=number,
            identity=title,
            region=region,
            title=title,
            start_year=2022,
            end_year=2025,
            content_hash=title,
        )
    choices, chosen = selectors.plans_with_chosen(user=office, plan_id=None)
    html = plan_options(choices, chosen.pk)
    assert "<optgroup" not in html and "市方案" not in html
    assert ">&lt;无文号&gt;方案</option>" in html
    assert html.count(" selected") == 1 and f'value="{chosen.pk}" selected' in html
    city_office = make_user(
        Role.SUPERVISOR,
        unit=OrgUnit.objects.create(name="大同市依法治市办", kind=UnitKind.PARTY_BODY, region=city),
    )
    choices, chosen = selectors.plans_with_chosen(user=city_office, plan_id=None)
    html = plan_options(choices, chosen.pk)
    assert html.count("<optgroup") == 2
    assert html.index(f'label="{city.name}"') < html.index(f'label="{county.name}"')
    assert html.count(" selected") == 1


OLD_CHAPTER_LOOP = """{% load plans_tags %}{% for c in chapters %}<tr><td>{{ c.chapter|chapter_heading:22 }}</td><td class="text-end"><a href="{{ ledger_url }}?plan={{ plan.pk }}&chapter={{ c.chapter.pk }}">{{ c.total }}</a></td><td class="text-end"><a href="{{ ledger_url }}?plan={{ plan.pk }}&chapter={{ c.chapter.pk }}&status=done">{{ c.counts.done }}</a></td><td class="text-end"><a class="text-danger" href="{{ ledger_url }}?plan={{ plan.pk }}&chapter={{ c.chapter.pk }}&status=overdue">{{ c.counts.overdue }}</a></td></tr>{% endfor %}"""  # noqa: E501


def test_the_dashboards_chapter_rows_and_waiting_counts_are_what_the_page_read_before(demo, office):
    """The table by part is printed in `cells.chapter_rows_html` (what its template loop
    printed), and the two waiting counts are read in one query (what `.count()` gave each)."""
    from django.template import Context, Template
    from django.urls import reverse

    from fazhi.plans.choices import NoticeStatus, ReportStatus
    from fazhi.plans.models import Chapter, ProgressReport, SupervisionNotice

    shown = selectors.dashboard(user=office, plan=demo)["chapters"][0]["chapter"]
    Chapter.objects.filter(pk=shown.pk).update(title="<b>&\"'" + "长" * 30)
    data = selectors.dashboard(user=office, plan=demo)
    ledger_url = reverse("plans:task_list")
    context = {"chapters": data["chapters"], "ledger_url": ledger_url, "plan": demo}
    want = Template(OLD_CHAPTER_LOOP).render(Context(context))
    assert cells.chapter_rows_html(data["chapters"], ledger_url, demo.pk) == want
    assert "&lt;b&gt;" in want
    tasks = selectors.plan_tasks(office, demo).values("pk")
    pending = ProgressReport.objects.filter(task__in=tasks, status=ReportStatus.SUBMITTED)
    issued = SupervisionNotice.objects.filter(task__in=tasks, status=NoticeStatus.ISSUED)
    assert pending.exists() and issued.exists()
    assert data["pending_reports"] == pending.count()
    assert data["open_notices"] == issued.count()
    pending.update(status=ReportStatus.ACCEPTED)
    issued.delete()
    assert selectors._waiting(demo, tasks) == {"pending_reports": 0, "open_notices": 0}


@given(
    st.dictionaries(
        st.sampled_from(["plan", "status", "chapter", "unit", "role", "year"]),
        st.one_of(st.integers(), st.text(max_size=8), st.none()),
    )
)
def test_the_chart_links_are_what_urlencode_gives(params):
    from urllib.parse import urlencode

    from fazhi.plans.charts import _pair

    kept = {k: v for k, v in params.items() if v not in (None, "")}
    assert "&".join(_pair(k, v) for k, v in kept.items()) == urlencode(kept)
