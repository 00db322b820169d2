"""Linking county tasks to a higher government's measures: the services, their refusals, and
the reads the ledger and the API use."""

import pytest

from fazhi.core.actors import SYSTEM
from fazhi.core.choices import Role, UnitKind
from fazhi.core.errors import ApplicationError, Conflict, NotFound, PermissionDenied
from fazhi.core.models import AuditEvent, OrgUnit, Region
from fazhi.plans import linking, services
from fazhi.plans.errors import PlansError
from fazhi.plans.models import Measure, Plan, Task

from .conftest import TODAY, unit

CITY_POINTS = """大同市人民政府办公室

大同市2026年法治政府建设工作要点

一、健全制度
(一)编制公布证明事项清单。
(二)严格行政执法监督,开展执法案卷评查。
二、保障措施
(三)加强领导干部法治培训。
(四)建设航空航天产业园区。
"""


def import_reference(text: str = CITY_POINTS, *, actor=SYSTEM) -> Plan:
    prepared = services.plan_import_prepare(
        actor=actor, data=text.encode("utf-8"), filename="要点.txt", is_reference=True
    )
    return services.plan_import_apply(actor=actor, plan_import=prepared.plan_import, today=TODAY)


@pytest.fixture
def city_plan(mini_plan):
    """The city's key points held by the county for reference, issued by 大同市 (140200)."""
    plan = import_reference()
    return linking.reference_plan_set_region(actor=SYSTEM, plan_id=plan.pk, region_code="140200")


def task(plan: Plan, code: str) -> Task:
    return next(t for t in Task.objects.filter(measure__plan=plan) if t.code == code)


def measure(plan: Plan, number: int) -> Measure:
    return plan.measures.get(number=number)


def events(action: str):
    return AuditEvent.objects.filter(action=action)


def refused(call, **kwargs) -> ApplicationError:
    """Run a refused service and prove nothing was written: no link, no event, same version."""
    target = Task.objects.get(pk=kwargs["task_id"])
    links_before = list(target.implements.values_list("pk", flat=True))
    count = AuditEvent.objects.count()
    with pytest.raises(ApplicationError) as exc:
        call(**kwargs)
    target.refresh_from_db()
    assert list(target.implements.values_list("pk", flat=True)) == links_before
    assert AuditEvent.objects.count() == count
    assert target.version == Task.objects.get(pk=target.pk).version
    return exc.value


def test_the_office_links_a_county_task_to_a_city_measure_audited(mini_plan, city_plan, office):
    first = task(mini_plan, "(一)-1")
    target = measure(city_plan, 1)
    linked = linking.task_link(
        actor=office, task_id=first.pk, version=first.version, measure_id=target.pk
    )
    assert list(linked.implements.all()) == [target]
    assert linked.version == first.version + 1
    event = events("plans.task_link").get()
    assert event.actor == office and event.object_id == str(first.pk)
    assert event.after["measure"] == target.pk and event.after["reference_plan"] == city_plan.pk

    unlinked = linking.task_unlink(
        actor=office, task_id=first.pk, version=linked.version, measure_id=target.pk
    )
    assert not unlinked.implements.exists()
    assert events("plans.task_unlink").get().after["measure_label"] == str(target)


def test_a_measure_of_the_countys_own_plan_is_refused_with_the_reason(mini_plan, office):
    first = task(mini_plan, "(一)-1")
    error = refused(
        linking.task_link,
        actor=office,
        task_id=first.pk,
        version=first.version,
        measure_id=measure(mini_plan, 2).pk,
    )
    assert error.code == PlansError.LINK_NOT_REFERENCE
    assert "不是参照方案" in error.message and "上级政府" in error.message


def test_a_reference_plan_without_its_issuing_region_is_refused_until_the_office_says(
    mini_plan, office
):
    plan = import_reference()
    assert plan.issuing_region is None
    first = task(mini_plan, "(一)-1")
    error = refused(
        linking.task_link,
        actor=office,
        task_id=first.pk,
        version=first.version,
        measure_id=measure(plan, 1).pk,
    )
    assert error.code == PlansError.LINK_REGION_UNKNOWN
    # the page offers the region the plan names as the choice to confirm
    assert linking.guess_issuing_region(plan).pk == "140200"


def test_a_plan_of_another_city_or_of_the_county_itself_is_not_a_higher_one(
    mini_plan, city_plan, office
):
    yangquan = Region.objects.create(code="140300", name="阳泉市", parent_id="140000")
    Plan.objects.filter(pk=city_plan.pk).update(issuing_region=yangquan)
    first = task(mini_plan, "(一)-1")
    error = refused(
        linking.task_link,
        actor=office,
        task_id=first.pk,
        version=first.version,
        measure_id=measure(city_plan, 1).pk,
    )
    assert error.code == PlansError.LINK_NOT_HIGHER
    assert "阳泉市(140300)" in error.message and "天镇县(140222)" in error.message
    assert "GB/T 2260" in error.message
    # Nor can the office call the county itself (or another city) the issuer.
    for code in ("140222", "140300"):
        with pytest.raises(ApplicationError) as exc:
            linking.reference_plan_set_region(actor=office, plan_id=city_plan.pk, region_code=code)
        assert exc.value.code == PlansError.LINK_NOT_HIGHER
        assert exc.value.fields == {"region_code": "不是上级区划"}
    assert Plan.objects.get(pk=city_plan.pk).issuing_region_id == "140300"
    # The province is above the county: accepted.
    plan = linking.reference_plan_set_region(
        actor=office, plan_id=city_plan.pk, region_code="140000"
    )
    assert plan.issuing_region_id == "140000"
    assert events("plans.reference_region_set").filter(actor=office).get().after == {
        "issuing_region_id": "140000"
    }


def test_only_the_countys_own_office_links(mini_plan, city_plan, make_user, judicial_reporter):
    first = task(mini_plan, "(一)-1")
    kwargs = {"task_id": first.pk, "version": first.version, "measure_id": measure(city_plan, 1).pk}
    error = refused(linking.task_link, actor=judicial_reporter, **kwargs)
    assert isinstance(error, PermissionDenied)
    # A city's supervisor reads the county's tasks but does not link them for the county.
    city_office = make_user(
        Role.SUPERVISOR,
        unit=OrgUnit.objects.create(
            name="中共大同市委全面依法治市委员会办公室",
            kind=UnitKind.PARTY_BODY,
            region_id="140200",
        ),
    )
    assert Task.objects.visible_to(city_office).filter(pk=first.pk).exists()
    assert isinstance(refused(linking.task_link, actor=city_office, **kwargs), PermissionDenied)


def test_another_countys_office_does_not_even_see_the_task(mini_plan, city_plan, make_user):
    Region.objects.create(code="140221", name="阳高县", parent_id="140200")
    neighbour = make_user(
        Role.SUPERVISOR,
        unit=OrgUnit.objects.create(
            name="阳高县司法局", kind=UnitKind.GOVERNMENT_DEPARTMENT, region_id="140221"
        ),
    )
    first = task(mini_plan, "(一)-1")
    with pytest.raises(NotFound):
        linking.task_link(
            actor=neighbour,
            task_id=first.pk,
            version=first.version,
            measure_id=measure(city_plan, 1).pk,
        )
    assert not first.implements.exists() and not events("plans.task_link").exists()


def test_twice_a_stale_page_a_withdrawn_task_and_a_missing_link_are_refused(
    mini_plan, city_plan, office
):
    first = task(mini_plan, "(一)-1")
    target = measure(city_plan, 1).pk
    linked = linking.task_link(
        actor=office, task_id=first.pk, version=first.version, measure_id=target
    )
    again = {"task_id": first.pk, "version": linked.version, "measure_id": target}
    assert refused(linking.task_link, actor=office, **again).code == PlansError.LINK_EXISTS
    stale = {**again, "version": first.version}
    assert isinstance(refused(linking.task_link, actor=office, **stale), Conflict)
    other = measure(city_plan, 2).pk
    missing = {**again, "measure_id": other}
    assert refused(linking.task_unlink, actor=office, **missing).code == PlansError.LINK_MISSING
    second = task(mini_plan, "(二)-1")
    Task.objects.filter(pk=second.pk).update(withdrawn_on=TODAY)
    withdrawn = {"task_id": second.pk, "version": second.version, "measure_id": other}
    assert (
        refused(linking.task_link, actor=office, **withdrawn).code == PlansError.LINK_TASK_WITHDRAWN
    )


def test_unimplemented_city_measures_shrink_as_tasks_are_linked(mini_plan, city_plan, office):
    def open_numbers():
        rows = linking.unimplemented_measures(user=office, region_id="140222")
        return [m.number for m in rows]

    assert open_numbers() == [1, 2, 3, 4]
    first = task(mini_plan, "(一)-1")
    linking.task_link(
        actor=office,
        task_id=first.pk,
        version=first.version,
        measure_id=measure(city_plan, 1).pk,
    )
    assert open_numbers() == [2, 3, 4]
    # A withdrawn task no longer implements anything.
    Task.objects.filter(pk=first.pk).update(withdrawn_on=TODAY)
    assert open_numbers() == [1, 2, 3, 4]


def test_the_board_suggests_the_matching_tasks_for_the_office_to_confirm(
    mini_plan, city_plan, office
):
    board = linking.link_board(user=office, plan=mini_plan, reference=city_plan)
    assert (board["total"], board["open"]) == (4, 4)
    best = {r.measure.number: [t.code for t, _ in r.candidates][:1] for r in board["rows"]}
    assert best == {1: ["(一)-1"], 2: ["(二)-1"], 3: ["(三)-1"], 4: []}
    # Nothing is linked until the office confirms.
    assert not Task.implements.through.objects.exists()


def test_links_read_for_the_api_follow_what_the_user_may_see(
    mini_plan, city_plan, office, market_reporter
):
    for code, number in (("(一)-1", 1), ("(三)-1", 3)):
        t = task(mini_plan, code)
        linking.task_link(
            actor=office, task_id=t.pk, version=t.version, measure_id=measure(city_plan, number).pk
        )
    seen = [(r.task.code, r.measure.number) for r in linking.links(user=office)]
    assert seen == [("(一)-1", 1), ("(三)-1", 3)]
    # 县市场监督管理局 owes (一)-1 and (二)-1 only.
    assert [r.task.code for r in linking.links(user=market_reporter)] == ["(一)-1"]
    assert unit("天镇县市场监督管理局") == market_reporter.unit
