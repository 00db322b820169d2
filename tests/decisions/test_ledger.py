"""Measure (九) in the plan ledger: the task's yearly obligation follows the catalogues' publication
dates, per plan region (a county's plan counts its own county's bodies)."""

import datetime as dt

import pytest

from fazhi.core.actors import SYSTEM
from fazhi.core.choices import Role, UnitKind
from fazhi.core.models import AuditEvent, Region
from fazhi.decisions.choices import Procedure
from fazhi.decisions.events import Event
from fazhi.decisions.services import catalogs
from fazhi.plans.choices import TaskStatus
from fazhi.plans.indicators import indicator_value
from fazhi.plans.models import Chapter, Measure, Obligation, Plan, Target, Task
from fazhi.plans.selectors import task_status
from tests.factories import UnitFactory, datong_counties

KEY = "decisions.catalog_on_time_rate"


def _plan_task(region: Region, name: str) -> Task:
    plan = Plan.objects.create(
        region=region,
        identity=f"{name}方案",
        doc_number="",
        title=f"{name}法治政府建设实施方案",
        start_year=2026,
        end_year=2027,
        content_hash=region.code * 10 + "0000",
    )
    chapter = Chapter.objects.create(plan=plan, number=3, title="健全依法决策机制", position=1)
    measure = Measure.objects.create(
        plan=plan, chapter=chapter, number=9, title="严格落实重大行政决策程序", position=1
    )
    task = Task.objects.create(
        measure=measure, position=1, text="每年4月底前向社会公布本年度重大决策事项"
    )
    for year in (2026, 2027):
        Obligation.objects.create(task=task, due_on=dt.date(year, 4, 30), label=f"{year}年度")
    Target.objects.create(task=task, text="按时公布目录的决策机关比例", indicator_key=KEY)
    return task


def _publish(body, on: dt.date):
    catalog = catalogs.catalog_create(actor=SYSTEM, body=body, year=2026)
    catalogs.catalog_entry_add(
        actor=SYSTEM,
        catalog_id=catalog.pk,
        version=None,
        matter=f"{body.name}重大事项",
        scope_text="全域",
        lead_unit=body,
        goal="年内完成",
        due_on=dt.date(2026, 12, 31),
        procedures=[Procedure.PUBLIC_PARTICIPATION],
    )
    catalogs.catalog_approve(
        actor=SYSTEM,
        catalog_id=catalog.pk,
        version=None,
        approved_on=on - dt.timedelta(days=5),
        approval_ref="县委常委会",
    )
    return catalogs.catalog_publish(
        actor=SYSTEM, catalog_id=catalog.pk, version=None, published_on=on
    )


@pytest.fixture
def two_counties(db, holidays):
    city, tianzhen, yanggao = datong_counties()
    kind = UnitKind.COUNTY_GOVERNMENT
    return {
        "tianzhen": tianzhen,
        "yanggao": yanggao,
        "city_task": _plan_task(city, "大同市"),
        "tz_task": _plan_task(tianzhen, "天镇县"),
        "yg_task": _plan_task(yanggao, "阳高县"),
        "tz_gov": UnitFactory(name="天镇县人民政府", kind=kind, region=tianzhen),
        "tz_dept": UnitFactory(name="天镇县教育局", region=tianzhen),
        "yg_gov": UnitFactory(name="阳高县人民政府", kind=kind, region=yanggao),
        "yg_dept": UnitFactory(name="阳高县教育局", region=yanggao),
    }


def _obligation(task, year=2026) -> Obligation:
    return task.obligations.get(due_on__year=year)


def test_a_countys_task_is_met_when_its_own_bodies_have_all_published(two_counties):
    c = two_counties
    _publish(c["tz_gov"], dt.date(2026, 4, 10))
    assert _obligation(c["tz_task"]).done_on is None  # the bureau has not published yet
    _publish(c["tz_dept"], dt.date(2026, 4, 20))
    _publish(c["yg_gov"], dt.date(2026, 4, 15))

    assert _obligation(c["tz_task"]).done_on == dt.date(2026, 4, 20)
    assert _obligation(c["tz_task"], 2027).done_on is None
    assert task_status(c["tz_task"], today=dt.date(2026, 5, 10)) == TaskStatus.NOT_STARTED
    # 阳高县教育局 has not published: 阳高's task and the city's (both counties) are overdue.
    assert _obligation(c["yg_task"]).done_on is None
    assert task_status(c["yg_task"], today=dt.date(2026, 5, 10)) == TaskStatus.OVERDUE
    assert task_status(c["city_task"], today=dt.date(2026, 5, 10)) == TaskStatus.OVERDUE

    assert indicator_value(KEY, 2026, "140222") == 100.0
    assert indicator_value(KEY, 2026, "140221") == 50.0
    assert indicator_value(KEY, 2026, "140200") == 75.0
    settled = AuditEvent.objects.filter(action=Event.PLAN_OBLIGATION_SETTLE)
    assert [e.object_id for e in settled] == [str(_obligation(c["tz_task"]).pk)]
    assert settled.get().after["late"] == []


def test_a_late_catalogue_meets_the_obligation_late_and_is_named(two_counties):
    c = two_counties
    _publish(c["yg_gov"], dt.date(2026, 4, 15))
    _publish(c["yg_dept"], dt.date(2026, 5, 8))

    obligation = _obligation(c["yg_task"])
    assert obligation.done_on == dt.date(2026, 5, 8) > obligation.due_on
    event = AuditEvent.objects.get(action=Event.PLAN_OBLIGATION_SETTLE, object_id=obligation.pk)
    assert event.after["late"] == ["阳高县教育局"]
    assert indicator_value(KEY, 2026, "140221") == 50.0
    # Tianzhen published nothing: its task and the city's stay open.
    assert _obligation(c["tz_task"]).done_on is None
    assert _obligation(c["city_task"]).done_on is None


def test_the_city_plan_is_met_when_both_counties_have_published(two_counties):
    c = two_counties
    for body, day in (("tz_gov", 10), ("tz_dept", 11), ("yg_gov", 12), ("yg_dept", 13)):
        _publish(c[body], dt.date(2026, 4, day))
    assert _obligation(c["city_task"]).done_on == dt.date(2026, 4, 13)
    assert _obligation(c["tz_task"]).done_on == dt.date(2026, 4, 11)
    assert _obligation(c["yg_task"]).done_on == dt.date(2026, 4, 13)


def test_an_adjusted_revision_does_not_settle_again(two_counties):
    c = two_counties
    _publish(c["tz_gov"], dt.date(2026, 4, 10))
    catalog = _publish(c["tz_dept"], dt.date(2026, 4, 20))
    before = AuditEvent.objects.filter(action=Event.PLAN_OBLIGATION_SETTLE).count()
    new = catalogs.catalog_adjust(
        actor=SYSTEM, catalog_id=catalog.pk, version=None, reason="新增事项"
    )
    catalogs.catalog_approve(
        actor=SYSTEM,
        catalog_id=new.pk,
        version=None,
        approved_on=dt.date(2026, 6, 1),
        approval_ref="县委",
    )
    catalogs.catalog_publish(
        actor=SYSTEM, catalog_id=new.pk, version=None, published_on=dt.date(2026, 6, 5)
    )
    assert _obligation(c["tz_task"]).done_on == dt.date(2026, 4, 20)
    assert AuditEvent.objects.filter(action=Event.PLAN_OBLIGATION_SETTLE).count() == before


def test_the_on_time_page_names_the_bodies_missing_in_the_users_county(
    two_counties, client, make_user
):
    c = two_counties
    _publish(c["yg_gov"], dt.date(2026, 4, 15))
    _publish(c["tz_gov"], dt.date(2026, 5, 6))
    client.force_login(make_user(Role.SUPERVISOR, unit=c["yg_gov"]))
    page = client.get("/decisions/catalogs/on-time/?year=2026").content.decode()
    assert "阳高县教育局" in page and "尚未全部公布" in page
    assert "天镇县" not in page  # the other county's bodies are not this county's figure

    client.force_login(make_user(Role.SUPERVISOR, unit=c["tz_gov"]))
    page = client.get("/decisions/catalogs/on-time/?year=2026").content.decode()
    assert "逾期公布" in page and "天镇县人民政府" in page and "阳高县" not in page
    assert client.get("/decisions/catalogs/on-time/?year=abc").status_code == 200


def test_the_plan_task_page_shows_each_countys_status(two_counties, client, make_user, monkeypatch):
    from fazhi.core import dates

    c = two_counties
    monkeypatch.setattr(dates, "today", lambda as_of=None: as_of or dt.date(2026, 5, 10))
    _publish(c["tz_gov"], dt.date(2026, 4, 10))
    _publish(c["tz_dept"], dt.date(2026, 4, 20))
    _publish(c["yg_gov"], dt.date(2026, 4, 15))
    client.force_login(make_user(Role.SUPERVISOR, unit=c["tz_gov"]))
    page = client.get(f"/plans/tasks/{c['tz_task'].pk}/").content.decode()
    assert str(TaskStatus.NOT_STARTED.label) in page and str(TaskStatus.OVERDUE.label) not in page
    client.force_login(make_user(Role.SUPERVISOR, unit=c["yg_gov"]))
    page = client.get(f"/plans/tasks/{c['yg_task'].pk}/").content.decode()
    assert str(TaskStatus.OVERDUE.label) in page
